import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'

import { loader } from './issues._index'

const getDb = setupTestDatabase()

async function load(query: string) {
  return (await callLoader(loader, `/issues${query}`)).json()
}

test('bad filter values are ignored, said so, and the rest still applies', async () => {
  const a = repositoryPayload('mirage/a')
  const b = repositoryPayload('mirage/b')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1)])
  await mirror(getDb(), b, [issuePayload(b.full_name, 2)])
  const data = await load('?repo=mirage/a&repo=mirage/zzz&state=sideways')
  expect(data.ignored.map((problem: { parameter: string }) => problem.parameter)).toEqual([
    'state',
    'repo',
  ])
  expect(data.filters.repos).toEqual(['mirage/a'])
  expect(data.issues.map((issue: { repo: string }) => issue.repo)).toEqual(['mirage/a'])
})

test('when every named repository is unknown the list is empty, not widened to all', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1)])
  const data = await load('?repo=mirage/zzz')
  expect(data.issues).toEqual([])
  expect(data.ignored).toHaveLength(1)
  // Said so: the notice does not read as if the filter were ignored and nothing else matched.
  expect(data.ignored[0].message).toBe(
    'no mirrored repository is named "mirage/zzz", so nothing is listed',
  )
  const beside = await load('?repo=mirage/a&repo=mirage/zzz')
  expect(beside.ignored[0].message).toBe('no mirrored repository is named "mirage/zzz"')
})

test('the next-page link keeps the filters and carries a cursor', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(
    getDb(),
    a,
    [1, 2, 3].map((number) => issuePayload(a.full_name, number)),
  )
  const data = await load('?repo=mirage/a&limit=2&sort=oldest')
  expect(data.issues.map((issue: { number: number }) => issue.number)).toEqual([1, 2])
  const next = new URLSearchParams(data.nextPage!)
  expect(next.get('repo')).toBe('mirage/a')
  expect(next.get('sort')).toBe('oldest')
  const second = await load(data.nextPage!)
  expect(second.issues.map((issue: { number: number }) => issue.number)).toEqual([3])
  expect(second.nextPage).toBeNull()
})

test('the board counts what the current filters match over every page, not all it mirrors', async () => {
  const a = repositoryPayload('mirage/a')
  const b = repositoryPayload('mirage/b')
  await mirror(
    getDb(),
    a,
    [1, 2, 3].map((number) => issuePayload(a.full_name, number)),
  )
  await mirror(getDb(), b, [issuePayload(b.full_name, 4)])
  expect((await load('')).matching).toBe(4)
  const filtered = await load('?repo=mirage/a&limit=2')
  expect(filtered.issues).toHaveLength(2)
  expect(filtered.matching).toBe(3)
  expect((await load('?repo=mirage/zzz')).matching).toBe(0)
})

test('an empty result of open items offers the same filters with closed ones, which find them', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(getDb(), a, [
    issuePayload(a.full_name, 1, { state: 'closed', closed_at: '2020-02-01T00:00:00Z' }),
  ])
  const empty = await load('?repo=mirage/a')
  expect(empty.issues).toEqual([])
  const withClosed = new URLSearchParams(empty.withClosed!)
  expect([withClosed.get('repo'), withClosed.get('state')]).toEqual(['mirage/a', 'all'])
  const found = await load(empty.withClosed!)
  expect(found.issues.map((issue: { number: number }) => issue.number)).toEqual([1])
  expect(found.withClosed).toBeNull()
  expect((await load('?state=closed')).withClosed).toBeNull()
})

test('the page says where the issues come from: mirrored from GitHub, or the demo’s copies', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1)])
  expect((await load('')).source).toBe('mirrored from GitHub')
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  expect((await load('')).source).toBe(
    'in the MirageOS demo’s copies of its repositories (never synced with GitHub)',
  )
})

test('the folded filters’ summary names the filters in force, also those that emptied the list', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1)])
  expect((await load('')).filtersInForce).toEqual([])
  // Alone, an unknown repository emptied the list: it is in force, not "none".
  expect((await load('?repo=x/y')).filtersInForce).toEqual(['x/y'])
  expect((await load('?author=nobody-here')).filtersInForce).toEqual(['by nobody-here'])
  expect((await load('?repo=x/y&author=nobody-here')).filtersInForce).toEqual([
    'x/y',
    'by nobody-here',
  ])
  // Beside a known one it is ignored (and said so above the list): only the known one applies.
  expect((await load('?repo=mirage/a&repo=x/y')).filtersInForce).toEqual(['mirage/a'])
})

test('an empty list offers closed items with the same filters, unless only unknown repositories emptied it', async () => {
  const a = repositoryPayload('mirage/a')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1, { state: 'closed' })])
  expect((await load('?repo=mirage/a')).withClosed).toBe('?repo=mirage%2Fa&state=all')
  // Closed items of a repository nobody mirrors would not help, and the link would list them all.
  expect((await load('?repo=x/y')).withClosed).toBe(null)
})
