import { hostname } from 'node:os'

import { getDb, isDatabaseUnavailableError, type Database } from '../../../db/client.server'
import { createGitHubClient, type GitHubAppCredentials } from '../../github/client.server'
import { rateLimitWaitLog } from '../../github/rate-limit-waits.server'
import { describeError, log } from '../../utils/log.server'
import type { ResolvedScheme } from '../scheme/scheme'
import { loadRepositorySchemes, type SchemeSettings } from '../scheme/schemes.server'

import {
  runLabelWorker,
  type LabelWorkerOptions,
  type LabelWorkerRepository,
  type LabelWorkerSummary,
} from './worker.server'

// Runs the label worker with the schemes as stored: from the CLI (`npm run labels -- apply`) and
// inside the server, which drains the outbox every interval and as soon as a maintainer applies.

/** A scheme lookup for one run: each repository's scheme is read once. */
export function storedSchemes(db: Database = getDb(), settings: SchemeSettings = {}) {
  const cache = new Map<number, Promise<ResolvedScheme | string>>()
  return (repository: LabelWorkerRepository) => {
    let scheme = cache.get(repository.id)
    if (!scheme) {
      scheme = loadRepositorySchemes([repository.id], db, settings).then((schemes) => {
        const stored = schemes.get(repository.id)!
        if (stored.scheme) return stored.scheme
        return `The label scheme of ${repository.full_name} has problems, so nothing is sent until it is fixed: ${stored.problems.map((problem) => problem.message).join(' ')}`
      })
      cache.set(repository.id, scheme)
    }
    return scheme
  }
}

export function workerId(role: string) {
  return `${role}@${hostname()}-${process.pid}`
}

/** Drains the outbox once with the stored schemes (built with `settings` when given). */
export function drainLabelOutbox(
  options: Omit<LabelWorkerOptions, 'schemeFor' | 'workerId'> & {
    workerId?: string
    settings?: SchemeSettings
  },
): Promise<LabelWorkerSummary> {
  const { settings, ...worker } = options
  return runLabelWorker({
    ...worker,
    workerId: worker.workerId ?? workerId('labels'),
    schemeFor: storedSchemes(worker.db, settings),
  })
}

export type LabelWorkerStatus = {
  isRunning: boolean
  lastStartedAt: Date | null
  lastFinishedAt: Date | null
  lastSummary: LabelWorkerSummary | null
  lastError: string | null
}

export type LabelWorkerLoop = {
  status: () => LabelWorkerStatus
  /** Drains now unless a run is going; a run going drains again when it ends. */
  kick: () => void
  stop: () => Promise<void>
}

/**
 * The server's worker: drains every interval and on a kick, one run at a time in this process
 * (other processes are kept off the same rows by the outbox's claims).
 */
export function createLabelWorkerLoop(options: {
  /** A token that can write issues, or the GitHub App (labels then show as made by the app). */
  token?: string
  app?: GitHubAppCredentials
  baseUrl: string
  intervalMs: number
  /** Scales the GitHub client's waits (createGitHubClient's waitScale): 1 by default, 0 in tests. */
  waitScale?: number
}): LabelWorkerLoop {
  // A rate-limited worker waited silently (up to an hour): one warning per wait, as sweeps say it.
  const waits = rateLimitWaitLog('label worker')
  const client = createGitHubClient({
    token: options.token,
    app: options.app,
    baseUrl: options.baseUrl,
    waitScale: options.waitScale,
    onWait: waits.onWait,
  })
  const id = workerId('server')
  const controller = new AbortController()
  const state: LabelWorkerStatus = {
    isRunning: false,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastSummary: null,
    lastError: null,
  }
  let again = false
  let running: Promise<void> = Promise.resolve()

  const run = async () => {
    state.isRunning = true
    state.lastStartedAt = new Date()
    try {
      do {
        again = false
        const summary = await drainLabelOutbox({ client, workerId: id, signal: controller.signal })
        state.lastSummary = summary
        state.lastError = null
        if (summary.requests > 0 || summary.conflicts > 0 || summary.failed > 0) {
          log.info('label changes applied', summary)
        }
      } while (again && !controller.signal.aborted)
    } catch (error) {
      state.lastError = error instanceof Error ? error.message : String(error)
      // A database outage is retried at the next run: one line, no stack.
      log.error(
        'applying label changes failed',
        describeError(error, { withStack: !isDatabaseUnavailableError(error) }),
      )
    } finally {
      state.isRunning = false
      waits.clear()
      state.lastFinishedAt = new Date()
    }
  }

  const kick = () => {
    if (controller.signal.aborted) return
    if (state.isRunning) {
      again = true
      return
    }
    running = run()
  }

  const timer = setInterval(kick, options.intervalMs)
  timer.unref()
  return {
    status: () => ({ ...state }),
    kick,
    stop: async () => {
      clearInterval(timer)
      controller.abort()
      await running
    },
  }
}

// The server script starts the loop; routes (in the server bundle, a separate copy of this
// module) reach the same instance through globalThis.
const globalForLabels = globalThis as typeof globalThis & {
  __pioneerBoardLabelWorker?: LabelWorkerLoop
}

export function registerLabelWorker(loop: LabelWorkerLoop) {
  globalForLabels.__pioneerBoardLabelWorker = loop
}

/** The server's worker, or null when it does not run (no GITHUB_TOKEN nor GitHub App). */
export function getLabelWorker(): LabelWorkerLoop | null {
  return globalForLabels.__pioneerBoardLabelWorker ?? null
}
