import type { components } from '@octokit/openapi-types'
import { expect, onTestFinished, test, vi } from 'vitest'

import { mapIssue, mapRepository } from '~/github/map'

import { createFakeGitHubOAuth } from './oauth'
import { createOpenApiValidators, type OpenApiValidators } from './openapi'
import { createFakeGitHub, type CreateFakeGitHubOptions, type FakeGitHub } from './server'

type Schemas = components['schemas']
type Issue = Schemas['issue']
type Label = Schemas['label']
type ErrorBody = { message: string; documentation_url: string; errors?: unknown[] }

async function startFake(options?: CreateFakeGitHubOptions) {
  const github = await createFakeGitHub(options)
  onTestFinished(() => github.close())
  return github
}

function call(
  github: FakeGitHub,
  path: string,
  init: RequestInit & { token?: string | null; json?: unknown } = {},
) {
  const { token = 'test-token', json, ...rest } = init
  const headers = new Headers(rest.headers)
  if (token !== null && !headers.has('authorization'))
    headers.set('authorization', `token ${token}`)
  if (json !== undefined) headers.set('content-type', 'application/json')
  return fetch(path.startsWith('http') ? path : `${github.url}${path}`, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  })
}

async function getJson<T>(github: FakeGitHub, path: string, init?: Parameters<typeof call>[2]) {
  const response = await call(github, path, init)
  return { response, body: (await response.json()) as T }
}

function links(response: Response): Record<string, string> {
  const header = response.headers.get('link') ?? ''
  return Object.fromEntries(
    [...header.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map(([, url = '', rel = '']) => [rel, url]),
  )
}

function rels(response: Response) {
  return [...(response.headers.get('link') ?? '').matchAll(/rel="(\w+)"/g)].map(([, rel]) => rel)
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

const hour = 3_600_000
const t0 = Date.parse('2024-01-01T00:00:00Z')

// ---- pagination ----

test('issue lists default to 30 per page with absolute Link headers on the /repositories form', async () => {
  const github = await startFake()
  const repository = github.addRepository('acme/app')
  github.addIssues('acme/app', 75)

  const { response, body } = await getJson<Issue[]>(github, '/repos/acme/app/issues')

  expect(body).toHaveLength(30)
  expect(rels(response)).toEqual(['next', 'last'])
  expect(links(response)).toEqual({
    next: `${github.url}/repositories/${repository.id}/issues?page=2`,
    last: `${github.url}/repositories/${repository.id}/issues?page=3`,
  })
})

test('walking rel="next" returns every issue exactly once and keeps the query', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 250, (i) => ({
    state: i % 3 === 0 ? 'closed' : 'open',
    isPullRequest: i % 7 === 0,
    createdAt: t0 + i * hour,
  }))

  const seen: number[] = []
  const pages: Response[] = []
  let next: string | undefined = '/repos/acme/app/issues?state=all&per_page=100&sort=created'
  while (next) {
    const { response, body }: { response: Response; body: Issue[] } = await getJson(github, next)
    pages.push(response)
    seen.push(...body.map((issue) => issue.number))
    next = links(response).next
    if (next)
      expect(new URL(next).search).toMatch(/^\?state=all&per_page=100&sort=created&page=\d$/)
  }

  expect(pages).toHaveLength(3)
  expect(seen).toHaveLength(250)
  expect(new Set(seen).size).toBe(250)
  expect(seen).toEqual([...seen].sort((a, b) => b - a))
  const [, middle, last] = pages
  expect(middle && rels(middle)).toEqual(['prev', 'next', 'last', 'first'])
  expect(last && rels(last)).toEqual(['prev', 'first'])
})

test('per_page is capped at 100 and a list that fits one page has no Link header', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 120)

  const big = await getJson<Issue[]>(github, '/repos/acme/app/issues?per_page=500')
  const small = await getJson<Label[]>(github, '/repos/acme/app/labels')

  expect(big.body).toHaveLength(100)
  expect(links(big.response).last).toMatch(/per_page=500&page=2$/)
  expect(small.response.headers.get('link')).toBeNull()
})

test('labels are paginated like every other list', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  for (let i = 0; i < 5; i++) github.addLabel('acme/app', `label-${i}`)

  const first = await getJson<Label[]>(github, '/repos/acme/app/labels?per_page=2')
  const last = await getJson<Label[]>(github, links(first.response).last ?? '')

  expect(first.body.map((label) => label.name)).toEqual(['label-0', 'label-1'])
  expect(last.body.map((label) => label.name)).toEqual(['label-4'])
})

// ---- filters and ordering ----

test('since keeps issues updated at or after the instant', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  for (const h of [10, 11, 12]) github.addIssue('acme/app', { createdAt: t0 + h * hour })

  const at = await getJson<Issue[]>(github, '/repos/acme/app/issues?since=2024-01-01T11:00:00Z')
  const after = await getJson<Issue[]>(github, '/repos/acme/app/issues?since=2024-01-01T11:00:01Z')

  expect(at.body.map((issue) => issue.number)).toEqual([3, 2])
  expect(after.body.map((issue) => issue.number)).toEqual([3])
})

test('sort and direction order by created, updated or comments', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { createdAt: t0, updatedAt: t0 + 5 * hour, comments: 1 })
  github.addIssue('acme/app', { createdAt: t0 + hour, updatedAt: t0 + hour, comments: 9 })
  github.addIssue('acme/app', { createdAt: t0 + 2 * hour, updatedAt: t0 + 3 * hour, comments: 4 })
  const numbers = async (query: string) =>
    (await getJson<Issue[]>(github, `/repos/acme/app/issues${query}`)).body.map((i) => i.number)

  expect(await numbers('')).toEqual([3, 2, 1])
  expect(await numbers('?direction=asc')).toEqual([1, 2, 3])
  expect(await numbers('?sort=updated')).toEqual([1, 3, 2])
  expect(await numbers('?sort=updated&direction=asc')).toEqual([2, 3, 1])
  expect(await numbers('?sort=comments')).toEqual([2, 3, 1])
})

