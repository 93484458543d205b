import { formatDate } from '../utils/format'

// What opening a round did, for the maintainer who opened it: a round opened for a later day is
// scheduled, and "open" above a page that takes no ballot yet would mislead. The rounds page's
// form lands on the round's page (`?opened`), the proposed round's page answers in place: both
// say it in these words.

export const OPENED_PARAM = 'opened'

export function openedRoundHref(roundId: number) {
  return `/roadmap/rounds/${roundId}?${OPENED_PARAM}`
}

export function openedRoundNotice(
  round: { name: string; opens_at: Date | string; closes_at: Date | string },
  now: Date,
) {
  const opensAt = new Date(round.opens_at)
  return opensAt > now
    ? `${round.name} is scheduled, with its shortlist: voting starts on ${formatDate(opensAt)}.`
    : `${round.name} is open, with its shortlist: voting ends on ${formatDate(round.closes_at)}.`
}
