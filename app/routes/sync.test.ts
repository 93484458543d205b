import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, onTestFinished, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { closeFakeGitHub, stoppedScheduler } from '../../test/sync-helpers'
import { loadDemoData } from '../demo/demo.server'
import { claimRepositorySync, finishRepositorySync } from '../mirror/sync-state.server'
import {
  registerSyncScheduler,
  sweepRateLimit,
  type SchedulerOptions,
} from '../sync/scheduler.server'
import { CutOffSweep } from '../sync/ui/cut-off-sweep'
import { LastOutcome } from '../sync/ui/last-outcome'
import { PublicSweepNotice } from '../sync/ui/public-sweep-notice'
import { RateLimitHeadroom } from '../sync/ui/rate-limit-headroom'
import { SyncOnceAdvice } from '../sync/ui/sync-once'
import { UnresolvedTargets } from '../sync/ui/unresolved-targets'

import SyncStatusRoute, { loader } from './sync'

const getDb = setupTestDatabase()

/** A fake GitHub for one test, closed after it (unless the test took it out of reach). */
async function fakeGitHub() {
  const github = await createFakeGitHub()
  onTestFinished(() => closeFakeGitHub(github))
  return github
}

/**
 * A scheduler the page reads, as the server registers its own. Only the sweeps the test triggers
 * run; the next test file finds no scheduler.
 */
function registeredScheduler(
  github: FakeGitHub,
  names: string[],
  options: Partial<SchedulerOptions> = {},
) {
  const scheduler = stoppedScheduler(github, names, options)
  registerSyncScheduler(scheduler)
  onTestFinished(() => registerSyncScheduler(null))
  return scheduler
}

/** Sweeps log a line each; these tests read what they record, not what they log. */
function quietStderr() {
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  onTestFinished(() => quiet.mockRestore())
}

/** The page as `accountId` (anonymous when left out) reads it: its data and its text. */
async function syncPage(accountId?: number) {
  const data = await (await callLoader(loader, '/sync', { accountId })).json()
  const html = await renderRouteWith(SyncStatusRoute, data, '/sync')
  return { data, html: html.replace(/<!-- -->/g, '') }
}

async function seedFailedSweep() {
  const repository = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repository)
  await claimRepositorySync(repository.id, 'ci-7:4242', 60_000, getDb())
  await finishRepositorySync(
    repository.id,
    'ci-7:4242',
    {
      outcome: 'failed',
      error: 'GitHub answered 502 at https://api.github.com/... (host ci-7, pid 4242)',
      requests: 3,
      notModified: 1,
      rateLimitRemaining: 4321,
      rateLimitResetAt: null,
    },
    getDb(),
  )
  return repository
}

test('the public sees how fresh the mirror is, never operator details', async () => {
  await seedFailedSweep()
  const text = await (await callLoader(loader, '/sync')).text()
  const data = JSON.parse(text)
  expect(data.isOperator).toBe(false)
  expect(data.repositories).toEqual([
    expect.objectContaining({ full_name: 'mirage/mirage', last_outcome: 'failed' }),
  ])
  expect(text).not.toContain('ci-7')
  expect(text).not.toContain('4321')
  expect(data.repositories[0]).not.toHaveProperty('claimed_by')
  const contributor = await createAccount(getDb(), 'casey')
  const asContributor = await (
    await callLoader(loader, '/sync', { accountId: contributor.id })
  ).text()
  expect(asContributor).not.toContain('ci-7')
})

test('on the demo, the page says its repositories are copies that are never synced', async () => {
  const { holdsDemo: before } = await (await callLoader(loader, '/sync')).json()
  expect(before).toBe(false)
  await loadDemoData(getDb())
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  for (const accountId of [undefined, maintainer.id]) {
    const data = await (await callLoader(loader, '/sync', { accountId })).json()
    expect(data.holdsDemo).toBe(true)
    // Each row agrees with the intro: a demo copy is not waiting for a sync that never comes.
    expect(data.repositories.length).toBeGreaterThan(0)
    for (const repo of data.repositories) {
      expect(
        renderToStaticMarkup(
          createElement(LastOutcome, {
            outcome: repo.last_outcome,
            isDemoCopy: repo.is_demo_copy,
          }),
        ),
      ).toBe('demo copy, never synced')
    }
  }
  // A GitHub repository mirrored but not swept yet is still waiting for its first sync.
  await mirror(getDb(), repositoryPayload('acme/app'))
  const { repositories } = await (await callLoader(loader, '/sync')).json()
  const github = repositories.find((repo: { full_name: string }) => repo.full_name === 'acme/app')
  expect(
    renderToStaticMarkup(
      createElement(LastOutcome, { outcome: github.last_outcome, isDemoCopy: github.is_demo_copy }),
    ),
  ).toBe('not synced yet')
})

