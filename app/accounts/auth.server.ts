import { redirect } from '@remix-run/node'
import { Authenticator } from 'remix-auth'
import { OAuth2Strategy } from 'remix-auth-oauth2'

import {
  claimPushAccessCheck,
  createAccountSession,
  endAccountSessions,
  ensureDemoAccount,
  getAccountBySession,
  getGitHubToken,
  isGrantedMaintainer,
  isWithoutMaintainers,
  pushAccessDueAt,
  recordPushAccess,
  recordPushAccessAttempt,
  upsertGitHubAccount,
  type Account,
  type Role,
} from '~/accounts/account.server'
import { isDemoSignIn } from '~/accounts/demo-sign-in'
import { statusOf } from '~/github/failure.server'
import {
  getAuthenticatedUser,
  getPrimaryVerifiedEmail,
  listPushableRepositories,
} from '~/github/permissions.server'
import { resolveRepositoryIds } from '~/mirror/repository.server'

import { getEnv } from '../utils/env.server'
import { describeError, log } from '../utils/log.server'

import { offerGitHubEmail } from './email.server'
import { DEMO_PEOPLE } from './person'
import {
  commitSession,
  destroySession,
  getSession,
  isServedOverHttps,
  SESSION_LIFETIME_S,
} from './session.server'

export type CurrentUser = {
  id: number
  login: string
  name: string | null
  avatarUrl: string | null
  role: Role
  isDemo: boolean
}

// The demo people are named in person.ts, where pages name people too.
export { DEMO_PEOPLE }

export function isOAuthConfigured() {
  const env = getEnv()
  return Boolean(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET)
}

/** Password-less demo people only where no real sign-in exists and never in production. */
export function isDemoMode() {
  return isDemoSignIn(getEnv())
}

/**
 * Asks GitHub where the account's token can push, and records the answer. A check GitHub does not
 * answer keeps the last answer (rather than lock anyone out) and counts as an attempt, so it is
 * retried on its cadence (pushAccessDueAt: daily, sooner while GitHub never answered), not at once.
 */
async function refreshPushAccess(accountId: number, now: Date) {
  const token = await getGitHubToken(accountId)
  if (!token) return
  try {
    // People who can push to a mirrored repository maintain the project on GitHub, so they
    // maintain it on the board too.
    const pushable = await listPushableRepositories(token, getEnv().GITHUB_API_URL)
    const { ids } = await resolveRepositoryIds(pushable)
    await recordPushAccess(accountId, ids.length > 0, undefined, now)
  } catch (error) {
    await recordPushAccessAttempt(accountId, now)
    // GitHub refusing or unreachable is a known answer: one line. Anything else keeps its stack.
    const status = statusOf(error)
    log.warn('push access check failed; keeping the last answer until the next check', {
      accountId,
      ...(status === undefined ? {} : { status }),
      ...describeError(error, { withStack: status === undefined }),
    })
  }
}

async function roleOf(account: Account, now: Date): Promise<Role> {
  if (account.demo_role) return account.demo_role
  if (getEnv().BOARD_MAINTAINERS.includes(account.login.toLowerCase())) return 'maintainer'
  if (await isGrantedMaintainer(account.login)) return 'maintainer'
  // Read from the account first, so a request with nothing due writes nothing.
  if (now >= pushAccessDueAt(account)) {
    // Claimed before this request answers, so the next ones (and other instances) do not ask
    // GitHub too; asked in the background, and this request uses the cached answer.
    if (await claimPushAccessCheck(account.id, now)) {
      void refreshPushAccess(account.id, now).catch((error: unknown) =>
        log.error('recording a push access check failed', describeError(error)),
      )
    }
  }
  return account.has_push_access ? 'maintainer' : 'contributor'
}

/**
 * Who is making the request, or null for anonymous visitors (and stale or foreign sessions).
 * `now` decides whether push access is due to be asked of GitHub again.
 */
export async function getCurrentUser(
  request: Request,
  { now = new Date() }: { now?: Date } = {},
): Promise<CurrentUser | null> {
  const session = await getSession(request)
  const accountId = session.get('accountId')
  const sessionId = session.get('sessionId')
  if (typeof accountId !== 'number' || typeof sessionId !== 'string') return null
  // A session signed out (here or everywhere) or expired has no row: the cookie is worthless.
  const account = await getAccountBySession(accountId, sessionId)
  if (!account) return null
  // A demo session is worthless once demo mode is off.
  if (account.demo_role && !isDemoMode()) return null
  return {
    id: account.id,
    login: account.login,
    name: account.name,
    avatarUrl: account.avatar_url,
    role: await roleOf(account, now),
    isDemo: account.demo_role !== null,
  }
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request)
  if (!user) throw new Response('Sign in to do that.', { status: 401 })
  return user
}

