import { MultiBar, Presets } from 'cli-progress'

import { createGitHubClient } from '../app/github/client.server'
import { getDemoRefusal } from '../app/sync/demo-guard.server'
import { sweepInstallations } from '../app/sync/installations.server'
import { isSynced, outcomeInWords, sweepReport } from '../app/sync/sweep-report'
import {
  commaHint,
  GitHubAuthError,
  GitHubUnreachableError,
  invalidBoardReposMessage,
  namesRepository,
  parseSyncTargets,
  sweep,
  type RepositoryProgress,
  type SweepSummary,
} from '../app/sync/sweep.server'
import { githubAppOf } from '../app/utils/env.server'
import { countOf, listInWords } from '../app/utils/format'
import type { Database } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import {
  type CommandIo,
  exitCodeOf,
  readCommandArguments,
  readSettings,
  runAsMain,
  UsageError,
  utcTime,
  waitNotice,
  withDatabase,
} from './lib'

// `npm run sync`: one sweep of the mirror from GitHub. runSync takes its arguments, settings and
// output as parameters, so the tests run it in their own process.

const USAGE = `Usage: npm run sync -- [owner/name | organisation]... [options]

Mirrors the issues of the named repositories (or every repository of an organisation or user)
from GitHub; a github.com address of either does too. Without names, syncs BOARD_REPOS. As a GitHub App (GITHUB_APP_ID and
GITHUB_APP_PRIVATE_KEY set), syncs what its installations cover, narrowed to the names if given.

Options:
  --json               print the summary as JSON on stdout (progress as lines on stderr, no bars)
  --include-archived   include archived repositories of organisations
  --include-forks      include forks of organisations
  --concurrency N      repositories synced at once (1-20, default 4)
  -h, --help           show this help

Exit status: 0 when every repository was synced; 1 when some could not be (failed, not found,
or busy: another running process is syncing it); 2 for bad arguments or credentials.`

