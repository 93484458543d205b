import { getBoardClock } from '../../app/mirror/board-clock.server'
import { queryBoard } from '../../app/mirror/board.server'
import {
  DEFAULT_FILTERS,
  type IssueCursor,
  type IssueFilters,
} from '../../app/mirror/issue-filters'
import { listStaleIssues } from '../../app/mirror/issue.server'
import { listLabelNames } from '../../app/mirror/label.server'
import { listRepositoriesWithCounts } from '../../app/mirror/repository.server'
import { getStarterStatusOfIssues } from '../../app/starter/issue-status.server'
import type { Database } from '../../db/client.server'

import { summarise, time, warmupFor, type Summary } from './stats'

// The board's reads, called the way its loaders call them, against the seeded organisation.

export const LIST_TARGET_MS = 50
export const COUNTS_TARGET_MS = 20
export const DEEP_PAGE = 51

export type QueryFacts = {
  /** The repository with the most issues. */
  repository: string
  /** The author of the most issues. */
  author: string
  labels: string[]
  searchText: string
}

export type QueryTiming = Summary & {
  name: string
  kind: 'query'
  targetMs: number
  pass: boolean
  /** Items (or repositories, or label names) the last run returned. */
  rows: number
  detail?: string
}

type QueryCase = {
  name: string
  targetMs: number
  detail?: string
  run: () => Promise<number>
}

const board = (filters: Partial<IssueFilters>, db: Database) => async () =>
  (await queryBoard({ ...DEFAULT_FILTERS, ...filters }, db)).items.length

/** Follows the "next page" cursors from the first page; returns the cursor of page `page`. */
async function walkToPage(page: number, db: Database) {
  let cursor: IssueCursor | null = null
  let reached = 1
  while (reached < page) {
    const next: IssueCursor | null = (await queryBoard({ ...DEFAULT_FILTERS, cursor }, db))
      .nextCursor
    if (!next) break
    cursor = next
    reached += 1
  }
  return { cursor, reached }
}

async function queryCases(db: Database, facts: QueryFacts): Promise<QueryCase[]> {
  const deep = await walkToPage(DEEP_PAGE, db)
  // The first page's issues, as /issues asks for their starter status (one statement per page).
  const firstPage = (await queryBoard(DEFAULT_FILTERS, db)).items.map((item) => item.id)
  const { now } = await getBoardClock(db)
  return [
    {
      name: 'first page',
      detail: 'open, recently updated, 50 per page',
      targetMs: LIST_TARGET_MS,
      run: board({}, db),
    },
    {
      name: `deep keyset page`,
      detail: `page ${deep.reached} by cursor`,
      targetMs: LIST_TARGET_MS,
      run: board({ cursor: deep.cursor }, db),
    },
    {
      name: 'two-label filter',
      detail: facts.labels.join(' + '),
      targetMs: LIST_TARGET_MS,
      run: board({ labels: facts.labels }, db),
    },
    {
      name: 'repository filter',
      detail: facts.repository,
      targetMs: LIST_TARGET_MS,
      run: board({ repos: [facts.repository] }, db),
    },
    {
      name: 'selective text search',
      detail: `q=${facts.searchText}`,
      targetMs: LIST_TARGET_MS,
      run: board({ q: facts.searchText }, db),
    },
    {
      name: 'author filter',
      detail: facts.author,
      targetMs: LIST_TARGET_MS,
      run: board({ author: facts.author }, db),
    },
    {
      name: 'stale view',
      detail: '6 months, first 30 repositories, 5 items each (the page)',
      targetMs: LIST_TARGET_MS,
      run: async () =>
        (
          await listStaleIssues(
            { months: 6, type: 'all', perRepository: 5, limit: 30, offset: 0 },
            db,
          )
        ).repositories.length,
    },
    {
      name: 'starter status of a page',
      detail: 'the first page’s 50 issues: their projects (what everyone sees)',
      targetMs: COUNTS_TARGET_MS,
      run: async () => (await getStarterStatusOfIssues(firstPage, null, db)).size,
    },
    {
      name: 'starter status, maintainer',
      detail: 'the same, with the triage candidates among them',
      // Each eligible issue pays the candidates' linked-pull-request check (as a page of
      // /starter/candidates does): a list's budget, on a page only maintainers get, never cached.
      targetMs: LIST_TARGET_MS,
      run: async () =>
        (await getStarterStatusOfIssues(firstPage, { activeMonths: 6, now }, db)).size,
    },
    {
      name: 'repository counts',
      detail: 'listRepositoriesWithCounts',
      targetMs: COUNTS_TARGET_MS,
      run: async () => (await listRepositoriesWithCounts(db)).length,
    },
    {
      name: 'label names',
      detail: 'listLabelNames',
      targetMs: COUNTS_TARGET_MS,
      run: async () => (await listLabelNames(db)).length,
    },
  ]
}

export async function timeQueries(
  db: Database,
  facts: QueryFacts,
  { iterations, log = () => {} }: { iterations: number; log?: (line: string) => void },
): Promise<QueryTiming[]> {
  const results: QueryTiming[] = []
  for (const query of await queryCases(db, facts)) {
    const { durations, last } = await time(query.run, { warmup: warmupFor(iterations), iterations })
    const summary = summarise(durations)
    results.push({
      name: query.name,
      kind: 'query',
      detail: query.detail,
      targetMs: query.targetMs,
      pass: summary.p95 <= query.targetMs,
      rows: last,
      ...summary,
    })
    log(`  ${query.name}: p95 ${summary.p95.toFixed(1)} ms`)
  }
  return results
}
