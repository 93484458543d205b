import type { Stars } from '../../db/schema'
import { countOf } from '../utils/format'

// The supply of starter projects as the dashboard shows it: open, unclaimed projects by domain
// and level. Pure, so the page can use the same words; the counting is in
// app/starter/supply.server.ts.
//
// A domain's supply is what the finder offers someone who knows that domain (app/starter/finder.ts):
// projects whose primary or secondary domain it is. So a project counts in the row of each of its
// domains, and the gap dashboard counts fitting projects the same way; the totals (and the daily
// snapshot, whose rows are summed) count each project once, under its primary domain.

/** The rule in one sentence, for the pages that count supply per domain (supply, gaps). */
export const SUPPLY_DOMAIN_RULE =
  'A project counts in the row of each of its domains, primary or secondary, as the finder offers it to anyone who knows one of them; totals count it once.'

/** Which rating a heat-map column stands for: one axis, or the harder of the two ("max"). */
export const SUPPLY_AXES = ['max', 'language', 'domain'] as const
export type SupplyAxis = (typeof SUPPLY_AXES)[number]

export const SUPPLY_LEVELS = ['1', '2', '3', 'unrated'] as const
export type SupplyLevel = (typeof SUPPLY_LEVELS)[number]

/**
 * A project's level on an axis. On "max" it is the harder of its two ratings, and "unrated" as
 * soon as either is unrated: an unknown axis could be the hard one.
 */
export function supplyLevel(
  axis: SupplyAxis,
  languageStars: Stars | null,
  domainStars: Stars | null,
): SupplyLevel {
  if (axis === 'language') return languageStars === null ? 'unrated' : `${languageStars}`
  if (axis === 'domain') return domainStars === null ? 'unrated' : `${domainStars}`
  if (languageStars === null || domainStars === null) return 'unrated'
  return `${Math.max(languageStars, domainStars) as Stars}`
}

// What a view's 1★ column holds, in words. A domain whose 1★ column is 0 in the view shown is
// marked as run dry there, unless it has unrated projects in that view that may prove easy once
// rated (`mayRateOneStar`): then it is waiting for a rating, not dry (`buildSupplyMatrix`). The mark must say
// what the reader sees, so it follows the view. The home page and the call's agenda use the
// default ("max") view: no project easy on both axes.
export const ONE_STAR_ON_BOTH_AXES = 'rated 1★ on both axes'

/** What a project in a view's 1★ column is, e.g. "rated 1★ on both axes". */
export function oneStarWords(axis: SupplyAxis, languageName: string) {
  if (axis === 'language') return `rated 1★ in ${languageName}`
  if (axis === 'domain') return 'rated 1★ in its domain'
  return ONE_STAR_ON_BOTH_AXES
}

/**
 * Which domains the home page names for the easiest (`easiestDomains`): each project's main one,
 * as its domain rating means it, not every domain it touches.
 */
export const EASIEST_DOMAINS_ARE = 'each project’s main domain, the one its domain rating is for'

/**
 * How the home page and the agenda name the domains run dry in the default view. "These domains:"
 * because a domain's name read straight after "left in" can read as a place ("left in storage").
 */
export const NO_ONE_STAR_LEFT_IN = `no open, unclaimed project ${ONE_STAR_ON_BOTH_AXES} left in these domains:`

/** A domain with nothing in a view's 1★ column but unrated projects: it needs rating, not projects. */
/**
 * Before the first rating every domain's 1★ column is 0: what the supply page, the gap dashboard
 * and the call's agenda say once, instead of calling every domain run dry (`isAnyProjectRated`).
 */
export const NOTHING_RATED = 'No starter project is rated yet: supply is counted from ratings.'

export type WaitingDomain = { domain: string; unrated: number }

/**
 * How the home page, the agenda and the supply page name the domains waiting for a rating, before
 * `waitingForRatingList`: "not run dry but waiting for a rating in these domains: networking (3
 * projects)".
 */
export const WAITING_FOR_RATING_IN = 'not run dry but waiting for a rating in these domains:'

/** "networking (3 projects), storage (1 project)": each domain with its unrated projects. */
export function waitingForRatingList(waiting: readonly WaitingDomain[]) {
  return waiting.map((row) => `${row.domain} (${countOf(row.unrated, 'project')})`).join(', ')
}

/**
 * Whether a project unrated in a view could still land in its 1★ column once rated: on "max", only
 * if its one rating, if any, is 1★ (a project rated 2★ in the language stays 2★ or harder).
 */
