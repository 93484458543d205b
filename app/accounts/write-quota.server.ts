import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

export type WriteLimit = { limit: number; windowMs: number }

/**
 * Counts one write of `action` by an account in the current fixed window and says whether it is
 * allowed. Counted in the database, so several server instances share one budget.
 */
export async function consumeWriteQuota(
  accountId: number,
  action: string,
  { limit, windowMs }: WriteLimit,
  at = new Date(),
  db: Database = getDb(),
) {
  const now = at.getTime()
  const windowStart = new Date(now - (now % windowMs))
  const row = await db
    .insertInto('write_quota')
    .values({ account_id: accountId, action, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'action', 'window_start'])
        .doUpdateSet({ count: sql<number>`write_quota.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  const retryAfterMs = windowStart.getTime() + windowMs - now
  return { allowed: row.count <= limit, used: row.count, retryAfterMs }
}