test('state and labels filter, and pull requests come with a pull_request object', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { labels: ['bug', 'UI'] })
  github.addIssue('acme/app', { labels: ['bug'], state: 'closed' })
  github.addIssue('acme/app', { isPullRequest: true, state: 'closed', mergedAt: t0 })

  const open = await getJson<Issue[]>(github, '/repos/acme/app/issues')
  const closed = await getJson<Issue[]>(github, '/repos/acme/app/issues?state=closed')
  const labelled = await getJson<Issue[]>(github, '/repos/acme/app/issues?state=all&labels=ui,BUG')

  expect(open.body.map((issue) => issue.number)).toEqual([1])
  expect(open.body[0]).not.toHaveProperty('pull_request')
  expect(closed.body.map((issue) => issue.number)).toEqual([3, 2])
  expect(closed.body[0]?.pull_request).toMatchObject({
    merged_at: '2024-01-01T00:00:00Z',
    html_url: 'https://github.com/acme/app/pull/3',
  })
  expect(closed.body[1]?.state_reason).toBe('completed')
  expect(labelled.body.map((issue) => issue.number)).toEqual([1])
})

test('malformed list parameters answer 422 Validation Failed', async () => {
  const github = await startFake()
  github.addRepository('acme/app')

  const state = await getJson<ErrorBody>(github, '/repos/acme/app/issues?state=bogus')
  const perPage = await getJson<ErrorBody>(github, '/repos/acme/app/issues?per_page=abc')
  const since = await getJson<ErrorBody>(github, '/repos/acme/app/issues?since=yesterday')

  expect(state.response.status).toBe(422)
  expect(state.body).toMatchObject({
    message: 'Validation Failed',
    errors: [{ resource: 'Issue', field: 'state', code: 'invalid', value: 'bogus' }],
  })
  expect(perPage.response.status).toBe(422)
  expect(perPage.body.errors).toEqual([
    { resource: 'Issue', field: 'per_page', code: 'invalid', value: 'abc' },
  ])
  expect(since.response.status).toBe(422)
})

test('unknown routes and repositories answer 404 Not Found', async () => {
  const github = await startFake()

  const route = await getJson<ErrorBody>(github, '/nothing/here')
  const repository = await getJson<ErrorBody>(github, '/repos/acme/missing/issues')

  expect(route.response.status).toBe(404)
  expect(route.body).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) })
  expect(repository.response.status).toBe(404)
})

// ---- conditional requests ----

test('If-None-Match with the current ETag answers 304 without using a rate-limit point', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app')

  const first = await call(github, '/repos/acme/app/issues')
  const etag = first.headers.get('etag') ?? ''
  const again = await call(github, '/repos/acme/app/issues', {
    headers: { 'if-none-match': etag },
  })

  expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/)
  expect(again.status).toBe(304)
  expect(await again.text()).toBe('')
  expect(again.headers.get('etag')).toBe(etag)
  expect(again.headers.get('x-ratelimit-remaining')).toBe(
    first.headers.get('x-ratelimit-remaining'),
  )
  expect(github.requestLog.at(-1)).toMatchObject({
    isConditional: true,
    isNotModified: true,
    hasConsumedRateLimit: false,
  })
  expect(github.counters).toMatchObject({ notModified: 1, consumedRateLimit: 1 })
})

test('a changed list gets a new ETag and a 200', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app')
  const etag = (await call(github, '/repos/acme/app/issues')).headers.get('etag') ?? ''

  github.clock.advance(60_000)
  github.updateIssue('acme/app', 1, { title: 'Renamed' })
  const changed = await call(github, '/repos/acme/app/issues', {
    headers: { 'if-none-match': etag },
  })

  expect(changed.status).toBe(200)
  expect(changed.headers.get('etag')).not.toBe(etag)
  expect(github.requestLog.at(-1)?.hasConsumedRateLimit).toBe(true)
})

test('If-Modified-Since answers 304 unless the resource changed after it', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { createdAt: '2024-02-03T04:05:06Z' })

  const first = await call(github, '/repos/acme/app/issues/1')
  const lastModified = first.headers.get('last-modified') ?? ''
  const same = await call(github, '/repos/acme/app/issues/1', {
    headers: { 'if-modified-since': lastModified },
  })
  const older = await call(github, '/repos/acme/app/issues/1', {
    headers: { 'if-modified-since': 'Sat, 03 Feb 2024 04:05:05 GMT' },
  })

  expect(lastModified).toBe('Sat, 03 Feb 2024 04:05:06 GMT')
  expect(same.status).toBe(304)
  expect(older.status).toBe(200)
})

// ---- rate limits ----

test('every response carries the core rate-limit headers', async () => {
  const resetAt = Date.now() + hour + 500
  const github = await startFake({ rateLimit: { limit: 100, resetAt } })
  const expectedReset = String(Math.ceil(resetAt / 1000))

  const ok = await call(github, '/user')
  const missing = await call(github, '/repos/acme/none')
  const unauthorised = await call(github, '/user', { token: 'wrong' })

  for (const response of [ok, missing, unauthorised]) {
    expect(response.headers.get('x-ratelimit-limit')).toBe('100')
    expect(response.headers.get('x-ratelimit-resource')).toBe('core')
    expect(response.headers.get('x-ratelimit-reset')).toBe(expectedReset)
  }
  expect(ok.headers.get('x-ratelimit-remaining')).toBe('99')
  expect(ok.headers.get('x-ratelimit-used')).toBe('1')
  expect(missing.headers.get('x-ratelimit-remaining')).toBe('98')
  expect(unauthorised.headers.get('x-ratelimit-remaining')).toBe('98')
})

test('an exhausted rate limit answers 403 until the window resets, and /rate_limit stays free', async () => {
  const github = await startFake({ rateLimit: { limit: 2 } })

  await call(github, '/user')
  await call(github, '/user')
  const refused = await getJson<ErrorBody>(github, '/user')
  const overview = await getJson<Schemas['rate-limit-overview']>(github, '/rate_limit')
  github.rateLimit.set({ resetAt: Date.now() + 30 })
  await sleep(50)
  const afterReset = await call(github, '/user')

  expect(refused.response.status).toBe(403)
  expect(refused.response.headers.get('x-ratelimit-remaining')).toBe('0')
  expect(refused.body).toMatchObject({
    message: 'API rate limit exceeded for user ID 1.',
    documentation_url: expect.stringContaining('rate-limits'),
  })
  expect(overview.response.status).toBe(200)
  expect(overview.body.rate).toMatchObject({ limit: 2, remaining: 0, used: 2 })
  expect(overview.body.resources.core).toEqual(overview.body.rate)
  expect(afterReset.status).toBe(200)
  expect(afterReset.headers.get('x-ratelimit-remaining')).toBe('1')
  expect(github.counters).toMatchObject({ rateLimited: 1, consumedRateLimit: 3 })
})

