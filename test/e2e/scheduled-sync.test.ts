import { afterAll, beforeAll, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'

import { eventually, runStartScript, startServer, type RunningServer } from './harness'
import { createAgent, signInAsDemo } from './http'

let github: FakeGitHub
let server: RunningServer

beforeAll(async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
  github.addIssues('acme/app', 12, (index) => {
    github.clock.advance(1000)
    return { title: `Scheduled issue ${index}`, labels: index % 2 ? ['bug'] : [] }
  })
  server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    BOARD_REPOS: 'acme/app',
    SYNC_INTERVAL: '1h',
  })
})

afterAll(async () => {
  await server?.stop()
  await github?.close()
})

async function mirroredTitles() {
  const response = await fetch(`${server.url}/api/issues?repo=acme/app&limit=100`)
  if (response.status !== 200) return []
  const body = (await response.json()) as { items: { title: string }[] }
  return body.items.map((item) => item.title)
}

test('with BOARD_REPOS and GITHUB_TOKEN the server mirrors on its own, without demo data', async () => {
  await eventually(async () => expect(await mirroredTitles()).toHaveLength(12), 20_000)
  const demo = await fetch(`${server.url}/api/issues?repo=mirage/mirage`)
  expect(demo.status).toBe(400)
  await eventually(async () => {
    // React separates text runs with empty comments in server HTML.
    const page = (await (await fetch(`${server.url}/sync`)).text()).replaceAll('<!-- -->', '')
    expect(page).toContain('Sweeping acme/app every hour')
    expect(page).toMatch(/<td[^>]*>acme\/app<\/td>.*?>updated</)
  }, 10_000)
})

test('"Sync now" starts a sweep that picks up what changed on GitHub', async () => {
  github.clock.advance(60_000)
  github.addIssue('acme/app', { title: 'Filed after the first sweep' })
  const maintainer = createAgent(server.url)
  await signInAsDemo(maintainer, 'maintainer')
  const response = await maintainer.post('/sync?index')
  expect([202, 409]).toContain(response.status)
  await eventually(
    async () => expect(await mirroredTitles()).toContain('Filed after the first sweep'),
    20_000,
  )
})

test('a token GitHub refuses stops start-up with one line naming GITHUB_TOKEN, before any sweep', async () => {
  const refusing = await createFakeGitHub()
  try {
    refusing.addRepository('acme/app')
    const { code, stderr } = await runStartScript({
      GITHUB_API_URL: refusing.url,
      GITHUB_TOKEN: 'revoked-token',
      BOARD_REPOS: 'acme/app',
    })
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(
      'Invalid setting GITHUB_TOKEN: GitHub refuses it (401 Bad credentials); set it to a valid token that can read the repositories BOARD_REPOS names',
    )
    expect(refusing.requestLog.map((entry) => [entry.path, entry.status])).toEqual([
      ['/rate_limit', 401],
    ])
  } finally {
    await refusing.close()
  }
})

test('a token left in the shell does not stop the demo, which never uses one', async () => {
  const refusing = await createFakeGitHub()
  try {
    const demo = await startServer({ GITHUB_API_URL: refusing.url, GITHUB_TOKEN: 'stray-token' })
    try {
      expect((await fetch(`${demo.url}/api/issues?repo=mirage/mirage`)).status).toBe(200)
    } finally {
      await demo.stop()
    }
    expect(refusing.requestLog.map((entry) => entry.path)).not.toContain('/rate_limit')
  } finally {
    await refusing.close()
  }
})
