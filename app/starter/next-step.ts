// What a newcomer who has just claimed a project should do first, in words that name only what
// this project has: an old Pioneer Project's "Read first" is its 2015 notes (origin, sources),
// not a reading guide, and many projects have no mentor or attached issue.

export type NextStepGuide = {
  hasReadFirst: boolean
  /** Its "Read first" holds the original list's notes rather than a reading guide. */
  isFromPioneerList: boolean
  hasMentors: boolean
  issue: { repo: string; number: number } | null
}

export function nextStepAfterClaim(guide: NextStepGuide) {
  const below = [
    guide.hasReadFirst
      ? guide.isFromPioneerList
        ? 'the original list’s notes under “Read first”'
        : '“Read first”'
      : null,
    guide.issue ? `the attached issue, ${guide.issue.repo}#${guide.issue.number},` : null,
  ].filter((part) => part !== null)
  // A real reading guide comes first; otherwise the summary is where the project is explained.
  const summaryFirst = !guide.hasReadFirst || guide.isFromPioneerList
  const reading = below.length
    ? `${summaryFirst ? 'the summary above, then ' : ''}${below.join(' and ')} below`
    : 'the summary above'
  const tell = guide.hasMentors
    ? ' and tell the mentors you have started'
    : guide.issue
      ? ' and say on the issue that you have started'
      : ''
  return `Next: read ${reading}${tell}.`
}
