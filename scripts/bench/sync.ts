import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import os from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { sql } from 'kysely'

import { createGitHubClient } from '../../app/github/client.server'
import {
  sweep,
  type SweepSummary,
  type SyncOptions,
  type SyncTarget,
} from '../../app/sync/sweep.server'
import { getEnv } from '../../app/utils/env.server'
import type { Database } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrator'
import { startPostgresCluster } from '../postgres-cluster'

import { createCleanups, type Cleanups } from './cleanups'
import { dropDatabase, openDatabase, recreateDatabase } from './database'
import type { FakeGitHubCommand, FakeGitHubReady, FakeGitHubSetup } from './fake-github-process'
import { measurePostgresCpu } from './postgres-cpu'
import type { RawWalkSetup, WalkFigures } from './raw-walk-process'

// The sync part of `npm run bench`: the app's own sweep (createGitHubClient + sweep, exactly as
// `npm run sync` runs them) mirrors a synthetic organisation from the fake GitHub into an empty
// database, then sweeps again with nothing changed, then once more after k changes in one
// repository. The fake runs in a child process, so the memory measured here is the sync's alone.

export const SYNC_DATABASE = 'pioneer_board_bench_sync'
export const SYNC_CHANGES = 50
const MB = 1024 * 1024
export const SYNC_TARGETS = {
  initialSeconds: 60,
  /** The initial mirror's wall time over the raw page walk's, measured in the same run. */
  initialOverRawWalk: 2,
  initialPostgresCpuSeconds: 15,
  initialPeakRssBytes: 400 * MB,
  resweepSeconds: 5,
  resweepPrimaryPoints: 0,
}
const TOKEN = 'bench-token'
const execFileAsync = promisify(execFile)
const RSS_INTERVAL_MS = 50
const FAKE_STARTUP_TIMEOUT_MS = 180_000

export type SyncBenchOptions = {
  issues: number
  repos: number
  seed: number
  /** Issues changed in one repository before the last sweep; 50 by default. */
  changes?: number
  /** A PostgreSQL server to use (its database `databaseName`); absent: a throwaway cluster. */
  databaseUrl?: string
  databaseName?: string
  /** Drops the benchmark database at the end instead of leaving it for a look. */
  dropDatabase?: boolean
  /** The postmaster of `databaseUrl`'s server when it runs here: its CPU time is measured. */
  postmasterPid?: () => number
  /** The end of the generated history; an hour ago by default, so it is settled on any clock. */
  now?: Date
  log?: (line: string) => void
}

export type SweepFigures = {
  seconds: number
  /** As the fake GitHub counted them. */
  requests: number
  notModified: number
  /** Points of the primary (core) rate limit used. */
  primaryPoints: number
  /** As the app's client counted them; equal to `requests` unless something was retried. */
  clientRequests: number
  rssBeforeBytes: number
  peakRssBytes: number
  /** CPU time of the syncing process (user + system): what the sweep itself costs. */
  cpuSeconds: number
  /** CPU time of the PostgreSQL server (postmaster and children); null when not measurable. */
  postgresCpuSeconds: number | null
  /** CPU time of the fake GitHub answering: it shares the machine's cores with what is measured. */
  githubCpuSeconds: number
  /** The machine's 1-minute load average as the sweep started: how much else was running. */
  loadAverage: number
  maxConcurrentRequests: number
  outcomes: Record<string, number>
  added: number
  updated: number
  unchanged: number
  pages: number
  problems: string[]
}

export type SyncCheck = {
  name: string
  measured: string
  target: string
  pass: boolean
}

export type SyncBenchResult = {
  options: { issues: number; repos: number; seed: number; changes: number }
  database: string
  fake: {
    issues: number
    pullRequests: number
    labelLinks: number
    repositories: number
    largestRepository: { fullName: string; issues: number }
    populateSeconds: number
    rssBytes: number
  }
  /** The same pages fetched and parsed by the same client, nothing stored: the floor. */
  rawWalk: RawWalkFigures
  initial: SweepFigures & { issuesPerSecond: number; overRawWalk: number }
  mirrored: { repositories: number; issues: number; labels: number; issueLabels: number }
  resweep: SweepFigures
  afterChanges: SweepFigures & {
    repository: string
    changes: number
    /** ⌈k/100⌉ + repositories: the changed issues' pages, plus one request per repository. */
    expectedRequests: number
  }
  checks: SyncCheck[]
}

