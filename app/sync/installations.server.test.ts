import { createServer } from 'node:net'

import { afterEach, beforeEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { appCredentials, installApp } from '../../test/github-app'
import {
  addIssuesOverTime,
  closeFakeGitHub,
  fakeIssues,
  mirroredIssues,
} from '../../test/sync-helpers'
import { createGitHubClient } from '../github/client.server'
import { listInstallations } from '../mirror/installation.server'

import { createAppSweepMemory, sweepInstallations } from './installations.server'
import { sweepReport } from './sweep-report'
import { GitHubUnreachableError, parseSyncTargets } from './sweep.server'

const getDb = setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await closeFakeGitHub(github)
})

function appClient() {
  return createGitHubClient({ app: appCredentials, baseUrl: github.url, waitScale: 0, retries: 2 })
}

async function repositoryMarks() {
  return getDb()
    .selectFrom('repository')
    .select(['full_name', 'installation_id', 'left_installation_at'])
    .orderBy('full_name')
    .execute()
    .then((rows) =>
      rows.map((row) => [row.full_name, row.installation_id, row.left_installation_at !== null]),
    )
}

function twoInstallations() {
  const installations = installApp(github, {
    acme: ['acme/app', 'acme/lib'],
    zeta: ['zeta/web'],
  })
  addIssuesOverTime(github, 'acme/app', 150)
  addIssuesOverTime(github, 'acme/lib', 20)
  addIssuesOverTime(github, 'zeta/web', 40)
  github.addRepository('acme/not-installed')
  return { acme: installations.acme!.id, zeta: installations.zeta!.id }
}

test('an app-only board mirrors its two installations with the fewest requests', async () => {
  const { acme, zeta } = twoInstallations()
  const client = appClient()

  const summary = await sweepInstallations(client, { db: getDb() })

  for (const name of ['acme/app', 'acme/lib', 'zeta/web']) {
    expect(await mirroredIssues(getDb(), name)).toEqual(fakeIssues(github, name))
  }
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
    ['acme/lib', 'updated'],
    ['zeta/web', 'updated'],
  ])
  // One installations list, a token and a repository list per installation, then per
  // repository its issue pages (2 + 1 + 1) and a label page: no repository lookups.
  expect(github.requestLog.map((entry) => entry.canonicalPath).sort()).toEqual(
    [
      '/app/installations',
      `/app/installations/${acme}/access_tokens`,
      `/app/installations/${zeta}/access_tokens`,
      '/installation/repositories',
      '/installation/repositories',
      '/repos/acme/app/issues',
      '/repos/acme/app/issues',
      '/repos/acme/app/labels',
      '/repos/acme/lib/issues',
      '/repos/acme/lib/labels',
      '/repos/zeta/web/issues',
      '/repos/zeta/web/labels',
    ].sort(),
  )
  expect(summary.requests).toBe(12)
  expect(summary.installations.map((i) => [i.account, i.status, i.repositories])).toEqual([
    ['acme', 'active', 2],
    ['zeta', 'active', 1],
  ])
  // Each installation spent its own rate limit, and /sync shows it per installation.
  const stored = await listInstallations(getDb())
  expect(stored.map((i) => [i.account, i.rate_limit_remaining, i.repository_count])).toEqual([
    ['acme', github.app.rateLimit(acme).remaining, 2],
    ['zeta', github.app.rateLimit(zeta).remaining, 1],
  ])
  expect(github.rateLimit.get().remaining).toBe(5000)
})

test('an unchanged app sweep costs a 304 per listing and per repository and no point', async () => {
  const { acme, zeta } = twoInstallations()
  const client = appClient()
  const memory = createAppSweepMemory()
  await sweepInstallations(client, { db: getDb(), memory })
  github.clearLog()
  const before = [github.app.rateLimit(acme).remaining, github.app.rateLimit(zeta).remaining]

  const summary = await sweepInstallations(client, { db: getDb(), memory })

  expect(github.requestLog.map((entry) => [entry.canonicalPath, entry.status]).sort()).toEqual(
    [
      ['/app/installations', 304],
      ['/installation/repositories', 304],
      ['/installation/repositories', 304],
      ['/repos/acme/app/issues', 304],
      ['/repos/acme/lib/issues', 304],
      ['/repos/zeta/web/issues', 304],
    ].sort(),
  )
  expect(github.counters.consumedRateLimit).toBe(0)
  expect([github.app.rateLimit(acme).remaining, github.app.rateLimit(zeta).remaining]).toEqual(
    before,
  )
  expect(summary.notModified).toBe(6)
  expect(summary.repositories.every((r) => r.outcome === 'unchanged')).toBe(true)
})

