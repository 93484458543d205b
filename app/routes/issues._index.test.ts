import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { finishSyncAsUpdated, mirror } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'
import { claimRepositorySync } from '../mirror/sync-state.server'
import { mirrorStarterWork } from '../starter/test-fixtures'
import { FirstSyncNotice } from '../sync/ui/first-sync-notice'

import { loader as apiLoader } from './api.issues'
import IssuesBoardRoute, { loader } from './issues._index'
import { loader as staleLoader } from './issues.stale'
import { loader as triageLoader } from './starter.triage'

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

// Open work last touched on these days; the newest open item (26 May 2024) is this never-synced
// board's clock, so 6 months back is 26 November 2023 (decision 012).
async function mirrorStaleAndFresh() {
  const at = (day: string) => ({ created_at: `${day}T12:00:00Z`, updated_at: `${day}T12:00:00Z` })
  const a = repositoryPayload('mirage/a')
  const bug = labelPayload('bug')
  await mirror(getDb(), a, [
    issuePayload(a.full_name, 1, { ...at('2024-05-26'), title: 'tcp window fresh', labels: [bug] }),
    issuePayload(a.full_name, 2, {
      ...at('2023-11-01'),
      title: 'tcp window stalls',
      labels: [bug],
    }),
    issuePayload(a.full_name, 3, {
      ...at('2022-01-01'),
      title: 'tcp window resize',
      labels: [bug],
    }),
    issuePayload(a.full_name, 4, { ...at('2021-03-01'), title: 'tcp window docs' }),
    issuePayload(a.full_name, 5, { ...at('2021-06-01'), title: 'dns cache', labels: [bug] }),
    issuePayload(a.full_name, 6, {
      ...at('2020-01-01'),
      title: 'tcp window closed',
      labels: [bug],
      state: 'closed',
      closed_at: '2020-01-01T12:00:00Z',
    }),
  ])
  const b = repositoryPayload('mirage/b')
  await mirror(getDb(), b, [
    issuePayload(b.full_name, 7, { ...at('2019-01-01'), title: 'tcp window', labels: [bug] }),
  ])
}

type BoardPage = {
  issues: { repo: string; number: number }[]
  nextPage: string | null
  firstPage: string
  matching: number
  filtersInForce: string[]
  withClosed: string | null
  stale: { months: number; words: string; clockNote: string | null; stalePage: string } | null
}

const refs = (page: BoardPage) => page.issues.map((issue) => `${issue.repo}#${issue.number}`)

test('the stale filter combines with repository, label, search and type, and pages keep it', async () => {
  await mirrorStaleAndFresh()
  const first = (await load(
    '?stale=true&months=6&repo=mirage/a&label=bug&q=tcp&type=issue&limit=1',
  )) as BoardPage
  // Stale, in mirage/a, labelled bug, mentioning tcp: not #1 (fresh), #4 (no label), #5 (no
  // tcp), #6 (closed) nor #7 (mirage/b).
  expect(refs(first)).toEqual(['mirage/a#2'])
  expect(first.matching).toBe(2)
  const next = new URLSearchParams(first.nextPage!)
  expect([next.get('stale'), next.get('months'), next.get('q')]).toEqual(['true', '6', 'tcp'])
  const second = (await load(first.nextPage!)) as BoardPage
  expect(refs(second)).toEqual(['mirage/a#3'])
  expect(second.nextPage).toBeNull()
  // Wider: every repository, two years back from 26 May 2024.
  expect(refs((await load('?stale=true&months=24&q=tcp&sort=oldest')) as BoardPage)).toEqual([
    'mirage/b#7',
    'mirage/a#4',
    'mirage/a#3',
  ])
  // Without the filter, the fresh item is listed again.
  expect(refs((await load('?repo=mirage/a&label=bug&q=tcp')) as BoardPage)).toContain('mirage/a#1')
})

