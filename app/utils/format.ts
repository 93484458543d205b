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

/**
 * A count that stops at a cap, as every page says one: "more than 25" past the cap ("25+" read as
 * 25, and "25 or more" said the same cap in other words than triage's), else the number.
 */
export function cappedCount({ count, isCapped }: { count: number; isCapped: boolean }) {
  return `${isCapped ? 'more than ' : ''}${count.toLocaleString('en')}`
}

/** cappedCount with its noun: "more than 25 open issues", "1 open issue". */
export function cappedCountOf(
  counted: { count: number; isCapped: boolean },
  singular: string,
  plural = `${singular}s`,
) {
  const noun = !counted.isCapped && pluralRules.select(counted.count) === 'one' ? singular : plural
  return `${cappedCount(counted)} ${noun}`
}

/** The sentence-starting form of `text`: "More than 25 issues…". */
export function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1)
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
