import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'

import { pageCache } from './page-cache.server'
import { securityHeaders } from './security-headers.server'

// The page cache in a real Express server with the real security headers, over real HTTP: what
// a browser, a proxy and a signed-in person each get back.

let baseUrl = ''
let server: ReturnType<express.Express['listen']>
let version = 'v1'
let clock = 0
let renders = 0

function nonceOfPolicy(response: Response) {
  return /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1]
}

beforeAll(async () => {
  const app = express()
  app.use(securityHeaders({ isDevelopment: false }))
  app.use(pageCache({ dataVersion: async () => version, maxAgeMs: 10_000, now: () => clock }))
  // A page as Remix writes one: streamed in pieces, its inline script carrying the nonce, and
  // naming whoever the cookie says is signed in.
  app.get('/page', (req, res) => {
    renders++
    const who = /session=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'nobody'
    res.status(200).setHeader('Content-Type', 'text/html; charset=utf-8')
    res.write(`<p>Hello ${who} ${version}</p>`)
    setTimeout(() => res.end(`<script nonce="${res.locals.cspNonce}">1</script>`), 20)
  })
  app.get('/sets-cookie', (_req, res) => {
    renders++
    res.setHeader('Set-Cookie', 'flash=1; Path=/')
    res.send('with a cookie')
  })
  app.get('/missing', (_req, res) => {
    renders++
    res.status(404).send('not here')
  })
  app.post('/page', (_req, res) => {
    res.send('posted')
  })
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server?.close()
})

beforeEach(() => {
  // A new data version each test: nothing stored by one test is fresh in the next.
  version = `v${Math.random()}`
  renders = 0
})

test('an anonymous page gets an ETag and public caching, and a 304 on If-None-Match', async () => {
  const first = await fetch(`${baseUrl}/page`)
  const body = await first.text()
  const etag = first.headers.get('ETag')
  expect(first.status).toBe(200)
  expect(etag).toMatch(/^"[\w-]+"$/)
  expect(first.headers.get('Cache-Control')).toBe('public, max-age=0, s-maxage=5')
  expect(first.headers.get('Vary')).toMatch(/Cookie/)
  expect(body).toContain(`nonce="${nonceOfPolicy(first)}"`)

  const revalidated = await fetch(`${baseUrl}/page`, { headers: { 'If-None-Match': etag! } })
  expect(revalidated.status).toBe(304)
  expect(await revalidated.text()).toBe('')
  expect(revalidated.headers.get('ETag')).toBe(etag)
  // The browser keeps the page it holds with that page's policy (its nonce is in the page).
  expect(revalidated.headers.get('Content-Security-Policy')).toBeNull()
  expect(renders).toBe(1)
})

test('the stored page is served with a nonce of its own and the same ETag, until the data changes', async () => {
  const first = await fetch(`${baseUrl}/page`)
  await first.text()
  const second = await fetch(`${baseUrl}/page`)
  const secondBody = await second.text()
  expect(renders).toBe(1)
  expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'))
  expect(nonceOfPolicy(second)).not.toBe(nonceOfPolicy(first))
  expect(secondBody).toContain(`nonce="${nonceOfPolicy(second)}"`)
  expect(secondBody).not.toContain(`nonce="${nonceOfPolicy(first)}"`)

  // A write anywhere moves the data version: the next request renders the page again, and an
  // old ETag no longer matches.
  version = `${version}-written`
  const afterWrite = await fetch(`${baseUrl}/page`, {
    headers: { 'If-None-Match': first.headers.get('ETag')! },
  })
  expect(afterWrite.status).toBe(200)
  expect(await afterWrite.text()).toContain(version)
  expect(renders).toBe(2)
})

test('a stored page is rendered again once it is older than the maximum age', async () => {
  await (await fetch(`${baseUrl}/page`)).text()
  clock += 10_001
  await (await fetch(`${baseUrl}/page`)).text()
  expect(renders).toBe(2)
})

test('requests for a page being rendered wait for that render', async () => {
  const responses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${baseUrl}/page`)))
  const bodies = await Promise.all(responses.map((response) => response.text()))
  expect(renders).toBe(1)
  expect(new Set(responses.map((response) => response.headers.get('ETag'))).size).toBe(1)
  for (const [index, response] of responses.entries()) {
    expect(bodies[index]).toContain(`nonce="${nonceOfPolicy(response)}"`)
  }
})

test('a signed-in page is private, uncached, never stored and never served to anyone else', async () => {
  const signedIn = await fetch(`${baseUrl}/page`, { headers: { Cookie: 'session=alice' } })
  expect(await signedIn.text()).toContain('Hello alice')
  expect(signedIn.headers.get('Cache-Control')).toBe('private, no-store')
  expect(signedIn.headers.get('ETag')).toBeNull()

  // Alice's page was not stored: the anonymous visitor gets a page of their own.
  const anonymous = await fetch(`${baseUrl}/page`)
  expect(await anonymous.text()).toContain('Hello nobody')
  // And the anonymous copy is never served to a signed-in person, conditional or not.
  const bob = await fetch(`${baseUrl}/page`, {
    headers: { Cookie: 'session=bob', 'If-None-Match': anonymous.headers.get('ETag')! },
  })
  expect(bob.status).toBe(200)
  expect(await bob.text()).toContain('Hello bob')
  expect(bob.headers.get('Cache-Control')).toBe('private, no-store')
  expect(renders).toBe(3)
})

test('a response that sets a cookie is private and not stored; neither are errors or writes', async () => {
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${baseUrl}/sets-cookie`)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('ETag')).toBeNull()
    expect(response.headers.get('Set-Cookie')).toContain('flash=1')
  }
  expect(renders).toBe(2)

  await fetch(`${baseUrl}/missing`)
  const missing = await fetch(`${baseUrl}/missing`)
  expect(missing.status).toBe(404)
  expect(missing.headers.get('Cache-Control')).toBeNull()
  expect(renders).toBe(4)

  const posted = await fetch(`${baseUrl}/page`, { method: 'POST' })
  expect(posted.headers.get('Cache-Control')).toBe('private, no-store')
})

test('without an answer from the database the cache steps aside', async () => {
  const app = express()
  app.use(securityHeaders({ isDevelopment: false }))
  app.use(
    pageCache({
      dataVersion: () => Promise.reject(new Error('the database is away')),
    }),
  )
  app.get('/page', (_req, res) => {
    res.status(503).send('unavailable')
  })
  const outage = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => outage.once('listening', resolve))
  try {
    const response = await fetch(`http://127.0.0.1:${(outage.address() as AddressInfo).port}/page`)
    expect(response.status).toBe(503)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  } finally {
    outage.close()
  }
})
