import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { mirrorStarterWork } from '../starter/test-fixtures'

import { loader as boardLoader } from './issues._index'
import StaleIssuesRoute, { loader } from './issues.stale'

const getDb = setupTestDatabase()

type StalePage = {
  ignored: string[]
  totalStale: number
  allRepositories: string
  repositories: { repo: string; stale_count: number; allStale: string; onBoard: string }[]
  repository: {
    name: string
    onBoard: string
    totalStale: number
    items: { number: number }[]
    isFirstPage: boolean
    firstPage: string
    nextPage: string | null
  } | null
  fresh: { totalFresh: number; items: { repo: string; number: number }[] }
}

async function load(path: string) {
  const response = await callLoader(loader, path)
  expect(response.status).toBe(200)
  return (await response.json()) as StalePage
}

// Not live (never synced), so the board clock is the newest open activity: 2026-06-01, and six
// months before it is 2025-12-01. The factory dates issue N at 2020-01-01 plus N hours: stale.
const FRESH = { updated_at: '2026-06-01T00:00:00Z' }

async function mirrorTwoRepositories() {
  const a = repositoryPayload('mirage/a')
  const b = repositoryPayload('mirage/b')
  const staleInA = Array.from({ length: 52 }, (_, index) => issuePayload(a.full_name, index + 1))
  await mirror(getDb(), a, [...staleInA, issuePayload(a.full_name, 100, FRESH)])
  await mirror(getDb(), b, [issuePayload(b.full_name, 1), issuePayload(b.full_name, 2, FRESH)])
}

test('one repository’s stale items: all of them, oldest first, a page at a time, and only its own', async () => {
  await mirrorTwoRepositories()
  const first = await load('/issues/stale?repo=MIRAGE/A&months=6')
  expect(first.ignored).toEqual([])
  expect(first.repository).toMatchObject({ name: 'mirage/a', totalStale: 52, isFirstPage: true })
  expect(first.repository!.items.map((issue) => issue.number)).toEqual(
    Array.from({ length: 50 }, (_, index) => index + 1),
  )
  expect(first.totalStale).toBe(52)
  expect(first.repositories).toEqual([])
  // Its fresh work only, and the way back to every repository on the same measure.
  expect(first.fresh.items.map((issue) => `${issue.repo}#${issue.number}`)).toEqual([
    'mirage/a#100',
  ])
  expect(first.allRepositories).toBe('/issues/stale?months=6')

  const next = new URL(first.repository!.nextPage!, 'http://localhost')
  expect(next.pathname).toBe('/issues/stale')
  expect(next.searchParams.get('repo')).toBe('mirage/a')
  expect(next.searchParams.get('months')).toBe('6')
  const second = await load(`${next.pathname}${next.search}`)
  expect(second.repository!.items.map((issue) => issue.number)).toEqual([51, 52])
  expect(second.repository).toMatchObject({ isFirstPage: false, nextPage: null })
  expect(second.repository!.firstPage).toBe('/issues/stale?repo=mirage%2Fa&months=6')
})

test('the grouped list sends "All N stale items in …" to that repository’s own stale items', async () => {
  await mirrorTwoRepositories()
  const page = await load('/issues/stale?months=6&type=issue')
  expect(page.repository).toBeNull()
  expect(
    page.repositories.map(({ repo, stale_count, allStale }) => [repo, stale_count, allStale]),
  ).toEqual([
    ['mirage/a', 52, '/issues/stale?repo=mirage%2Fa&months=6&type=issue'],
    ['mirage/b', 1, '/issues/stale?repo=mirage%2Fb&months=6&type=issue'],
  ])
})

test('a malformed or unknown repository is ignored and said so; every repository is listed', async () => {
  await mirrorTwoRepositories()
  for (const [query, reason] of [
    ['repo=not-a-repo', 'repo "not-a-repo" is not a repository name (owner/name)'],
    ['repo=mirage/zzz', 'no mirrored repository is named "mirage/zzz"'],
    ['repo=%27%3B--/x%22', `repo "';--/x"" is not a repository name (owner/name)`],
  ] as const) {
    const page = await load(`/issues/stale?months=6&${query}`)
    expect(page.ignored).toEqual([reason])
    expect(page.repository).toBeNull()
    expect(page.repositories.map((repo) => repo.repo)).toEqual(['mirage/a', 'mirage/b'])
  }
  const two = await load('/issues/stale?months=6&repo=mirage/b&repo=mirage/a')
  expect(two.repository?.name).toBe('mirage/b')
  expect(two.ignored).toEqual(['repo "mirage/a": the page shows one repository at a time'])
})

test('a cursor this page did not write is said so, and the list starts from its oldest item', async () => {
  await mirrorTwoRepositories()
  const page = await load('/issues/stale?months=6&repo=mirage/a&cursor=bm9wZQ')
  expect(page.ignored).toEqual([
    'cursor is not one this page wrote, so the list starts from its oldest item',
  ])
  expect(page.repository!.items[0]!.number).toBe(1)
})

