import { formatDateTime } from '~/utils/format'

/**
 * The rate-limit headroom the last requests left, for maintainers. "Unknown" only when the board
 * does talk to GitHub and has not heard back yet: the demo's copies and a board with sync off make
 * no requests, and saying "unknown" there sends a maintainer looking for a limit that is not spent.
 */
export function RateLimitHeadroom({
  remaining,
  from = null,
  usedUpUntil = null,
  holdsDemo,
  syncsFromGitHub,
}: {
  /** What each repository's last sync left, where recorded. */
  remaining: number[]
  /**
   * After a failed sweep, whose requests `remaining` is what they left: the failed sweep's own
   * last ones, or those of the last sweep that ran through (older, so the line says when).
   */
  from?: { sweep: 'failed' | 'ran-through'; at: string | Date | null } | null
  /**
   * While the running sweep waits out a used-up primary limit, until when: the recorded figures
   * are from before it was spent, and "4992 requests left" beside "used up" read as a contradiction.
   */
  usedUpUntil?: string | Date | null
  holdsDemo: boolean
  syncsFromGitHub: boolean
}) {
  if (usedUpUntil) {
    return (
      <>{`Rate-limit headroom: 0 requests left until ${formatDateTime(usedUpUntil)} (GitHub’s rate limit is used up; the figures below are from before the wait).`}</>
    )
  }
  const text =
    remaining.length > 0
      ? `${Math.min(...remaining)} requests left`
      : holdsDemo
        ? 'none spent: the demo’s copies never talk to GitHub'
        : syncsFromGitHub
          ? 'unknown until the first sweep answers'
          : 'none spent: this server does not sync from GitHub'
  const when = from?.at ? ` (${formatDateTime(from.at)})` : ''
  const after =
    from?.sweep === 'failed'
      ? `the failed sweep’s last requests${when}`
      : from?.sweep === 'ran-through'
        ? `the last sweep that ran through${when}`
        : 'the last requests'
  return <>{`Rate-limit headroom after ${after}: ${text}.`}</>
}
