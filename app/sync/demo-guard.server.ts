import { getDb, type Database } from '../../db/client.server'
import { listRepositoryNamesFrom } from '../mirror/repository.server'
import type { Env } from '../utils/env.server'

/**
 * Why GitHub must not be mirrored into `db`, or null. The MirageOS demo's repositories have the
 * real ones' names with made-up ids: a sweep would write GitHub's issues into the demo's copies
 * (owner/name) or fail on the names it already holds (an organisation), leaving the two mixed.
 */
export async function getDemoRefusal(
  settings: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>,
  db: Database = getDb(),
): Promise<string | null> {
  const names = await listRepositoryNamesFrom('demo', db)
  if (names.length === 0) return null
  // How to get a database of one's own depends on which database this is: PostgreSQL has no
  // folder to delete, and an operator there usually has one database to clear rather than a
  // server to make new ones on.
  const remedy = settings.DATABASE_URL
    ? 'point DATABASE_URL at an empty database (createdb), or empty this one (psql: DROP SCHEMA ' +
      'public CASCADE; CREATE SCHEMA public;)'
    : `set DATA_DIR to a new folder (or delete the demo’s, ${settings.DATA_DIR}), or DATABASE_URL ` +
      'to an empty database'
  return (
    `This database holds the MirageOS demo (${names.length} repositories: ${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}), ` +
    'which must not be mixed with issues mirrored from GitHub: nothing was synced. Mirror into a ' +
    `database of its own: ${remedy}; with BOARD_REPOS set, start-up loads no demo.`
  )
}
