import { formatDate } from '../utils/format'

const DAY_MS = 86_400_000

/** How long a claim has left, in words, or when it lapsed: what My work and the home page say. */
export function claimTimeLeft(expiresAt: string, now: string) {
  const ms = new Date(expiresAt).getTime() - new Date(now).getTime()
  if (ms <= 0) return `lapsed on ${formatDate(expiresAt)}`
  // Rounded: a claim made a minute ago for 30 days has 30 days left, not 29.
  const days = Math.round(ms / DAY_MS)
  if (ms >= DAY_MS)
    return `${days} day${days === 1 ? '' : 's'} left (until ${formatDate(expiresAt)})`
  const hours = Math.max(1, Math.floor(ms / 3_600_000))
  return `${hours} hour${hours === 1 ? '' : 's'} left`
}
