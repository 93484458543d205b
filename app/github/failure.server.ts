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
