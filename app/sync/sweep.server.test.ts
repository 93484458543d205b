import { sql } from 'kysely'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { addIssuesOverTime, fakeClient, fakeIssues, mirroredIssues } from '../../test/sync-helpers'
import { createGitHubClient } from '../github/client.server'
import { getRepositoryByFullName } from '../mirror/repository.server'
import { claimRepositorySync, getSyncState, holdSyncInstance } from '../mirror/sync-state.server'

import { outcomeInWords, sweepReport } from './sweep-report'
import {
  GitHubAuthError,
  GitHubUnreachableError,
  parseSyncTargets,
  sweep,
  type SyncTarget,
} from './sweep.server'

const getDb = setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

const repos = (...names: string[]): SyncTarget[] => parseSyncTargets(names).targets

async function expectMirrorEqualsFake(...names: string[]) {
  for (const name of names) {
    expect(await mirroredIssues(getDb(), name)).toEqual(fakeIssues(github, name))
  }
}

test('targets are owner/name or an organisation; anything else is reported', () => {
  expect(parseSyncTargets(['mirage/mirage, mirage', 'bad name', 'a/b/c', ''])).toEqual({
    targets: [
      { kind: 'repository', fullName: 'mirage/mirage' },
      { kind: 'owner', owner: 'mirage' },
    ],
    invalid: ['bad name', 'a/b/c'],
  })
})

test('a github.com address of a repository or an organisation names it; other addresses are reported', () => {
  expect(
    parseSyncTargets([
      'https://github.com/acme/app',
      'github.com/acme/lib.git',
      'http://www.github.com/acme/web/',
      'https://github.com/zeta',
      'https://github.com/orgs/omega/',
    ]).targets,
  ).toEqual([
    { kind: 'repository', fullName: 'acme/app' },
    { kind: 'repository', fullName: 'acme/lib' },
    { kind: 'repository', fullName: 'acme/web' },
    { kind: 'owner', owner: 'zeta' },
    { kind: 'owner', owner: 'omega' },
  ])
  const invalid = [
    'https://github.com/acme/app/issues',
    'https://gitlab.com/acme/app',
    'https://github.com/',
    'https://github.com/orgs/acme/app',
  ]
  expect(parseSyncTargets(invalid)).toEqual({ targets: [], invalid })
})

test('an initial mirror costs one request per 100 items, plus labels and the repository', async () => {
  for (const [name, count] of [
    ['acme/empty', 0],
    ['acme/small', 150],
    ['acme/large', 250],
  ] as const) {
    github.addRepository(name)
    addIssuesOverTime(github, name, count)
  }
  const summary = await sweep(fakeClient(github), repos('acme/empty', 'acme/small', 'acme/large'))

  // Issue pages Σ max(1, ⌈n/100⌉) = 1 + 2 + 3, one label page and one repository lookup each.
  expect(summary.requests).toBe(6 + 3 + 3)
  expect(github.counters.requests).toBe(12)
  expect(summary.repositories.map((r) => [r.repository, r.outcome, r.added])).toEqual([
    ['acme/empty', 'synced_empty', 0],
    ['acme/large', 'updated', 250],
    ['acme/small', 'updated', 150],
  ])
  await expectMirrorEqualsFake('acme/empty', 'acme/small', 'acme/large')
})

test('the first sync of a repository with no issues is synced with nothing to copy, the next unchanged', async () => {
  github.addRepository('acme/docs')
  const first = await sweep(fakeClient(github), repos('acme/docs'))
  expect(first.repositories.map((r) => r.outcome)).toEqual(['synced_empty'])
  expect(outcomeInWords('synced_empty')).toBe('synced, nothing to copy')
  // Synced all the same: not a line under "Needs attention".
  expect(sweepReport(first).join('\n')).not.toContain('Needs attention')
  const second = await sweep(fakeClient(github), repos('acme/docs'))
  expect(second.repositories.map((r) => r.outcome)).toEqual(['unchanged'])
})