export function mayRateOneStar(
  axis: SupplyAxis,
  languageStars: Stars | null,
  domainStars: Stars | null,
) {
  if (supplyLevel(axis, languageStars, domainStars) !== 'unrated') return false
  return axis !== 'max' || ((languageStars ?? 1) === 1 && (domainStars ?? 1) === 1)
}

/** The "1★ supply": a project rated 1★ on at least one axis. */
export function isOneStarOnEitherAxis(languageStars: Stars | null, domainStars: Stars | null) {
  return languageStars === 1 || domainStars === 1
}

export type SupplyGroup = {
  domain: string
  /** The projects' primary domain (each project has one such group): what the totals add. */
  is_primary: boolean
  language_stars: Stars | null
  domain_stars: Stars | null
  count: number
}

export type SupplyRow = {
  domain: string
  /** False for a domain no longer in STARTER_DOMAINS that still has projects. */
  isConfigured: boolean
  cells: Record<SupplyLevel, number>
  total: number
  /** Open unclaimed projects rated 1★ on the language axis, the domain axis, or both. */
  oneStar: number
  /** Of the unrated cell, the projects a rating could still put in the 1★ column (`mayRateOneStar`). */
  awaitingRating: number
}

/** Rows = the configured domains (then any others that still have projects), columns = levels. */
export function buildSupplyMatrix(
  groups: readonly SupplyGroup[],
  domains: readonly string[],
  axis: SupplyAxis,
) {
  const emptyRow = (domain: string, isConfigured: boolean): SupplyRow => ({
    domain,
    isConfigured,
    cells: { '1': 0, '2': 0, '3': 0, unrated: 0 },
    total: 0,
    oneStar: 0,
    awaitingRating: 0,
  })
  const rows = new Map(domains.map((domain) => [domain, emptyRow(domain, true)]))
  for (const group of groups) {
    let row = rows.get(group.domain)
    if (!row) {
      row = emptyRow(group.domain, false)
      rows.set(group.domain, row)
    }
    row.cells[supplyLevel(axis, group.language_stars, group.domain_stars)] += group.count
    if (mayRateOneStar(axis, group.language_stars, group.domain_stars))
      row.awaitingRating += group.count
    row.total += group.count
    if (isOneStarOnEitherAxis(group.language_stars, group.domain_stars)) row.oneStar += group.count
  }
  const list = [...rows.values()]
  // Each project once: its primary group only (its secondary domains' rows count it again).
  const primary = groups.filter((group) => group.is_primary)
  const columnTotals = Object.fromEntries(SUPPLY_LEVELS.map((level) => [level, 0])) as Record<
    SupplyLevel,
    number
  >
  for (const group of primary) {
    columnTotals[supplyLevel(axis, group.language_stars, group.domain_stars)] += group.count
  }
  return {
    axis,
    rows: list,
    columnTotals,
    total: primary.reduce((sum, group) => sum + group.count, 0),
    oneStar: primary
      .filter((group) => isOneStarOnEitherAxis(group.language_stars, group.domain_stars))
      .reduce((sum, group) => sum + group.count, 0),
    /**
     * Configured domains whose 1★ column is 0 in this view, with no unrated project a rating could
     * put there: run dry.
     */
    dryDomains: list
      .filter((row) => row.isConfigured && row.cells['1'] === 0 && row.awaitingRating === 0)
      .map((row) => row.domain),
    /** Configured domains whose 1★ column is 0 in this view only for want of ratings: not dry. */
    waitingForRating: list
      .filter((row) => row.isConfigured && row.cells['1'] === 0 && row.awaitingRating > 0)
      .map((row): WaitingDomain => ({ domain: row.domain, unrated: row.awaitingRating })),
    /**
     * The main (primary) domains of the projects in this view's 1★ column: where a newcomer finds
     * the easiest (the home page). Not each of their domains, as the rows count them: the domain
     * rating is for the main domain, so an IMAP client rated 1★ in tooling that also touches
     * networking told a networking newcomer the easiest were "in networking". Names only, in the
     * rows' order.
     */
    easiestDomains: list
      .filter((row) =>
        primary.some(
          (group) =>
            group.domain === row.domain &&
            supplyLevel(axis, group.language_stars, group.domain_stars) === '1',
        ),
      )
      .map((row) => row.domain),
  }
}

export type SupplyMatrix = ReturnType<typeof buildSupplyMatrix>

/** The snapshot's rows per domain: the "max" levels, plus the 1★-on-either-axis count. */
export const SNAPSHOT_ONE_STAR_LEVEL = 'one-star-either-axis'
