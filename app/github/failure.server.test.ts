import { RequestError } from '@octokit/request-error'
import { expect, test } from 'vitest'

import { NotGitHubJsonError } from './client.server'
import { failureOf, hostFailureOf } from './failure.server'
import { NotGitHubShapeError } from './shapes'

const request = {
  method: 'GET' as const,
  url: 'https://api.github.com/repos/mirage/mirage',
  headers: {},
}

test('a request GitHub never answered is no answer, not a 500 from GitHub', () => {
  // What Octokit throws when the host cannot be looked up: status 500 and no response.
  const error = new RequestError('getaddrinfo ENOTFOUND api.github.com', 500, { request })
  expect(failureOf(error)).toEqual({
    kind: 'transient',
    status: null,
    message: 'getaddrinfo ENOTFOUND api.github.com',
  })
})

test('a 500 GitHub did answer keeps its status', () => {
  const error = new RequestError('Server Error', 500, {
    request,
    response: { status: 500, url: request.url, headers: {}, data: { message: 'Server Error' } },
  })
  expect(failureOf(error)).toEqual({ kind: 'transient', status: 500, message: 'Server Error' })
})

test('an answer that is not GitHub’s JSON, or not of its shape, is a setting to fix, not an outage', () => {
  const url = 'https://proxy.example/repos/mirage/mirage/issues'
  for (const error of [
    new NotGitHubShapeError(url, 'issue: number is missing'),
    new NotGitHubJsonError(url, 'text/html'),
  ]) {
    expect(failureOf(error)).toEqual({ kind: 'not-github', status: null, message: error.message })
    expect(error.message).toContain('set GITHUB_API_URL')
  }
})

test('only a failure to reach the host at all is GitHub out of reach, not one dropped request', () => {
  const request = {
    method: 'GET' as const,
    url: 'https://api.github.example/repos/a/b',
    headers: {},
  }
  const noAnswer = (code: string | undefined, message: string) => {
    const error = new RequestError(message, 500, { request })
    error.cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error(message), { code }),
    })
    return error
  }
  expect(hostFailureOf(noAnswer('ENOTFOUND', 'getaddrinfo ENOTFOUND api.github.example'))).toBe(
    'no such host (DNS lookup failed)',
  )
  expect(hostFailureOf(noAnswer('CERT_HAS_EXPIRED', 'certificate has expired'))).toBe(
    'TLS failure (certificate has expired)',
  )
  expect(hostFailureOf(noAnswer('ECONNRESET', 'read ECONNRESET'))).toBeNull()
  expect(hostFailureOf(noAnswer(undefined, 'bad port'))).toBe(
    'the port is one browsers and Node refuse to use',
  )
  // An answer, however bad, is an answer.
  expect(
    hostFailureOf(
      new RequestError('Bad Gateway', 502, {
        request,
        response: { status: 502, url: request.url, headers: {}, data: '' },
      }),
    ),
  ).toBeNull()
})
