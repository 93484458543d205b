import { sql } from 'kysely'

import { anyOf } from '../../db/array-parameter'
import { getDb, type Database } from '../../db/client.server'
import type { ProjectStatus, Stars } from '../../db/schema'

import { candidatesAmong } from './candidate.server'
import { hasNoRunningClaim } from './running-claim.server'
import { triageHref } from './triage-progress'
import { encodeTriagePosition } from './triage.server'

// What the starter feature makes of mirrored issues, for the pages that list them (/issues,
// /issues/stale, an issue's own page): the starter project attached to each, its two ratings and
// whether someone is working on it; and, for a maintainer only, which are triage candidates.
// One statement for a whole page, keyed by its issue ids: a card never asks on its own.

export type IssueStarterStatus =
  | {
      kind: 'project'
      id: number
      title: string
      /** As people see it: "claimed" while a claim runs (elastic projects too), as the finder says. */
      status: ProjectStatus | 'claimed'
      languageStars: Stars | null
      domainStars: Stars | null
      /** The domain the second axis was rated in. */
      primaryDomain: string
    }
  | {
      kind: 'candidate'
      /** The triage queue opened at this issue (its position: score, update time, id). */
      triageHref: string
    }

/**
 * Candidates are looked for only when this is given: for a maintainer, measured as the triage
 * queue measures them (STALE_AFTER_MONTHS, the board clock), so the link finds the issue there.
 */
export type CandidateMeasure = { activeMonths: number; now: Date }

/** Each row with `starter`: its issue's status as starter work, or null when it has none. */
export async function withStarterStatus<Row extends { id: number }>(
  rows: Row[],
  candidates: CandidateMeasure | null,
  db: Database = getDb(),
): Promise<(Row & { starter: IssueStarterStatus | null })[]> {
  const statuses = await getStarterStatusOfIssues(
    rows.map((row) => row.id),
    candidates,
    db,
  )
  return rows.map((row) => ({ ...row, starter: statuses.get(row.id) ?? null }))
}

export async function getStarterStatusOfIssues(
  issueIds: readonly number[],
  candidates: CandidateMeasure | null,
  db: Database = getDb(),
): Promise<Map<number, IssueStarterStatus>> {
  const ids = [...new Set(issueIds)]
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('issue as i')
    .leftJoin('starter_project as p', 'p.issue_id', 'i.id')
    .select([
      'i.id as issue_id',
      'p.id as project_id',
      'p.title',
      'p.status',
      'p.language_stars',
      'p.domain_stars',
      'p.primary_domain',
      sql<boolean>`(p.id is not null and not ${hasNoRunningClaim('p')})`.as('is_claimed'),
    ])
    .where('i.id', '=', anyOf(ids, 'bigint'))
    // An issue with a project is never a candidate (eligibleIssues leaves them out): the two
    // joins never both match.
    .$if(candidates === null, (qb) => qb.where('p.id', 'is not', null))
    .$if(candidates !== null, (qb) =>
      qb
        .leftJoin(candidatesAmong(ids, candidates!, db).as('k'), 'k.id', 'i.id')
        .select(['k.score', 'k.updated_at as candidate_updated_at'])
        .where((eb) => eb.or([eb('p.id', 'is not', null), eb('k.id', 'is not', null)])),
    )
    .execute()
  const statuses = new Map<number, IssueStarterStatus>()
  for (const row of rows) {
    if (row.project_id !== null) {
      statuses.set(row.issue_id, {
        kind: 'project',
        id: row.project_id,
        title: row.title!,
        status: row.status === 'open' && row.is_claimed ? 'claimed' : row.status!,
        languageStars: row.language_stars,
        domainStars: row.domain_stars,
        primaryDomain: row.primary_domain!,
      })
    } else if (row.score != null && row.candidate_updated_at) {
      const at = encodeTriagePosition({
        kind: 'issue',
        score: row.score,
        updatedAt: new Date(row.candidate_updated_at).toISOString(),
        id: row.issue_id,
      })
      statuses.set(row.issue_id, { kind: 'candidate', triageHref: triageHref(null, { at }) })
    }
  }
  return statuses
}
