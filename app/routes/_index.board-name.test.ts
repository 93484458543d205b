import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { SiteName } from '../components/site-name'
import { loadDemoData } from '../demo/demo.server'
import { loader as rootLoader, meta as rootMeta } from '../root'
import { getBoardIdentity } from '../setup/board-name.server'

import HomeRoute, { loader, meta } from './_index'
import { meta as issuesMeta } from './issues._index'
import { meta as triageMeta } from './starter.triage'

// A real board that names its community. Read once per file, as at start-up.
process.env.BOARD_REPOS = 'acme/robots,acme/docs'
process.env.BOARD_NAME = 'Acme Robotics'
process.env.BOARD_ABOUT = 'Open-source robots that water your plants.'

const getDb = setupTestDatabase()

/** What Remix gives a route's `meta` of the root loader's data (the rest is the route's own). */
async function metaMatches() {
  return [{ id: 'root', data: await (await callLoader(rootLoader, '/')).json() }]
}

/** The site header's name, as the root layout draws it with the root loader's data. */
async function renderHeader() {
  const { boardName } = await (await callLoader(rootLoader, '/')).json()
  return renderToStaticMarkup(createElement(SiteName, { boardName }))
}

test('the header, every page’s title and the home page name the community BOARD_NAME gives, with BOARD_ABOUT', async () => {
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    boardName: 'Acme Robotics',
    about: 'Open-source robots that water your plants.',
  })
  const text = (await renderRouteWith(HomeRoute, data)).replace(/<[^>]+>/g, '')
  expect(text).toContain(
    'One place for Acme Robotics: its GitHub issues, its roadmap and its starter projects.',
  )
  expect(text).toContain('Open-source robots that water your plants.')
  const matches = await metaMatches()
  expect(meta({ data, matches } as Parameters<typeof meta>[0])).toContainEqual({
    title: 'Pioneer Board · Acme Robotics',
  })
  expect(await renderHeader()).toContain('Acme Robotics')
  expect(rootMeta({ matches } as Parameters<typeof rootMeta>[0])).toEqual([
    { title: 'Pioneer Board · Acme Robotics' },
  ])
  // Every other page's title ends with it too, read from the root loader's data.
  expect(issuesMeta({ matches } as Parameters<typeof issuesMeta>[0])).toEqual([
    { title: 'Issues · Pioneer Board · Acme Robotics' },
  ])
  expect(triageMeta({ matches } as Parameters<typeof triageMeta>[0])).toEqual([
    { title: 'Triage · Pioneer Board · Acme Robotics' },
  ])
})

test('unset, the name comes from what the board mirrors: BOARD_REPOS, else the mirrored repositories', async () => {
  const settings = { BOARD_NAME: undefined, BOARD_ABOUT: undefined }
  expect(await getBoardIdentity({ ...settings, BOARD_REPOS: 'acme/robots,acme/docs' })).toEqual({
    isDemo: false,
    name: 'acme',
    about: null,
  })
  // A GitHub App's installations say what to mirror: the owners of what arrived.
  expect((await getBoardIdentity({ ...settings, BOARD_REPOS: undefined })).name).toBeNull()
  await mirror(getDb(), repositoryPayload('robur/dns'))
  await mirror(getDb(), repositoryPayload('acme/robots'))
  expect((await getBoardIdentity({ ...settings, BOARD_REPOS: undefined })).name).toBe(
    'acme and robur',
  )
})

test('the demo keeps its own words: BOARD_NAME never names MirageOS’s copies', async () => {
  await loadDemoData(getDb())
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    boardName: null,
    about: expect.stringMatching(/^This demo shows MirageOS/),
  })
  const text = (await renderRouteWith(HomeRoute, data)).replace(/<[^>]+>/g, '')
  expect(text).toContain('One place for a community')
  expect(text).not.toContain('Acme')
  expect(await renderHeader()).not.toContain('Acme Robotics')
  // Nor its pages' titles.
  const matches = await metaMatches()
  expect(meta({ data, matches } as Parameters<typeof meta>[0])).toContainEqual({
    title: 'Pioneer Board',
  })
  expect(issuesMeta({ matches } as Parameters<typeof issuesMeta>[0])).toEqual([
    { title: 'Issues · Pioneer Board' },
  ])
})
