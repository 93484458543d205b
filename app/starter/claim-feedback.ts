import type { Stars, TimeTaken } from '../../db/schema'

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
