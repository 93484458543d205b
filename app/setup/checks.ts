import { isDemoSignIn } from '../accounts/demo-sign-in'
import { hasGitHubCredentials, hasMirageStarterAxes, type Env } from '../utils/env.server'
import { countOf, formatDateTime } from '../utils/format'

// What /setup tells a maintainer about a board's settings: each setting that matters to running
// against real GitHub, whether it is there, and what to do when it is not. Pure: the settings
// in, the checks out; what GitHub itself says is added by checks.server.ts.

/**
 * failing: the setting is there, but what it names does not work (GitHub refuses the token).
 * used-up: it works, but its rate limit is spent until a time the message gives: nothing to fix.
 * read-only: it reads, but cannot write what the board writes (labels): syncing works.
 */
export type CheckStatus = 'ok' | 'missing' | 'failing' | 'optional' | 'used-up' | 'read-only'

export type SetupCheck = {
  id: string
  /** The settings the check is about, as they are written in .env. */
  settings: string[]
  status: CheckStatus
  message: string
}

/**
 * What the last scheduled sweep said, as the scheduler keeps it (null: none ran, or it is off):
 * whether GitHub refused its credentials, and the targets it could not look up.
 */
export type LastSweep = {
  lastError: string | null
  isTokenRefused: boolean
  lastSummary: {
    unresolved: readonly { target: string; error: string; isUnreachable: boolean }[]
  } | null
} | null

/**
 * Deliveries the webhook refused since one last matched, their signature made with another secret
 * than GITHUB_WEBHOOK_SECRET (app/sync/webhooks.server.ts); null: none.
 */
export type WebhookSecretMismatch = { count: number; lastAt: Date } | null

type SignInSettings = Pick<
  Env,
  'NODE_ENV' | 'GITHUB_CLIENT_ID' | 'GITHUB_CLIENT_SECRET' | 'GITHUB_TOKEN' | 'GITHUB_APP_ID'
>

/**
 * Why demo sign-in is a risk on this board, or null: outside production and without GitHub
 * sign-in, anyone who reaches the board can be a demo maintainer, and with GitHub credentials can
 * spend them on syncs. Demo people's label changes are never sent to GitHub (app/labels/outbox).
 */
export function demoSignInRisk(env: SignInSettings) {
  if (!isDemoSignIn(env) || !(env.GITHUB_TOKEN || env.GITHUB_APP_ID)) return null
  return 'anyone who reaches the board can sign in as a demo maintainer and run syncs with its GitHub credentials (label changes demo people apply are never sent to GitHub)'
}

const LOOPBACK_HOSTS = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/

/**
 * The line start-up logs when demo sign-in is a risk and others can reach the board (HOST is not
 * a loopback address), or null. On the default HOST only this machine can sign in.
 */
export function demoSignInWarning(env: SignInSettings & Pick<Env, 'HOST'>) {
  const risk = demoSignInRisk(env)
  if (!risk || LOOPBACK_HOSTS.test(env.HOST)) return null
  return `Demo sign-in is on and the board listens on ${env.HOST}: ${risk}. Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET for GitHub sign-in, or NODE_ENV=production.`
}

/**
 * The line start-up logs when nobody can sign in, or null: in production demo sign-in is off, so
 * without GitHub sign-in the board is read-only, and nobody can reach /setup to be told why.
 */
export function noSignInWarning(env: SignInSettings) {
  if (env.NODE_ENV !== 'production' || (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET)) {
    return null
  }
  return 'Nobody can sign in: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are not set, and demo sign-in is off with NODE_ENV=production, so the board can only be read (no suggestions, claims or maintainer pages). Set both to a GitHub OAuth app’s client id and secret (the GitHub App’s own work), with the callback /auth/github/callback.'
}

/**
 * The line start-up logs when BOARD_REPOS names what to mirror but the server never syncs it (no
 * token and no GitHub App), or null: start-up said nothing, and the board stayed empty.
 */
export function syncOffWarning(env: Env) {
  if (!env.BOARD_REPOS || hasGitHubCredentials(env)) return null
  return 'BOARD_REPOS is set, but without GITHUB_TOKEN (or a GitHub App) the server never syncs it: set GITHUB_TOKEN to a token that can read those repositories and restart, or sync once with npm run sync (unauthenticated: 60 requests an hour).'
}