test('the stale filter is said in words with its measure and clock, and links to the stale page', async () => {
  await mirrorStaleAndFresh()
  const page = (await load('?stale=true&months=6&repo=mirage/a&type=issue')) as BoardPage
  const words =
    'no activity for 6 months (since 26 Nov 2023, measured from the data’s last activity, 26 May 2024)'
  expect(page.filtersInForce).toEqual(['mirage/a', `stale: ${words}`, 'issues only'])
  expect(page.stale).toMatchObject({ months: 6, words })
  expect(page.stale?.clockNote).toContain('Measured as of 26 May 2024')
  expect(page.stale?.stalePage).toBe('/issues/stale?repo=mirage%2Fa&months=6&type=issue')
  // The page's own address, which "These issues as JSON" reuses for /api/issues, keeps the filter.
  expect(page.firstPage).toBe('?repo=mirage%2Fa&type=issue&stale=true&months=6')
  // Several repositories: the stale page shows them all.
  const both = (await load('?stale=true&repo=mirage/a&repo=mirage/b')) as BoardPage
  expect(both.stale?.stalePage).toBe('/issues/stale?months=6')
  // Stale work is open work: closed items would add nothing, so they are not offered.
  const empty = (await load('?stale=true&months=6&repo=mirage/a&q=nothing')) as BoardPage
  expect(empty.issues).toEqual([])
  expect(empty.withClosed).toBeNull()
  expect(((await load('?repo=mirage/a')) as BoardPage).stale).toBeNull()
})

test('a bad stale filter answers 400 with the reason, as the API does, not an ignored filter', async () => {
  await mirrorStaleAndFresh()
  const refused = async (query: string) => {
    const response = await callLoader(loader, `/issues${query}`)
    expect(response.status, query).toBe(400)
    return response.text()
  }
  expect(await refused('?stale=yes')).toBe(
    'stale: "yes" is not a stale filter. Expected: true (leave it out for every item).',
  )
  expect(await refused('?stale=true&months=0')).toBe(
    'months: "0" is not a number of months. Expected: a whole number from 1 to 120, with stale=true.',
  )
  expect(await refused('?stale=true&state=closed')).toContain(
    'stale work is open work, so it cannot be asked for with state=closed',
  )
  // The same parameters answer 400 from the API too: one rule.
  for (const query of [
    '?stale=yes',
    '?stale=true&months=0',
    '?months=12',
    '?stale=true&state=closed',
  ]) {
    expect((await callLoader(apiLoader, `/api/issues${query}`)).status, query).toBe(400)
  }
})

test('months without stale is the form unticked without JavaScript: the board lists every item', async () => {
  await mirrorStaleAndFresh()
  // The enabled months select is sent with the box unticked; the API, which no form feeds, refuses it.
  const page = (await load('?months=12&repo=mirage/a')) as BoardPage
  expect(page.stale).toBeNull()
  expect(refs(page)).toEqual(refs((await load('?repo=mirage/a')) as BoardPage))
  expect(page.firstPage).not.toContain('months')
})

async function boardRefs(query: string) {
  const found: string[] = []
  let next: string | null = query
  while (next) {
    const page = (await load(next)) as BoardPage
    found.push(...refs(page))
    next = page.nextPage
  }
  return found
}

async function apiRefs(query: string) {
  const found: string[] = []
  let cursor: string | null = null
  do {
    const response = await callLoader(
      apiLoader,
      `/api/issues${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      items: { repo: string; number: number }[]
      nextCursor: string | null
    }
    found.push(...body.items.map((item) => `${item.repo}#${item.number}`))
    cursor = body.nextCursor
  } while (cursor)
  return found
}

test('on the demo data the board lists what the API and the stale page list for the same stale filter', async () => {
  await loadDemoData(getDb())
  for (const query of [
    '?stale=true&months=6',
    '?stale=true&months=24&type=issue',
    '?stale=true&months=12&state=all&sort=oldest',
  ]) {
    const onBoard = await boardRefs(`${query}&limit=40`)
    expect(onBoard.length, query).toBeGreaterThan(0)
    // The same order too: both page the same query.
    expect(await apiRefs(`${query}&limit=100`), query).toEqual(onBoard)
  }
  // And the stale page's count, on its default measure (6 months), is the board's.
  const stalePage = (await (await callLoader(staleLoader, '/issues/stale')).json()) as {
    totalStale: number
  }
  expect((await load('?stale=true&months=6')).matching).toBe(stalePage.totalStale)
})

test('while repositories have not finished their first sync, the board says its lists are partial', async () => {
  const a = repositoryPayload('acme/core')
  const b = repositoryPayload('acme/net')
  const demo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), a, [issuePayload(a.full_name, 1)])
  await mirror(getDb(), b)
  await mirror(getDb(), demo)
  // The demo's copies are never synced: they are complete as loaded, not waiting.
  await getDb()
    .updateTable('repository')
    .set({ history_recorded: false })
    .where('id', '=', demo.id)
    .execute()
  // acme/core's first sync finished; acme/net's is under way (claimed, not finished).
  expect(await claimRepositorySync(a.id, 'test', 60_000, getDb())).toBe(true)
  await finishSyncAsUpdated(getDb(), a.id)
  expect(await claimRepositorySync(b.id, 'test', 60_000, getDb())).toBe(true)

  const data = await load('')
  expect(data.firstSync).toEqual({ awaiting: 1, total: 2 })
  const html = (
    await renderInRouter(createElement(FirstSyncNotice, { progress: data.firstSync }))
  ).replaceAll('<!-- -->', '')
  expect(html).toContain(
    'The first sync from GitHub has not finished for 1 of the 2 repositories yet, so its issues are not all here',
  )
  expect(html).toContain('href="/sync"')

  await finishSyncAsUpdated(getDb(), b.id)
  expect((await load('')).firstSync).toEqual({ awaiting: 0, total: 2 })
  expect(
    await renderInRouter(createElement(FirstSyncNotice, { progress: { awaiting: 0, total: 2 } })),
  ).toBe('')
})

