import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror, mirrorTwoStarterCandidates } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader, loaderArgs } from '../../test/route-requests'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { getFinderPreference } from '../starter/finder.server'
import { resultSections } from '../starter/result-sections'
import { UnratedHint } from '../starter/ui/unrated-hint'

import StarterFinderRoute, { action, loader } from './starter._index'

const getDb = setupTestDatabase()

type FinderData = {
  items: { title: string; isAboveLevel: boolean; domainMatch: string | null }[]
  background: { level: string; knownDomains: string[] }
  ignored: { parameter: string }[]
  savedAt: string | null
  nextPage: string | null
  query: string
}

async function load(query: string, accountId?: number) {
  const response = await callLoader(loader, `/starter${query}`, { accountId })
  return (await response.json()) as FinderData
}

const post = (form: Record<string, string>, accountId?: number) =>
  callAction(action, '/starter?index', form, { accountId })

test('a background in the URL ranks its domains first and hides what is above it', async () => {
  const db = getDb()
  await createProject(db, { title: 'Networking', primaryDomain: 'networking' })
  await createProject(db, { title: 'Web 3★ domain', primaryDomain: 'web', domainStars: 3 })
  await createProject(db, { title: 'Storage 3★ domain', primaryDomain: 'storage', domainStars: 3 })
  const data = await load('?level=some&know=web')
  expect(data.items.map((item) => [item.title, item.domainMatch])).toEqual([
    ['Web 3★ domain', 'primary'],
    ['Networking', null],
  ])
  const above = await load('?level=some&know=web&above=yes')
  expect(above.items.find((item) => item.title === 'Storage 3★ domain')).toMatchObject({
    isAboveLevel: true,
  })
})

test('a bad cursor is ignored with a notice, and the first page is shown', async () => {
  await createProject(getDb(), { title: 'Only one' })
  const data = await load('?cursor=not-a-cursor')
  expect(data.ignored.map((problem) => problem.parameter)).toEqual(['cursor'])
  expect(data.items.map((item) => item.title)).toEqual(['Only one'])
})

test('a saved background comes back on a bare /starter, and not with ?fresh', async () => {
  const newcomer = await createAccount(getDb(), 'newcomer')
  const saved = await post(
    { intent: 'save', level: 'comfortable', know: 'web', cursor: 'x' },
    newcomer.id,
  )
  // A finder with a bad value is refused whole.
  expect(saved.status).toBe(400)
  expect(await getFinderPreference(newcomer.id, getDb())).toBeNull()

  const ok = await post(
    { intent: 'save', know: 'web', level: 'comfortable', junk: '1' },
    newcomer.id,
  )
  // Back to the bare finder, which now restores what was saved.
  expect(ok.status).toBe(302)
  expect(ok.headers.get('Location')).toBe('/starter')
  expect((await getFinderPreference(newcomer.id, getDb()))?.query).toBe(
    'level=comfortable&know=web',
  )
  const restored = await load('', newcomer.id)
  expect(restored.savedAt).not.toBeNull()
  expect(restored.background).toMatchObject({ level: 'comfortable', knownDomains: ['web'] })
  const fresh = await load('?fresh', newcomer.id)
  expect(fresh.savedAt).toBeNull()
  expect(fresh.background).toMatchObject({ level: 'none', knownDomains: [] })
  // Anonymous visitors and explicit parameters never restore anything.
  expect((await load('?level=some', newcomer.id)).savedAt).toBeNull()
  expect((await load('')).savedAt).toBeNull()

  expect((await post({ intent: 'forget' }, newcomer.id)).status).toBe(200)
  expect(await getFinderPreference(newcomer.id, getDb())).toBeNull()
})

test('saving needs a signed-in person', async () => {
  const response = await post({ intent: 'save', level: 'some' })
  expect(response.status).toBe(401)
})

test('“Save this background” saves the finder’s form as sent, not the address it was shown at', async () => {
  const newcomer = await createAccount(getDb(), 'newcomer')
  // Ticked on a page showing "new to it, no domain": the form's fields are what counts, as the
  // finder form sends them (empty filters included).
  const response = await callAction(
    action,
    '/starter?index&level=none',
    [
      ['level', 'some'],
      ['know', 'networking'],
      ['know', 'web'],
      ['time', 'week'],
      ['q', ''],
      ['domain', ''],
      ['intent', 'save'],
    ],
    { accountId: newcomer.id },
  )
  expect(response.status).toBe(302)
  const restored = await load('', newcomer.id)
  expect(restored.savedAt).not.toBeNull()
  expect(restored.background).toMatchObject({
    level: 'some',
    knownDomains: ['networking', 'web'],
  })
})

