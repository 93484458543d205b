import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { startServer, type RunningServer } from './harness'
import { createAgent, signInAsDemo, type Agent } from './http'

// Every route that changes something, with what each kind of visitor must get. Authorization
// is enforced on the server: these requests bypass the pages (and their hidden buttons).
const MUTATING_ROUTES: {
  file: string
  path: string
  form: Record<string, string>
  anonymous: number[]
  contributor: number[]
  maintainer: number[]
}[] = [
  {
    file: 'admin.maintainers.tsx',
    path: '/admin/maintainers?index',
    form: { intent: 'grant', login: 'someone-new' },
    anonymous: [401],
    contributor: [403],
    maintainer: [200],
  },
  {
    file: 'sync.tsx',
    path: '/sync?index',
    form: {},
    anonymous: [401],
    contributor: [403],
    // Scheduled sync is off in this server: the maintainer gets past authorization to a 409.
    maintainer: [202, 409],
  },
  {
    file: 'logout.tsx',
    path: '/logout',
    form: {},
    anonymous: [302],
    contributor: [302],
    maintainer: [302],
  },
  {
    file: 'login.tsx',
    path: '/login?index',
    form: { intent: 'demo', person: 'newcomer' },
    anonymous: [302],
    contributor: [302],
    maintainer: [302],
  },
  {
    // Claims and reports: anyone signed in; this database has no starter project 999999.
    file: 'starter.$id.tsx',
    path: '/starter/999999',
    form: { intent: 'claim' },
    anonymous: [401],
    contributor: [404],
    maintainer: [404],
  },
  {
    // Saving the finder: anyone signed in; an unknown level is refused, nothing saved.
    file: 'starter._index.tsx',
    path: '/starter?index',
    form: { intent: 'save', level: 'expert' },
    anonymous: [401],
    contributor: [400],
    maintainer: [400],
  },
  {
    file: 'starter.calibration.tsx',
    path: '/starter/calibration',
    form: { intent: 'rerate', projectId: '999999', axis: 'language', from: 'unrated', stars: '2' },
    anonymous: [401],
    contributor: [403],
    maintainer: [404],
  },
  {
    // An unknown level: past authorization the request is refused as bad input, nothing stored.
    file: 'starter.nothing-fits.tsx',
    path: '/starter/nothing-fits',
    form: { languageLevel: 'expert' },
    anonymous: [401],
    contributor: [400],
    maintainer: [400],
  },
  {
    file: 'starter.gaps.tsx',
    path: '/starter/gaps',
    form: { intent: 'answer', requestId: '999999' },
    anonymous: [401],
    contributor: [403],
    maintainer: [404],
  },
  {
    // An empty form: the maintainer gets past authorization to the field errors.
    file: 'starter.new.tsx',
    path: '/starter/new',
    form: {},
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    file: 'starter.$id_.edit.tsx',
    path: '/starter/999999/edit',
    form: {},
    anonymous: [401],
    contributor: [403],
    maintainer: [400, 404],
  },
  {
    // Roadmap ideation: anyone signed in may +1 (demo idea 1 is in ideation).
    file: 'roadmap.ideas._index.tsx',
    path: '/roadmap/ideas?index',
    form: { intent: 'plus-one', ideaId: '1', value: 'on' },
    anonymous: [401],
    contributor: [200],
    maintainer: [200],
  },
  {
    // Moving an idea between areas is for maintainers (demo idea 2 is not in area 1).
    file: 'roadmap.ideas.$id.tsx',
    path: '/roadmap/ideas/2',
    form: { intent: 'move', areaId: '1' },
    anonymous: [401],
    contributor: [403],
    maintainer: [200, 400],
  },
  {
    // Effort status, owners and target are for maintainers; demo idea 2 is not agreed, so a
    // maintainer's override is refused with the reason.
    file: 'roadmap.efforts.$id.tsx',
    path: '/roadmap/efforts/2',
    form: { intent: 'status', status: 'done' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    file: 'roadmap.rounds._index.tsx',
    path: '/roadmap/rounds?index',
    form: { intent: 'create-area', releaseTargetId: '1', name: 'Authorization check' },
    anonymous: [401],
    contributor: [403],
    maintainer: [200, 400],
  },
  {
    // A contributor may never vote; demo round 1 was decided on a call, so a maintainer's
    // ballot gets past authorization to a refusal.
    file: 'roadmap.rounds.$id.tsx',
    path: '/roadmap/rounds/1',
    form: { intent: 'ballot', idea: '1', rank: '1' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    // Label names are for maintainers; this repository is not mirrored, so nothing is saved.
    file: 'labels.scheme.tsx',
    path: '/labels/scheme?repo=nobody/nothing',
    form: { intent: 'preview', repo: 'nobody/nothing', 'label:starter': 'newcomers' },
    anonymous: [401],
    contributor: [403],
    maintainer: [404],
  },
  {
    // Applying a label plan: a maintainer who ticked nothing is refused, nothing queued.
    file: 'labels._index.tsx',
    path: '/labels?index',
    form: { intent: 'apply-selected' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    // Settling a label conflict: this database has no label change 999999.
    file: 'labels.log.tsx',
    path: '/labels/log',
    form: { intent: 'resolve', id: '999999', choice: 'kept-github' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    // Retrying failed email is for maintainers; an unknown intent is refused, nothing queued.
    file: 'admin.email.tsx',
    path: '/admin/email',
    form: { intent: 'nothing' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    // Renewing one's own claim: anyone signed in; no claim named, nothing renewed.
    file: 'me._index.tsx',
    path: '/me?index',
    form: {},
    anonymous: [401],
    contributor: [400],
    maintainer: [400],
  },
  {
    file: 'me.settings.tsx',
    path: '/me/settings',
    form: { intent: 'nothing' },
    anonymous: [401],
    contributor: [400],
    maintainer: [400],
  },
  {
    file: 'notifications._index.tsx',
    path: '/notifications?index',
    form: { intent: 'nothing' },
    anonymous: [401],
    contributor: [400],
    maintainer: [400],
  },
  {
    // Unsubscribing needs no session but a signed token: a forged one changes nothing.
    file: 'notifications.unsubscribe.tsx',
    path: '/notifications/unsubscribe',
    form: { token: 'forged' },
    anonymous: [400],
    contributor: [400],
    maintainer: [400],
  },
  {
    // Agenda items are for maintainers; an empty one is refused with the reason, nothing stored.
    file: 'digest.tsx',
    path: '/digest?since=2w',
    form: { intent: 'add', since: '2w', text: '' },
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
  {
    // Triage is for maintainers; an empty form is refused before anything is saved.
    file: 'starter.triage.tsx',
    path: '/starter/triage',
    form: {},
    anonymous: [401],
    contributor: [403],
    maintainer: [400],
  },
]

// Signed by GitHub, not by a session: covered by its own signature tests.
const SIGNATURE_ROUTES = ['webhooks.github.ts']

test('every route module with an action is in the table above', () => {
  const routesDir = path.resolve('app/routes')
  const withAction = readdirSync(routesDir)
    .filter((file) => !file.includes('.test.'))
    .filter((file) => {
      const source = readFileSync(path.join(routesDir, file), 'utf8')
      // An action that only answers 405 (read-only addresses; test/fuzz.test.ts checks each)
      // changes nothing, so it has no one to authorize.
      if (/export const action = answerOnlyGet\b/.test(source)) return false
      return /export (async )?function action|export const action/.test(source)
    })
    .sort()
  expect(withAction).toEqual(
    [...MUTATING_ROUTES.map((route) => route.file), ...SIGNATURE_ROUTES].sort(),
  )
})

describe('authorization and same-origin checks on every mutating route', () => {
  let server: RunningServer
  const agents: Record<'anonymous' | 'contributor' | 'maintainer', Agent> = {} as never

  beforeAll(async () => {
    server = await startServer()
    agents.anonymous = createAgent(server.url)
    agents.contributor = createAgent(server.url)
    agents.maintainer = createAgent(server.url)
    await signInAsDemo(agents.contributor, 'contributor')
    await signInAsDemo(agents.maintainer, 'maintainer')
  })

  afterAll(async () => {
    await server?.stop()
  })

  for (const route of MUTATING_ROUTES) {
    for (const who of ['anonymous', 'contributor', 'maintainer'] as const) {
      test(`${route.path} as ${who}`, async () => {
        // Logging out or switching person would end the session other tests use.
        const agent =
          route.file === 'logout.tsx' || route.file === 'login.tsx'
            ? createAgent(server.url)
            : agents[who]
        if (agent !== agents[who] && who !== 'anonymous') {
          await signInAsDemo(agent, who)
        }
        const response = await agent.post(route.path, route.form)
        expect(route[who]).toContain(response.status)
      })
    }

    test(`${route.path} refuses a cross-site request, whoever sends it`, async () => {
      for (const agent of [agents.maintainer, agents.contributor, agents.anonymous]) {
        const crossSite = await agent.post(route.path, route.form, {
          Origin: 'https://evil.example',
          'Sec-Fetch-Site': 'cross-site',
        })
        expect(crossSite.status).toBe(403)
        const noOrigin = await agent.request(route.path, {
          method: 'POST',
          body: new URLSearchParams(route.form),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
        expect(noOrigin.status).toBe(403)
      }
    })
  }

  test('a refused cross-site grant changed nothing', async () => {
    await agents.maintainer.post(
      '/admin/maintainers?index',
      { intent: 'grant', login: 'cross-site-victim' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    )
    const page = await (await agents.maintainer.get('/admin/maintainers')).text()
    expect(page).not.toContain('cross-site-victim')
  })

  test('read-only pages stay open to everyone', async () => {
    for (const pagePath of ['/', '/issues', '/issues/stale', '/sync', '/api/issues']) {
      expect((await agents.anonymous.get(pagePath)).status).toBe(200)
    }
    for (const pagePath of ['/starter', '/api/starter-projects', '/starter/feed.atom']) {
      expect((await agents.anonymous.get(pagePath)).status).toBe(200)
    }
    expect((await agents.anonymous.get('/admin/maintainers')).status).toBe(401)
    expect((await agents.contributor.get('/admin/maintainers')).status).toBe(403)
    expect((await agents.maintainer.get('/admin/maintainers')).status).toBe(200)
  })
})
