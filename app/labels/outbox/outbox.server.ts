import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import type {
  LabelChangeAction,
  LabelChangeStatus,
  LabelConflictResolution,
} from '../../../db/schema'
import { isDemoAccount } from '../../accounts/account.server'
import type { Actor } from '../../accounts/person'
import { refuse } from '../../utils/refusal'
import { labelKey, LABEL_NAME_MAX } from '../scheme/scheme'

// The durable outbox of label writes: one row per label added to or removed from one issue.
// Workers claim rows with FOR UPDATE SKIP LOCKED under a lease, so several can run at once and
// a crashed worker's rows are taken again once its lease ends. The rows stay as the audit log.

export type NewLabelChange = {
  repositoryId: number
  issueNumber: number
  issueId?: number | null
  label: string
  action: LabelChangeAction
  /** The managed labels the plan was computed against. */
  baseLabels: readonly string[]
}

/** How long a claim lasts before another worker may take the row again. */
export const DEFAULT_LEASE_MS = 5 * 60_000

const CLAIMED_COLUMNS = [
  'id',
  'repository_id',
  'issue_number',
  'issue_id',
  'label',
  'action',
  'base_labels',
  'attempts',
  'new_label',
  'requested_by_login',
] as const

export type ClaimedLabelChange = {
  id: number
  repository_id: number
  /** Null for a rename of the repository's label. */
  issue_number: number | null
  issue_id: number | null
  label: string
  action: LabelChangeAction
  base_labels: string[]
  attempts: number
  new_label: string | null
  requested_by_login: string
  /** Asked for by a demo person (a demo account): never sent to GitHub. */
  is_demo_request: boolean
}

/**
 * The repositories mirrored from GitHub among `repositoryIds` when `actor` is a demo person, whose
 * changes must never reach GitHub (decision 012), or an empty list. The demo's own copies are not
 * among them: there a demo person's changes are queued and logged, and the worker skips them.
 */
export async function listDemoBlockedRepositories(
  actor: Actor,
  repositoryIds: readonly number[],
  db: Database = getDb(),
): Promise<string[]> {
  if (actor.id === null || repositoryIds.length === 0) return []
  const rows = await db
    .selectFrom('repository')
    .select('full_name')
    .where('id', 'in', [...new Set(repositoryIds)])
    .where('history_recorded', '=', true)
    .where(isDemoAccount(sql.val(actor.id)))
    .orderBy('full_name')
    .execute()
  return rows.map((row) => row.full_name)
}

/** What a demo person is told when asking to change labels on repositories mirrored from GitHub. */
export function demoWriteRefusal(repositories: readonly string[]) {
  const shown = repositories.slice(0, 3).join(', ') + (repositories.length > 3 ? '…' : '')
  return (
    `Demo people’s label changes are never sent to GitHub, and ${shown} ${repositories.length === 1 ? 'is' : 'are'} ` +
    'mirrored from GitHub: nothing was queued. A maintainer signed in with GitHub applies them ' +
    '(GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET), or the operator runs npm run labels -- apply.'
  )
}

/** Refuses (403, nothing queued) a demo person's changes on repositories mirrored from GitHub. */
async function refuseDemoWrites(actor: Actor, repositoryIds: readonly number[], db: Database) {
  const blocked = await listDemoBlockedRepositories(actor, repositoryIds, db)
  if (blocked.length > 0) refuse(demoWriteRefusal(blocked), 403)
}

/** What is wrong with a change, before anything is stored; null when it can be queued. */
function problemWith(change: NewLabelChange): string | null {
  const where = `issue #${change.issueNumber}`
  if (!Number.isInteger(change.issueNumber) || change.issueNumber < 1) {
    return `"${change.issueNumber}" is not an issue number.`
  }
  if (change.action !== 'add' && change.action !== 'remove') {
    return `"${String(change.action)}" is not a label action (add or remove) on ${where}.`
  }
  return labelNameProblem(change.label, ` on ${where}`)
}

/** What GitHub would refuse in a label name; null when it is fine. */
function labelNameProblem(name: string, where = '') {
  if (name.trim() === '' || name !== name.trim()) {
    return `The label "${name}"${where} is empty or starts or ends with a space.`
  }
  const length = [...name].length
  if (length > LABEL_NAME_MAX) {
    return `The label "${name}"${where} is ${length} characters long; GitHub allows ${LABEL_NAME_MAX}.`
  }
  return null
}

type NewRow = {
  repository_id: number
  issue_number: number
  issue_id: number | null
  label: string
  action: LabelChangeAction
  base_labels: string[]
}

/**
 * Queues changes in one statement; a change already waiting (same issue, label in any case,
 * action) is not queued twice. Bad input throws a clear message and queues nothing.
 */
