import { mkdirSync } from 'node:fs'

import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PGliteDialect, type Driver } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'

import { getEnv, type Env } from '../app/utils/env.server'

import type { DB } from './schema'

export type DatabaseConfig = {
  /** A postgres:// URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string
  /** A folder, or `memory://` for a throwaway in-memory database. */
  dataDir: string
  /** A tarball of a data directory (PGlite's dumpDataDir) that a new embedded database starts as. */
  loadDataDir?: Blob
  poolSize: number
}

export type Database = Kysely<DB>

// int8 (GitHub ids, count(*)) arrives as a string from postgres.js by default; ids stay far below
// 2^53, so both drivers hand back plain numbers and the two backends behave the same.
const INT8_OID = 20

// While PostgreSQL is away every wait is bounded, so a request answers 503 within seconds instead
// of queueing behind reconnection attempts (docs/decisions/013-database-outage.md): a connection
// attempt gives up after CONNECT_TIMEOUT_SECONDS, a failed one is retried after a short constant
// pause (postgres.js backs off exponentially up to 20 s by default, which kept queued requests
// waiting 11-37 s), and a request waits at most ACQUIRE_TIMEOUT_MS for a pooled connection.
const CONNECT_TIMEOUT_SECONDS = 2
const RECONNECT_PAUSE_SECONDS = 0.2
const ACQUIRE_TIMEOUT_MS = 3_000

/** The error of a request that found no connection in time; a 503, as an unreachable database. */
export class ConnectionAcquireTimeout extends Error {
  readonly code = 'ACQUIRE_TIMEOUT'
  constructor(timeoutMs: number) {
    super(`No database connection became free within ${timeoutMs} ms`)
  }
}

/**
 * The pool as the Kysely dialect sees it, with `reserve()` (how Kysely takes a connection for a
 * query or a transaction) bounded by `timeoutMs`. A reservation granted after its request gave up
 * goes straight back to the pool.
 */
function withBoundedReserve(sql: postgres.Sql, timeoutMs: number): postgres.Sql {
  const reserve = () =>
    new Promise<postgres.ReservedSql>((resolve, reject) => {
      let gaveUp = false
      const timer = setTimeout(() => {
        gaveUp = true
        reject(new ConnectionAcquireTimeout(timeoutMs))
      }, timeoutMs)
      sql.reserve().then(
        (reserved) => {
          clearTimeout(timer)
          if (gaveUp) reserved.release()
          else resolve(reserved)
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
  return new Proxy(sql, {
    get: (target, key, receiver) =>
      key === 'reserve' ? reserve : Reflect.get(target, key, receiver),
  })
}

/**
 * kysely-postgres-js inherits Kysely's PostgreSQL `rollbackTransaction`, which on a failed
 * ROLLBACK (the connection closed under the transaction) calls a method its connections lack, so
 * a lost database surfaced as a TypeError (a 500) instead of the connection error (a 503). The
 * ROLLBACK's own error is the truthful one; the patched driver returns a closed connection to
 * the pool by itself.
 */
class PostgresJSOutageDialect extends PostgresJSDialect {
  createDriver(): Driver {
    const driver = super.createDriver()
    driver.rollbackTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('rollback'))
    }
    return driver
  }
}

export function createDatabase(config: DatabaseConfig): Database {
  if (config.databaseUrl) {
    const sql = postgres(config.databaseUrl, {
      max: config.poolSize,
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      backoff: () => RECONNECT_PAUSE_SECONDS,
      onnotice: () => {},
      types: {
        bigint: {
          to: INT8_OID,
          from: [INT8_OID],
          serialize: (value: number | bigint) => String(value),
          parse: (value: string) => Number(value),
        },
      },
    })
    return new Kysely<DB>({
      dialect: new PostgresJSOutageDialect({
        postgres: withBoundedReserve(sql, ACQUIRE_TIMEOUT_MS),
      }),
    })
  }
  return new Kysely<DB>({
    dialect: new PGliteDialect({
      pglite: async () => {
        if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true })
        return PGlite.create(config.dataDir, { loadDataDir: config.loadDataDir })
      },
    }),
  })
}

/** The database the settings name: the process's own (getEnv) unless given, as a command's. */
export function databaseConfigFromEnv(env: Env = getEnv()): DatabaseConfig {
  return { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: env.DATABASE_POOL_SIZE }
}

// The start script and the Remix server bundle each get their own copy of this module; keeping
// the instance on globalThis means they share one pool, and one PGlite (which must never be opened
// twice on the same folder).
const globalForDb = globalThis as typeof globalThis & { __pioneerBoardDb?: Database }

export function getDb(): Database {
  globalForDb.__pioneerBoardDb ??= createDatabase(databaseConfigFromEnv())
  return globalForDb.__pioneerBoardDb
}

/**
 * Opens the process's database with `config` instead of the environment's, before first use: the
 * test harness starts each test file's in-memory database from one migrated template this way.
 */
export function openDb(config: DatabaseConfig): Database {
  if (globalForDb.__pioneerBoardDb) throw new Error('The database is already open')
  globalForDb.__pioneerBoardDb = createDatabase(config)
  return globalForDb.__pioneerBoardDb
}

export async function closeDb() {
  const db = globalForDb.__pioneerBoardDb
  globalForDb.__pioneerBoardDb = undefined
  await db?.destroy()
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'ACQUIRE_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
])

/** True when the error means "the database cannot be reached", not "the query was wrong". */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
      return true
    }
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailableError)) {
      return true
    }
  }
  return false
}
