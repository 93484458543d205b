import { createServer } from 'node:net'

import { afterEach, beforeEach, expect, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { closeFakeGitHub, stoppedScheduler } from '../../test/sync-helpers'

import { sweepReport } from './sweep-report'

setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  vi.restoreAllMocks()
  await closeFakeGitHub(github)
})

test('a token GitHub refuses fails the sweep with one log line and no stack trace', async () => {
  github.addRepository('acme/app')
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const scheduler = stoppedScheduler(github, ['acme/app'], { token: 'wrong' })
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
  const scheduler = stoppedScheduler(github, ['acme/app', 'acme/lib', 'acme/docs'], {
    baseUrl: closed,
    waitScale: 0,
  })
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
    const scheduler = stoppedScheduler(github, names)
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

test('a sweep waiting out a used-up rate limit says so in one log line and in its status, until it ends', async () => {
  github.addRepository('acme/app')
  github.rateLimit.set({ remaining: 0, resetAt: Date.now() + 3_600_000 })
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const clock = new Date('2026-12-07T12:00:00Z')
  // The waits cost no time here; the limit stays used up, so the retries run out.
  const scheduler = stoppedScheduler(github, ['acme/app'], { waitScale: 0, now: () => clock })
  // The first request meets the limit; the retry after the wait reads the status mid-sweep.
  let duringWait: ReturnType<typeof scheduler.status> | null = null
  github.faults.add({ path: /./, fault: { kind: 'delay', ms: 0 } })
  github.faults.add({
    path: /./,
    fault: { kind: 'mutate', run: () => void (duringWait = scheduler.status()) },
  })
  await scheduler.trigger()

  expect(duringWait).toMatchObject({ isRunning: true, rateLimitWait: { reason: 'rate-limit' } })
  const until = duringWait!.rateLimitWait!.until.getTime()
  expect(until - clock.getTime()).toBeGreaterThan(3_500_000)
  expect(scheduler.status().rateLimitWait).toBeNull()
  const waits = written
    .join('')
    .split('\n')
    .filter((line) => line.includes('waiting'))
  expect(waits).toHaveLength(1)
  expect(waits[0]).toContain("sync sweep waiting: GitHub's rate limit is used up")
  expect(waits[0]).toContain(new Date(until).toISOString())
})

test('GitHub going part-way through a sweep: its record keeps what was stored and what was not reached, as npm run sync says it', async () => {
  github.addRepository('acme/app')
  github.addIssues('acme/app', 12)
  github.addRepository('acme/lib')
  github.addRepository('acme/docs')
  // The network goes as the second name is looked up: the fake stops listening.
  github.faults.add({
    path: '/repos/acme/lib',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const times = [new Date('2026-12-07T10:00:00Z'), new Date('2026-12-07T10:00:07Z')]
  const scheduler = stoppedScheduler(github, ['acme/app', 'acme/lib', 'acme/docs'], {
    waitScale: 0,
    concurrency: 1,
    now: () => times.shift()!,
  })
  await scheduler.trigger()

  const status = scheduler.status()
  expect(status.lastError).toBe(
    `Could not reach GitHub at ${github.url}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
  )
  expect(status.lastStartedAt).toEqual(new Date('2026-12-07T10:00:00Z'))
  expect(status.lastFinishedAt).toEqual(new Date('2026-12-07T10:00:07Z'))
  expect(status.lastCutOff).toMatchObject({
    summary: { repositories: [{ repository: 'acme/app', outcome: 'updated', added: 12 }] },
    notReached: ['acme/lib', 'acme/docs'],
  })
  const report = sweepReport(status.lastCutOff!.summary, status.lastCutOff)
  expect(report[0]).toMatch(/^Repositories: 1\nIssues: 12 added, 0 updated, 0 unchanged\n/)
  expect(report.at(-1)).toBe('Not reached (GitHub stopped answering): acme/lib and acme/docs')
  // Still one log line, naming what was synced and what was not reached.
  const lines = written.join('').trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain('sync sweep failed')
  expect(lines[0]).toMatch(/acme\/app: updated/)
  expect(lines[0]).toMatch(/"acme\/lib","acme\/docs"/)
})
