import { AsyncLocalStorage } from 'node:async_hooks'

import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import type { RequestInterface } from '@octokit/types'
import Bottleneck from 'bottleneck'

import {
  createInstallationAuth,
  type GitHubAppCredentials,
  type InstallationAuth,
} from './app-auth.server'

export { InstallationUnavailableError, type GitHubAppCredentials } from './app-auth.server'

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'
const USER_AGENT = 'pioneer-board (+https://github.com/pioneer-board)'

const JSON_TYPES = new Set(['application/json', 'application/scim+json'])

/**
 * A success body as Octokit reads it, but JSON through JSON.parse (the app reads JSON only). One
 * that is not JSON is refused here, saying so: GITHUB_API_URL naming a web page (github.com
 * rather than api.github.com) or a proxy's sign-in page answers 200 with HTML, which Octokit hands
 * on as text and a sync then failed on as "Cannot read properties of undefined".
 */
async function readSuccessBody(
  body: ReadableStream<Uint8Array> | null,
  contentType: string | undefined,
  url: string,
) {
  const text = await new Response(body).text()
  // 204, 205 and HEAD answers have no body, whatever their headers say.
  if (text === '') return text
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (JSON_TYPES.has(type)) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new NotGitHubJsonError(url, 'JSON that does not parse')
    }
  }
  throw new NotGitHubJsonError(url, type || 'no content type')
}

