import { afterEach, beforeEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub, type Fault } from '../../test/fake-github/server'
import { addIssuesOverTime, fakeClient, fakeIssues, mirroredIssues } from '../../test/sync-helpers'
import { createGitHubClient } from '../github/client.server'
import { getRepositoryByFullName } from '../mirror/repository.server'
import { getSyncState } from '../mirror/sync-state.server'

import { parseSyncTargets, sweep } from './sweep.server'

const getDb = setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 340)
})

afterEach(async () => {
  await github.close()
})

const targets = parseSyncTargets(['acme/app']).targets

async function watermark() {
  const repository = await getRepositoryByFullName('acme/app', getDb())
  return repository ? (await getSyncState(repository.id, getDb()))?.issues_watermark : undefined
}

// Faults that the client rides out by waiting or retrying: the sweep succeeds first time.
const transient: [string, Fault][] = [
  ['a secondary rate limit with retry-after', { kind: 'secondary-rate-limit', retryAfter: 3 }],
  ['a secondary rate limit without retry-after', { kind: 'secondary-rate-limit' }],
  ['a 429 with retry-after', { kind: 'too-many-requests', retryAfter: 2 }],
  ['a 502', { kind: 'server-error', status: 502 }],
  ['a reset connection', { kind: 'connection-reset' }],
  ['a slow answer', { kind: 'delay', ms: 200 }],
]

