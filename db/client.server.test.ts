import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'
import { afterEach, beforeEach, expect, test } from 'vitest'

import { createDatabase, DATA_DIR_LOCK_FILE, type Database } from './client.server'

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
