import { getDb, type Database } from '../../db/client.server'
import type { FilterProblem } from '../utils/parameter-problem'

import type { IssueFilters } from './issue-filters'
import { countIssues, listIssues, type StaleMeasure } from './issue.server'
import { resolveRepositoryIds } from './repository.server'

/**
 * Runs the board's query for parsed filters. Repository names that match no mirrored repository
 * are returned as problems and left out, like any other bad filter value. `stale` (the API's
 * filter) keeps only what the stale page lists on that measure.
 */
export async function queryBoard(
  filters: IssueFilters & { stale?: StaleMeasure | null },
  db: Database = getDb(),
) {
  const { ids, unknown } = await resolveRepositoryIds(filters.repos, db)
  const isEveryRepoUnknown = filters.repos.length > 0 && ids.length === 0
  // Left out beside a known one, an unknown name is ignored; alone, it empties the list, and the
  // notice says so: "ignored" above an empty list read as if the filter had no part in it.
  const problems: FilterProblem[] = unknown.map((name) => ({
    parameter: 'repo',
    message: isEveryRepoUnknown
      ? `no mirrored repository is named "${name}", so nothing is listed`
      : `no mirrored repository is named "${name}"`,
    allowed: 'owner/name of a mirrored repository',
  }))
  const known = filters.repos.filter((name) => !unknown.includes(name))
  // Every named repository was unknown: show nothing rather than silently widening to all.
  if (isEveryRepoUnknown) {
    return { items: [], nextCursor: null, total: 0, problems, repos: known }
  }
  const listFilters = { ...filters, repositoryIds: ids }
  const [page, total] = await Promise.all([
    listIssues(listFilters, db),
    countIssues(listFilters, db),
  ])
  return { ...page, total, problems, repos: known }
}
