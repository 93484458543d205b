import { afterAll, beforeAll, expect, test } from 'vitest'

import { startServer, type RunningServer } from './harness'

// Bad requests through the whole server (Express, then Remix), as a client other than our pages
// sends them: each answers a 4xx that says why, never a 500 or a stack trace. The routes' side
// is fuzzed in test/fuzz.test.ts; these are the cases only the real server shows.

let server: RunningServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

const STACK_TRACE = /at .+\.(ts|js):\d+/

/** A POST as a same-origin page would send it, with the body and type the test chooses. */
function post(path: string, contentType: string, body: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Origin: server.url, 'Sec-Fetch-Site': 'same-origin' },
    body,
    redirect: 'manual',
  })
}

test('a path with a broken %-escape answers 400 saying so', async () => {
  for (const path of ['/starter/%E0%A4%A', '/starter/%', '/issues/%zz']) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBe(400)
    const text = await response.text()
    expect(text, path).toMatch(/address is malformed/)
    expect(text, path).not.toMatch(STACK_TRACE)
  }
})

test('a JSON or plain-text sign-in answers 415 on the error page, with the reason', async () => {
  for (const contentType of ['application/json', 'text/plain']) {
    const response = await post('/login', contentType, '{"intent":"demo"}')
    expect(response.status, contentType).toBe(415)
    const html = await response.text()
    expect(html, contentType).toContain(`not ${contentType}`)
    expect(html, contentType).not.toMatch(STACK_TRACE)
  }
})

test('a truncated multipart submission answers 400 on the error page', async () => {
  const response = await post(
    '/login',
    'multipart/form-data; boundary=cut',
    '--cut\r\nContent-Disposition: form-data; name="intent"\r\n\r\nde',
  )
  expect(response.status).toBe(400)
  expect(await response.text()).toContain('The form could not be read')
})

test('a NUL in a search answers 400: as JSON from the API, as a page from the board', async () => {
  const api = await fetch(`${server.url}/api/issues?q=%00`)
  expect(api.status).toBe(400)
  expect(await api.json()).toMatchObject({
    error: { message: 'q: contains a NUL character (%00)' },
  })
  const page = await fetch(`${server.url}/issues?q=a%00b`)
  expect(page.status).toBe(400)
  expect(await page.text()).toContain('contains a NUL character')
})

test('an issue number past PostgreSQL’s integer answers 404', async () => {
  const response = await fetch(`${server.url}/repos/mirage/mirage/issues/2147483648`)
  expect(response.status).toBe(404)
  expect(await response.text()).toContain('is not an issue number')
})

test('fetch gets the refusal of a body it sent whole, and its next request an answer', async () => {
  // Node's fetch sends the whole body before it reads the answer. A connection closed while the
  // body still arrived was reset (fetch threw ECONNRESET where curl showed the 413); a body Remix
  // had begun to read before its 405 stayed on the connection until the idle connection was
  // dropped, resetting the request after it.
  const body = `text=${'x'.repeat(1200 * 1024)}`
  for (const path of ['/roadmap', '/healthz']) {
    const response = await post(path, 'application/x-www-form-urlencoded', body)
    expect(response.status, path).toBe(413)
    expect(await response.text(), path).toBe('The request body is too large: the limit is 1 MB.')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }
  for (const path of ['/api/issues', '/healthz']) {
    const response = await post(
      path,
      'application/x-www-form-urlencoded',
      body.slice(0, 900 * 1024),
    )
    expect(response.status, path).toBe(405)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }
})

test('OPTIONS on a read-only address answers 405 with Allow: GET, HEAD, as a page does', async () => {
  for (const path of ['/healthz', '/api/issues', '/starter/feed.atom']) {
    const response = await fetch(`${server.url}${path}`, { method: 'OPTIONS' })
    expect(response.status, path).toBe(405)
    expect(response.headers.get('Allow'), path).toBe('GET, HEAD')
  }
  expect((await fetch(`${server.url}/`, { method: 'OPTIONS' })).status).toBe(405)
})
