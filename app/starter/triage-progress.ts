// The triage page's one line of progress, in words a maintainer can act on.

export type TriageCount = { count: number; isCapped: boolean }

/**
 * The queue's size and where this item sits in it: skipping moves along the queue, only saving
 * or setting aside shortens it, so the words never count a skipped item as done. Candidates are
 * counted only up to a page (the check for linked pull requests is dear), so a capped count says
 * "more than N" rather than "N+", which read as N. Past the cap the counts stand still however
 * much is done, so the line also says how many items this sitting has dealt with.
 */
export function describeQueueProgress(left: TriageCount, total: TriageCount, doneHere = 0) {
  const after = { count: left.count - 1, isCapped: left.isCapped }
  const text = `${countText(total)} in the queue · ${countText(after)} after this one${
    doneHere > 0 ? ` · ${doneHere.toLocaleString('en')} done so far` : ''
  }`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function countText({ count, isCapped }: TriageCount) {
  return `${isCapped ? 'more than ' : ''}${count.toLocaleString('en')}`
}

/**
 * How many items this sitting has saved or set aside: carried from page to page in the address
 * (`sitting`), so it costs no query and belongs to no one but the person triaging. Anything that is
 * not a whole number in range reads as 0.
 */
export function parseSittingCount(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 0
  return Number(value)
}
