import { z } from 'zod'

import type { LanguageLevel, ProjectSize, ProjectStatus, Stars } from '../../db/schema'
import { decodeCursor, encodeCursor } from '../utils/cursor'
import { GITHUB_FULL_NAME, GITHUB_LOGIN } from '../utils/github-names'

// The newcomer finder's rule, pure: what a background and filters mean (parsed from the URL,
// printed back into it), which projects are eligible, and in which order they come. The SQL
// query in app/starter/finder.server.ts computes the same rank keys; a database test
// checks that both order random projects identically.
//
// Background: language level none / some / comfortable allows language difficulty up to
// 1★ / 2★ / 3★. A project in a domain you know (primary or secondary) may be up to 3★ on the
// domain axis; any other project up to 1★ (so naming no domains means 1★ everywhere). "Show
// projects above my level" lifts both limits. An unrated axis is never hidden (most projects
// start unrated) and never passes for easy: unrated projects rank after rated ones.
//
// Eligible: stored status open (done and inactive only when asked for with `status=`; claimed
// ones appear, after the unclaimed ones), within your level, and within every filter. The text
// search (`q`) is a filter the database applies (app/mirror/search.server.ts): it narrows the
// list, never reorders it.
//
// Order, each key breaking ties of the one before:
//   1. fits you: rated on both axes within your level, a size that fits your time, in a domain
//      you know (primary or secondary; any domain if you named none) > everything else. So a
//      project that fits ranks above every unrated or unknown-size project, whatever its domain.
//      A step up (`stepUp=N`, the link after a finished project rated N★): of those that fit,
//      the ones rated above N★ in the language come before the easier ones, which she has
//      outgrown (0: fits and a step up, or fits with no step asked; 1: fits, no step up; 2: rest);
//   2. unclaimed before claimed (an elastic project takes several people: it counts as
//      unclaimed): a claimed project is not available to you now, so however well its domain
//      matches, it comes after every free project of the same fit (the product owner's call);
//   3. domain match: your domain is its primary domain > one of its secondary domains > neither;
//   4. if you want a mentor, projects with a mentor one can reach first (a name alone is none);
//   5. size fits your time (day < week < month; elastic fits any time), then size unknown, then
//      too big;
//   6. rated before unrated (fewer unrated axes first);
//   7. easier first (sum of the stars that are set);
//   8. newest first; 9. highest id first.

/** The longest finder query string a person may save. */
export const MAX_SAVED_QUERY_LENGTH = 2000

export const LANGUAGE_LEVELS = ['none', 'some', 'comfortable'] as const satisfies LanguageLevel[]
export const TIME_AVAILABLE = ['day', 'week', 'month', 'any'] as const
export const FINDER_SIZES = ['day', 'week', 'month', 'elastic'] as const satisfies ProjectSize[]
export const STAR_VALUES = [1, 2, 3] as const satisfies Stars[]

export type TimeAvailable = (typeof TIME_AVAILABLE)[number]

/** Which stored statuses to list: open by default; done and inactive for the API and the feed. */
export const FINDER_STATUSES = ['open', 'done', 'inactive', 'all'] as const
export type FinderStatus = (typeof FINDER_STATUSES)[number]
/** The longest search text. */
export const MAX_FINDER_QUERY_LENGTH = 200
/** The search box's example: it finds projects in the MirageOS demo (a test checks). */
export const FINDER_SEARCH_EXAMPLE = 'unikernel -xen'
// GitHub's rules: a login of 1-39 alphanumerics or hyphens, a name of letters, digits, . - _.

export const LANGUAGE_LEVEL_LABELS: Record<LanguageLevel, string> = {
  none: 'New to it',
  some: 'Some experience',
  comfortable: 'Comfortable',
}

/** The question every form asking for a language level puts (finder, "nothing fits me"). */
export function languageLevelQuestion(languageName: string) {
  return `How well do you know ${languageName}?`
}

