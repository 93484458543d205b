import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, test } from 'vitest'

import type { FakeGitHubOAuth } from '../fake-github/oauth'

import {
  hasChromium,
  launchBrowser,
  startServer,
  SUITE_START_TIMEOUT_MS,
  type RunningServer,
  startGitHubBoard,
} from './harness'

// Issue 14, defect 3: `returnTo=/%09/evil.example` on sign-in ended at http://evil.example/ in
// Chromium, which drops tabs and newlines from URLs and reads `\` as `/`. Each hostile return
// path goes through a real sign-in in Chromium, which must end on the board's own origin without
// ever asking another host for anything. (auth.server.test.ts checks safeReturnTo's answers;
// this checks what the browser makes of them.)

/** Written into the query string as is: the browser's own URL parsing decodes it. */
const HOSTILE_RETURN_TO = [
  '//evil.example',
  '///evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d%0a/evil.example',
  '/%00/evil.example',
  '/%2F%2Fevil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%5C/evil.example',
  '/.//evil.example',
  '/%2e//evil.example',
  'https://evil.example',
  'https:evil.example',
  'http:/evil.example',
  'javascript:alert(1)',
  '%2F%2Fevil.example',
  '%09//evil.example',
  '%20//evil.example',
]
/** Raw characters a link cannot carry but a form field can; sent encoded, decoded by the board. */
const HOSTILE_RAW = [
  '/\t/evil.example',
  '/\\evil.example',
  '/\\\\evil.example',
  '/\n/evil.example',
  '/\0/evil.example',
  '\t//evil.example',
]
const CORPUS = [...HOSTILE_RETURN_TO, ...HOSTILE_RAW.map(encodeURIComponent)]

/** Cases at once: each lane is one browser context, so the cases' waits overlap. */
const LANES = 4
/** The three corpora run at once, so each takes longer than alone: a loaded machine nears 90 s. */
const CORPUS_TIMEOUT_MS = 300_000

/**
 * Runs `signIn` for every hostile return path, a few lanes at a time. Each lane has a browser
 * context that refuses, and records, every request to a host other than the allowed origins (a
 * redirect off the board shows up here even when evil.example does not resolve), and that is
 * signed out again (cookies cleared) before each case. Returns the cases that left the board.
 */
async function signInWithEach(
  browser: Browser,
  allowed: string[],
  signIn: (page: Page, returnTo: string) => Promise<void>,
  javaScriptEnabled = true,
) {
  const pending = [...CORPUS]
  const failures: string[] = []
  const lane = async () => {
    const context = await browser.newContext({ javaScriptEnabled })
    let offSite: string[] = []
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (allowed.includes(new URL(url).origin)) return route.continue()
      offSite.push(url)
      return route.abort()
    })
    const page = await context.newPage()
    // A bound for a hung page, not a speed check: on PostgreSQL each board loads the demo itself
    // and a page of the busy two-core CI machine once took over Playwright's default 30 s.
    page.setDefaultNavigationTimeout(90_000)
    try {
      for (let returnTo = pending.shift(); returnTo !== undefined; returnTo = pending.shift()) {
        await context.clearCookies()
        offSite = []
        await signIn(page, returnTo)
        await page.waitForLoadState('load')
        const finalUrl = page.url()
        if (new URL(finalUrl).origin !== allowed[0] || offSite.length > 0) {
          failures.push(`${returnTo} -> ${finalUrl} ${offSite.join(' ')}`)
        }
      }
    } finally {
      await context.close()
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
  return failures.sort()
}

describe.skipIf(!hasChromium())('sign-in never returns to another site', () => {
  let browser: Browser
  let demoServer: RunningServer
  let github: FakeGitHubOAuth
  let githubServer: RunningServer

  // Chromium, the fake GitHub and both boards start side by side, and the three corpora then run
  // at once: each board renders on its own core while Chromium works on the other.
  beforeAll(async () => {
    const started = await Promise.allSettled([
      launchBrowser().then((launched) => (browser = launched)),
      startServer().then((server) => (demoServer = server)),
      startGitHubBoard([{ id: 1002, login: 'newcomer42', name: null, repositories: [] }]).then(
        (board) => ({ server: githubServer, github } = board),
      ),
    ])
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason
  }, SUITE_START_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await Promise.all([demoServer?.stop(), githubServer?.stop()])
    await github?.close()
  })

  describe.concurrent('demo sign-in', () => {
    test.for([true, false])(
      'with JavaScript %s',
      { timeout: CORPUS_TIMEOUT_MS },
      async (javaScriptEnabled, { expect }) => {
        const failures = await signInWithEach(
          browser,
          [demoServer.url],
          async (page, returnTo) => {
            await page.goto(`${demoServer.url}/login?returnTo=${returnTo}`)
            await Promise.all([
              page.waitForURL((url) => url.pathname !== '/login'),
              page.getByRole('button', { name: /Cam \(demo contributor\)/ }).click(),
            ])
          },
          javaScriptEnabled,
        )
        expect(failures).toEqual([])
      },
    )
  })

  describe.concurrent('GitHub sign-in against the fake GitHub', () => {
    test(
      'the round trip through GitHub ends on the board',
      async ({ expect }) => {
        github.signInAs('newcomer42')
        const failures = await signInWithEach(
          browser,
          [githubServer.url, github.url],
          async (page, returnTo) => {
            await page.goto(`${githubServer.url}/login?returnTo=${returnTo}`)
            await Promise.all([
              // Back from GitHub: the callback redirects to the return path.
              page.waitForURL(
                (url) => url.origin !== githubServer.url || !/^\/(login|auth)/.test(url.pathname),
              ),
              page.getByRole('button', { name: 'Sign in with GitHub' }).click(),
            ])
          },
        )
        expect(failures).toEqual([])
      },
      CORPUS_TIMEOUT_MS,
    )
  })
})
