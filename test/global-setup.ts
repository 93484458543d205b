import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'

import { createDatabase } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

// Vitest's globalSetup: runs every migration once into a template database, which each test
// file and each server of the e2e tests then clone (initdb and every migration cost PGlite
// seconds of CPU; a clone is a file copy). On PostgreSQL (DATABASE_URL) the template is a
// database made each run and cloned with `create database ... template`; on PGlite it is a data
// directory, copied for servers, and its tarball, which each test file's in-memory database is
// loaded from, both kept between runs.

export type DatabaseTemplate =
  { kind: 'postgres'; name: string } | { kind: 'pglite'; dataDir: string; tarball: string }

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate
  }
}

const POSTGRES_TEMPLATE = 'pioneer_board_template'
const WORKER_DATABASE_PREFIX = 'pioneer_board_test_'
const SERVER_DATABASE_PREFIX = 'pioneer_board_e2e_'

async function makePostgresTemplate(baseUrl: string) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  // Worker databases left by an earlier run are cloned again from this run's template.
  const dropAll = async () => {
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database
      where datname = ${POSTGRES_TEMPLATE}
        or datname like ${`${WORKER_DATABASE_PREFIX}%`}
        or datname like ${`${SERVER_DATABASE_PREFIX}%`}
    `
    for (const { datname } of stale) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`)
    }
  }
  try {
    await dropAll()
    await admin.unsafe(`create database "${POSTGRES_TEMPLATE}"`)
    const url = new URL(baseUrl)
    url.pathname = `/${POSTGRES_TEMPLATE}`
    const db = createDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 1 })
    try {
      await migrateToLatest(db)
    } finally {
      // Nobody may stay connected: PostgreSQL clones only a database no session is using.
      await db.destroy()
    }
  } catch (error) {
    await admin.end()
    throw error
  }
  return {
    template: { kind: 'postgres', name: POSTGRES_TEMPLATE } as const,
    remove: async () => {
      await dropAll().finally(() => admin.end())
    },
  }
}

/** Changes whenever what the template holds could: a migration, PGlite or Kysely. */
function pgliteTemplateKey() {
  const hash = createHash('sha256')
  const migrationsDir = path.resolve(__dirname, '../migrations')
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsDir, file)))
  }
  for (const dependency of ['@electric-sql/pglite', 'kysely']) {
    const manifest = path.resolve(__dirname, '../node_modules', dependency, 'package.json')
    hash.update(dependency).update(readFileSync(manifest))
  }
  return hash.digest('hex').slice(0, 16)
}

/** Templates unused for a day (of migrations since changed, most likely) are deleted. */
function pruneTemplates(cacheDir: string) {
  for (const entry of readdirSync(cacheDir)) {
    const entryPath = path.join(cacheDir, entry)
    if (Date.now() - statSync(entryPath).mtimeMs > 24 * 60 * 60_000) {
      rmSync(entryPath, { recursive: true, force: true })
    }
  }
}

/**
 * The migrated PGlite template, kept between runs under node_modules/.cache until a migration
 * changes (making one runs initdb and every migration: seconds a run of one file should not pay).
 * Made in a scratch folder and renamed into place, so a run never sees a half-made template.
 */
async function makePGliteTemplate() {
  const cacheDir = path.resolve(__dirname, '../node_modules/.cache/pioneer-board-test')
  const ready = path.join(cacheDir, `template-${pgliteTemplateKey()}`)
  const template = {
    kind: 'pglite',
    dataDir: path.join(ready, 'pglite'),
    tarball: path.join(ready, 'pglite.tar'),
  } as const
  const remove = async () => {}
  if (existsSync(ready)) {
    // Marks it used, so pruning (below) keeps it.
    const now = new Date()
    utimesSync(ready, now, now)
    return { template, remove }
  }

  mkdirSync(cacheDir, { recursive: true })
  pruneTemplates(cacheDir)
  const scratch = mkdtempSync(path.join(cacheDir, 'making-'))
  try {
    const dataDir = path.join(scratch, 'pglite')
    const db = createDatabase({ dataDir, poolSize: 1 })
    try {
      await migrateToLatest(db)
    } finally {
      await db.destroy()
    }
    const pglite = await PGlite.create(dataDir)
    try {
      const dump = await pglite.dumpDataDir('none')
      writeFileSync(path.join(scratch, 'pglite.tar'), Buffer.from(await dump.arrayBuffer()))
    } finally {
      await pglite.close()
    }
    // A parallel run may have made the same template meanwhile: then the rename fails, and
    // that template is as good as this one.
    renameSync(scratch, ready)
  } catch (error) {
    if (!existsSync(ready)) throw error
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return { template, remove }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL
  const made = baseUrl ? await makePostgresTemplate(baseUrl) : await makePGliteTemplate()
  project.provide('databaseTemplate', made.template)
  return made.remove
}
