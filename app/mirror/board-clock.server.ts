import { getDb, type Database } from '../../db/client.server'

import { boardClock, type BoardClock } from './board-clock'

// Reads the facts boardClock decides from (decision 012). Two small reads: whether the mirror
// has ever heard from GitHub, and, only for a snapshot, the newest open item (read down the index
// on update times; a snapshot is small).

/** Whether a sweep has ever started or a webhook ever arrived: the board follows GitHub. */
export async function isLiveMirror(db: Database = getDb()) {
  const swept = await db
    .selectFrom('repository_sync_state')
    .select('repository_id')
    .where('last_started_at', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  if (swept) return true
  const delivered = await db.selectFrom('webhook_delivery').select('id').limit(1).executeTakeFirst()
  return delivered !== undefined
}

/** The newest update time of an open issue or pull request, or null when nothing is open. */
export async function getNewestOpenActivity(db: Database = getDb()) {
  const row = await db
    .selectFrom('issue')
    .select('updated_at')
    .where('state', '=', 'open')
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.updated_at ?? null
}

/** "Now" for the mirrored data: the real time on a live board, the snapshot's time otherwise. */
export async function getBoardClock(
  db: Database = getDb(),
  realNow: Date = new Date(),
): Promise<BoardClock> {
  const isLive = await isLiveMirror(db)
  return boardClock({
    realNow,
    isLive,
    newestOpenActivity: isLive ? null : await getNewestOpenActivity(db),
  })
}