/** The walk's own figures, and the fake GitHub's CPU answering it. */
export type RawWalkFigures = WalkFigures & {
  /** CPU time of the fake GitHub answering the walk. */
  githubCpuSeconds: number
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

type FakeGitHubProcess = {
  ready: FakeGitHubReady
  send(command: DistributiveOmit<FakeGitHubCommand, 'id'>): Promise<unknown>
  kill(): void
  stop(): Promise<void>
}

type Counters = {
  requests: number
  notModified: number
  consumedRateLimit: number
  maxConcurrent: number
  /** The fake's own CPU seconds since the last 'clear'. */
  cpuSeconds: number
}

/** Starts scripts/bench/fake-github-process.ts and waits until it serves the organisation. */
async function startFakeGitHub(setup: FakeGitHubSetup): Promise<FakeGitHubProcess> {
  const script = fileURLToPath(new URL('./fake-github-process.ts', import.meta.url))
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify(setup)],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  // A write racing its exit fails with EPIPE; the exit handler below reports that instead.
  child.stdin.on('error', () => {})
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-10_000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }

  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >()
  let nextId = 1
  let onReady: ((ready: FakeGitHubReady) => void) | undefined
  const lines = createInterface({ input: child.stdout })
  lines.on('line', (line) => {
    const message = JSON.parse(line) as
      FakeGitHubReady | { id: number; result?: unknown; error?: string }
    if ('ready' in message) {
      onReady?.(message)
      return
    }
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiter?.reject(new Error(`fake GitHub: ${message.error}`))
    else waiter?.resolve(message.result)
  })

  const failure = (reason: string) =>
    new Error(`the fake GitHub ${reason}${stderr ? `:\n${stderr.slice(-2000)}` : ''}`)
  const ready = await new Promise<FakeGitHubReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill()
      reject(failure(`did not start within ${FAKE_STARTUP_TIMEOUT_MS / 1000} s`))
    }, FAKE_STARTUP_TIMEOUT_MS)
    onReady = (message) => {
      clearTimeout(timer)
      resolve(message)
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(failure(`exited early (${signal ?? code})`))
      for (const waiter of pending.values()) waiter.reject(failure('exited'))
      pending.clear()
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(failure(`could not be started: ${error.message}`))
    })
  })

  return {
    ready,
    send: (command) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          reject(failure('has exited'))
          return
        }
        const id = nextId++
        pending.set(id, { resolve, reject })
        child.stdin.write(`${JSON.stringify({ ...command, id })}\n`)
      }),
    kill,
    stop: async () => {
      // Closing its stdin ends it; a kill is the fallback.
      child.stdin.end()
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 5000),
      )
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        kill()
        await exited
      }
    },
  }
}

/** The highest resident set size of this process while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>) {
  const before = process.memoryUsage.rss()
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, RSS_INTERVAL_MS)
  try {
    const value = await work()
    return {
      value,
      rssBeforeBytes: before,
      peakRssBytes: Math.max(peak, process.memoryUsage.rss()),
    }
  } finally {
    clearInterval(timer)
  }
}

function figures(
  summary: SweepSummary,
  counters: Counters,
  measured: Pick<
    SweepFigures,
    | 'seconds'
    | 'rssBeforeBytes'
    | 'peakRssBytes'
    | 'cpuSeconds'
    | 'postgresCpuSeconds'
    | 'loadAverage'
  >,
): SweepFigures {
  const outcomes: Record<string, number> = {}
  let added = 0
  let updated = 0
  let unchanged = 0
  let pages = 0
  const problems: string[] = summary.unresolved.map((entry) => `${entry.target}: ${entry.error}`)
  for (const repository of summary.repositories) {
    outcomes[repository.outcome] = (outcomes[repository.outcome] ?? 0) + 1
    added += repository.added
    updated += repository.updated
    unchanged += repository.unchanged
    pages += repository.pages
    if (repository.error) problems.push(`${repository.repository}: ${repository.error}`)
  }
  return {
    ...measured,
    requests: counters.requests,
    notModified: counters.notModified,
    primaryPoints: counters.consumedRateLimit,
    clientRequests: summary.requests,
    maxConcurrentRequests: counters.maxConcurrent,
    githubCpuSeconds: counters.cpuSeconds,
    outcomes,
    added,
    updated,
    unchanged,
    pages,
    problems,
  }
}

async function countMirror(db: Database) {
  const { rows } = await sql<SyncBenchResult['mirrored']>`
    select (select count(*) from repository)::int as repositories,
      (select count(*) from issue)::int as issues,
      (select count(*) from label)::int as labels,
      (select count(*) from issue_label)::int as "issueLabels"
  `.execute(db)
  return rows[0]!
}

/** Runs the raw page walk in a fresh process (raw-walk-process.ts) and returns its figures. */
async function walkPagesRaw(setup: RawWalkSetup): Promise<WalkFigures> {
  const script = fileURLToPath(new URL('./raw-walk-process.ts', import.meta.url))
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify(setup)],
    { cwd: root, maxBuffer: 1024 * 1024 },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as WalkFigures
}

function oneHourAgo() {
  return new Date(Math.floor((Date.now() - 3_600_000) / 1000) * 1000)
}

