// Parsing and printing the board's filters. Pure, so the board page, the JSON API and links
// share one definition of what a valid filter is.

import { z } from 'zod'

import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { formatDate } from '../utils/format'
import { GITHUB_FULL_NAME, GITHUB_LOGIN } from '../utils/github-names'
import type { FilterProblem } from '../utils/parameter-problem'

import type { BoardClock } from './board-clock'

export const ISSUE_SORTS = ['updated', 'newest', 'oldest'] as const
export const ISSUE_STATES = ['open', 'closed', 'all'] as const
export const ISSUE_TYPES = ['all', 'issue', 'pr'] as const

export type IssueSort = (typeof ISSUE_SORTS)[number]
export type IssueStateFilter = (typeof ISSUE_STATES)[number]
export type IssueTypeFilter = (typeof ISSUE_TYPES)[number]

export type IssueCursor = { sort: IssueSort; at: string; id: number }

export type IssueFilters = {
  repos: string[]
  state: IssueStateFilter
  type: IssueTypeFilter
  labels: string[]
  author: string | null
  q: string | null
  sort: IssueSort
  limit: number
  cursor: IssueCursor | null
}

export const DEFAULT_FILTERS: IssueFilters = {
  repos: [],
  state: 'open',
  type: 'all',
  labels: [],
  author: null,
  q: null,
  sort: 'updated',
  limit: 50,
  cursor: null,
}

export const MAX_LIMIT = 100
/** The search box's example: it finds something in the MirageOS demo (a test checks). */
export const ISSUE_SEARCH_EXAMPLE = 'tcp window'
const MAX_LABELS = 10
const MAX_QUERY_LENGTH = 200
// GitHub's own rules: logins are 1-39 alphanumerics or single hyphens; repository names are
// letters, digits, '.', '-' and '_' up to 100 characters.

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

const IssueCursorSchema = z
  .tuple([z.enum(ISSUE_SORTS), cursorPart.time, cursorPart.githubId])
  .transform(([sort, at, id]): IssueCursor => ({ sort, at, id }))

export function encodeIssueCursor(cursor: IssueCursor): string {
  return encodeCursor([cursor.sort, cursor.at, cursor.id])
}

export function decodeIssueCursor(value: string): IssueCursor | null {
  return decodeCursor(value, IssueCursorSchema)
}

/**
 * Reads filters from a query string. Every value that is not valid is left out of the filters
 * and reported as a problem: the board shows what it ignored, the API answers 400.
 */
export function parseIssueFilters(
  params: URLSearchParams,
  defaults: IssueFilters = DEFAULT_FILTERS,
): { filters: IssueFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = []
  const filters: IssueFilters = { ...defaults, repos: [], labels: [] }

  for (const repo of params.getAll('repo').map((value) => value.trim())) {
    if (GITHUB_FULL_NAME.test(repo)) {
      if (!filters.repos.some((known) => known.toLowerCase() === repo.toLowerCase())) {
        filters.repos.push(repo)
      }
    } else {
      problems.push({
        parameter: 'repo',
        message: `"${repo}" is not a repository name`,
        allowed: 'owner/name',
      })
    }
  }

  const state = params.get('state')
  if (state !== null) {
    if (oneOf(ISSUE_STATES, state)) filters.state = state
    else
      problems.push({
        parameter: 'state',
        message: `"${state}" is not a state`,
        allowed: ISSUE_STATES.join(', '),
      })
  }

  const type = params.get('type')
  if (type !== null) {
    if (oneOf(ISSUE_TYPES, type)) filters.type = type
    else
      problems.push({
        parameter: 'type',
        message: `"${type}" is not a type`,
        allowed: ISSUE_TYPES.join(', '),
      })
  }

  for (const label of params.getAll('label').map((value) => value.trim())) {
    if (label === '') continue
    if (label.length > 50) {
      problems.push({
        parameter: 'label',
        message: 'a label name is at most 50 characters',
        allowed: 'a label name of 1-50 characters',
      })
    } else if (filters.labels.length >= MAX_LABELS) {
      problems.push({
        parameter: 'label',
        message: `at most ${MAX_LABELS} labels can be combined`,
        allowed: `up to ${MAX_LABELS} label parameters`,
      })
    } else if (!filters.labels.some((known) => known.toLowerCase() === label.toLowerCase())) {
      filters.labels.push(label)
    }
  }

  const author = params.get('author')?.trim()
  if (author) {
    const login = author.replace(/^@/, '')
    if (GITHUB_LOGIN.test(login)) filters.author = login
    else
      problems.push({
        parameter: 'author',
        message: `"${author}" is not a GitHub login`,
        allowed: 'a GitHub login',
      })
  }

  const q = params.get('q')?.trim()
  if (q) {
    if (q.length <= MAX_QUERY_LENGTH) filters.q = q
    else
      problems.push({
        parameter: 'q',
        message: `the search text is longer than ${MAX_QUERY_LENGTH} characters`,
        allowed: `up to ${MAX_QUERY_LENGTH} characters`,
      })
  }

  const sort = params.get('sort')
  if (sort !== null) {
    if (oneOf(ISSUE_SORTS, sort)) filters.sort = sort
    else
      problems.push({
        parameter: 'sort',
        message: `"${sort}" is not a sort order`,
        allowed: ISSUE_SORTS.join(', '),
      })
  }

  const limit = params.get('limit')
  if (limit !== null) {
    const parsed = Number(limit)
    if (/^\d+$/.test(limit) && parsed >= 1 && parsed <= MAX_LIMIT) filters.limit = parsed
    else
      problems.push({
        parameter: 'limit',
        message: `"${limit}" is not a page size`,
        allowed: `a whole number from 1 to ${MAX_LIMIT}`,
      })
  }

  const cursor = params.get('cursor')
  if (cursor) {
    const decoded = decodeIssueCursor(cursor)
    if (decoded && decoded.sort === filters.sort) filters.cursor = decoded
    else
      problems.push({
        parameter: 'cursor',
        message: 'the cursor is not one this board issued for this sort order',
        allowed: 'the nextCursor of a previous answer',
      })
  }

  return { filters, problems }
}

