import { getDb, type Database } from '../../db/client.server'
import { listRepositoryNamesFrom } from '../mirror/repository.server'
import type { Env } from '../utils/env.server'

/**
 * Why GitHub must not be mirrored into `db`, or null. The MirageOS demo's repositories have the
 * real ones' names with made-up ids: a sweep would write GitHub's issues into the demo's copies
 * (owner/name) or fail on the names it already holds (an organisation), leaving the two mixed.
 * `refused` says what was refused: `npm run sync` syncs nothing, while start-up (which was asked
 * for no sync) starts nothing.
 */
export function getDemoRefusal(
  settings: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>,
  db: Database = getDb(),
  refused: 'sync' | 'start-up' = 'sync',
): Promise<string | null> {
  return describeDemoDatabase(
    settings,
    db,
    refused === 'sync' ? ': nothing was synced' : ': the board was not started',
  )
}

/**
 * That `db` holds the MirageOS demo and how to mirror into a database of its own, or null when it
 * holds none; `outcome` follows the first clause (what was not done).
 */
export async function describeDemoDatabase(
  settings: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>,
  db: Database = getDb(),
  outcome = '',
): Promise<string | null> {
  const names = await listRepositoryNamesFrom('demo', db)
  if (names.length === 0) return null
  return (
    `This database holds the MirageOS demo (${names.length} ${names.length === 1 ? 'repository' : 'repositories'}: ${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}), ` +
    `which must not be mixed with issues mirrored from GitHub${outcome}. Mirror into a ` +
    `database of its own: ${demoRemedy(settings)}; with BOARD_REPOS set, start-up loads no demo.`
  )
}

/**
 * How to get a database of one's own instead of the demo's. It depends on which database this
 * is: PostgreSQL has no folder to delete, and an operator there usually has one database to clear
 * rather than a server to make new ones on.
 */
function demoRemedy(settings: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>) {
  return settings.DATABASE_URL
    ? 'point DATABASE_URL at an empty database (createdb), or empty this one (psql: DROP SCHEMA ' +
        'public CASCADE; CREATE SCHEMA public;)'
    : `set DATA_DIR to a new folder (or delete the demo’s, ${settings.DATA_DIR}), or DATABASE_URL ` +
        'to an empty database'
}

/**
 * The line start-up logs after loading the demo into a database while GITHUB_TOKEN is set, or
 * null. A token says the operator means to mirror GitHub; following the README's steps one
 * start at a time (database, then token, then BOARD_REPOS), the database got the demo and the
 * only word of it was "loaded the MirageOS demo", until BOARD_REPOS was refused a start later.
 */
export function demoLoadedWarning(
  settings: Pick<Env, 'DATABASE_URL' | 'DATA_DIR' | 'GITHUB_TOKEN'>,
): string | null {
  if (!settings.GITHUB_TOKEN) return null
  return (
    'GITHUB_TOKEN is set but BOARD_REPOS is not, so this database got the MirageOS demo, and a ' +
    'database holding the demo never mirrors GitHub. To mirror your repositories, set BOARD_REPOS ' +
    `and ${demoRemedy(settings)}.`
  )
}
