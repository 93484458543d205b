import { afterAll, expect, onTestFinished, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub } from '../../test/fake-github/server'

import { claimPushAccessCheck, recordPushAccess, upsertGitHubAccount } from './account.server'
import { getCurrentUser, signIn } from './auth.server'

// Push access is asked of GitHub in the background of a signed-in person's requests, once a day.
// GitHub is this file's fake, read through GITHUB_API_URL before anything reads the environment.
const github = await createFakeGitHub()
process.env.GITHUB_API_URL = github.url
const getDb = setupTestDatabase()

afterAll(() => github.close())

const HOUR_MS = 3_600_000

test('a push-access check GitHub refuses is retried a day later, not on every request, in one log line each', async () => {
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  onTestFinished(() => {
    vi.restoreAllMocks()
  })
  // Checked and found pushing a day and an hour ago; the token has since been revoked (401).
  const start = new Date('2030-01-02T01:00:00Z')
  const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS)
  const id = await upsertGitHubAccount(
    { id: 42, login: 'hannesm', name: null, avatar_url: null },
    'gho_revoked',
  )
  await recordPushAccess(id, true, undefined, at(-25))
  const cookie = (await signIn(new Request('http://localhost/'), id, '/')).headers
    .get('Set-Cookie')!
    .split(';')[0]!
  const request = () => new Request('http://localhost/', { headers: { Cookie: cookie } })
  const warnings = () => written.filter((line) => line.startsWith('WARN push access check'))
  const checks = () => github.requestLog.filter((entry) => entry.path.startsWith('/user/repos'))
  // The check runs in the background of the request: wait for what it leaves, however long.
  const checked = (count: number) =>
    vi.waitFor(() => expect(warnings()).toHaveLength(count), { timeout: 60_000, interval: 5 })

  expect((await getCurrentUser(request(), { now: start }))?.role).toBe('maintainer')
  await checked(1)
  // Later requests that day keep the last answer and ask GitHub nothing.
  expect((await getCurrentUser(request(), { now: at(1) }))?.role).toBe('maintainer')
  expect((await getCurrentUser(request(), { now: at(2) }))?.role).toBe('maintainer')
  // A day after the failed attempt, GitHub is asked again.
  expect((await getCurrentUser(request(), { now: at(25) }))?.role).toBe('maintainer')
  await checked(2)

  expect(checks().map((entry) => entry.status)).toEqual([401, 401])
  // Each failure is one line, with GitHub's status and no stack trace.
  for (const line of warnings()) {
    expect(line.trimEnd()).not.toContain('\n')
    expect(line).toContain('status=401')
    expect(line).not.toContain('stack')
  }
})

test('an account without a GitHub token starts no check: nothing is claimed or asked', async () => {
  const id = await upsertGitHubAccount(
    { id: 43, login: 'talex5', name: null, avatar_url: null },
    'gho_for_now',
  )
  await getDb().updateTable('account').set({ github_token: null }).where('id', '=', id).execute()
  const asked = github.requestLog.length
  const now = new Date('2030-03-01T00:00:00Z')
  expect(await claimPushAccessCheck(id, now, new Date(now.getTime() - 24 * HOUR_MS))).toBe(false)
  const account = await getDb()
    .selectFrom('account')
    .select('push_access_checked_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  expect(account.push_access_checked_at).toBeNull()
  expect(github.requestLog.length).toBe(asked)
})
