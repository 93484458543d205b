import type { Stars, TimeTaken } from '../../db/schema'
import { countOf } from '../utils/format'

// What a contributor reports when their claim has ended: the choices the feedback form shows and
// claim.server.ts checks. Not a .server module, so the page's form can import them.

export const TIME_TAKEN = ['day', 'week', 'month', 'longer'] as const satisfies TimeTaken[]
export const TIME_TAKEN_LABELS: Record<TimeTaken, string> = {
  day: 'About a day',
  week: 'About a week',
  month: 'About a month',
  longer: 'Longer',
}

export const FEEDBACK_NOTE_MAX = 1000

export type ClaimFeedbackInput = {
  languageStars: Stars
  domainStars: Stars
  timeTaken: TimeTaken
  note: string
}

/**
 * What follows "N reports" when demo people wrote some of them: their reports are demo actions,
 * and a count built on them says so (decision 012). Empty when none is a demo report.
 */
export function demoReportsNote({
  reports,
  demoReports,
}: {
  reports: number
  demoReports: number
}) {
  if (demoReports === 0) return ''
  if (demoReports === reports) {
    if (reports === 1) return ', a demo action'
    return reports === 2 ? ', both demo actions' : ', all demo actions'
  }
  return `, ${demoReports} of them demo action${demoReports === 1 ? '' : 's'}`
}

/**
 * How long a project took the people who finished it, as they reported it: the typical answer
 * (the median, a tie toward the longer, as stars round toward harder) over the reports on
 * finished claims only (someone who stopped reports how long until she stopped, not how long the
 * work takes). `typical` is null with no such report.
 */
export type FinishedTime = { typical: TimeTaken | null; reports: number; demoReports: number }

const FINISHED_IN: Record<TimeTaken, string> = {
  day: 'about a day',
  week: 'about a week',
  month: 'about a month',
  longer: 'more than a month',
}

/**
 * "finished in about a week (2 reports)", null when nobody who finished reported (unknown stays
 * unknown). Demo reports are demo actions: "(1 demo report)" when the figure rests on them alone,
 * "(3 reports, 1 demo)" when on some.
 */
export function finishedTimeText(time: FinishedTime | null) {
  if (time === null || time.typical === null || time.reports === 0) return null
  const reports =
    time.demoReports === 0
      ? countOf(time.reports, 'report')
      : time.demoReports === time.reports
        ? countOf(time.reports, 'demo report')
        : `${countOf(time.reports, 'report')}, ${time.demoReports} demo`
  return `finished in ${FINISHED_IN[time.typical]} (${reports})`
}

/**
 * What she reported on one of her ended claims, beside the project's rating now, for My work:
 * "you reported OCaml 3★ and tooling 1★; it is rated OCaml 1★ and tooling 1★". "you reported
 * the difficulty" kept her own report out of her history, and whether it agreed with the rating
 * (which the calibration page, hers to read only as a maintainer, weighs) was nowhere to see.
 * The domain axis is the primary domain's, as the report form asks it.
 */
export function describeOwnReport({
  reported,
  rated,
  languageName,
  domainName,
}: {
  reported: { language: Stars; domain: Stars }
  rated: { language: Stars | null; domain: Stars | null }
  languageName: string
  domainName: string
}) {
  const stars = (value: Stars | null) => (value === null ? 'unrated' : `${value}★`)
  return (
    `you reported ${languageName} ${reported.language}★ and ${domainName} ${reported.domain}★; ` +
    `it is rated ${languageName} ${stars(rated.language)} and ${domainName} ${stars(rated.domain)}`
  )
}