// ---- faults ----

test('a secondary rate limit answers 403 with Retry-After once, then serves normally', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  const handle = github.faults.add({
    method: 'GET',
    path: '/repos/acme/app/issues',
    fault: { kind: 'secondary-rate-limit', retryAfter: 7 },
  })

  const limited = await getJson<ErrorBody>(github, '/repos/acme/app/issues')
  const next = await call(github, '/repos/acme/app/issues')

  expect(limited.response.status).toBe(403)
  expect(limited.response.headers.get('retry-after')).toBe('7')
  expect(limited.response.headers.get('x-ratelimit-remaining')).not.toBe('0')
  expect(limited.body.message).toMatch(/^You have exceeded a secondary rate limit/)
  expect(next.status).toBe(200)
  expect(handle.hits).toBe(1)
  expect(github.faults.pending()).toEqual([])
  expect(github.requestLog[0]).toMatchObject({ fault: 'secondary-rate-limit', status: 403 })
})

test('a secondary rate limit can come without Retry-After', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', fault: { kind: 'secondary-rate-limit' } })

  const limited = await getJson<ErrorBody>(github, '/user')

  expect(limited.response.status).toBe(403)
  expect(limited.response.headers.get('retry-after')).toBeNull()
  expect(limited.body.message).toMatch(/secondary rate limit/)
})

test('429 comes with Retry-After and the secondary-rate-limit message', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', fault: { kind: 'too-many-requests', retryAfter: 3 } })

  const limited = await getJson<ErrorBody>(github, '/user')

  expect(limited.response.status).toBe(429)
  expect(limited.response.headers.get('retry-after')).toBe('3')
  expect(limited.body.message).toMatch(/secondary rate limit/)
})

test('server errors can repeat and match by pattern and page', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 5)
  github.faults.add({
    path: '/repos/*/app/issues',
    page: 2,
    times: 2,
    fault: { kind: 'server-error', status: 502 },
  })
  github.faults.add({
    method: 'GET',
    path: '/repos/acme/**',
    fault: { kind: 'server-error', status: 503 },
  })

  const statuses: number[] = []
  for (const path of [
    '/repos/acme/app/issues?per_page=2&page=2',
    '/repos/acme/app/issues?per_page=2&page=2',
    '/repos/acme/app/issues?per_page=2&page=2',
    '/repos/acme/app/labels',
    '/repos/acme/app/labels',
  ]) {
    statuses.push((await call(github, path)).status)
  }
  const plain = await call(github, '/user')

  expect(statuses).toEqual([502, 502, 503, 200, 200])
  expect(plain.status).toBe(200)
  expect(github.counters.faults).toBe(3)
})

test('a 500 has a JSON body and uses no rate-limit point', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', fault: { kind: 'server-error' } })

  const failed = await getJson<ErrorBody>(github, '/user')

  expect(failed.response.status).toBe(500)
  expect(failed.body.message).toBe('Server Error')
  expect(github.requestLog[0]?.hasConsumedRateLimit).toBe(false)
})

test('slow responses are delayed and in-flight requests are counted', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', times: 3, fault: { kind: 'delay', ms: 80 } })

  const started = Date.now()
  const responses = await Promise.all([1, 2, 3].map(() => call(github, '/user')))

  expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
  expect(Date.now() - started).toBeGreaterThanOrEqual(75)
  expect(github.maxConcurrent).toBe(3)
  expect(github.inFlight).toBe(0)
  expect(github.requestLog.every((entry) => entry.durationMs >= 75)).toBe(true)
})

test('a client that gives up during a slow response is logged as abandoned', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', fault: { kind: 'delay', ms: 100 } })

  await expect(call(github, '/user', { signal: AbortSignal.timeout(20) })).rejects.toThrow()

  // The fake notices once its 100 ms delay is over: waited for, not assumed after a fixed sleep
  // (a busy machine runs the timer late).
  await vi.waitFor(() => expect(github.requestLog).toHaveLength(1), { timeout: 10_000 })
  expect(github.requestLog[0]).toMatchObject({ fault: 'delay', isAbandoned: true })
  expect(github.inFlight).toBe(0)
})

test('a connection reset destroys the socket without an answer', async () => {
  const github = await startFake()
  github.faults.add({ path: '/user', fault: { kind: 'connection-reset' } })

  await expect(call(github, '/user')).rejects.toThrow()
  const next = await call(github, '/user')

  expect(next.status).toBe(200)
  expect(github.requestLog[0]).toMatchObject({ status: null, fault: 'connection-reset' })
  expect(github.counters.connectionResets).toBe(1)
})

test('a mutation between pages shifts items like GitHub: one repeats and the moved one is missed', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 9, (i) => ({ createdAt: t0 + i * hour }))
  github.clock.set(t0 + 100 * hour)
  github.faults.add({
    method: 'GET',
    path: '/repos/acme/app/issues',
    page: 2,
    fault: {
      kind: 'mutate',
      run: (fake) => void fake.updateIssue('acme/app', 1, { title: 'Bumped' }),
    },
  })

  const seen: number[] = []
  let next: string | undefined = '/repos/acme/app/issues?sort=updated&per_page=3'
  while (next) {
    const { response, body }: { response: Response; body: Issue[] } = await getJson(github, next)
    seen.push(...body.map((issue) => issue.number))
    next = links(response).next
  }

  // Page 2 is fetched from the Link header's /repositories/{id} URL; the rule still matched.
  expect(github.requestLog[1]?.path).toMatch(/^\/repositories\/\d+\/issues$/)
  expect(seen).toEqual([9, 8, 7, 7, 6, 5, 4, 3, 2])
  expect(github.issue('acme/app', 1)?.updatedAt).toBe('2024-01-05T04:00:00Z')
})

