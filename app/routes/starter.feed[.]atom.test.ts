import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import {
  createAccount,
  createGitHubAccount,
  createProject,
  starterInput,
} from '../../test/starter-factories'
import { claimStarterProject } from '../starter/claim.server'
import { updateStarterProject } from '../starter/project.server'

import { loader as finderLoader } from './starter._index'
import { loader } from './starter.feed[.]atom'

const getDb = setupTestDatabase()

async function get(query = '') {
  const response = await callLoader(loader, `/starter/feed.atom${query}`)
  return { response, text: await response.text() }
}

type Text = { '#text': string }
type Entry = {
  id: Text
  title: Text
  link: { '@_rel': string; '@_href': string }[]
  updated: Text
  published: Text
  summary: { '#text': string; '@_type': string }
  content: { '#text': string; '@_type': string }
}

/** Checks the XML is well formed, then reads it the way a feed reader would. */
function parseFeed(text: string) {
  expect(XMLValidator.validate(text)).toBe(true)
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry' || name === 'link' || name === 'category',
    processEntities: true,
    textNodeName: '#text',
    alwaysCreateTextNode: true,
  }).parse(text) as {
    feed: {
      '@_xmlns': string
      id: Text
      title: Text
      subtitle: Text
      updated: Text
      link: { '@_rel': string; '@_href': string }[]
      entry?: Entry[]
    }
  }
  return parsed.feed
}

test('the feed is valid Atom with the newest open projects first, their text escaped', async () => {
  const db = getDb()
  await createProject(db, { title: 'Older project', primaryDomain: 'web' }, null, {
    createdAt: new Date('2026-01-01T00:00:00Z'),
  })
  const id = await createProject(
    db,
    {
      title: 'Parse <TLS> & "X.509" certificates',
      summary: 'Read **RFC 5280** first. <script>alert(1)</script>',
      primaryDomain: 'security',
      languageStars: 2,
      domainStars: null,
      mentors: ['Hannes'],
    },
    null,
    { createdAt: new Date('2026-02-01T00:00:00Z') },
  )
  await createProject(db, { title: 'Finished', status: 'done' })

  const { response, text } = await get()
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
  const feed = parseFeed(text)
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
  expect(feed.id['#text']).toBe('http://localhost/starter/feed.atom')
  expect(feed.link.map((link) => link['@_rel'])).toEqual(['self', 'alternate'])
  expect(Date.parse(feed.updated['#text'])).not.toBeNaN()

  const entries = feed.entry ?? []
  expect(entries.map((entry) => entry.title['#text'])).toEqual([
    'Parse <TLS> & "X.509" certificates',
    'Older project',
  ])
  const [first] = entries
  expect(first!.id['#text']).toBe(`http://localhost/starter/${id}`)
  expect(first!.link[0]).toMatchObject({ '@_href': `http://localhost/starter/${id}` })
  expect(first!.published['#text']).toBe('2026-02-01T00:00:00.000Z')
  expect(first!.summary['#text']).toBe('security · OCaml ★★☆ · security unrated · About a week')
  expect(first!.content['@_type']).toBe('html')
  // The HTML survives one level of escaping, sanitised: no script.
  expect(first!.content['#text']).toContain('<strong>RFC 5280</strong>')
  expect(first!.content['#text']).toContain('Mentors: Hannes')
  expect(first!.content['#text']).not.toContain('<script>')
})

test('?domain= keeps projects with that primary or secondary domain', async () => {
  const db = getDb()
  await createProject(db, { title: 'Web', primaryDomain: 'web' })
  await createProject(db, { title: 'Storage', primaryDomain: 'storage', secondaryDomains: ['web'] })
  await createProject(db, { title: 'Security', primaryDomain: 'security' })
  const { text } = await get('?domain=web')
  const feed = parseFeed(text)
  expect((feed.entry ?? []).map((entry) => entry.title['#text']).sort()).toEqual(['Storage', 'Web'])
  expect(feed.id['#text']).toBe('http://localhost/starter/feed.atom?domain=web')
})

test('an empty feed is still valid Atom', async () => {
  const { text } = await get()
  const feed = parseFeed(text)
  expect(feed.entry).toBeUndefined()
})

test('an unknown domain answers 400 in plain text', async () => {
  const { response, text } = await get('?domain=cooking')
  expect(response.status).toBe(400)
  expect(text).toContain('"cooking" is not a domain')
})

