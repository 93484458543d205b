import { RequestError } from '@octokit/request-error'
import { expect, test } from 'vitest'

import { failureOf } from './failure.server'

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
