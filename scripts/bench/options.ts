import { parseArgs } from 'node:util'

import { DEFAULT_OPTIONS } from './run'

export const USAGE = `Usage: npm run bench -- [--issues N] [--repos N] [--iterations N] [--requests N] [--seed N] [--json FILE]

Generates a synthetic organisation in PostgreSQL (a throwaway cluster, or the database
${'`'}pioneer_board_bench${'`'} on the server of DATABASE_URL), then times the board's queries and pages.

  --issues N      issues and pull requests to generate (default ${DEFAULT_OPTIONS.issues})
  --repos N       repositories to spread them over (default ${DEFAULT_OPTIONS.repos})
  --iterations N  timed runs of each query (default ${DEFAULT_OPTIONS.iterations})
  --requests N    timed requests to each page; 0 skips the server (default ${DEFAULT_OPTIONS.requests})
  --seed N        seed of the generator (default ${DEFAULT_OPTIONS.seed})
  --json FILE     also write the results as JSON to FILE`

export class UsageError extends Error {}

export type CliOptions = {
  issues: number
  repos: number
  iterations: number
  requests: number
  seed: number
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
        seed: { type: 'string' },
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
    seed: wholeNumber('seed', values.seed, DEFAULT_OPTIONS.seed, 0),
    json: values.json ?? null,
    help: values.help ?? false,
  }
  if (options.json === '') throw new UsageError('--json needs a file name')
  if (options.repos > 10_000) throw new UsageError('--repos must be at most 10000')
  if (options.issues > 10_000_000) throw new UsageError('--issues must be at most 10000000')
  return options
}
