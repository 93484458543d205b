import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { messages } from '@electric-sql/pglite'
import { sql } from 'kysely'
import postgres from 'postgres'
import { afterEach, beforeEach, expect, test } from 'vitest'

import { initCluster } from '../scripts/postgres-cluster'

import {
  checkDatabase,
  connectionAdvice,
  databaseNameOf,
  createDatabase,
  DATA_DIR_LOCK_FILE,
  databaseConfigFromEnv,
  databaseTroubleOf,
  getDb,
  lockDataDir,
  PGLITE_POSTGRES_MAJOR,
  prepareDataDir,
  reasonOf,
  type Database,
} from './client.server'

// The embedded database's folder is held by one process at a time: PGlite keeps the database in
// the memory of the process that opened it, so a second opener's writes were silently lost.

let dataDir: string
const opened: Database[] = []

beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'pioneer-board-lock-')), 'pglite')
})

afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy()
  rmSync(path.dirname(dataDir), { recursive: true, force: true })
})

function open() {
  const db = createDatabase({ dataDir, poolSize: 1 })
  opened.push(db)
  return db
}

const answer = async (db: Database) =>
  (await sql<{ one: number }>`select 1 as one`.execute(db)).rows

test('a second opener of an embedded database that is in use is refused, naming DATA_DIR and the holder', async () => {
  await answer(open())
  await expect(answer(open())).rejects.toThrow(
    `The embedded database in ${dataDir} (DATA_DIR) is open in another process (pid ${process.pid}), such as a running server: stop it first, or use a PostgreSQL database (DATABASE_URL), which several processes can share.`,
  )
})

test('an embedded database can be opened again once its holder closed it', async () => {
  const first = open()
  await answer(first)
  await first.destroy()
  expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false)
  expect(await answer(open())).toEqual([{ one: 1 }])
})

test('a lock left by a process that has ended is taken over', async () => {
  await answer(open())
  await opened.pop()!.destroy()
  // A process that has ended by now, as a server killed with SIGKILL leaves its file behind.
  const { pid } = spawnSync(process.execPath, ['-e', ''])
  writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${pid}\n`)
  expect(await answer(open())).toEqual([{ one: 1 }])
})

test('a lock naming this process that it does not hold is a previous run’s, and is taken over', async () => {
  await answer(open())
  await opened.pop()!.destroy()
  // A container restarted after a kill runs the server under the same pid as before.
  writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${process.pid}\n`)
  expect(await answer(open())).toEqual([{ one: 1 }])
  // While this process holds it, a second opener here is still refused.
  await expect(answer(open())).rejects.toThrow(/is open in another process/)
})

// Openers racing for a stale lock: each used to read it as stale, remove "it" and write its own,
// so a later remover deleted an earlier taker's fresh lock and both opened the database. The
// liveness probe is where an opener has decided and is about to act, so rivals run from inside it:
// `interruptAt[n]` is the question of opener n during which opener n + 1 runs (0: after it).
// Every opener is this process, which tells its own lock apart only by holding it, as a second
// process tells a live holder apart by its pid.
function race(interruptAt: number[]) {
  const holds: (() => void)[] = []
  const refusals: string[] = []
  const open = (rank: number) => {
    let asked = 0
    let rivalRan = rank >= interruptAt.length
    const rival = () => {
      if (rivalRan) return
      rivalRan = true
      open(rank + 1)
    }
    const isAlive = (pid: number) => {
      asked += 1
      if (asked === interruptAt[rank]) rival()
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    try {
      holds.push(lockDataDir(dataDir, isAlive))
    } catch (error) {
      refusals.push((error as Error).message)
    }
    rival()
  }
  open(0)
  return { holds, refusals }
}

const interleavings = [1, 2, 3, 4, 5, 0].flatMap((first) => [
  [first],
  ...[1, 2, 3, 4, 0].map((second) => [first, second]),
])

function expectOneHolder(interruptAt: number[]) {
  const { holds, refusals } = race(interruptAt)
  expect({ interruptAt, holders: holds.length }).toEqual({ interruptAt, holders: 1 })
  expect(refusals).toHaveLength(interruptAt.length)
  expect(readFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`)
  holds[0]!()
  expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false)
}

test('openers racing for a stale lock: exactly one takes it, at every interleaving', () => {
  mkdirSync(dataDir)
  const { pid: dead } = spawnSync(process.execPath, ['-e', ''])
  for (const interruptAt of interleavings) {
    writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${dead}\n`)
    expectOneHolder(interruptAt)
    expect(readdirSync(dataDir)).toEqual([])
  }
})