test('each repository records its own requests, not those of the repositories synced beside it', async () => {
  github.addRepository('acme/a')
  addIssuesOverTime(github, 'acme/a', 150)
  github.addRepository('acme/b')
  addIssuesOverTime(github, 'acme/b', 250)
  // acme/a's last request waits until acme/b has sent all of its own: b's requests fall within
  // a's sync, whatever the machine's speed.
  let bSentAll!: () => void
  const bDone = new Promise<void>((resolve) => (bSentAll = resolve))
  github.faults.add({ path: '/repos/acme/a/labels', fault: { kind: 'mutate', run: () => bDone } })
  github.faults.add({
    path: '/repos/acme/b/labels',
    fault: { kind: 'mutate', run: () => bSentAll() },
  })
  const client = fakeClient(github)
  await sweep(client, repos('acme/a', 'acme/b'))

  const recorded = async (name: string) => {
    const repository = await getRepositoryByFullName(name, getDb())
    const state = await getSyncState(repository!.id, getDb())
    return [state?.last_requests, state?.last_not_modified]
  }
  // Issue pages and one label page each; the repository lookups are the sweep's.
  expect(await recorded('acme/a')).toEqual([2 + 1, 0])
  expect(await recorded('acme/b')).toEqual([3 + 1, 0])

  const again = await sweep(client, repos('acme/a', 'acme/b'))
  expect(again.notModified).toBe(2)
  expect(await recorded('acme/a')).toEqual([1, 1])
})

test('a sweep with nothing changed costs one 304 per repository and no rate-limit point', async () => {
  for (const name of ['acme/a', 'acme/b', 'acme/c']) {
    github.addRepository(name)
    addIssuesOverTime(github, name, 120)
  }
  const client = fakeClient(github)
  await sweep(client, repos('acme/a', 'acme/b', 'acme/c'))
  github.clearLog()
  const before = github.rateLimit.get().remaining

  const summary = await sweep(client, repos('acme/a', 'acme/b', 'acme/c'))
  expect(summary.requests).toBe(3)
  expect(summary.notModified).toBe(3)
  expect(github.counters.consumedRateLimit).toBe(0)
  expect(github.rateLimit.get().remaining).toBe(before)
  expect(summary.repositories.every((r) => r.outcome === 'unchanged')).toBe(true)
})

test('after k changes in one repository a sweep costs ⌈k/100⌉ + (number of repositories)', async () => {
  for (const name of ['acme/a', 'acme/b', 'acme/c']) {
    github.addRepository(name)
    addIssuesOverTime(github, name, 230)
  }
  const client = fakeClient(github)
  await sweep(client, repos('acme/a', 'acme/b', 'acme/c'))
  await sweep(client, repos('acme/a', 'acme/b', 'acme/c'))

  for (const k of [5, 150]) {
    for (let number = 1; number <= k; number++) {
      github.clock.advance(1000)
      github.updateIssue('acme/b', number, { title: `Renamed ${number} (${k})` })
    }
    github.clearLog()
    const summary = await sweep(client, repos('acme/a', 'acme/b', 'acme/c'))
    expect(summary.requests).toBe(Math.ceil(k / 100) + 3)
    const changed = summary.repositories.find((r) => r.repository === 'acme/b')!
    expect(changed).toMatchObject({ outcome: 'updated', updated: k, added: 0 })
    await expectMirrorEqualsFake('acme/a', 'acme/b', 'acme/c')
  }
})

test('a later page answered 304 ends the walk: what came before is stored and the watermark moves on', async () => {
  // GitHub answers any page 304 when nothing on it is newer than If-Modified-Since, and the
  // conditional header goes with every page: 150 issues touched in one second (a bulk edit)
  // fill a second page that answers so once ten newer ones come before them.
  github.addRepository('acme/bulk')
  github.addIssues('acme/bulk', 150, (index) => ({ title: `Bulk ${index}` }))
  const client = fakeClient(github)
  await sweep(client, repos('acme/bulk'))
  github.clock.advance(1000)
  github.addIssues('acme/bulk', 10, (index) => ({ title: `New ${index}` }))
  github.clearLog()

  const summary = await sweep(client, repos('acme/bulk'))
  const issuePages = github.requestLog.filter((entry) => entry.canonicalPath.endsWith('/issues'))
  expect(issuePages.map((entry) => [entry.page, entry.status])).toEqual([
    [1, 200],
    [2, 304],
  ])
  expect(summary.repositories[0]).toMatchObject({ outcome: 'updated', added: 10 })
  await expectMirrorEqualsFake('acme/bulk')

  // Nothing changed since: one 304, not the same pages read again on every sweep.
  github.clearLog()
  const again = await sweep(client, repos('acme/bulk'))
  expect(again).toMatchObject({ requests: 1, notModified: 1 })
  expect(again.repositories[0]).toMatchObject({ outcome: 'unchanged' })
})

