import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'

import { loader } from './api.issues'
import { loader as staleLoader } from './issues.stale'

const getDb = setupTestDatabase()

// Either answer of the endpoint, as a client reads it.
type ApiBody = {
  items: { number: number }[]
  nextCursor: string | null
  error: { message: string; problems: { parameter: string }[] }
}

async function get(query: string) {
  const response = await callLoader(loader, `/api/issues${query}`)
  return { status: response.status, body: (await response.json()) as ApiBody }
}

test('answers the documented shape', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 569, {
      title: 'Pioneer projects',
      labels: [labelPayload('help wanted')],
      user: { login: 'GemmaG' },
      created_at: '2016-07-27T12:00:00Z',
      updated_at: '2016-08-01T12:00:00Z',
    }),
  ])
  const { status, body } = await get('')
  expect(status).toBe(200)
  expect(body).toEqual({
    items: [
      {
        repo: 'mirage/mirage',
        number: 569,
        title: 'Pioneer projects',
        state: 'open',
        isPullRequest: false,
        labels: ['help wanted'],
        author: 'GemmaG',
        url: 'https://github.com/mirage/mirage/issues/569',
        createdAt: '2016-07-27T12:00:00.000Z',
        updatedAt: '2016-08-01T12:00:00.000Z',
        historyRecorded: true,
      },
    ],
    nextCursor: null,
  })
})

test('nextCursor walks the whole list page by page', async () => {
  const repo = repositoryPayload('mirage/ocaml-dns')
  await mirror(
    getDb(),
    repo,
    Array.from({ length: 7 }, (_, index) => issuePayload(repo.full_name, index + 1)),
  )
  const numbers: number[] = []
  let query = '?limit=3&repo=mirage/ocaml-dns'
  for (;;) {
    const { body } = await get(query)
    numbers.push(...body.items.map((item) => item.number))
    if (!body.nextCursor) break
    query = `?limit=3&repo=mirage/ocaml-dns&cursor=${body.nextCursor}`
  }
  expect(numbers).toEqual([7, 6, 5, 4, 3, 2, 1])
})

test('an invalid parameter answers 400 naming it and what is allowed', async () => {
  const { status, body } = await get('?type=bug&limit=1000')
  expect(status).toBe(400)
  expect(body.error.problems).toEqual([
    { parameter: 'type', message: '"bug" is not a type', allowed: 'all, issue, pr' },
    {
      parameter: 'limit',
      message: '"1000" is not a page size',
      allowed: 'a whole number from 1 to 100',
    },
  ])
})

test('an unknown repository answers 400 rather than an empty or widened list', async () => {
  await mirror(getDb(), repositoryPayload('mirage/mirage'))
  const { status, body } = await get('?repo=mirage/nope')
  expect(status).toBe(400)
  expect(body.error.problems[0]).toMatchObject({ parameter: 'repo' })
})

// Open work last touched on these days; the newest open item (26 May 2024) is this never-synced
// board's clock, so 6 months back is 26 November 2023 (decision 012).
async function mirrorStaleAndFresh() {
  const mirage = repositoryPayload('mirage/mirage')
  const at = (day: string) => ({ created_at: `${day}T12:00:00Z`, updated_at: `${day}T12:00:00Z` })
  await mirror(getDb(), mirage, [
    issuePayload(mirage.full_name, 1, at('2024-05-26')),
    issuePayload(mirage.full_name, 2, at('2023-11-01')),
    issuePayload(mirage.full_name, 3, at('2022-01-01')),
    issuePayload(mirage.full_name, 4, {
      ...at('2020-01-01'),
      state: 'closed',
      closed_at: '2020-01-01T12:00:00Z',
    }),
    issuePayload(mirage.full_name, 5, {
      ...at('2021-06-01'),
      pull_request: { merged_at: null },
    }),
  ])
  const dns = repositoryPayload('mirage/ocaml-dns')
  await mirror(getDb(), dns, [issuePayload(dns.full_name, 1, at('2019-01-01'))])
}

type StaleApiBody = Omit<ApiBody, 'items'> & {
  items: { repo: string; number: number }[]
  stale?: { months: number; untouchedSince: string; measuredAsOf: string; clock: string }
}

