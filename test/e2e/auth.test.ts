import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import type { FakeGitHubOAuth } from '../fake-github/oauth'

import {
  eventually,
  hasChromium,
  setupBrowserSuite,
  startServer,
  SUITE_START_TIMEOUT_MS,
  type RunningServer,
  startGitHubBoard,
} from './harness'
import { createAgent } from './http'

const SESSION_SECRET = 'a'.repeat(64)

type Board = { server: RunningServer; github?: FakeGitHubOAuth }

/**
 * A board started by the file's first hook and stopped after its last test; awaited where it is
 * used. The file's four boards so start side by side, each on a core, not one after another; a
 * failure to start surfaces in the hook or test that awaits it.
 */
function startedFirst(start: () => Promise<Board>) {
  let started: Promise<Board> | undefined
  beforeAll(() => {
    started = start()
    started.catch(() => {})
  })
  afterAll(async () => {
    const board = await started?.catch(() => undefined)
    await board?.server.stop()
    await board?.github?.close()
  })
  return () => started ?? Promise.reject(new Error('The board was not started.'))
}

/** Someone's own repositories, none mirrored: they fill GET /user/repos's first pages. */
const ownRepositories = (login: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({
    fullName: `${login}/project-${String(index).padStart(3, '0')}`,
    permission: 'admin' as const,
  }))

const gitHubBoard = startedFirst(() =>
  startGitHubBoard([
    {
      id: 1001,
      login: 'avsm',
      name: 'Anil',
      // By full name, 100 a page: the mirrored repository comes on the second page.
      repositories: [
        ...ownRepositories('avsm', 150),
        { fullName: 'mirage/mirage', permission: 'push' },
      ],
    },
    {
      id: 1002,
      login: 'newcomer42',
      name: null,
      repositories: [{ fullName: 'mirage/mirage', permission: 'pull' }],
    },
    {
      id: 1003,
      login: 'samoht',
      name: 'Thomas',
      // Admin of repositories the board does not mirror, triager of the one it does.
      repositories: [
        ...ownRepositories('samoht', 120),
        { fullName: 'mirage/mirage', permission: 'triage' },
      ],
    },
    {
      id: 1004,
      login: 'yomimono',
      name: 'Mindy',
      repositories: [{ fullName: 'mirage/mirage', permission: 'maintain' }],
    },
  ]),
)

const productionBoard = startedFirst(async () => ({
  server: await startServer({ NODE_ENV: 'production', SESSION_SECRET }),
}))

// Nothing is queued, so the unreachable SMTP server is never dialled.
const emailBoard = startedFirst(() =>
  startGitHubBoard(
    [
      {
        id: 2001,
        login: 'hannes',
        name: 'Hannes',
        emails: [
          { email: 'old@example.org', primary: false, verified: true },
          { email: 'hannes@example.org', primary: true, verified: true },
        ],
      },
      {
        id: 2002,
        login: 'quiet',
        name: null,
        emails: [{ email: 'quiet@example.org', primary: true, verified: false }],
      },
    ],
    { SMTP_URL: 'smtp://127.0.0.1:9' },
  ),
)

// All three started, with the generous bound for start-ups side by side, before any suite's hook.
beforeAll(async () => {
  await Promise.all([gitHubBoard(), productionBoard(), emailBoard()])
}, SUITE_START_TIMEOUT_MS)