test('label changes on GitHub replace the stored label set; pull requests are flagged', async () => {
  github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 10)
  const client = fakeClient(github)
  await sweep(client, repos('acme/app'))
  github.clock.advance(5000)
  github.updateIssue('acme/app', 1, { labels: ['needs review'] })
  github.updateIssue('acme/app', 4, { labels: [] })
  await sweep(client, repos('acme/app'))
  await expectMirrorEqualsFake('acme/app')
  const pulls = (await mirroredIssues(getDb(), 'acme/app')).filter((i) => i.isPullRequest)
  expect(pulls.map((issue) => issue.number)).toEqual([1, 5, 9])
})

test('a renamed or deleted label in the catalogue reaches the board', async () => {
  github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 10)
  const client = fakeClient(github)
  await sweep(client, repos('acme/app'))
  github.updateLabel('acme/app', 'bug', { name: 'kind/bug' })
  github.deleteLabel('acme/app', 'easy')
  // Catalogue edits leave issues' updated_at alone, so they are found by the label check; with
  // a max age of 0 it runs even in the very millisecond of the last one (the clock held there).
  const { labels_checked_at } = await getDb()
    .selectFrom('repository_sync_state')
    .select('labels_checked_at')
    .executeTakeFirstOrThrow()
  vi.useFakeTimers({ toFake: ['Date'], now: labels_checked_at! })
  try {
    await sweep(client, repos('acme/app'), { labelsMaxAgeMs: 0 })
  } finally {
    vi.useRealTimers()
  }
  await expectMirrorEqualsFake('acme/app')
})

test('a repository renamed on GitHub is followed and recorded', async () => {
  github.addRepository('acme/old')
  addIssuesOverTime(github, 'acme/old', 3)
  const client = fakeClient(github)
  await sweep(client, repos('acme/old'))
  github.renameRepository('acme/old', 'acme/new')
  github.clock.advance(1000)
  github.updateIssue('acme/new', 2, { title: 'Touched after the rename' })

  const summary = await sweep(client, repos('acme/old'))
  expect(summary.repositories[0]).toMatchObject({ repository: 'acme/new', outcome: 'updated' })
  expect(await getRepositoryByFullName('acme/new', getDb())).toMatchObject({ status: 'renamed' })
  await expectMirrorEqualsFake('acme/new')
})

test('a deleted repository is marked gone and one with issues disabled is recorded', async () => {
  github.addRepository('acme/doomed')
  github.addRepository('acme/quiet')
  addIssuesOverTime(github, 'acme/doomed', 2)
  const client = fakeClient(github)
  await sweep(client, repos('acme/doomed', 'acme/quiet'))
  github.deleteRepository('acme/doomed')
  github.disableIssues('acme/quiet')

  const summary = await sweep(client, repos('acme/doomed', 'acme/quiet'))
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/doomed', 'gone'],
    ['acme/quiet', 'issues_disabled'],
  ])
  expect(await getRepositoryByFullName('acme/doomed', getDb())).toMatchObject({ status: 'gone' })
  // What was mirrored stays visible: a deleted repository's history is still history.
  expect(await mirroredIssues(getDb(), 'acme/doomed')).toHaveLength(2)
})

test('unknown repositories and organisations are reported, the rest still syncs', async () => {
  github.addRepository('acme/real')
  addIssuesOverTime(github, 'acme/real', 2)
  const summary = await sweep(fakeClient(github), repos('acme/nope', 'ghost-org', 'acme/real'))
  expect(summary.unresolved).toEqual([
    {
      target: 'acme/nope',
      error: 'no such repository (or the token cannot see it)',
      isUnreachable: false,
    },
    { target: 'ghost-org', error: 'no such organisation or user', isUnreachable: false },
  ])
  expect(summary.repositories.map((r) => r.repository)).toEqual(['acme/real'])
})