export async function requireMaintainer(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request)
  if (user.role !== 'maintainer') throw new Response(await refusalFor(user), { status: 403 })
  return user
}

/**
 * Off demo mode, the first person to sign in on a new board finds no maintainer to ask, and
 * maintainer pages (/setup first) closed: the refusal then says how to become the first.
 */
async function refusalFor(user: CurrentUser) {
  if (isDemoMode() || !(await isWithoutMaintainers())) return 'Only maintainers can do that.'
  return (
    'Only maintainers can do that, and this board has none yet. To be its first, set ' +
    `BOARD_MAINTAINERS=${user.login.toLowerCase()} (your GitHub login) and restart the board. ` +
    'People who can push to a mirrored repository are maintainers too, checked as they sign ' +
    'in: if you can, sign out and in again once a sync has mirrored that repository.'
  )
}

// A stand-in origin: a return path is safe when a browser resolving it stays on the page's origin.
const RETURN_TO_BASE = 'http://return-to.invalid'

/**
 * Only same-site paths, so a crafted link cannot bounce a fresh session to another site. The value
 * is read as a browser's URL parser reads it (which drops tabs and newlines, and takes `\` for
 * `/`), and the path it resolves to is what comes back.
 */
export function safeReturnTo(value: unknown, fallback = '/') {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  // Control characters and backslashes are dropped or reinterpreted by browsers: refuse them.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, RETURN_TO_BASE)
  } catch {
    return fallback
  }
  if (url.origin !== RETURN_TO_BASE) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  // `/.//evil.example` resolves to the path `//evil.example`, which a Location header would send off-site.
  return path.startsWith('//') ? fallback : path
}

export async function signIn(request: Request, accountId: number, returnTo: string) {
  const session = await getSession(request)
  // Someone already signed in (a demo person becoming another): her old session ends on the
  // server too, so the cookie it was in cannot be replayed.
  const previous = { accountId: session.get('accountId'), sessionId: session.get('sessionId') }
  if (typeof previous.accountId === 'number' && typeof previous.sessionId === 'string') {
    await endAccountSessions(previous.accountId, previous.sessionId, false)
  }
  session.set('accountId', accountId)
  session.set('sessionId', await createAccountSession(accountId, SESSION_LIFETIME_S))
  return redirect(safeReturnTo(returnTo), {
    headers: { 'Set-Cookie': await commitSession(session) },
  })
}

/** Ends this session, or with `everywhere` every session of the person, on the server too. */
export async function signOut(request: Request, { everywhere = false } = {}) {
  const session = await getSession(request)
  const accountId = session.get('accountId')
  const sessionId = session.get('sessionId')
  if (typeof accountId === 'number' && typeof sessionId === 'string') {
    // Only a live session may end the others, so a stale cookie cannot sign its owner out.
    const isLive = everywhere ? Boolean(await getAccountBySession(accountId, sessionId)) : true
    if (isLive) await endAccountSessions(accountId, sessionId, everywhere)
  }
  return redirect('/', {
    headers: { 'Set-Cookie': await destroySession(session) },
  })
}

export async function signInDemoPerson(request: Request, personId: unknown, returnTo: string) {
  if (!isDemoMode()) throw new Response('Not found', { status: 404 })
  const person = DEMO_PEOPLE.find((candidate) => candidate.id === personId)
  if (!person) throw new Response('There is no such demo person.', { status: 400 })
  return signIn(request, await ensureDemoAccount(person), returnTo)
}

/**
 * Sends the browser to GitHub (state and PKCE verifier go in a short-lived cookie); the page
 * to come back to rides in the session until the callback.
 */
export async function startGitHubSignIn(request: Request, returnTo: string): Promise<never> {
  const session = await getSession(request)
  session.flash('returnTo', safeReturnTo(returnTo))
  const sessionCookie = await commitSession(session)
  try {
    await createAuthenticator(request).authenticate('github', request)
  } catch (thrown) {
    if (thrown instanceof Response) {
      thrown.headers.append('Set-Cookie', sessionCookie)
      throw thrown
    }
    throw thrown
  }
  throw new Error('GitHub sign-in did not redirect')
}