type BoardCard = { number: number; starter: Record<string, unknown> | null }

async function cardsAs(accountId?: number) {
  const response = await callLoader(loader, '/issues?state=all&sort=oldest', { accountId })
  const data = await response.json()
  const byNumber = new Map(
    (data.issues as BoardCard[]).map((issue) => [issue.number, issue.starter]),
  )
  return { data, byNumber }
}

test('a card says its starter project, with both ratings and whether it is claimed, to everyone', async () => {
  const { projects, cam } = await mirrorStarterWork(getDb())
  for (const accountId of [undefined, cam.id]) {
    const { data, byNumber } = await cardsAs(accountId)
    expect(byNumber.get(1)).toEqual({
      kind: 'project',
      id: projects.open,
      title: 'Flag parsing',
      status: 'open',
      languageStars: 2,
      domainStars: 3,
      primaryDomain: 'storage',
    })
    expect(byNumber.get(2)).toMatchObject({
      kind: 'project',
      id: projects.claimed,
      status: 'claimed',
    })
    expect(byNumber.get(4)).toBeNull()
    // A candidate is a maintainer's to see: signed out or a contributor, the card says nothing.
    expect(byNumber.get(3)).toBeNull()
    expect(byNumber.get(5)).toBeNull()

    const html = (await renderRouteWith(IssuesBoardRoute, data, '/issues')).replaceAll(
      '<!-- -->',
      '',
    )
    expect(html).toContain(`href="/starter/${projects.open}"`)
    expect(html).toContain('Starter project<span class="sr-only">: Flag parsing</span>')
    expect(html).toContain('OCaml difficulty: 2 of 3 stars')
    expect(html).toContain('Domain difficulty (storage): 3 of 3 stars')
    expect(html).toMatch(/>claimed<\/span>/)
    expect(html).not.toContain('Triage candidate')
    expect(html).not.toContain('/starter/triage')
  }
})

test('a maintainer’s cards also say which issues are triage candidates, linking to each in the queue', async () => {
  const { dana } = await mirrorStarterWork(getDb())
  const { data, byNumber } = await cardsAs(dana.id)
  for (const number of [3, 5]) {
    expect(byNumber.get(number)).toEqual({
      kind: 'candidate',
      triageHref: expect.stringMatching(/^\/starter\/triage\?at=[\w-]+$/),
    })
  }
  // Projects, the long discussion and the pull request are not candidates.
  expect(byNumber.get(1)).toMatchObject({ kind: 'project' })
  expect(byNumber.get(4)).toBeNull()
  expect(byNumber.get(6)).toBeNull()
  // The link opens the triage queue on that very issue, measured as the queue measures it.
  for (const number of [3, 5]) {
    const href = (byNumber.get(number) as { triageHref: string }).triageHref
    const triage = await (await callLoader(triageLoader, href, { accountId: dana.id })).json()
    expect(triage.item).toMatchObject({ kind: 'issue', issue: { number } })
    expect(triage.notices.movedOn).toBe(false)
  }
  const html = await renderRouteWith(IssuesBoardRoute, data, '/issues')
  expect(html).toContain('Triage candidate')
  expect(html).toContain(`href="${(byNumber.get(3) as { triageHref: string }).triageHref}"`)
})
