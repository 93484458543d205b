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
