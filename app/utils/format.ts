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