export const TIME_LABELS: Record<TimeAvailable, string> = {
  day: 'About a day',
  week: 'About a week',
  month: 'About a month',
  any: 'Any amount',
}

/** The highest language difficulty each level allows. */
export const LEVEL_MAX_LANGUAGE_STARS: Record<LanguageLevel, Stars> = {
  none: 1,
  some: 2,
  comfortable: 3,
}
/** Domain difficulty allowed in a domain you know, and in any other. */
export const KNOWN_DOMAIN_MAX_STARS: Stars = 3
export const OTHER_DOMAIN_MAX_STARS: Stars = 1

export const DEFAULT_FINDER_LIMIT = 20
export const MAX_FINDER_LIMIT = 100

/** Who is looking: what they said about themselves. */
export type FinderBackground = {
  level: LanguageLevel
  /** Domains they already know, in the settings' order. */
  knownDomains: string[]
  time: TimeAvailable
  wantsMentor: boolean
}

/** Plain filters on top of the background. */
export type FinderFilters = {
  /** Only projects with this primary or secondary domain. */
  domain: string | null
  /** Caps on each axis; unrated axes are never hidden by them. */
  maxLanguageStars: Stars | null
  maxDomainStars: Stars | null
  size: ProjectSize | null
  hasMentor: boolean
  unclaimedOnly: boolean
  /** Only projects not yet rated on both axes (nobody has said how hard they are). */
  unratedOnly: boolean
  /** Lifts the background's level limits (the filters' caps still apply). */
  showAboveLevel: boolean
  /**
   * The language stars of the project she last finished (the step-up link, next-step.ts): those
   * that fit and are rated above it come first. An order, not a filter: nothing is hidden.
   */
  stepUpFrom: Stars | null
  /** Search text over title, summary and repositories (search.ts syntax); applied in SQL. */
  q: string | null
  /** Only projects with this repository (owner/name, any case). */
  repo: string | null
  status: FinderStatus
}

/** Where the previous page ended: the rank keys of its last project. */
export type FinderCursor = { stateKey: string; keys: RankKeys }

export type FinderState = {
  background: FinderBackground
  filters: FinderFilters
  limit: number
  cursor: FinderCursor | null
}

export type FinderProblem = { parameter: string; message: string; allowed: string }

export const DEFAULT_BACKGROUND: FinderBackground = {
  level: 'none',
  knownDomains: [],
  time: 'any',
  wantsMentor: false,
}

export const DEFAULT_FILTERS: FinderFilters = {
  domain: null,
  maxLanguageStars: null,
  maxDomainStars: null,
  size: null,
  hasMentor: false,
  unclaimedOnly: false,
  unratedOnly: false,
  showAboveLevel: false,
  stepUpFrom: null,
  q: null,
  repo: null,
  status: 'open',
}

export function defaultFinderState(): FinderState {
  return {
    background: { ...DEFAULT_BACKGROUND, knownDomains: [] },
    filters: { ...DEFAULT_FILTERS },
    limit: DEFAULT_FINDER_LIMIT,
    cursor: null,
  }
}

/** The URL's parameter names, shared by the page, the API and saved preferences. */
export const FINDER_PARAMS = {
  level: 'level',
  knownDomains: 'know',
  time: 'time',
  wantsMentor: 'wantsMentor',
  domain: 'domain',
  maxLanguageStars: 'maxLanguage',
  maxDomainStars: 'maxDomain',
  size: 'size',
  hasMentor: 'hasMentor',
  unclaimedOnly: 'unclaimed',
  unratedOnly: 'unrated',
  showAboveLevel: 'above',
  stepUpFrom: 'stepUp',
  q: 'q',
  repo: 'repo',
  status: 'status',
  limit: 'limit',
  cursor: 'cursor',
} as const

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