/** Whether the board can read GitHub, and as what: the app, else the token, else nothing. */
function githubAccessCheck(env: Env, isApp: boolean, refusal: string | null): SetupCheck {
  const id = 'github-access'
  if (isApp && refusal) {
    return {
      id,
      settings: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'],
      status: 'failing',
      message: `GitHub refuses the app: the last sweep failed with “${refusal}”. Set GITHUB_APP_ID to the app’s id and GITHUB_APP_PRIVATE_KEY to a private key of that app, then restart the board.`,
    }
  }
  if (isApp) {
    return {
      id,
      settings: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'],
      status: 'ok',
      message: `The board reads and writes GitHub as GitHub App ${env.GITHUB_APP_ID}, with each installation's own token${env.GITHUB_TOKEN ? ' (GITHUB_TOKEN is set too and is not used)' : ''}.`,
    }
  }
  if (env.GITHUB_TOKEN && refusal) {
    return {
      id,
      settings: ['GITHUB_TOKEN'],
      status: 'failing',
      message: `GitHub refuses the token: the last sweep failed with “${refusal}”. Set GITHUB_TOKEN to a token that is valid and can read the mirrored repositories, then restart the board.`,
    }
  }
  if (env.GITHUB_TOKEN) {
    return {
      id,
      settings: ['GITHUB_TOKEN'],
      status: 'ok',
      message:
        'The board reads and writes GitHub with one personal token. A GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY) acts as itself instead, with a rate limit per installation.',
    }
  }
  return {
    id,
    // The token first, as the README's steps have it; the app is the alternative.
    settings: ['GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'],
    status: 'missing',
    message:
      'Nothing lets the board read GitHub: set GITHUB_TOKEN to a token that can read the repositories’ issues and metadata (and write issues, for the board’s labels). Or create the GitHub App below and set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY: it acts as itself, with a rate limit per installation.',
  }
}

type Unresolved = NonNullable<NonNullable<LastSweep>['lastSummary']>['unresolved']

/**
 * What is mirrored: as an app, what its installations cover (BOARD_REPOS narrows); with a token,
 * BOARD_REPOS. Either way a BOARD_REPOS name the last sweep could not find is failing.
 */
function whatToMirrorCheck(env: Env, isApp: boolean, notFound: Unresolved): SetupCheck {
  const id = 'what-to-mirror'
  const settings = ['BOARD_REPOS']
  const listed = notFound.map((entry) => `${entry.target} (“${entry.error}”)`).join(', ')
  const isOne = notFound.length === 1
  if (isApp && env.BOARD_REPOS && notFound.length > 0) {
    // The sweep mirrors only what an installation offers: a name none covers is never synced.
    return {
      id,
      settings,
      status: 'failing',
      message: `BOARD_REPOS is ${env.BOARD_REPOS}, and the last sweep could not find ${listed}: install the app on ${isOne ? 'it' : 'them'} (on GitHub, the app’s “Install App”, or “Configure” on an installation to add repositories; the next sweep finds ${isOne ? 'it' : 'them'}), or correct ${isOne ? 'that name' : 'those names'} in BOARD_REPOS and restart the board.`,
    }
  }
  if (isApp) {
    return {
      id,
      settings,
      status: env.BOARD_REPOS ? 'ok' : 'optional',
      message: env.BOARD_REPOS
        ? `The installations' repositories are narrowed to ${env.BOARD_REPOS}.`
        : 'Every repository the app is installed on is mirrored; BOARD_REPOS would narrow that.',
    }
  }
  if (env.BOARD_REPOS && notFound.length > 0) {
    return {
      id,
      settings,
      status: 'failing',
      message: `BOARD_REPOS is ${env.BOARD_REPOS}, and the last sweep could not find ${listed}: correct ${isOne ? 'that name' : 'those names'} in BOARD_REPOS and restart the board, or give the token access (the next sweep finds ${isOne ? 'it' : 'them'}).`,
    }
  }
  if (env.BOARD_REPOS) {
    // Named is not mirrored: without a token the server never sweeps (the access check says why).
    return {
      id,
      settings,
      status: 'ok',
      message: env.GITHUB_TOKEN
        ? `Mirroring ${env.BOARD_REPOS}.`
        : `Names ${env.BOARD_REPOS}; nothing mirrors it until GitHub access is set (above).`,
    }
  }
  return {
    id,
    settings,
    status: 'missing',
    message:
      'No repository is named: set BOARD_REPOS (owner/name or organisations, comma-separated), or install the board as a GitHub App.',
  }
}

