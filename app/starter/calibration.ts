import type { ClaimOutcome, RatingAxis, Stars } from '../../db/schema'

// The calibration rules, kept pure so their laws can be property-tested and the SQL that applies
// them at scale (app/starter/calibration.server.ts) can be checked against them.

export const RATING_AXES = ['language', 'domain'] as const satisfies RatingAxis[]
export const STAR_LEVELS = [1, 2, 3] as const satisfies Stars[]

/** What contributors reported on one axis of one project, against the maintainers' rating. */
export type AxisTally = {
  /** The maintainers' rating; null = unrated. */
  rating: Stars | null
  /** How many contributors reported on this project. */
  reports: number
  /** The sum of their stars on this axis (integers, so the rule can compare exactly). */
  sum: number
}

export type DriftRule = { threshold: number; minReports: number }

/** harder / easier: contributors disagree with the rating; unrated: they suggest a first one. */
export type DriftKind = 'harder' | 'easier' | 'unrated'

export type Drift = {
  kind: DriftKind
  average: number
  /** average − rating (0 for an unrated axis). */
  difference: number
  suggested: Stars
}

// The sum and the rating are integers, so |sum − rating × reports| is an integer; a hair of
// tolerance keeps threshold × reports (a float such as 0.1 × 3) from missing an exact tie. The
// SQL side compares in exact numeric arithmetic and must agree (tested on random data).
const TOLERANCE = 1e-9

export function averageOf(tally: Pick<AxisTally, 'reports' | 'sum'>) {
  return tally.reports === 0 ? null : tally.sum / tally.reports
}

/** The star rating nearest an average, halves rounded up (toward "harder": safer for newcomers). */
export function suggestedStars(average: number): Stars {
  return Math.min(3, Math.max(1, Math.round(average))) as Stars
}

/**
 * The drift rule: with at least `minReports` reports, a rated axis drifts when contributors'
 * average is at least `threshold` stars away from the rating; an unrated axis is listed so a
 * maintainer can give it a first rating. Fewer reports never drift.
 */
export function assessDrift(tally: AxisTally, rule: DriftRule): Drift | null {
  if (tally.reports < Math.max(1, rule.minReports)) return null
  const average = tally.sum / tally.reports
  const suggested = suggestedStars(average)
  if (tally.rating === null) return { kind: 'unrated', average, difference: 0, suggested }
  const gap = tally.sum - tally.rating * tally.reports
  if (Math.abs(gap) < rule.threshold * tally.reports - TOLERANCE) return null
  return {
    kind: gap > 0 ? 'harder' : 'easier',
    average,
    difference: average - tally.rating,
    suggested,
  }
}

/**
 * The drift rule in plain words for the calibration page, with the values in force: maintainers
 * read what gets flagged, not the names of the settings that tune it (those are in the README).
 */
export function describeDriftRule(rule: DriftRule) {
  const least = Math.max(1, rule.minReports)
  const reports = `${least} report${least === 1 ? '' : 's'}`
  return (
    `A project’s difficulty on an axis is flagged here when contributors’ average report differs ` +
    `from the maintainers’ rating by ${rule.threshold}★ or more over at least ${reports}; an axis ` +
    `nobody has rated yet is ` +
    `listed for a first rating once it has ${reports}.`
  )
}

/** Sums a list of reported stars into a tally against a rating. */
export function tallyReports(rating: Stars | null, stars: readonly Stars[]): AxisTally {
  return { rating, reports: stars.length, sum: stars.reduce<number>((sum, s) => sum + s, 0) }
}

// ---- Abandonment per rating level ----

/** A rating level: a star count, or unrated. */
export type RatingLevel = Stars | 'unrated'
export const RATING_LEVELS = [1, 2, 3, 'unrated'] as const satisfies RatingLevel[]

/** One ended claim with the ratings the project had when it was claimed. */
export type EndedClaim = {
  languageStars: Stars | null
  domainStars: Stars | null
  outcome: ClaimOutcome
}

export type OutcomeCounts = { done: number; abandoned: number; released: number }

export type AbandonmentRow = OutcomeCounts & {
  axis: RatingAxis
  level: RatingLevel
  ended: number
  /** abandoned ÷ ended; null when nothing ended at this level. */
  abandonmentRate: number | null
  /** (abandoned + released) ÷ ended: claims that ended without the work being finished. */
  unfinishedRate: number | null
}

export function abandonmentRates(counts: OutcomeCounts) {
  const ended = counts.done + counts.abandoned + counts.released
  return {
    ended,
    abandonmentRate: ended === 0 ? null : counts.abandoned / ended,
    unfinishedRate: ended === 0 ? null : (counts.abandoned + counts.released) / ended,
  }
}

/** Every axis × level, in a fixed order, from per-level outcome counts (missing = none). */
export function abandonmentTable(
  countsOf: (axis: RatingAxis, level: RatingLevel) => OutcomeCounts | undefined,
): AbandonmentRow[] {
  return RATING_AXES.flatMap((axis) =>
    RATING_LEVELS.map((level) => {
      const counts = countsOf(axis, level) ?? { done: 0, abandoned: 0, released: 0 }
      return { axis, level, ...counts, ...abandonmentRates(counts) }
    }),
  )
}

