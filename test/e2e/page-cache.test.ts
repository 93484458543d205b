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

test('the anonymous /issues copy changes when an issue becomes a starter project and is claimed, and never holds a candidate', async () => {
  // The demo's mirage/mirage-www#837 is a triage candidate; mirage/mirage#569 is not.
  const path = '/issues?repo=mirage/mirage&repo=mirage/mirage-www'
  const anonymous = async (etag: string | null) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: etag ? { 'If-None-Match': etag } : {},
    })
    const html = await response.text()
    return { status: response.status, etag: response.headers.get('ETag'), html }
  }
  const before = await anonymous(null)
  expect(before.status).toBe(200)
  expect(before.html).toContain('/repos/mirage/mirage/issues/569')
  expect(before.html).toContain('/repos/mirage/mirage-www/issues/837')
  expect(before.html).not.toContain('data-starter="project"')
  expect(before.html).not.toContain('data-starter="candidate"')

  const maintainer = createAgent(server.url)
  await signInAsDemo(maintainer, 'maintainer')
  // Hers is her own page: it names the candidate, linked to it in the triage queue.
  const hers = await (await maintainer.get(path)).text()
  expect(hers).toContain('data-starter="candidate"')
  expect(hers).toContain('/starter/triage?at=')

  const created = await maintainer.post('/starter/new', {
    title: 'mirage.io: a first improvement',
    summary: '',
    primaryDomain: 'web',
    languageStars: '1',
    domainStars: '2',
    size: 'week',
    status: 'open',
    mentors: '',
    repos: 'mirage/mirage',
    relatedIssues: '',
    readFirst: '',
    issue: 'mirage/mirage#569',
  })
  expect(created.status).toBe(302)
  const projectPath = new URL(created.headers.get('Location')!, server.url).pathname
  expect(projectPath).toMatch(/^\/starter\/\d+$/)

  // The write moved the data's version: the copy is made again, and the old ETag no longer matches.
  const tagged = await anonymous(before.etag)
  expect(tagged.status).toBe(200)
  expect(tagged.etag).not.toBe(before.etag)
  expect(tagged.html).toContain(`href="${projectPath}"`)
  expect(tagged.html).toContain('OCaml difficulty: 1 of 3 stars')
  expect(tagged.html).toMatch(/>open<\/span>/)
  expect(await anonymous(tagged.etag)).toMatchObject({ status: 304 })

  const newcomer = createAgent(server.url)
  await signInAsDemo(newcomer, 'newcomer')
  expect((await newcomer.post(projectPath, { intent: 'claim' })).status).toBeLessThan(400)
  const claimed = await anonymous(tagged.etag)
  expect(claimed.status).toBe(200)
  expect(claimed.etag).not.toBe(tagged.etag)
  expect(claimed.html).toMatch(/>claimed<\/span>/)
  expect(claimed.html).not.toContain('data-starter="candidate"')
})
