import type { Database } from '../../db/client.server'
import { createGitHubClient, isGitHubTimeout, type GitHubClient } from '../github/client.server'
import { outOfReachMessageOf } from '../github/failure.server'
import { listAppInstallations } from '../github/installations.server'
import { describeDemoDatabase } from '../sync/demo-guard.server'
import { parseSyncTargets } from '../sync/sweep.server'
import { githubAppOf, type Env } from '../utils/env.server'
import { formatDateTime } from '../utils/format'

import type { SetupCheck } from './checks'

/**
 * How long /setup waits for each answer from GitHub: the page is loaded by a person, and a
 * GitHub that hangs must not hang it.
 */
export const SETUP_GITHUB_TIMEOUT_MS = 5000

type CheckOptions = { timeoutMs?: number }

const noAnswer = (timeoutMs: number) => `GitHub did not answer within ${timeoutMs / 1000} s`

/** The API address as the client uses it: the one `npm run sync` names when GitHub is out of reach. */
const apiUrlOf = (octokit: GitHubClient) => octokit.request.endpoint.DEFAULTS.baseUrl

/**
 * What GitHub says of the configured app: whether it accepts the app, and where it is installed
 * (without an installation there is nothing to mirror). Null without an app.
 */
export async function checkGitHubApp(
  env: Env,
  { timeoutMs = SETUP_GITHUB_TIMEOUT_MS }: CheckOptions = {},
): Promise<SetupCheck | null> {
  const app = githubAppOf(env)
  if (!app) return null
  const settings = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY']
  const { octokit } = createGitHubClient({
    app,
    baseUrl: env.GITHUB_API_URL,
    retries: 0,
    timeoutMs,
  })
  try {
    const listing = await listAppInstallations(octokit, null)
    const installations = listing.kind === 'listed' ? listing.items : []
    if (installations.length === 0) {
      return {
        id: 'installations',
        settings,
        status: 'missing',
        message:
          'GitHub accepts the app, but it is installed nowhere: install it on the organisations or repositories to mirror (the app’s page on GitHub, “Install App”).',
      }
    }
    const names = installations.map(
      (installation) => `${installation.account}${installation.isSuspended ? ' (suspended)' : ''}`,
    )
    return {
      id: 'installations',
      settings,
      status: 'ok',
      message: `GitHub accepts the app; it is installed on ${names.join(', ')}.`,
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    return {
      id: 'installations',
      settings,
      status: 'missing',
      message:
        status === 401 || status === 404
          ? `GitHub refuses the app (${status}): check GITHUB_APP_ID and that GITHUB_APP_PRIVATE_KEY is that app’s key.`
          : isGitHubTimeout(error)
            ? `${noAnswer(timeoutMs)} when asked about the app, at ${env.GITHUB_API_URL}: reload this page to ask again; if it persists, check GITHUB_API_URL and that this machine can reach it.`
            : (outOfReachMessageOf(apiUrlOf(octokit), error) ??
              `GitHub could not be asked about the app: ${error instanceof Error ? error.message : String(error)}.`),
    }
  }
}

/**
 * Whether GitHub accepts GITHUB_TOKEN, asked with GET /rate_limit (free: it uses no point). Until
 * a scheduled sweep has run (and without BOARD_REPOS none does), nothing else can tell a refused
 * or mistyped token from a good one. Null without a token, or as an app (the token is not used).
 */
export async function checkGitHubToken(
  env: Env,
  { timeoutMs = SETUP_GITHUB_TIMEOUT_MS }: CheckOptions = {},
): Promise<SetupCheck | null> {
  if (!env.GITHUB_TOKEN || githubAppOf(env)) return null
  const settings = ['GITHUB_TOKEN']
  const { octokit } = createGitHubClient({
    token: env.GITHUB_TOKEN,
    baseUrl: env.GITHUB_API_URL,
    retries: 0,
    timeoutMs,
  })
  try {
    const { data } = await octokit.rest.rateLimit.get()
    const core = data.resources.core
    const asApp =
      'a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY) acts as itself instead, with a rate limit per installation.'
    // A spent budget is not a setting to fix, but nothing reaches GitHub until it resets: "Set"
    // alone beside "0 of 5000 requests left" hid why syncs and label changes stood still.
    if (core.remaining === 0) {
      return {
        id: 'github-access',
        settings,
        status: 'used-up',
        message: `GitHub accepts the token, but its rate limit is used up (0 of ${core.limit} requests left) until ${formatDateTime(new Date(core.reset * 1000))}: syncs and label changes wait until then. The board reads and writes GitHub with it; ${asApp}`,
      }
    }
    const readOnlyOn = await firstReadOnlyRepository(octokit, env)
    if (readOnlyOn) {
      return {
        id: 'github-access',
        settings,
        status: 'read-only',
        message: `Label changes cannot be applied: GitHub accepts the token, but its account cannot push to ${readOnlyOn}, and the board’s labels need write access (reading and syncing work). Give the token’s account write access to the mirrored repositories, or set GITHUB_TOKEN to a token of an account that has it (a fine-grained token with Issues: read and write), then restart the board; ${asApp}`,
      }
    }
    return {
      id: 'github-access',
      settings,
      status: 'ok',
      message: `GitHub accepts the token (${core.remaining} of ${core.limit} requests left this hour). The board reads and writes GitHub with it; ${asApp}`,
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    return {
      id: 'github-access',
      settings,
      status: 'failing',
      message:
        status === 401
          ? 'GitHub refuses the token (401 Bad credentials): set GITHUB_TOKEN to a valid token that can read the mirrored repositories, then restart the board.'
          : isGitHubTimeout(error)
            ? `${noAnswer(timeoutMs)} when asked whether it accepts the token, at ${env.GITHUB_API_URL}: reload this page to ask again; if it persists, check GITHUB_API_URL and that this machine can reach it.`
            : (outOfReachMessageOf(apiUrlOf(octokit), error) ??
              `GitHub could not be asked whether it accepts the token, at ${env.GITHUB_API_URL}: ${error instanceof Error ? error.message : String(error)}. Check GITHUB_API_URL and that this machine can reach it.`),
    }
  }
}

/**
 * The first repository BOARD_REPOS names, when GitHub says the token's account cannot push to it
 * (`permissions.push` of `GET /repos/{owner}/{repo}`, one request per page load, none per sweep):
 * the token was shown as set, and every label change then failed on GitHub with 403. GitHub's
 * `permissions` are the account's role, so a fine-grained token limited to reading a repository
 * its account may push to is not caught here. Null when it can push, when BOARD_REPOS names only
 * owners, or when the lookup fails (a name not found is the BOARD_REPOS check's to say).
 */
async function firstReadOnlyRepository(octokit: GitHubClient, env: Env) {
  const first = parseSyncTargets([env.BOARD_REPOS ?? '']).targets.find(
    (target) => target.kind === 'repository',
  )
  if (first?.kind !== 'repository') return null
  const [owner = '', repo = ''] = first.fullName.split('/')
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo })
    return data.permissions?.push === false ? data.full_name : null
  } catch {
    return null
  }
}

/**
 * Whether this database holds the MirageOS demo, which is never synced (app/sync/demo-guard), as
 * a check to fix first; null when it holds none. /setup listed token, BOARD_REPOS and the rest as
 * the whole way to a board of one's own, so on the demo's database (where one lands after
 * `npm start`) following it ended at a refused start-up; /sync said so, /setup did not.
 */
export async function checkDemoDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>,
  db?: Database,
): Promise<SetupCheck | null> {
  const message = await describeDemoDatabase(env, db)
  if (!message) return null
  return {
    id: 'database',
    settings: env.DATABASE_URL ? ['DATABASE_URL'] : ['DATA_DIR', 'DATABASE_URL'],
    status: 'missing',
    message,
  }
}
