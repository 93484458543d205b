import { hostname } from 'node:os'

import { isDatabaseUnavailableError } from '../../db/client.server'
import { createGitHubClient, type GitHubAppCredentials } from '../github/client.server'
import { rateLimitWaitLog, type RateLimitWait } from '../github/rate-limit-waits.server'
import { describeError, log } from '../utils/log.server'

import { createAppSweepMemory, sweepInstallations } from './installations.server'
import {
  GitHubAuthError,
  GitHubUnreachableError,
  namesRepository,
  sweep,
  type PartialSweep,
  type SweepSummary,
  type SyncTarget,
} from './sweep.server'

export type SchedulerStatus = {
  targets: string[]
  intervalMs: number
  isRunning: boolean
  lastStartedAt: Date | null
  lastFinishedAt: Date | null
  lastSummary: SweepSummary | null
  /**
   * When the sweep that left `lastSummary` finished: the last one when it ran through, an earlier
   * one when the last failed (its summary is then older than `lastError` and `lastCutOff`).
   */
  lastSummaryFinishedAt: Date | null
  lastError: string | null
  /**
   * When GitHub stopped answering part-way through the last sweep: what it had stored and what it
   * did not reach (null when it failed before storing anything, or did not fail so).
   */
  lastCutOff: PartialSweep | null
  /** The last sweep failed because GitHub refused the token (a setting to fix, not an outage). */
  isTokenRefused: boolean
  /**
   * While the running sweep waits out a GitHub rate limit: which one and until when. A used-up
   * primary limit waits up to an hour, which otherwise showed only as a sweep still running.
   */
  rateLimitWait: RateLimitWait | null
}

export type { RateLimitWait }

/**
 * Whether the last sweep left out something it was set to mirror: it failed as a whole, or a
 * target could not be looked up. An organisation GitHub could not be reached to list has no row
 * of its own to show "failed": its repositories' rows keep their last outcome and time.
 */
export function isLastSweepIncomplete(status: Pick<SchedulerStatus, 'lastError' | 'lastSummary'>) {
  return status.lastError !== null || (status.lastSummary?.unresolved.length ?? 0) > 0
}

/**
 * What the last sweep left out, as the public may know it: counts only. Which names it could not
 * find, and why (a typo, the token's access), are the operators' (UnresolvedTargets).
 */
export type SweepShortfall = {
  /** Repositories the sweep synced, and those it found but could not sync (their rows say so). */
  synced: number
  failed: number
  /** Names it is set to mirror that it could not look up; `isUnreachable`: GitHub never answered. */
  unresolved: number
  isUnreachable: boolean
}

/**
 * What a last sweep that ran through left out, counted (null when it failed as a whole, or none
 * ran): what the public may know of it (app/sync/ui/public-sweep-notice.tsx).
 */
export function sweepShortfall(
  status: Pick<SchedulerStatus, 'lastError' | 'lastSummary'>,
): SweepShortfall | null {
  if (status.lastError !== null || !status.lastSummary) return null
  const { repositories, unresolved } = status.lastSummary
  const failed = repositories.filter((repository) => repository.outcome === 'failed').length
  return {
    synced: repositories.length - failed,
    failed,
    unresolved: unresolved.length,
    isUnreachable: unresolved.length > 0 && unresolved.every((entry) => entry.isUnreachable),
  }
}

/**
 * The rate-limit headroom the newest sweep record left, and which sweep that is. After a failed
 * sweep, its own partial record when it has one (its last answers are the newest), else the last
 * sweep that ran through, with when it finished: not to be read as the failed sweep's.
 * `sweep`: 'last' when the last sweep ran through. Null when no sweep recorded one.
 */
export function sweepRateLimit(
  status: Pick<
    SchedulerStatus,
    'lastError' | 'lastSummary' | 'lastCutOff' | 'lastFinishedAt' | 'lastSummaryFinishedAt'
  >,
): { remaining: number; at: Date | null; sweep: 'last' | 'failed' | 'ran-through' } | null {
  const failed = status.lastError !== null
  const own = failed ? status.lastCutOff?.summary.rateLimit : null
  if (own) return { remaining: own.remaining, at: status.lastFinishedAt, sweep: 'failed' }
  const older = status.lastSummary?.rateLimit
  if (!older) return null
  return {
    remaining: older.remaining,
    at: status.lastSummaryFinishedAt,
    sweep: failed ? 'ran-through' : 'last',
  }
}

/** A cut-off sweep in the log line: one line still (the text format writes strings raw). */
function cutOffFields(cutOff: PartialSweep | null) {
  if (!cutOff) return {}
  return {
    synced: cutOff.summary.repositories.map((r) => `${r.repository}: ${r.outcome}`),
    notReached: cutOff.notReached,
    ...(cutOff.notListed?.length ? { notListed: cutOff.notListed } : {}),
  }
}

export type SyncScheduler = {
  status: () => SchedulerStatus
  /** Starts a sweep now unless one is running; resolves when it ends. */
  trigger: () => Promise<boolean>
  stop: () => void
  /**
   * Whether the sweeps reach the repository `fullName`: one dropped from BOARD_REPOS keeps its
   * row and its issues, last synced, and /sync must say it is no longer kept fresh.
   */
  sweeps: (fullName: string) => boolean
}

