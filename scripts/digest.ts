import { digestMarkdown } from '../app/digest/compose'
import { loadDigest } from '../app/digest/digest.server'
import { linkDigest } from '../app/digest/links'
import { parseDigestPeriod } from '../app/digest/period'
import { postDigest } from '../app/digest/post.server'
import { createGitHubClient } from '../app/github/client.server'
import { countLabelWriteBack } from '../app/labels/plan/review.server'
import { GITHUB_FULL_NAME } from '../app/utils/github-names'
import { configuredOrigin } from '../app/utils/public-origin.server'
import { Refusal } from '../app/utils/refusal'
import { migrateToLatest } from '../db/migrator'

import {
  type CommandIo,
  exitCodeOf,
  readCommandArguments,
  readSettings,
  runAsMain,
  UsageError,
  withDatabase,
} from './lib'

// `npm run digest`: the call's agenda, printed or posted as an issue. runDigest takes its
// arguments, settings and output as parameters, so the tests run it in their own process.

const USAGE = `Usage: npm run digest -- --since <period> [--format markdown|json] [--post owner/name]

Prints the call's agenda for the period: items added by hand on /digest, new ideas by area with
their +1s, rounds opening and closing, decisions, stale work per repository (most first), the
starter supply (domains with no 1★ left, new and finished projects, claims lapsing), unanswered
"nothing fits me" requests, the ratings calibration flags, efforts whose status changed, and
the label changes waiting to be applied and open label conflicts (counted, not named).

Options:
  --since <period>       a duration back from now (14d, 2w, 1m) or a date (2026-11-20)
  --format <format>      markdown (the default, ready to paste into the call notes) or json
                         (each item with the absolute url of its page, as the markdown links it)
  --post <owner/name>    open the agenda as an issue in that mirrored repository instead of
                         printing it; run again for the same period, it edits that issue
                         (needs GITHUB_TOKEN, a token that can write issues there)
  -h, --help             show this help

Exit codes: 0 printed or posted; 1 GitHub did not answer; 2 bad arguments or settings, or
GitHub refused the token: nothing posted.`

function readArguments(argv: string[]) {
  return readCommandArguments('digest', {
    args: argv,
    options: {
      since: { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      post: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

/** What the run is asked for, every argument and setting checked; UsageError when one is bad. */
function readRequest(io: CommandIo) {
  const { values } = readArguments(io.argv)
  if (values.help) return { help: true } as const
  if (values.since === undefined)
    throw new UsageError('Give a period: --since 2w (npm run digest -- --help).')
  const format = values.format
  if (format !== 'markdown' && format !== 'json')
    throw new UsageError(`Unknown format "${format.slice(0, 40)}": use markdown or json.`)
  let period
  try {
    period = parseDigestPeriod(values.since, new Date(io.clock?.now() ?? Date.now()))
  } catch (error) {
    if (error instanceof Refusal) throw new UsageError(error.message)
    throw error
  }
  const env = readSettings(io.env)
  const post = values.post?.trim()
  // A mistyped repository is the first thing to say: a token would not make it right.
  if (post !== undefined && !GITHUB_FULL_NAME.test(post)) {
    throw new UsageError(`--post takes a repository as owner/name, not "${post.slice(0, 140)}".`)
  }
  if (post !== undefined && !env.GITHUB_TOKEN) {
    throw new UsageError(
      `--post needs GITHUB_TOKEN, a token that can write issues in ${post.slice(0, 140)}.`,
    )
  }
  return { help: false, period, format, post, env } as const
}

/** The agenda printed or posted as `io.argv` asks; the exit code (see USAGE). */
export function runDigest(io: CommandIo): Promise<number> {
  return exitCodeOf(io, async () => {
    const request = readRequest(io)
    if (request.help) {
      io.out(USAGE)
      return 0
    }
    const { period, format, post, env } = request
    // A refusal ends the run with exit 2 once the database is closed (an embedded one is a folder).
    return withDatabase(io, env, async (db) => {
      try {
        await migrateToLatest(db)
        const digest = await loadDigest(
          period,
          db,
          {
            domains: env.STARTER_DOMAINS,
            driftThreshold: env.DRIFT_THRESHOLD,
            driftMinReports: env.DRIFT_MIN_REPORTS,
          },
          // Read here: digest imports nothing of labels (eslint.config.js).
          countLabelWriteBack(db),
        )
        // The agenda's links go to the board's public address, as the e-mails' links do.
        const origin = configuredOrigin(env)
        if (post === undefined) {
          io.out(
            format === 'json'
              ? JSON.stringify(linkDigest(digest, origin), null, 2)
              : digestMarkdown(digest, origin),
          )
          return 0
        }
        const { octokit } = createGitHubClient({
          token: env.GITHUB_TOKEN,
          baseUrl: env.GITHUB_API_URL,
        })
        const posted = await postDigest(post, digest, octokit, origin, db)
        io.out(
          `${posted.action === 'created' ? 'Opened' : 'Updated'} ${posted.repo}#${posted.issue.number} for ${digest.period.key}: ${posted.issue.htmlUrl}`,
        )
        return 0
      } catch (error) {
        if (error instanceof Refusal) throw new UsageError(error.message)
        throw error
      }
    })
  })
}

runAsMain(import.meta.url, runDigest)