test('BOARD_REPOS narrows what the installations offer', async () => {
  twoInstallations()

  const summary = await sweepInstallations(appClient(), {
    db: getDb(),
    narrow: parseSyncTargets(['acme/lib', 'zeta']).targets,
  })

  expect(summary.repositories.map((r) => r.repository)).toEqual(['acme/lib', 'zeta/web'])
  expect(github.requestLog.some((entry) => entry.canonicalPath.startsWith('/repos/acme/app'))).toBe(
    false,
  )
})

test('a BOARD_REPOS name no installation covers is recorded as not found, as with a token; the others sync', async () => {
  const { zeta } = twoInstallations()
  installApp(github, { robur: ['robur/dns'] })
  github.app.suspend(zeta)

  const summary = await sweepInstallations(appClient(), {
    db: getDb(),
    // acme/not-installed exists on GitHub, but the acme installation was not given it.
    narrow: parseSyncTargets(['acme/lib,acme/typo,acme/not-installed,nobody,robur,zeta/web'])
      .targets,
  })

  expect(summary.repositories.map((r) => r.repository)).toEqual(['acme/lib', 'robur/dns'])
  // A name of the suspended installation's account is not said to be uncovered: that
  // installation's repositories could not be listed, and its status says why they do not sync.
  expect(summary.unresolved).toEqual([
    {
      target: 'acme/typo',
      error: 'no installation of the GitHub App covers it',
      isUnreachable: false,
    },
    {
      target: 'acme/not-installed',
      error: 'no installation of the GitHub App covers it',
      isUnreachable: false,
    },
    {
      target: 'nobody',
      error: 'no installation of the GitHub App covers any of its repositories',
      isUnreachable: false,
    },
  ])
  expect(summary.installations.find((i) => i.installationId === zeta)?.status).toBe('suspended')
})

test('a repository taken out of its installation stops syncing and is marked, its issues kept', async () => {
  const { acme } = twoInstallations()
  const client = appClient()
  const memory = createAppSweepMemory()
  await sweepInstallations(client, { db: getDb(), memory })

  github.app.removeRepositories(acme, ['acme/lib'])
  github.clearLog()
  const summary = await sweepInstallations(client, { db: getDb(), memory })

  expect(summary.repositories.map((r) => r.repository)).toEqual(['acme/app', 'zeta/web'])
  expect(await repositoryMarks()).toContainEqual(['acme/lib', acme, true])
  expect(await mirroredIssues(getDb(), 'acme/lib')).toHaveLength(20)
})

test('an installation suspended mid-sweep: its repositories are marked, nothing is deleted, the other goes on', async () => {
  const { acme, zeta } = twoInstallations()
  const client = appClient()
  const memory = createAppSweepMemory()
  await sweepInstallations(client, { db: getDb(), memory })
  github.clock.advance(60_000)
  github.updateIssue('acme/app', 1, { title: 'changed' })
  github.updateIssue('zeta/web', 1, { title: 'changed too' })
  // Suspended while the sweep reads acme/app's issues, after the listings.
  github.faults.add({
    path: '/repos/acme/app/issues',
    fault: { kind: 'mutate', run: (fake) => void fake.app.suspend(acme) },
  })

  const summary = await sweepInstallations(client, { db: getDb(), memory })

  const outcomes = Object.fromEntries(summary.repositories.map((r) => [r.repository, r.outcome]))
  expect(outcomes['acme/app']).toBe('failed')
  expect(outcomes['zeta/web']).toBe('updated')
  const stored = await listInstallations(getDb())
  expect(stored.map((i) => [Number(i.id), i.status])).toEqual([
    [acme, 'suspended'],
    [zeta, 'active'],
  ])
  expect(await mirroredIssues(getDb(), 'acme/app')).toHaveLength(150)
  expect((await mirroredIssues(getDb(), 'zeta/web')).find((i) => i.number === 1)?.title).toBe(
    'changed too',
  )

  // The next sweep leaves the suspended installation alone and costs it nothing.
  github.clearLog()
  const next = await sweepInstallations(client, { db: getDb(), memory })
  expect(next.installations.find((i) => i.installationId === acme)?.status).toBe('suspended')
  expect(github.requestLog.filter((entry) => entry.installationId === acme)).toEqual([])
})