/**
 * Mirrors `issues` issues over `repos` repositories from a fake GitHub into a fresh database with
 * the app's sweep, then re-sweeps unchanged, then sweeps after `changes` edits in one repository.
 * Cleans up what it started (the fake, the cluster), also on Ctrl-C.
 */
export async function runSyncBench(options: SyncBenchOptions): Promise<SyncBenchResult> {
  const log = options.log ?? (() => {})
  const databaseName = options.databaseName ?? SYNC_DATABASE
  const changes = options.changes ?? SYNC_CHANGES
  const cleanups: Cleanups = createCleanups()
  let db: Database | undefined
  let fake: FakeGitHubProcess | undefined
  let serverUrl = options.databaseUrl
  let postmasterPid = options.postmasterPid ?? null
  try {
    if (!serverUrl) {
      log('Starting a throwaway PostgreSQL cluster (default, durable settings)...')
      const cluster = await startPostgresCluster({ durable: true })
      cleanups.add(cluster.stop)
      serverUrl = cluster.url
      postmasterPid = cluster.pid
    }
    log(
      `Starting a fake GitHub with ${options.issues.toLocaleString('en')} issues over ${options.repos} repositories (child process)...`,
    )
    fake = await startFakeGitHub({
      issues: options.issues,
      repos: options.repos,
      seed: options.seed,
      now: (options.now ?? oneHourAgo()).getTime(),
      token: TOKEN,
    })
    cleanups.add(fake.kill)
    const github = fake
    const { ready } = github
    log(`  populated in ${ready.populateSeconds.toFixed(1)} s at ${ready.url}`)

    const url = await recreateDatabase(serverUrl, databaseName)
    // The pool `npm run sync` gets by default (DATABASE_POOL_SIZE), so the sweep runs as there.
    db = openDatabase(url, getEnv().DATABASE_POOL_SIZE)
    await migrateToLatest(db)
    const database = db

    const client = createGitHubClient({ token: TOKEN, baseUrl: ready.url })
    const targets: SyncTarget[] = ready.repositories.map((repository) => ({
      kind: 'repository',
      fullName: repository.fullName,
    }))
    const runSweep = async (name: string, extra: SyncOptions = {}) => {
      await github.send({ command: 'clear' })
      const loadAverage = os.loadavg()[0]!
      const postgresCpu = measurePostgresCpu(postmasterPid)
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      const { value: summary, ...rss } = await withPeakRss(() =>
        sweep(client, targets, { ...extra, db: database }),
      )
      const seconds = (performance.now() - started) / 1000
      const cpu = process.cpuUsage(cpuBefore)
      const postgresCpuSeconds = postgresCpu()
      const counters = (await github.send({ command: 'counters' })) as Counters
      const result = figures(summary, counters, {
        seconds,
        ...rss,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        postgresCpuSeconds,
        loadAverage,
      })
      log(
        `  ${name}: ${seconds.toFixed(1)} s, ${result.requests.toLocaleString('en')} requests (${result.notModified} answered 304), ${result.primaryPoints.toLocaleString('en')} primary points; CPU ${result.cpuSeconds.toFixed(1)} s sync, ${postgresCpuSeconds === null ? 'not measured' : `${postgresCpuSeconds.toFixed(1)} s`} PostgreSQL, ${result.githubCpuSeconds.toFixed(1)} s fake GitHub`,
      )
      for (const problem of result.problems.slice(0, 5)) log(`    ${problem}`)
      return result
    }

    log('Raw walk of the same pages in a fresh process (fetched and parsed, nothing stored)...')
    await github.send({ command: 'clear' })
    const walked = await walkPagesRaw({
      baseUrl: ready.url,
      token: TOKEN,
      repositories: ready.repositories.map((repository) => repository.fullName),
    })
    const walkCounters = (await github.send({ command: 'counters' })) as Counters
    const rawWalk: RawWalkFigures = { ...walked, githubCpuSeconds: walkCounters.cpuSeconds }
    log(
      `  raw walk: ${rawWalk.seconds.toFixed(1)} s, ${rawWalk.requests.toLocaleString('en')} requests, ${rawWalk.items.toLocaleString('en')} issues; CPU ${rawWalk.cpuSeconds.toFixed(1)} s walk, ${rawWalk.githubCpuSeconds.toFixed(1)} s fake GitHub`,
    )

    log(`Initial mirror into the empty database ${databaseName}...`)
    const itemsByRepository = new Map<string, number>()
    let items = 0
    let nextReport = Math.max(1, Math.ceil(options.issues / 5))
    const mirrorStarted = performance.now()
    const initial = await runSweep('initial mirror', {
      onProgress: (progress) => {
        items += progress.items - (itemsByRepository.get(progress.repository) ?? 0)
        itemsByRepository.set(progress.repository, progress.items)
        if (items >= nextReport && items < options.issues) {
          log(
            `    ${items.toLocaleString('en')} issues stored (${((performance.now() - mirrorStarted) / 1000).toFixed(1)} s)`,
          )
          nextReport += Math.ceil(options.issues / 5)
        }
      },
    })
    const mirrored = await countMirror(database)

    log('Re-sweep with nothing changed...')
    const resweep = await runSweep('unchanged re-sweep')

    const changed = ready.repositories.reduce((best, repository) =>
      repository.issues > best.issues ? repository : best,
    )
    const k = Math.min(changes, changed.issues)
    await github.send({ command: 'change', repository: changed.fullName, count: k })
    log(`Sweep after ${k} changes in ${changed.fullName}...`)
    const afterChanges = await runSweep(`after ${k} changes`)
    const expectedRequests = Math.ceil(k / 100) + targets.length

    const overRawWalk = initial.seconds / rawWalk.seconds
    const checks: SyncCheck[] = [
      {
        name: 'initial mirror over the raw page walk (wall time, same run)',
        measured: `${overRawWalk.toFixed(2)}×`,
        target: `<= ${SYNC_TARGETS.initialOverRawWalk}×`,
        pass: overRawWalk <= SYNC_TARGETS.initialOverRawWalk,
      },
      {
        name: 'initial mirror PostgreSQL CPU',
        measured:
          initial.postgresCpuSeconds === null
            ? 'not measured'
            : `${initial.postgresCpuSeconds.toFixed(1)} s`,
        target: `<= ${SYNC_TARGETS.initialPostgresCpuSeconds} s`,
        pass:
          initial.postgresCpuSeconds !== null &&
          initial.postgresCpuSeconds <= SYNC_TARGETS.initialPostgresCpuSeconds,
      },
      {
        name: 'initial mirror wall time',
        measured: `${initial.seconds.toFixed(1)} s`,
        target: `<= ${SYNC_TARGETS.initialSeconds} s`,
        pass: initial.seconds <= SYNC_TARGETS.initialSeconds,
      },
      {
        name: 'initial mirror peak RSS',
        measured: formatMegabytes(initial.peakRssBytes),
        target: `<= ${SYNC_TARGETS.initialPeakRssBytes / MB} MB`,
        pass: initial.peakRssBytes <= SYNC_TARGETS.initialPeakRssBytes,
      },
      {
        name: 'initial mirror stores every issue',
        measured: mirrored.issues.toLocaleString('en'),
        target: ready.issues.toLocaleString('en'),
        pass: mirrored.issues === ready.issues && initial.problems.length === 0,
      },
      {
        name: 'unchanged re-sweep wall time',
        measured: `${resweep.seconds.toFixed(2)} s`,
        target: `<= ${SYNC_TARGETS.resweepSeconds} s`,
        pass: resweep.seconds <= SYNC_TARGETS.resweepSeconds,
      },
      {
        name: 'unchanged re-sweep primary points',
        measured: String(resweep.primaryPoints),
        target: String(SYNC_TARGETS.resweepPrimaryPoints),
        pass: resweep.primaryPoints === SYNC_TARGETS.resweepPrimaryPoints,
      },
      {
        name: 'unchanged re-sweep requests',
        measured: String(resweep.requests),
        target: `${targets.length} (one per repository)`,
        pass: resweep.requests === targets.length,
      },
      {
        name: `requests after ${k} changes in one repository`,
        measured: String(afterChanges.requests),
        target: `${expectedRequests} (⌈${k}/100⌉ + ${targets.length})`,
        pass: afterChanges.requests === expectedRequests && afterChanges.updated === k,
      },
    ]

    return {
      options: { issues: options.issues, repos: options.repos, seed: options.seed, changes: k },
      database: databaseName,
      fake: {
        issues: ready.issues,
        pullRequests: ready.pullRequests,
        labelLinks: ready.labelLinks,
        repositories: ready.repositories.length,
        largestRepository: changed,
        populateSeconds: ready.populateSeconds,
        rssBytes: ready.rssBytes,
      },
      rawWalk,
      initial: { ...initial, issuesPerSecond: mirrored.issues / initial.seconds, overRawWalk },
      mirrored,
      resweep,
      afterChanges: { ...afterChanges, repository: changed.fullName, changes: k, expectedRequests },
      checks,
    }
  } finally {
    await db?.destroy()
    if (fake) {
      cleanups.remove(fake.kill)
      await fake.stop()
    }
    if (options.dropDatabase && options.databaseUrl) {
      await dropDatabase(options.databaseUrl, databaseName)
    }
    cleanups.runAll()
  }
}

export function formatMegabytes(bytes: number) {
  return `${(bytes / MB).toFixed(1)} MB`
}
