import { RequestError } from '@octokit/request-error'
import { expect, test } from 'vitest'

import { NotGitHubJsonError } from './client.server'
import { failureOf } from './failure.server'
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