/** The stale measure's range in months, as /issues/stale and the API's `stale` filter accept it. */
export const STALE_MONTHS = { min: 1, max: 120 } as const

/** A `months` value as the stale page and the API read it; null when it is not one. */
export function parseStaleMonths(value: string): number | null {
  const parsed = Number(value)
  return /^\d+$/.test(value) && parsed >= STALE_MONTHS.min && parsed <= STALE_MONTHS.max
    ? parsed
    : null
}

/** The months the stale page and the board's stale filter offer; a link's own value is added. */
export const STALE_MONTH_CHOICES = [3, 6, 12, 24, 36] as const

/** The choices for a months select: the usual ones, the current value and the default, in order. */
export function staleMonthChoices(...shown: number[]): number[] {
  return [...new Set([...STALE_MONTH_CHOICES, ...shown])].sort((a, b) => a - b)
}

/**
 * The `stale` filter of the board (/issues) and the API (/api/issues): `stale=true` keeps the
 * items /issues/stale lists (open, untouched for `months`, by default the board's
 * STALE_AFTER_MONTHS, as that page's `months`). Read apart from parseIssueFilters because a bad
 * value is refused on the board too (400), not ignored: ignoring it would list fresh work under a
 * stale heading.
 */
export function parseStaleFilter(
  params: URLSearchParams,
  { defaultMonths, state }: { defaultMonths: number; state: IssueStateFilter },
): { months: number | null; problems: FilterProblem[] } {
  const problems: FilterProblem[] = []
  const stale = params.get('stale')
  const monthsParam = params.get('months')
  const isStale = stale === 'true'
  if (stale !== null && !isStale) {
    problems.push({
      parameter: 'stale',
      message: `"${stale}" is not a stale filter`,
      allowed: 'true (leave it out for every item)',
    })
  }
  let months = defaultMonths
  if (monthsParam !== null) {
    const parsed = parseStaleMonths(monthsParam)
    if (parsed === null) {
      problems.push({
        parameter: 'months',
        message: `"${monthsParam}" is not a number of months`,
        allowed: `a whole number from ${STALE_MONTHS.min} to ${STALE_MONTHS.max}, with stale=true`,
      })
    } else if (stale === null) {
      problems.push({
        parameter: 'months',
        message: 'months measures stale work, and stale is not asked for',
        allowed: 'months with stale=true',
      })
    } else months = parsed
  }
  // Stale work is open by definition: asking for closed stale items is a contradiction, not an
  // empty list.
  if (isStale && state === 'closed') {
    problems.push({
      parameter: 'stale',
      message: 'stale work is open work, so it cannot be asked for with state=closed',
      allowed: 'stale=true with state=open (the default) or state=all',
    })
  }
  return { months: isStale ? months : null, problems }
}

