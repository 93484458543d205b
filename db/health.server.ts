import { sql } from 'kysely'

import { getDb, type Database } from './client.server'

/** True when a trivial query succeeds; any failure (down, refused, timed out) counts as unreachable. */
export async function checkDatabase(db: Database = getDb()) {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