test('the feed searches, filters by repository and lists done projects when asked', async () => {
  const db = getDb()
  await createProject(db, { title: 'Memory profiler', repos: ['mirage/mirage'] })
  await createProject(db, { title: 'TLS handshake', repos: ['mirage/ocaml-tls'] })
  await createProject(db, { title: 'Finished memory work', status: 'done' })
  const titles = async (query: string) => {
    const { response, text } = await get(query)
    expect(response.status).toBe(200)
    return (parseFeed(text).entry ?? []).map((entry) => entry.title['#text']).sort()
  }
  expect(await titles('?q=mem')).toEqual(['Memory profiler'])
  expect(await titles('?repo=Mirage/OCaml-TLS')).toEqual(['TLS handshake'])
  expect(await titles('?q=mem&status=done')).toEqual(['Finished memory work'])
  expect(await titles('?q=mem&status=all')).toEqual(['Finished memory work', 'Memory profiler'])
  expect(await titles('?q=%22unclosed -')).toEqual([])
})

test('bad status or repository values answer 400 with the reason', async () => {
  const status = await get('?status=closed')
  expect(status.response.status).toBe(400)
  expect(status.text).toContain('"closed" is not a status')
  const repo = await get('?repo=../etc')
  expect(repo.response.status).toBe(400)
  expect(repo.text).toContain('is not a repository name')
})

test('a demo person’s rating says it is a demo action in the feed; every entry links the rubric', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'demo-dana', 'maintainer')
  const real = await createGitHubAccount(db, 'hannes')
  await createProject(db, { title: 'Rated by Dana', languageStars: 1, domainStars: 2 }, dana, {
    createdAt: new Date('2026-02-01T00:00:00Z'),
  })
  await createProject(db, { title: 'Rated by Hannes', languageStars: 1, domainStars: 2 }, real, {
    createdAt: new Date('2026-01-01T00:00:00Z'),
  })
  const [demo, community] = parseFeed((await get()).text).entry ?? []
  expect(demo!.summary['#text']).toBe(
    'networking · OCaml ★☆☆ · networking ★★☆ (rated by a demo person: a demo action) · About a week',
  )
  expect(community!.summary['#text']).toBe('networking · OCaml ★☆☆ · networking ★★☆ · About a week')
  for (const entry of [demo!, community!]) {
    expect(entry.content['#text']).toContain(
      '<a href="http://localhost/starter/rubric">How we rate difficulty</a>',
    )
  }
})

test('an entry’s updated is the project’s last change, a claim included: not only its last edit', async () => {
  const db = getDb()
  const listed = new Date('2026-01-01T00:00:00Z')
  const id = await createProject(db, { title: 'Claimed since' }, null, { createdAt: listed })
  const hannes = await createGitHubAccount(db, 'hannes')
  const claim = await claimStarterProject(id, hannes, db)
  const [entry] = parseFeed((await get('?status=all')).text).entry ?? []
  expect(entry!.published['#text']).toBe(listed.toISOString())
  expect(entry!.updated['#text']).toBe(claim.claimed_at.toISOString())
})

test('a project only demo people changed keeps its listing date as updated: the demo’s ratings and claims at load are not news to a feed reader', async () => {
  const db = getDb()
  const listed = new Date('2015-02-25T00:00:00Z')
  const dana = await createAccount(db, 'demo-dana', 'maintainer')
  const noor = await createAccount(db, 'demo-noor')
  const hannes = await createGitHubAccount(db, 'hannes')
  const demoOnly = await createProject(db, { title: 'Demo only' }, null, { createdAt: listed })
  const rated = starterInput({ title: 'Demo only', languageStars: 1, domainStars: 1 })
  // As the demo's load does it: rated and claimed by demo people, through the pages' functions.
  await updateStarterProject(demoOnly, rated, dana, db)
  await claimStarterProject(demoOnly, noor, db)
  // Someone else's change on a project demo people touched is news again.
  const real = await createProject(db, { title: 'Then a real claim' }, null, { createdAt: listed })
  await updateStarterProject(real, { ...rated, title: 'Then a real claim' }, dana, db)
  const claim = await claimStarterProject(real, hannes, db)
  const entries = parseFeed((await get('?status=all')).text).entry ?? []
  const updated = Object.fromEntries(
    entries.map((entry) => [entry.title['#text'], entry.updated['#text']]),
  )
  expect(updated).toEqual({
    'Demo only': listed.toISOString(),
    'Then a real claim': claim.claimed_at.toISOString(),
  })
})

