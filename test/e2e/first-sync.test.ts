import { afterAll, beforeAll, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'

import { eventually, startServer, SUITE_START_TIMEOUT_MS, type RunningServer } from './harness'

// A maintainer's own board on its first start: the first sweep of an organisation takes minutes,
// and until each repository's first sync has finished, pages that list the mirror say they are
// partial rather than read as an empty tracker. GitHub holds acme/net's issues until the test
// lets them through, so "while the sync runs" is a state of the test, not a race against it.

let github: FakeGitHub
let server: RunningServer
let letNetThrough!: () => void

beforeAll(async () => {
  github = await createFakeGitHub()
  for (const name of ['acme/core', 'acme/net']) {
    github.addRepository(name)
    github.addIssues(name, 3, (index) => ({
      title: `${name} issue ${index}`,
      labels: index === 0 ? ['good first issue'] : [],
    }))
  }
  const held = new Promise<void>((resolve) => (letNetThrough = resolve))
  github.faults.add({ path: '/repos/acme/net/issues', fault: { kind: 'mutate', run: () => held } })
  server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    BOARD_REPOS: 'acme/core,acme/net',
    BOARD_NAME: 'Acme Robotics',
    SYNC_INTERVAL: '1h',
  })
}, SUITE_START_TIMEOUT_MS)

afterAll(async () => {
  letNetThrough?.()
  await server?.stop()
  await github?.close()
})

async function page(path: string) {
  // React separates text runs with empty comments in server HTML.
  return (await (await fetch(`${server.url}${path}`)).text()).replaceAll('<!-- -->', '')
}

const PARTIAL = 'The first sync from GitHub has not finished for 1 of the 2 repositories yet'

test('while a repository’s first sync runs, the home page and the board say they are partial', async () => {
  // acme/core's first sync finishes; acme/net's waits for GitHub, for as long as the test holds it.
  for (const path of ['/', '/issues']) {
    await eventually(async () => {
      const html = await page(path)
      expect(html).toContain(PARTIAL)
      expect(html).toContain('see how the sync is going')
    }, 20_000)
  }
  expect(await page('/issues')).toContain('acme/core issue 2')
  // A filter nothing matches yet may match once the rest arrives: "so far", not "none".
  expect(await page('/issues?q=zebra')).toContain(
    'No issues match these filters so far: more arrive as the first sync goes on.',
  )
})

test('once every repository has synced, the notice is gone and the board lists them all', async () => {
  letNetThrough()
  await eventually(async () => {
    const html = await page('/issues')
    expect(html).toContain('acme/net issue 2')
    expect(html).not.toContain('The first sync from GitHub has not finished')
  }, 20_000)
  expect(await page('/')).not.toContain('The first sync from GitHub has not finished')
  const none = await page('/issues?q=zebra')
  expect(none).toContain('No issues match these filters.')
  expect(none).not.toContain('so far')
})

test('every page’s title ends with the board’s name, as the home page’s does, error pages too', async () => {
  const title = async (path: string) => /<title>([^<]*)<\/title>/.exec(await page(path))?.[1]
  expect(await title('/')).toBe('Pioneer Board · Acme Robotics')
  expect(await title('/issues')).toBe('Issues · Pioneer Board · Acme Robotics')
  expect(await title('/roadmap/how-we-plan')).toBe(
    'How we plan · Roadmap · Pioneer Board · Acme Robotics',
  )
  expect(await title('/no-such-page')).toBe('Not found · Pioneer Board · Acme Robotics')
})