test('with sync off, the advice to run `npm run sync` holds for the database in use', async () => {
  // The embedded database is one process's: the command is refused while this server runs.
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.scheduler).toBeNull()
  expect(data.isEmbeddedDatabase).toBe(!process.env.DATABASE_URL)
  // How the board is set up is the operators' business, not the public's.
  expect((await (await callLoader(loader, '/sync')).json()).isEmbeddedDatabase).toBeNull()
  const advice = (isEmbeddedDatabase: boolean) =>
    renderToStaticMarkup(createElement(SyncOnceAdvice, { isEmbeddedDatabase }))
  expect(advice(true)).toContain('stop this server, then run <code>npm run sync</code>')
  expect(advice(false)).toBe('To sync once instead, run <code>npm run sync</code>.')
})

test('maintainers see errors, request counts and rate-limit headroom', async () => {
  await seedFailedSweep()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.isOperator).toBe(true)
  expect(data.repositories[0]).toMatchObject({
    last_error: expect.stringContaining('ci-7'),
    last_requests: 3,
    rate_limit_remaining: 4321,
  })
})

test('the public learns that the last sweep failed, maintainers also why', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  const scheduler = registeredScheduler(github, ['acme/app'], { token: 'wrong' })
  await scheduler.trigger()

  const text = await (await callLoader(loader, '/sync')).text()
  expect(JSON.parse(text).scheduler).toMatchObject({ lastSweepFailed: true, lastError: null })
  expect(text).not.toContain('401')
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.scheduler).toMatchObject({
    lastSweepFailed: true,
    lastError:
      'GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
  })
})

test('maintainers see the targets the last sweep could not find, which have no row of their own', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  const scheduler = registeredScheduler(github, ['acme/app,acme/typo'])
  await scheduler.trigger()

  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.repositories.map((repo: { full_name: string }) => repo.full_name)).toEqual([
    'acme/app',
  ])
  const html = renderToStaticMarkup(
    createElement(UnresolvedTargets, { unresolved: data.scheduler.unresolved }),
  )
  expect(html).toContain('<li>acme/typo: no such repository (or the token cannot see it)</li>')
  expect(html).toContain('<code>BOARD_REPOS</code>')
  expect(html).not.toContain('could not be reached')
  // The public is told neither (the reason names the token's access).
  const text = await (await callLoader(loader, '/sync')).text()
  expect(text).not.toContain('cannot see it')
})

test('a sweep that mirrored nothing (a misspelled organisation) still tells maintainers the rate limit it left', async () => {
  const github = await fakeGitHub()
  const scheduler = registeredScheduler(github, ['acme-typo'])
  await scheduler.trigger()

  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.repositories).toEqual([])
  // Not "unknown until the first sweep answers": it did answer.
  expect(data.sweepRateLimitRemaining).toBe(github.rateLimit.get().remaining)
  const publicData = await (await callLoader(loader, '/sync')).json()
  expect(publicData).not.toHaveProperty('sweepRateLimitRemaining')
})

test('targets GitHub could not be reached for point maintainers at GITHUB_API_URL and the network, not BOARD_REPOS', () => {
  const render = (...entries: { target: string; isUnreachable: boolean }[]) =>
    renderToStaticMarkup(
      createElement(UnresolvedTargets, {
        unresolved: entries.map((entry) => ({ ...entry, error: 'reason' })),
      }),
    )
  const unreachable = render({ target: 'acme/app', isUnreachable: true })
  expect(unreachable).toContain(
    '(GitHub could not be reached: check <code>GITHUB_API_URL</code> and this machine’s network)',
  )
  expect(unreachable).not.toContain('BOARD_REPOS')
  // Both causes at once: each gets its advice.
  const both = render(
    { target: 'acme/app', isUnreachable: true },
    { target: 'acme/typo', isUnreachable: false },
  )
  expect(both).toContain(
    'network; check <code>BOARD_REPOS</code> and what the board may read on GitHub (the token’s access, or the app’s installations))',
  )
})

