import { getDb, type Database } from '../../db/client.server'
import { listRepositoryNamesFrom } from '../mirror/repository.server'

/**
 * Why GitHub must not be mirrored into `db`, or null. The MirageOS demo's repositories have the
 * real ones' names with made-up ids: a sweep would write GitHub's issues into the demo's copies
 * (owner/name) or fail on the names it already holds (an organisation), leaving the two mixed.
 */
export async function getDemoRefusal(db: Database = getDb()): Promise<string | null> {
  const names = await listRepositoryNamesFrom('demo', db)
  if (names.length === 0) return null
  return (
    `This database holds the MirageOS demo (${names.length} repositories: ${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}), ` +
    'which must not be mixed with issues mirrored from GitHub: nothing was synced. Mirror into a ' +
    'database of its own: set DATA_DIR to a new folder (or delete the demo’s, .data/pglite by ' +
    'default), or DATABASE_URL to an empty database; with BOARD_REPOS set, start-up loads no demo.'
  )
}
