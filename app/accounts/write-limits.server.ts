import { consumeWriteQuota, type WriteLimit } from '~/accounts/write-quota.server'
import { Refusal } from '~/utils/refusal'

import type { CurrentUser } from './auth.server'

// Per-account write budgets. Generous for people, tight enough that a script or a stuck button
// cannot flood the board.
export const WRITE_LIMITS = {
  'grant-maintainer': { limit: 30, windowMs: 60 * 60_000 },
  'trigger-sync': { limit: 12, windowMs: 60 * 60_000 },
  idea: { limit: 20, windowMs: 60 * 60_000 },
  'plus-one': { limit: 120, windowMs: 60 * 60_000 },
  // Roadmap: comments and area suggestions; ballots and dot votes; maintainers' round work.
  'idea-comment': { limit: 60, windowMs: 60 * 60_000 },
  ballot: { limit: 60, windowMs: 60 * 60_000 },
  round: { limit: 120, windowMs: 60 * 60_000 },
  claim: { limit: 10, windowMs: 24 * 60 * 60_000 },
  rerate: { limit: 200, windowMs: 60 * 60_000 },
  'gap-request': { limit: 10, windowMs: 24 * 60 * 60_000 },
  // Applying label plans and settling their conflicts (each apply queues many changes).
  labels: { limit: 120, windowMs: 60 * 60_000 },
} as const satisfies Record<string, WriteLimit>

export type WriteAction = keyof typeof WRITE_LIMITS

/**
 * Spends one write of the account's budget; once it is spent, refuses (429, with a Retry-After
 * and a message saying when to try again). A refusal, not a thrown Response: the action's catcher
 * answers it as it answers the form's other refusals, with what the person typed, so call it
 * inside the action's try or `runAction`, after the input is checked (a refused input spends
 * nothing).
 */
export async function enforceWriteLimit(user: CurrentUser, action: WriteAction) {
  const quota = await consumeWriteQuota(user.id, action, WRITE_LIMITS[action])
  if (quota.allowed) return
  const minutes = Math.max(1, Math.ceil(quota.retryAfterMs / 60_000))
  throw new Refusal(
    `You have reached the limit for this (${WRITE_LIMITS[action].limit} in a row). Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    429,
    undefined,
    Math.ceil(quota.retryAfterMs / 1000),
  )
}