export type SchedulerOptions = {
  /** What to mirror; as a GitHub App, what narrows the installations' repositories (if any). */
  targets: SyncTarget[]
  intervalMs: number
  token?: string
  /** Sweep what the app's installations cover, with their tokens, instead of `targets`. */
  app?: GitHubAppCredentials
  baseUrl: string
  /** Scales the GitHub client's waits (createGitHubClient's waitScale): 1 by default, 0 in tests. */
  waitScale?: number
  /** Repositories synced at once (SyncOptions.concurrency); the sweep's default when omitted. */
  concurrency?: number
  /** When sweeps start and finish; the system clock by default (tests inject theirs). */
  now?: () => Date
}

/**
 * Sweeps every interval as a reconciliation pass behind the webhooks. Sweeps never overlap in
 * one process, and sync claims keep several processes off the same repository.
 */
export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const now = options.now ?? (() => new Date())
  const waits = rateLimitWaitLog('sync sweep', { now })
  const client = createGitHubClient({
    token: options.token,
    app: options.app,
    baseUrl: options.baseUrl,
    waitScale: options.waitScale,
    onWait: waits.onWait,
  })
  const instance = `${hostname()}-${process.pid}`
  const memory = createAppSweepMemory()
  const names = options.targets.map((t) => (t.kind === 'repository' ? t.fullName : t.owner))
  const state: SchedulerStatus = {
    targets: options.app
      ? [`the GitHub App's installations${names.length > 0 ? ` (only ${names.join(', ')})` : ''}`]
      : names,
    intervalMs: options.intervalMs,
    isRunning: false,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastSummary: null,
    lastSummaryFinishedAt: null,
    lastError: null,
    lastCutOff: null,
    isTokenRefused: false,
    rateLimitWait: null,
  }

  // Set by stop(): a sweep it finds running then fails on the database closed under it, which is
  // the server stopping, not a bug. (A sweep triggered after stop(), as tests do, reports as ever.)
  let stopped = false
  const run = async () => {
    if (state.isRunning) return false
    const startedBeforeStop = !stopped
    state.isRunning = true
    state.lastStartedAt = now()
    try {
      const summary = options.app
        ? await sweepInstallations(client, {
            instance,
            narrow: options.targets,
            memory,
            concurrency: options.concurrency,
          })
        : await sweep(client, options.targets, { instance, concurrency: options.concurrency })
      state.lastSummary = summary
      state.lastError = null
      state.lastCutOff = null
      state.isTokenRefused = false
      const failed = summary.repositories.filter((r) => r.outcome === 'failed')
      // A sweep that could not sync something is an operator's business: a warning, not news.
      const report = failed.length > 0 || summary.unresolved.length > 0 ? log.warn : log.info
      report('sync sweep finished', {
        repositories: summary.repositories.length,
        requests: summary.requests,
        notModified: summary.notModified,
        failed: failed.map((r) => `${r.repository}: ${r.error}`),
        unresolved: summary.unresolved,
        rateLimitRemaining: summary.rateLimit?.remaining ?? null,
      })
    } catch (error) {
      if (stopped && startedBeforeStop) {
        log.info('sync sweep stopped: the server is stopping (the next sweep carries on from here)')
        return true
      }
      state.lastError = error instanceof Error ? error.message : String(error)
      state.isTokenRefused = error instanceof GitHubAuthError
      // What a sweep GitHub left part-way had stored is kept with its error, as `npm run sync`
      // prints it (app/sync/sweep-report.ts).
      state.lastCutOff = error instanceof GitHubUnreachableError ? error.partial : null
      // A refused token and a GitHub out of reach are known answers, and a database outage is
      // retried at the next sweep: each said in one line; anything else is a bug and keeps its stack.
      log.error(
        'sync sweep failed',
        state.isTokenRefused || error instanceof GitHubUnreachableError
          ? { error: state.lastError, ...cutOffFields(state.lastCutOff) }
          : describeError(error, { withStack: !isDatabaseUnavailableError(error) }),
      )
    } finally {
      state.isRunning = false
      waits.clear()
      state.lastFinishedAt = now()
      if (state.lastError === null) state.lastSummaryFinishedAt = state.lastFinishedAt
    }
    return true
  }

  const first = setTimeout(() => void run(), 1_000)
  const timer = setInterval(() => void run(), options.intervalMs)
  first.unref()
  timer.unref()

  return {
    status: () => ({ ...state, rateLimitWait: waits.current() }),
    trigger: run,
    // As a GitHub App without BOARD_REPOS, every installed repository is swept (one taken out of
    // an installation is marked as such by the sweep itself).
    sweeps: (fullName) =>
      (options.app && options.targets.length === 0) || namesRepository(options.targets, fullName),
    stop: () => {
      stopped = true
      clearTimeout(first)
      clearInterval(timer)
    },
  }
}

// The server script starts the scheduler; routes (in the server bundle, a separate copy of this
// module) reach the same instance through globalThis.
const globalForScheduler = globalThis as typeof globalThis & {
  __pioneerBoardSyncScheduler?: SyncScheduler
}

/** The scheduler routes report on; null forgets it (tests). */
export function registerSyncScheduler(scheduler: SyncScheduler | null) {
  globalForScheduler.__pioneerBoardSyncScheduler = scheduler ?? undefined
}

export function getSyncScheduler(): SyncScheduler | null {
  return globalForScheduler.__pioneerBoardSyncScheduler ?? null
}
