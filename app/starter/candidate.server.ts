import { sql } from 'kysely'
import { z } from 'zod'

import { anyOf } from '../../db/array-parameter'
import { getDb, type Database } from '../../db/client.server'
import { getBoardClock } from '../mirror/board-clock.server'
import { staleCutoff } from '../mirror/issue.server'
import { countRepositories } from '../mirror/repository.server'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { getEnv } from '../utils/env.server'

import {
  CANDIDATE_POINTS,
  CANDIDATES_PAGE_SIZE,
  HELP_LABELS,
  NEWCOMER_LABELS,
  recencyCutoffs,
  RULED_OUT_LABELS,
  scoreCandidate,
  SHORT_BODY_BYTES,
  STARTER_LABELS,
} from './candidate-score'

// Candidates from the trackers: open mirrored issues that look like starter material and are not
// a starter project yet, ranked by scoreCandidate's rule.
//
// Filters: an open issue (not a pull request) in a repository that is not archived, with a
// non-empty body, nobody assigned, updated within `activeMonths` (STALE_AFTER_MONTHS), carrying a
// newcomer label or a short body and no wontfix/invalid/duplicate label (looksLikeStarterMaterial),
// not attached to a starter project nor dismissed in the triage queue, and without a linked pull
// request. "Linked" is a heuristic: an open pull request of the same repository whose body
// mentions `#N` or `…/issues/N`. References from other repositories are not looked at.

export type CandidateCursor = { score: number; updatedAt: string; id: number }

/** The SQL twin of scoreCandidate (a test keeps the two in step). */
function scoreSql(now: Date) {
  const { lately, quarter } = recencyCutoffs(now)
  return sql<number>`(
    (case when i.label_keys && ${sql.val([...STARTER_LABELS])}::text[] then ${CANDIDATE_POINTS.starterLabel}::int else 0 end)
    + (case when i.label_keys && ${sql.val([...HELP_LABELS])}::text[] then ${CANDIDATE_POINTS.helpLabel}::int else 0 end)
    + (case when octet_length(i.body) < ${SHORT_BODY_BYTES}::int then ${CANDIDATE_POINTS.shortAndConcrete}::int else 0 end)
    + (case when i.updated_at > ${lately} then ${CANDIDATE_POINTS.updatedLately}::int
            when i.updated_at > ${quarter} then ${CANDIDATE_POINTS.updatedThisQuarter}::int
            else 0 end)
  )`
}

/**
 * The issues that pass every filter but the linked-pull-request check, unsorted: `i` the issue,
 * `r` its repository.
 */
function eligibleIssues(activeMonths: number, now: Date, db: Database) {
  return (
    db
      .selectFrom('issue as i')
      .innerJoin('repository as r', 'r.id', 'i.repository_id')
      .where('i.state', '=', 'open')
      .where('i.is_pull_request', '=', false)
      .where('r.is_archived', '=', false)
      .where('i.updated_at', '>', staleCutoff(activeMonths, now))
      .where('i.assignee_logins', '=', sql<string[]>`'{}'::text[]`)
      // Not btrim or a regex: both convert every body to wide characters, and this runs on
      // thousands of rows (a body of only spaces, rare on GitHub, passes).
      .where('i.body', '<>', '')
      .where((eb) =>
        eb.or([
          eb('i.label_keys', '&&', sql<string[]>`${sql.val([...NEWCOMER_LABELS])}::text[]`),
          eb(sql`octet_length(i.body)`, '<', SHORT_BODY_BYTES),
        ]),
      )
      .where(sql<boolean>`not (i.label_keys && ${sql.val([...RULED_OUT_LABELS])}::text[])`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('starter_project as p')
              .select(sql`1`.as('one'))
              .whereRef('p.issue_id', '=', 'i.id'),
          ),
        ),
      )
      // Set aside in the triage queue as "not a starter project" (the reason is kept there).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('starter_triage_dismissal as d')
              .select(sql`1`.as('one'))
              .whereRef('d.issue_id', '=', 'i.id'),
          ),
        ),
      )
  )
}

