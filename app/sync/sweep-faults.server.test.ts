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