describe.skipIf(!hasChromium())('demo mode in Chromium', () => {
  const suite = setupBrowserSuite()

  test('switching between the demo maintainer and a contributor changes what one may do', async () => {
    await suite.page.goto(`${suite.server.url}/issues`)
    expect(await suite.page.getByRole('note').textContent()).toContain('Demo mode')
    await suite.page.getByRole('link', { name: 'Sign in' }).click()
    await suite.page.getByRole('button', { name: /Dana \(demo maintainer\)/ }).click()
    await suite.page.waitForURL(/\/issues$/)
    await eventually(async () =>
      expect(await suite.page.locator('header').textContent()).toContain('maintainer'),
    )

    await suite.page.goto(`${suite.server.url}/admin/maintainers`)
    // Dana is a demo maintainer, not a grant: the page says who the demo maintainers are.
    expect(
      await suite.page.getByRole('region', { name: 'Demo maintainers' }).textContent(),
    ).toContain('Dana (demo maintainer) and Ari (second demo maintainer): demo people, not grants')
    // So are the seeded ones the loaded demo acts as, badged, with no Remove button.
    const seeded = suite.page
      .getByRole('region', { name: 'Demo maintainers' })
      .getByRole('listitem')
    expect(await seeded.allTextContents()).toEqual([
      'Sam (seeded demo maintainer) seeded demo person: nobody signs in as them',
      'Kai (second seeded demo maintainer) seeded demo person: nobody signs in as them',
    ])
    expect(await seeded.getByRole('button').count()).toBe(0)
    expect(await suite.page.locator('main').textContent()).toContain(
      'Nobody: GitHub sign-in is not configured',
    )
    await suite.page.getByLabel('Add a maintainer (GitHub login)').fill('yomimono')
    await suite.page.getByRole('button', { name: 'Add' }).click()
    await eventually(async () =>
      expect(await suite.page.getByRole('status').textContent()).toBe(
        'yomimono is granted as a demo action: it makes nobody a maintainer, outside the demo or in it.',
      ),
    )
    await eventually(async () =>
      expect(await suite.page.locator('main').textContent()).toContain(
        'Dana (demo maintainer) added yomimono a demo action',
      ),
    )
    expect(await suite.page.locator('main').textContent()).toContain(
      'by Dana (demo maintainer) a demo action: it makes nobody a maintainer',
    )

    // Signing out is folded under her name, beside the inbox.
    await suite.page.locator('header summary', { hasText: 'Dana (demo maintainer)' }).click()
    await suite.page.getByRole('button', { name: 'Sign out' }).click()
    await suite.page.waitForURL(`${suite.server.url}/`)
    await suite.page.goto(`${suite.server.url}/login`)
    await suite.page.getByRole('button', { name: /Cam \(demo contributor\)/ }).click()
    await suite.page.waitForURL(`${suite.server.url}/`)
    await eventually(async () =>
      expect(await suite.page.locator('header').textContent()).toContain('contributor'),
    )
    const response = await suite.page.goto(`${suite.server.url}/admin/maintainers`)
    expect(response?.status()).toBe(403)
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed')
  })

  test('“Be someone else” in the banner switches demo person and comes back to the same page', async () => {
    await suite.page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%3Fknow%3Dnetworking`)
    await suite.page.getByRole('button', { name: /Dana \(demo maintainer\)/ }).click()
    await suite.page.waitForURL(`${suite.server.url}/starter?know=networking`)
    await suite.page.getByRole('note').getByRole('link', { name: 'Be someone else' }).click()
    await suite.page.waitForURL(/\/login\?returnTo=/)
    // The address changes before the new page is drawn: wait for its heading.
    await eventually(async () =>
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Be someone else',
      ),
    )
    expect(await suite.page.locator('main').textContent()).toContain(
      'You are Dana (demo maintainer).',
    )
    // Her chip says what her name says: a newcomer, with a contributor's rights.
    const noor = suite.page.getByRole('button', { name: /Noor \(demo newcomer\)/ })
    expect(await noor.textContent()).toBe('Noor (demo newcomer)newcomer (contributor)')
    await noor.click()
    await suite.page.waitForURL(`${suite.server.url}/starter?know=networking`)
    await eventually(async () =>
      expect(await suite.page.getByRole('note').textContent()).toContain(
        'you are signed in as Noor (demo newcomer), a newcomer (contributor).',
      ),
    )
  })
})

describe('GitHub sign-in against the fake GitHub', () => {
  let github: FakeGitHubOAuth
  let server: RunningServer

  beforeAll(async () => {
    const board = await gitHubBoard()
    server = board.server
    github = board.github!
  })

  /** Follows the whole round trip like a browser; returns the agent and the callback URL used. */
  async function signInWithGitHub(login: string) {
    github.signInAs(login)
    const agent = createAgent(server.url)
    const start = await agent.post('/login?index', { intent: 'github', returnTo: '/issues' })
    expect(start.status).toBe(302)
    const authorize = new URL(start.headers.get('Location')!)
    expect(authorize.origin).toBe(github.url)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('state')).toBeTruthy()
    const approved = await fetch(authorize, { redirect: 'manual' })
    const callback = new URL(approved.headers.get('Location')!)
    const finished = await agent.get(`${callback.pathname}${callback.search}`)
    return { agent, callback, finished }
  }

  test('a sign-in round trip works, with state and PKCE, and keeps the token on the server', async () => {
    const { agent, finished } = await signInWithGitHub('newcomer42')
    expect(finished.status).toBe(302)
    expect(finished.headers.get('Location')).toBe('/issues')
    const session = finished.headers.getSetCookie().find((c) => c.startsWith('pioneer_session='))
    expect(session).toMatch(/HttpOnly/i)
    expect(session).toMatch(/SameSite=Lax/i)
    const home = await (await agent.get('/issues')).text()
    expect(home).toContain('newcomer42')
    expect(home).toContain('contributor')
    expect(home).not.toMatch(/gho_[0-9a-f]+/)
    const data = await (await agent.get('/issues?_data=root')).text()
    expect(data).not.toMatch(/gho_[0-9a-f]+/)
  })

  test('signed in, /login sends one straight on to its returnTo: there is no one else to be', async () => {
    const { agent } = await signInWithGitHub('newcomer42')
    const login = await agent.get('/login?returnTo=%2Fstarter%3Fx%3D1')
    expect(login.status).toBe(302)
    expect(login.headers.get('Location')).toBe('/starter?x=1')
  })

  test('push access to a mirrored repository makes a maintainer', async () => {
    const { agent } = await signInWithGitHub('avsm')
    const page = await agent.get('/admin/maintainers')
    expect(page.status).toBe(200)
    // With GitHub sign-in nobody can be a demo maintainer: only the seeded ones the loaded demo's
    // ratings and answers are by are named, as such.
    const html = await page.text()
    expect(html).toContain('avsm — checked on GitHub at sign-in and daily.')
    expect(html).not.toContain('demo people, not grants')
    expect(html).toContain('Sam (seeded demo maintainer)')
  })

  test('push access on any page of GitHub’s list decides, as GitHub’s permissions say: maintain can push, triage cannot', async () => {
    // avsm's push to mirage/mirage is on the second page of GET /user/repos.
    const asked = github.apiRequests.length
    const avsm = (await signInWithGitHub('avsm')).agent
    expect(
      github.apiRequests.slice(asked).filter((path) => path.startsWith('/user/repos')),
    ).toEqual([
      '/user/repos?affiliation=owner%2Ccollaborator%2Corganization_member&per_page=100',
      '/user/repos?affiliation=owner%2Ccollaborator%2Corganization_member&per_page=100&page=2',
    ])
    expect((await avsm.get('/admin/maintainers')).status).toBe(200)
    const yomimono = (await signInWithGitHub('yomimono')).agent
    expect((await yomimono.get('/admin/maintainers')).status).toBe(200)
    // Admin of 120 repositories the board does not mirror, triager of the one it does.
    const samoht = (await signInWithGitHub('samoht')).agent
    expect((await samoht.get('/admin/maintainers')).status).toBe(403)
    expect(await (await samoht.get('/issues')).text()).toContain('contributor')
    const maintainers = await (await avsm.get('/admin/maintainers')).text()
    const pushers = maintainers.match(/([\w, -]+) — checked on GitHub at sign-in and daily\./)?.[1]
    expect(pushers?.split(', ').sort()).toEqual(['avsm', 'yomimono'])
  })

  test('a replayed code, a wrong or missing state, and a refusal end on a friendly page', async () => {
    const { callback } = await signInWithGitHub('newcomer42')
    // Replay: the same callback URL again, from a browser that still has the state cookie.
    const again = createAgent(server.url)
    const replay = await again.get(`${callback.pathname}${callback.search}`)
    expect(replay.status).toBe(400)
    expect(await replay.text()).toContain('Sign-in did not complete')

    const wrongState = await createAgent(server.url).get(
      '/auth/github/callback?code=abc&state=forged',
    )
    expect(wrongState.status).toBe(400)
    expect(await wrongState.text()).toContain('did not start here')

    const noState = await createAgent(server.url).get('/auth/github/callback?code=abc')
    expect(noState.status).toBe(400)

    github.denyNext()
    const { finished } = await signInWithGitHub('newcomer42')
    expect(finished.status).toBe(400)
    expect(await finished.text()).toContain('You declined to sign in on GitHub.')
    expect(server.output()).toContain('GitHub sign-in failed')
  })

  test('a GitHub outage does not lock out people already signed in', async () => {
    const { agent } = await signInWithGitHub('avsm')
    github.setDown(true)
    try {
      const page = await agent.get('/admin/maintainers')
      expect(page.status).toBe(200)
      const attempt = await signInWithGitHub('avsm').catch(() => null)
      expect(attempt === null || attempt.finished.status !== 302).toBe(true)
    } finally {
      github.setDown(false)
    }
  })

  test('without email configured the sign-in asks GitHub for no address', async () => {
    const { agent } = await signInWithGitHub('newcomer42')
    expect(github.scopeRequests.at(-1)).toEqual(['read:user'])
    expect(await (await agent.get('/me/settings')).text()).not.toContain('GitHub lists')
  })

  test('demo people cannot be reached when GitHub sign-in is configured', async () => {
    const agent = createAgent(server.url)
    const attempt = await agent.post('/login?index', { intent: 'demo', person: 'maintainer' })
    expect(attempt.status).toBe(404)
    expect(await (await agent.get('/login')).text()).not.toContain('demo maintainer')
  })
})

test('demo people cannot be reached in production', async () => {
  const { server } = await productionBoard()
  const agent = createAgent(server.url)
  const attempt = await agent.post('/login?index', { intent: 'demo', person: 'maintainer' })
  expect(attempt.status).toBe(404)
  const login = await (await agent.get('/login')).text()
  expect(login).toContain('Sign-in is not configured')
  expect(login).not.toContain('Demo mode')
})

test('with email configured, GitHub’s primary verified address is offered, never saved unasked', async () => {
  const board = await emailBoard()
  const server = board.server
  const github = board.github!
  const signIn = async (login: string) => {
    github.signInAs(login)
    const agent = createAgent(server.url)
    const start = await agent.post('/login?index', { intent: 'github', returnTo: '/me' })
    const approved = await fetch(new URL(start.headers.get('Location')!), { redirect: 'manual' })
    const callback = new URL(approved.headers.get('Location')!)
    expect((await agent.get(`${callback.pathname}${callback.search}`)).status).toBe(302)
    return agent
  }
  const settingsData = async (agent: ReturnType<typeof createAgent>) =>
    (await (await agent.get('/me/settings?_data=routes/me.settings')).json()) as {
      email: string | null
      emailOffer: string | null
    }

  const hannes = await signIn('hannes')
  expect(github.scopeRequests.at(-1)).toEqual(['read:user', 'user:email'])
  expect(await settingsData(hannes)).toEqual(
    expect.objectContaining({ email: null, emailOffer: 'hannes@example.org' }),
  )
  expect(await (await hannes.get('/me')).text()).toContain('GitHub lists')
  const taken = await hannes.post('/me/settings', {
    intent: 'email',
    email: 'hannes@example.org',
  })
  expect(taken.status).toBe(200)
  expect(await settingsData(hannes)).toEqual(
    expect.objectContaining({ email: 'hannes@example.org', emailOffer: null }),
  )

  const declined = await signIn('hannes')
  expect(await settingsData(declined)).toEqual(
    expect.objectContaining({ email: 'hannes@example.org', emailOffer: null }),
  )
  await declined.post('/me/settings', { intent: 'remove-email' })
  const again = await signIn('hannes')
  expect((await settingsData(again)).emailOffer).toBe('hannes@example.org')
  expect((await again.post('/me/settings', { intent: 'decline-email-offer' })).status).toBe(200)
  expect(await settingsData(again)).toEqual(
    expect.objectContaining({ email: null, emailOffer: null }),
  )

  // An unverified primary address is not offered.
  const quiet = await signIn('quiet')
  expect(await settingsData(quiet)).toEqual(
    expect.objectContaining({ email: null, emailOffer: null }),
  )
})