/**
 * Each judged on its own (they were one check, flagged when only PUBLIC_URL was missing), and by
 * where the board runs: production needs both; a board on one's own machine needs neither.
 */
function sessionSecretCheck(env: Env): SetupCheck {
  const id = 'sessions'
  const settings = ['SESSION_SECRET']
  if (env.SESSION_SECRET) {
    return { id, settings, status: 'ok', message: 'Sessions are signed with SESSION_SECRET.' }
  }
  // Production refuses to start without it (env.server.ts); kept strict here all the same.
  const isProduction = env.NODE_ENV === 'production'
  return {
    id,
    settings,
    status: isProduction ? 'missing' : 'optional',
    message: isProduction
      ? 'Required in production: without it, sessions are signed with a secret the board keeps in its database, which anyone with a copy of the database (a backup, say) can read. Set SESSION_SECRET (openssl rand -hex 32) to keep it apart from the data.'
      : 'Sessions are signed with a secret the board made and keeps in its database, so they last across restarts. Set SESSION_SECRET (openssl rand -hex 32) to choose your own, or to rotate it.',
  }
}

/**
 * Without PUBLIC_URL pages link to the request's own address, which is right for a board on
 * localhost; in production, or listening beyond this machine, cookies and e-mailed links need it.
 */
function publicUrlCheck(env: Env): SetupCheck {
  const id = 'public-url'
  const settings = ['PUBLIC_URL']
  if (env.PUBLIC_URL) {
    return { id, settings, status: 'ok', message: `The board's address is ${env.PUBLIC_URL}.` }
  }
  const isLocal = env.NODE_ENV !== 'production' && LOOPBACK_HOSTS.test(env.HOST)
  return {
    id,
    settings,
    status: isLocal ? 'optional' : 'missing',
    message: isLocal
      ? `Not needed on this machine: pages link to the address they are opened at, and e-mail and the call agenda to http://${env.HOST}:${env.PORT}. Set PUBLIC_URL once people reach the board at another address.`
      : `Set PUBLIC_URL to the address people use (https://… makes cookies Secure): ${env.NODE_ENV === 'production' ? 'it is needed in production, ' : `the board listens on ${env.HOST}, `}and e-mail and the call agenda link to http://${env.HOST}:${env.PORT} without it.`,
  }
}

function webhookCheck(env: Env, isApp: boolean, mismatch: WebhookSecretMismatch): SetupCheck {
  const id = 'webhooks'
  const settings = ['GITHUB_WEBHOOK_SECRET']
  if (!env.GITHUB_WEBHOOK_SECRET) {
    return {
      id,
      settings,
      status: 'missing',
      message: `Webhooks are off (503): set GITHUB_WEBHOOK_SECRET to the secret of the webhook GitHub posts to /webhooks/github.${isApp || (env.BOARD_REPOS && env.GITHUB_TOKEN) ? ' Sweeps still run.' : ''}`,
    }
  }
  if (mismatch) {
    // Set is not working: GitHub signs with the secret it was given, and every delivery is refused.
    return {
      id,
      settings,
      status: 'failing',
      message: `GitHub's deliveries are refused (401): ${countOf(mismatch.count, 'delivery', 'deliveries')}, the last at ${formatDateTime(mismatch.lastAt)}, signed with another secret than GITHUB_WEBHOOK_SECRET (or changed on their way). Give the webhook on GitHub (${isApp ? "the GitHub App's settings" : 'the repository’s or organisation’s Settings → Webhooks'}) and GITHUB_WEBHOOK_SECRET the same secret (restart the board after changing the setting), then redeliver from its Recent Deliveries. Sweeps still catch up meanwhile.`,
    }
  }
  return {
    id,
    settings,
    status: 'ok',
    message: `Webhooks are verified with GITHUB_WEBHOOK_SECRET at /webhooks/github${isApp ? " (the app's one webhook covers every installation)" : ''}.`,
  }
}