export async function enqueueLabelChanges(
  changes: readonly NewLabelChange[],
  actor: Actor,
  db: Database = getDb(),
): Promise<{ queued: number; alreadyQueued: number }> {
  for (const change of changes) {
    const problem = problemWith(change)
    if (problem) throw new Error(problem)
  }
  if (actor.login.trim() === '') throw new Error('A label change needs the login of who asked.')
  // The first spelling of a label wins, as GitHub keeps the first one created.
  const byKey = new Map<string, NewLabelChange>()
  for (const change of changes) {
    const key = [change.repositoryId, change.issueNumber, labelKey(change.label), change.action]
    if (!byKey.has(key.join('\u0000'))) byKey.set(key.join('\u0000'), change)
  }
  const unique = [...byKey.values()]
  if (unique.length === 0) return { queued: 0, alreadyQueued: 0 }
  await refuseDemoWrites(
    actor,
    unique.map((change) => change.repositoryId),
    db,
  )
  // One statement, so all or none are queued (and it runs inside a caller's transaction too).
  // The rows travel as one JSON parameter: bound one by one, a plan of ~8,000 changes would
  // pass PostgreSQL's limit of 65,535 parameters.
  const rows = unique.map((change) => ({
    repository_id: change.repositoryId,
    issue_number: change.issueNumber,
    issue_id: change.issueId ?? null,
    label: change.label,
    action: change.action,
    base_labels: [...change.baseLabels],
  }))
  const inserted = await db
    .insertInto('label_change')
    .columns([
      'repository_id',
      'issue_number',
      'issue_id',
      'label',
      'action',
      'base_labels',
      'requested_by',
      'requested_by_login',
    ])
    .expression(
      db
        .selectFrom(
          sql<NewRow>`json_to_recordset(${JSON.stringify(rows)}::text::json)`.as<'r'>(
            sql`r(repository_id bigint, issue_number integer, issue_id bigint, label text, action text, base_labels text[])`,
          ),
        )
        .select([
          'r.repository_id',
          'r.issue_number',
          'r.issue_id',
          'r.label',
          'r.action',
          'r.base_labels',
          sql<number | null>`cast(${actor.id} as integer)`.as('requested_by'),
          sql<string>`cast(${actor.login} as text)`.as('requested_by_login'),
        ]),
    )
    // The partial unique index on open rows: the change is already waiting.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute()
  return { queued: inserted.length, alreadyQueued: changes.length - inserted.length }
}

export type NewLabelRename = { repositoryId: number; from: string; to: string }

/**
 * Queues one rename of a repository's label (sent as PATCH new_name, so issues keep it). Answers
 * false when a rename of that label is already waiting: the partial unique index
 * label_change_open_rename_key refuses a second one. Bad names throw and queue nothing.
 */