/** Finishes a GitHub sign-in: a new session, and the state cookie cleared so a replay fails. */
export async function finishGitHubSignIn(request: Request) {
  const { accountId, emailOffer } = await createAuthenticator(request).authenticate(
    'github',
    request,
  )
  const session = await getSession(request)
  const returnTo = safeReturnTo(session.get('returnTo'))
  session.set('accountId', accountId)
  if (emailOffer) session.set('emailOffer', emailOffer)
  else session.unset('emailOffer')
  session.set('sessionId', await createAccountSession(accountId, SESSION_LIFETIME_S))
  const headers = new Headers()
  headers.append('Set-Cookie', await commitSession(session))
  headers.append('Set-Cookie', clearOAuthStateCookie())
  return redirect(returnTo, { headers })
}

export function clearOAuthStateCookie() {
  return `${OAUTH_STATE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${isServedOverHttps() ? '; Secure' : ''}`
}

export class GitHubSignInRefused extends Error {
  constructor(
    readonly code: string,
    description?: string,
  ) {
    super(`GitHub refused the sign-in: ${code}${description ? ` (${description})` : ''}`)
    this.name = 'GitHubSignInRefused'
  }
}

export const OAUTH_STATE_COOKIE = 'pioneer_oauth'
export const OAUTH_CALLBACK_PATH = '/auth/github/callback'

function publicOrigin(request: Request) {
  return getEnv().PUBLIC_URL?.replace(/\/+$/, '') ?? new URL(request.url).origin
}

/**
 * The GitHub sign-in: OAuth authorization code with `state` and PKCE (S256), through
 * remix-auth's OAuth2 strategy. The token GitHub returns stays on the server.
 */
export function createAuthenticator(request: Request) {
  const env = getEnv()
  if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET) {
    throw new Response('Sign-in with GitHub is not configured.', { status: 404 })
  }
  const oauthUrl = env.GITHUB_OAUTH_URL.replace(/\/+$/, '')
  const authenticator = new Authenticator<{ accountId: number; emailOffer: string | null }>()
  // The address is asked for only when the board can send email: no scope is asked for nothing.
  authenticator.use(
    new OAuth2Strategy(
      {
        clientId: env.GITHUB_CLIENT_ID,
        clientSecret: env.GITHUB_CLIENT_SECRET,
        authorizationEndpoint: `${oauthUrl}/login/oauth/authorize`,
        tokenEndpoint: `${oauthUrl}/login/oauth/access_token`,
        redirectURI: `${publicOrigin(request)}${OAUTH_CALLBACK_PATH}`,
        scopes: env.SMTP_URL ? ['read:user', 'user:email'] : ['read:user'],
        cookie: {
          name: OAUTH_STATE_COOKIE,
          httpOnly: true,
          sameSite: 'Lax',
          ...(isServedOverHttps() ? { secure: true as const } : {}),
          path: '/',
          maxAge: 600,
        },
      },
      async ({ tokens }) => {
        // GitHub refuses a code exchange with 200 and an `error` field, not an OAuth 400.
        const refusal = tokens.data as { error?: string; error_description?: string }
        if (refusal.error) throw new GitHubSignInRefused(refusal.error, refusal.error_description)
        const token = tokens.accessToken()
        const profile = await getAuthenticatedUser(token, env.GITHUB_API_URL)
        const accountId = await upsertGitHubAccount(profile, token)
        await refreshPushAccess(accountId, new Date())
        const emailOffer = env.SMTP_URL
          ? await offerGitHubEmail(accountId, await readGitHubEmail(token, env.GITHUB_API_URL))
          : null
        return { accountId, emailOffer }
      },
    ),
    'github',
  )
  return authenticator
}

/** GitHub's primary verified address; an outage there costs the offer, never the sign-in. */
async function readGitHubEmail(token: string, apiUrl: string) {
  try {
    return await getPrimaryVerifiedEmail(token, apiUrl)
  } catch (error) {
    log.warn('reading the GitHub email address failed; nothing is offered', describeError(error))
    return null
  }
}

/** The address GitHub supplied at sign-in, while the person has none of their own. */
export async function getEmailOffer(request: Request, accountId: number) {
  const offer = (await getSession(request)).get('emailOffer')
  return typeof offer === 'string' ? offerGitHubEmail(accountId, offer) : null
}

/** Forgets the offer (taken or declined): the Set-Cookie header of the session without it. */
export async function forgetEmailOffer(request: Request) {
  const session = await getSession(request)
  session.unset('emailOffer')
  return commitSession(session)
}
