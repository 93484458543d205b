// The triage page's one line of progress, in words a maintainer can act on.

export type TriageCount = { count: number; isCapped: boolean }

/**
 * The queue's size and where this item sits in it: skipping moves along the queue, only saving
 * or setting aside shortens it, so the words never count a skipped item as done. Candidates are
 * counted only up to a page (the check for linked pull requests is dear), so a capped count says
 * "more than N" rather than "N+", which read as N.
 */
export function describeQueueProgress(left: TriageCount, total: TriageCount) {
  const after = { count: left.count - 1, isCapped: left.isCapped }
  const text = `${countText(total)} in the queue · ${countText(after)} after this one`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function countText({ count, isCapped }: TriageCount) {
  return `${isCapped ? 'more than ' : ''}${count.toLocaleString('en')}`
}