export async function enqueueLabelRename(
  rename: NewLabelRename,
  actor: Actor,
  db: Database = getDb(),
): Promise<boolean> {
  for (const name of [rename.from, rename.to]) {
    const problem = labelNameProblem(name)
    if (problem) throw new Error(problem)
  }
  if (rename.from === rename.to) throw new Error(`"${rename.from}" would be renamed to itself.`)
  if (actor.login.trim() === '') throw new Error('A label change needs the login of who asked.')
  await refuseDemoWrites(actor, [rename.repositoryId], db)
  const inserted = await db
    .insertInto('label_change')
    .values({
      repository_id: rename.repositoryId,
      issue_number: null,
      label: rename.from,
      new_label: rename.to,
      action: 'rename',
      base_labels: [],
      requested_by: actor.id,
      requested_by_login: actor.login,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

const isClaimable = sql<boolean>`(status = 'pending' or (status = 'running' and claimed_until < now()))`

/**
 * Takes up to `limit` waiting changes (a crashed worker's expired ones included), oldest first,
 * plus every other waiting change of the same issues, so one issue is read from GitHub once.
 * Rows another worker is claiming are skipped, never waited for. `skipIds` are left alone: a
 * run does not retry within itself what it has just given back.
 */
export async function claimLabelChanges(
  worker: string,
  limit: number,
  db: Database = getDb(),
  options: {
    leaseMs?: number
    skipIds?: readonly number[]
    /** Only these repositories' changes (the CLI's `apply owner/name`). */
    repositoryIds?: readonly number[]
  } = {},
): Promise<ClaimedLabelChange[]> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const skipIds = options.skipIds ?? []
  const repositoryIds = options.repositoryIds
  if (repositoryIds?.length === 0) return []
  return db.transaction().execute(async (trx) => {
    let first = trx
      .selectFrom('label_change')
      .select(['id', 'repository_id', 'issue_number'])
      .where(isClaimable)
    if (skipIds.length > 0) first = first.where('id', 'not in', [...skipIds])
    if (repositoryIds) first = first.where('repository_id', 'in', [...repositoryIds])
    // Only an issue's oldest open change starts a claim: it is locked by whoever takes it, so a
    // second worker cannot start on a sibling and read the same issue again.
    first = first.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('label_change as older')
            .select('older.id')
            .whereRef('older.repository_id', '=', 'label_change.repository_id')
            .whereRef('older.issue_number', '=', 'label_change.issue_number')
            .where('older.status', 'in', ['pending', 'running'])
            .whereRef('older.id', '<', 'label_change.id'),
        ),
      ),
    )
    const picked = await first.orderBy('id').limit(limit).forUpdate().skipLocked().execute()
    if (picked.length === 0) return []
    let siblings = trx
      .selectFrom('label_change')
      .select('id')
      .where(isClaimable)
      .where((eb) =>
        eb.or(
          picked.map((row) =>
            eb.and([
              eb('repository_id', '=', row.repository_id),
              eb('issue_number', '=', row.issue_number),
            ]),
          ),
        ),
      )
    if (skipIds.length > 0) siblings = siblings.where('id', 'not in', [...skipIds])
    const more = await siblings.forUpdate().skipLocked().execute()
    const ids = [...new Set([...picked, ...more].map((row) => row.id))]
    const claimed = await trx
      .updateTable('label_change')
      .set((eb) => ({
        status: 'running',
        claimed_by: worker,
        claimed_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .returning((eb) => [
        ...CLAIMED_COLUMNS,
        isDemoAccount(eb.ref('requested_by')).as('is_demo_request'),
      ])
      .execute()
    return claimed.sort((a, b) => a.id - b.id)
  })
}

export type LabelChangeOutcome = {
  /** pending gives the change back to be tried again by a later run. */
  status: Exclude<LabelChangeStatus, 'running'>
  /** Only the worker holding the claim may record an outcome. */
  worker: string
  error?: string | null
  githubStatus?: number | null
  githubResponse?: unknown
}

/**
 * Records what became of a claimed change and releases it. Answers false when the claim was
 * lost (the lease ran out and another worker took the row): the late outcome is dropped.
 */
export async function finishLabelChange(
  id: number,
  outcome: LabelChangeOutcome,
  db: Database = getDb(),
): Promise<boolean> {
  const isFinal = outcome.status !== 'pending'
  const result = await db
    .updateTable('label_change')
    .set({
      status: outcome.status,
      last_error: outcome.error ?? null,
      github_status: outcome.githubStatus ?? null,
      github_response:
        outcome.githubResponse === undefined
          ? null
          : sql<string>`cast(${JSON.stringify(outcome.githubResponse)}::text as jsonb)`,
      claimed_by: null,
      claimed_until: null,
      finished_at: isFinal ? sql<Date>`now()` : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', outcome.worker)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** The changes of an issue still waiting or applied for one base, with their own action. */
export async function listIssueLabelChanges(
  repositoryId: number,
  issueNumber: number,
  db: Database = getDb(),
) {
  return db
    .selectFrom('label_change')
    .select(['id', 'label', 'action', 'base_labels', 'status', 'attempts'])
    .where('repository_id', '=', repositoryId)
    .where('issue_number', '=', issueNumber)
    .where('status', 'in', ['pending', 'running', 'done'])
    .orderBy('id')
    .execute()
}

export type LabelChangeFilters = {
  repositoryId?: number
  status?: LabelChangeStatus
  /** Only conflicts nobody has settled yet. */
  openConflicts?: boolean
  /** The id of the last row of the previous page. */
  before?: number
  limit?: number
}

export type LabelChangeEntry = {
  id: number
  repository_id: number
  full_name: string
  issue_number: number | null
  label: string
  new_label: string | null
  action: LabelChangeAction
  base_labels: string[]
  requested_by_login: string
  /** Asked for by a demo person: a demo action, and the log says so. */
  is_demo_request: boolean
  /** On the MirageOS demo's copy of a repository: never sent, whatever the token (skipDemo). */
  is_demo_copy: boolean
  requested_at: Date
  status: LabelChangeStatus
  attempts: number
  last_error: string | null
  github_status: number | null
  github_response: unknown
  finished_at: Date | null
  resolution: LabelConflictResolution | null
  resolved_by_login: string | null
  /** Settled or cancelled by a demo person: demo actions too, named as such. */
  is_demo_resolution: boolean
  resolved_at: Date | null
  cancelled_by_login: string | null
  is_demo_cancel: boolean
  cancelled_at: Date | null
}

/** The audit log, newest first, a page at a time (keyset on requested_at, id). */
export async function listLabelChanges(
  filters: LabelChangeFilters = {},
  db: Database = getDb(),
): Promise<{ items: LabelChangeEntry[]; next: number | null }> {
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 500)
  let query = db
    .selectFrom('label_change as c')
    .innerJoin('repository as r', 'r.id', 'c.repository_id')
    .select((eb) => [
      'c.id',
      'c.repository_id',
      'r.full_name',
      'c.issue_number',
      'c.label',
      'c.new_label',
      'c.action',
      'c.base_labels',
      'c.requested_by_login',
      isDemoAccount(eb.ref('c.requested_by')).as('is_demo_request'),
      // As holdsDemoRepositories tells the demo's copies: their history is not recorded.
      eb.not(eb.ref('r.history_recorded')).as('is_demo_copy'),
      'c.requested_at',
      'c.status',
      'c.attempts',
      'c.last_error',
      'c.github_status',
      'c.github_response',
      'c.finished_at',
      'c.resolution',
      'c.resolved_by_login',
      isDemoAccount(eb.ref('c.resolved_by')).as('is_demo_resolution'),
      'c.resolved_at',
      'c.cancelled_by_login',
      isDemoAccount(eb.ref('c.cancelled_by')).as('is_demo_cancel'),
      'c.cancelled_at',
    ])
  if (filters.repositoryId !== undefined) {
    query = query.where('c.repository_id', '=', filters.repositoryId)
  }
  if (filters.status !== undefined) query = query.where('c.status', '=', filters.status)
  if (filters.openConflicts) {
    query = query.where('c.status', '=', 'conflict').where('c.resolution', 'is', null)
  }
  if (filters.before !== undefined) {
    // Compared in the database: a JavaScript Date would drop the microseconds of requested_at.
    query = query.where(
      sql<boolean>`(c.requested_at, c.id) < (select requested_at, id from label_change where id = ${filters.before})`,
    )
  }
  const rows = await query
    .orderBy('c.requested_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    next: rows.length > limit && last ? last.id : null,
  }
}

/** Changes waiting to be sent (pending, or running under a claim), of these repositories. */
export async function countOpenLabelChanges(
  repositoryIds?: readonly number[],
  db: Database = getDb(),
): Promise<number> {
  if (repositoryIds?.length === 0) return 0
  const row = await db
    .selectFrom('label_change')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('status', 'in', ['pending', 'running'])
    .$if(repositoryIds !== undefined, (qb) => qb.where('repository_id', 'in', [...repositoryIds!]))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * Renames still waiting to be sent, per repository id, in the order they were queued: plans read
 * labels under the names they are about to have.
 */
export async function listOpenRenames(
  repositoryIds: readonly number[],
  db: Database = getDb(),
): Promise<Map<number, { from: string; to: string }[]>> {
  const result = new Map<number, { from: string; to: string }[]>()
  if (repositoryIds.length === 0) return result
  const rows = await db
    .selectFrom('label_change')
    .select(['repository_id', 'label', 'new_label'])
    .where('action', '=', 'rename')
    .where('status', 'in', ['pending', 'running'])
    .where('repository_id', 'in', [...repositoryIds])
    .orderBy('id')
    .execute()
  for (const row of rows) {
    const renames = result.get(row.repository_id) ?? []
    renames.push({ from: row.label, to: row.new_label! })
    result.set(row.repository_id, renames)
  }
  return result
}

const SENT_WORDS: Partial<Record<LabelChangeStatus, string>> = {
  running: 'is being sent to GitHub right now',
  done: 'was already sent to GitHub',
  conflict: 'was already tried on GitHub (it met a conflict)',
  failed: 'was already tried on GitHub (it failed)',
  skipped: 'was already settled without a request',
  cancelled: 'was already cancelled',
}

/**
 * Cancels a change still waiting to be sent: it stays in the log as cancelled, with who and when.
 * A change a worker holds or has sent can no longer be cancelled (409, with what became of it);
 * the update is conditional, so a worker claiming it at the same moment wins or loses cleanly.
 */
export async function cancelLabelChange(id: number, actor: Actor, db: Database = getDb()) {
  const cancelled = await db
    .updateTable('label_change')
    .set({
      status: 'cancelled',
      cancelled_by_login: actor.login,
      cancelled_by: actor.id,
      cancelled_at: sql<Date>`now()`,
      finished_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  if (cancelled) return
  const row = await db
    .selectFrom('label_change')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) refuse(`There is no label change ${id}.`, 404)
  refuse(
    `Change ${id} ${SENT_WORDS[row.status] ?? `is ${row.status}`}: only a change still waiting can be cancelled.`,
    409,
  )
}