test('new to the language: learning resources; mentors link to GitHub; the issue’s activity shows', async () => {
  const db = getDb()
  const repo = repositoryPayload('mirage/mirage')
  await mirror(db, repo, [
    issuePayload(repo.full_name, 7, {
      comments: 4,
      assignees: [{ login: 'samoht' }],
      updated_at: '2024-05-01T10:00:00Z',
    }),
    // Open and saying it closes #7: shown. Closed, or only mentioning it: not.
    issuePayload(repo.full_name, 8, {
      pull_request: { merged_at: null },
      body: 'Fixes #7',
      html_url: 'https://github.com/mirage/mirage/pull/8',
    }),
    issuePayload(repo.full_name, 9, {
      pull_request: { merged_at: null },
      body: 'Closes #7',
      state: 'closed',
    }),
    issuePayload(repo.full_name, 10, { pull_request: { merged_at: null }, body: 'See #7' }),
  ])
  await createProject(db, {
    title: 'Attached',
    mentors: ['@hannesm', 'Plain Name'],
    issue: 'mirage/mirage#7',
  })
  const response = await callLoader(loader, '/starter?level=none')
  const data = (await response.json()) as {
    learningResources: { title: string; url: string }[]
    items: {
      mentors: { name: string; githubLogin: string | null }[]
      issue: {
        comments: number | null
        historyRecorded: boolean
        assignees: string[]
        updatedAt: string
        state: string
        openPullRequests: { number: number; url: string }[]
      } | null
    }[]
  }
  expect(data.learningResources).toEqual([
    { title: 'Real World OCaml', url: 'https://dev.realworldocaml.org/' },
  ])
  expect(data.items[0]!.mentors).toEqual([
    { name: '@hannesm', githubLogin: 'hannesm', isDemo: false, isMe: false },
    { name: 'Plain Name', githubLogin: null, isDemo: false, isMe: false },
  ])
  expect(data.items[0]!.issue).toMatchObject({
    comments: 4,
    historyRecorded: true,
    assignees: ['samoht'],
    updatedAt: '2024-05-01T10:00:00.000Z',
    state: 'open',
    openPullRequests: [{ number: 8, url: 'https://github.com/mirage/mirage/pull/8' }],
  })
  // Loaded from a summary that records no activity (the demo): no comment count is made up.
  await db.updateTable('repository').set({ history_recorded: false }).execute()
  const summary = (await (await callLoader(loader, '/starter?level=none')).json()) as typeof data
  expect(summary.items[0]!.issue).toMatchObject({ comments: null, historyRecorded: false })
})

test('a card says how long those who finished it took, demo reports named as such; none reported, nothing', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  const cam = await createAccount(db, 'cam')
  const reported = await createProject(db, { title: 'Reported', size: 'elastic' })
  const demoOnly = await createProject(db, { title: 'Demo only', size: 'week' })
  await createProject(db, { title: 'Nobody yet', size: 'day' })
  for (const [id, person, time] of [
    [reported, nia, 'month'],
    [demoOnly, cam, 'week'],
  ] as const) {
    const claim = await claimStarterProject(id, person, db)
    await endClaim(id, claim.id, person, 'done', db)
    await submitClaimFeedback(
      id,
      claim.id,
      person,
      { languageStars: 1, domainStars: 1, timeTaken: time, note: '' },
      db,
    )
  }
  const data = await (await callLoader(loader, '/starter?level=some&status=all')).json()
  const text = (await renderRouteWith(StarterFinderRoute, data, '/starter'))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  expect(text).toContain(
    'Elastic: starts small, can grow into months · finished in about a month (1 report)',
  )
  expect(text).toContain('About a week · finished in about a week (1 demo report)')
  expect(text).toContain('About a day No mentor listed')
  expect(text.match(/finished in/g)).toHaveLength(2)
})