/**
 * No open pull request of the issue's repository mentions it, checked through the full-text index
 * (a body's `#123` is the lexeme `123`, an issue URL its path) then the exact pattern. Written
 * for an eligible issue `c` (id, repository_id, number) and its repository `r`.
 */
const hasNoLinkedPullRequest = sql<boolean>`not exists (
  select 1 from issue pr
  where pr.repository_id = c.repository_id and pr.state = 'open' and pr.is_pull_request
    and pr.search @@ (quote_literal(c.number::text) || ' | ' || quote_literal('/' || lower(r.full_name) || '/issues/' || c.number))::tsquery
    and pr.body ~ ('(?:#|/issues/)' || c.number || '(?![0-9])')
)`

/**
 * Which of these issues are candidates now, with the sort keys that place each in the triage
 * queue (its position there): `id`, `score`, `updated_at`. A query to join, not run: a page of
 * the board asks it of its own issues in the same statement as their starter projects.
 */
export function candidatesAmong(
  issueIds: readonly number[],
  { activeMonths, now }: { activeMonths: number; now: Date },
  db: Database,
) {
  const eligible = eligibleIssues(activeMonths, now, db)
    .where('i.id', '=', anyOf(issueIds, 'bigint'))
    .select(['i.id', 'i.repository_id', 'i.number', 'i.updated_at', scoreSql(now).as('score')])
  return db
    .selectFrom(eligible.as('c'))
    .innerJoin('repository as r', 'r.id', 'c.repository_id')
    .select(['c.id', 'c.score', 'c.updated_at'])
    .where(hasNoLinkedPullRequest)
}

/**
 * How many candidates there are, counted up to `cap` (`isCapped` past it). Unsorted, so the
 * costly linked check stops once `cap` + 1 issues pass it: far cheaper than a sorted page.
 */
export async function countStarterCandidates(
  { activeMonths, cap, now = new Date() }: { activeMonths: number; cap: number; now?: Date },
  db: Database = getDb(),
) {
  const eligible = eligibleIssues(activeMonths, now, db).select([
    'i.id',
    'i.repository_id',
    'i.number',
  ])
  const { count } = await db
    .selectFrom(
      db
        .selectFrom(eligible.as('c'))
        .innerJoin('repository as r', 'r.id', 'c.repository_id')
        .select('c.id')
        .where(hasNoLinkedPullRequest)
        .limit(cap + 1)
        .as('counted'),
    )
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow()
  return { count: Math.min(count, cap), isCapped: count > cap }
}

/** How far the first-use hints count candidates: the triage queue's page shows the rest. */
export const EMPTY_SUPPLY_CANDIDATE_CAP = CANDIDATES_PAGE_SIZE

/**
 * On a board with no open starter project yet (a fresh install): how many tracker issues could
 * become one, counted as the triage queue counts them (board clock, STALE_AFTER_MONTHS), so the
 * pages that would otherwise show an empty supply can point at the queue. Null once any open
 * project exists.
 */
export async function getEmptySupplyCandidates(db: Database = getDb()) {
  const project = await db
    .selectFrom('starter_project')
    .select('id')
    .where('status', '=', 'open')
    .limit(1)
    .executeTakeFirst()
  if (project) return null
  // A board that mirrors nothing yet (a first sweep still listing the organisation, a misspelled
  // BOARD_REPOS) has no issue to tag either: the hint says where issues come from instead.
  if ((await countRepositories(db)) === 0) return { count: 0, isCapped: false, isMirrorEmpty: true }
  return countBoardCandidates(db)
}

/**
 * How many tracker issues the triage queue suggests as starter projects, as the candidates page
 * lists them (board clock, STALE_AFTER_MONTHS), up to EMPTY_SUPPLY_CANDIDATE_CAP: the capped,
 * unsorted count, cheap enough for the home page.
 */
export async function countBoardCandidates(db: Database = getDb()) {
  const { now } = await getBoardClock(db)
  return countStarterCandidates(
    { activeMonths: getEnv().STALE_AFTER_MONTHS, cap: EMPTY_SUPPLY_CANDIDATE_CAP, now },
    db,
  )
}

