import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'

import { loader } from './api.issues'

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