async function getAll(query: string) {
  const refs: string[] = []
  let next: string | null = null
  let last: StaleApiBody | null = null
  do {
    const response = await callLoader(
      loader,
      `/api/issues${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
    )
    expect(response.status).toBe(200)
    last = (await response.json()) as StaleApiBody
    refs.push(...last.items.map((item) => `${item.repo}#${item.number}`))
    next = last.nextCursor
  } while (next)
  return { refs, last }
}

test('stale=true lists open work untouched for the board’s months, as of its clock, and says the measure', async () => {
  await mirrorStaleAndFresh()
  const { status, body } = await get('?stale=true')
  expect(status).toBe(200)
  const stale = body as StaleApiBody
  // Newest activity first, as the API sorts by default; #1 is fresh, #4 is closed.
  expect(stale.items.map((item) => `${item.repo}#${item.number}`)).toEqual([
    'mirage/mirage#2',
    'mirage/mirage#3',
    'mirage/mirage#5',
    'mirage/ocaml-dns#1',
  ])
  expect(stale.stale).toEqual({
    months: 6,
    untouchedSince: '2023-11-26T12:00:00.000Z',
    measuredAsOf: '2024-05-26T12:00:00.000Z',
    clock: 'snapshot',
  })
  // Without the filter the answer keeps its documented shape: no measure.
  expect(await get('')).toMatchObject({ status: 200, body: { nextCursor: null } })
  expect((await get('')).body).not.toHaveProperty('stale')
})

test('stale=true combines with repo, type and months, and pages by cursor', async () => {
  await mirrorStaleAndFresh()
  const { refs } = await getAll('?stale=true&repo=mirage/mirage&limit=1')
  expect(refs).toEqual(['mirage/mirage#2', 'mirage/mirage#3', 'mirage/mirage#5'])
  expect((await getAll('?stale=true&type=pr')).refs).toEqual(['mirage/mirage#5'])
  // Two years back from 26 May 2024: the November 2023 item is no longer stale.
  const wider = await getAll('?stale=true&months=24&sort=oldest&limit=2')
  expect(wider.refs).toEqual(['mirage/ocaml-dns#1', 'mirage/mirage#5', 'mirage/mirage#3'])
  expect(wider.last?.stale?.untouchedSince).toBe('2022-05-26T12:00:00.000Z')
  // state=all adds nothing: stale work is open work.
  expect((await getAll('?stale=true&state=all')).refs).toHaveLength(4)
})

test('a bad stale filter answers 400 naming the parameter and what it accepts', async () => {
  await mirrorStaleAndFresh()
  const problems = async (query: string) => {
    const { status, body } = await get(query)
    expect(status, query).toBe(400)
    return body.error.problems
  }
  expect(await problems('?stale=yes')).toEqual([
    {
      parameter: 'stale',
      message: '"yes" is not a stale filter',
      allowed: 'true (leave it out for every item)',
    },
  ])
  expect(await problems('?stale=true&months=0')).toEqual([
    {
      parameter: 'months',
      message: '"0" is not a number of months',
      allowed: 'a whole number from 1 to 120, with stale=true',
    },
  ])
  expect(await problems('?months=12')).toEqual([
    {
      parameter: 'months',
      message: 'months measures stale work, and stale is not asked for',
      allowed: 'months with stale=true',
    },
  ])
  expect(await problems('?stale=true&state=closed')).toMatchObject([
    {
      parameter: 'stale',
      message: 'stale work is open work, so it cannot be asked for with state=closed',
    },
  ])
})

test('the API’s stale items are the stale page’s, repository by repository and in all, on the same data', async () => {
  await loadDemoData(getDb())
  for (const months of [6, 24]) {
    const page = (await (
      await callLoader(staleLoader, `/issues/stale?months=${months}`)
    ).json()) as { totalStale: number; repositories: { repo: string }[] }
    const api = await getAll(`?stale=true&months=${months}&limit=2`)
    expect(api.refs).toHaveLength(page.totalStale)
    expect(page.totalStale).toBeGreaterThan(0)
    const fromPage: string[] = []
    for (const { repo } of page.repositories) {
      const one = (await (
        await callLoader(staleLoader, `/issues/stale?months=${months}&repo=${repo}`)
      ).json()) as { repository: { items: { number: number }[]; nextPage: string | null } }
      expect(one.repository.nextPage).toBeNull()
      fromPage.push(...one.repository.items.map((item) => `${repo}#${item.number}`))
      // And one repository at a time, as ?repo= on both.
      const apiOne = await getAll(`?stale=true&months=${months}&repo=${repo}`)
      expect([...apiOne.refs].sort(), repo).toEqual(
        one.repository.items.map((item) => `${repo}#${item.number}`).sort(),
      )
    }
    expect([...api.refs].sort()).toEqual(fromPage.sort())
  }
})