test('an installation removed between sweeps: its repositories are marked and kept', async () => {
  const { acme, zeta } = twoInstallations()
  const client = appClient()
  const memory = createAppSweepMemory()
  await sweepInstallations(client, { db: getDb(), memory })

  github.app.uninstall(zeta)
  const summary = await sweepInstallations(client, { db: getDb(), memory })

  expect(summary.repositories.map((r) => r.repository)).toEqual(['acme/app', 'acme/lib'])
  expect(await repositoryMarks()).toEqual([
    ['acme/app', acme, false],
    ['acme/lib', acme, false],
    ['zeta/web', zeta, true],
  ])
  expect(await mirroredIssues(getDb(), 'zeta/web')).toHaveLength(40)
})

test('a token expiring mid-walk during a sweep is replaced; no page is lost or read twice', async () => {
  const { acme } = twoInstallations()
  github.faults.add({
    path: '/repos/acme/app/issues',
    page: 1,
    fault: { kind: 'mutate', run: (fake) => fake.app.expireTokens(acme) },
  })

  await sweepInstallations(appClient(), {
    db: getDb(),
    narrow: parseSyncTargets(['acme/app']).targets,
  })

  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  // Only acme/app is swept; a 401 is logged under the path as sent (/repositories/{id}/...).
  const pages = github.requestLog.filter((entry) => entry.path.endsWith('/issues'))

  expect(pages.map((entry) => [entry.page, entry.status])).toEqual([
    [1, 200],
    [2, 401],
    [2, 200],
  ])
})

test('as a GitHub App, a GitHub that cannot be reached fails the sweep saying so once, naming GITHUB_API_URL', async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const closed = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  await new Promise((resolve) => server.close(resolve))
  const client = createGitHubClient({ app: appCredentials, baseUrl: closed, waitScale: 0 })
  await expect(sweepInstallations(client, { db: getDb() })).rejects.toThrow(
    new GitHubUnreachableError(
      `Could not reach GitHub at ${closed}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
    ),
  )
})

test('GitHub going while the installations are listed: the summary names the installations not listed, and what was listed but not reached', async () => {
  const { acme, zeta } = twoInstallations()
  // The network goes as the second installation's token is asked for.
  github.faults.add({
    path: `/app/installations/${zeta}/access_tokens`,
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })

  const failure = await sweepInstallations(appClient(), { db: getDb() }).catch(
    (error: unknown) => error,
  )

  expect(failure).toBeInstanceOf(GitHubUnreachableError)
  const { partial } = failure as GitHubUnreachableError
  expect(partial).toMatchObject({
    summary: {
      repositories: [],
      installations: [{ installationId: acme, account: 'acme', listing: 'listed' }],
    },
    notReached: ['acme/app', 'acme/lib'],
    notListed: ['zeta'],
  })
  // What was listed is stored: acme's repositories, not yet synced.
  expect((await repositoryMarks()).map(([name]) => name)).toEqual(['acme/app', 'acme/lib'])
  expect(sweepReport(partial!.summary, partial).slice(1)).toEqual([
    'Installations not listed (GitHub stopped answering): zeta',
    'Not reached (GitHub stopped answering): acme/app and acme/lib',
  ])
})

test('GitHub going while an app sweeps its repositories: the summary keeps the installations listed', async () => {
  const { acme, zeta } = twoInstallations()
  github.faults.add({
    path: '/repos/acme/lib/issues',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })

  const failure = await sweepInstallations(appClient(), { db: getDb(), concurrency: 1 }).catch(
    (error: unknown) => error,
  )

  expect(failure).toBeInstanceOf(GitHubUnreachableError)
  expect((failure as GitHubUnreachableError).partial).toMatchObject({
    summary: {
      repositories: [{ repository: 'acme/app', outcome: 'updated' }],
      installations: [
        { installationId: acme, listing: 'listed' },
        { installationId: zeta, listing: 'listed' },
      ],
    },
    // Names never looked up come first, then those found but not synced.
    notReached: ['zeta/web', 'acme/lib'],
  })
})
