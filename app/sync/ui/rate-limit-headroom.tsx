/**
 * The rate-limit headroom the last requests left, for maintainers. "Unknown" only when the board
 * does talk to GitHub and has not heard back yet: the demo's copies and a board with sync off make
 * no requests, and saying "unknown" there sends a maintainer looking for a limit that is not spent.
 */
export function RateLimitHeadroom({
  remaining,
  holdsDemo,
  syncsFromGitHub,
}: {
  /** What each repository's last sync left, where recorded. */
  remaining: number[]
  holdsDemo: boolean
  syncsFromGitHub: boolean
}) {
  const text =
    remaining.length > 0
      ? `${Math.min(...remaining)} requests left`
      : holdsDemo
        ? 'none spent: the demo’s copies never talk to GitHub'
        : syncsFromGitHub
          ? 'unknown until the first sweep answers'
          : 'none spent: this server does not sync from GitHub'
  return <>Rate-limit headroom after the last requests: {text}.</>
}
