import { Migrator, type MigrationResultSet } from 'kysely/migration'

import { migrations } from '../migrations'

import type { Database } from './client.server'

export function createMigrator(db: Database) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Brings the database to the latest migration, or throws naming the migration that failed. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const resultSet = await createMigrator(db).migrateToLatest()
  if (resultSet.error) {
    const failed = resultSet.results?.find((result) => result.status === 'Error')
    const reason =
      resultSet.error instanceof Error ? resultSet.error.message : String(resultSet.error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, {
      cause: resultSet.error,
    })
  }
  return resultSet
}