/** A 2xx answer that is not the JSON GitHub's API sends: the address is probably not the API. */
export class NotGitHubJsonError extends Error {
  constructor(url: string, what: string) {
    const { origin, pathname } = new URL(url)
    super(
      `${origin} answered ${pathname} with ${what}, not GitHub's JSON: set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
    )
    this.name = 'NotGitHubJsonError'
  }
}

/**
 * Octokit parses JSON with json-with-bigint, so that int64s survive as BigInt; on Node 20 that
 * costs several times JSON.parse, and at 100,000 issues it was the largest CPU cost of a whole
 * mirror. The ids this app reads (repositories, issues, labels) stay far below 2^53 and are stored
 * as numbers anyway (map.ts, db/client.server.ts), so success bodies go through the native parser.
 * Errors and 304s are still read by Octokit, which builds its errors from them. Registered before
 * throttling and retry, so a body is still read within its request's throttled slot and retries.
 */
function nativeJson(octokit: Pick<Octokit, 'hook'>) {
  octokit.hook.wrap('request', async (request, requestOptions) => {
    // Every hook sees this same object, so the flag reaches the request below.
    requestOptions.request = { ...requestOptions.request, parseSuccessResponseBody: false }
    const response = await request(requestOptions)
    // 204, 205 and HEAD answers have no body to read: Octokit leaves their data empty.
    if (typeof response.data !== 'string') {
      response.data = await readSuccessBody(
        response.data,
        response.headers['content-type'],
        response.url,
      )
    }
    return response
  })
}

/**
 * fetch with a deadline for each attempt, body included: set below the retry plugin, so a retry
 * gets a fresh deadline rather than the spent one of the attempt it replaces.
 */
function fetchWithin(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    return fetch(input, { ...init, signal })
  }
}

const BoardOctokit = Octokit.plugin(nativeJson, throttling, retry)
export type GitHubClient = InstanceType<typeof BoardOctokit>

export type RateLimitSnapshot = { remaining: number; limit: number; resetAt: Date } | null

/** What one client has done so far: the sync's summary and the status page read it. */
export type RequestStats = {
  requests: number
  notModified: number
  rateLimit: RateLimitSnapshot
}

/** The requests one piece of work made, and how many of them GitHub answered 304. */
export type RequestTally = { requests: number; notModified: number }

const tallies = new AsyncLocalStorage<RequestTally>()

/**
 * Runs `work` with a tally of its own GitHub requests. A client's stats count everything it sent,
 * and a sweep syncs repositories side by side on one client: the difference of its stats across
 * one repository's sync counted its neighbours' requests too. (Our hooks run outside the
 * throttling queue, in the caller's context, so each request is tallied to the work that made it.)
 */
export function tallyRequests<T>(work: (tally: RequestTally) => Promise<T>): Promise<T> {
  const tally: RequestTally = { requests: 0, notModified: 0 }
  return tallies.run(tally, () => work(tally))
}

export type GitHubClientOptions = {
  token?: string
  /**
   * Authenticate as this GitHub App instead of a token: each request carries the access token
   * of the installation covering its repository (app-auth.server.ts).
   */
  app?: GitHubAppCredentials
  /** The clock installation tokens' expiry is read against; Date.now by default. */
  now?: () => number
  baseUrl?: string
  /**
   * Scales every wait (rate-limit resets, retry-after, retry back-off): 1 in production, 0 in
   * tests so a fault costs no wall time while the same code paths run.
   */
  waitScale?: number
  /** Retries of a request that failed with 5xx or a network error. */
  retries?: number
  /** How many times one request may wait out a rate limit before giving up. */
  rateLimitRetries?: number
  /**
   * Abandons a request GitHub has not answered within this many milliseconds (counted once any
   * rate-limit pause is over): short for callers a person waits on, such as /setup; a minute by
   * default (DEFAULT_REQUEST_TIMEOUT_MS), so a connection that hangs without dropping cannot stall
   * a sweep or the label worker for ever. An abandoned request is retried like a dropped one.
   */
  timeoutMs?: number
  onWait?: (event: {
    reason: 'rate-limit' | 'secondary-limit'
    seconds: number
    url: string
  }) => void
}

/** GitHub answers a page in well under a second; a minute without an answer is a hung connection. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

/**
 * The only place an Octokit is built. Throttling keeps at most 10 requests in flight and waits
 * out primary and secondary rate limits (60 s when GitHub gives no retry-after); retry handles
 * 5xx and dropped connections; a shared pause makes every request wait while any limit is
 * being waited out, so nothing is sent that GitHub would refuse.
 */
export function createGitHubClient(options: GitHubClientOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const waitScale = options.waitScale ?? 1
  const rateLimitRetries = options.rateLimitRetries ?? 3
  const stats: RequestStats = { requests: 0, notModified: 0, rateLimit: null }
  let pausedUntil = 0
  let installationAuth: InstallationAuth | null = null
  const app = options.app
  const auth = app
    ? {
        authStrategy: (strategy: { request: RequestInterface }) => {
          installationAuth = createInstallationAuth({
            credentials: app,
            request: strategy.request,
            now: options.now ?? Date.now,
          })
          return Object.assign(async () => ({ type: 'app' as const }), {
            hook: installationAuth.hook,
          })
        },
      }
    : { auth: options.token || undefined }

  const pause = (seconds: number) => {
    pausedUntil = Math.max(pausedUntil, Date.now() + seconds * 1000 * waitScale)
  }
  // A budget seen spent on an answer holds the next request without GitHub refusing anything, so
  // the throttling plugin never hears of it: that wait is announced when a request is held.
  let spentBudgetWait: { seconds: number; url: string } | null = null
  const onLimit =
    (reason: 'rate-limit' | 'secondary-limit') =>
    (
      seconds: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      pause(seconds)
      spentBudgetWait = null
      options.onWait?.({ reason, seconds, url: request.url })
      return retryCount < rateLimitRetries
    }

  const octokit = new BoardOctokit({
    ...auth,
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: USER_AGENT,
    request: { fetch: fetchWithin(timeoutMs) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      // The plugin spaces writes 1 s apart on one limiter shared by the whole process; a scaled
      // client (tests) gets its own, scaled like every other wait. The label worker keeps its
      // own spacing per token either way.
      ...(waitScale === 1
        ? {}
        : {
            write: new Bottleneck.Group({
              maxConcurrent: 1,
              minTime: 1000 * waitScale,
              timeout: 120_000,
            }),
          }),
      onRateLimit: onLimit('rate-limit'),
      onSecondaryRateLimit: onLimit('secondary-limit'),
      retryAfterBaseValue: 1000 * waitScale,
      fallbackSecondaryRateRetryAfter: 60,
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: 1000 * waitScale },
  })

  const recordRateLimit = (headers: Record<string, string | number | undefined>, url: string) => {
    const remaining = Number(headers['x-ratelimit-remaining'])
    const limit = Number(headers['x-ratelimit-limit'])
    const reset = Number(headers['x-ratelimit-reset'])
    if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return
    stats.rateLimit = { remaining, limit, resetAt: new Date(reset * 1000) }
    // The budget is spent: hold every request until it resets rather than collect 403s. An app's
    // installations each have a budget of their own, so one spent budget must not hold the
    // others: their 403s are waited out by the throttling plugin, per request.
    if (remaining === 0 && !app) {
      const seconds = Math.ceil(Math.max(0, reset - Date.now() / 1000)) + 1
      pause(seconds)
      spentBudgetWait = { seconds, url }
    }
  }

  // What is being waited on, retries and rate-limit pauses included: `npm run sync` names it
  // when GitHub is slow to answer.
  const inFlight = new Set<{ request: string }>()
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const url = new URL(
      String(requestOptions.url).replace(/\{(\w+)\}/g, (_, name: string) =>
        String((requestOptions as Record<string, unknown>)[name] ?? `{${name}}`),
      ),
      'http://github',
    )
    const page = url.searchParams.get('page')
    const entry = {
      request: `${requestOptions.method} ${url.pathname}${page ? ` (page ${page})` : ''}`,
    }
    inFlight.add(entry)
    try {
      return await request(requestOptions)
    } finally {
      inFlight.delete(entry)
    }
  })

  octokit.hook.before('request', async () => {
    if (spentBudgetWait) {
      options.onWait?.({ reason: 'rate-limit', ...spentBudgetWait })
      spentBudgetWait = null
    }
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
    stats.requests++
    const tally = tallies.getStore()
    if (tally) tally.requests++
  })
  octokit.hook.after('request', (response) => {
    recordRateLimit(response.headers, response.url)
  })
  octokit.hook.error('request', (error) => {
    const response = (error as { response?: { headers: Record<string, string>; url: string } })
      .response
    if (response) recordRateLimit(response.headers, response.url)
    if ((error as { status?: number }).status === 304) {
      stats.notModified++
      const tally = tallies.getStore()
      if (tally) tally.notModified++
    }
    throw error
  })

  return {
    octokit,
    stats,
    /** The installations' router and usage; null when authenticating with a token. */
    installations: installationAuth as InstallationAuth | null,
    /** The requests sent and not answered yet ("GET /repos/acme/app/issues"), oldest first. */
    waitingOn: () => [...inFlight].map((entry) => entry.request),
    /** What GitHub is shown, so a refusal (401) can say what to set. */
    credential: (app ? 'app' : options.token ? 'token' : 'none') as GitHubCredential,
  }
}

export type GitHubCredential = 'token' | 'app' | 'none'

/** Whether a request failed because its `timeoutMs` ran out (Octokit wraps the abort's reason). */
export function isGitHubTimeout(error: unknown): boolean {
  const named = (value: unknown) => (value as { name?: string } | null)?.name === 'TimeoutError'
  return named(error) || named((error as { cause?: unknown } | null)?.cause)
}
