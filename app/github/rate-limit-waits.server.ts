import { log } from '../utils/log.server'

import type { GitHubClientOptions } from './client.server'

export type RateLimitWait = { reason: 'rate-limit' | 'secondary-limit'; until: Date }

/**
 * A GitHub client's `onWait` for a process that runs in the background (the server's sync sweep,
 * its label worker): one warning per wait, naming who waits and until when. A used-up primary
 * limit waits up to an hour, which otherwise looks like a hang. Requests in flight meet the same
 * limit: one line per wait, not one per request. `current` is the wait last announced, until
 * `clear` (at the end of a run).
 */
export function rateLimitWaitLog(
  who: string,
  { now = () => new Date() }: { now?: () => Date } = {},
) {
  let announced: RateLimitWait | null = null
  const onWait: NonNullable<GitHubClientOptions['onWait']> = ({ reason, seconds }) => {
    const until = new Date(now().getTime() + seconds * 1000)
    if (until.getTime() <= (announced?.until.getTime() ?? 0) + 5_000) return
    announced = { reason, until }
    log.warn(
      reason === 'rate-limit'
        ? `${who} waiting: GitHub's rate limit is used up`
        : `${who} waiting: GitHub asked to slow down (secondary rate limit)`,
      { until: until.toISOString(), seconds },
    )
  }
  return {
    onWait,
    current: () => announced,
    clear: () => {
      announced = null
    },
  }
}
