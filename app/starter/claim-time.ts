import { formatDate } from '../utils/format'

const DAY_MS = 86_400_000

/**
 * A claim's last days: the "your claim lapses in 3 days: renew it if you are still on it"
 * reminder is sent (notifications/kinds.ts takes its window from here) and renewing opens, so the
 * board has one notion of a claim nearing its end. Earlier, renewing would only move the end date
 * by the few days since the claim was made, so it is not offered, and the server refuses it
 * (running-claim.server.ts `isRenewalOpen`).
 */
export const RENEWAL_WINDOW_MS = 3 * DAY_MS
export const RENEWAL_WINDOW_DAYS = RENEWAL_WINDOW_MS / DAY_MS

/** The moment renewing a claim that ends at `expiresAt` opens. */
export function renewalOpensAt(expiresAt: string | Date) {
  return new Date(new Date(expiresAt).getTime() - RENEWAL_WINDOW_MS)
}

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

/**
 * What a claim is, in one sentence, for someone who has never made one (signed out, the rubric):
 * "claim" is the board's word, and nothing else says that it is public, exclusive, for how long,
 * and that letting go is allowed. `claimDays`: the CLAIM_DAYS setting.
 */
export function whatClaimingMeans(claimDays: number) {
  return `Claiming a project tells everyone you are working on it, one person at a time (an elastic project takes several), for ${claimDays} days unless you renew it; stopping is fine, and it goes back to the finder for someone else.`
}
