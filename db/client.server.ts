import { randomUUID } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'

import { PGlite, type Extension } from '@electric-sql/pglite'
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
/** How long closing waits for queries in flight before it ends their connections. */
const CLOSE_TIMEOUT_SECONDS = 5

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
  readonly #sql: postgres.Sql

  constructor(sql: postgres.Sql) {
    super({ postgres: sql })
    this.#sql = sql
  }

  createDriver(): Driver {
    const driver = super.createDriver()
    driver.rollbackTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('rollback'))
    }
    // The driver ends postgres.js without a timeout, and a query started just before (a request
    // still running at shutdown, a background check after a test) left that end waiting forever:
    // the pool's reserved connection never reported ended. Ending first with a bound makes the
    // driver's own end return the same, bounded, promise.
    const destroy = driver.destroy.bind(driver)
    driver.destroy = async () => {
      await this.#sql.end({ timeout: CLOSE_TIMEOUT_SECONDS })
      await destroy()
    }
    return driver
  }
}

/**
 * A setting that names a database the board cannot use; its message is one line naming it.
 * `invalid`: the setting itself is wrong (a DATA_DIR that is a file or cannot be written), which
 * the commands answer with exit code 2 as for any bad setting; otherwise the database is there but
 * cannot be had now (unreachable, held by another process), exit code 1.
 */
export class DatabaseSettingError extends Error {
  readonly invalid: boolean
  constructor(
    readonly setting: 'DATA_DIR' | 'DATABASE_URL',
    message: string,
    options?: ErrorOptions & { invalid?: boolean },
  ) {
    super(message, options)
    this.name = 'DatabaseSettingError'
    this.invalid = options?.invalid ?? false
  }
}

// PGlite's file system (Emscripten's) throws `{ name: 'ErrnoError', errno }`, no Error and no
// message, which read "[object Object]" (a full disk while the database was created); its numbers
// are WASI's, not the system's. The ones a folder of the operator's can cause:
const EMSCRIPTEN_ERRNO_REASONS: Record<number, string> = {
  2: 'permission denied',
  19: 'disk quota exceeded',
  29: 'input/output error',
  51: 'no space left on device',
  63: 'operation not permitted',
  69: 'read-only file system',
}

/** "EACCES: permission denied, mkdir '/x'" -> "permission denied" (the path is said already). */
export function reasonOf(error: unknown) {
  if (!(error instanceof Error) && typeof error === 'object' && error !== null) {
    const { name, errno } = error as { name?: unknown; errno?: unknown }
    if (name === 'ErrnoError' && typeof errno === 'number') {
      return EMSCRIPTEN_ERRNO_REASONS[errno] ?? `file system error ${errno}`
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')
}

/**
 * Makes the embedded database's folder (and its parents) and checks that files can be written
 * there, before PGlite opens it: PGlite does not report a folder it cannot use, it fails later
 * with an unrelated error. Node's own recursive mkdir never returns on some paths (on /proc, a
 * child that cannot be made reads as a missing parent, which it then retries forever), so the
 * parents are made one by one here.
 */
export function prepareDataDir(dataDir: string) {
  const fail = (reason: string): never => {
    throw new DatabaseSettingError('DATA_DIR', `Invalid setting DATA_DIR: ${reason}`, {
      invalid: true,
    })
  }
  const statOf = (dir: string) => {
    try {
      return statSync(dir, { throwIfNoEntry: false })
    } catch (error) {
      // Under a file: the walk up finds that file and names it.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
      return fail(`cannot reach ${dataDir} (${reasonOf(error)})`)
    }
  }
  const target = path.resolve(dataDir)
  const missing: string[] = []
  for (let dir = target; ; dir = path.dirname(dir)) {
    const stats = statOf(dir)
    if (stats?.isDirectory()) break
    if (stats) {
      fail(
        dir === target
          ? `${dataDir} is a file, not a directory`
          : `cannot create ${dataDir}: ${dir} is a file, not a directory`,
      )
    }
    missing.unshift(dir)
    if (path.dirname(dir) === dir) break
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        fail(`cannot create the folder ${dataDir} (${reasonOf(error)})`)
      }
    }
  }
  const probe = path.join(target, `.write-check-${process.pid}`)
  try {
    writeFileSync(probe, '')
    rmSync(probe)
  } catch (error) {
    fail(`cannot write in ${dataDir} (${reasonOf(error)})`)
  }
  const version = dataDirVersion(target)
  if (version !== null && version !== PGLITE_POSTGRES_MAJOR) {
    fail(
      `${dataDir} holds a database of PostgreSQL ${version}, and the embedded database (PGlite) is PostgreSQL ${PGLITE_POSTGRES_MAJOR}, which cannot open it: serve that folder with a PostgreSQL ${version} server and set DATABASE_URL to it, or move ${dataDir} aside (the board then starts a new database there)`,
    )
  }
  const foreign = foreignEntries(target)
  if (foreign.length > 0) {
    const named = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? '…' : '')
    fail(
      `${dataDir} holds other files (${named}) and no database: name a new or empty folder (the database is created there)`,
    )
  }
}

