import { parseArgs } from 'node:util'

import { digestMarkdown } from '../app/digest/compose'
import { loadDigest } from '../app/digest/digest.server'
import { parseDigestPeriod } from '../app/digest/period'
import { postDigest } from '../app/digest/post.server'
import { createGitHubClient } from '../app/github/client.server'
import { Refusal } from '../app/utils/refusal'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

const USAGE = `Usage: npm run digest -- --since <period> [--format markdown|json] [--post owner/name]

Prints the call's agenda for the period: items added by hand on /digest, new ideas by area with
their +1s, rounds opening and closing, decisions, stale work per repository (most first), the
starter supply (domains with no 1★ left, new and finished projects, claims lapsing), unanswered
"nothing fits me" requests and the ratings calibration flags.

Options:
  --since <period>       a duration back from now (14d, 2w, 1m) or a date (2026-11-20)
  --format <format>      markdown (the default, ready to paste into the call notes) or json
  --post <owner/name>    open the agenda as an issue in that mirrored repository instead of
                         printing it; run again for the same period, it edits that issue
                         (needs GITHUB_TOKEN, a token that can write issues there)
  -h, --help             show this help

Exit codes: 0 printed or posted; 1 GitHub did not answer; 2 bad arguments or settings, or
GitHub refused the token: nothing posted.`

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
        post: { type: 'string' },
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
  const env = loadEnvOrExit()
  const post = values.post?.trim()
  if (post !== undefined && !env.GITHUB_TOKEN)
    usageError(`--post needs GITHUB_TOKEN, a token that can write issues in ${post.slice(0, 140)}.`)
  // A refusal ends the run with exit 2 once the database is closed (an embedded one is a folder).
  let refusal: string | null = null
  try {
    const db = getDb()
    await migrateToLatest(db)
    const digest = await loadDigest(period, db)
    if (post === undefined) {
      console.log(
        values.format === 'json' ? JSON.stringify(digest, null, 2) : digestMarkdown(digest),
      )
      return
    }
    const { octokit } = createGitHubClient({ token: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL })
    const posted = await postDigest(post, digest, octokit, db)
    console.log(
      `${posted.action === 'created' ? 'Opened' : 'Updated'} ${posted.repo}#${posted.issue.number} for ${digest.period.key}: ${posted.issue.htmlUrl}`,
    )
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    refusal = error.message
  } finally {
    await closeDb()
  }
  if (refusal !== null) usageError(refusal)
}

runMain(main)