// ---- authentication ----

test('a missing or unknown token answers 401 Bad credentials', async () => {
  const github = await startFake()

  const missing = await getJson<ErrorBody>(github, '/user', { token: null })
  const unknown = await getJson<ErrorBody>(github, '/user', { token: 'nope' })

  for (const { response, body } of [missing, unknown]) {
    expect(response.status).toBe(401)
    expect(body).toMatchObject({
      message: 'Bad credentials',
      documentation_url: expect.any(String),
    })
  }
  expect(github.requestLog.every((entry) => !entry.hasConsumedRateLimit)).toBe(true)
})

test('tokens are accepted as "token X" and "Bearer X"', async () => {
  const github = await startFake({ tokens: ['one', 'two'], login: 'board-bot' })

  const classic = await getJson<Schemas['private-user']>(github, '/user', {
    headers: { authorization: 'token one' },
  })
  const bearer = await call(github, '/user', { headers: { authorization: 'Bearer two' } })

  expect(classic.response.status).toBe(200)
  expect(classic.body).toMatchObject({ login: 'board-bot', id: 1 })
  expect(bearer.status).toBe(200)
  expect(github.requestLog.map((entry) => entry.token)).toEqual(['one', 'two'])
})

// ---- repository lifecycle ----

test('a renamed repository answers 301 to /repositories/{id} at its old name', async () => {
  const github = await startFake()
  const repository = github.addRepository('acme/old-name')
  github.addIssue('acme/old-name')
  github.renameRepository('acme/old-name', 'acme/new-name')

  const moved = await getJson<ErrorBody & { url: string }>(github, '/repos/acme/old-name', {
    redirect: 'manual',
  })
  const movedList = await call(github, '/repos/acme/old-name/issues?state=all', {
    redirect: 'manual',
  })
  const followed = await getJson<Schemas['full-repository']>(github, '/repos/acme/old-name')
  const write = await call(github, '/repos/acme/old-name/labels', {
    method: 'POST',
    json: { name: 'x' },
    redirect: 'manual',
  })

  const location = `${github.url}/repositories/${repository.id}`
  expect(moved.response.status).toBe(301)
  expect(moved.response.headers.get('location')).toBe(location)
  expect(moved.body).toMatchObject({ message: 'Moved Permanently', url: location })
  expect(movedList.headers.get('location')).toBe(`${location}/issues?state=all`)
  expect(followed.body.full_name).toBe('acme/new-name')
  expect(write.status).toBe(307)
})

test('a transferred repository redirects from its old owner and lists under the new one', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addRepository('other/keep')
  github.transferRepository('acme/app', 'other')

  const moved = await call(github, '/repos/acme/app', { redirect: 'manual' })
  const listed = await getJson<Schemas['minimal-repository'][]>(github, '/orgs/other/repos')

  expect(moved.status).toBe(301)
  expect(listed.body.map((repository) => repository.full_name).sort()).toEqual([
    'other/app',
    'other/keep',
  ])
})

test('a deleted repository answers 404 by name and by id', async () => {
  const github = await startFake()
  const repository = github.addRepository('acme/app')
  github.deleteRepository('acme/app')

  expect((await call(github, '/repos/acme/app')).status).toBe(404)
  expect((await call(github, `/repositories/${repository.id}`)).status).toBe(404)
  expect(github.repository('acme/app')).toBeUndefined()
})

test('disabled issues answer 410 on issue endpoints while labels still list', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app')
  github.disableIssues('acme/app')

  const list = await getJson<ErrorBody>(github, '/repos/acme/app/issues')
  const single = await call(github, '/repos/acme/app/issues/1')
  const labels = await call(github, '/repos/acme/app/labels')

  expect(list.response.status).toBe(410)
  expect(list.body.message).toBe('Issues are disabled for this repo')
  expect(single.status).toBe(410)
  expect(labels.status).toBe(200)
})

test('an archived repository reads fine but refuses writes with 403', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app')
  github.archiveRepository('acme/app')

  const repository = await getJson<Schemas['full-repository']>(github, '/repos/acme/app')
  const write = await getJson<ErrorBody>(github, '/repos/acme/app/issues/1/labels', {
    method: 'POST',
    json: { labels: ['bug'] },
  })

  expect(repository.body.archived).toBe(true)
  expect(write.response.status).toBe(403)
  expect(write.body.message).toBe('Repository was archived so is read-only.')
})

test('a deleted issue answers 410 and a never-used number 404', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 2)
  github.deleteIssue('acme/app', 2)

  expect((await call(github, '/repos/acme/app/issues/2')).status).toBe(410)
  expect((await call(github, '/repos/acme/app/issues/3')).status).toBe(404)
  expect(github.issues('acme/app').map((issue) => issue.number)).toEqual([1])
})

test('organisation listings filter by type and page through /organizations/{id}', async () => {
  const github = await startFake()
  github.addRepository('acme/a', { createdAt: t0 })
  github.addRepository('acme/b', { createdAt: t0 + hour, fork: true })
  github.addRepository('acme/c', { createdAt: t0 + 2 * hour, private: true, archived: true })
  github.addRepository('jane/dotfiles', { ownerType: 'User' })
  const names = (body: Schemas['minimal-repository'][]) => body.map((r) => r.full_name)

  const all = await getJson<Schemas['minimal-repository'][]>(github, '/orgs/acme/repos?per_page=2')
  const forks = await getJson<Schemas['minimal-repository'][]>(
    github,
    '/orgs/acme/repos?type=forks',
  )
  const sources = await getJson<Schemas['minimal-repository'][]>(
    github,
    '/orgs/acme/repos?type=sources',
  )
  const user = await getJson<Schemas['minimal-repository'][]>(github, '/users/jane/repos')
  const notOrg = await call(github, '/orgs/jane/repos')
  const rest = await getJson<Schemas['minimal-repository'][]>(
    github,
    links(all.response).next ?? '',
  )

  expect(names(all.body)).toEqual(['acme/c', 'acme/b'])
  expect(links(all.response).next).toMatch(/\/organizations\/\d+\/repos\?per_page=2&page=2$/)
  expect(names(rest.body)).toEqual(['acme/a'])
  expect(names(forks.body)).toEqual(['acme/b'])
  expect(names(sources.body)).toEqual(['acme/c', 'acme/a'])
  expect(names(user.body)).toEqual(['jane/dotfiles'])
  expect(notOrg.status).toBe(404)
})

