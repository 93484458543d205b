import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { expect, test } from 'vitest'

import { migrations } from '../migrations'
import { setupTestDatabase } from '../test/database'

import { createDatabase } from './client.server'
import { createMigrator, migrateToLatest } from './migrator'
import { compareSchemaWithDatabase } from './schema-check'

const getDb = setupTestDatabase()

test('every migration file in migrations/ is listed, in timestamp order', () => {
  const files = readdirSync(path.resolve(__dirname, '../migrations'))
    .filter((file) => /^\d{14}_.+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort()
  expect(Object.keys(migrations)).toEqual(files)
})

test('migrating twice is a no-op the second time', async () => {
  const second = await migrateToLatest(getDb())
  expect(second.results).toEqual([])
  const status = await createMigrator(getDb()).getMigrations()
  expect(status.every((migration) => migration.executedAt instanceof Date)).toBe(true)
})

test('the newest migration can be undone and done again', async () => {
  const migrator = createMigrator(getDb())
  const down = await migrator.migrateDown()
  expect(down.error).toBeUndefined()
  expect(down.results?.map((result) => result.migrationName)).toEqual([
    Object.keys(migrations).at(-1),
  ])
  const up = await migrateToLatest(getDb())
  expect(up.results?.map((result) => result.status)).toEqual(['Success'])
  expect(await compareSchemaWithDatabase(getDb())).toEqual([])
})

test('a database that cannot be opened is not blamed on a migration', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'pioneer-board-migrator-'))
  try {
    const file = path.join(folder, 'a-file')
    writeFileSync(file, '')
    const db = createDatabase({ dataDir: file, poolSize: 1 })
    await expect(migrateToLatest(db)).rejects.toThrow(
      `Invalid setting DATA_DIR: ${file} is a file, not a directory`,
    )
    await db.destroy().catch(() => {})
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('a failure before any migration runs names no migration', async () => {
  const db = createDatabase({
    databaseUrl: 'postgres://board:s3cret@127.0.0.1:1/board',
    dataDir: '',
    poolSize: 1,
  })
  try {
    await expect(migrateToLatest(db)).rejects.toThrow(/^Migrating the database failed: /)
  } finally {
    await db.destroy()
  }
})
