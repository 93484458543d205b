import { afterAll, beforeAll, expect, test } from 'vitest'

import { startServer, type RunningServer } from './harness'
import { createAgent, signInAsDemo } from './http'

// The production server's page cache on the real pages: an anonymous visitor's page carries an
// ETag and revalidates to a 304; a signed-in person's is private and never stored.

let server: RunningServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

test('an anonymous page has an ETag and a 304 on If-None-Match; a signed-in one is private', async () => {
  for (const path of ['/issues', '/starter', '/api/issues']) {
    const first = await fetch(`${server.url}${path}`)
    expect(first.status, path).toBe(200)
    await first.text()
    const etag = first.headers.get('ETag')
    expect(etag, path).toMatch(/^"[\w-]+"$/)
    expect(first.headers.get('Cache-Control'), path).toMatch(/^public, max-age=0/)
    const again = await fetch(`${server.url}${path}`, { headers: { 'If-None-Match': etag! } })
    expect(again.status, path).toBe(304)
  }

  const person = createAgent(server.url)
  await signInAsDemo(person, 'maintainer')
  for (const path of ['/issues', '/starter', '/api/issues']) {
    const anonymous = await fetch(`${server.url}${path}`)
    const signedIn = await person.request(path, {
      headers: { 'If-None-Match': anonymous.headers.get('ETag')! },
    })
    expect(signedIn.status, path).toBe(200)
    expect(signedIn.headers.get('Cache-Control'), path).toBe('private, no-store')
    expect(signedIn.headers.get('ETag'), path).toBeNull()
    if (path !== '/api/issues') {
      // The page names who is signed in: it is theirs, not the anonymous copy.
      expect(await signedIn.text(), path).toMatch(/Sign out/i)
    }
  }
})