/** The query string for a set of filters, leaving out defaults so shared links stay short. */
export function issueFiltersToSearchParams(
  filters: Partial<IssueFilters> & { staleMonths?: number | null },
  defaults: IssueFilters = DEFAULT_FILTERS,
): URLSearchParams {
  const params = new URLSearchParams()
  for (const repo of filters.repos ?? []) params.append('repo', repo)
  if (filters.state && filters.state !== defaults.state) params.set('state', filters.state)
  if (filters.type && filters.type !== defaults.type) params.set('type', filters.type)
  for (const label of filters.labels ?? []) params.append('label', label)
  if (filters.author) params.set('author', filters.author)
  if (filters.q) params.set('q', filters.q)
  // Always with its months, even the default: a shared link keeps its measure on a board whose
  // STALE_AFTER_MONTHS differs.
  if (filters.staleMonths != null) {
    params.set('stale', 'true')
    params.set('months', String(filters.staleMonths))
  }
  if (filters.sort && filters.sort !== defaults.sort) params.set('sort', filters.sort)
  if (filters.limit && filters.limit !== defaults.limit) params.set('limit', String(filters.limit))
  if (filters.cursor) params.set('cursor', encodeIssueCursor(filters.cursor))
  return params
}

/**
 * The sidebar's order of repositories: the chosen ones first, then those with open work, then the
 * rest, each by name. A phone shows a few rows of the list at a time, so what matters comes first.
 */
export function sidebarOrder<
  Repo extends { full_name: string; open_issue_count: number; open_pull_count: number },
>(repositories: readonly Repo[], chosen: readonly string[]): Repo[] {
  const isChosen = new Set(chosen.map((name) => name.toLowerCase()))
  const rank = (repo: Repo) =>
    isChosen.has(repo.full_name.toLowerCase())
      ? 0
      : repo.open_issue_count + repo.open_pull_count > 0
        ? 1
        : 2
  return repositories
    .map((repo) => ({ repo, rank: rank(repo), name: repo.full_name.toLowerCase() }))
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ repo }) => repo)
}

/**
 * The filters that differ from the defaults, each in a few words: what a phone shows on its folded
 * "Filters" line, so the results can come first without hiding what narrowed them.
 */
export function describeActiveFilters(
  filters: IssueFilters,
  stale: StaleFilterMeasure | null = null,
): string[] {
  const parts: string[] = []
  if (filters.q) parts.push(`“${filters.q}”`)
  if (filters.repos.length > 0) {
    parts.push(
      filters.repos.length > 2 ? `${filters.repos.length} repositories` : filters.repos.join(', '),
    )
  }
  if (filters.labels.length > 0) {
    parts.push(`${filters.labels.length > 1 ? 'labels' : 'label'} ${filters.labels.join(', ')}`)
  }
  if (filters.author) parts.push(`by ${filters.author}`)
  if (stale) parts.push(`stale: ${describeStaleFilter(stale)}`)
  if (filters.state !== DEFAULT_FILTERS.state) {
    parts.push(filters.state === 'all' ? 'open and closed' : filters.state)
  }
  if (filters.type !== DEFAULT_FILTERS.type) {
    parts.push(filters.type === 'pr' ? 'pull requests only' : 'issues only')
  }
  if (filters.sort !== DEFAULT_FILTERS.sort) parts.push(`${filters.sort} first`)
  return parts
}

/** The stale filter's measure as the board applied it: `cutoff` is staleCutoff(months, clock.now). */
export type StaleFilterMeasure = { months: number; cutoff: Date; clock: BoardClock }

/**
 * The stale filter's measure in words: from when, and on which clock (decision 012). A snapshot's
 * "now" is its data's last activity, not today, and the words say so.
 */
export function describeStaleFilter({ months, cutoff, clock }: StaleFilterMeasure) {
  const measured =
    clock.kind === 'snapshot'
      ? `measured from the data’s last activity, ${formatDate(clock.now)}`
      : 'as of today'
  return `no activity for ${months} months (since ${formatDate(cutoff)}, ${measured})`
}
