import { createServer } from 'node:net'

import { afterEach, beforeEach, expect, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'

import { createSyncScheduler } from './scheduler.server'
import { parseSyncTargets } from './sweep.server'

setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  vi.restoreAllMocks()
  await github.close()
})

test('a token GitHub refuses fails the sweep with one log line and no stack trace', async () => {
  github.addRepository('acme/app')
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const scheduler = createSyncScheduler({
    targets: parseSyncTargets(['acme/app']).targets,
    intervalMs: 3_600_000,
    token: 'wrong',
    baseUrl: github.url,
  })
  // Only the sweep triggered here runs.
  scheduler.stop()
  await scheduler.trigger()

  expect(scheduler.status().lastError).toBe(
    'GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
  )
  // One line whatever LOG_FORMAT is: no stack, neither as text lines nor as a JSON field.
  const lines = written.join('').trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain('sync sweep failed')
  expect(lines[0]).toContain(
    'GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
  )
  expect(lines[0]).not.toMatch(/stack|\bat /)
})

test('a GitHub that cannot be reached fails the sweep with one log line naming GITHUB_API_URL', async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const closed = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  await new Promise((resolve) => server.close(resolve))
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const scheduler = createSyncScheduler({
    targets: parseSyncTargets(['acme/app', 'acme/lib', 'acme/docs']).targets,
    intervalMs: 3_600_000,
    token: 'test-token',
    baseUrl: closed,
    waitScale: 0,
  })
  scheduler.stop()
  await scheduler.trigger()

  const message = `Could not reach GitHub at ${closed}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`
  expect(scheduler.status().lastError).toBe(message)
  const lines = written.join('').trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain('sync sweep failed')
  expect(lines[0]).toContain(message)
  // The message says "at" itself; a stack would be a stack= field or more lines.
  expect(lines[0]).not.toMatch(/stack/)
})

test('a sweep that could not sync a repository ends with a warning, one that synced all with news', async () => {
  github.addRepository('acme/app')
  const lines = { stdout: [] as string[], stderr: [] as string[] }
  for (const stream of ['stdout', 'stderr'] as const) {
    vi.spyOn(process[stream], 'write').mockImplementation((chunk) => {
      lines[stream].push(String(chunk))
      return true
    })
  }
  const sweepOnce = async (names: string[]) => {
    const scheduler = createSyncScheduler({
      targets: parseSyncTargets(names).targets,
      intervalMs: 3_600_000,
      token: 'test-token',
      baseUrl: github.url,
    })
    scheduler.stop()
    await scheduler.trigger()
  }
  await sweepOnce(['acme/app'])
  expect(lines.stdout.join('')).toMatch(/sync sweep finished/)
  expect(lines.stderr.join('')).not.toMatch(/sync sweep finished/)

  await sweepOnce(['acme/missing'])
  expect(lines.stderr.join('')).toMatch(
    /"level":"warn".*sync sweep finished|WARN sync sweep finished/,
  )
})
