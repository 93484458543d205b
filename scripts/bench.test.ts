import fc from 'fast-check'
import { expect, test } from 'vitest'

import { SWEEP_CONCURRENCY } from '../app/sync/sweep.server'

import { createOrganisation, generateIssues, RARE_WORD } from './bench/generate'
import { parseBenchArgs, UsageError } from './bench/options'
import { apportion } from './bench/random'
import { formatReport } from './bench/report'
import { runBench } from './bench/run'

test('issue counts split over repositories add up exactly, at least one each when possible', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: 5000 }),
      fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 50 }),
      (total, weights) => {
        const parts = apportion(total, weights)
        expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total)
        if (total >= weights.length) expect(Math.min(...parts)).toBeGreaterThanOrEqual(1)
      },
    ),
  )
})

test('the same seed generates the same organisation, with the rare word in about 0.1%', () => {
  const generate = () => {
    const organisation = createOrganisation({
      issues: 2000,
      repos: 5,
      seed: 42,
      now: new Date('2026-11-25T00:00:00Z'),
    })
    return { issues: [...generateIssues(organisation)], stats: organisation.stats }
  }
  const first = generate()
  expect(generate().issues).toEqual(first.issues)
  expect(first.issues).toHaveLength(2000)
  expect(first.stats.withRareWord).toBe(2)
  const withRareWord = first.issues.filter(({ payload }) =>
    `${payload.title} ${payload.body ?? ''}`.includes(RARE_WORD),
  )
  expect(withRareWord).toHaveLength(2)
})

test('the sync part has its own sizes, and --only picks one part', () => {
  expect(parseBenchArgs([])).toMatchObject({ only: null, syncIssues: 100_000, syncRepos: 200 })
  expect(
    parseBenchArgs(['--only', 'sync', '--sync-issues', '300', '--sync-repos', '3']),
  ).toMatchObject({ only: 'sync', syncIssues: 300, syncRepos: 3 })
  expect(parseBenchArgs(['--only', 'labels'])).toMatchObject({ only: 'labels' })
  expect(() => parseBenchArgs(['--only', 'queries'])).toThrow(UsageError)
  expect(() => parseBenchArgs(['--sync-repos', '0'])).toThrow(UsageError)
})

// The whole benchmark at a tiny size, against the PostgreSQL server of DATABASE_URL (in a
// database of its own, dropped afterwards). Without a server there is nothing to measure.
test.skipIf(!process.env.DATABASE_URL)(
  'the benchmark seeds the requested organisation and times every query and page',
  { timeout: 240_000 },
  async () => {
    const { board, sync, labels } = await runBench({
      issues: 300,
      repos: 4,
      iterations: 3,
      requests: 2,
      loadClients: 3,
      loadSeconds: 1,
      seed: 7,
      syncIssues: 300,
      syncRepos: 3,
      only: 'board',
      databaseUrl: process.env.DATABASE_URL,
      databaseName: 'pioneer_board_bench_test',
      dropDatabase: true,
    })

    expect(sync).toBeNull()
    expect(labels).toBeNull()
    const result = board!
    expect(result.data.rows.issue).toBe(300)
    expect(result.data.rows.repository).toBe(4)
    expect(result.generated).toMatchObject({ issues: 300, repositories: 4 })
    expect(result.seeding.issues).toBe(300)
    expect(result.generated.withRareWord).toBeGreaterThan(0)
    expect(result.data.issueTotalBytes).toBeGreaterThan(0)
    expect(result.timings.map((timing) => timing.name)).toEqual([
      'first page',
      'deep keyset page',
      'two-label filter',
      'repository filter',
      'selective text search',
      'author filter',
      'stale view',
      'starter status of a page',
      'starter status, maintainer',
      'repository counts',
      'label names',
      'finder: no background',
      'finder: two domains, mentor',
      'finder: unclaimed only',
      'finder: above my level',
      'finder: search',
      'finder: deep page',
      'finder: count above the level',
      'finder: a step up',
      'supply dashboard',
      'gap dashboard',
      'starter candidates',
      'starter candidates, page 2',
      'triage queue: top',
      'triage queue: mid-projects',
      'triage queue: a candidate',
      'ideation page',
      'call agenda (digest)',
      'GET /issues',
      'GET /issues?label=bug&label=help%20wanted',
      'GET /issues/stale',
      'GET /api/issues',
      'GET /starter?level=some&know=networking&time=week',
      'GET /api/starter-projects?level=some&know=networking',
      'GET /roadmap/ideas',
    ])
    for (const timing of result.timings) {
      expect(timing.samples, timing.name).toBe(timing.kind === 'query' ? 3 : 2)
      expect(timing.p50, timing.name).toBeGreaterThan(0)
      expect(timing.p95, timing.name).toBeGreaterThanOrEqual(timing.p50)
      expect(timing.max, timing.name).toBeGreaterThanOrEqual(timing.p95)
    }
    const firstPage = result.timings.find((timing) => timing.name === 'first page')
    expect(firstPage).toMatchObject({ kind: 'query', rows: 50 })
    // The load test ran each page with a bounded client and read the server's memory.
    expect(result.load?.map((page) => page.path)).toEqual(['/issues', '/starter', '/api/issues'])
    for (const page of result.load!) {
      expect(page, page.path).toMatchObject({ clients: 3, errors: 0 })
      expect(page.requests, page.path).toBeGreaterThan(0)
      expect(page.rssEarlyPeakBytes, page.path).toBeGreaterThan(0)
      expect(page.rssLatePeakBytes, page.path).toBeGreaterThan(0)
    }
  },
)

