import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createProject } from '../../test/starter-factories'
import { getStarterSettings } from '../starter/settings.server'
import { NOTHING_RATED, NothingRatedNotice } from '../starter/ui/nothing-rated'

import { loader as homeLoader } from './_index'
import StarterSupplyRoute, { loader } from './starter.supply'

const getDb = setupTestDatabase()

type Row = { domain: string; cells: Record<string, number>; awaitingRating: number }

test("the domains marked run dry are those whose 1★ column is 0 in the view shown, with no unrated project; the home page names the default view's others, where the easiest are", async () => {
  // The walkthrough's case: storage's only project is easy in the language, not in the domain.
  const [first, storage, third] = getStarterSettings().domains
  await createProject(getDb(), { primaryDomain: first!, languageStars: 1, domainStars: 1 })
  await createProject(getDb(), { primaryDomain: storage!, languageStars: 1, domainStars: 2 })
  // The third's projects are not rated yet: it waits for a rating, it has not run dry.
  for (const title of ['unrated one', 'unrated two'])
    await createProject(getDb(), {
      title,
      primaryDomain: third!,
      languageStars: null,
      domainStars: null,
    })
  const dry: Record<string, string[]> = {}
  for (const axis of ['max', 'language', 'domain']) {
    const data = await (await callLoader(loader, `/starter/supply?axis=${axis}`)).json()
    const zero = (data.matrix.rows as Row[]).filter((row) => row.cells['1'] === 0)
    expect(data.dryDomains, axis).toEqual(
      zero.filter((row) => row.awaitingRating === 0).map((row) => row.domain),
    )
    expect(data.dryDomains, axis).not.toContain(third)
    expect(data.waitingForRating, axis).toEqual([{ domain: third, unrated: 2 }])
    dry[axis] = data.dryDomains
  }
  expect(dry.max).toContain(storage)
  expect(dry.language).not.toContain(storage)
  expect(dry.domain).toContain(storage)
  // The home page speaks to a newcomer: the domains with a 1★ project, not those without.
  const home = await (await callLoader(homeLoader, '/')).json()
  expect(home.starter.easiestDomains).toEqual([first])
})

test('the home page names where the easiest are by their main domain, the one the domain rating is for, not a domain they only touch', async () => {
  // The demo's IMAP client: rated 1★ in tooling, its main domain; networking only a second one.
  await createProject(getDb(), {
    primaryDomain: 'tooling',
    secondaryDomains: ['networking'],
    languageStars: 1,
    domainStars: 1,
  })
  const home = await (await callLoader(homeLoader, '/')).json()
  expect(home.starter.easiestDomains).toEqual(['tooling'])
  // The supply page still counts it in each of its domains' rows, as the finder offers it.
  const supply = await (await callLoader(loader, '/starter/supply')).json()
  const networking = (supply.matrix.rows as Row[]).find((row) => row.domain === 'networking')!
  expect(networking.cells['1']).toBe(1)
})

test('before any starter project is rated, the page says so once instead of marking every domain run dry; the warnings come back with the first rating', async () => {
  // A fresh board: a project tagged, not rated yet.
  await createProject(getDb(), { languageStars: null, domainStars: null })
  const fresh = await (await callLoader(loader, '/starter/supply')).json()
  expect(fresh.isAnyRated).toBe(false)
  expect(fresh.dryDomains).toEqual([])
  expect(fresh.waitingForRating).toEqual([])
  // The matrix still counts as it does: only the page's alarm is held back.
  const domains = getStarterSettings().domains
  expect(fresh.matrix.dryDomains).toEqual(domains.filter((domain) => domain !== 'networking'))
  expect(fresh.matrix.waitingForRating).toEqual([{ domain: 'networking', unrated: 1 }])

  const said = await renderInRouter(createElement(NothingRatedNotice, { canTriage: true }))
  expect(said).toContain(NOTHING_RATED)
  expect(said).toContain('href="/starter/triage"')
  // The page is public; triage is the maintainers'.
  const toPublic = await renderInRouter(createElement(NothingRatedNotice, { canTriage: false }))
  expect(toPublic).not.toContain('/starter/triage')

  const first = domains.find((domain) => domain !== 'networking')!
  await createProject(getDb(), { primaryDomain: first, languageStars: 2, domainStars: 2 })
  const rated = await (await callLoader(loader, '/starter/supply')).json()
  expect(rated.isAnyRated).toBe(true)
  expect(rated.dryDomains).toContain(first)
  expect(rated.waitingForRating).toEqual([{ domain: 'networking', unrated: 1 }])
})

/** The supply page as someone of `role` sees it: the page reads who is signed in from the root's data. */
async function renderSupplyAs(role: 'maintainer' | 'contributor', data: object) {
  const handler = createStaticHandler([
    {
      id: 'root',
      path: '/',
      loader: () => ({ user: { role } }),
      children: [{ index: true, Component: StarterSupplyRoute, loader: () => data }],
    },
  ])
  const context = await handler.query(new Request('http://localhost/'))
  if (context instanceof Response) throw new Error('The test route answered a Response.')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, { router, context, hydrate: false }),
  )
}

test('“Rate them in triage” opens the queue narrowed to the first domain waiting for a rating', async () => {
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 2, domainStars: 2 })
  for (const primaryDomain of ['storage', 'platform'])
    await createProject(getDb(), { primaryDomain, languageStars: null, domainStars: null })
  const data = await (await callLoader(loader, '/starter/supply')).json()
  expect(data.waitingForRating.map((row: { domain: string }) => row.domain)).toEqual([
    'storage',
    'platform',
  ])
  const forMaintainer = await renderSupplyAs('maintainer', data)
  expect(forMaintainer).toMatch(
    /href="\/starter\/triage\?domain=storage"[^>]*>Rate them in triage</,
  )
  expect(await renderSupplyAs('contributor', data)).not.toContain('/starter/triage')
})