function parseYesNo(
  params: URLSearchParams,
  name: string,
  problems: FinderProblem[],
): boolean | undefined {
  const value = params.get(name)
  if (value === null || value === '') return undefined
  if (value === 'yes') return true
  if (value === 'no') return false
  problems.push({ parameter: name, message: `"${value}" is not yes or no`, allowed: 'yes, no' })
  return undefined
}

function parseStars(
  params: URLSearchParams,
  name: string,
  problems: FinderProblem[],
): Stars | null | undefined {
  const value = params.get(name)
  if (value === null || value === '' || value === 'any') return undefined
  if (value === '1' || value === '2' || value === '3') return Number(value) as Stars
  problems.push({
    parameter: name,
    message: `"${value.slice(0, 20)}" is not a number of stars`,
    allowed: '1, 2, 3 (or any)',
  })
  return undefined
}

/**
 * Reads the finder's state from a query string. Every value that is not valid is left at its
 * default and reported: the page says what it ignored, the API answers 400. `domains` is the
 * community's domain list (the STARTER_DOMAINS setting).
 */
export function parseFinderQuery(
  params: URLSearchParams,
  domains: readonly string[],
): { state: FinderState; problems: FinderProblem[] } {
  const problems: FinderProblem[] = []
  const state = defaultFinderState()
  const { background, filters } = state
  const p = FINDER_PARAMS

  const level = params.get(p.level)
  if (level !== null && level !== '') {
    if (oneOf(LANGUAGE_LEVELS, level)) background.level = level
    else
      problems.push({
        parameter: p.level,
        message: `"${level}" is not a language level`,
        allowed: LANGUAGE_LEVELS.join(', '),
      })
  }

  const known = new Set<string>()
  for (const domain of params.getAll(p.knownDomains).map((value) => value.trim())) {
    if (domain === '') continue
    if (domains.includes(domain)) known.add(domain)
    else
      problems.push({
        parameter: p.knownDomains,
        message: `"${domain.slice(0, 50)}" is not a domain`,
        allowed: domains.join(', '),
      })
  }
  // The settings' order, so two URLs naming the same domains mean the same state.
  background.knownDomains = domains.filter((domain) => known.has(domain))

  const time = params.get(p.time)
  if (time !== null && time !== '') {
    if (oneOf(TIME_AVAILABLE, time)) background.time = time
    else
      problems.push({
        parameter: p.time,
        message: `"${time}" is not an amount of time`,
        allowed: TIME_AVAILABLE.join(', '),
      })
  }

  background.wantsMentor = parseYesNo(params, p.wantsMentor, problems) ?? false

  const domain = params.get(p.domain)?.trim()
  if (domain && domain !== 'any') {
    if (domains.includes(domain)) filters.domain = domain
    else
      problems.push({
        parameter: p.domain,
        message: `"${domain.slice(0, 50)}" is not a domain`,
        allowed: domains.join(', '),
      })
  }

  filters.maxLanguageStars = parseStars(params, p.maxLanguageStars, problems) ?? null
  filters.maxDomainStars = parseStars(params, p.maxDomainStars, problems) ?? null

  const size = params.get(p.size)
  if (size !== null && size !== '' && size !== 'any') {
    if (oneOf(FINDER_SIZES, size)) filters.size = size
    else
      problems.push({
        parameter: p.size,
        message: `"${size}" is not a size`,
        allowed: `${FINDER_SIZES.join(', ')} (or any)`,
      })
  }

  filters.hasMentor = parseYesNo(params, p.hasMentor, problems) ?? false
  filters.unclaimedOnly = parseYesNo(params, p.unclaimedOnly, problems) ?? false
  filters.unratedOnly = parseYesNo(params, p.unratedOnly, problems) ?? false
  filters.showAboveLevel = parseYesNo(params, p.showAboveLevel, problems) ?? false
  filters.stepUpFrom = parseStars(params, p.stepUpFrom, problems) ?? null

  // Any text is a valid search (search.ts reads every string); only its length is bounded.
  const q = params.get(p.q)?.trim()
  if (q) {
    if (q.length <= MAX_FINDER_QUERY_LENGTH) filters.q = q
    else
      problems.push({
        parameter: p.q,
        message: `the search text is longer than ${MAX_FINDER_QUERY_LENGTH} characters`,
        allowed: `up to ${MAX_FINDER_QUERY_LENGTH} characters`,
      })
  }

  const repo = params.get(p.repo)?.trim()
  if (repo) {
    if (GITHUB_FULL_NAME.test(repo)) filters.repo = repo
    else
      problems.push({
        parameter: p.repo,
        message: `"${repo.slice(0, 50)}" is not a repository name`,
        allowed: 'owner/name',
      })
  }

  const status = params.get(p.status)
  if (status !== null && status !== '') {
    if (oneOf(FINDER_STATUSES, status)) filters.status = status
    else
      problems.push({
        parameter: p.status,
        message: `"${status.slice(0, 20)}" is not a status`,
        allowed: FINDER_STATUSES.join(', '),
      })
  }

  const limit = params.get(p.limit)
  if (limit !== null && limit !== '') {
    const parsed = Number(limit)
    if (/^\d+$/.test(limit) && parsed >= 1 && parsed <= MAX_FINDER_LIMIT) state.limit = parsed
    else
      problems.push({
        parameter: p.limit,
        message: `"${limit.slice(0, 20)}" is not a page size`,
        allowed: `a whole number from 1 to ${MAX_FINDER_LIMIT}`,
      })
  }

  // Last: a cursor belongs to one background and set of filters.
  const cursor = params.get(p.cursor)
  if (cursor) {
    const decoded = decodeFinderCursor(cursor)
    if (decoded && decoded.stateKey === finderStateKey(state)) state.cursor = decoded
    else
      problems.push({
        parameter: p.cursor,
        message: 'the cursor is not one this finder issued for this background and these filters',
        allowed: 'the nextCursor of a previous answer with the same parameters',
      })
  }

  return { state, problems }
}

