import { anyOf } from '../../../db/array-parameter'
import { getDb, type Database } from '../../../db/client.server'

// What GitHub already told the board about writing to a repository or an issue, read back so a
// plan says it before anything is sent again: a token refused (403), an issue deleted (404/410)
// or transferred (301/307) since the mirror last saw it.

export type WriteRefusal = { status: number; error: string; at: Date }

/** Per repository id: the refusal when its last finished write failed with a 403. */
export async function readRepositoryRefusals(
  repositoryIds: readonly number[],
  db: Database = getDb(),
): Promise<Map<number, WriteRefusal>> {
  if (repositoryIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('label_change')
    .select(['repository_id', 'status', 'github_status', 'last_error', 'finished_at'])
    .distinctOn('repository_id')
    .where('repository_id', 'in', [...repositoryIds])
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', 'is not', null)
    .orderBy('repository_id')
    .orderBy('finished_at', 'desc')
    // Two writes may finish at the same instant: the later one sent is the newest answer.
    .orderBy('id', 'desc')
    .execute()
  return new Map(
    rows
      .filter((row) => row.status === 'failed' && row.github_status === 403)
      .map((row) => [
        row.repository_id,
        { status: 403, error: row.last_error ?? '', at: row.finished_at! },
      ]),
  )
}

const GONE_STATUSES = [301, 307, 404, 410]

/** The label changes on these issues (by the mirror's issue id), each joined to its issue. */
function changesOnIssues(issueIds: readonly number[], db: Database) {
  return db
    .selectFrom('label_change as c')
    .innerJoin('issue as i', (join) =>
      join
        .onRef('i.repository_id', '=', 'c.repository_id')
        .onRef('i.number', '=', 'c.issue_number'),
    )
    .where('i.id', '=', anyOf(issueIds, 'bigint'))
}

/**
 * Per issue id: why GitHub said the issue is gone or moved, when a write failed that way after
 * the mirror's last copy of it (a newer copy means the issue is back, or was never gone).
 */
export async function readGoneIssues(
  issueIds: readonly number[],
  db: Database = getDb(),
): Promise<Map<number, WriteRefusal>> {
  if (issueIds.length === 0) return new Map()
  const rows = await changesOnIssues(issueIds, db)
    .select(['i.id as issue_id', 'c.github_status', 'c.last_error', 'c.finished_at'])
    .distinctOn('i.id')
    .where('c.status', '=', 'failed')
    .where('c.github_status', 'in', GONE_STATUSES)
    .whereRef('c.finished_at', '>', 'i.updated_at')
    .orderBy('i.id')
    .orderBy('c.finished_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
  return new Map(
    rows.map((row) => [
      row.issue_id,
      { status: row.github_status!, error: row.last_error ?? '', at: row.finished_at! },
    ]),
  )
}

/**
 * Per issue id: the labels a person changed on GitHub in a conflict no maintainer has settled
 * yet. The mirror still shows the labels from before, so planning the issue again would only
 * queue the same change against them and meet the same conflict.
 */
export async function readOpenConflicts(
  issueIds: readonly number[],
  db: Database = getDb(),
): Promise<Map<number, { humanAdded: string[]; humanRemoved: string[] }>> {
  if (issueIds.length === 0) return new Map()
  const rows = await changesOnIssues(issueIds, db)
    .select(['i.id as issue_id', 'c.github_response'])
    .where('c.status', '=', 'conflict')
    .where('c.resolution', 'is', null)
    .orderBy('c.id')
    .execute()
  const conflicts = new Map<number, { humanAdded: string[]; humanRemoved: string[] }>()
  for (const row of rows) {
    const seen = (row.github_response ?? {}) as { humanAdded?: string[]; humanRemoved?: string[] }
    const known = conflicts.get(row.issue_id) ?? { humanAdded: [], humanRemoved: [] }
    const merge = (into: string[], labels: readonly string[] = []) => {
      for (const label of labels) if (!into.includes(label)) into.push(label)
    }
    // An issue's changes of one plan meet the same edit: each row names it once more.
    merge(known.humanAdded, seen.humanAdded)
    merge(known.humanRemoved, seen.humanRemoved)
    conflicts.set(row.issue_id, known)
  }
  return conflicts
}
