import { createHmac } from 'node:crypto'

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import type { FakeGitHubOAuth } from '../fake-github/oauth'

import {
  eventually,
  hasChromium,
  launchBrowser,
  startServer,
  SUITE_START_TIMEOUT_MS,
  type RunningServer,
  startGitHubBoard,
} from './harness'

const WEBHOOK_SECRET = 'security-headers-test-secret'

const CHROMIUM = hasChromium()

let server: RunningServer
/** One Chromium for the file's browser tests. */
let browser: Browser
/** A board that signs in with a fake GitHub, for the form-action test. */
let github: FakeGitHubOAuth
let board: RunningServer

// Everything the file needs starts side by side, each on a core, rather than one after another.
beforeAll(async () => {
  const started = await Promise.allSettled([
    startServer({ GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET }).then((started) => (server = started)),
    ...(CHROMIUM
      ? [
          launchBrowser().then((launched) => (browser = launched)),
          startGitHubBoard([{ id: 1001, login: 'avsm', name: 'Anil', repositories: [] }]).then(
            (started) => ({ server: board, github } = started),
          ),
        ]
      : []),
  ])
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason
}, SUITE_START_TIMEOUT_MS)

afterAll(async () => {
  await browser?.close()
  await Promise.all([server?.stop(), board?.stop()])
  await github?.close()
})

/** The nonce the response's Content-Security-Policy allows scripts with. */
function policyNonce(response: Response) {
  const policy = response.headers.get('Content-Security-Policy') ?? ''
  return /'nonce-([^']+)'/.exec(policy)?.[1]
}

function expectSecurityHeaders(response: Response) {
  const policy = response.headers.get('Content-Security-Policy') ?? ''
  const directives = new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/)
      return [name, sources.join(' ')] as const
    }),
  )
  expect(directives.get('default-src')).toBe("'self'")
  expect(directives.get('script-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}=='$/)
  expect(directives.get('script-src')).not.toContain('unsafe')
  expect(directives.get('style-src')).toBe("'self'")
  expect(directives.get('style-src-attr')).toBe("'unsafe-inline'")
  expect(directives.get('img-src')).toBe("'self' https: data:")
  // ws: is added for the live-reload socket when the server runs in development.
  expect(directives.get('connect-src')).toMatch(/^'self'( ws:)?$/)
  expect(directives.get('object-src')).toBe("'none'")
  expect(directives.get('base-uri')).toBe("'self'")
  expect(directives.get('form-action')).toMatch(/^'self'/)
  expect(directives.get('frame-ancestors')).toBe("'none'")
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
  expect(response.headers.get('X-Frame-Options')).toBe('DENY')
  expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
}

test('pages carry the security headers, and every script in them the nonce', async () => {
  const response = await fetch(`${server.url}/issues`)
  expect(response.status).toBe(200)
  expectSecurityHeaders(response)
  const nonce = policyNonce(response)
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? []
  expect(scripts.length).toBeGreaterThan(0)
  for (const script of scripts) expect(script).toContain(` nonce="${nonce}"`)
})

test('each response gets its own nonce', async () => {
  const [first, second] = await Promise.all([
    fetch(`${server.url}/issues`),
    fetch(`${server.url}/issues`),
  ])
  expect(policyNonce(first!)).toBeDefined()
  expect(policyNonce(first!)).not.toBe(policyNonce(second!))
  expect(await second!.text()).toContain(`nonce="${policyNonce(second!)}"`)
})

test('data requests, resource routes, /healthz and error pages carry them too', async () => {
  for (const path of [
    '/issues?_data=routes%2Fissues._index',
    '/api/issues',
    '/healthz',
    '/no/such/page',
  ]) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBeLessThan(500)
    expectSecurityHeaders(response)
  }
})

test('static files under /build carry them too', async () => {
  const html = await (await fetch(`${server.url}/issues`)).text()
  const assets = [...html.matchAll(/"(\/build\/[^"]+\.(?:js|css))"/g)].map((match) => match[1])
  expect(assets.some((asset) => asset?.endsWith('.css'))).toBe(true)
  expect(assets.some((asset) => asset?.endsWith('.js'))).toBe(true)
  for (const asset of new Set(assets)) {
    const response = await fetch(`${server.url}${asset}`)
    expect(response.status, asset).toBe(200)
    expectSecurityHeaders(response)
  }
})

test('a form or JSON body over 1 MB is refused with 413', async () => {
  const response = await fetch(`${server.url}/sync`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `intent=sync&padding=${'x'.repeat(1024 * 1024)}`,
  })
  expect(response.status).toBe(413)
  expect(await response.text()).toBe('The request body is too large: the limit is 1 MB.')
})

test('GitHub webhook deliveries over 1 MB still arrive', async () => {
  const body = JSON.stringify({ zen: 'x'.repeat(2 * 1024 * 1024), hook_id: 1 })
  const response = await fetch(`${server.url}/webhooks/github`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'ping',
      'X-GitHub-Delivery': crypto.randomUUID(),
      'X-GitHub-Hook-ID': '1',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`,
    },
    body,
  })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ ok: true })
})

describe.skipIf(!CHROMIUM)('under the Content-Security-Policy in Chromium', () => {
  test('the board hydrates, filters and navigates with no policy violation', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    const errors: string[] = []
    await page.exposeFunction('__cspViolation', (what: string) => violations.push(what))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __cspViolation: (what: string) => void })
          .__cspViolation
        report(`${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    page.on('console', (message) => {
      // The board has no favicon; the browser asking for one is no error of the page's.
      if (message.location().url.endsWith('/favicon.ico')) return
      if (message.type() === 'error' || message.text().includes('Content Security Policy')) {
        errors.push(message.text())
      }
    })
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${server.url}/issues`)
    await eventually(async () =>
      expect(await page.evaluate(() => '__remixRouter' in window)).toBe(true),
    )
    // A marker that a full page load would lose: the filters below must work client-side.
    await page.evaluate(() => Object.assign(window, { __stillThisPage: true }))

    await page.getByLabel('State').selectOption('all')
    await page.waitForURL(/state=all/)
    await page.getByRole('checkbox', { name: 'mirage/functoria' }).check()
    await page.waitForURL(/repo=mirage%2Ffunctoria/)
    const issues = page.getByRole('list', { name: 'Issues' }).getByRole('listitem')
    await eventually(async () => expect(await issues.count()).toBe(3))
    // The stylesheet applies, and label chips keep their colours (style attributes).
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(248, 250, 252)',
    )
    const chip = issues.getByText('bug', { exact: true }).first()
    expect(await chip.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
      'rgba(0, 0, 0, 0)',
    )

    await issues.first().getByRole('link').first().click()
    await page.waitForURL(/\/repos\/mirage\/functoria\/issues\/\d+$/)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('#'),
    )
    expect(await page.evaluate(() => '__stillThisPage' in window)).toBe(true)

    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})

describe.skipIf(!CHROMIUM)('form-action and GitHub sign-in', () => {
  test('signing in with GitHub works without JavaScript: the redirect is allowed', async () => {
    // Without JavaScript the form posts natively, and Chromium applies form-action to the
    // redirect that follows, to GitHub's authorize page.
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      const violations: string[] = []
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(message.text())
      })
      github.signInAs('avsm')
      await page.goto(`${board.url}/login`)
      await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      expect(await page.locator('header').textContent()).toContain('Anil')
      expect(violations).toEqual([])
    } finally {
      await context.close()
    }
  })
})
