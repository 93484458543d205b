import type { LanguageLevel } from '../../db/schema'

import { axisName, axisNameInSentence } from './axes'
import {
  DEFAULT_BACKGROUND,
  FINDER_PARAMS,
  finderToSearchParams,
  parseFinderQuery,
  type FinderBackground,
  type FinderFilters,
} from './finder'

// The Atom feed's address (/starter/feed.atom): the finder's background and filters, with the
// same names and meaning (finder.ts), less the page size and position (a feed has no pages).
// With a background, the feed lists only the new projects within that level, as the finder
// would; with none (the feed's first form, still subscribed to), new projects of every level.
// The finder's feed link always writes the level, so that it follows the page it is on.

const P = FINDER_PARAMS
/** Naming any of these gives the feed a background (the others default as in the finder). */
const BACKGROUND_PARAMS = [P.level, P.knownDomains, P.time, P.wantsMentor] as const
/** The finder's parameters the feed does not read. */
const PAGE_PARAMS: readonly string[] = [P.limit, P.cursor]

/** Whose feed it is (null: nobody's, every level) and its filters. */
export type FeedQuery = { background: FinderBackground | null; filters: FinderFilters }

/** The feed's query from its address; other parameters are not the feed's and are ignored. */
export function parseFeedQuery(params: URLSearchParams, domains: readonly string[]) {
  const own = new URLSearchParams()
  const finderNames = Object.values(P) as string[]
  for (const [name, value] of params) {
    if (finderNames.includes(name) && !PAGE_PARAMS.includes(name)) own.append(name, value)
  }
  const { state, problems } = parseFinderQuery(own, domains)
  const hasBackground = BACKGROUND_PARAMS.some((name) =>
    own.getAll(name).some((value) => value.trim() !== ''),
  )
  const feed: FeedQuery = {
    background: hasBackground ? state.background : null,
    // The step up orders the finder; the feed is newest first, so it means nothing there.
    filters: { ...state.filters, stepUpFrom: null },
  }
  return { feed, problems }
}

/** The feed's canonical query string; a background always names its level (see above). */
export function feedToSearchParams({ background, filters }: FeedQuery) {
  const params = finderToSearchParams({
    background: background ?? DEFAULT_BACKGROUND,
    filters: { ...filters, stepUpFrom: null },
  })
  if (!background) return params
  return new URLSearchParams([
    [P.level, background.level],
    ...[...params].filter(([name]) => name !== P.level),
  ])
}

const LEVEL_PHRASES: Record<LanguageLevel, (languageName: string) => string> = {
  none: (languageName) => `new to ${languageName}`,
  some: (languageName) => `with some ${languageName} experience`,
  comfortable: (languageName) => `comfortable with ${languageName}`,
}

const listText = (words: readonly string[]) =>
  new Intl.ListFormat('en', { type: 'conjunction' }).format(words)

/** What the feed is: "New starter projects for someone new to OCaml who knows networking". */
export function feedTitle({ background, filters }: FeedQuery, languageName: string) {
  let title = 'New starter projects'
  if (filters.domain) title += ` in ${filters.domain}`
  if (background) {
    title += ` for someone ${LEVEL_PHRASES[background.level](languageName)}`
    if (background.knownDomains.length > 0) {
      title += ` who knows ${listText(background.knownDomains)}`
    }
    if (filters.showAboveLevel) title += ', above their level too'
  }
  return title
}

/** The feed's other filters in words (empty when it has none). */
export function feedFilterWords({ filters }: FeedQuery, languageName: string) {
  const words: string[] = []
  if (filters.maxLanguageStars)
    words.push(`${axisName('language', languageName)} up to ${filters.maxLanguageStars}★`)
  if (filters.maxDomainStars)
    words.push(`${axisNameInSentence('domain', languageName)} up to ${filters.maxDomainStars}★`)
  if (filters.size) words.push(`size: ${filters.size}`)
  if (filters.hasMentor) words.push('with a mentor')
  if (filters.unclaimedOnly) words.push('unclaimed')
  if (filters.unratedOnly) words.push('not yet rated')
  if (filters.q) words.push(`matching “${filters.q}”`)
  if (filters.repo) words.push(`in ${filters.repo}`)
  if (filters.status !== 'open') words.push(`status: ${filters.status}`)
  return words
}
