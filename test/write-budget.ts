import { WRITE_LIMITS, type WriteAction } from '../app/accounts/write-limits.server'
import type { Database } from '../db/client.server'

/**
 * Spends an account's whole budget for `action`, in the window of now and in the next one, so the
 * next write is refused even if a window ends while the test runs (no wall-clock dependence).
 */
export async function spendWriteBudget(db: Database, accountId: number, action: WriteAction) {
  const { limit, windowMs } = WRITE_LIMITS[action]
  const now = Date.now()
  const thisWindow = now - (now % windowMs)
  await db
    .insertInto('write_quota')
    .values(
      [thisWindow, thisWindow + windowMs].map((start) => ({
        account_id: accountId,
        action,
        window_start: new Date(start),
        count: limit,
      })),
    )
    .execute()
}

/** How many writes of `action` the account has spent, over every window. */
export async function writesSpent(db: Database, accountId: number, action: WriteAction) {
  const rows = await db
    .selectFrom('write_quota')
    .select('count')
    .where('account_id', '=', accountId)
    .where('action', '=', action)
    .execute()
  return rows.reduce((sum, row) => sum + row.count, 0)
}
