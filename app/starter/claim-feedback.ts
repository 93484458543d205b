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
