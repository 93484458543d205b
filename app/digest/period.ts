import { addMonths, parseDateInput } from '../roadmap/dates'
import { refuse } from '../utils/refusal'

/** The stretch of time a digest covers: from `since` up to `until` (the moment it was asked for). */
export type DigestPeriod = { since: Date; until: Date; label: string }

const DURATION = /^([1-9][0-9]{0,2})([dwm])$/
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Reads `since` as a duration back from `now` (14d, 2w, 1m: calendar months, like rounds) or as a
 * calendar date (2026-11-20, UTC). Refuses anything else and a date after `now`: a digest reports
 * what happened, so a period that has not started has nothing to say. A duration starts at the
 * beginning of the UTC day it reaches back to: the agenda is named by its first and last days
 * (`periodKey`), so it holds the whole of its first day, and two runs the same day (a posted
 * issue edited in the evening) cover the same stretch. It started at that day's hour of the run:
 * "2026-12-07 to 2026-12-14" left out a claim made on the 7th before then, and each later run
 * that day dropped a little more from the issue it edited.
 */
export function parseDigestPeriod(since: string, now: Date): DigestPeriod {
  const text = since.trim()
  const duration = DURATION.exec(text)
  if (duration) {
    const count = Number(duration[1])
    const unit = duration[2]
    const back =
      unit === 'm'
        ? addMonths(now, -count)
        : new Date(now.getTime() - count * (unit === 'w' ? 7 : 1) * DAY_MS)
    return { since: startOfUtcDay(back), until: now, label: text }
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    // Read as the round forms read a day: year 0000, which PostgreSQL has not, is no date either.
    const start = parseDateInput(text)
    if (!start) refuse(`"${text}" is not a calendar date.`)
    if (start > now) refuse(`"${text}" is in the future: a digest covers what already happened.`)
    return { since: start, until: now, label: `since ${text}` }
  }
  refuse(
    `"${text.slice(0, 40)}" is not a period: give a duration such as 14d, 2w or 1m (at most 999), or a date such as 2026-11-20.`,
  )
}

function startOfUtcDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

/**
 * The period's name as its first and last UTC days (`2026-11-20..2026-12-04`): what hand-written
 * items are filed under and what a posted issue is remembered by, so two runs the same day for
 * the same `since` are the same period, and the next day's run is another.
 */
export function periodKey(period: Pick<DigestPeriod, 'since' | 'until'>) {
  return `${period.since.toISOString().slice(0, 10)}..${period.until.toISOString().slice(0, 10)}`
}

/** The `since` of the fortnight's agenda that holds `date`: the day two weeks before it. */
export function agendaSinceFor(date: Date) {
  return new Date(date.getTime() - 14 * DAY_MS).toISOString().slice(0, 10)
}
