import { issueFiltersToSearchParams, type IssueTypeFilter } from './issue-filters'

/**
 * The stale page (/issues/stale) for a measure and, with `repo`, one repository's stale items
 * only, all of them a page at a time: where "All N stale items in …" and the digest's stale
 * repositories send a reader. `months` is left out only where the page's default is meant.
 */
export function stalePath({
  repo,
  months,
  type = 'all',
}: {
  repo?: string | null
  months?: number
  type?: IssueTypeFilter
}) {
  const params = new URLSearchParams()
  if (repo) params.set('repo', repo)
  if (months !== undefined) params.set('months', String(months))
  if (type !== 'all') params.set('type', type)
  const query = params.toString()
  return query ? `/issues/stale?${query}` : '/issues/stale'
}

/**
 * The same stale items on the issues board (/issues with its stale filter), where they can be
 * narrowed further by label, author or search: where the stale page's "on the board" links lead.
 */
export function staleBoardPath({
  repo,
  months,
  type = 'all',
}: {
  repo?: string | null
  months: number
  type?: IssueTypeFilter
}) {
  return `/issues?${issueFiltersToSearchParams({ repos: repo ? [repo] : [], type, staleMonths: months })}`
}
