import os from 'node:os'

import type { Database } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrator'
import { startPostgresCluster } from '../postgres-cluster'

import { createCleanups, type Cleanups } from './cleanups'
import { benchDashboards } from './dashboards'
import {
  BENCH_DATABASE,
  describeServer,
  dropDatabase,
  measureDataSize,
  openDatabase,
  recreateDatabase,
  type DataSize,
} from './database'
import { benchDigest } from './digest'
import { benchFinder } from './finder'
import { createOrganisation, RARE_WORD, type GenerationStats } from './generate'
import { benchIdeationPage } from './ideation'
import { runLabelsBench, type LabelsBenchResult } from './labels'
import { runLoad, type LoadResult } from './load'
import { timeQueries, type QueryFacts, type QueryTiming } from './queries'
import { seedOrganisation, type SeedResult } from './seed'
import { runSyncBench, type SyncBenchResult } from './sync'
import { runTallyBench, type TallyBenchResult } from './tally'
import { benchTriage } from './triage'
import { buildIfMissing, startServer, timePages, type TtfbTiming } from './ttfb'

export type BenchPart = 'board' | 'sync' | 'tally' | 'labels'

/** What a run measures: the sizes and counts the command line sets. */
export type BenchSettings = {
  issues: number
  repos: number
  /** Timed runs of each query, and of the tally. */
  iterations: number
  /** Timed requests to each page; 0 skips the page part. */
  requests: number
  /** Pages under load: clients in flight at once, and seconds per page (0 skips it). */
  loadClients: number
  loadSeconds: number
  seed: number
  /** Issues and repositories the fake GitHub serves to the sync part. */
  syncIssues: number
  syncRepos: number
  /** Runs one part only; all of them when null. */
  only: BenchPart | null
}

export type BenchOptions = Omit<BenchSettings, 'only'> & {
  only?: BenchPart | null
  /** A PostgreSQL server to use (its database `databaseName`); absent: a throwaway cluster. */
  databaseUrl?: string
  databaseName?: string
  /** The sync part's own database, on the same server. */
  syncDatabaseName?: string
  /** The labels part's own database, and its size (default 3,200 issues over 20 repositories). */
  labelsDatabaseName?: string
  labelIssues?: number
  labelRepos?: number
  /** Drops the benchmark databases at the end instead of leaving them for a look. */
  dropDatabase?: boolean
  batchSize?: number
  /** The end of the generated history; the start of the current UTC day by default. */
  now?: Date
  log?: (line: string) => void
}

export type BoardResult = {
  generated: Omit<GenerationStats, 'authorCounts' | 'labelCounts' | 'repositoryCounts'> & {
    repositories: number
    authors: number
    issuesPerLabel: Record<string, number>
  }
  facts: QueryFacts
  seeding: SeedResult
  data: DataSize
  timings: (QueryTiming | TtfbTiming)[]
  /** Pages under load against the production server; null when skipped. */
  load: LoadResult[] | null
}

export type BenchResult = {
  options: BenchSettings
  environment: {
    node: string
    cpus: number
    /** Null when no part needed PostgreSQL (--only tally). */
    postgres: string | null
    sharedBuffers: string | null
    /** fsync, synchronous_commit and full_page_writes as the server runs them. */
    durability: string | null
    throwawayCluster: boolean
  }
  /** The board's queries and pages; null with --only sync. */
  board: (BoardResult & { database: string }) | null
  /** Mirroring from a fake GitHub; null with --only board. */
  sync: SyncBenchResult | null
  /** The Schulze tally of a prioritisation round, in memory; null with --only board or sync. */
  tally: TallyBenchResult | null
  /** Label write-back: planning, queueing, applying through the fake GitHub; null unless run. */
  labels: LabelsBenchResult | null
}

export const DEFAULT_OPTIONS = {
  issues: 100_000,
  repos: 200,
  iterations: 200,
  requests: 100,
  loadClients: 50,
  loadSeconds: 30,
  seed: 20261125,
  syncIssues: 100_000,
  syncRepos: 200,
} satisfies Partial<BenchOptions>

