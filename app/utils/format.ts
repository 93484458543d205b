const dateFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})

/** A fixed UTC date, so the server's and the browser's renderings always agree. */
export function formatDate(value: string | Date) {
  return dateFormat.format(new Date(value))
}

/** A fixed UTC date and time to the minute ("3 Dec 2026 22:41 UTC"). */
export function formatDateTime(value: string | Date) {
  return `${formatDate(value)} ${new Date(value).toISOString().slice(11, 16)} UTC`
}

const pluralRules = new Intl.PluralRules('en')

/** A count with its noun in the right number: "1 label", "3 labels", "0 labels". */
export function countOf(count: number, singular: string, plural = `${singular}s`) {
  return `${count} ${pluralRules.select(count) === 'one' ? singular : plural}`
}

/** Items as a sentence lists them: "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]) {
  return items.length <= 2
    ? items.join(' and ')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/**
 * How often something recurs, in the unit SYNC_INTERVAL-like settings were given in: "every 30
 * seconds", "every minute", "every 10 minutes", "every 2 hours" (rounding to minutes showed 30 s
 * as "every 1 minutes").
 */
export function formatEvery(ms: number) {
  const [amount, unit] =
    ms % 3_600_000 === 0
      ? [ms / 3_600_000, 'hour']
      : ms % 60_000 === 0
        ? [ms / 60_000, 'minute']
        : [Math.round(ms / 1000), 'second']
  return amount === 1 ? `every ${unit}` : `every ${countOf(amount, unit)}`
}