/**
 * The PostgreSQL major version of the bundled PGlite (`show server_version_num`; a test keeps it
 * true). A data directory of another major version cannot be opened: PGlite only said "PGlite
 * failed to initialize properly".
 */
export const PGLITE_POSTGRES_MAJOR = '18'

/** The major version a data directory's PG_VERSION names, or null in a folder without one. */
function dataDirVersion(dir: string) {
  try {
    return readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * What a folder without a database holds that a database's folder never does. PGlite creates its
 * database in whatever folder it is given, so a DATA_DIR set to a folder of other things (the
 * checkout, a home folder) mixed the database's files into them, and "delete the DATA_DIR folder"
 * then deleted them too. What a first start cut short leaves (PostgreSQL's own names, our lock
 * files) is no obstacle: the next start carries on there.
 */
function foreignEntries(dir: string) {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return []
  const databaseOwn =
    /^(base|global|pg_\w+|postgresql(\.auto)?\.conf|postmaster\.(pid|opts)|current_logfiles|log|backup_label|tablespace_map|lost\+found|pioneer-board\.pid.*|\.write-check-\d+)$/
  return readdirSync(dir)
    .filter((name) => !databaseOwn.test(name))
    .sort()
}

/** The file in an embedded database's folder that names the process holding it. */
export const DATA_DIR_LOCK_FILE = 'pioneer-board.pid'

/** The lock files this process holds, by absolute path. */
const heldLockFiles = new Set<string>()

function isRunning(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A lock file's holder and inode, through one descriptor so that both describe one file. */
function readLockFile(file: string) {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    return { holder: Number.parseInt(readFileSync(fd, 'utf8'), 10), inode: fstatSync(fd).ino }
  } finally {
    closeSync(fd)
  }
}

function isStale(file: string, holder: number, isAlive: (pid: number) => boolean) {
  // Our own pid in a file we do not hold is a previous run's: a container restarted after a
  // kill gives the server the same pid again.
  if (holder === process.pid) return !heldLockFiles.has(file)
  return !(Number.isSafeInteger(holder) && holder > 0 && isAlive(holder))
}

function releaseLockFile(file: string) {
  heldLockFiles.delete(file)
  try {
    if (readLockFile(file)?.holder === process.pid) rmSync(file, { force: true })
  } catch {
    // A lock file that cannot be read any more is stale once this process has ended.
  }
}

type LockAttempt = { outcome: 'taken' } | { outcome: 'held'; holder: number } | { outcome: 'busy' }

/**
 * Takes `file` for this process, atomically. A lock file appears whole, as a hard link to a file
 * already written: created empty and then written, it read as stale in between. And a stale file
 * cannot be removed "only if still stale": two openers that both found it stale both removed it,
 * the later one removing the earlier one's fresh lock, and both opened the database. So a stale
 * file is replaced only by the holder of a takeover lock named after its inode, and only if it is
 * still there. That lock is taken by this same function, so one left by a taker that died is
 * itself taken over.
 */
function takeLockFile(file: string, isAlive: (pid: number) => boolean): LockAttempt {
  const own = `${file}.new-${process.pid}-${randomUUID()}`
  writeFileSync(own, `${process.pid}\n`, { flag: 'wx' })
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(own, file)
        heldLockFiles.add(file)
        return { outcome: 'taken' }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const found = readLockFile(file)
      if (!found) continue
      if (!isStale(file, found.holder, isAlive)) return { outcome: 'held', holder: found.holder }
      const takeover = `${file}.takeover-${found.inode}`
      if (takeLockFile(takeover, isAlive).outcome !== 'taken') return { outcome: 'busy' }
      try {
        const now = readLockFile(file)
        if (now?.inode === found.inode && isStale(file, now.holder, isAlive)) {
          renameSync(own, file)
          heldLockFiles.add(file)
          return { outcome: 'taken' }
        }
      } finally {
        releaseLockFile(takeover)
      }
    }
    return { outcome: 'busy' }
  } finally {
    rmSync(own, { force: true })
  }
}