function startOfUtcDay(date = new Date()) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

function mostCommon(counts: Map<string, number>) {
  let best: [string, number] = ['', -1]
  for (const entry of counts) if (entry[1] > best[1]) best = entry
  return best[0]
}

/**
 * Times the tally in memory (it needs no PostgreSQL: `only: 'tally'` starts none), then runs
 * the other parts on one PostgreSQL server (a throwaway cluster unless `databaseUrl` names one),
 * each in its own database. The sync part goes first, so that the memory it reports starts from
 * a fresh process rather than one the board part has grown. Cleans up what it started, also on
 * Ctrl-C.
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {})
  const only = options.only ?? null
  const settings: BenchSettings = {
    issues: options.issues,
    repos: options.repos,
    iterations: options.iterations,
    requests: options.requests,
    loadClients: options.loadClients,
    loadSeconds: options.loadSeconds,
    seed: options.seed,
    syncIssues: options.syncIssues,
    syncRepos: options.syncRepos,
    only,
  }
  // Pure computation: it goes first, while the machine is quiet, and alone needs no PostgreSQL.
  const tally =
    only === null || only === 'tally'
      ? runTallyBench({ seed: options.seed, iterations: options.iterations, log })
      : null
  if (only === 'tally') {
    return {
      options: settings,
      environment: {
        node: process.version,
        cpus: os.availableParallelism(),
        postgres: null,
        sharedBuffers: null,
        durability: null,
        throwawayCluster: false,
      },
      board: null,
      sync: null,
      tally,
      labels: null,
    }
  }

  const cleanups = createCleanups()
  let serverUrl = options.databaseUrl
  let postmasterPid: (() => number) | undefined
  try {
    if (!serverUrl) {
      // PostgreSQL's defaults, as a deployment runs it: fsync, synchronous_commit and
      // full_page_writes on.
      log('Starting a throwaway PostgreSQL cluster (default, durable settings)...')
      const cluster = await startPostgresCluster({ durable: true })
      cleanups.add(cluster.stop)
      serverUrl = cluster.url
      postmasterPid = cluster.pid
    }
    const admin = openDatabase(serverUrl)
    const server = await describeServer(admin).finally(() => admin.destroy())
    const durability = `fsync ${server.fsync}, synchronous_commit ${server.synchronous_commit}, full_page_writes ${server.full_page_writes}`
    log(`PostgreSQL ${server.version} (shared_buffers ${server.shared_buffers}; ${durability})`)

    const sync =
      only !== null && only !== 'sync'
        ? null
        : await runSyncBench({
            issues: options.syncIssues,
            repos: options.syncRepos,
            seed: options.seed,
            databaseUrl: serverUrl,
            postmasterPid,
            databaseName: options.syncDatabaseName,
            dropDatabase: options.dropDatabase,
            log,
          })
    const board =
      only !== null && only !== 'board' ? null : await runBoardBench(serverUrl, options, cleanups)
    const labels =
      only !== null && only !== 'labels'
        ? null
        : await runLabelsBench({
            serverUrl,
            databaseName: options.labelsDatabaseName,
            dropDatabase: Boolean(options.dropDatabase && options.databaseUrl),
            issues: options.labelIssues,
            repos: options.labelRepos,
            iterations: options.iterations,
            seed: options.seed,
            log,
          })

    return {
      options: settings,
      environment: {
        node: process.version,
        cpus: os.availableParallelism(),
        postgres: server.version,
        sharedBuffers: server.shared_buffers,
        durability,
        throwawayCluster: !options.databaseUrl,
      },
      board,
      sync,
      tally,
      labels,
    }
  } finally {
    cleanups.runAll()
  }
}

/**
 * Generates and stores a synthetic organisation, then times the board's queries and (unless
 * `requests` is 0) the pages of the real server.
 */