// ---- label write-back ----

test('creating a label answers 201 with Location, and 422 already_exists the second time', async () => {
  const github = await startFake()
  github.addRepository('acme/app')

  const created = await getJson<Label>(github, '/repos/acme/app/labels', {
    method: 'POST',
    json: { name: 'good first issue', color: '7057ff', description: 'Start here' },
  })
  const duplicate = await getJson<ErrorBody>(github, '/repos/acme/app/labels', {
    method: 'POST',
    json: { name: 'Good First Issue' },
  })

  expect(created.response.status).toBe(201)
  expect(created.response.headers.get('location')).toBe(
    `${github.url}/repos/acme/app/labels/good%20first%20issue`,
  )
  expect(created.body).toMatchObject({ name: 'good first issue', color: '7057ff', default: false })
  expect(duplicate.response.status).toBe(422)
  expect(duplicate.body).toMatchObject({
    message: 'Validation Failed',
    errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
  })
})

test('updating a label with new_name renames it on issues without touching their updated_at', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addLabel('acme/app', { name: 'help wanted', color: '008672' })
  const before = github.addIssue('acme/app', { labels: ['help wanted'] })
  github.clock.advance(hour)

  const updated = await getJson<Label>(github, '/repos/acme/app/labels/help%20wanted', {
    method: 'PATCH',
    json: { new_name: 'help-wanted', color: '00ff00' },
  })
  const old = await call(github, '/repos/acme/app/labels/help%20wanted')

  expect(updated.body).toMatchObject({ name: 'help-wanted', color: '00ff00' })
  expect(old.status).toBe(404)
  expect(github.issue('acme/app', 1)).toMatchObject({
    labels: ['help-wanted'],
    updatedAt: before.updatedAt,
  })
})

test('adding labels to an issue auto-creates unknown ones grey and bumps updated_at', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addLabel('acme/app', { name: 'bug', color: 'd73a4a' })
  github.addIssue('acme/app', { labels: ['bug'] })
  github.clock.advance(hour)

  const added = await getJson<Label[]>(github, '/repos/acme/app/issues/1/labels', {
    method: 'POST',
    json: { labels: ['BUG', 'starter project'] },
  })

  expect(added.response.status).toBe(200)
  expect(added.body.map((label) => [label.name, label.color])).toEqual([
    ['bug', 'd73a4a'],
    ['starter project', 'ededed'],
  ])
  expect(github.autoCreatedLabels).toMatchObject([
    { repository: 'acme/app', issueNumber: 1, name: 'starter project', method: 'POST' },
  ])
  expect(github.issue('acme/app', 1)?.updatedAt).toBe('2024-01-01T01:00:00Z')
  expect(github.clobberingCalls).toEqual([])
})

test('re-adding a label the issue has changes nothing, updated_at included', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { labels: ['bug'] })
  github.clock.advance(hour)

  await call(github, '/repos/acme/app/issues/1/labels', {
    method: 'POST',
    json: { labels: ['bug'] },
  })

  expect(github.issue('acme/app', 1)?.updatedAt).toBe('2024-01-01T00:00:00Z')
})

test('removing a label the issue lacks answers 404, one it has 200 with the rest', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addLabel('acme/app', 'other')
  github.addIssue('acme/app', { labels: ['bug', 'area/sync'] })

  const absent = await getJson<ErrorBody>(github, '/repos/acme/app/issues/1/labels/other', {
    method: 'DELETE',
  })
  const removed = await getJson<Label[]>(github, '/repos/acme/app/issues/1/labels/area%2Fsync', {
    method: 'DELETE',
  })

  expect(absent.response.status).toBe(404)
  expect(absent.body.message).toBe('Label does not exist')
  expect(removed.response.status).toBe(200)
  expect(removed.body.map((label) => label.name)).toEqual(['bug'])
  expect(github.clobberingCalls).toEqual([])
})

test('clobbering calls are recorded and still answered as GitHub does', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { labels: ['bug', 'docs'] })
  github.addIssue('acme/app', { labels: ['bug'] })

  const put = await getJson<Label[]>(github, '/repos/acme/app/issues/1/labels', {
    method: 'PUT',
    json: { labels: ['docs', 'new'] },
  })
  const removeAll = await call(github, '/repos/acme/app/issues/2/labels', { method: 'DELETE' })
  const patch = await getJson<Issue>(github, '/repos/acme/app/issues/2', {
    method: 'PATCH',
    json: { labels: ['bug'], state: 'closed' },
  })
  const deleteLabel = await call(github, '/repos/acme/app/labels/docs', { method: 'DELETE' })

  expect(put.body.map((label) => label.name)).toEqual(['docs', 'new'])
  expect(removeAll.status).toBe(204)
  expect(patch.body).toMatchObject({ state: 'closed', closed_by: { login: 'pioneer-bot' } })
  expect(deleteLabel.status).toBe(204)
  expect(
    github.clobberingCalls.map(({ kind, issueNumber, label, labels }) => ({
      kind,
      issueNumber,
      label,
      labels,
    })),
  ).toEqual([
    { kind: 'set-issue-labels', issueNumber: 1, label: null, labels: ['docs', 'new'] },
    { kind: 'remove-all-issue-labels', issueNumber: 2, label: null, labels: [] },
    { kind: 'update-issue-labels', issueNumber: 2, label: null, labels: ['bug'] },
    { kind: 'delete-label', issueNumber: null, label: 'docs', labels: null },
  ])
  expect(github.issues('acme/app').map((issue) => issue.labels)).toEqual([['new'], ['bug']])
  expect(github.autoCreatedLabels.map((entry) => entry.name)).toEqual(['new'])
})

// ---- state read-back ----