test('the public learns that the last sweep left out a target, though no row shows it failed', async () => {
  // An organisation GitHub could not be reached to list leaves its repositories' rows at their
  // last outcome; a 404 takes the same path without waiting out retries.
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  const scheduler = registeredScheduler(github, ['acme/app,ghost'])
  await scheduler.trigger()

  const data = await (await callLoader(loader, '/sync')).json()
  expect(data.repositories).toEqual([
    expect.objectContaining({ full_name: 'acme/app', last_outcome: 'synced_empty' }),
  ])
  expect(data.scheduler).toMatchObject({ lastSweepFailed: true, unresolved: [] })
})

test('rate-limit headroom says the demo and a board that does not sync spend none, not "unknown"', async () => {
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const headroom = async () => {
    const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
    const remaining = data.repositories
      .map((repo: { rate_limit_remaining: number | null }) => repo.rate_limit_remaining)
      .filter((value: number | null) => value !== null)
    return renderToStaticMarkup(
      createElement(RateLimitHeadroom, {
        remaining,
        holdsDemo: data.holdsDemo,
        syncsFromGitHub: data.scheduler !== null,
      }),
    )
  }
  // Sync off, nothing recorded: this server makes no requests.
  expect(await headroom()).toBe(
    'Rate-limit headroom after the last requests: none spent: this server does not sync from GitHub.',
  )
  await loadDemoData(getDb())
  expect(await headroom()).toBe(
    'Rate-limit headroom after the last requests: none spent: the demo’s copies never talk to GitHub.',
  )
  // What a sync recorded is known, whatever else holds.
  expect(
    renderToStaticMarkup(
      createElement(RateLimitHeadroom, {
        remaining: [40, 12],
        holdsDemo: false,
        syncsFromGitHub: true,
      }),
    ),
  ).toBe('Rate-limit headroom after the last requests: 12 requests left.')
})

test('the public is told a sweep that missed one name synced the rest, not that it failed', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  github.addRepository('acme/docs')
  const sweepOf = async (names: string, token: string) => {
    const scheduler = registeredScheduler(github, [names], { token })
    await scheduler.trigger()
    const text = await (await callLoader(loader, '/sync')).text()
    const { shortfall } = JSON.parse(text).scheduler
    return { text, notice: renderToStaticMarkup(createElement(PublicSweepNotice, { shortfall })) }
  }

  const partial = await sweepOf('acme/app,acme/widgest,acme/docs', 'test-token')
  expect(partial.notice).toContain(
    'The last sweep synced 2 repositories; one name it is set to mirror could not be found on GitHub, so it is not mirrored. The maintainers can see which on this page.',
  )
  expect(partial.notice).not.toContain('failed')
  // Why (the token's access) stays the operators'; the names swept are public already.
  expect(partial.text).not.toContain('cannot see it')

  // A sweep GitHub refused as a whole did fail.
  const refused = await sweepOf('acme/app', 'wrong')
  expect(refused.notice).toContain('The last sweep failed, so the mirror may be behind GitHub')
})

test('a sweep GitHub left part-way: maintainers see what it stored and what it did not reach, the public only that it failed', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 4)
  github.addRepository('acme/lib')
  github.faults.add({
    path: '/repos/acme/lib',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  const scheduler = registeredScheduler(github, ['acme/app', 'acme/lib'], {
    waitScale: 0,
    concurrency: 1,
    now: () => new Date('2026-12-07T10:00:00Z'),
  })
  quietStderr()
  await scheduler.trigger()

  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(data.scheduler.lastError).toMatch(/^Could not reach GitHub at /)
  expect(data.scheduler.lastFinishedAt).toBe('2026-12-07T10:00:00.000Z')
  expect(data.scheduler).not.toHaveProperty('lastCutOff')
  expect(data.scheduler.cutOffReport).toEqual([
    expect.stringMatching(/^Repositories: 1\nIssues: 4 added, 0 updated, 0 unchanged\nRequests: /),
    'Not reached (GitHub stopped answering): acme/lib',
  ])
  const shown = renderToStaticMarkup(
    createElement(CutOffSweep, { report: data.scheduler.cutOffReport }),
  )
  expect(shown).toContain('Before GitHub stopped answering, it had done this:')
  expect(shown).toContain('Not reached (GitHub stopped answering): acme/lib')

  // The public: when the mirror was last fresh, and that the sweep failed; nothing of what.
  const text = await (await callLoader(loader, '/sync')).text()
  expect(JSON.parse(text).scheduler).toMatchObject({
    lastSweepFailed: true,
    lastError: null,
    cutOffReport: null,
    lastFinishedAt: '2026-12-07T10:00:00.000Z',
  })
  expect(text).not.toContain('Not reached')
  expect(text).not.toContain('Repositories: 1')
  expect(text).not.toContain('lastCutOff')
})