test('targets GitHub could not be reached for are reported as unreachable, not as unknown', async () => {
  github.addRepository('acme/real')
  github.faults.add({
    path: '/repos/acme/real',
    times: Infinity,
    fault: { kind: 'connection-reset' },
  })
  github.faults.add({ path: '/users/acme', times: Infinity, fault: { kind: 'connection-reset' } })
  github.faults.add({ path: '/orgs/acme/**', times: Infinity, fault: { kind: 'connection-reset' } })
  const summary = await sweep(fakeClient(github), repos('acme/real', 'acme'))
  // Where it tried and which setting says so: a mistyped GITHUB_API_URL looks like an outage.
  const unreachable = expect.stringMatching(
    new RegExp(
      `^could not reach GitHub at ${github.url}: .*; check GITHUB_API_URL and that this machine can reach it$`,
    ),
  )
  expect(summary.unresolved).toEqual([
    { target: 'acme/real', error: unreachable, isUnreachable: true },
    { target: 'acme', error: unreachable, isUnreachable: true },
  ])
})

test('a first sweep looks repositories up several at a time, reporting in target order', async () => {
  const names = ['acme/a', 'acme/b', 'acme/c', 'acme/d']
  for (const name of names) {
    github.addRepository(name)
    github.faults.add({ path: `/repos/${name}`, fault: { kind: 'delay', ms: 50 } })
  }
  const summary = await sweep(fakeClient(github), repos('acme/gone-1', ...names, 'acme/gone-2'))

  expect(summary.unresolved.map((entry) => entry.target)).toEqual(['acme/gone-1', 'acme/gone-2'])
  expect(summary.repositories.map((r) => r.repository)).toEqual(names)
  const lookups = github.requestLog.filter((entry) => /^\/repos\/acme\/[a-d]$/.test(entry.path))
  const overlaps = lookups.some((a) =>
    lookups.some(
      (b) => a !== b && a.startedAt >= b.startedAt && a.startedAt < b.startedAt + b.durationMs,
    ),
  )
  expect(overlaps).toBe(true)
})

test('a repository found starts syncing before the remaining targets are looked up', async () => {
  const names = ['acme/a', 'acme/b', 'acme/c', 'acme/d']
  for (const name of names) {
    github.addRepository(name)
    addIssuesOverTime(github, name, 1)
  }
  const summary = await sweep(fakeClient(github), repos(...names), { concurrency: 2 })

  expect(summary.repositories.map((r) => r.repository)).toEqual(names)
  const lookUpOfC = github.requestLog.find((entry) => entry.path === '/repos/acme/c')!
  const issuesOfAB = github.requestLog.filter((entry) =>
    /^\/repos\/acme\/[ab]\/issues$/.test(entry.path),
  )
  expect(issuesOfAB).toHaveLength(2)
  // Both places went to syncing a and b as soon as they were found: c waited for one to finish.
  const firstSyncRead = Math.min(...issuesOfAB.map((entry) => entry.startedAt + entry.durationMs))
  expect(firstSyncRead).toBeLessThanOrEqual(lookUpOfC.startedAt)
})

test('a bad token stops the sweep with a clear error', async () => {
  github.addRepository('acme/app')
  await expect(sweep(fakeClient(github, 'wrong'), repos('acme/app'))).rejects.toThrow(
    new GitHubAuthError(401),
  )
})

test('an organisation lists its repositories, skipping archived ones and forks', async () => {
  github.addRepository('mirage/mirage')
  github.addRepository('mirage/old-thing', { archived: true })
  github.addRepository('mirage/fork-of-x', { fork: true })
  addIssuesOverTime(github, 'mirage/mirage', 3)
  const client = fakeClient(github)
  const first = await sweep(client, repos('mirage'))
  expect(first.repositories.map((r) => r.repository)).toEqual(['mirage/mirage'])
  github.clearLog()
  const second = await sweep(client, repos('mirage'))
  // The listing and the issues both answer 304.
  expect(second.requests).toBe(2)
  expect(github.counters.consumedRateLimit).toBe(0)
  const withAll = await sweep(client, repos('mirage'), {
    includeArchived: true,
    includeForks: true,
  })
  expect(withAll.repositories).toHaveLength(3)
})