test('search and repository filters come from the URL; a bad repository is ignored with a notice', async () => {
  const db = getDb()
  await createProject(db, { title: 'Memory profiler', repos: ['mirage/mirage'] })
  await createProject(db, { title: 'TLS tools', repos: ['mirleft/ocaml-tls'] })
  expect((await load('?q=mem')).items.map((item) => item.title)).toEqual(['Memory profiler'])
  expect((await load('?repo=mirleft/ocaml-tls')).items.map((item) => item.title)).toEqual([
    'TLS tools',
  ])
  const bad = await load('?repo=..%2F..&q=%22')
  expect(bad.ignored.map((problem) => problem.parameter)).toEqual(['repo'])
  expect(bad.items).toHaveLength(2)
})

test('the background form is unfolded until a background finds something, then folds away', async () => {
  const db = getDb()
  await createProject(db, { title: 'Networking', primaryDomain: 'networking' })
  const isOpen = async (query: string) =>
    ((await load(query)) as FinderData & { isFormOpen: boolean }).isFormOpen
  expect(await isOpen('')).toBe(true)
  expect(await isOpen('?level=some&know=networking')).toBe(false)
  expect(await isOpen('?level=some&know=networking&q=nothing-by-that-name')).toBe(true)
})

test('a first visit heads the easiest projects, not "Projects for you", until she tells her background', async () => {
  const db = getDb()
  await createProject(db, { title: 'Networking', primaryDomain: 'networking' })
  const headings = async (query: string) =>
    [
      ...(
        await renderRouteWith(StarterFinderRoute, await load(query), `/starter${query}`)
      ).matchAll(/<h2[^>]*>(.*?)<\/h2>/g),
    ]
      .map((match) => match[1]!.replace(/<[^>]+>/g, '').replace(/<!-- -->/g, ''))
      .filter((heading) => heading.includes('shown'))
  expect(await headings('')).toEqual([
    'The easiest projects (tell us your background to see those for you; 1 shown)',
  ])
  // Another page of it, or a search in it, says no more of her.
  expect(await headings('?q=Networking')).toEqual([
    'The easiest projects (tell us your background to see those for you; 1 shown)',
  ])
  // The form always sends her level: once she has used it, they are hers.
  expect(await headings('?level=none')).toEqual(['Projects for you (1 shown)'])
  expect(await headings('?level=some&know=networking')).toEqual(['Projects for you (1 shown)'])
})

test('a card says her own claim is hers, with a link to My work; others read who claimed it', async () => {
  const db = getDb()
  const id = await createProject(db, { title: 'Telnet', primaryDomain: 'networking' })
  const nia = await createGitHubAccount(db, 'nia')
  const cam = await createGitHubAccount(db, 'cam')
  await claimStarterProject(id, nia, db)
  const card = async (accountId: number) => {
    const html = await renderRouteWith(
      StarterFinderRoute,
      await load('?level=none', accountId),
      '/starter?level=none',
    )
    return html.replace(/<!-- -->/g, '').replace(/\s+/g, ' ')
  }
  const hers = await card(nia.id)
  expect(hers.replace(/<[^>]+>/g, '')).toMatch(
    /You are working on this since \d+ \w+ \d{4} · see My work/,
  )
  expect(hers).toMatch(/<a [^>]*href="\/me">see My work<\/a>/)
  expect(hers).not.toContain('Claimed by')
  const his = (await card(cam.id)).replace(/<[^>]+>/g, '')
  expect(his).toMatch(/Claimed by nia since \d+ \w+ \d{4}/i)
  expect(his).not.toContain('see My work')
})

test('a card names its mentor “you” to her, who answers its claims; others read her name', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const nia = await createGitHubAccount(db, 'nia')
  await createProject(db, { title: 'Telnet', primaryDomain: 'networking', mentors: ['cam'] })
  const card = async (accountId: number) =>
    (
      await renderRouteWith(
        StarterFinderRoute,
        await load('?level=none', accountId),
        '/starter?level=none',
      )
    )
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
  expect(await card(cam.id)).toContain('Mentors: you (you answer whoever claims it)')
  const his = await card(nia.id)
  expect(his).toContain('Mentors: cam')
  expect(his).not.toContain('you answer whoever claims it')
})

