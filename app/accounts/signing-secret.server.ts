import { randomBytes } from 'node:crypto'

import { getDb, type Database } from '../../db/client.server'
import { getEnv } from '../utils/env.server'

/**
 * The board's own secret, made by whichever process asks first and kept in the database, so a
 * restart keeps everyone signed in. Insert-if-absent then read back: two processes starting
 * together both end up with the row the first one wrote.
 */
export async function ensureBoardSecret(db: Database = getDb()): Promise<string> {
  await db
    .insertInto('board_secret')
    .values({ id: 1, secret: randomBytes(32).toString('hex') })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute()
  const row = await db
    .selectFrom('board_secret')
    .select('secret')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return row.secret
}

const globalForSecrets = globalThis as typeof globalThis & {
  __pioneerBoardSigningSecrets?: Promise<string[]>
}

/**
 * What signs session cookies and unsubscribe links: the first signs, all verify (so a rotation
 * keeps old cookies and links working). SESSION_SECRET when set (production requires it);
 * otherwise the board's own secret, read once per process.
 */
export function signingSecrets(): Promise<string[]> {
  const configured = getEnv().SESSION_SECRET
  if (configured) return Promise.resolve(configured)
  globalForSecrets.__pioneerBoardSigningSecrets ??= ensureBoardSecret().then(
    (secret) => [secret],
    (error: unknown) => {
      // Not remembered: the next request tries again (the database may be back by then).
      delete globalForSecrets.__pioneerBoardSigningSecrets
      throw error
    },
  )
  return globalForSecrets.__pioneerBoardSigningSecrets
}
