import { sql } from 'kysely'

import type { Database } from './client.server'

/**
 * A string that changes whenever a write transaction begins or ends anywhere on the server (the
 * current snapshot: its horizon and the transactions in progress). While it stays the same, every
 * read answers as before: caches of what the data looked like may be reused.
 */
export async function readDataVersion(db: Database): Promise<string> {
  const { rows } = await sql<{
    version: string
  }>`select pg_current_snapshot()::text as version`.execute(db)
  return rows[0]!.version
}