test('payload accessors serve what the API serves and feed the mirror mapping', async () => {
  const github = await startFake()
  const repository = github.addRepository('acme/app')
  github.addIssue('acme/app', {
    title: 'Add sync',
    labels: ['Good First Issue', 'bug'],
    assignees: ['alice'],
    plusOnes: 3,
  })

  const served = await getJson<Issue>(github, '/repos/acme/app/issues/1')
  const mapped = mapIssue(github.payloads.issue('acme/app', 1), repository.id)

  expect(served.body).toEqual(github.payloads.issue('acme/app', 1))
  expect(mapRepository(github.payloads.repository('acme/app'))).toMatchObject({
    id: repository.id,
    full_name: 'acme/app',
    is_archived: false,
  })
  expect(mapped.issue).toMatchObject({
    number: 1,
    title: 'Add sync',
    assignee_logins: ['alice'],
    plus_one_count: 3,
    label_keys: ['bug', 'good first issue'],
  })
  expect(github.issues('acme/app')).toMatchObject([
    { number: 1, labels: ['Good First Issue', 'bug'], state: 'open', isPullRequest: false },
  ])
})

// ---- OpenAPI conformance ----

let validators: OpenApiValidators | undefined
function openApi() {
  validators ??= createOpenApiValidators()
  return validators
}

async function seededWorld() {
  const github = await startFake({ rateLimit: { limit: 50 } })
  github.addRepository('acme/app', {
    description: 'The app',
    language: 'TypeScript',
    topics: ['ocaml'],
  })
  github.addRepository('acme/fork', { fork: true, private: true })
  github.addRepository('jane/dotfiles', { ownerType: 'User', homepage: 'https://example.com' })
  github.addLabel('acme/app', {
    name: 'good first issue',
    color: '7057ff',
    description: 'Start here',
  })
  github.addIssue('acme/app', { labels: ['good first issue'], assignees: ['alice'], body: 'Hi' })
  github.addIssue('acme/app', { state: 'closed', user: null, closedBy: 'bob', comments: 2 })
  github.addIssue('acme/app', { isPullRequest: true, draft: true })
  github.addIssue('acme/app', { isPullRequest: true, state: 'closed', mergedAt: t0 })
  github.renameRepository('acme/app', 'acme/app-next')
  github.renameRepository('acme/app-next', 'acme/app')
  github.addRepository('acme/gone')
  github.renameRepository('acme/gone', 'acme/moved')
  return github
}

const conformance = [
  {
    body: 'issue list',
    method: 'GET',
    url: '/repos/acme/app/issues?state=all',
    operation: '/repos/{owner}/{repo}/issues',
    status: 200,
  },
  {
    body: 'single issue',
    method: 'GET',
    url: '/repos/acme/app/issues/2',
    operation: '/repos/{owner}/{repo}/issues/{issue_number}',
    status: 200,
  },
  {
    body: 'single pull request',
    method: 'GET',
    url: '/repos/acme/app/issues/4',
    operation: '/repos/{owner}/{repo}/issues/{issue_number}',
    status: 200,
  },
  {
    body: 'label list',
    method: 'GET',
    url: '/repos/acme/app/labels',
    operation: '/repos/{owner}/{repo}/labels',
    status: 200,
  },
  {
    body: 'label',
    method: 'GET',
    url: '/repos/acme/app/labels/good%20first%20issue',
    operation: '/repos/{owner}/{repo}/labels/{name}',
    status: 200,
  },
  {
    body: 'full repository (organisation)',
    method: 'GET',
    url: '/repos/acme/app',
    operation: '/repos/{owner}/{repo}',
    status: 200,
  },
  {
    body: 'full repository (user)',
    method: 'GET',
    url: '/repos/jane/dotfiles',
    operation: '/repos/{owner}/{repo}',
    status: 200,
  },
  {
    body: 'organisation repositories',
    method: 'GET',
    url: '/orgs/acme/repos',
    operation: '/orgs/{org}/repos',
    status: 200,
  },
  {
    body: 'user repositories',
    method: 'GET',
    url: '/users/jane/repos',
    operation: '/users/{username}/repos',
    status: 200,
  },
  { body: 'authenticated user', method: 'GET', url: '/user', operation: '/user', status: 200 },
  {
    body: 'authenticated user emails',
    method: 'GET',
    url: '/user/emails',
    operation: '/user/emails',
    status: 200,
  },
  { body: 'rate limit', method: 'GET', url: '/rate_limit', operation: '/rate_limit', status: 200 },
  {
    body: '404',
    method: 'GET',
    url: '/repos/acme/missing',
    operation: '/repos/{owner}/{repo}',
    status: 404,
  },
  {
    body: '301',
    method: 'GET',
    url: '/repos/acme/gone',
    operation: '/repos/{owner}/{repo}',
    status: 301,
  },
  {
    body: '422 bad list parameter',
    method: 'GET',
    url: '/repos/acme/app/issues?state=bogus',
    operation: '/repos/{owner}/{repo}/issues',
    status: 422,
  },
  {
    body: 'created label',
    method: 'POST',
    url: '/repos/acme/app/labels',
    json: { name: 'new', color: 'aabbcc' },
    operation: '/repos/{owner}/{repo}/labels',
    status: 201,
  },
  {
    body: '422 already_exists',
    method: 'POST',
    url: '/repos/acme/app/labels',
    json: { name: 'good first issue' },
    operation: '/repos/{owner}/{repo}/labels',
    status: 422,
  },
  {
    body: 'updated label',
    method: 'PATCH',
    url: '/repos/acme/app/labels/good%20first%20issue',
    json: { new_name: 'gfi' },
    operation: '/repos/{owner}/{repo}/labels/{name}',
    status: 200,
  },
  {
    body: 'labels added to an issue',
    method: 'POST',
    url: '/repos/acme/app/issues/1/labels',
    json: { labels: ['x'] },
    operation: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    status: 200,
  },
  {
    body: 'labels set on an issue',
    method: 'PUT',
    url: '/repos/acme/app/issues/1/labels',
    json: { labels: ['y'] },
    operation: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    status: 200,
  },
  {
    body: 'label removed from an issue',
    method: 'DELETE',
    url: '/repos/acme/app/issues/1/labels/good%20first%20issue',
    operation: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    status: 200,
  },
  {
    body: 'created issue',
    method: 'POST',
    url: '/repos/acme/app/issues',
    json: { title: 'Call agenda', body: 'Items' },
    operation: '/repos/{owner}/{repo}/issues',
    status: 201,
  },
  {
    body: '422 issue without a title',
    method: 'POST',
    url: '/repos/acme/app/issues',
    json: { body: 'Items' },
    operation: '/repos/{owner}/{repo}/issues',
    status: 422,
  },
  {
    body: 'updated issue',
    method: 'PATCH',
    url: '/repos/acme/app/issues/1',
    json: { state: 'closed', state_reason: 'not_planned' },
    operation: '/repos/{owner}/{repo}/issues/{issue_number}',
    status: 200,
  },
] as const

