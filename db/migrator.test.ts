import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql, type Kysely } from 'kysely'
import { expect, test } from 'vitest'

import { recordCallDecision } from '../app/roadmap/decision.server'
import { makeIdea, makeTarget } from '../app/roadmap/test-fixtures'
import { migrations } from '../migrations'
import * as answeredRequestNoticesRead from '../migrations/20261215000000_answered_request_notices_read'
import * as decisionRecordedAt from '../migrations/20261219000000_decision_recorded_at'
import { setupTestDatabase } from '../test/database'
import { createMaintainer } from '../test/starter-factories'

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

test('a database migrated by newer code says so, not that its migrations are corrupted', async () => {
  // The code rolled back after an upgrade: Kysely's "corrupted migrations: previously executed
  // migration … is missing" read as a broken database.
  await sql`insert into kysely_migration (name, timestamp) values ('29991231000000_from_a_later_version', '2999-12-31T00:00:00Z')`.execute(
    getDb(),
  )
  try {
    await expect(migrateToLatest(getDb())).rejects.toThrow(
      'This database was migrated by a newer version of Pioneer Board (its migration 29991231000000_from_a_later_version is not in this code): run that version or a later one, or restore a backup made before it',
    )
  } finally {
    await sql`delete from kysely_migration where name = '29991231000000_from_a_later_version'`.execute(
      getDb(),
    )
  }
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

test('boards answered before the change: other maintainers’ notices of an answered request read as of the answer', async () => {
  const db = getDb()
  const dana = await createMaintainer(db, 'dana')
  const hannes = await createMaintainer(db, 'hannes')
  const answeredAt = new Date('2026-11-30T10:00:00Z')
  const [answered, open] = await db
    .insertInto('gap_request')
    .values([
      { language_level: 'some', answered_at: answeredAt, answered_by: dana.id },
      { language_level: 'none' },
    ])
    .returning('id')
    .execute()
  await db
    .insertInto('notification')
    .values(
      [answered!, open!].flatMap((request) =>
        [dana, hannes].map((maintainer) => ({
          account_id: maintainer.id,
          kind: 'gap-requested',
          event_key: `gap-requested:${request.id}`,
          title: 'Nothing fits a newcomer',
          link: `/starter/gaps#request-${request.id}`,
        })),
      ),
    )
    .execute()

  // Migrations take the untyped database: they run against every past schema.
  await answeredRequestNoticesRead.up(db as unknown as Kysely<unknown>)

  const notices = await db
    .selectFrom('notification')
    .select(['event_key', 'read_at'])
    .orderBy('id')
    .execute()
  expect(notices).toEqual([
    { event_key: `gap-requested:${answered!.id}`, read_at: answeredAt },
    { event_key: `gap-requested:${answered!.id}`, read_at: answeredAt },
    { event_key: `gap-requested:${open!.id}`, read_at: null },
    { event_key: `gap-requested:${open!.id}`, read_at: null },
  ])
})

test('decisions recorded before the board kept the time keep it unknown; later ones get the database clock', async () => {
  const db = getDb()
  const untyped = db as unknown as Kysely<unknown>
  const target = await makeTarget(db)
  const decide = async (name: string) =>
    recordCallDecision(
      {
        releaseTargetId: target.targetId,
        name,
        decidedAt: new Date('2015-03-04T12:00:00Z'),
        sourceKey: name,
        sourceUrl: null,
        rationale: 'Decided on the call.',
        outcomes: [
          {
            ideaId: await makeIdea(db, target, `About ${name}`),
            outcome: 'agreed',
            disposition: 'roadmap',
            reason: null,
          },
        ],
      },
      db,
    )
  await decisionRecordedAt.down(untyped)
  const before = await decide('Before')
  await decisionRecordedAt.up(untyped)
  const after = await decide('After')

  const recordedAt = async (id: number) =>
    (
      await db
        .selectFrom('decision')
        .select('recorded_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).recorded_at
  expect(await recordedAt(before.decisionId)).toBeNull()
  expect(await recordedAt(after.decisionId)).toBeInstanceOf(Date)
})
