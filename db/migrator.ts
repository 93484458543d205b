import { sql } from 'kysely'
import { Migrator, type MigrationResultSet } from 'kysely/migration'

import { migrations } from '../migrations'

import { DatabaseSettingError, type Database } from './client.server'

export function createMigrator(db: Database) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Brings the database to the latest migration; a failure names the migration, if one failed. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const resultSet = await createMigrator(db).migrateToLatest()
  if (resultSet.error) {
    // A database its settings cannot open says so itself, naming the setting.
    if (resultSet.error instanceof DatabaseSettingError) throw resultSet.error
    const unknown = await migrationsUnknownHere(db)
    if (unknown.length > 0) {
      // Kysely calls this "corrupted migrations", which read as a broken database: it is a whole
      // one, made by newer code (the code rolled back after an upgrade, an older checkout).
      throw new Error(
        `This database was migrated by a newer version of Pioneer Board (its migration ${unknown.at(-1)} is not in this code): run that version or a later one, or restore a backup made before it`,
        { cause: resultSet.error },
      )
    }
    const failed = resultSet.results?.find((result) => result.status === 'Error')
    const reason =
      resultSet.error instanceof Error ? resultSet.error.message : String(resultSet.error)
    // Without a failed migration the failure came first (opening the database, taking the
    // migration lock): no migration is to blame, so none is named.
    const what = failed
      ? `Migration ${failed.migrationName} failed`
      : 'Migrating the database failed'
    throw new Error(`${what}: ${reason}`, { cause: resultSet.error })
  }
  return resultSet
}

/** Migrations the database records as done that this code does not have, oldest first. */
async function migrationsUnknownHere(db: Database) {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    return rows
      .map((row) => row.name)
      .filter((name) => !(name in migrations))
      .sort()
  } catch {
    // No migration table (or no database): nothing was done by anyone.
    return []
  }
}