test.each(conformance)('the $body body matches GitHub’s OpenAPI schema', async (spec) => {
  const github = await seededWorld()

  const { response, body } = await getJson<unknown>(github, spec.url, {
    method: spec.method,
    redirect: 'manual',
    ...('json' in spec ? { json: spec.json } : {}),
  })
  const validate = openApi().response(spec.method, spec.operation, spec.status)

  expect(response.status).toBe(spec.status)
  expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true)
})

test('401 and 410 error bodies match GitHub’s OpenAPI schema', async () => {
  const github = await seededWorld()
  github.disableIssues('acme/app')

  const unauthorised = await getJson<unknown>(github, '/user', { token: 'nope' })
  const gone = await getJson<unknown>(github, '/repos/acme/app/issues/1')
  const validate401 = openApi().response('GET', '/user', 401)
  const validate410 = openApi().response('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 410)

  expect(validate401(unauthorised.body), JSON.stringify(validate401.errors)).toBe(true)
  expect(validate410(gone.body), JSON.stringify(validate410.errors)).toBe(true)
})

test('users in payloads are simple users and the validators are not vacuous', async () => {
  const github = await seededWorld()
  const issue = github.payloads.issue('acme/app', 1)
  const simpleUser = openApi().schema('simple-user')
  const issueSchema = openApi().schema('issue')
  const { node_id: _dropped, ...withoutNodeId } = issue

  expect(simpleUser(issue.user), JSON.stringify(simpleUser.errors)).toBe(true)
  expect(simpleUser(issue.assignees?.[0])).toBe(true)
  expect(simpleUser(github.payloads.repository('acme/app').owner)).toBe(true)
  expect(issueSchema(issue)).toBe(true)
  expect(issueSchema(withoutNodeId)).toBe(false)
  expect(issueSchema({ ...issue, created_at: 'yesterday' })).toBe(false)
  expect(simpleUser({ ...issue.user, id: 'one' })).toBe(false)
})

// ---- opening issues, and tokens that may only read ----

test('a created issue is the next number, opened by the token’s user, and listed', async () => {
  const github = await startFake()
  github.addRepository('acme/app')
  github.addIssue('acme/app')

  const { response, body } = await getJson<Issue>(github, '/repos/acme/app/issues', {
    method: 'POST',
    json: { title: 'Call agenda', body: 'Items', labels: ['agenda'] },
  })

  expect(response.status).toBe(201)
  expect(response.headers.get('location')).toBe(body.url)
  expect(body).toMatchObject({ number: 2, title: 'Call agenda', body: 'Items', state: 'open' })
  expect(body.user?.login).toBe('pioneer-bot')
  expect(github.issue('acme/app', 2)).toMatchObject({ labels: ['agenda'], user: 'pioneer-bot' })
})

test('a read-only token reads but every write to a repository is a 403, changing nothing', async () => {
  const github = await startFake({ readOnlyTokens: ['reader'] })
  github.addRepository('acme/app')
  github.addIssue('acme/app', { title: 'Before' })

  const read = await call(github, '/repos/acme/app/issues', { token: 'reader' })
  const create = await getJson<ErrorBody>(github, '/repos/acme/app/issues', {
    token: 'reader',
    method: 'POST',
    json: { title: 'Nope' },
  })
  const edit = await call(github, '/repos/acme/app/issues/1', {
    token: 'reader',
    method: 'PATCH',
    json: { title: 'Nope' },
  })
  const validate403 = openApi().response('POST', '/repos/{owner}/{repo}/issues', 403)

  expect(read.status).toBe(200)
  expect(create.response.status).toBe(403)
  expect(create.body.message).toBe('Resource not accessible by personal access token')
  expect(validate403(create.body), JSON.stringify(validate403.errors)).toBe(true)
  expect(edit.status).toBe(403)
  expect(github.issues('acme/app').map((issue) => issue.title)).toEqual(['Before'])
})

test('the OAuth fake lists a user’s addresses only with the user:email scope, as GitHub does', async () => {
  const oauth = await createFakeGitHubOAuth({
    clientId: 'client',
    clientSecret: 'secret',
    users: [{ id: 7, login: 'jane', name: 'Jane' }],
  })
  onTestFinished(() => oauth.close())
  const tokenFor = async (scope: string) => {
    const authorize = await fetch(
      `${oauth.url}/login/oauth/authorize?client_id=client&redirect_uri=${encodeURIComponent('http://board.test/cb')}&scope=${encodeURIComponent(scope)}&state=s`,
      { redirect: 'manual' },
    )
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!
    const exchange = await fetch(`${oauth.url}/login/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'client', client_secret: 'secret', code }),
    })
    return ((await exchange.json()) as { access_token: string; scope: string }).access_token
  }
  const emails = (token: string) =>
    fetch(`${oauth.url}/user/emails`, { headers: { authorization: `Bearer ${token}` } })

  const granted = await emails(await tokenFor('read:user user:email'))
  const body = (await granted.json()) as Schemas['email'][]
  const validate200 = openApi().response('GET', '/user/emails', 200)
  expect(granted.status).toBe(200)
  expect(validate200(body), JSON.stringify(validate200.errors)).toBe(true)
  expect(body[0]).toMatchObject({ email: 'jane@example.com', primary: true, verified: true })

  const withheld = await emails(await tokenFor('read:user'))
  const validate404 = openApi().response('GET', '/user/emails', 404)
  expect(withheld.status).toBe(404)
  expect(validate404(await withheld.json())).toBe(true)
  expect(oauth.scopeRequests).toEqual([['read:user', 'user:email'], ['read:user']])
})

// ---- the authenticated user's repositories (push access at sign-in) ----

type UserRepository = Schemas['repository']

test('/user/repos lists the viewer’s repositories by full name, paged with Link headers, with GitHub’s permissions', async () => {
  const github = await startFake({ login: 'hannesm' })
  for (let index = 0; index < 40; index++) {
    github.addRepository(`acme/lib-${String(index).padStart(2, '0')}`)
  }
  github.addRepository('mirage/mirage', { viewerPermission: 'triage' })
  github.addRepository('hannesm/arp', { ownerType: 'User', viewerPermission: 'maintain' })
  github.addRepository('stranger/app', { viewerPermission: null })

  const first = await getJson<UserRepository[]>(github, '/user/repos')
  const validate = openApi().response('GET', '/user/repos', 200)
  expect(validate(first.body), JSON.stringify(validate.errors)).toBe(true)
  expect(first.body).toHaveLength(30)
  expect(links(first.response)).toEqual({
    next: `${github.url}/user/repos?page=2`,
    last: `${github.url}/user/repos?page=2`,
  })
  const second = await getJson<UserRepository[]>(github, links(first.response).next!)
  expect(validate(second.body), JSON.stringify(validate.errors)).toBe(true)
  expect(rels(second.response)).toEqual(['prev', 'first'])
  // A role the viewer lacks everywhere (stranger/app) is not listed at all.
  expect(second.body.map((repository) => repository.full_name).slice(-3)).toEqual([
    'acme/lib-39',
    'hannesm/arp',
    'mirage/mirage',
  ])
  const permissions = Object.fromEntries(
    [...first.body, ...second.body].map((repository) => [
      repository.full_name,
      repository.permissions,
    ]),
  )
  expect(permissions['acme/lib-00']).toEqual({
    admin: true,
    maintain: true,
    push: true,
    triage: true,
    pull: true,
  })
  expect(permissions['hannesm/arp']).toEqual({
    admin: false,
    maintain: true,
    push: true,
    triage: true,
    pull: true,
  })
  expect(permissions['mirage/mirage']).toEqual({
    admin: false,
    maintain: false,
    push: false,
    triage: true,
    pull: true,
  })

  // As the board asks: 100 a page, every affiliation; and one affiliation at a time.
  const asked = await getJson<UserRepository[]>(
    github,
    '/user/repos?affiliation=owner,collaborator,organization_member&per_page=100',
  )
  expect(asked.body).toHaveLength(42)
  expect(asked.response.headers.get('link')).toBeNull()
  const owned = await getJson<UserRepository[]>(github, '/user/repos?affiliation=owner')
  expect(owned.body.map((repository) => repository.full_name)).toEqual(['hannesm/arp'])
  const refused = await getJson<ErrorBody>(github, '/user/repos?affiliation=friend')
  expect(refused.response.status).toBe(422)
})

test('/user/repos refuses `type` with `visibility` or `affiliation` as GitHub does, and reads it alone', async () => {
  const github = await startFake({ login: 'hannesm' })
  github.addRepository('hannesm/arp', { ownerType: 'User', viewerPermission: 'maintain' })
  github.addRepository('hannesm/secret', { ownerType: 'User', private: true })
  github.addRepository('mirage/mirage', { viewerPermission: 'triage' })
  const names = (body: UserRepository[]) => body.map((repository) => repository.full_name)

  // Refused whatever the values, before reading them (as measured on api.github.com).
  for (const query of [
    'type=all&affiliation=owner',
    'type=owner&visibility=all',
    'type=x&visibility=y',
  ]) {
    const refused = await getJson<ErrorBody>(github, `/user/repos?${query}`)
    expect(refused.response.status, query).toBe(422)
    expect(refused.body, query).toEqual({
      message: 'If you specify visibility or affiliation, you cannot specify type.',
      status: '422',
    })
  }

  const owned = await getJson<UserRepository[]>(github, '/user/repos?type=owner')
  expect(names(owned.body)).toEqual(['hannesm/arp', 'hannesm/secret'])
  const member = await getJson<UserRepository[]>(github, '/user/repos?type=member')
  expect(names(member.body)).toEqual(['mirage/mirage'])
  const privateOnes = await getJson<UserRepository[]>(github, '/user/repos?type=private')
  expect(names(privateOnes.body)).toEqual(['hannesm/secret'])
  const unknown = await getJson<ErrorBody>(github, '/user/repos?type=friends')
  expect(unknown.response.status).toBe(422)
})

test('the OAuth fake lists each user’s own repositories and roles at /user/repos, paged', async () => {
  const oauth = await createFakeGitHubOAuth({
    clientId: 'client',
    clientSecret: 'secret',
    users: [
      {
        id: 7,
        login: 'jane',
        name: 'Jane',
        repositories: [
          ...Array.from({ length: 3 }, (_, index) => ({
            fullName: `jane/p${index}`,
            permission: 'admin' as const,
          })),
          { fullName: 'mirage/mirage', permission: 'push' },
        ],
      },
    ],
  })
  onTestFinished(() => oauth.close())
  const authorize = await fetch(
    `${oauth.url}/login/oauth/authorize?client_id=client&redirect_uri=${encodeURIComponent('http://board.test/cb')}&state=s`,
    { redirect: 'manual' },
  )
  const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!
  const exchange = await fetch(`${oauth.url}/login/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: 'client', client_secret: 'secret', code }),
  })
  const { access_token: token } = (await exchange.json()) as { access_token: string }
  const list = (url: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } })

  const first = await list(`${oauth.url}/user/repos?per_page=2`)
  const second = await list(links(first).next!)
  const body = [
    ...((await first.json()) as UserRepository[]),
    ...((await second.json()) as UserRepository[]),
  ]
  const validate = openApi().response('GET', '/user/repos', 200)
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true)
  expect(body.map((repository) => [repository.full_name, repository.permissions?.push])).toEqual([
    ['jane/p0', true],
    ['jane/p1', true],
    ['jane/p2', true],
    ['mirage/mirage', true],
  ])
  expect(body[3]!.permissions?.admin).toBe(false)
  expect(links(second)).toEqual({
    prev: `${oauth.url}/user/repos?per_page=2&page=1`,
    first: `${oauth.url}/user/repos?per_page=2&page=1`,
  })
})