/**
 * The query string of a state, leaving defaults out so shared links stay short. The page size
 * and position are left out unless `withPage` (saved preferences and "first page" links).
 */
export function finderToSearchParams(
  state: Pick<FinderState, 'background' | 'filters'> & Partial<FinderState>,
  { withPage = false }: { withPage?: boolean } = {},
): URLSearchParams {
  const params = new URLSearchParams()
  const { background, filters } = state
  const p = FINDER_PARAMS
  if (background.level !== DEFAULT_BACKGROUND.level) params.set(p.level, background.level)
  for (const domain of background.knownDomains) params.append(p.knownDomains, domain)
  if (background.time !== DEFAULT_BACKGROUND.time) params.set(p.time, background.time)
  if (background.wantsMentor) params.set(p.wantsMentor, 'yes')
  if (filters.domain) params.set(p.domain, filters.domain)
  if (filters.maxLanguageStars) params.set(p.maxLanguageStars, String(filters.maxLanguageStars))
  if (filters.maxDomainStars) params.set(p.maxDomainStars, String(filters.maxDomainStars))
  if (filters.size) params.set(p.size, filters.size)
  if (filters.hasMentor) params.set(p.hasMentor, 'yes')
  if (filters.unclaimedOnly) params.set(p.unclaimedOnly, 'yes')
  if (filters.unratedOnly) params.set(p.unratedOnly, 'yes')
  if (filters.showAboveLevel) params.set(p.showAboveLevel, 'yes')
  if (filters.stepUpFrom) params.set(p.stepUpFrom, String(filters.stepUpFrom))
  if (filters.q) params.set(p.q, filters.q)
  if (filters.repo) params.set(p.repo, filters.repo)
  if (filters.status !== DEFAULT_FILTERS.status) params.set(p.status, filters.status)
  if (withPage) {
    if (state.limit && state.limit !== DEFAULT_FINDER_LIMIT)
      params.set(p.limit, String(state.limit))
    if (state.cursor) params.set(p.cursor, encodeFinderCursor(state.cursor))
  }
  return params
}

