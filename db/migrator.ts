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
