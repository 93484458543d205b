// What GitHub meant when a request failed, read from Octokit's errors by shape, so that every
// raw request module (labels.server.ts, issues.server.ts) answers the same domain outcomes and
// no caller needs to know Octokit's RequestError.

import { NotGitHubJsonError } from './client.server'
import { NotGitHubShapeError } from './shapes'

/**
 * Why GitHub did not do what was asked. forbidden: the token may not write there (403, not a
 * rate limit); gone: 404 or 410; moved: 301 or 307; unauthorized: the token itself was refused
 * (401); rejected: any other 4xx; transient: 5xx, a rate limit the client gave up waiting out,
 * or no answer at all; not-github: a 2xx answer that is not GitHub's JSON or not of its shape,
 * so GITHUB_API_URL probably names something else (trying again later will not help).
 */
export type GitHubFailure = {
  kind: 'forbidden' | 'gone' | 'moved' | 'unauthorized' | 'rejected' | 'transient' | 'not-github'
  /** GitHub's HTTP status; null when it never answered. */
  status: number | null
  /** GitHub's message, or the error's when there was no answer. */
  message: string
}

export type Failed = { outcome: 'failed'; failure: GitHubFailure }

// Octokit's RequestError carries the HTTP status and the response. When GitHub never answered (no
// such host, connection refused, aborted) Octokit still sets status 500, with no response: that is
// no answer, not GitHub's 500. Read by shape, so a caller's error without a status is no answer too.
type ErrorShape = {
  status?: number
  message?: string
  response?: { data?: unknown; headers?: Record<string, string | undefined> }
}

export function statusOf(error: unknown) {
  const status = (error as ErrorShape | null)?.status
  return typeof status === 'number' ? status : undefined
}

function githubMessage(error: unknown) {
  const data = (error as ErrorShape | null)?.response?.data as { message?: string } | undefined
  return data?.message ?? (error instanceof Error ? error.message : String(error))
}

/** A rate limit the client's throttling gave up waiting out: transient, not a permission. */
function isRateLimited(error: unknown) {
  const status = statusOf(error)
  if (status === 429) return true
  const headers = (error as ErrorShape | null)?.response?.headers ?? {}
  return (
    status === 403 &&
    (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(githubMessage(error)))
  )
}

/** 422 already_exists: a label of that name is there already. */
export function isAlreadyExists(error: unknown) {
  const errors = ((error as ErrorShape | null)?.response?.data as { errors?: { code?: string }[] })
    ?.errors
  return statusOf(error) === 422 && (errors ?? []).some((entry) => entry.code === 'already_exists')
}

/** True when a request got no HTTP answer at all (Octokit's status 500 without a response). */
function isUnanswered(error: unknown) {
  return statusOf(error) === 500 && (error as ErrorShape | null)?.response === undefined
}

export function failureOf(error: unknown): GitHubFailure {
  const status = isUnanswered(error) ? undefined : statusOf(error)
  const message = githubMessage(error)
  const answer = (kind: GitHubFailure['kind']) => ({ kind, status: status ?? null, message })
  if (error instanceof NotGitHubJsonError || error instanceof NotGitHubShapeError) {
    return answer('not-github')
  }
  if (status === undefined) return answer('transient')
  if (status === 403 && !isRateLimited(error)) return answer('forbidden')
  if (status === 404 || status === 410) return answer('gone')
  if (status === 301 || status === 307) return answer('moved')
  if (status === 401) return answer('unauthorized')
  if (status >= 400 && status < 500 && !isRateLimited(error)) return answer('rejected')
  return answer('transient')
}

export function failed(error: unknown): Failed {
  return { outcome: 'failed', failure: failureOf(error) }
}

const HOST_FAILURES: Record<string, string> = {
  ENOTFOUND: 'no such host (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
}

const isTlsCode = (code: string) =>
  /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/.test(
    code,
  )

/**
 * Why GitHub's host could not be reached at all, in words, or null for a failure that could be
 * one request's own (a dropped connection, a timeout, any HTTP answer).
 */
export function hostFailureOf(error: unknown): string | null {
  if (!isUnanswered(error)) return null
  // Octokit's error wraps fetch's "fetch failed", which wraps the socket's error and its code.
  for (
    let cause: unknown = (error as { cause?: unknown }).cause, depth = 0;
    cause && depth < 5;
    depth++
  ) {
    const { code, message } = cause as { code?: unknown; message?: unknown }
    // fetch refuses ports such as 1 or 6000 before connecting, with no code: nothing ever will.
    if (code === undefined && message === 'bad port') {
      return 'the port is one browsers and Node refuse to use'
    }
    if (typeof code === 'string') {
      if (HOST_FAILURES[code]) return HOST_FAILURES[code]
      if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return 'TLS failure (the server there does not speak TLS: http:// rather than https://?)'
      }
      // Certificate errors say what is wrong in a line; OpenSSL's others are its internals.
      if (isTlsCode(code)) {
        const isReadable = typeof message === 'string' && /^[\w ,'-]+$/.test(message)
        return `TLS failure (${isReadable ? message : code})`
      }
    }
    cause = (cause as { cause?: unknown }).cause
  }
  return null
}

// The words below are the board's one way of saying GitHub is out of reach: a sweep (npm run sync,
// the server's status) and /setup's own questions to GitHub say the same thing.

/** What is said when GitHub's host at `baseUrl` cannot be reached at all (hostFailureOf). */
export function unreachableMessage(baseUrl: string, reason: string) {
  return `Could not reach GitHub at ${baseUrl}: ${reason}. Check GITHUB_API_URL and that this machine can reach it.`
}

/** What is said when what answers at `baseUrl` is not GitHub's API. */
export function notGitHubMessage(baseUrl: string, error: NotGitHubJsonError | NotGitHubShapeError) {
  return `Not GitHub's API at ${baseUrl}: ${error.message}`
}

/**
 * The words for one request's failure when it says GitHub at `baseUrl` is out of reach (no such
 * host, connection refused, a TLS failure, a port fetch refuses) or not GitHub's API at all;
 * null for any other failure.
 */
export function outOfReachMessageOf(baseUrl: string, error: unknown): string | null {
  if (error instanceof NotGitHubJsonError || error instanceof NotGitHubShapeError) {
    return notGitHubMessage(baseUrl, error)
  }
  const reason = hostFailureOf(error)
  return reason ? unreachableMessage(baseUrl, reason) : null
}