test('an opener killed at any point of taking over a stale lock leaves it to the next openers, exactly one of them', () => {
  const { pid: dead } = spawnSync(process.execPath, ['-e', ''])
  for (const killedAt of [1, 2]) {
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(dataDir)
    writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${dead}\n`)
    // SIGKILL at its n-th liveness question: no cleanup runs, as when a server is killed.
    const killed = spawnSync(process.execPath, [
      '--import',
      'tsx',
      '-e',
      `const { lockDataDir } = require(${JSON.stringify(path.join(__dirname, 'client.server.ts'))})
      let asked = 0
      lockDataDir(${JSON.stringify(dataDir)}, () => {
        if (++asked === ${killedAt}) process.kill(process.pid, 'SIGKILL')
        return false
      })`,
    ])
    expect(killed.signal).toBe('SIGKILL')
    for (const interruptAt of interleavings) expectOneHolder(interruptAt)
  }
})

// On PostgreSQL only: the embedded database closes its one connection itself.
test.skipIf(!process.env.DATABASE_URL)(
  'closing the pool while a query has just started still closes it (it waited forever)',
  async () => {
    const db = createDatabase(databaseConfigFromEnv())
    await sql`select 1`.execute(db)
    // Started and not awaited, as a background check a request left behind at shutdown.
    const started = sql`select pg_sleep(0)`.execute(db).then(
      () => 'done',
      () => 'failed',
    )
    await db.destroy()
    expect(['done', 'failed']).toContain(await started)
  },
)

test('a DATABASE_URL that cannot connect says what to do next, by what failed', () => {
  // The reason alone ("connection refused", "database … does not exist") left the step to guess.
  expect(connectionAdvice('ECONNREFUSED', 'board')).toBe(
    'start PostgreSQL there, or correct the host and port in DATABASE_URL',
  )
  expect(connectionAdvice('ENOTFOUND', 'board')).toBe('correct the host in DATABASE_URL')
  expect(connectionAdvice('3D000', 'pioneer_board')).toBe(
    'create it (createdb pioneer_board), or correct the database name in DATABASE_URL',
  )
  expect(connectionAdvice('28P01', 'board')).toBe('correct the user and password in DATABASE_URL')
  expect(connectionAdvice('ETIMEDOUT', 'board')).toBe(
    'check that the host and port in DATABASE_URL are PostgreSQL’s, and that it accepts connections from this machine',
  )
  expect(connectionAdvice('XX000', 'board')).toBeNull()
})

test('a DATABASE_URL database name with a space is read decoded, and quoted in the createdb hint', () => {
  // libpq (createdb, psql) decodes the URL's path: the board opened `pioneer%20board`, named it
  // so, and suggested `createdb pioneer board`, which makes a database named "pioneer".
  expect(databaseNameOf(new URL('postgres://u@localhost:5432/pioneer%20board'))).toBe(
    'pioneer board',
  )
  expect(databaseNameOf(new URL('postgres://u@localhost:5432'))).toBe('')
  expect(connectionAdvice('3D000', 'pioneer board')).toBe(
    "create it (createdb 'pioneer board'), or correct the database name in DATABASE_URL",
  )
  expect(connectionAdvice('3D000', "bob's board")).toContain("(createdb 'bob'\\''s board')")
})

test('a DATA_DIR holding other files and no database is refused, naming them, and nothing is written there', async () => {
  // DATA_DIR=. or a home folder: the database's files used to be mixed into it, and "delete the
  // DATA_DIR folder" (the README's way back from a demo) then deleted the folder's own files too.
  mkdirSync(path.join(dataDir, 'photos'), { recursive: true })
  writeFileSync(path.join(dataDir, 'notes.txt'), 'mine')
  expect(() => prepareDataDir(dataDir)).toThrow(
    `Invalid setting DATA_DIR: ${dataDir} holds other files (notes.txt, photos) and no database: name a new or empty folder (the database is created there)`,
  )
  // Every command opens it through the same check.
  await expect(answer(open())).rejects.toThrow(/holds other files/)
  expect(readdirSync(dataDir).sort()).toEqual(['notes.txt', 'photos'])
})

// A data directory of another PostgreSQL major version (PGlite 0.2's was 16; a server's own) cannot
// be opened by the bundled PGlite: start-up said only "PGlite failed to initialize properly".
const refusalOfVersion = (version: string) =>
  `Invalid setting DATA_DIR: ${dataDir} holds a database of PostgreSQL ${version}, and the embedded database (PGlite) is PostgreSQL ${PGLITE_POSTGRES_MAJOR}, which cannot open it: serve that folder with a PostgreSQL ${version} server and set DATABASE_URL to it, or move ${dataDir} aside (the board then starts a new database there)`

test('a DATA_DIR holding a database of another PostgreSQL major version is refused before it is opened, naming both versions', async () => {
  for (const folder of ['base', 'global', 'pg_wal']) {
    mkdirSync(path.join(dataDir, folder), { recursive: true })
  }
  writeFileSync(path.join(dataDir, 'PG_VERSION'), '16\n')
  expect(() => prepareDataDir(dataDir)).toThrow(refusalOfVersion('16'))
  // Every command opens it through the same check, and leaves the folder as it was.
  await expect(answer(open())).rejects.toThrow(refusalOfVersion('16'))
  expect(readdirSync(dataDir).sort()).toEqual(['PG_VERSION', 'base', 'global', 'pg_wal'])
})

test('the embedded database’s own folder names the PostgreSQL version the check expects', async () => {
  await answer(open())
  expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe(PGLITE_POSTGRES_MAJOR)
  const { rows } = await sql<{
    server_version_num: string
  }>`show server_version_num`.execute(opened[0]!)
  // 180006: major version 18.
  expect(rows[0]!.server_version_num.slice(0, -4)).toBe(PGLITE_POSTGRES_MAJOR)
})

/** Whether PostgreSQL's initdb is installed (on PATH or in /usr/lib/postgresql). */
const hasInitdb =
  spawnSync('initdb', ['--version']).status === 0 || existsSync('/usr/lib/postgresql')

test.skipIf(!hasInitdb)(
  'a DATA_DIR holding a PostgreSQL server’s own cluster of another version is refused, naming it',
  async () => {
    initCluster(path.dirname(dataDir), dataDir)
    const version = readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()
    // The installed server's version; the same as PGlite's would be opened as its own.
    if (version === PGLITE_POSTGRES_MAJOR) return
    await expect(answer(open())).rejects.toThrow(refusalOfVersion(version))
  },
)

test('a DATA_DIR where a first start was cut short, before the database was whole, is used', async () => {
  // What a first start killed (or out of space) while creating the database leaves behind.
  for (const folder of ['base', 'global', 'pg_wal', 'lost+found']) {
    mkdirSync(path.join(dataDir, folder), { recursive: true })
  }
  writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), '999999999\n')
  expect(() => prepareDataDir(dataDir)).not.toThrow()
  expect(await answer(open())).toEqual([{ one: 1 }])
})

test('a failure of the embedded database’s file system is said in words', () => {
  // What PGlite throws when DATA_DIR's disk fills while it creates the database: not an Error,
  // with no message, it read "could not open the embedded database in DATA_DIR (…): [object Object]".
  const diskFull = Object.assign(Object.create(null), { name: 'ErrnoError', errno: 51 })
  expect(reasonOf(diskFull)).toBe('no space left on device')
  expect(reasonOf({ name: 'ErrnoError', errno: 69 })).toBe('read-only file system')
  expect(reasonOf({ name: 'ErrnoError', errno: 12345 })).toBe('file system error 12345')
  expect(reasonOf(new Error("EACCES: permission denied, mkdir '/x'"))).toBe('permission denied')
})

test('a DATABASE_URL whose port takes connections but speaks no PostgreSQL is said so, not as a busy pool', async () => {
  // Another service's port, or a proxy with nothing behind it: every connection failed and was
  // retried until the wait for a pooled one ran out, and start-up said "No database connection
  // became free within 3000 ms", as if the board's own pool were busy.
  const notPostgres = createServer((socket) =>
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'),
  )
  await new Promise<void>((resolve) => notPostgres.listen(0, '127.0.0.1', resolve))
  const { port } = notPostgres.address() as AddressInfo
  const config = {
    databaseUrl: `postgres://board:pw@127.0.0.1:${port}/board`,
    dataDir: '',
    poolSize: 1,
  }
  const db = createDatabase(config)
  opened.push(db)
  try {
    await expect(checkDatabase(db, config)).rejects.toThrow(
      `could not connect to the database at DATABASE_URL (127.0.0.1:${port}): no PostgreSQL answer within 3 s: check that the host and port in DATABASE_URL are PostgreSQL’s, and that it accepts connections from this machine`,
    )
  } finally {
    notPostgres.close()
  }
})