/**
 * Takes the embedded database's folder for this process, or refuses. PGlite keeps the database in
 * its own process's memory and writes the folder back by itself: two processes on one folder
 * silently overwrite each other (a `npm run sync` beside `npm start` was lost when the server
 * stopped). The holder's pid is kept in a file; a file whose process has ended is taken over.
 * `isAlive` is the liveness probe, asked when an opener has read a lock and is about to act on
 * it: where a test runs rivals. Returns the release.
 */
/** The board's commands, by the script that runs them: what a lock's holder is, in words. */
const COMMAND_OF_SCRIPT: Record<string, string> = {
  'start.ts': 'the server (npm start)',
  'sync.ts': 'npm run sync',
  'labels.ts': 'npm run labels',
  'digest.ts': 'npm run digest',
  'seed.ts': 'npm run db:seed',
  'migrate.ts': 'npm run db:migrate',
}

/**
 * Which of the board's commands holds the lock, read from the holder's command line where the
 * system shows it (Linux's /proc); otherwise the likeliest, a running server.
 */
function holderOf(pid: number) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    const script = args.find((arg) => /(^|[/\\])scripts[/\\][a-z-]+\.ts$/.test(arg))
    const command = script ? COMMAND_OF_SCRIPT[path.basename(script)] : undefined
    if (command) return `(pid ${pid}: ${command})`
  } catch {
    // No /proc, or the process just ended: say what it most likely is.
  }
  return `(pid ${pid}), such as a running server`
}

export function lockDataDir(dataDir: string, isAlive = isRunning): () => void {
  const file = path.resolve(dataDir, DATA_DIR_LOCK_FILE)
  let attempt: LockAttempt
  try {
    attempt = takeLockFile(file, isAlive)
  } catch (error) {
    throw new DatabaseSettingError(
      'DATA_DIR',
      `Invalid setting DATA_DIR: cannot write in ${dataDir} (${reasonOf(error)})`,
      { invalid: true },
    )
  }
  if (attempt.outcome === 'held') {
    throw new DatabaseSettingError(
      'DATA_DIR',
      `The embedded database in ${dataDir} (DATA_DIR) is open in another process ${holderOf(attempt.holder)}: stop it first, or use a PostgreSQL database (DATABASE_URL), which several processes can share.`,
    )
  }
  if (attempt.outcome === 'busy') {
    throw new DatabaseSettingError(
      'DATA_DIR',
      `The embedded database in ${dataDir} (DATA_DIR) is being opened by another process: try again.`,
    )
  }
  return () => releaseLockFile(file)
}

