import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'
import { expect, inject, onTestFinished, test } from 'vitest'

import { migrations } from '../migrations'

import { checkDatabase, createDatabase, DATA_DIR_LOCK_FILE } from './client.server'
import { migrateToLatest } from './migrator'

// When PGlite cannot write its write-ahead log (a full disk), PostgreSQL PANICs and PGlite
// aborts; its next query then spins forever in the process's only thread
// (docs/decisions/018-pglite-panic.md). A full disk needs root to make (a small tmpfs); a limit
// on the size of the files a process writes (`ulimit -f`, with SIGXFSZ ignored so that a write
// past it fails with EFBIG rather than killing the process) fails PGlite's WAL write in the same
// place, without root: PostgreSQL PANICs as it does on ENOSPC, with "File too large" as reason.

/** A migrated embedded database in a scratch folder: the run's template when it is PGlite's. */
async function migratedDataDir() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-panic-'))
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }))
  const dataDir = path.join(scratch, 'pglite')
  const template = inject('databaseTemplate')
  if (template?.kind === 'pglite') {
    cpSync(template.dataDir, dataDir, { recursive: true })
  } else {
    const db = createDatabase({ dataDir, poolSize: 1 })
    try {
      await migrateToLatest(db)
    } finally {
      await db.destroy()
    }
  }
  return dataDir
}

/** The largest file in `dir` and below, in bytes. */
function largestFile(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const entryPath = path.join(dir, entry.name)
      return entry.isDirectory() ? largestFile(entryPath) : statSync(entryPath).size
    }),
  )
}

/**
 * A file-size limit, in KiB (`ulimit -f`), that the database at `dataDir` opens under but whose
 * next few writes to the WAL cross: 64 KiB past where the WAL writes next, and past every file
 * but the WAL (a relation file written past the limit fails with an ERROR, not a PANIC).
 */
async function limitJustPastTheWal(dataDir: string) {
  const db = createDatabase({ dataDir, poolSize: 1 })
  let walOffset: number
  try {
    const { rows } = await sql<{
      offset: number
    }>`select (pg_walfile_name_offset(pg_current_wal_lsn())).file_offset as offset`.execute(db)
    walOffset = Number(rows[0]!.offset)
  } finally {
    await db.destroy()
  }
  const others = Math.max(
    ...readdirSync(dataDir)
      .filter((name) => name !== 'pg_wal')
      .map((name) => {
        const entryPath = path.join(dataDir, name)
        return statSync(entryPath).isDirectory() ? largestFile(entryPath) : statSync(entryPath).size
      }),
  )
  return Math.ceil(Math.max(walOffset, others) / 1024) + 64
}

/** `npm run db:seed` on `dataDir` under a file-size limit of `limitKiB`: its output and exit. */
async function seedUnderLimit(dataDir: string, limitKiB: number) {
  const child = spawn(
    'bash',
    ['-c', `trap '' XFSZ; ulimit -f ${limitKiB}; exec node --import tsx scripts/seed.ts`],
    {
      env: { ...process.env, ENV_FILE: 'none', DATABASE_URL: '', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  // Without the exit, the child hangs at full CPU: the test times out, and the child must not
  // outlive it.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  return { code, stdout, stderr }
}

test('a command whose embedded database PANICs (its WAL cannot be written) exits 1 with one line saying what to do, and the database opens again with what was saved', async () => {
  const dataDir = await migratedDataDir()
  const seeded = await seedUnderLimit(dataDir, await limitJustPastTheWal(dataDir))

  expect(seeded.code).toBe(1)
  expect(seeded.stdout).toBe('')
  expect(seeded.stderr).toMatch(
    /^The embedded database in DATA_DIR \(.+\) stopped \(PGlite PANIC: could not write to log file "[0-9A-F]{24}" at offset \d+, length \d+: File too large\) and answers no more queries: this process exits \(code 1\) rather than hang\. Most often its disk is full: free space there and start again; what was saved is kept \(PGlite recovers from its write-ahead log at the next start\)\.\n$/,
  )
  // The process gave the folder back.
  expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false)

  // With room again, PGlite recovers: the migrations are all there, and the seed's transaction,
  // never committed, left nothing.
  const config = { dataDir, poolSize: 1 }
  const db = createDatabase(config)
  try {
    await checkDatabase(db, config)
    const migrated = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`
      .execute(db)
      .then(({ rows }) => rows[0]!.n)
    const issues = await sql<{ n: number }>`select count(*)::int as n from issue`
      .execute(db)
      .then(({ rows }) => rows[0]!.n)
    expect({ migrated, issues }).toEqual({ migrated: Object.keys(migrations).length, issues: 0 })
  } finally {
    await db.destroy()
  }
})

test('a database that PANICked opens on a disk still full only to PANIC again: the command says so in one line, exit 1', async () => {
  const dataDir = await migratedDataDir()
  const limitKiB = await limitJustPastTheWal(dataDir)
  expect((await seedUnderLimit(dataDir, limitKiB)).code).toBe(1)

  // Recovery's own WAL write fails at the same limit.
  const again = await seedUnderLimit(dataDir, limitKiB)
  expect(again.code).toBe(1)
  expect(again.stderr).toMatch(
    /^could not open the embedded database in DATA_DIR \(.+\): PGlite PANIC: could not write to log file "[0-9A-F]{24}" at offset \d+, length \d+: File too large \(most often its disk is full: free space there and start again\)\n$/,
  )
})