/**
 * One page of candidates, best first (score, then most recently updated). The eligible issues
 * are scored and sorted first (a few thousand with 100,000 issues, read through the partial index
 * on open items); the costly linked-pull-request check then runs only until the page is full.
 */
export async function listStarterCandidates(
  {
    activeMonths,
    cursor = null,
    limit = CANDIDATES_PAGE_SIZE,
    now = new Date(),
  }: { activeMonths: number; cursor?: CandidateCursor | null; limit?: number; now?: Date },
  db: Database = getDb(),
) {
  const score = scoreSql(now)
  // Only the sort keys are carried through the sort; the page's rows are read afterwards.
  const eligible = eligibleIssues(activeMonths, now, db)
    .select(['i.id', 'i.repository_id', 'i.number', 'i.updated_at', score.as('score')])
    .$if(cursor !== null, (qb) =>
      qb.where(
        sql<boolean>`(${score}, i.updated_at, i.id) < (${cursor!.score}::int, ${new Date(cursor!.updatedAt)}, ${cursor!.id}::bigint)`,
      ),
    )
    .orderBy('score', 'desc')
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id', 'desc')
    // A fence: the linked check below must run on the sorted rows, lazily, not on all of them.
    .offset(0)

  const rows = await db
    .selectFrom(eligible.as('c'))
    .innerJoin('repository as r', 'r.id', 'c.repository_id')
    .innerJoin('issue as i', 'i.id', 'c.id')
    .select([
      'c.id',
      'c.number',
      'c.updated_at',
      'c.score',
      'r.full_name as repo',
      'r.history_recorded',
      'i.title',
      'i.html_url',
      'i.label_keys',
      'i.comment_count',
      sql<number>`octet_length(i.body)`.as('body_bytes'),
    ])
    .where(hasNoLinkedPullRequest)
    // Already the subquery's order: read in that order, the check stops when the page is full.
    .orderBy('c.score', 'desc')
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute()

  const page = rows.slice(0, limit)
  const items = page.map((row) => {
    const { reasons } = scoreCandidate(
      {
        labelKeys: row.label_keys,
        bodyBytes: row.body_bytes,
        updatedAt: row.updated_at,
        historyRecorded: row.history_recorded,
      },
      now,
    )
    return {
      id: row.id,
      repo: row.repo,
      number: row.number,
      title: row.title,
      url: row.html_url,
      labels: row.label_keys,
      commentCount: row.history_recorded ? row.comment_count : null,
      updatedAt: row.updated_at,
      score: row.score,
      reasons,
      ref: `${row.repo}#${row.number}`,
    }
  })
  const last = page.at(-1)
  const nextCursor: CandidateCursor | null =
    rows.length > limit && last
      ? { score: last.score, updatedAt: last.updated_at.toISOString(), id: last.id }
      : null
  return { items, nextCursor }
}

export type StarterCandidate = Awaited<ReturnType<typeof listStarterCandidates>>['items'][number]

// Issue ids are GitHub's, beyond a PostgreSQL integer: any positive safe integer.
const CandidateCursorSchema = z.tuple([cursorPart.count, cursorPart.time, cursorPart.githubId])

export function encodeCandidateCursor(cursor: CandidateCursor) {
  return encodeCursor([cursor.score, cursor.updatedAt, cursor.id])
}

/** Anything malformed reads as "first page". */
export function decodeCandidateCursor(value: string | null): CandidateCursor | null {
  const parts = decodeCursor(value, CandidateCursorSchema)
  return parts && { score: parts[0], updatedAt: parts[1], id: parts[2] }
}

/** When an open issue was last updated in the mirror (says why the list may be empty). */
export async function getLatestOpenIssueActivity(db: Database = getDb()) {
  const row = await db
    .selectFrom('issue')
    .select('updated_at')
    .where('state', '=', 'open')
    .where('is_pull_request', '=', false)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.updated_at ?? null
}
