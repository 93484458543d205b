import { refuse } from '../utils/refusal'

/**
 * The same day of the month, `months` later, clamped to the month's last day (31 January + 1
 * month is 28 or 29 February, not 2 or 3 March). Computed in UTC, like every date on the board.
 */
export function addMonths(date: Date, months: number) {
  const result = new Date(date.getTime())
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() + months)
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "March 2026 round": the name given to a round proposed automatically. */
export function roundNameFor(opensAt: Date) {
  return `${monthFormat.format(opensAt)} round`
}

/** "Round of 1 April 2027": for a round whose month already names another (one opened early). */
export function roundNameForDay(opensAt: Date) {
  return `Round of ${longDay.format(opensAt)}`
}

/**
 * The name the board gives a round opening on `opensAt`: its month's ("March 2027 round"), or its
 * day's when another round of the target (`takenNames`) has that one already, so the agenda, the
 * roadmap and idea histories never name two rounds alike.
 */
export function roundNameForOpening(opensAt: Date, takenNames: readonly string[]) {
  const monthName = roundNameFor(opensAt)
  return takenNames.includes(monthName) ? roundNameForDay(opensAt) : monthName
}

/** Whether `name` is one the board gives a round opening on `opensAt` (by its month or day). */
export function isBoardRoundName(name: string, opensAt: Date) {
  return name === roundNameFor(opensAt) || name === roundNameForDay(opensAt)
}

const dayMonthYear = (style: 'short' | 'long') =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  })
const shortDay = dayMonthYear('short')
const longDay = dayMonthYear('long')

/**
 * Whether a round's name already says the day it was decided ("Call of 23 April 2015"), so a
 * line naming the round need not repeat the date beside it. Names are free text; this knows the
 * three ways the board and its maintainers write a day.
 */
export function nameStatesDate(name: string, date: string | Date) {
  const day = new Date(date)
  const spellings = [shortDay.format(day), longDay.format(day), day.toISOString().slice(0, 10)]
  // A digit before the day would make it another day: "13 April" is not "3 April".
  return spellings.some((spelling) => new RegExp(`(^|\\D)${spelling}`, 'i').test(name))
}

/**
 * "2027-03-01" (from a date input: that day at midnight UTC, the zone the round forms name
 * beside the field, whatever the browser's locale shows) or a full ISO timestamp; null when
 * blank, undefined when not a date. Years past 9999 (which JavaScript reads) are not dates here:
 * PostgreSQL refuses the six-digit years they are written with. The forms' words under a date
 * field read it with this too, so the page says the moment the server will store.
 */
export function parseDateInput(value: string | undefined) {
  const text = value?.trim()
  if (!text) return null
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(text)
  const date = new Date(isDay ? `${text}T00:00:00Z` : text)
  if (!isStorableDate(date)) return undefined
  // JavaScript rolls a day the month lacks over ("2027-02-30" is 2 March): that is not the day typed.
  return isDay && date.toISOString().slice(0, 10) !== text ? undefined : date
}

function isStorableDate(date: Date) {
  const year = date.getUTCFullYear()
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999
}

/** A round form's two days, by field name, and how a refusal names each. */
const ROUND_DAYS = { opensOn: 'opening date', closesOn: 'closing date' } as const
export type RoundDayField = keyof typeof ROUND_DAYS

/**
 * A round's day as its form field `field` gives it: the date input's text (read with
 * `parseDateInput`) or a Date a caller made from it. Refuses (400) one that is not a date, with
 * the field marked, so the form says which of its days to fix, whichever form and whichever
 * layer (route or model) sees it first. Blank is null, or refused too when `required`.
 */
export function readRoundDay(
  field: RoundDayField,
  value: string | Date | null | undefined,
  options: { required: true },
): Date
export function readRoundDay(
  field: RoundDayField,
  value: string | Date | null | undefined,
  options?: { required?: boolean },
): Date | null
export function readRoundDay(
  field: RoundDayField,
  value: string | Date | null | undefined,
  { required = false }: { required?: boolean } = {},
) {
  const day = value instanceof Date ? value : parseDateInput(value ?? undefined)
  const words = ROUND_DAYS[field]
  if (day === undefined || (day !== null && !isStorableDate(day))) {
    refuse(`The ${words} is not a date.`, 400, { [field]: 'Not a date: pick a day.' })
  }
  if (day === null && required) refuse(`Give the ${words}.`, 400, { [field]: 'Pick a day.' })
  return day
}

/**
 * Refuses (400) a round's day that is not after `now`, with `message`, marking the form field
 * `field` (with `hint`, where the form takes more than days to come: a round moved to today):
 * a round cannot open or close in the past, where it would read as if it had.
 */
export function refuseUnlessFuture(
  day: Date,
  now: Date,
  message: string,
  field: string,
  hint = 'Pick a day still to come.',
) {
  if (day <= now) refuse(message, 400, { [field]: hint })
}