test('never more than 10 requests in flight, however many repositories sync at once', async () => {
  const names = Array.from({ length: 24 }, (_, index) => `acme/r${index}`)
  for (const name of names) {
    github.addRepository(name)
    addIssuesOverTime(github, name, 1)
    github.faults.add({ path: `/repos/${name}/issues`, fault: { kind: 'delay', ms: 30 } })
  }
  await sweep(fakeClient(github), repos(...names), { concurrency: 24 })
  expect(github.maxConcurrent).toBeGreaterThan(1)
  expect(github.maxConcurrent).toBeLessThanOrEqual(10)
})

test('two sweeps started at once sync each repository once', async () => {
  const names = ['acme/a', 'acme/b', 'acme/c', 'acme/d']
  for (const name of names) {
    github.addRepository(name)
    addIssuesOverTime(github, name, 120)
    github.faults.add({ path: `/repos/${name}/issues`, fault: { kind: 'delay', ms: 50 } })
  }
  const client = fakeClient(github)
  // Both instances know the repositories already, so the only traffic is the issue walks.
  await sweep(client, repos(...names), { labelsMaxAgeMs: Infinity })
  for (const name of names) {
    github.clock.advance(1000)
    github.updateIssue(name, 1, { title: 'changed' })
    github.faults.add({ path: `/repos/${name}/issues`, fault: { kind: 'delay', ms: 50 } })
  }
  github.clearLog()
  const [one, two] = await Promise.all([
    sweep(client, repos(...names), { instance: 'web-1' }),
    sweep(client, repos(...names), { instance: 'web-2' }),
  ])
  const outcomes = [...one.repositories, ...two.repositories]
  expect(outcomes.filter((r) => r.outcome === 'updated')).toHaveLength(4)
  expect(outcomes.filter((r) => r.outcome === 'busy')).toHaveLength(4)
  const issueWalks = github.requestLog.filter((entry) => entry.path.endsWith('/issues'))
  expect(issueWalks).toHaveLength(4)
  for (const name of names)
    expect(
      (await getSyncState((await getRepositoryByFullName(name, getDb()))!.id, getDb()))?.claimed_by,
    ).toBeNull()
})

test('a claim left by a killed sync is taken over at once, not after its time-to-live', async () => {
  const name = 'acme/a'
  github.addRepository(name)
  addIssuesOverTime(github, name, 3)
  const client = fakeClient(github)
  await sweep(client, repos(name), { labelsMaxAgeMs: Infinity })
  github.clock.advance(1000)
  github.updateIssue(name, 1, { title: 'changed while the other sync was dead' })
  // A process that died mid-sweep: its claim row stands for minutes, but it holds no lock.
  const repository = (await getRepositoryByFullName(name, getDb()))!
  await claimRepositorySync(repository.id, 'crashed-host-4242', 5 * 60_000, getDb())

  const summary = await sweep(client, repos(name), { instance: 'web-1' })
  expect(summary.repositories.map((r) => r.outcome)).toEqual(['updated'])
  expect((await getSyncState(repository.id, getDb()))?.claimed_by).toBeNull()
})

test('a claim of a live sweep still keeps another instance off the repository', async () => {
  const name = 'acme/a'
  github.addRepository(name)
  addIssuesOverTime(github, name, 3)
  const client = fakeClient(github)
  await sweep(client, repos(name), { labelsMaxAgeMs: Infinity })
  const repository = (await getRepositoryByFullName(name, getDb()))!
  const outcome = await holdSyncInstance(
    'web-live',
    async () => {
      await claimRepositorySync(repository.id, 'web-live', 5 * 60_000, getDb())
      return (await sweep(client, repos(name), { instance: 'web-2' })).repositories[0]?.outcome
    },
    getDb(),
  )
  expect(outcome).toBe('busy')
})