test.each(transient)('%s on page 2 is ridden out and the mirror is complete', async (_, fault) => {
  github.faults.add({ path: '/repos/acme/app/issues', page: 2, fault })
  const summary = await sweep(fakeClient(github), targets)
  expect(summary.repositories[0]).toMatchObject({ outcome: 'updated', added: 340 })
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

// Faults that outlast every retry: the sweep fails that repository, keeps what it stored, does
// not move the watermark, and the next sweep converges to GitHub's state exactly.
const persistent: [string, Fault][] = [
  ['a 5xx storm', { kind: 'server-error', status: 503 }],
  ['connections that keep dropping', { kind: 'connection-reset' }],
  ['secondary limits that never lift', { kind: 'secondary-rate-limit', retryAfter: 1 }],
]

test.each(persistent)('%s mid-walk, then a rerun, converges', async (_, fault) => {
  const client = fakeClient(github)
  const rule = github.faults.add({
    path: '/repos/acme/app/issues',
    page: 3,
    times: Infinity,
    fault,
  })
  const failed = await sweep(client, targets)
  expect(failed.repositories[0]).toMatchObject({ outcome: 'failed' })
  expect(failed.repositories[0]?.error).toBeTruthy()
  expect(await watermark()).toBeNull()
  const partial = await mirroredIssues(getDb(), 'acme/app')
  expect(partial).toHaveLength(200)

  rule.remove()
  // GitHub moves on in the meantime.
  github.clock.advance(60_000)
  github.updateIssue('acme/app', 7, { state: 'closed', labels: ['wontfix'] })
  github.addIssue('acme/app', { title: 'Arrived during the outage' })

  const rerun = await sweep(client, targets)
  expect(rerun.repositories[0]).toMatchObject({ outcome: 'updated' })
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  expect(await watermark()).toBeInstanceOf(Date)
})

test('a crash after any page, then a rerun, leaves no gaps and no duplicates', async () => {
  for (const crashAfterPage of [1, 2, 3]) {
    await getDb().deleteFrom('repository').execute()
    // A process that dies mid-walk: here, a request that never gets an answer it can use.
    const rule = github.faults.add({
      path: '/repos/acme/app/issues',
      page: crashAfterPage + 1,
      times: Infinity,
      fault: { kind: 'connection-reset' },
    })
    await sweep(fakeClient(github), targets)
    rule.remove()
    await sweep(fakeClient(github), targets)
    const mirrored = await mirroredIssues(getDb(), 'acme/app')
    expect(mirrored).toEqual(fakeIssues(github, 'acme/app'))
    expect(new Set(mirrored.map((issue) => issue.number)).size).toBe(mirrored.length)
  }
})

test('items updated while the pages are walked are not lost', async () => {
  const client = fakeClient(github)
  await sweep(client, targets)
  for (let number = 1; number <= 120; number++) {
    github.clock.advance(1000)
    github.updateIssue('acme/app', number, { title: `Edited ${number}` })
  }
  // While page 2 is being fetched, issues deep in the list are edited and jump to the front.
  github.faults.add({
    path: '/repos/acme/app/issues',
    page: 2,
    fault: {
      kind: 'mutate',
      run: (fake) => {
        for (const number of [3, 4, 5]) {
          fake.clock.advance(1000)
          fake.updateIssue('acme/app', number, {
            title: `Edited again ${number}`,
            labels: ['late'],
          })
        }
      },
    },
  })
  await sweep(client, targets)
  await sweep(client, targets)
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

test('an exhausted rate limit is waited out, with no request sent while waiting', async () => {
  const client = createGitHubClient({ token: 'test-token', baseUrl: github.url, waitScale: 1 })
  github.rateLimit.set({ remaining: 2, resetAt: Date.now() + 1500 })
  const summary = await sweep(client, targets)
  expect(summary.repositories[0]).toMatchObject({ outcome: 'updated', added: 340 })
  // The client saw the budget run out on an answer and held everything until the reset:
  // GitHub never had to refuse a request.
  expect(github.counters.rateLimited).toBe(0)
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

// JSON of another shape, as a proxy or another JSON API at GITHUB_API_URL answers: the page is
// refused whole, saying where and what, the repository fails like any GitHub failure, and a
// rerun against the real thing converges.
type Issues = Record<string, unknown>[]
const reshaped: [string, Fault, string][] = [
  [
    '{} for a page of issues',
    { kind: 'not-the-api', contentType: 'application/json', body: '{}' },
    'a list of issues was expected, not an object',
  ],
  [
    'an issue without its number',
    { kind: 'reshape', change: (body) => (body as Issues).map(({ number: _, ...rest }) => rest) },
    'issue 1: number is missing',
  ],
  [
    'an issue without updated_at',
    {
      kind: 'reshape',
      change: (body) =>
        (body as Issues).map((issue, index) =>
          index === 5 ? { ...issue, updated_at: undefined } : issue,
        ),
    },
    'issue 6: updated_at is missing',
  ],
  [
    'labels as an object',
    {
      kind: 'reshape',
      change: (body) => (body as Issues).map((issue) => ({ ...issue, labels: { bug: true } })),
    },
    'issue 1: labels is an object, not a list',
  ],
  // Numbers and counts go to PostgreSQL `integer` columns: past them, the insert would fail.
  [
    'an issue number past a PostgreSQL integer',
    {
      kind: 'reshape',
      change: (body) =>
        (body as Issues).map((issue, index) =>
          index === 2 ? { ...issue, number: 2_147_483_648 } : issue,
        ),
    },
    'issue 3: number is out of range (2147483648)',
  ],
  [
    'a comment count past a PostgreSQL integer',
    {
      kind: 'reshape',
      change: (body) => (body as Issues).map((issue) => ({ ...issue, comments: 2 ** 40 })),
    },
    'issue 1: comments is out of range (1099511627776)',
  ],
  [
    'a negative count of +1s',
    {
      kind: 'reshape',
      change: (body) => (body as Issues).map((issue) => ({ ...issue, reactions: { '+1': -1 } })),
    },
    'issue 1: reactions.+1 is out of range (-1)',
  ],
]

test.each(reshaped)(
  '%s on page 2 fails the repository saying so, nothing of it stored',
  async (_, fault, what) => {
    const client = fakeClient(github)
    const rule = github.faults.add({
      path: '/repos/acme/app/issues',
      page: 2,
      times: Infinity,
      fault,
    })
    const failed = await sweep(client, targets)
    expect(failed.repositories[0]).toMatchObject({ outcome: 'failed' })
    const repository = await getRepositoryByFullName('acme/app', getDb())
    // Page 2 is asked for as GitHub's Link header gives it: by the repository's id.
    expect(failed.repositories[0]?.error).toBe(
      `${github.url} answered /repositories/${repository!.id}/issues with JSON not shaped as GitHub's (${what}): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
    )
    expect(await getSyncState(repository!.id, getDb())).toMatchObject({
      last_outcome: 'failed',
      issues_watermark: null,
    })
    expect(await mirroredIssues(getDb(), 'acme/app')).toHaveLength(100)

    rule.remove()
    expect((await sweep(client, targets)).repositories[0]).toMatchObject({ outcome: 'updated' })
    expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  },
)

test('a repository answered without its id is not stored, and the target says why', async () => {
  const withoutId = (body: unknown) => {
    const { id: _, ...rest } = body as Record<string, unknown>
    return rest
  }
  github.faults.add({ path: '/repos/acme/app', fault: { kind: 'reshape', change: withoutId } })
  const summary = await sweep(fakeClient(github), targets)
  expect(summary.repositories).toEqual([])
  expect(summary.unresolved).toEqual([
    {
      target: 'acme/app',
      error: expect.stringContaining(
        "answered /repos/acme/app with JSON not shaped as GitHub's (repository: id is missing)",
      ),
      isUnreachable: false,
    },
  ])
  expect(await getRepositoryByFullName('acme/app', getDb())).toBeUndefined()
})

test('an organisation listing of another shape stores none of it', async () => {
  github.addRepository('acme/lib')
  github.faults.add({
    path: '/orgs/acme/repos',
    fault: {
      kind: 'reshape',
      change: (body) =>
        (body as Issues).map((repository, index) =>
          index === 1 ? { ...repository, owner: 'acme' } : repository,
        ),
    },
  })
  const summary = await sweep(fakeClient(github), parseSyncTargets(['acme']).targets)
  expect(summary.unresolved[0]?.error).toContain('(repository 2: owner is a string, not an object)')
  expect(await getDb().selectFrom('repository').select('id').execute()).toEqual([])
})

test('labels of another shape fail that repository only; the sweep goes on', async () => {
  github.addRepository('acme/lib')
  github.faults.add({
    path: '/repos/acme/app/labels',
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{"labels": []}' },
  })
  const summary = await sweep(
    fakeClient(github),
    parseSyncTargets(['acme/app', 'acme/lib']).targets,
  )
  expect(summary.repositories).toMatchObject([
    {
      repository: 'acme/app',
      outcome: 'failed',
      error: expect.stringContaining('a list of labels was expected, not an object'),
    },
    { repository: 'acme/lib', outcome: 'synced_empty' },
  ])
})
