import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'

import { createGitHubClient } from './client.server'

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
})

afterEach(async () => {
  await github.close()
})

test('a secondary limit without retry-after is waited out for 60 s; with one, as long as it says', async () => {
  const waits: { reason: string; seconds: number }[] = []
  const { octokit } = createGitHubClient({
    token: 'test-token',
    baseUrl: github.url,
    waitScale: 0,
    onWait: ({ reason, seconds }) => waits.push({ reason, seconds }),
  })
  github.faults.add({ path: '/repos/acme/app', fault: { kind: 'secondary-rate-limit' } })
  github.faults.add({
    path: '/repos/acme/app',
    fault: { kind: 'secondary-rate-limit', retryAfter: 7 },
  })
  const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  expect(data.full_name).toBe('acme/app')
  expect(waits).toEqual([
    { reason: 'secondary-limit', seconds: 60 },
    { reason: 'secondary-limit', seconds: 7 },
  ])
})

test('a budget seen spent on an answer is announced when it holds the next request, before GitHub refuses any', async () => {
  const waits: { reason: string; seconds: number; refusedSoFar: number }[] = []
  const { octokit } = createGitHubClient({
    token: 'test-token',
    baseUrl: github.url,
    // The hold costs no time here, so the held request goes out and meets the spent budget too.
    waitScale: 0,
    rateLimitRetries: 0,
    onWait: ({ reason, seconds }) =>
      waits.push({ reason, seconds, refusedSoFar: github.counters.rateLimited }),
  })
  github.rateLimit.set({ remaining: 1, resetAt: Date.now() + 3_600_000 })
  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  expect(waits).toEqual([])
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({
    status: 403,
  })
  expect(waits[0]).toMatchObject({ reason: 'rate-limit', refusedSoFar: 0 })
  expect(waits[0]?.seconds).toBeGreaterThan(3_500)
})

test('requests, 304s and the rate-limit headroom are counted', async () => {
  const { octokit, stats } = createGitHubClient({ token: 'test-token', baseUrl: github.url })
  const first = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  await expect(
    octokit.rest.repos.get({
      owner: 'acme',
      repo: 'app',
      headers: { 'if-none-match': first.headers.etag! },
    }),
  ).rejects.toMatchObject({ status: 304 })
  expect(stats).toMatchObject({ requests: 2, notModified: 1 })
  expect(stats.rateLimit?.remaining).toBe(github.rateLimit.get().remaining)
})

test('a 5xx is retried, a 404 is not', async () => {
  const { octokit } = createGitHubClient({ token: 'test-token', baseUrl: github.url, waitScale: 0 })
  github.faults.add({ path: '/repos/acme/app', times: 2, fault: { kind: 'server-error' } })
  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' })).rejects.toMatchObject({
    status: 404,
  })
  expect(github.requestLog.map((entry) => entry.status)).toEqual([500, 500, 200, 404])
})

test('a request GitHub leaves hanging is abandoned and retried, so nothing waits on it for ever', async () => {
  const { octokit, stats } = createGitHubClient({
    token: 'test-token',
    baseUrl: github.url,
    waitScale: 0,
    timeoutMs: 50,
  })
  // The first answer would come after a minute; the retry gets an answer at once.
  github.faults.add({ path: '/repos/acme/app', times: 1, fault: { kind: 'delay', ms: 60_000 } })
  const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  expect(data.full_name).toBe('acme/app')
  // One request through the client; its first attempt (1) was never answered, its retry (2) was.
  // On a starved machine the retry too can outlast the timeout and be tried again (3): what
  // matters is that nothing waited on the hanging attempt and every later one was answered.
  expect(stats.requests).toBe(1)
  const answered = github.requestLog.map((entry) => [entry.seq, entry.status])
  expect(answered[0]).toEqual([2, 200])
  expect(answered.every(([seq, status]) => seq !== 1 && status === 200)).toBe(true)
})

test('an answer that is not GitHub’s JSON (a web page or a proxy at GITHUB_API_URL) fails saying so', async () => {
  const { octokit } = createGitHubClient({ token: 'test-token', baseUrl: github.url, waitScale: 0 })
  github.faults.add({
    path: '/repos/acme/app',
    fault: {
      kind: 'not-the-api',
      contentType: 'text/html; charset=utf-8',
      body: '<html><body>Sign in to the proxy</body></html>',
    },
  })
  github.faults.add({
    path: '/repos/acme/app',
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{"id": 1, "full_' },
  })
  // Once handed on as text, for a sync to fail on as "Cannot read properties of undefined".
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toThrow(
    `${github.url} answered /repos/acme/app with text/html, not GitHub's JSON: set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
  )
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toThrow(
    /answered \/repos\/acme\/app with JSON that does not parse, not GitHub's JSON: set GITHUB_API_URL/,
  )
  // The next answer, GitHub's own JSON, is read as before.
  const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  expect(data.full_name).toBe('acme/app')
})
