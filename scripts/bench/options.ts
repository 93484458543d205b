import { parseArgs } from 'node:util'

import { LABEL_BENCH_ISSUES, LABEL_BENCH_REPOS, LABELS_DATABASE } from './labels'
import { DEFAULT_OPTIONS, type BenchPart, type BenchSettings } from './run'
import { TALLY_BALLOTS, TALLY_IDEAS } from './tally'

export const USAGE = `Usage: npm run bench -- [--only board|sync|tally|labels] [--issues N] [--repos N]
       [--iterations N] [--requests N] [--load-clients N] [--load-seconds N] [--sync-issues N] [--sync-repos N] [--seed N] [--json FILE]

Board and sync run on PostgreSQL (a throwaway cluster, or the server of DATABASE_URL in databases
of their own):
  board  generates a synthetic organisation in ${'`'}pioneer_board_bench${'`'}, then times the board's
         queries and pages;
  sync   mirrors a synthetic organisation from a fake GitHub (a child process) into an empty
         ${'`'}pioneer_board_bench_sync${'`'} with the app's sync, re-sweeps it unchanged, then after
         50 changes in one repository; reports wall time, requests, 304s, rate-limit points, RSS;
  tally  times the Schulze count closing a prioritisation round (${TALLY_BALLOTS} random ballots over
         ${TALLY_IDEAS} ideas, with shared ranks and ideas left out), in memory: no PostgreSQL;
  labels times label plans of ${LABEL_BENCH_ISSUES.toLocaleString('en')} starter issues over ${LABEL_BENCH_REPOS} repositories (10,000+ changes) in
         ${'`'}${LABELS_DATABASE}${'`'} and queues them, then applies a small plan through a fake
         GitHub with the real worker at 1 write a second (about 30 s).

  --only PART       run one part only: board, sync, tally or labels (default all)
  --issues N        board: issues and pull requests to generate (default ${DEFAULT_OPTIONS.issues})
  --repos N         board: repositories to spread them over (default ${DEFAULT_OPTIONS.repos})
  --iterations N    board: timed runs of each query; tally: timed tallies; labels: timed plans,
                    at most 10 (default ${DEFAULT_OPTIONS.iterations})
  --requests N      board: timed requests to each page; 0 skips the server (default ${DEFAULT_OPTIONS.requests})
  --load-clients N  board: clients in flight at once in the load test (default ${DEFAULT_OPTIONS.loadClients})
  --load-seconds N  board: seconds of load on each of /issues, /starter, /api/issues; 0 skips it
                    (default ${DEFAULT_OPTIONS.loadSeconds})
  --sync-issues N   sync: issues the fake GitHub serves (default ${DEFAULT_OPTIONS.syncIssues})
  --sync-repos N    sync: repositories it spreads them over (default ${DEFAULT_OPTIONS.syncRepos})
  --seed N          seed of the generators (default ${DEFAULT_OPTIONS.seed})
  --json FILE       also write the results as JSON to FILE`

export class UsageError extends Error {}

export type CliOptions = BenchSettings & {
  json: string | null
  help: boolean
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number) {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min) {
    throw new UsageError(`--${flag} must be a whole number of at least ${min}, not "${value}"`)
  }
  return parsed
}

function onlyPart(value: string | undefined): BenchPart | null {
  if (value === undefined) return null
  if (value === 'board' || value === 'sync' || value === 'tally' || value === 'labels') return value
  throw new UsageError(`--only must be board, sync, tally or labels, not "${value}"`)
}

export function parseBenchArgs(args: string[]): CliOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        issues: { type: 'string' },
        repos: { type: 'string' },
        iterations: { type: 'string' },
        requests: { type: 'string' },
        'load-clients': { type: 'string' },
        'load-seconds': { type: 'string' },
        seed: { type: 'string' },
        'sync-issues': { type: 'string' },
        'sync-repos': { type: 'string' },
        only: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const options: CliOptions = {
    issues: wholeNumber('issues', values.issues, DEFAULT_OPTIONS.issues, 1),
    repos: wholeNumber('repos', values.repos, DEFAULT_OPTIONS.repos, 1),
    iterations: wholeNumber('iterations', values.iterations, DEFAULT_OPTIONS.iterations, 1),
    requests: wholeNumber('requests', values.requests, DEFAULT_OPTIONS.requests, 0),
    loadClients: wholeNumber(
      'load-clients',
      values['load-clients'],
      DEFAULT_OPTIONS.loadClients,
      1,
    ),
    loadSeconds: wholeNumber(
      'load-seconds',
      values['load-seconds'],
      DEFAULT_OPTIONS.loadSeconds,
      0,
    ),
    seed: wholeNumber('seed', values.seed, DEFAULT_OPTIONS.seed, 0),
    syncIssues: wholeNumber('sync-issues', values['sync-issues'], DEFAULT_OPTIONS.syncIssues, 1),
    syncRepos: wholeNumber('sync-repos', values['sync-repos'], DEFAULT_OPTIONS.syncRepos, 1),
    only: onlyPart(values.only),
    json: values.json ?? null,
    help: values.help ?? false,
  }
  if (options.json === '') throw new UsageError('--json needs a file name')
  if (options.loadClients > 1000) throw new UsageError('--load-clients must be at most 1000')
  if (options.loadSeconds > 3600) throw new UsageError('--load-seconds must be at most 3600')
  if (options.repos > 10_000) throw new UsageError('--repos must be at most 10000')
  if (options.issues > 10_000_000) throw new UsageError('--issues must be at most 10000000')
  if (options.syncRepos > 10_000) throw new UsageError('--sync-repos must be at most 10000')
  // The fake GitHub holds every issue in memory: a few million is as far as it goes.
  if (options.syncIssues > 2_000_000) throw new UsageError('--sync-issues must be at most 2000000')
  return options
}
