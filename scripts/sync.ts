import { parseArgs } from 'node:util'

import { MultiBar, Presets } from 'cli-progress'

import { createGitHubClient } from '../app/github/client.server'
import { sweepInstallations } from '../app/sync/installations.server'
import {
  GitHubAuthError,
  parseSyncTargets,
  sweep,
  type RepositoryProgress,
  type SweepSummary,
} from '../app/sync/sweep.server'
import { githubAppOf } from '../app/utils/env.server'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit } from './lib'

const USAGE = `Usage: npm run sync -- [owner/name | organisation]... [options]

Mirrors the issues of the named repositories (or every repository of an organisation or user)
from GitHub. Without names, syncs BOARD_REPOS. As a GitHub App (GITHUB_APP_ID and
GITHUB_APP_PRIVATE_KEY set), syncs what its installations cover, narrowed to the names if given.

Options:
  --json               print the summary as JSON on stdout (no progress bars)
  --include-archived   include archived repositories of organisations
  --include-forks      include forks of organisations
  --concurrency N      repositories synced at once (1-20, default 4)
  -h, --help           show this help

Exit status: 0 when every repository was synced; 1 when some could not be (failed, not found,
or busy: another running process is syncing it); 2 for bad arguments or credentials.`

/** Exit code 2 and one line: bad arguments or credentials, nothing was synced. */
function usageError(message: string): never {
  console.error(message)
  process.exit(2)
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'include-archived': { type: 'boolean', default: false },
        'include-forks': { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    usageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
  }
}

function progressReporter(isJson: boolean) {
  // Bars only where someone watches; scripts and CI logs get one line per repository instead.
  if (isJson) return { update: () => {}, stop: () => {} }
  if (!process.stderr.isTTY) {
    return {
      update: (progress: RepositoryProgress) => {
        if (progress.done) {
          console.error(
            `${progress.repository}: ${progress.outcome} (${progress.pages} pages, ${progress.items} items)`,
          )
        }
      },
      stop: () => {},
    }
  }
  const bars = new MultiBar(
    {
      format: ' {repository} |{bar}| {pages} pages, {items} items {status}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
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
        status: progress.done ? `- ${progress.outcome}` : '',
      })
    },
    stop: () => bars.stop(),
  }
}

function printSummary(summary: SweepSummary) {
  const total = (key: 'added' | 'updated' | 'unchanged') =>
    summary.repositories.reduce((sum, repository) => sum + repository[key], 0)
  const rateLimit = summary.rateLimit
  console.log(
    [
      '',
      `Repositories: ${summary.repositories.length}`,
      `Issues: ${total('added')} added, ${total('updated')} updated, ${total('unchanged')} unchanged`,
      `Requests: ${summary.requests} made, ${summary.notModified} answered 304 (free)`,
      `Rate limit: ${rateLimit ? `${rateLimit.remaining} of ${rateLimit.limit} left, resets ${rateLimit.resetAt.toISOString()}` : 'unknown'}`,
    ].join('\n'),
  )
  const problems = [
    ...summary.unresolved.map((entry) => `${entry.target}: ${entry.error}`),
    ...summary.repositories
      .filter((r) => r.outcome !== 'updated' && r.outcome !== 'unchanged')
      .map((r) =>
        r.outcome === 'busy'
          ? `${r.repository}: busy (another running process is syncing it; run again when it ends)`
          : `${r.repository}: ${r.outcome}${r.error ? ` (${r.error})` : ''}`,
      ),
  ]
  if (problems.length > 0) {
    console.log(`\nNeeds attention:\n${problems.map((line) => `  ${line}`).join('\n')}`)
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

async function main() {
  const { values, positionals } = readArguments()
  if (values.help) {
    console.log(USAGE)
    return
  }
  const env = loadEnvOrExit()
  const words = positionals.length > 0 ? positionals : [env.BOARD_REPOS ?? '']
  const { targets, invalid } = parseSyncTargets(words)
  if (invalid.length > 0) {
    usageError(`Not a repository (owner/name) or organisation name: ${invalid.join(', ')}`)
  }
  const app = githubAppOf(env)
  if (targets.length === 0 && !app) {
    usageError(`Name repositories or organisations to sync, or set BOARD_REPOS.\n\n${USAGE}`)
  }
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20) {
    usageError(`--concurrency must be a whole number from 1 to 20 (got "${values.concurrency}")`)
  }
  if (!env.GITHUB_TOKEN && !app) {
    console.error(
      'GITHUB_TOKEN is not set: GitHub allows only 60 unauthenticated requests an hour.',
    )
  }

  await migrateToLatest(getDb())
  const client = createGitHubClient({
    ...(app ? { app } : { token: env.GITHUB_TOKEN }),
    baseUrl: env.GITHUB_API_URL,
  })
  const progress = progressReporter(values.json)
  let summary: SweepSummary
  try {
    const options = {
      concurrency,
      includeArchived: values['include-archived'],
      includeForks: values['include-forks'],
      onProgress: progress.update,
    }
    summary = app
      ? await sweepInstallations(client, { ...options, narrow: targets })
      : await sweep(client, targets, options)
  } catch (error) {
    progress.stop()
    if (error instanceof GitHubAuthError) usageError(error.message)
    throw error
  }
  progress.stop()
  if (values.json) console.log(JSON.stringify(summary, null, 2))
  else printSummary(summary)
  process.exitCode = isPartialFailure(summary) ? 1 : 0
}

main()
  .catch((error: unknown) => {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
    console.error(`Sync failed: ${error instanceof Error ? error.message : String(error)}${cause}`)
    process.exitCode = 1
  })
  .finally(() => closeDb())