test('a repository with nothing stale shows none, not every repository', async () => {
  const c = repositoryPayload('mirage/c')
  await mirror(getDb(), c, [issuePayload(c.full_name, 1, FRESH)])
  await mirrorTwoRepositories()
  const page = await load('/issues/stale?months=6&repo=mirage/c')
  expect(page.repository).toMatchObject({ name: 'mirage/c', totalStale: 0, items: [] })
  expect(page.totalStale).toBe(0)
})

test('each repository’s stale items link to the board filtered to them, which lists the same items', async () => {
  await mirrorTwoRepositories()
  const page = await load('/issues/stale?months=6&type=issue')
  expect(page.repositories.map(({ repo, onBoard }) => [repo, onBoard])).toEqual([
    ['mirage/a', '/issues?repo=mirage%2Fa&type=issue&stale=true&months=6'],
    ['mirage/b', '/issues?repo=mirage%2Fb&type=issue&stale=true&months=6'],
  ])
  const one = await load('/issues/stale?months=6&repo=mirage/b')
  expect(one.repository!.onBoard).toBe('/issues?repo=mirage%2Fb&stale=true&months=6')
  const board = (await (await callLoader(boardLoader, one.repository!.onBoard)).json()) as {
    issues: { repo: string; number: number }[]
    matching: number
  }
  expect(board.issues.map((issue) => `${issue.repo}#${issue.number}`)).toEqual(['mirage/b#1'])
  expect(board.matching).toBe(one.repository!.totalStale)
})

type StaleCard = {
  number: number
  starter: Record<string, unknown> | null
  actions: { onGitHub: string | null; tag: string | null } | null
}

/** The stale page on a 3-month measure, grouped and for mirage/mirage alone, as someone sees it. */
async function starterWorkAs(accountId?: number) {
  const grouped = await (await callLoader(loader, '/issues/stale?months=3', { accountId })).json()
  const one = await (
    await callLoader(loader, '/issues/stale?months=3&repo=mirage/mirage', { accountId })
  ).json()
  const cards = (items: StaleCard[]) => new Map(items.map((item) => [item.number, item]))
  return {
    grouped,
    one,
    stale: cards(grouped.repositories[0].issues),
    oneStale: cards(one.repository.items),
    fresh: cards(grouped.fresh.items),
  }
}

test('stale and fresh items say their starter project, rated and claimed or open, to everyone, and no candidate', async () => {
  const { projects, cam } = await mirrorStarterWork(getDb())
  for (const accountId of [undefined, cam.id]) {
    const page = await starterWorkAs(accountId)
    for (const stale of [page.stale, page.oneStale]) {
      expect([...stale.keys()].sort()).toEqual([1, 2, 4, 5, 6])
      expect(stale.get(1)!.starter).toMatchObject({
        kind: 'project',
        id: projects.open,
        status: 'open',
        languageStars: 2,
        domainStars: 3,
      })
      expect(stale.get(2)!.starter).toMatchObject({ kind: 'project', status: 'claimed' })
      // #5 is a candidate: a maintainer's to see.
      expect(stale.get(5)!.starter).toBeNull()
      expect([...stale.values()].map((item) => item.actions)).toEqual([
        null,
        null,
        null,
        null,
        null,
      ])
    }
    expect(page.fresh.get(3)!.starter).toBeNull()
    const html = await renderRouteWith(StaleIssuesRoute, page.grouped, '/issues/stale?months=3')
    expect(html).toContain(`href="/starter/${projects.open}"`)
    expect(html).not.toContain('Triage candidate')
    expect(html).not.toContain('Tag as starter project')
    expect(html).not.toContain('Nudge or close on GitHub')
  }
})

test('a maintainer can act on each stale item: triage a candidate, tag an issue, nudge or close it on GitHub', async () => {
  const { dana } = await mirrorStarterWork(getDb())
  const page = await starterWorkAs(dana.id)
  for (const stale of [page.stale, page.oneStale]) {
    expect(stale.get(5)!.starter).toEqual({
      kind: 'candidate',
      triageHref: expect.stringMatching(/^\/starter\/triage\?at=/),
    })
    const onGitHub = (number: number) => `https://github.com/mirage/mirage/issues/${number}`
    // An issue that is neither a project nor a candidate can be tagged; the others are offered
    // already (their project) or through triage (the candidate's link); a pull request is not one.
    expect(stale.get(4)!.actions).toEqual({
      onGitHub: onGitHub(4),
      tag: '/starter/new?issue=mirage%2Fmirage%234',
    })
    expect(stale.get(1)!.actions).toEqual({ onGitHub: onGitHub(1), tag: null })
    expect(stale.get(5)!.actions).toEqual({ onGitHub: onGitHub(5), tag: null })
    expect(stale.get(6)!.actions).toEqual({ onGitHub: onGitHub(6), tag: null })
  }
  // Fresh work is where most candidates are.
  expect(page.fresh.get(3)!.starter).toMatchObject({ kind: 'candidate' })
  for (const view of [page.grouped, page.one]) {
    const html = await renderRouteWith(StaleIssuesRoute, view, '/issues/stale?months=3')
    expect(html).toContain('Triage candidate')
    expect(html).toContain('href="/starter/new?issue=mirage%2Fmirage%234"')
    expect(html).toContain('href="https://github.com/mirage/mirage/issues/4"')
    expect(html).toContain('Nudge or close on GitHub')
  }
})