test.skipIf(!process.env.DATABASE_URL)(
  'the sync benchmark mirrors everything, then re-sweeps with one free 304 per repository',
  { timeout: 240_000 },
  async () => {
    const result = await runBench({
      issues: 300,
      repos: 4,
      iterations: 3,
      requests: 0,
      loadClients: 1,
      loadSeconds: 0,
      seed: 7,
      syncIssues: 300,
      syncRepos: 3,
      only: 'sync',
      databaseUrl: process.env.DATABASE_URL,
      syncDatabaseName: 'pioneer_board_bench_sync_test',
      dropDatabase: true,
    })

    expect(result.board).toBeNull()
    const sync = result.sync!
    expect(sync.mirrored).toMatchObject({ repositories: 3, issues: 300 })
    expect(sync.initial).toMatchObject({ added: 300, problems: [], outcomes: { updated: 3 } })
    expect(sync.initial.peakRssBytes).toBeGreaterThanOrEqual(sync.initial.rssBeforeBytes)
    // The raw walk fetched the same pages the mirror fetched and stored.
    expect(sync.rawWalk.items).toBe(300)
    expect(sync.rawWalk.labels).toBe(sync.mirrored.labels)
    expect(sync.rawWalk.requests).toBe(sync.rawWalk.pages)
    expect(sync.rawWalk.requests).toBe(sync.initial.requests)
    // The fake GitHub's own CPU is measured on both sides of the ratio.
    expect(sync.rawWalk.githubCpuSeconds).toBeGreaterThan(0)
    expect(sync.initial.githubCpuSeconds).toBeGreaterThan(0)
    // ... as many repositories at a time as the sweep, so the ratio compares like with like.
    expect(sync.rawWalk.repositoriesAtOnce).toBe(SWEEP_CONCURRENCY)
    expect(sync.initial.overRawWalk).toBeGreaterThan(0)
    expect(sync.resweep).toMatchObject({ requests: 3, notModified: 3, primaryPoints: 0 })
    expect(sync.afterChanges).toMatchObject({
      changes: 50,
      updated: 50,
      requests: 1 + 3,
      expectedRequests: 1 + 3,
      primaryPoints: 1,
    })
    const failed = sync.checks.filter((check) => !check.pass).map((check) => check.name)
    // Wall time and memory depend on the machine; the counts must hold everywhere.
    expect(failed.filter((name) => !/wall time|peak RSS|CPU/.test(name))).toEqual([])
    expect(formatReport(result)).toContain('unchanged re-sweep')
  },
)

test.skipIf(!process.env.DATABASE_URL)(
  'the labels benchmark plans, queues, and applies through the fake GitHub with exactly the expected requests',
  { timeout: 240_000 },
  async () => {
    const result = await runBench({
      issues: 300,
      repos: 4,
      iterations: 2,
      requests: 0,
      loadClients: 1,
      loadSeconds: 0,
      seed: 7,
      syncIssues: 300,
      syncRepos: 3,
      only: 'labels',
      databaseUrl: process.env.DATABASE_URL,
      labelsDatabaseName: 'pioneer_board_bench_labels_test',
      labelIssues: 300,
      labelRepos: 4,
      dropDatabase: true,
    })

    expect(result.board).toBeNull()
    expect(result.sync).toBeNull()
    const labels = result.labels!
    expect(labels.seeding).toMatchObject({ repositories: 4, issues: 300, starterProjects: 300 })
    const { planning, queueing, applying } = labels
    expect(planning).toMatchObject({ samples: 2, repositories: 4, targetMs: 2000 })
    expect(planning.changes).toBe(planning.adds + planning.removes)
    expect(planning.removes).toBeGreaterThan(0)
    expect(planning.creates).toBeGreaterThan(0)
    expect(queueing).toMatchObject({ queued: planning.changes, error: null })
    // Eight issues, three changes each, three new catalogue labels, one read per issue.
    expect(applying.expected).toEqual({
      labelReads: 8,
      labelCreates: 3,
      adds: 20,
      removes: 4,
      other: 0,
      total: 35,
    })
    expect(applying.sent).toEqual(applying.expected)
    expect(applying.worker).toMatchObject({ done: 24, failed: 0, conflicts: 0, requests: 35 })
    // The real pace, one write a second (Octokit's throttling would hold any faster one): ~30 s.
    expect(applying).toMatchObject({ writes: 27, intervalMs: 1000, clobberingCalls: 0 })
    expect(labels.checks.map((check) => check.name)).toEqual([
      'plan: changes planned',
      'plan: buildLabelPlans p95',
      'queue: every planned change queued',
      'apply: requests sent',
      'apply: every change done',
      'apply: write rate',
      'apply: no clobbering request',
    ])
    const failed = labels.checks.filter((check) => !check.pass).map((check) => check.name)
    // Timings depend on the machine; the counts must hold everywhere.
    expect(failed.filter((name) => !/p95|write rate/.test(name))).toEqual([])
    expect(formatReport(result)).toContain('buildLabelPlans')
  },
)
