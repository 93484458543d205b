import { sql } from 'kysely'
import postgres from 'postgres'
import { afterAll, beforeAll, beforeEach } from 'vitest'

import { closeDb, getDb, type Database } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

/**
 * Creates (once) a database of the given name on the server of `baseUrl`, as a copy of `template`
 * when given; returns its URL.
 */
export async function ensureWorkerDatabase(baseUrl: string, name: string, template?: string) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${name}`
    if (!existing) {
      const from = template ? ` template "${template}"` : ''
      await admin.unsafe(`create database "${name}"${from}`).catch((error: { code?: string }) => {
        // Another process created it first.
        if (error.code !== '42P04') throw error
      })
    }
  } finally {
    await admin.end()
  }
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Empties every table the migrations made, keeping the schema. */
export async function resetDatabase(db: Database) {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_migration%'
  `.execute(db)
  if (rows.length === 0) return
  await sql
    .raw(`truncate ${rows.map((row) => `"${row.tablename}"`).join(', ')} restart identity cascade`)
    .execute(db)
}

/**
 * Brings the worker's database to the latest migration (a clone of the run's migrated template
 * already is) and empties it before every test.
 */
export function setupTestDatabase() {
  beforeAll(async () => {
    await migrateToLatest(getDb())
  })
  beforeEach(async () => {
    await resetDatabase(getDb())
  })
  afterAll(async () => {
    await closeDb()
  })
  return getDb
}
