import { afterAll, expect, onTestFinished, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { createFakeGitHub } from '../../test/fake-github/server'
import { mirror } from '../../test/mirror'

import {
  claimPushAccessCheck,
  pushAccessWaitMs,
  recordPushAccess,
  recordPushAccessAttempt,
  upsertGitHubAccount,
} from './account.server'
import { getCurrentUser, signIn } from './auth.server'

// Push access is asked of GitHub in the background of a signed-in person's requests, once a day
// (sooner while GitHub has never answered).
// GitHub is this file's fake, read through GITHUB_API_URL before anything reads the environment.
const github = await createFakeGitHub()
process.env.GITHUB_API_URL = github.url
const getDb = setupTestDatabase()

afterAll(() => github.close())

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/** Warnings of failed checks go to stderr: kept from the test's output, and returned. */
function captureStderr() {
  const written: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  onTestFinished(() => {
    vi.restoreAllMocks()
  })
  return written
}

/** A request of the account's own session. */
async function sessionOf(accountId: number) {
  const cookie = (await signIn(new Request('http://localhost/'), accountId, '/')).headers
    .get('Set-Cookie')!
    .split(';')[0]!
  return () => new Request('http://localhost/', { headers: { Cookie: cookie } })
}

test('a push-access check GitHub refuses is retried a day later, not on every request, in one log line each', async () => {
  const written = captureStderr()
  // Checked and found pushing a day and an hour ago; the token has since been revoked (401).
  const start = new Date('2030-01-02T01:00:00Z')
  const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS)
  const id = await upsertGitHubAccount(
    { id: 42, login: 'hannesm', name: null, avatar_url: null },
    'gho_revoked',
  )
  await recordPushAccess(id, true, undefined, at(-25))
  const request = await sessionOf(id)
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
  expect(await claimPushAccessCheck(id, now)).toBe(false)
  const account = await getDb()
    .selectFrom('account')
    .select('push_access_checked_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  expect(account.push_access_checked_at).toBeNull()
  expect(github.requestLog.length).toBe(asked)
})

test('a check GitHub never answered is retried after 5 minutes, then 10, 20 …, claimed once by parallel requests; answered, daily', async () => {
  captureStderr()
  // GitHub lists mirage/mirage as pushable for the token, once it accepts it; the board mirrors it.
  github.addRepository('mirage/mirage', { viewerPermission: 'push' })
  await mirror(getDb(), repositoryPayload('mirage/mirage'))
  const start = new Date('2030-05-01T00:00:00Z')
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE_MS)
  const id = await upsertGitHubAccount(
    { id: 44, login: 'samoht', name: null, avatar_url: null },
    'gho_just_minted',
  )
  // As sign-in leaves someone whose very first check GitHub did not answer (a token GitHub has
  // just minted can be refused for a moment): a contributor, with no answer to keep.
  await recordPushAccessAttempt(id, start)
  const request = await sessionOf(id)
  const roleAt = async (minutes: number) =>
    (await getCurrentUser(request(), { now: at(minutes) }))?.role
  // This test's requests only: the fake is the file's.
  const askedBefore = github.requestLog.length
  const asked = () =>
    github.requestLog.slice(askedBefore).filter((entry) => entry.path.startsWith('/user/repos'))
  const account = () =>
    getDb()
      .selectFrom('account')
      .select(['push_access_checked_at', 'push_access_answered_at', 'push_access_failures'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  // The check runs in the background of the request that claimed it: wait for what it leaves.
  const settled = (expected: Partial<Awaited<ReturnType<typeof account>>>) =>
    vi.waitFor(async () => expect(await account()).toMatchObject(expected), {
      timeout: 60_000,
      interval: 5,
    })

  // Not asked again before 5 minutes; at 5, asked (claimed at that time), and refused again.
  expect(await roleAt(4.99)).toBe('contributor')
  expect(asked()).toHaveLength(0)
  expect(await roleAt(5)).toBe('contributor')
  await settled({ push_access_checked_at: at(5), push_access_failures: 2 })
  expect(asked()).toHaveLength(1)
  // The wait doubles: 10 minutes after that failure, not before.
  expect(await roleAt(14.99)).toBe('contributor')
  expect(asked()).toHaveLength(1)
  expect(await roleAt(15)).toBe('contributor')
  await settled({ push_access_checked_at: at(15), push_access_failures: 3 })

  // 20 minutes after that, GitHub accepts the token: three requests at once ask it once.
  github.acceptToken('gho_just_minted')
  await Promise.all([35, 35, 35].map(roleAt))
  await settled({ push_access_answered_at: at(35), push_access_failures: 0 })
  expect(asked().map((entry) => entry.status)).toEqual([401, 401, 200])
  expect(await roleAt(36)).toBe('maintainer')

  // Answered once, the account is asked daily again, as before.
  expect(await roleAt(35 + 24 * 60 - 0.01)).toBe('maintainer')
  expect(asked()).toHaveLength(3)
  expect(await roleAt(35 + 24 * 60)).toBe('maintainer')
  await settled({ push_access_answered_at: at(35 + 24 * 60) })
  expect(asked()).toHaveLength(4)
})

test('the wait after failures GitHub never answered stops growing at a day, in the claim as in the rule', async () => {
  expect(
    [1, 2, 3, 9, 10, 40].map((failures) =>
      pushAccessWaitMs({ push_access_answered_at: null, push_access_failures: failures }),
    ),
  ).toEqual([5, 10, 20, 1280, 1440, 1440].map((minutes) => minutes * MINUTE_MS))
  const id = await upsertGitHubAccount(
    { id: 45, login: 'djs55', name: null, avatar_url: null },
    'gho_refused',
  )
  const checkedAt = new Date('2030-06-01T00:00:00Z')
  await getDb()
    .updateTable('account')
    .set({ push_access_checked_at: checkedAt, push_access_failures: 40 })
    .where('id', '=', id)
    .execute()
  const after = (ms: number) => new Date(checkedAt.getTime() + ms)
  expect(await claimPushAccessCheck(id, after(24 * HOUR_MS - 1))).toBe(false)
  expect(await claimPushAccessCheck(id, after(24 * HOUR_MS))).toBe(true)
})