function readArguments(argv: string[]) {
  return readCommandArguments('sync', {
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'include-archived': { type: 'boolean', default: false },
      'include-forks': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

/** How often a run without a terminal says it is still going (logs, cron). */
export const STILL_SYNCING_EVERY_MS = 15_000

function formatElapsed(ms: number) {
  const seconds = Math.round(ms / 1000)
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/**
 * Without a terminal, a line every STILL_SYNCING_EVERY_MS while the run goes on: a GitHub that
 * never answers kept the log silent for minutes (each request waits a minute, then is retried).
 */
function stillSyncingLines(
  io: CommandIo,
  waitingOn: () => string[],
  expectedRepositories: number | null,
  rateLimitedUntil: () => number,
) {
  const byRepository = new Map<string, RepositoryProgress>()
  let ticks = 0
  const tick = () => {
    ticks++
    const all = [...byRepository.values()]
    const done = all.filter((progress) => progress.done).length
    const pages = all.reduce((sum, progress) => sum + progress.pages, 0)
    const items = all.reduce((sum, progress) => sum + progress.items, 0)
    const repositories =
      expectedRepositories === null
        ? `${countOf(done, 'repository', 'repositories')} done`
        : `${done} of ${countOf(expectedRepositories, 'repository', 'repositories')} done`
    const waiting = waitingOn()
    const shown =
      waiting.length > 3 ? [...waiting.slice(0, 3), `${waiting.length - 3} more`] : waiting
    // Held by a rate limit, GitHub is not slow: the line says what the wait is for.
    const limitedUntil = rateLimitedUntil()
    const doing =
      limitedUntil > Date.now()
        ? `waiting for GitHub's rate limit until ${utcTime(limitedUntil)} UTC`
        : waiting.length > 0
          ? `waiting on GitHub for ${listInWords(shown)}`
          : 'storing what GitHub sent'
    io.err(
      `Still syncing after ${formatElapsed(ticks * STILL_SYNCING_EVERY_MS)}: ${repositories}, ${countOf(pages, 'page')} of issues read (${countOf(items, 'item')}); ${doing}.`,
    )
  }
  const every = io.every ?? repeatEvery
  const stop = every(STILL_SYNCING_EVERY_MS, tick)
  return {
    update: (progress: RepositoryProgress) => byRepository.set(progress.repository, progress),
    stop,
  }
}

function repeatEvery(ms: number, tick: () => void) {
  const timer = setInterval(tick, ms)
  timer.unref()
  return () => clearInterval(timer)
}

function progressReporter(
  isJson: boolean,
  io: CommandIo,
  waitingOn: () => string[],
  expectedRepositories: number | null,
  rateLimitedUntil: () => number,
) {
  // Bars only where someone watches; scripts and CI logs get one line per repository instead,
  // and a line now and then while the run goes on. With --json, stdout holds the summary alone:
  // the lines go to stderr (as they always do), never bars: a program reads a run with --json.
  if (isJson || !io.terminal) {
    const still = stillSyncingLines(io, waitingOn, expectedRepositories, rateLimitedUntil)
    return {
      update: (progress: RepositoryProgress) => {
        still.update(progress)
        if (progress.done) {
          io.err(
            `${progress.repository}: ${outcomeInWords(progress.outcome ?? '')} (${progress.pages} pages, ${progress.items} items)`,
          )
        }
      },
      stop: still.stop,
    }
  }
  const bars = new MultiBar(
    {
      format: ' {repository} |{bar}| {pages} pages, {items} items {status}',
      hideCursor: true,
      clearOnComplete: false,
      stream: io.terminal,
    },
    Presets.shades_classic,
  )
  const byRepository = new Map<string, ReturnType<MultiBar['create']>>()
  return {
    update: (progress: RepositoryProgress) => {
      let bar = byRepository.get(progress.repository)
      if (!bar) {
        bar = bars.create(100, 0, {
          repository: progress.repository,
          pages: 0,
          items: 0,
          status: '',
        })
        byRepository.set(progress.repository, bar)
      }
      // The number of pages is unknown until the last one: the bar fills when the walk ends.
      const total = progress.done ? Math.max(progress.items, 1) : progress.items + 100
      bar.setTotal(total)
      bar.update(progress.done ? total : progress.items, {
        pages: progress.pages,
        items: progress.items,
        status: progress.done ? `- ${outcomeInWords(progress.outcome ?? '')}` : '',
      })
    },
    stop: () => bars.stop(),
  }
}

// A repository another live process is syncing was not synced by this run: that is not success.
function isPartialFailure(summary: SweepSummary) {
  return (
    summary.unresolved.length > 0 ||
    summary.repositories.some(
      (repository) => repository.outcome === 'failed' || repository.outcome === 'busy',
    )
  )
}

/**
 * What this run mirrored that the running server will not sync again: the repositories
 * BOARD_REPOS does not name (as a GitHub App without BOARD_REPOS, the server syncs every
 * installation's). Synced all the same, as asked, but said: a repository mirrored once and never
 * again read as up to date on the board (docs/decisions/003-incremental-sync.md).
 */
function notKeptFreshWarning(summary: SweepSummary, request: SyncRequest) {
  const { targets: kept } = parseSyncTargets([request.env.BOARD_REPOS ?? ''])
  if (request.app && kept.length === 0) return null
  const mirrored = summary.repositories
    .filter((result) => isSynced(result.outcome))
    .map((result) => result.repository)
  const outside = mirrored.filter((name) => !namesRepository(kept, name))
  if (outside.length === 0) return null
  const shown =
    outside.length > 3
      ? `${outside.slice(0, 3).join(', ')} and ${outside.length - 3} more`
      : outside.join(', ')
  const one = outside.length === 1
  return `${shown} ${one ? 'is' : 'are'} not in BOARD_REPOS: this run mirrored ${one ? 'it' : 'them'} once, and the running server will not keep ${one ? 'it' : 'them'} fresh. To have the server sync ${one ? 'it' : 'them'} every SYNC_INTERVAL, add ${one ? 'it' : 'them'} to BOARD_REPOS (comma-separated names) and restart the server.`
}

/** What the run is asked for, every argument and setting checked; UsageError when one is bad. */
function readRequest(io: CommandIo) {
  const { values, positionals } = readArguments(io.argv)
  if (values.help) return { help: true } as const
  const env = readSettings(io.env)
  const words = positionals.length > 0 ? positionals : [env.BOARD_REPOS ?? '']
  const { targets, invalid } = parseSyncTargets(words)
  if (invalid.length > 0) {
    // Read from the settings, the message names the setting, as start-up does.
    throw new UsageError(
      positionals.length > 0
        ? `Not a repository (owner/name) or organisation name, nor a github.com address of one: ${invalid.join(', ')}${commaHint(invalid)}`
        : invalidBoardReposMessage(invalid),
    )
  }
  const app = githubAppOf(env)
  if (targets.length === 0 && !app) {
    throw new UsageError(
      `Name repositories or organisations to sync, or set BOARD_REPOS.\n\n${USAGE}`,
    )
  }
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 20 (got "${values.concurrency}")`,
    )
  }
  return { help: false, values, env, targets, app, concurrency } as const
}

type SyncRequest = Exclude<ReturnType<typeof readRequest>, { help: true }>

/** The sweep the request asks for, on `db`, its summary printed; the exit code. */
async function sweepInto(db: Database, request: SyncRequest, io: CommandIo) {
  const { values, env, targets, app, concurrency } = request
  await migrateToLatest(db)
  const refusal = await getDemoRefusal(env, db)
  if (refusal) throw new UsageError(refusal)
  const notice = waitNotice(io, 'what is mirrored so far is kept')
  const client = createGitHubClient({
    ...(app ? { app } : { token: env.GITHUB_TOKEN }),
    baseUrl: env.GITHUB_API_URL,
    waitScale: io.waitScale,
    onWait: notice.onWait,
  })
  // Names each its own repository, unless an installation or an organisation stands behind it.
  const expectedRepositories =
    !app && targets.every((target) => target.kind === 'repository') ? targets.length : null
  const progress = progressReporter(
    values.json,
    io,
    client.waitingOn,
    expectedRepositories,
    notice.rateLimitedUntil,
  )
  let summary: SweepSummary
  let unreachable: GitHubUnreachableError | null = null
  try {
    const options = {
      concurrency,
      includeArchived: values['include-archived'],
      includeForks: values['include-forks'],
      onProgress: progress.update,
      db,
    }
    summary = app
      ? await sweepInstallations(client, { ...options, narrow: targets })
      : await sweep(client, targets, options)
  } catch (error) {
    if (error instanceof GitHubAuthError) throw new UsageError(error.message)
    if (!(error instanceof GitHubUnreachableError)) throw error
    // Said once for the run. Nothing synced before it: no summary, the one line alone.
    if (!error.partial) {
      io.err(error.message)
      return 1
    }
    // GitHub went part-way: what was stored is summed up, and what was not reached named.
    unreachable = error
    summary = error.partial.summary
  } finally {
    progress.stop()
  }
  const cutOff = unreachable?.partial
  if (values.json) {
    const { notReached, notListed } = cutOff ?? {}
    io.out(JSON.stringify(cutOff ? { ...summary, notReached, notListed } : summary, null, 2))
  } else {
    io.out(`\n${sweepReport(summary, cutOff).join('\n\n')}`)
  }
  const notKeptFresh = notKeptFreshWarning(summary, request)
  if (notKeptFresh) io.err(notKeptFresh)
  if (unreachable) {
    io.err(unreachable.message)
    return 1
  }
  return isPartialFailure(summary) ? 1 : 0
}

function describeFailure(error: unknown) {
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `Sync failed: ${error instanceof Error ? error.message : String(error)}${cause}`
}

/** One sweep as `io.argv` asks; the exit code (see USAGE). */
export function runSync(io: CommandIo): Promise<number> {
  return exitCodeOf(
    io,
    async () => {
      const request = readRequest(io)
      if (request.help) {
        io.out(USAGE)
        return 0
      }
      if (!request.env.GITHUB_TOKEN && !request.app) {
        io.err('GITHUB_TOKEN is not set: GitHub allows only 60 unauthenticated requests an hour.')
      }
      return withDatabase(io, request.env, (db) => sweepInto(db, request, io))
    },
    describeFailure,
  )
}

runAsMain(import.meta.url, runSync)