// A write the disk has no room for is a 503 saying so, not a 500 (app/entry.server.tsx). The
// errors below are the objects each driver raises, from a real database where one can be made to.

test('a full disk, as the test database raises it (PGlite, or PostgreSQL through postgres.js), is disk-full', async () => {
  // PostgreSQL's own disk_full (53100), raised by the database itself: the object the driver
  // builds from the server's answer, as for "could not extend file …: No space left on device".
  const raised =
    await sql`do $$ begin raise exception 'could not extend file "base/5/16384": No space left on device' using errcode = 'disk_full'; end $$`
      .execute(getDb())
      .catch((error: unknown) => error)
  expect(raised).toBeInstanceOf(Error)
  expect(databaseTroubleOf(raised)).toEqual({ kind: 'disk-full', code: '53100' })
})

/**
 * An error as postgres.js builds it from a server's ErrorResponse: parseError's fields, given to
 * `new PostgresError(fields)` (whose types declare only Error's constructor).
 */
const postgresError = (fields: Record<string, string>) =>
  new postgres.PostgresError(fields as unknown as string)

test('a full disk as PostgreSQL reports it through postgres.js is disk-full', () => {
  const error = postgresError({
    severity_local: 'ERROR',
    severity: 'ERROR',
    code: '53100',
    message: 'could not extend file "base/16384/16385": No space left on device',
    hint: 'Check free disk space.',
    file: 'md.c',
    line: '502',
    routine: 'mdextend',
  })
  expect(databaseTroubleOf(error)).toEqual({ kind: 'disk-full', code: '53100' })
})

