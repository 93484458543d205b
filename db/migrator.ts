import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration'

import type { Database } from './client.server'

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'migrations',
)

export function createMigrator(db: Database) {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  })
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