test('after a failed sweep, the targets an earlier sweep could not mirror are said to be that sweep’s, with when it finished', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  github.addRepository('acme/lib')
  const times = [
    new Date('2026-12-07T10:00:00Z'),
    new Date('2026-12-07T10:05:00Z'),
    new Date('2026-12-07T11:00:00Z'),
    new Date('2026-12-07T11:02:00Z'),
  ]
  const scheduler = registeredScheduler(github, ['acme/app', 'acme/typo', 'acme/lib'], {
    waitScale: 0,
    concurrency: 1,
    now: () => times.shift()!,
  })
  quietStderr()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const page = async () => (await syncPage(maintainer.id)).html

  // The sweep that ran through: its list is the last sweep's.
  await scheduler.trigger()
  const ranThrough = await page()
  expect(ranThrough).toContain('The last sweep could not mirror this target')
  expect(ranThrough).toContain('acme/typo: no such repository')

  // The next one GitHub leaves part-way: the list shown is still the earlier sweep's, and says so.
  github.faults.add({
    path: '/repos/acme/lib/issues',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  await scheduler.trigger()
  expect(scheduler.status()).toMatchObject({
    lastFinishedAt: new Date('2026-12-07T11:02:00Z'),
    lastSummaryFinishedAt: new Date('2026-12-07T10:05:00Z'),
  })
  const failed = await page()
  expect(failed).toContain('The last sweep failed: Could not reach GitHub')
  expect(failed).toContain(
    'The last sweep that ran through (7 Dec 2026 10:05 UTC) could not mirror this target',
  )
  expect(failed).not.toContain('The last sweep could not mirror')
})

test('after a failed sweep, the rate-limit headroom says which sweep left it and when', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  github.addRepository('acme/lib')
  const times = [
    new Date('2026-12-07T10:00:00Z'),
    new Date('2026-12-07T10:05:00Z'),
    new Date('2026-12-07T11:00:00Z'),
    new Date('2026-12-07T11:02:00Z'),
  ]
  const scheduler = registeredScheduler(github, ['acme/app', 'acme/lib'], {
    waitScale: 0,
    concurrency: 1,
    now: () => times.shift()!,
  })
  quietStderr()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const page = () => syncPage(maintainer.id)

  await scheduler.trigger()
  const ranThrough = await page()
  const before = ranThrough.data.sweepRateLimitRemaining as number
  expect(ranThrough.html).toContain(
    `Rate-limit headroom after the last requests: ${before} requests left.`,
  )

  // GitHub leaves the next sweep part-way, after answering with less headroom: its own last
  // answers are the newest figure.
  github.rateLimit.set({ remaining: 1234 })
  github.faults.add({
    path: '/repos/acme/lib/issues',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  await scheduler.trigger()
  const cutOff = await page()
  const after = cutOff.data.sweepRateLimitRemaining as number
  expect(after).toBeLessThanOrEqual(1234)
  expect(cutOff.html).toContain(
    `Rate-limit headroom after the failed sweep’s last requests (7 Dec 2026 11:02 UTC): ${after} requests left.`,
  )

  // A failed sweep that recorded none: the last sweep that ran through, said so, with its time.
  const status = scheduler.status()
  expect(sweepRateLimit({ ...status, lastCutOff: null })).toEqual({
    remaining: before,
    at: new Date('2026-12-07T10:05:00Z'),
    sweep: 'ran-through',
  })
  expect(
    renderToStaticMarkup(
      createElement(RateLimitHeadroom, {
        remaining: [before],
        from: { sweep: 'ran-through', at: '2026-12-07T10:05:00Z' },
        holdsDemo: false,
        syncsFromGitHub: true,
      }),
    ),
  ).toBe(
    `Rate-limit headroom after the last sweep that ran through (7 Dec 2026 10:05 UTC): ${before} requests left.`,
  )
})

test('while a sweep waits out a used-up rate limit, maintainers read why and until when; the public only that it runs', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  github.rateLimit.set({ remaining: 0, resetAt: Date.now() + 3_600_000 })
  const clock = new Date('2026-12-07T12:00:00Z')
  const scheduler = registeredScheduler(github, ['acme/app'], { waitScale: 0, now: () => clock })
  quietStderr()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const page = async (accountId?: number) => (await syncPage(accountId)).html
  // The first request meets the limit; the retry after the wait reads the pages mid-sweep.
  const during: { operator?: string; visitor?: string } = {}
  github.faults.add({ path: /./, fault: { kind: 'delay', ms: 0 } })
  github.faults.add({
    path: /./,
    fault: {
      kind: 'mutate',
      run: async () => {
        during.operator = await page(maintainer.id)
        during.visitor = await page()
      },
    },
  })
  await scheduler.trigger()

  expect(during.operator).toMatch(
    /The sweep is waiting for GitHub’s rate limit, used up until 7 Dec 2026 1[23]:\d\d UTC; it goes on then, keeping what it has mirrored\./,
  )
  expect(during.visitor).toContain('(a sweep is running now)')
  expect(during.visitor).not.toContain('rate limit')
  // Once the sweep is over, nothing is waited for.
  expect(await page(maintainer.id)).not.toContain('The sweep is waiting')
})

test('while a sweep waits out a used-up rate limit, the headroom shown is none until it resets, not the figure from before', async () => {
  const github = await fakeGitHub()
  github.addRepository('acme/app')
  const clock = new Date('2026-12-07T12:00:00Z')
  const scheduler = registeredScheduler(github, ['acme/app'], { waitScale: 0, now: () => clock })
  quietStderr()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const page = async () => (await syncPage(maintainer.id)).html
  // A first sweep leaves plenty of headroom on record.
  await scheduler.trigger()
  const before = github.rateLimit.get().remaining
  expect(await page()).toContain(
    `Rate-limit headroom after the last requests: ${before} requests left.`,
  )

  github.rateLimit.set({ remaining: 0, resetAt: Date.now() + 3_600_000 })
  let during = ''
  github.faults.add({ path: /./, fault: { kind: 'delay', ms: 0 } })
  github.faults.add({
    path: /./,
    fault: { kind: 'mutate', run: async () => void (during = await page()) },
  })
  await scheduler.trigger()

  expect(during).toMatch(
    /Rate-limit headroom: 0 requests left until 7 Dec 2026 1[23]:\d\d UTC \(GitHub’s rate limit is used up; the figures below are from before the wait\)\./,
  )
  expect(during).not.toContain(`${before} requests left`)
  // Once the sweep is over, what its last answers left is shown again.
  expect(await page()).toMatch(/Rate-limit headroom after the last requests: \d+ requests left\./)
})

test('with SYNC_INTERVAL off, maintainers read that another server or npm run sync sweeps, not how to turn it on', async () => {
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  // The tests' settings leave SYNC_INTERVAL at its default.
  expect(data.isSyncTurnedOff).toBe(false)
  const page = async (isSyncTurnedOff: boolean) =>
    (await renderRouteWith(SyncStatusRoute, { ...data, isSyncTurnedOff }, '/sync')).replace(
      /<!-- -->/g,
      '',
    )
  const off = await page(true)
  expect(off).toContain(
    'Scheduled sync is off on this server: <code>SYNC_INTERVAL</code> is <code>off</code>, so it leaves sweeping to another server on the same database, or to <code>npm run sync</code>',
  )
  expect(off).not.toContain('GITHUB_APP_ID')
  expect(await page(false)).toContain('Install the board as a GitHub App')
})

test('a repository dropped from BOARD_REPOS is said to be no longer swept, its issues staying as last synced', async () => {
  quietStderr()
  const github = await fakeGitHub()
  for (const name of ['acme/app', 'acme/docs']) github.addRepository(name)
  await registeredScheduler(github, ['acme/app,acme/docs']).trigger()
  // The operator narrows BOARD_REPOS and restarts: acme/docs keeps its row.
  await registeredScheduler(github, ['acme/app']).trigger()

  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const asMaintainer = await syncPage(maintainer.id)
  const byName = (data: { repositories: { full_name: string; is_no_longer_swept: boolean }[] }) =>
    Object.fromEntries(data.repositories.map((repo) => [repo.full_name, repo.is_no_longer_swept]))
  expect(byName(asMaintainer.data)).toEqual({ 'acme/app': false, 'acme/docs': true })
  expect(asMaintainer.html).toContain('Sweeping acme/app every')
  expect(asMaintainer.html).toContain(
    '(no longer swept: <code>BOARD_REPOS</code> does not name it; its issues stay on the board as last synced and are no longer updated)',
  )
  // The public reads that it is not kept fresh, not which setting says so.
  const asPublic = await syncPage()
  expect(byName(asPublic.data)).toEqual({ 'acme/app': false, 'acme/docs': true })
  expect(asPublic.html).toContain(
    '(no longer synced: its issues stay as last synced and are no longer updated)',
  )
  expect(asPublic.html).not.toContain('BOARD_REPOS')
})