/**
 * The address without the finder's empty fields (`domain=&size=`: the GET form sends every field,
 * "Any" as ''), or null when there is none to drop. An empty field means the default, so dropping
 * it changes nothing the finder shows; only when some finder field is left, since a bare /starter
 * restores a saved finder instead. Other parameters (`fresh`) are kept as they are.
 */
export function withoutEmptyFinderParams(params: URLSearchParams): URLSearchParams | null {
  const names: readonly string[] = Object.values(FINDER_PARAMS)
  const isEmptyField = ([name, value]: [string, string]) => names.includes(name) && value === ''
  const entries = [...params]
  if (!entries.some(isEmptyField)) return null
  const kept = entries.filter((entry) => !isEmptyField(entry))
  if (!kept.some(([name]) => names.includes(name))) return null
  return new URLSearchParams(kept)
}

/** Identifies what a ranking depends on, so a cursor cannot be replayed on another ranking. */
export function finderStateKey(state: Pick<FinderState, 'background' | 'filters'>) {
  const text = finderToSearchParams(state).toString()
  // FNV-1a, 32 bits: not a secret, just a short fingerprint.
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

// ---- Projects and their rank ----

/** What the rule needs to know about a project. */
export type RankableProject = {
  id: number
  primaryDomain: string
  secondaryDomains: string[]
  languageStars: Stars | null
  domainStars: Stars | null
  size: ProjectSize | null
  status: ProjectStatus
  /** owner/name, as written on the project. */
  repos: string[]
  /** Running claims (not ended, not lapsed). */
  claimCount: number
  /**
   * Someone to ask is listed (next-step.ts `canReachMentors`, in SQL in finder.server.ts): a
   * mentor's name alone, from an old list, is no mentor to a newcomer who wants one.
   */
  canReachMentors: boolean
  createdAt: Date
}

/**
 * The rank as a tuple of whole numbers, compared left to right, smaller first. The SQL query
 * computes the same tuple (and pages with it as a keyset).
 */
export type RankKeys = [
  fit: number,
  taken: number,
  domainMatch: number,
  mentor: number,
  sizeFit: number,
  unratedAxes: number,
  difficulty: number,
  newest: number,
  id: number,
]

/** How many values each of the first seven keys takes (0 to base - 1); the last two are free. */
export const SMALL_KEY_BASES = [3, 2, 3, 2, 3, 3, 7] as const

/** The first rank key's values: fits and a step up (or no step asked), fits, does not fit. */
export const FIT_KEY = { fits: 0, fitsEasier: 1, rest: 2 } as const

/** Fits you and is rated above the project she stepped up from (any that fits, with no step). */
export function isStepUp(
  project: Pick<RankableProject, 'languageStars'>,
  stepUpFrom: Stars | null,
) {
  return stepUpFrom === null || (project.languageStars ?? 0) > stepUpFrom
}

/** 0: a known domain is its primary domain; 1: one of its secondary domains; 2: neither. */
export function domainMatch(project: RankableProject, knownDomains: readonly string[]) {
  if (knownDomains.includes(project.primaryDomain)) return 0
  if (project.secondaryDomains.some((domain) => knownDomains.includes(domain))) return 1
  return 2
}

/** Rated on both axes. */
export function isRated(project: Pick<RankableProject, 'languageStars' | 'domainStars'>) {
  return project.languageStars !== null && project.domainStars !== null
}

/** Someone is on it and it takes one person at a time. */
export function isTaken(project: Pick<RankableProject, 'claimCount' | 'size'>) {
  return project.claimCount > 0 && project.size !== 'elastic'
}

const SIZE_ORDER: Record<Exclude<ProjectSize, 'elastic'>, number> = { day: 1, week: 2, month: 3 }

/** 0: fits the time you have; 1: size unknown; 2: bigger than that. */
export function sizeFit(size: ProjectSize | null, time: TimeAvailable) {
  if (size === null) return 1
  if (size === 'elastic' || time === 'any') return 0
  return SIZE_ORDER[size] <= SIZE_ORDER[time] ? 0 : 2
}

/**
 * The finder's promise: rated on both axes within your level, a size that fits your time, and in
 * a domain you know (primary or secondary), or in any domain when you named none.
 */
export function fitsYou(project: RankableProject, background: FinderBackground) {
  return (
    project.languageStars !== null &&
    project.domainStars !== null &&
    !isAboveLevel(project, background) &&
    sizeFit(project.size, background.time) === 0 &&
    (background.knownDomains.length === 0 || domainMatch(project, background.knownDomains) < 2)
  )
}

export function rankKeys(
  project: RankableProject,
  background: FinderBackground,
  stepUpFrom: Stars | null = null,
): RankKeys {
  return [
    !fitsYou(project, background)
      ? FIT_KEY.rest
      : isStepUp(project, stepUpFrom)
        ? FIT_KEY.fits
        : FIT_KEY.fitsEasier,
    isTaken(project) ? 1 : 0,
    domainMatch(project, background.knownDomains),
    background.wantsMentor && !project.canReachMentors ? 1 : 0,
    sizeFit(project.size, background.time),
    (project.languageStars === null ? 1 : 0) + (project.domainStars === null ? 1 : 0),
    (project.languageStars ?? 0) + (project.domainStars ?? 0),
    // Microseconds, as PostgreSQL keeps them (a Date has milliseconds: exact in both).
    -project.createdAt.getTime() * 1000,
    -project.id,
  ]
}

export function compareKeys(a: readonly number[], b: readonly number[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0)
    if (difference !== 0) return difference < 0 ? -1 : 1
  }
  return 0
}