/** The abandonment rate per axis and rating level over a list of ended claims. */
export function abandonmentByLevel(claims: readonly EndedClaim[]): AbandonmentRow[] {
  const counts = new Map<string, OutcomeCounts>()
  for (const claim of claims) {
    for (const axis of RATING_AXES) {
      const stars = axis === 'language' ? claim.languageStars : claim.domainStars
      const key = `${axis}:${stars ?? 'unrated'}`
      const entry = counts.get(key) ?? { done: 0, abandoned: 0, released: 0 }
      entry[claim.outcome] += 1
      counts.set(key, entry)
    }
  }
  return abandonmentTable((axis, level) => counts.get(`${axis}:${level}`))
}

/**
 * Says how many of the ended claims the table counts were demo people's: a demo claim counted
 * unmarked would read as the community's own abandonment. Null when none was.
 */
export function endedClaimsDemoNote({ ended, demo }: { ended: number; demo: number }) {
  if (demo === 0) return null
  if (demo === ended) {
    return ended === 1
      ? 'The 1 ended claim counted here was a demo person’s: a demo action.'
      : `All ${ended} ended claims counted here were demo people’s: demo actions.`
  }
  return `${demo} of the ${ended} ended claims counted here ${demo === 1 ? 'was a demo person’s: a demo action' : 'were demo people’s: demo actions'}.`
}

// ---- Grouping the drift list ----

export type DriftFilters = { maintainer: string | null; domain: string | null }

/** Rows whose maintainer login (any case) and primary domain match the filters that are set. */
export function filterDrift<T extends { maintainerLogin: string | null; primaryDomain: string }>(
  rows: readonly T[],
  filters: DriftFilters,
): T[] {
  return rows.filter(
    (row) =>
      (filters.maintainer === null ||
        (row.maintainerLogin ?? '').toLowerCase() === filters.maintainer.toLowerCase()) &&
      (filters.domain === null || row.primaryDomain === filters.domain),
  )
}

/** How many rows fall under each value of `key`, most first, then by name. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string) {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1)
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
}

/**
 * The calibration page's filter choices, counted over every list the filters apply to (the drift
 * and the lone reports that disagree): someone whose only row is a single report can be picked.
 */
export function driftFilterOptions<
  T extends { maintainerLogin: string | null; primaryDomain: string },
>(...lists: readonly (readonly T[])[]) {
  const rows = lists.flat()
  return {
    maintainers: countBy(
      rows.filter((row) => row.maintainerLogin !== null),
      (row) => row.maintainerLogin!,
    ),
    domains: countBy(rows, (row) => row.primaryDomain),
  }
}

// ---- One report against the rating ----

/** An axis where one report is the drift threshold or more away from the current rating. */
export type ReportDisagreement = {
  axis: RatingAxis
  met: Stars
  rated: Stars
  kind: 'harder' | 'easier'
}

/**
 * Where a single report differs from the project's current rating by the drift threshold or more,
 * by the calibration rule itself (assessDrift over that one report), so the maintainers are told
 * of exactly the reports the calibration page lists under "Too few reports to flag yet". An
 * unrated axis has no rating to disagree with.
 */
export function reportDisagreements(
  rating: Record<RatingAxis, Stars | null>,
  report: Record<RatingAxis, Stars>,
  threshold: number,
): ReportDisagreement[] {
  return RATING_AXES.flatMap((axis) => {
    const rated = rating[axis]
    if (rated === null) return []
    const drift = assessDrift(tallyReports(rated, [report[axis]]), { threshold, minReports: 1 })
    if (drift === null || drift.kind === 'unrated') return []
    return [{ axis, met: report[axis], rated, kind: drift.kind }]
  })
}

/**
 * What a disagreeing report found, after "nia found “Window scaling” ": "harder than rated: OCaml
 * 3★ met, rated 1★", or both axes, or "off its rating: …" when they disagree both ways.
 */
export function describeDisagreements(
  disagreements: readonly ReportDisagreement[],
  axisLabel: (axis: RatingAxis) => string,
) {
  const kinds = new Set(disagreements.map((d) => d.kind))
  const oneWay = kinds.size === 1
  const parts = disagreements.map((d) => {
    const stars = `${d.met}★ met, rated ${d.rated}★`
    return oneWay ? `${axisLabel(d.axis)} ${stars}` : `${axisLabel(d.axis)} ${d.kind} (${stars})`
  })
  const verdict = oneWay ? `${[...kinds][0]} than rated` : 'off its rating'
  return `${verdict}: ${parts.join('; ')}`
}

/** The calibration page's entry for one axis of one project, linked to by its notices. */
export function driftEntryId(projectId: number, axis: RatingAxis) {
  return `drift-${projectId}-${axis}`
}
