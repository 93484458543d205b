import type { Transaction } from 'kysely'

import type { Database } from './client.server'
import type { DB } from './schema'

/**
 * Runs `work` in a transaction, or inside the caller's when it already is one, so that model
 * functions compose (the demo seed and the sync run several in one transaction).
 */
export function inTransaction<T>(
  db: Database,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>)
  return db.transaction().execute(work)
}