/**
 * What becomes of a PGlite once PostgreSQL PANICs (its WAL could not be written: a full disk):
 * PostgreSQL aborts, and an aborted PGlite never answers again. Its next query does not fail: it
 * spins in the process's only thread, so the whole process (a server's timers and sockets too)
 * hangs for good at full CPU (docs/decisions/018-pglite-panic.md). `aborted` is set by
 * Emscripten's abort() itself (its onAbort, which PGlite lets an extension's setup add);
 * `panicLogged` is the last PANIC in PGlite's own log (its stderr, read line by line), which only
 * describes an abort (a line of a logged error message could look like one).
 */
function panicWatch() {
  const seen = { aborted: false, panicLogged: null as string | null }
  const extension: Extension = {
    name: 'abort-watch',
    setup: async (_pglite, emscriptenOpts: Record<string, unknown>) => ({
      emscriptenOpts: { ...emscriptenOpts, onAbort: () => (seen.aborted = true) },
    }),
  }
  const onStderr = (text: string) => {
    // "2026-12-07 21:51:13.147 UTC [42] PANIC:  could not write to log file …"
    const panic = /^[^[]*\[\d+\] PANIC:\s+(.*)$/.exec(text)
    if (panic) seen.panicLogged = panic[1]!
    // Not printed: PGlite prints its log only when debugging.
    return false
  }
  return { seen, extension, onStderr }
}

/**
 * Ends the process with one line once its PGlite PANICked or aborted, before anything can ask it
 * another question: as the query whose error has severity PANIC returns (still inside PGlite's
 * own queue, whose next query would be the one that hangs), or before the next call into an
 * aborted PGlite. `release` gives back DATA_DIR's lock.
 */
function exitAfterPanic(
  pglite: PGlite,
  seen: ReturnType<typeof panicWatch>['seen'],
  dataDir: string,
  release: () => void = () => {},
) {
  const stop = (what: string): never => {
    console.error(
      dataDir.startsWith('memory://')
        ? `The in-memory database (DATA_DIR=${dataDir}) stopped (${what}) and answers no more queries: this process exits (code 1) rather than hang.`
        : `The embedded database in DATA_DIR (${dataDir}) stopped (${what}) and answers no more queries: this process exits (code 1) rather than hang. Most often its disk is full: free space there and start again; what was saved is kept (PGlite recovers from its write-ahead log at the next start).`,
    )
    release()
    process.exit(1)
  }
  const enter = pglite.execProtocolRawSync.bind(pglite)
  pglite.execProtocolRawSync = (message) => {
    if (seen.aborted) {
      stop(seen.panicLogged === null ? 'PGlite aborted' : `PGlite PANIC: ${seen.panicLogged}`)
    }
    return enter(message)
  }
  // Every query goes through one of these two; both throw the first error PostgreSQL answered.
  const stopOnPanic = <T>(run: () => Promise<T>) =>
    run().catch((error: unknown) => {
      const { severity, message } = error as { severity?: unknown; message?: unknown }
      if (severity === 'PANIC') stop(`PGlite PANIC: ${String(message)}`)
      throw error
    })
  const execProtocol = pglite.execProtocol.bind(pglite)
  pglite.execProtocol = (message, options) => stopOnPanic(() => execProtocol(message, options))
  const execProtocolStream = pglite.execProtocolStream.bind(pglite)
  pglite.execProtocolStream = (message, options) =>
    stopOnPanic(() => execProtocolStream(message, options))
}

/** PGlite on a folder this process holds (lockDataDir) until it is closed. */
async function openEmbedded(config: DatabaseConfig) {
  const watch = panicWatch()
  const options = {
    loadDataDir: config.loadDataDir,
    extensions: { abortWatch: watch.extension },
    onStderr: watch.onStderr,
  }
  if (config.dataDir.startsWith('memory://')) {
    const pglite = await PGlite.create(config.dataDir, options)
    exitAfterPanic(pglite, watch.seen, config.dataDir)
    return pglite
  }
  prepareDataDir(config.dataDir)
  const unlock = lockDataDir(config.dataDir)
  try {
    const pglite = await PGlite.create(config.dataDir, options)
    exitAfterPanic(pglite, watch.seen, config.dataDir, unlock)
    const close = pglite.close.bind(pglite)
    pglite.close = async () => {
      try {
        await close()
      } finally {
        unlock()
      }
    }
    return pglite
  } catch (error) {
    unlock()
    // Recovery at start-up writes the WAL too: on a disk still full it PANICs, and PGlite's own
    // error said only "Aborted(). Build with -sASSERTIONS for more info."
    if (watch.seen.aborted && watch.seen.panicLogged !== null) {
      throw new Error(
        `PGlite PANIC: ${watch.seen.panicLogged} (most often its disk is full: free space there and start again)`,
        { cause: error },
      )
    }
    throw error
  }
}

export function createDatabase(config: DatabaseConfig): Database {
  if (config.databaseUrl) {
    const database = databaseNameOf(new URL(config.databaseUrl))
    const sql = postgres(config.databaseUrl, {
      // postgres.js takes the URL's path as it is written; libpq (psql, createdb) decodes it, so
      // `pioneer%20board` must open the database `pioneer board`, not one named with a %.
      ...(database ? { database } : {}),
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
      dialect: new PostgresJSOutageDialect(withBoundedReserve(sql, ACQUIRE_TIMEOUT_MS)),
    })
  }
  return new Kysely<DB>({
    dialect: new PGliteDialect({
      pglite: () => openEmbedded(config),
    }),
  })
}

/** The database a DATABASE_URL names, percent-decoded as libpq decodes it; '' when it names none. */
export function databaseNameOf(url: URL) {
  return safelyDecoded(url.pathname.slice(1))
}

/** `name` as a shell word: quoted when it holds anything but letters, digits, _ . and -. */
function shellWord(name: string) {
  return /^[\w.-]+$/.test(name) ? name : `'${name.replaceAll("'", `'\\''`)}'`
}

function safelyDecoded(text: string) {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

// What a failed connection's code means, said without the driver's wording.
const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'no answer',
  CONNECT_TIMEOUT: `no answer within ${CONNECT_TIMEOUT_SECONDS} s`,
  // At start-up no request holds a connection: every one failed to open. Something there takes
  // connections but speaks no PostgreSQL (another service's port, a proxy with nothing behind).
  ACQUIRE_TIMEOUT: `no PostgreSQL answer within ${ACQUIRE_TIMEOUT_MS / 1000} s`,
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
}

/**
 * What to do about a connection DATABASE_URL could not make, by the failure's code (the driver's
 * or PostgreSQL's SQLSTATE), or null: the reason alone named the fault but left the next step to
 * guess, and "connection refused" is most often a PostgreSQL that is not running yet.
 */
export function connectionAdvice(code: unknown, database: string): string | null {
  switch (code) {
    case 'ECONNREFUSED':
      return 'start PostgreSQL there, or correct the host and port in DATABASE_URL'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'correct the host in DATABASE_URL'
    case 'ACQUIRE_TIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'check that the host and port in DATABASE_URL are PostgreSQL’s, and that it accepts connections from this machine'
    // invalid_catalog_name: the server answered, but has no such database.
    case '3D000':
      return `create it (createdb ${shellWord(database)}), or correct the database name in DATABASE_URL`
    // too_many_connections: every connection PostgreSQL allows (or the role's limit) is taken.
    case '53300':
      return 'PostgreSQL has no connection left: raise its max_connections (or the role’s connection limit), or lower DATABASE_POOL_SIZE'
    // invalid_password, invalid_authorization_specification (no such role, or pg_hba refuses).
    case '28P01':
    case '28000':
      return 'correct the user and password in DATABASE_URL'
    default:
      return null
  }
}

/**
 * Opens the database and asks it one trivial question, so that a database the board cannot
 * reach or open stops start-up with one line naming the setting (never the URL's password),
 * rather than as the first migration's failure.
 */
export async function checkDatabase(db: Database, config: DatabaseConfig) {
  try {
    await db.executeQuery(CompiledQuery.raw('select 1'))
  } catch (error) {
    if (error instanceof DatabaseSettingError) throw error
    const code = (error as { code?: unknown }).code
    let reason = (typeof code === 'string' && CONNECTION_FAILURES[code]) || reasonOf(error)
    if (!config.databaseUrl) {
      throw new DatabaseSettingError(
        'DATA_DIR',
        `could not open the embedded database in DATA_DIR (${config.dataDir}): ${reason}`,
        { cause: error },
      )
    }
    const url = new URL(config.databaseUrl)
    // Drivers do not put the password in their messages; should one ever, it is not repeated.
    for (const secret of [url.password, safelyDecoded(url.password)]) {
      if (secret) reason = reason.replaceAll(secret, '***')
    }
    // Without a name in the URL, PostgreSQL opens the database named after the user.
    const database = databaseNameOf(url) || safelyDecoded(url.username) || 'postgres'
    const advice = connectionAdvice(code, database)
    throw new DatabaseSettingError(
      'DATABASE_URL',
      `could not connect to the database at DATABASE_URL (${url.hostname}:${url.port || 5432}): ${reason}${advice ? `: ${advice}` : ''}`,
      { cause: error },
    )
  }
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
  '53300', // too_many_connections: PostgreSQL (or the role) has no connection left
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
])

// A write the disk had no room for: PostgreSQL's disk_full (PGlite's too), the system's ENOSPC and
// EDQUOT (a disk quota), and the same two as PGlite's file system numbers them (ErrnoError).
const DISK_FULL_CODES = new Set(['53100', 'ENOSPC', 'EDQUOT'])
const EMSCRIPTEN_DISK_FULL_ERRNOS: Record<number, string> = { 51: 'ENOSPC', 19: 'EDQUOT' }

/**
 * Why the database cannot do a request's work now, when that is the reason (a 503, not a 500):
 * `unreachable` (no connection, or none left) or `disk-full` (a write had no room; PostgreSQL
 * rolled its transaction back). `code` is what said so, for the operator's log.
 */
export type DatabaseTrouble = { kind: 'unreachable' | 'disk-full'; code: string }

/** The error, what caused it, and the errors an AggregateError gathers, every object once. */
function* errorChain(error: unknown, seen = new Set<object>()): Generator<object> {
  for (let current = error; typeof current === 'object' && current !== null;) {
    if (seen.has(current)) return
    seen.add(current)
    yield current
    if (current instanceof AggregateError) {
      for (const inner of current.errors) yield* errorChain(inner, seen)
    }
    current = (current as { cause?: unknown }).cause
  }
}

/**
 * The trouble an error means (DatabaseTrouble), or null: the query itself was wrong. PGlite's
 * file system throws no Error but `{ name: 'ErrnoError', errno }` (see reasonOf).
 */
export function databaseTroubleOf(error: unknown): DatabaseTrouble | null {
  for (const current of errorChain(error)) {
    const { code, name, errno } = current as { code?: unknown; name?: unknown; errno?: unknown }
    if (name === 'ErrnoError' && typeof errno === 'number' && EMSCRIPTEN_DISK_FULL_ERRNOS[errno]) {
      return { kind: 'disk-full', code: EMSCRIPTEN_DISK_FULL_ERRNOS[errno] }
    }
    if (typeof code !== 'string') continue
    if (DISK_FULL_CODES.has(code)) return { kind: 'disk-full', code }
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return { kind: 'unreachable', code }
  }
  return null
}

/**
 * True when the error means the database cannot do the work now (unreachable, or its disk is
 * full), not "the query was wrong".
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return databaseTroubleOf(error) !== null
}

/**
 * True when a write broke a unique constraint: two requests that each found no clash (a double
 * submit) and both inserted. The caller refuses the second as it refuses a clash it sees.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}