test('a full disk as PGlite reports it is disk-full: its WAL PANIC, and its file system’s ErrnoError', () => {
  // What PGlite 0.5 raised when a tmpfs DATA_DIR filled under it: a PANIC when the WAL could not
  // grow (PGlite's parser builds a DatabaseError and sets the fields as here). The process now
  // exits on it before a request sees it (db/pglite-panic.test.ts); the kind stays right.
  const panic = new messages.DatabaseError(
    'could not write to file "pg_wal/xlogtemp.42": No space left on device',
    90,
    'error',
  )
  panic.severity = 'PANIC'
  panic.code = '53100'
  expect(databaseTroubleOf(panic)).toEqual({ kind: 'disk-full', code: '53100' })
  // Emscripten's file system throws no Error: ENOSPC and EDQUOT by its own (WASI's) numbers.
  const errno = (n: number) => Object.assign(Object.create(null), { name: 'ErrnoError', errno: n })
  expect(databaseTroubleOf(errno(51))).toEqual({ kind: 'disk-full', code: 'ENOSPC' })
  expect(databaseTroubleOf(errno(19))).toEqual({ kind: 'disk-full', code: 'EDQUOT' })
  // Wrapped, as a caller adding context does.
  expect(databaseTroubleOf(new Error('saving failed', { cause: errno(51) }))).toEqual({
    kind: 'disk-full',
    code: 'ENOSPC',
  })
  expect(databaseTroubleOf(errno(2))).toBeNull()
})

test('a full disk as the system reports it (ENOSPC, EDQUOT) is disk-full; a wrong query is no trouble', async () => {
  const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  })
  expect(databaseTroubleOf(enospc)).toEqual({ kind: 'disk-full', code: 'ENOSPC' })
  const wrong = await sql`select * from no_such_table`.execute(getDb()).catch((error) => error)
  expect(databaseTroubleOf(wrong)).toBeNull()
})

test('PostgreSQL with no connection left (too_many_connections, 53300) is unreachable, and start-up says what to do', () => {
  // What a server at max_connections, or a role at its connection limit, answers a new connection.
  const error = postgresError({
    severity_local: 'FATAL',
    severity: 'FATAL',
    code: '53300',
    message: 'sorry, too many clients already',
    file: 'proc.c',
    line: '358',
    routine: 'InitProcess',
  })
  expect(databaseTroubleOf(error)).toEqual({ kind: 'unreachable', code: '53300' })
  expect(connectionAdvice('53300', 'board')).toBe(
    'PostgreSQL has no connection left: raise its max_connections (or the role’s connection limit), or lower DATABASE_POOL_SIZE',
  )
})

// On PostgreSQL only: a role whose connection limit is spent is refused with 53300 by the server.
test.skipIf(!process.env.DATABASE_URL)(
  'a connection PostgreSQL refuses for want of connections is unreachable',
  async () => {
    const role = `board_no_room_${process.pid}`
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
    try {
      await admin.unsafe(`create role ${role} login connection limit 0`)
      const url = new URL(process.env.DATABASE_URL!)
      url.username = role
      url.password = ''
      const client = postgres(url.toString(), { max: 1, connect_timeout: 5 })
      const refused = await client`select 1`.catch((error: unknown) => error)
      await client.end()
      expect(databaseTroubleOf(refused)).toEqual({ kind: 'unreachable', code: '53300' })
    } finally {
      await admin.unsafe(`drop role if exists ${role}`)
      await admin.end()
    }
  },
)