test('pages commit without waiting for the disk; the watermark past them commits as the server says', async () => {
  // Records, from inside each write, how the transaction making it will commit, and whether the
  // sweep chose that (a SET, source 'session') or it is the server's own setting.
  const setup = [
    'create table commit_mode (target text, mode text, chosen_by_sweep boolean)',
    `create function record_commit_mode() returns trigger language plpgsql as $$
    begin
      insert into commit_mode
      select tg_table_name, setting, source = 'session'
      from pg_settings where name = 'synchronous_commit';
      return null;
    end $$`,
    `create trigger issue_commit_mode after insert on issue
      for each statement execute function record_commit_mode()`,
    `create trigger watermark_commit_mode after update of issues_watermark on repository_sync_state
      for each statement execute function record_commit_mode()`,
  ]
  for (const statement of setup) await sql.raw(statement).execute(getDb())
  try {
    github.addRepository('acme/pages')
    addIssuesOverTime(github, 'acme/pages', 250)
    await sweep(fakeClient(github), repos('acme/pages'))
    const { rows } = await sql<{ target: string; mode: string; chosen_by_sweep: boolean }>`
      select target, mode, chosen_by_sweep from commit_mode`.execute(getDb())
    const page = { target: 'issue', mode: 'off', chosen_by_sweep: true }
    expect(rows).toEqual([
      page,
      page,
      page,
      { target: 'repository_sync_state', mode: expect.any(String), chosen_by_sweep: false },
    ])
  } finally {
    for (const statement of [
      'drop trigger issue_commit_mode on issue',
      'drop trigger watermark_commit_mode on repository_sync_state',
      'drop function record_commit_mode()',
      'drop table commit_mode',
    ]) {
      await sql.raw(statement).execute(getDb())
    }
  }
})

test('text PostgreSQL cannot hold (a NUL, half a surrogate pair) is stored replaced, and the page is not lost', async () => {
  github.addRepository('acme/odd')
  github.addIssue('acme/odd', { title: 'Crash\u0000 in the parser' })
  // A pasted binary log, and an emoji cut in half.
  github.addIssue('acme/odd', { title: 'Log', body: 'read: \u0000\u0001 then \ud83d, done' })
  github.addIssue('acme/odd', { title: 'Plain', body: 'Nothing odd 🐫' })

  const summary = await sweep(fakeClient(github), repos('acme/odd'))

  expect(summary.repositories).toMatchObject([{ outcome: 'updated', added: 3 }])
  const rows = await getDb()
    .selectFrom('issue')
    .select(['title', 'body'])
    .orderBy('number')
    .execute()
  expect(rows).toEqual([
    { title: 'Crash\ufffd in the parser', body: null },
    { title: 'Log', body: 'read: \ufffd\u0001 then \ufffd, done' },
    { title: 'Plain', body: 'Nothing odd 🐫' },
  ])
})

test('a port fetch refuses to use (GITHUB_API_URL=http://127.0.0.1:1) is GitHub out of reach, said once', async () => {
  const url = 'http://127.0.0.1:1'
  const client = createGitHubClient({ baseUrl: url, token: 'test-token', waitScale: 0 })
  const failure = sweep(client, repos('acme/a', 'acme/b'), { concurrency: 1 })
  await expect(failure).rejects.toThrow(GitHubUnreachableError)
  await expect(failure).rejects.toThrow(
    `Could not reach GitHub at ${url}: the port is one browsers and Node refuse to use. Check GITHUB_API_URL and that this machine can reach it.`,
  )
})

test('a GitHub that refuses connections fails the sweep once, its other repositories untried', async () => {
  github.addRepository('acme/a')
  github.addRepository('acme/b')
  await sweep(fakeClient(github), repos('acme/a', 'acme/b'))
  const url = github.url
  await github.close()
  const client = createGitHubClient({ baseUrl: url, token: 'test-token', waitScale: 0 })
  const failure = sweep(client, repos('acme/a', 'acme/b'), { concurrency: 1 })
  await expect(failure).rejects.toThrow(GitHubUnreachableError)
  await expect(failure).rejects.toThrow(
    `Could not reach GitHub at ${url}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
  )
  // One repository tried (its row says failed); the other keeps its last sweep's outcome.
  const outcomes = await Promise.all(
    ['acme/a', 'acme/b'].map(async (name) => {
      const repository = await getRepositoryByFullName(name, getDb())
      return (await getSyncState(repository!.id, getDb()))?.last_outcome
    }),
  )
  expect(outcomes.sort()).toEqual(['failed', 'synced_empty'])
  github = await createFakeGitHub()
})