/** The finder's order as a comparator: negative when `a` comes first. */
export function compareForBackground(
  background: FinderBackground,
  stepUpFrom: Stars | null = null,
) {
  return (a: RankableProject, b: RankableProject) =>
    compareKeys(rankKeys(a, background, stepUpFrom), rankKeys(b, background, stepUpFrom))
}

/** The highest domain difficulty allowed for this project and background. */
export function maxDomainStarsFor(project: RankableProject, background: FinderBackground): Stars {
  return domainMatch(project, background.knownDomains) < 2
    ? KNOWN_DOMAIN_MAX_STARS
    : OTHER_DOMAIN_MAX_STARS
}

/** Above your level on either axis (unrated axes never are). */
export function isAboveLevel(project: RankableProject, background: FinderBackground) {
  const languageMax = LEVEL_MAX_LANGUAGE_STARS[background.level]
  return (
    (project.languageStars !== null && project.languageStars > languageMax) ||
    (project.domainStars !== null && project.domainStars > maxDomainStarsFor(project, background))
  )
}

export function isEligible(
  project: RankableProject,
  state: Pick<FinderState, 'background' | 'filters'>,
) {
  const { background, filters } = state
  if (filters.status !== 'all' && project.status !== filters.status) return false
  if (!filters.showAboveLevel && isAboveLevel(project, background)) return false
  if (
    filters.maxLanguageStars !== null &&
    project.languageStars !== null &&
    project.languageStars > filters.maxLanguageStars
  )
    return false
  if (
    filters.maxDomainStars !== null &&
    project.domainStars !== null &&
    project.domainStars > filters.maxDomainStars
  )
    return false
  if (
    filters.domain !== null &&
    project.primaryDomain !== filters.domain &&
    !project.secondaryDomains.includes(filters.domain)
  )
    return false
  if (filters.size !== null && project.size !== filters.size) return false
  if (filters.hasMentor && !project.canReachMentors) return false
  if (filters.unclaimedOnly && isTaken(project)) return false
  if (filters.unratedOnly && isRated(project)) return false
  if (
    filters.repo !== null &&
    !project.repos.some((repo) => repo.toLowerCase() === filters.repo!.toLowerCase())
  )
    return false
  return true
}

