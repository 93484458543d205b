import { formatDate } from '../utils/format'

// "Now" for the mirrored data: the time that "recent", "stale" and "updated 3 days ago" are measured
// from (decision 012). A live board (one that syncs from GitHub) uses the real clock. A snapshot
// (the MirageOS demo, or a restored copy that never synced) is read as of its newest activity on
// open work, so its views describe the data as it stood rather than calling everything stale.
// People's own commitments (claims lapsing, rounds closing, write limits) never use this: they run
// on the real clock everywhere.

export type BoardClock = {
  /** `real`: the real clock. `snapshot`: the newest activity on an open item of the mirror. */
  kind: 'real' | 'snapshot'
  now: Date
}

export type BoardClockFacts = {
  /** The real time of the request. */
  realNow: Date
  /** Whether the mirror has ever heard from GitHub (a sweep started or a webhook arrived). */
  isLive: boolean
  /** The newest `updated_at` among open issues and pull requests; null when none is open. */
  newestOpenActivity: Date | null
}

/**
 * The board's "now". Live: the real time. A snapshot: its newest activity on open work, never
 * later than the real time (a clock skewed into the future must not make real work look fresh);
 * a snapshot with no open work has nothing to measure, so the real time.
 */
export function boardClock({ realNow, isLive, newestOpenActivity }: BoardClockFacts): BoardClock {
  if (isLive || newestOpenActivity === null) return { kind: 'real', now: realNow }
  const now = newestOpenActivity < realNow ? newestOpenActivity : realNow
  return { kind: 'snapshot', now }
}

/**
 * What a page says when it measures from a snapshot's time rather than the real clock; null on
 * the real clock (nothing to explain).
 */
export function describeBoardClock(clock: BoardClock): string | null {
  if (clock.kind === 'real') return null
  return `Measured as of ${formatDate(clock.now)}, the last activity on open work in the mirrored data: this board does not sync from GitHub (it holds the demo data or a copy), so the real date would call all of it stale.`
}
