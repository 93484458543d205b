import { afterEach, beforeEach, expect, test, vi } from 'vitest'

import { closeDb, openDb } from '../../db/client.server'
import { freePort } from '../../test/e2e/harness'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { stoppedScheduler } from '../../test/sync-helpers'
import { createNotificationLoop } from '../notifications/loop.server'

// The server's background jobs while PostgreSQL is down (stopped for an upgrade, restarting):
// each run fails, and is retried at the next. The log said so with a stack trace every sweep and
// every minute, as for a bug. The database here is a PostgreSQL URL on a port nobody listens on.

let github: FakeGitHub
let written: string[]

beforeEach(async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
  await closeDb()
  openDb({
    databaseUrl: `postgres://board@127.0.0.1:${await freePort()}/board`,
    dataDir: 'memory://',
    poolSize: 1,
  })
  written = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  vi.restoreAllMocks()
  await closeDb()
  await github.close()
})

function errorLines() {
  return written.join('').trimEnd().split('\n')
}

test('a sweep that cannot reach the database logs one line, without a stack trace', async () => {
  const scheduler = stoppedScheduler(github, ['acme/app'])
  await scheduler.trigger()

  expect(scheduler.status().lastError).toMatch(/ECONNREFUSED/)
  const lines = errorLines()
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^ERROR sync sweep failed error=.*ECONNREFUSED/)
  expect(lines[0]).not.toMatch(/stack|\bat /)
})

test('a notification run that cannot reach the database logs one line, without a stack trace', async () => {
  // The loop runs once as it starts, and once more here.
  const loop = createNotificationLoop({ intervalMs: 3_600_000, clock: () => new Date() })
  await loop.runNow()
  await loop.stop()

  const lines = errorLines()
  expect(lines).toHaveLength(2)
  for (const line of lines) {
    expect(line).toMatch(/^ERROR the notification job failed error=.*ECONNREFUSED/)
    expect(line).not.toMatch(/stack|\bat /)
  }
})
