import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { getFinderPreference } from '../starter/finder.server'

import { action, loader } from './starter._index'

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
    { intent: 'save', query: 'level=comfortable&know=web&cursor=x' },
    newcomer.id,
  )
  // A query with a bad value is refused whole.
  expect(saved.status).toBe(400)
  expect(await getFinderPreference(newcomer.id, getDb())).toBeNull()

  const ok = await post({ intent: 'save', query: 'know=web&level=comfortable&junk=1' }, newcomer.id)
  expect(ok.status).toBe(200)
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
  const response = await post({ intent: 'save', query: 'level=some' })
  expect(response.status).toBe(401)
})