test('a card whose mentors are names alone says nobody is reachable; “Has a mentor” leaves it out', async () => {
  const db = getDb()
  await createProject(db, { title: 'Old list', mentors: ['Anil Madhavapeddy'] })
  await createProject(db, { title: 'On GitHub', mentors: ['@hannesm'] })
  const cards = async (query: string) =>
    (await renderRouteWith(StarterFinderRoute, await load(query), `/starter${query}`))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
  const all = await cards('?level=none')
  expect(all).toContain('Mentors: Anil Madhavapeddy (no way to reach them is listed)')
  expect(all).toContain('Mentors: @hannesm ·')
  const mentored = await cards('?level=none&hasMentor=yes')
  expect(mentored).toContain('On GitHub')
  expect(mentored).not.toContain('Old list')
})

test('with no open starter project at all, the finder counts the tracker issues that could become one', async () => {
  const db = getDb()
  await mirrorTwoStarterCandidates(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  const newcomer = await createAccount(db, 'noor')

  // A fresh board: no project matches because there is none, whatever the filters.
  type EmptyData = FinderData & { emptySupply: unknown; canTriage: boolean }
  const asMaintainer = (await load('?level=none', maintainer.id)) as EmptyData
  expect(asMaintainer.emptySupply).toEqual({ count: 2, isCapped: false })
  expect(asMaintainer.canTriage).toBe(true)
  const asNewcomer = (await load('?level=none', newcomer.id)) as EmptyData
  expect(asNewcomer).toMatchObject({ emptySupply: { count: 2 }, canTriage: false })

  // Once a project is open, an empty result is the filters' doing again.
  await createProject(db, { title: 'Web 3★ domain', primaryDomain: 'web', domainStars: 3 })
  const filtered = (await load('?level=none&know=storage')) as EmptyData
  expect(filtered.items).toEqual([])
  expect(filtered.emptySupply).toBeNull()
})

/** A GET of the finder from a browser holding `cookie` (the Set-Cookie's name=value part). */
async function loadWithCookie(query: string, cookie: string | null, accountId?: number) {
  const args = await loaderArgs(`/starter${query}`, { accountId })
  const headers = new Headers(args.request.headers)
  if (cookie) headers.append('Cookie', cookie)
  const response = await loader({ ...args, request: new Request(args.request.url, { headers }) })
  const setCookie = response.headers.get('Set-Cookie')
  type Data = FinderData & { isLastBackground: boolean; hasChoice: boolean; isFormOpen: boolean }
  return {
    data: (await response.json()) as Data,
    cookie: setCookie === null ? cookie : setCookie.split(';')[0]!.replace(/^[^=]*=$/, '') || null,
    setCookie,
  }
}

test('the background last chosen comes back on a bare /starter, for anyone, until ?fresh', async () => {
  await createProject(getDb(), { title: 'Web', primaryDomain: 'web' })
  // Choosing a background (the form always sends level and time) remembers it, not the filters.
  const chosen = await loadWithCookie('?level=some&know=web&time=any&q=web', null)
  expect(chosen.setCookie).toMatch(/^finder_background=.+; Max-Age=\d+; Path=\/starter; HttpOnly/)
  expect(chosen.data.isLastBackground).toBe(false)

  const back = await loadWithCookie('', chosen.cookie)
  expect(back.data.isLastBackground).toBe(true)
  expect(back.data.background).toMatchObject({ level: 'some', knownDomains: ['web'] })
  expect(back.data.query).toBe('level=some&know=web')
  // Restored is chosen: the form folds away, as after choosing.
  expect(back.data.isFormOpen).toBe(false)
  expect(back.setCookie).toBeNull()

  // Explicit parameters win, and a search alone leaves the remembered background as it is.
  const shared = await loadWithCookie('?q=web', chosen.cookie)
  expect(shared.data.isLastBackground).toBe(false)
  expect(shared.data.background).toMatchObject({ level: 'none', knownDomains: [] })
  expect(shared.setCookie).toBeNull()

  // "Start from scratch" shows the empty finder and forgets the background.
  const fresh = await loadWithCookie('?fresh', chosen.cookie)
  expect(fresh.data.isLastBackground).toBe(false)
  expect(fresh.data.background).toMatchObject({ level: 'none', knownDomains: [] })
  expect(fresh.setCookie).toMatch(/^finder_background=; Max-Age=0;/)
  expect((await loadWithCookie('', fresh.cookie)).data.isLastBackground).toBe(false)
})

test('a signed-in person’s saved finder comes before the background last chosen', async () => {
  const newcomer = await createAccount(getDb(), 'newcomer')
  const chosen = await loadWithCookie('?level=some&know=web', null, newcomer.id)
  expect((await loadWithCookie('', chosen.cookie, newcomer.id)).data.isLastBackground).toBe(true)
  await post({ intent: 'save', level: 'comfortable', know: 'storage' }, newcomer.id)
  const back = await loadWithCookie('', chosen.cookie, newcomer.id)
  expect(back.data.savedAt).not.toBeNull()
  expect(back.data.isLastBackground).toBe(false)
  expect(back.data.background).toMatchObject({ level: 'comfortable', knownDomains: ['storage'] })
})

test('a remembered background that no longer parses keeps its valid part, with no warning', async () => {
  const remembered = await loadWithCookie('?level=some&know=web', null)
  // Hand-made: the same cookie naming a domain the settings no longer have.
  const stale =
    remembered.cookie!.replace(/=.*/, '=') + btoa(JSON.stringify('level=some&know=gone'))
  const back = await loadWithCookie('', stale)
  expect(back.data.isLastBackground).toBe(true)
  expect(back.data.background).toMatchObject({ level: 'some', knownDomains: [] })
  expect(back.data.ignored).toEqual([])
  // A cookie that is not even a value is no background at all, and no error.
  expect((await loadWithCookie('', 'finder_background=%%%')).data.isLastBackground).toBe(false)
})

test('when nothing rated fits, the finder counts the unrated projects in your domains and links to them', async () => {
  const db = getDb()
  // Monitoring: two unrated projects (one touching it), nothing rated; web: rated and fitting.
  await createProject(db, {
    title: 'SNMP',
    primaryDomain: 'monitoring',
    languageStars: null,
    domainStars: null,
  })
  await createProject(db, {
    title: 'Metrics over TCP',
    primaryDomain: 'networking',
    secondaryDomains: ['monitoring'],
    languageStars: 1,
    domainStars: null,
  })
  await createProject(db, { title: 'Rated elsewhere', primaryDomain: 'web' })
  await createProject(db, { title: 'Unrated elsewhere', primaryDomain: 'web', domainStars: null })

  type Data = FinderData & { unrated: { count: number; href: string } | null }
  const data = (await load('?level=none&know=monitoring')) as Data
  expect(data.unrated?.count).toBe(2)
  expect(data.unrated?.href).toBe('?know=monitoring&unrated=yes')

  // The link lists only unrated projects, those in your domain first.
  const shown = (await load(data.unrated!.href)) as Data
  expect(shown.items.map((item) => item.title)).toEqual([
    'SNMP',
    'Metrics over TCP',
    'Unrated elsewhere',
  ])
  expect(shown.unrated).toBeNull()

  // Something rated fits: no hint. Nothing unrated in the domain: no hint either.
  expect(((await load('?level=none&know=web')) as Data).unrated).toBeNull()
  expect(((await load('?level=none&know=storage')) as Data).unrated).toBeNull()
})

test('once a “nothing fits me” request is sent, the hint says it is waiting instead of inviting another', async () => {
  const db = getDb()
  await createProject(db, {
    title: 'SNMP',
    primaryDomain: 'monitoring',
    languageStars: null,
    domainStars: null,
  })
  const noor = await createAccount(db, 'noor')
  type Data = FinderData & {
    unrated: {
      count: number
      href: string
      waitingRequest: { sentAt: string; isDemo: boolean } | null
    } | null
  }
  const hint = async (data: Data) =>
    (
      await renderInRouter(
        createElement(UnratedHint, {
          count: data.unrated!.count,
          href: data.unrated!.href,
          knownDomains: data.background.knownDomains,
          waitingRequest: data.unrated!.waitingRequest,
        }),
      )
    ).replace(/<[^>]+>/g, '')
  const before = (await load('?level=none&know=monitoring', noor.id)) as Data
  expect(before.unrated?.waitingRequest).toBeNull()
  expect(await hint(before)).toContain('or tell the maintainers what you look for')

  await db
    .insertInto('gap_request')
    .values({
      account_id: noor.id,
      language_level: 'none',
      domains: ['monitoring'],
      created_at: new Date('2026-12-05T10:00:00Z'),
    })
    .execute()
  const after = (await load('?level=none&know=monitoring', noor.id)) as Data
  // A demo person's request is a demo action.
  expect(after.unrated?.waitingRequest).toEqual({
    sentAt: '2026-12-05T10:00:00.000Z',
    isDemo: true,
  })
  const text = await hint(after)
  expect(text).not.toContain('tell the maintainers what you look for')
  expect(text).toContain(
    'Your “nothing fits me” request of 5 Dec 2026 demo request is sent and waiting for the maintainers’ answer: see it on My work.',
  )
  expect(
    await renderInRouter(
      createElement(UnratedHint, {
        count: 1,
        href: after.unrated!.href,
        knownDomains: [],
        waitingRequest: after.unrated!.waitingRequest,
      }),
    ),
  ).toContain('href="/me"')

  // Once answered, nothing waits: the invitation comes back.
  await db.updateTable('gap_request').set({ answered_at: new Date() }).execute()
  const answered = (await load('?level=none&know=monitoring', noor.id)) as Data
  expect(answered.unrated?.waitingRequest).toBeNull()
})

test('when someone is working on every project that fits, the finder says so and points onwards', async () => {
  const db = getDb()
  // Networking: one rated project that fits, taken; one unrated; elsewhere, one free.
  const telnet = await createProject(db, { title: 'Telnet', primaryDomain: 'networking' })
  await createProject(db, {
    title: 'SNMP',
    primaryDomain: 'monitoring',
    secondaryDomains: ['networking'],
    languageStars: null,
    domainStars: null,
  })
  await createProject(db, { title: 'Free elsewhere', primaryDomain: 'web' })
  const cam = await createAccount(db, 'cam')
  await claimStarterProject(telnet, cam, db)

  type Data = FinderData & {
    unrated: { isEveryFitTaken: boolean; count: number; href: string } | null
  }
  const data = (await load('?level=none&know=networking')) as Data
  expect(data.items.map((item) => item.title)).toEqual(['Telnet', 'SNMP', 'Free elsewhere'])
  expect(data.unrated).toMatchObject({ isEveryFitTaken: true, count: 1 })
  const text = (
    await renderInRouter(
      createElement(UnratedHint, {
        isEveryFitTaken: true,
        count: data.unrated!.count,
        href: data.unrated!.href,
        knownDomains: data.background.knownDomains,
      }),
    )
  ).replace(/<[^>]+>/g, '')
  expect(text).toBe(
    'Someone is working on each project that fits you. 1 unrated project (no difficulty stars yet) is in networking: show only unrated projects or tell the maintainers what you look for.',
  )
  // With nothing unrated to show, it still says so and how to ask.
  const alone = (
    await renderInRouter(
      createElement(UnratedHint, {
        isEveryFitTaken: true,
        count: 0,
        href: data.unrated!.href,
        knownDomains: ['networking'],
      }),
    )
  ).replace(/<[^>]+>/g, '')
  expect(alone).toBe(
    'Someone is working on each project that fits you. Tell the maintainers what you look for.',
  )

  // A second project that fits and is free: no hint (the free one comes first).
  await createProject(db, { title: 'TCP tests', primaryDomain: 'networking' })
  expect(((await load('?level=none&know=networking')) as Data).unrated).toBeNull()
})

test('when nothing on the first page fits, the finder says so, even with no unrated hint to show', async () => {
  const db = getDb()
  await createProject(db, { title: 'Rated web', primaryDomain: 'web' })
  await createProject(db, { title: 'Hard storage', primaryDomain: 'storage', languageStars: 3 })

  type Data = FinderData & { isNothingFitting: boolean; unrated: unknown }
  // Storage: only a project above your level (hidden) and one elsewhere (listed, not fitting).
  const storage = (await load('?level=none&know=storage')) as Data
  expect(storage.items.map((item) => item.title)).toEqual(['Rated web'])
  expect(storage.unrated).toBeNull()
  expect(storage.isNothingFitting).toBe(true)

  expect(((await load('?level=none&know=web')) as Data).isNothingFitting).toBe(false)
  // Only unrated projects asked for: none is rated, so none "fits"; that is what was asked.
  expect(((await load('?level=none&know=storage&unrated=yes')) as Data).isNothingFitting).toBe(
    false,
  )
})

test('every page of the cursor marks which projects fit, so the boundary is headed where it falls', async () => {
  const db = getDb()
  for (const title of ['Web 1', 'Web 2', 'Web 3']) {
    await createProject(db, { title, primaryDomain: 'web' })
  }
  for (const title of ['Net 1', 'Net 2', 'Net 3']) {
    await createProject(db, { title, primaryDomain: 'networking' })
  }
  type Item = {
    title: string
    fits: boolean
    isEasier: boolean
    languageStars: number | null
    domainStars: number | null
    size: string | null
  }
  type Data = FinderData & { items: Item[]; isFirstPage: boolean }
  const pages: Data[] = [(await load('?level=none&know=web&limit=2')) as Data]
  while (pages.at(-1)!.nextPage) pages.push((await load(pages.at(-1)!.nextPage!)) as Data)
  const headings = pages.map((page) =>
    resultSections(page.items, { isFirstPage: page.isFirstPage, isUnratedOnly: false }).map(
      (section) => `${section.heading}: ${section.items.map((item) => item.title).join(', ')}`,
    ),
  )
  expect(headings).toEqual([
    ['Projects for you: Web 3, Web 2'],
    ['Projects for you: Web 1', 'Other projects: Net 3'],
    ['Other projects: Net 2, Net 1'],
  ])
})

test('a step up lists the projects harder than her last first, the easier ones after, on every page', async () => {
  const db = getDb()
  // Older first: "easier first" alone would list the 1★ ones (newer ones first within a tie) ahead.
  await createProject(db, { title: 'Web 2★', primaryDomain: 'web', languageStars: 2 })
  await createProject(db, { title: 'Web 1★ a', primaryDomain: 'web', languageStars: 1 })
  await createProject(db, { title: 'Web 1★ b', primaryDomain: 'web', languageStars: 1 })
  await createProject(db, { title: 'Net 2★', primaryDomain: 'networking', languageStars: 2 })
  await createProject(db, { title: 'Net 3★', primaryDomain: 'networking', languageStars: 3 })
  type Item = {
    title: string
    fits: boolean
    isEasier: boolean
    languageStars: number | null
    domainStars: number | null
    size: string | null
  }
  type Data = FinderData & {
    items: Item[]
    isFirstPage: boolean
    filters: { stepUpFrom: number | null }
  }
  const titles = async (query: string) => (await load(query)).items.map((item) => item.title)
  // The plain finder stays as it was: easier first.
  expect(await titles('?level=some&know=web')).toEqual(['Web 1★ b', 'Web 1★ a', 'Web 2★', 'Net 2★'])
  expect(await titles('?level=some&know=web&stepUp=1')).toEqual([
    'Web 2★',
    'Web 1★ b',
    'Web 1★ a',
    'Net 2★',
  ])

  const pages: Data[] = [(await load('?level=some&know=web&stepUp=1&limit=2')) as Data]
  while (pages.at(-1)!.nextPage) pages.push((await load(pages.at(-1)!.nextPage!)) as Data)
  expect(pages[0]!.query).toBe('level=some&know=web&stepUp=1')
  const headings = pages.map((page) =>
    resultSections(page.items, {
      isFirstPage: page.isFirstPage,
      isUnratedOnly: false,
      stepUpFrom: page.filters.stepUpFrom,
    }).map(
      (section) => `${section.heading}: ${section.items.map((item) => item.title).join(', ')}`,
    ),
  )
  expect(headings).toEqual([
    ['A step up from your last project: Web 2★', 'Easier ones: Web 1★ b'],
    ['Easier ones: Web 1★ a', 'Other projects: Net 2★'],
  ])

  // The page says why, under its headings.
  const first = await (await callLoader(loader, '/starter?level=some&know=web&stepUp=1')).json()
  const text = (await renderRouteWith(StarterFinderRoute, first, '/starter'))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  expect(text).toContain(
    'A step up from your last project (harder than its 1★, within what you told us; 1 shown)',
  )
  expect(text).toContain(
    'Easier ones (they fit you, but are no harder than your last project; 2 shown)',
  )
  expect(text.indexOf('Web 2★')).toBeLessThan(text.indexOf('Web 1★ b'))
})

test('a step up that is not a number of stars is ignored and named, as the finder’s other values are', async () => {
  await createProject(getDb(), { title: 'Web', primaryDomain: 'web' })
  const data = await load(`?know=web&stepUp=${'9'.repeat(500)}`)
  expect(data.ignored).toEqual([
    expect.objectContaining({ parameter: 'stepUp', allowed: '1, 2, 3 (or any)' }),
  ])
  expect(JSON.stringify(data.ignored).length).toBeLessThan(200)
  expect(data.query).toBe('know=web')
  expect(data.items.map((item) => item.title)).toEqual(['Web'])
})

test('a submitted form’s empty fields are dropped from the address by a redirect, so it works without JavaScript', async () => {
  const response = await callLoader(
    loader,
    '/starter?level=none&know=web&time=any&q=&domain=&maxLanguage=&maxDomain=&size=&fresh',
  )
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe('/starter?level=none&know=web&time=any&fresh=')
  // An address with no empty field is shown as it is.
  expect((await callLoader(loader, '/starter?level=none&know=web')).status).toBe(200)
  // Only empty finder fields: no redirect to a bare /starter, which would restore a saved finder.
  expect((await callLoader(loader, '/starter?domain=')).status).toBe(200)
})

test('after “nothing fits me” is sent, a demo person is told it is a demo request and how to see it answered; a GitHub person is not', async () => {
  const db = getDb()
  const at = '/starter?know=networking&nothingFits=sent'
  const thanks = async (accountId: number) => {
    const data = await (await callLoader(loader, at, { accountId })).json()
    return (await renderRouteWith(StarterFinderRoute, data, at)).replace(/<!-- -->/g, '')
  }
  const noor = await thanks((await createAccount(db, 'noor')).id)
  // "When a maintainer answers" promised an answer from maintainers who never see a demo request.
  expect(noor.replace(/<[^>]+>/g, '')).toContain(
    'your requests are listed on My work. It is a demo request: in this demo the maintainers are demo accounts, so an answer comes when someone signs in as one. Be a demo maintainer to answer it from the Gap dashboard.',
  )
  expect(noor).toContain('href="/login?returnTo=%2Fstarter%2Fgaps"')

  const nia = await thanks((await createGitHubAccount(db, 'nia')).id)
  expect(nia.replace(/<[^>]+>/g, '')).toContain('your requests are listed on My work.')
  expect(nia).not.toContain('demo request')
})

test('under the results, the finder says how many open projects are above your level and links to them; none once they are shown', async () => {
  const db = getDb()
  await createProject(db, { title: 'Fits', primaryDomain: 'networking' })
  await createProject(db, { title: 'Unrated', languageStars: null, domainStars: null })
  await createProject(db, { title: 'Hard OCaml', primaryDomain: 'networking', languageStars: 3 })
  await createProject(db, { title: 'Some OCaml', primaryDomain: 'web', languageStars: 2 })
  await createProject(db, { title: 'Hard web', primaryDomain: 'web', domainStars: 3 })
  await createProject(db, { title: 'Done', languageStars: 3, status: 'done' })
  type Data = FinderData & { aboveLevel: { count: number; href: string } }
  const at = '?level=none&know=networking'
  const data = (await load(at)) as Data
  expect(data.items.map((item) => item.title).sort()).toEqual(['Fits', 'Unrated'])
  // The home page's "open" count held these three, the finder named none of them.
  expect(data.aboveLevel.count).toBe(3)
  const text = (await renderRouteWith(StarterFinderRoute, data, `/starter${at}`))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
  expect(text).toContain(
    '3 more projects, open or claimed, are rated above your level, so they are not listed. Show them too (marked “above your level”).',
  )

  // The link lists them, marked; nothing is left out then.
  const shown = (await load(data.aboveLevel.href)) as Data
  expect(
    shown.items
      .filter((item) => item.isAboveLevel)
      .map((item) => item.title)
      .sort(),
  ).toEqual(['Hard OCaml', 'Hard web', 'Some OCaml'])
  expect(shown.aboveLevel.count).toBe(0)
  // The other filters still apply: only what the link would list is counted.
  expect(((await load(`${at}&domain=web`)) as Data).aboveLevel.count).toBe(2)
  expect(((await load(`${at}&q=Hard`)) as Data).aboveLevel.count).toBe(2)
  expect(
    ((await load('?level=comfortable&know=networking&know=web')) as Data).aboveLevel.count,
  ).toBe(0)
  // A first visit lists the easiest, for no background yet: not "your level".
  const first = (await load('')) as Data
  expect(first.aboveLevel.count).toBe(3)
  expect(
    (await renderRouteWith(StarterFinderRoute, first, '/starter'))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, ''),
  ).toContain(
    '3 more projects, open or claimed, are harder than these, so they are not listed. Show them too',
  )
})