const titlesOf = (text: string) =>
  (parseFeed(text).entry ?? []).map((entry) => entry.title['#text']).sort()

test('with a background the feed leaves out projects above that level; unrated ones stay', async () => {
  const db = getDb()
  await createProject(db, { title: 'Within', languageStars: 1, domainStars: 3 })
  await createProject(db, { title: 'Unrated', languageStars: null, domainStars: null })
  await createProject(db, { title: 'Too much OCaml', languageStars: 2, domainStars: 1 })
  await createProject(db, {
    title: 'Hard web',
    primaryDomain: 'web',
    languageStars: 1,
    domainStars: 2,
  })

  const { response, text } = await get('?level=none&know=networking')
  expect(response.status).toBe(200)
  expect(titlesOf(text)).toEqual(['Unrated', 'Within'])
  const feed = parseFeed(text)
  expect(feed.title['#text']).toBe(
    'New starter projects for someone new to OCaml who knows networking · Pioneer Board',
  )
  expect(feed.id['#text']).toBe('http://localhost/starter/feed.atom?level=none&know=networking')

  // "Show projects above my level" lifts the limit; no background at all lists every level.
  const above = await get('?level=none&know=networking&above=yes')
  expect(titlesOf(above.text)).toEqual(['Hard web', 'Too much OCaml', 'Unrated', 'Within'])
  expect(titlesOf((await get()).text)).toEqual(['Hard web', 'Too much OCaml', 'Unrated', 'Within'])
})

test('the feed applies the finder’s other filters and says them', async () => {
  const db = getDb()
  await createProject(db, { title: 'Mentored day', size: 'day', mentors: ['@hannesm'] })
  await createProject(db, { title: 'Mentored week', mentors: ['@hannesm'] })
  await createProject(db, { title: 'Alone day', size: 'day' })
  // A name alone, as an old list wrote it, is no mentor one can reach (finder.server.ts).
  await createProject(db, { title: 'Named day', size: 'day', mentors: ['Hannes'] })
  const { text } = await get('?level=some&size=day&hasMentor=yes')
  expect(titlesOf(text)).toEqual(['Mentored day'])
  const feed = parseFeed(text)
  expect(feed.title['#text']).toBe(
    'New starter projects for someone with some OCaml experience · Pioneer Board',
  )
  expect(feed.subtitle['#text']).toContain('Only these: size: day; with a mentor.')
})

test('bad background values answer 400 with the reason; page parameters are not the feed’s', async () => {
  const level = await get('?level=expert')
  expect(level.response.status).toBe(400)
  expect(level.text).toContain('"expert" is not a language level')
  const know = await get('?know=cooking')
  expect(know.response.status).toBe(400)
  expect(know.text).toContain('"cooking" is not a domain')
  const above = await get('?level=none&above=maybe')
  expect(above.response.status).toBe(400)
  expect(above.text).toContain('"maybe" is not yes or no')
  expect((await get('?level=some&cursor=nonsense&limit=0')).response.status).toBe(200)
})

test('the finder’s feed link carries its background and filters, not its page, and the feed follows them', async () => {
  const db = getDb()
  await createProject(db, { title: 'Easy storage', primaryDomain: 'storage', domainStars: 3 })
  await createProject(db, { title: 'Hard web', primaryDomain: 'web', domainStars: 3 })
  await createProject(db, { title: 'Unrated storage', primaryDomain: 'storage', domainStars: null })
  await createProject(db, {
    title: 'Hard OCaml storage',
    primaryDomain: 'storage',
    languageStars: 3,
  })

  const response = await callLoader(
    finderLoader,
    '/starter?level=some&know=storage&time=week&limit=1',
  )
  const data = (await response.json()) as { feedHref: string; feedTitle: string; nextPage: string }
  expect(data.nextPage).toContain('cursor=')
  expect(data.feedHref).toBe('/starter/feed.atom?level=some&know=storage&time=week')
  expect(data.feedTitle).toBe(
    'New starter projects for someone with some OCaml experience who knows storage',
  )
  expect(titlesOf((await get(data.feedHref.slice('/starter/feed.atom'.length))).text)).toEqual([
    'Easy storage',
    'Unrated storage',
  ])

  // The finder with no parameters is someone new to the language: the link says so.
  const fresh = (await (await callLoader(finderLoader, '/starter')).json()) as { feedHref: string }
  expect(fresh.feedHref).toBe('/starter/feed.atom?level=none')
})