async function runBoardBench(
  serverUrl: string,
  options: BenchOptions,
  cleanups: Cleanups,
): Promise<BoardResult & { database: string }> {
  const log = options.log ?? (() => {})
  const databaseName = options.databaseName ?? BENCH_DATABASE
  let db: Database | undefined
  try {
    const url = await recreateDatabase(serverUrl, databaseName)
    db = openDatabase(url)
    await migrateToLatest(db)
    log(`Board: database ${databaseName}`)

    const organisation = createOrganisation({
      issues: options.issues,
      repos: options.repos,
      seed: options.seed,
      now: options.now ?? startOfUtcDay(),
    })
    log(
      `Seeding ${options.issues.toLocaleString('en')} issues over ${options.repos} repositories (seed ${options.seed})...`,
    )
    const seeding = await seedOrganisation(db, organisation, {
      batchSize: options.batchSize,
      log,
    })
    const data = await measureDataSize(db)
    const { stats } = organisation

    const facts: QueryFacts = {
      repository: mostCommon(stats.repositoryCounts),
      author: mostCommon(stats.authorCounts),
      labels: ['bug', 'help wanted'],
      searchText: RARE_WORD,
    }
    log(`Timing the queries (${options.iterations} runs each)...`)
    const timings: (QueryTiming | TtfbTiming)[] = await timeQueries(db, facts, {
      iterations: options.iterations,
      log,
    })
    // Starter projects live beside the mirrored issues: their queries run against the same
    // 100,000 issues. The finder seeds the 10,000 projects (with mentors, claims and reports);
    // the dashboards, finding them in place, add only the gap requests and supply history.
    timings.push(
      ...(await benchFinder(db, { iterations: options.iterations, seed: options.seed, log }))
        .timings,
    )
    const dashboards = await benchDashboards(db, {
      iterations: options.iterations,
      seed: options.seed,
      log,
    })
    timings.push(...dashboards.timings)
    timings.push(...(await benchTriage(db, { iterations: options.iterations, log })))
    log('Roadmap: timing the ideation page with 5,000 ideas...')
    const ideation = await benchIdeationPage(db, { iterations: options.iterations })
    timings.push({
      ...ideation,
      kind: 'query',
      rows: ideation.ideas,
      detail: `${ideation.ideas.toLocaleString('en')} ideas, both sorts, the loader's reads`,
    })
    log('Digest: timing the call agenda over the issues and those ideas...')
    // Each run reads the whole period; a few runs tell the figure.
    timings.push(await benchDigest(db, { iterations: Math.min(options.iterations, 20) }))

    let load: LoadResult[] | null = null
    if (options.requests > 0) {
      buildIfMissing(log)
      log('Starting the server (npx tsx scripts/start.ts)...')
      const running = await startServer(url)
      cleanups.add(running.kill)
      try {
        log(`Timing the pages at ${running.baseUrl} (${options.requests} requests each)...`)
        timings.push(...(await timePages(running.baseUrl, { requests: options.requests, log })))
        if (options.loadSeconds > 0) {
          log(
            `Pages under load: ${options.loadClients} clients for ${options.loadSeconds} s on each page...`,
          )
          load = await runLoad(
            running.baseUrl,
            { clients: options.loadClients, seconds: options.loadSeconds },
            { processGroup: running.processGroup, log },
          )
        }
      } finally {
        cleanups.remove(running.kill)
        await running.stop()
      }
    }

    return {
      database: databaseName,
      generated: {
        issues: stats.issues,
        pullRequests: stats.pullRequests,
        open: stats.open,
        labelLinks: stats.labelLinks,
        withRareWord: stats.withRareWord,
        repositories: organisation.repositories.length,
        authors: stats.authorCounts.size,
        issuesPerLabel: Object.fromEntries(
          [...stats.labelCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
        ),
      },
      facts,
      seeding,
      data,
      timings,
      load,
    }
  } finally {
    await db?.destroy()
    if (options.dropDatabase && options.databaseUrl) {
      await dropDatabase(options.databaseUrl, databaseName)
    }
  }
}
