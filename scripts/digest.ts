import { parseArgs } from 'node:util'

import { digestMarkdown } from '../app/digest/compose'
import { loadDigest } from '../app/digest/digest.server'
import { parseDigestPeriod } from '../app/digest/period'
import { Refusal } from '../app/utils/refusal'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

const USAGE = `Usage: npm run digest -- --since <period> [--format markdown|json]

Prints the call's agenda for the period: new ideas by area with their +1s, rounds opening and
closing, decisions, stale work per repository (most first), unanswered "nothing fits me" requests.

Options:
  --since <period>       a duration back from now (14d, 2w, 1m) or a date (2026-11-20)
  --format <format>      markdown (the default, ready to paste into the call notes) or json
  -h, --help             show this help

Exit codes: 0 printed; 2 bad arguments or settings, nothing done.`

/** Exit code 2 and one line: bad arguments, nothing was done. */
function usageError(message: string): never {
  console.error(message)
  process.exit(2)
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        since: { type: 'string' },
        format: { type: 'string', default: 'markdown' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error))
  }
}

async function main() {
  const { values } = readArguments()
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (values.since === undefined)
    usageError('Give a period: --since 2w (npm run digest -- --help).')
  if (values.format !== 'markdown' && values.format !== 'json')
    usageError(`Unknown format "${values.format.slice(0, 40)}": use markdown or json.`)
  let period
  try {
    period = parseDigestPeriod(values.since, new Date())
  } catch (error) {
    if (error instanceof Refusal) usageError(error.message)
    throw error
  }
  loadEnvOrExit()
  try {
    const db = getDb()
    await migrateToLatest(db)
    const digest = await loadDigest(period, db)
    console.log(values.format === 'json' ? JSON.stringify(digest, null, 2) : digestMarkdown(digest))
  } finally {
    await closeDb()
  }
}

runMain(main)