/** The whole rule at once: eligible projects in the finder's order. */
export function rankProjects<T extends RankableProject>(
  projects: readonly T[],
  state: Pick<FinderState, 'background' | 'filters'>,
): T[] {
  const compare = compareForBackground(state.background, state.filters.stepUpFrom)
  return projects.filter((project) => isEligible(project, state)).sort(compare)
}

// ---- Cursor ----

const smallKey = (base: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(base - 1)

/**
 * Version 4, the state key, then the nine rank keys (the last is minus a project id). Version 3
 * put "unclaimed" before the domain match; version 4 made the first key three-valued (the step
 * up): an older cursor's keys mean another order.
 */
const FinderCursorSchema = z.tuple([
  z.literal(4),
  z.string().regex(/^[0-9a-z]{1,8}$/),
  smallKey(SMALL_KEY_BASES[0]),
  smallKey(SMALL_KEY_BASES[1]),
  smallKey(SMALL_KEY_BASES[2]),
  smallKey(SMALL_KEY_BASES[3]),
  smallKey(SMALL_KEY_BASES[4]),
  smallKey(SMALL_KEY_BASES[5]),
  smallKey(SMALL_KEY_BASES[6]),
  z.number().int().safe(),
  // Minus a project id: a positive PostgreSQL integer.
  z.number().int().min(-2_147_483_647).max(-1),
])

export function encodeFinderCursor(cursor: FinderCursor): string {
  return encodeCursor([4, cursor.stateKey, ...cursor.keys])
}

/** The cursor's content when it is well formed, else null. */
export function decodeFinderCursor(value: string): FinderCursor | null {
  if (value.length > 300) return null
  const parts = decodeCursor(value, FinderCursorSchema)
  if (!parts) return null
  const [, stateKey, ...keys] = parts
  return { stateKey, keys }
}

/** The cursor after a page's last project. */
export function cursorAfter(
  project: RankableProject,
  state: Pick<FinderState, 'background' | 'filters'>,
): FinderCursor {
  return {
    stateKey: finderStateKey(state),
    keys: rankKeys(project, state.background, state.filters.stepUpFrom),
  }
}

/**
 * What JavaScript's `trim()` takes off either end (its white space and line ends), spelled out:
 * PostgreSQL's own classes are not these, and the finder's SQL reads the same pattern.
 */
const TRIMMED =
  '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]'

/**
 * A mentor written "@login", spaces around it allowed, the login (GitHub's rules: `GITHUB_LOGIN`)
 * its group 1. One pattern, read alike by JavaScript (`githubLoginOf`) and PostgreSQL (the
 * finder's twin of next-step.ts `canReachMentors`, finder.server.ts).
 */
export const MENTOR_LOGIN_PATTERN = `^${TRIMMED}*@(${GITHUB_LOGIN.source.slice(1, -1)})${TRIMMED}*$`
const MENTOR_LOGIN = new RegExp(MENTOR_LOGIN_PATTERN)

/** A mentor written "@login" is a GitHub login (GitHub's rules: alphanumerics and hyphens). */
export function githubLoginOf(mentorName: string): string | null {
  return MENTOR_LOGIN.exec(mentorName)?.[1] ?? null
}

/**
 * The handles an old list wrote beside a name, "Thomas Gazagnaire (samoht)" or "Runhang Li
 * (marklrh / objmagic)": each a possible GitHub login, for a maintainer to confirm, never taken as
 * one. Words in parentheses ("(to write it up)") are no handle.
 */
export function handlesWrittenIn(mentorName: string): string[] {
  const inside = /\(([^()]*)\)/.exec(mentorName)?.[1]
  if (inside === undefined) return []
  const handles = inside.split('/').map((part) => part.trim().replace(/^@/, ''))
  return handles.every((handle) => GITHUB_LOGIN.test(handle)) ? handles : []
}
