import { openAsBlob } from 'node:fs'
import { setImmediate } from 'node:timers'

import { afterEach, inject, vi } from 'vitest'

// Points each test worker at a real database of its own before any app module reads the
// environment: an in-memory PGlite by default, or a database created for this worker on the
// PostgreSQL server in DATABASE_URL. Both start as a clone of the run's migrated template
// (test/global-setup.ts). Files that use it call setupTestDatabase().
//
// A worker runs many files in one process (isolate: false saves each file a process and the
// import of every dependency), so each file first gets the process as a fresh one would be: the
// environment as it started, the app's modules loaded anew (dependencies stay loaded: they are
// the dear part), no database, none of the app's per-process singletons (kept on globalThis
// under __pioneerBoard*).
vi.resetModules()
const { closeDb, openDb } = await import('../db/client.server')
const { ensureWorkerDatabase } = await import('./database')
const startEnv = ((globalThis as { __testStartEnv?: NodeJS.ProcessEnv }).__testStartEnv ??= {
  ...process.env,
})
for (const key of Object.keys(process.env)) if (!(key in startEnv)) delete process.env[key]
Object.assign(process.env, startEnv)
await closeDb()
for (const key of Object.keys(globalThis)) {
  if (key.startsWith('__pioneerBoard')) delete (globalThis as Record<string, unknown>)[key]
}

process.env.NODE_ENV = 'test'
// A checkout's .env (an operator's token, database, repositories) never reaches the servers and
// commands the tests start: they inherit this environment, and read no settings file.
process.env.ENV_FILE = 'none'
// Tests never reach the real GitHub: anything not pointed at a fake hits a closed local port.
process.env.GITHUB_API_URL = 'http://127.0.0.1:9'
process.env.GITHUB_OAUTH_URL = 'http://127.0.0.1:9'
const template = inject('databaseTemplate')
if (process.env.DATABASE_URL && !process.env.DATABASE_URL.includes('pioneer_board_test_')) {
  process.env.DATABASE_URL = await ensureWorkerDatabase(
    process.env.DATABASE_URL,
    `pioneer_board_test_${process.env.VITEST_POOL_ID ?? '0'}`,
    template?.kind === 'postgres' ? template.name : undefined,
  )
} else if (!process.env.DATABASE_URL) {
  process.env.DATA_DIR = 'memory://'
  if (template?.kind === 'pglite') {
    // Opened lazily: a file that never queries never reads the tarball.
    openDb({ dataDir: 'memory://', loadDataDir: await openAsBlob(template.tarball), poolSize: 1 })
  }
}

// Vitest goes from one test to the next without returning to the event loop, and PGlite in this
// process answers without any I/O: a file of database tests never lets the worker read its
// messages from Vitest, whose calls time out after 60 s ("Timeout calling onTaskUpdate": the fuzz
// file took 70 s on a busy machine). A turn of the loop after each test reads them (node:timers'
// own setImmediate, which a test's fake timers leave alone).
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)))