export function checkSettings(
  env: Env,
  lastSweep: LastSweep = null,
  webhookMismatch: WebhookSecretMismatch = null,
): SetupCheck[] {
  const isApp = Boolean(env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY)
  // The app's credentials or the token, whichever the board uses (GitHubAuthError says which).
  const tokenRefusal = lastSweep?.isTokenRefused ? lastSweep.lastError : null
  // Names GitHub answered it does not know (or the token cannot see, or no installation of the
  // app covers); one it never answered for says nothing of BOARD_REPOS.
  const notFound = (lastSweep?.lastSummary?.unresolved ?? []).filter(
    (entry) => !entry.isUnreachable,
  )
  const checks: SetupCheck[] = []
  checks.push(githubAccessCheck(env, isApp, tokenRefusal))
  checks.push(whatToMirrorCheck(env, isApp, notFound))
  checks.push(webhookCheck(env, isApp, webhookMismatch))
  checks.push({
    id: 'sign-in',
    settings: ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
    status: env.GITHUB_CLIENT_ID ? 'ok' : 'missing',
    message: env.GITHUB_CLIENT_ID
      ? 'People sign in with GitHub.'
      : !isDemoSignIn(env)
        ? 'Nobody can sign in: demo sign-in is off with NODE_ENV=production. Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App’s own client id and secret work, with the callback /auth/github/callback).'
        : `Sign-in is in demo mode${demoSignInRisk(env) ? `: ${demoSignInRisk(env)}. S` : ': s'}et GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App’s own client id and secret work, with the callback /auth/github/callback).`,
  })
  checks.push(sessionSecretCheck(env), publicUrlCheck(env))
  checks.push({
    id: 'maintainers',
    settings: ['BOARD_MAINTAINERS'],
    status: env.BOARD_MAINTAINERS.length > 0 ? 'ok' : 'optional',
    message:
      env.BOARD_MAINTAINERS.length > 0
        ? `${env.BOARD_MAINTAINERS.join(', ')} ${env.BOARD_MAINTAINERS.length === 1 ? 'is a maintainer' : 'are maintainers'} whatever their repository permissions.`
        : 'Maintainers are those who can push to a mirrored repository (and those added on /admin/maintainers); BOARD_MAINTAINERS names more.',
  })
  // The starter axes default to MirageOS's: another community would otherwise triage its first
  // issues on "OCaml difficulty" in MirageOS's areas without being told it can change them.
  const isMirageAxes = hasMirageStarterAxes(env)
  checks.push({
    id: 'starter-axes',
    settings: ['LANGUAGE_NAME', 'STARTER_DOMAINS'],
    status: isMirageAxes ? 'optional' : 'ok',
    message: isMirageAxes
      ? `Starter projects are rated on OCaml and in the MirageOS community's domains (${env.STARTER_DOMAINS.join(', ')}): set LANGUAGE_NAME and STARTER_DOMAINS to your community's language and areas before the first triage.`
      : `Starter projects are rated on ${env.LANGUAGE_NAME} and in ${env.STARTER_DOMAINS.join(', ')}.`,
  })
  checks.push({
    id: 'email',
    settings: ['SMTP_URL'],
    status: env.SMTP_URL ? 'ok' : 'optional',
    message: env.SMTP_URL
      ? 'Notifications are also emailed.'
      : 'Notifications stay in the inbox; SMTP_URL would email them too.',
  })
  return checks
}

/** The permissions and events the board's GitHub App needs, and nothing more. */
export const APP_PERMISSIONS = { issues: 'write', metadata: 'read', members: 'read' } as const
export const APP_EVENTS = ['issues', 'label', 'repository'] as const

/**
 * A GitHub App manifest for this board: posting it to GitHub's "create an app from a manifest"
 * page makes the app with the right permissions, events and webhook address in one step.
 */
export function appManifest(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '')
  return {
    name: 'Pioneer Board',
    url: base,
    hook_attributes: { url: `${base}/webhooks/github`, active: true },
    redirect_url: `${base}/setup`,
    callback_urls: [`${base}/auth/github/callback`],
    public: false,
    default_permissions: { ...APP_PERMISSIONS },
    default_events: [...APP_EVENTS],
  }
}
