import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, expect, test } from 'vitest'

import { eventually, runStartScript, startServer, type RunningServer } from './harness'
import { createAgent, signInAsDemo } from './http'

let server: RunningServer

beforeAll(async () => {
  // This file tests the server's own loading of the demo, so it does not start on a loaded copy.
  server = await startServer({ LOG_FORMAT: 'json' }, { seedDemoAtStartUp: true })
})

afterAll(async () => {
  await server?.stop()
})

test('an empty database gets the MirageOS demo at start-up', async () => {
  const response = await fetch(`${server.url}/api/issues?state=all&limit=100`)
  const body = await response.json()
  expect(body.items).toHaveLength(99)
  expect(server.output()).toContain('loaded the MirageOS demo')
})

test('/healthz answers 200 while the database is reachable', async () => {
  const response = await fetch(`${server.url}/healthz`)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' })
})

test('every request is logged once, as JSON when LOG_FORMAT=json', async () => {
  await fetch(`${server.url}/issues?state=closed`)
  // The child writes the line after answering: read its output until the line is there.
  await eventually(async () => {
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
    const entry = lines.find((line) => line.message === 'request' && line.path === '/issues')
    expect(entry).toMatchObject({ level: 'info', method: 'GET', path: '/issues', status: 200 })
    expect(typeof entry.durationMs).toBe('number')
  })
})

test('unknown pages answer 404 with a page, not a stack trace', async () => {
  const response = await fetch(`${server.url}/no/such/page`)
  expect(response.status).toBe(404)
  const html = await response.text()
  expect(html).toContain('Not found')
  expect(html).not.toMatch(/at .+\.(ts|js):\d+/)
})

test('a malformed DATABASE_URL stops start-up with one line naming it', async () => {
  const { code, stderr, stdout } = await runStartScript({ DATABASE_URL: 'mysql://u:secret@x/db' })
  expect(code).toBe(2)
  expect(stderr.trim()).toBe(
    'Invalid setting DATABASE_URL: must be a postgres:// or postgresql:// URL with a host',
  )
  expect(stdout + stderr).not.toContain('secret')
})

test('an invalid port stops start-up with one line naming PORT', async () => {
  const { code, stderr } = await runStartScript({ PORT: 'http' })
  expect(code).toBe(2)
  expect(stderr.trim()).toMatch(/^Invalid setting PORT: /)
})

test('start-up reads the settings file ENV_FILE names, real variables winning', async () => {
  // The tests' own environment reads none (ENV_FILE=none, test/setup-database.ts): a scratch one.
  const folder = mkdtempSync(path.join(tmpdir(), 'pioneer-env-file-'))
  try {
    const file = path.join(folder, 'board.env')
    writeFileSync(file, 'PORT=http\nSTALE_AFTER_MONTHS=often\n')
    const { code, stderr } = await runStartScript({ ENV_FILE: file, STALE_AFTER_MONTHS: '6' })
    expect(code).toBe(2)
    expect(stderr.trim()).toMatch(/^Invalid setting PORT: [^\n]*$/)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('/setup on the demo’s database names the database as the first thing to fix', async () => {
  // Its other checks alone led to a start-up that refuses to mirror into the demo's database.
  const maintainer = createAgent(server.url)
  await signInAsDemo(maintainer, 'maintainer')
  const response = await maintainer.get('/setup')
  expect(response.status).toBe(200)
  // React separates text runs with empty comments in server HTML.
  const page = (await response.text()).replaceAll('<!-- -->', '')
  // The database setting in use comes first: DATA_DIR / DATABASE_URL on the embedded database,
  // DATABASE_URL alone on a PostgreSQL server (the CI's second run), each with its own remedy.
  expect(page).toMatch(/attention: (DATA_DIR \/ )?DATABASE_URL; GITHUB_TOKEN/)
  expect(page).toContain(
    'This database holds the MirageOS demo (14 repositories: mirage/charrua, mirage/functoria, mirage/mirage…), which must not be mixed with issues mirrored from GitHub. Mirror into a database of its own: ',
  )
  expect(page).toMatch(
    /Mirror into a database of its own: (set DATA_DIR to a new folder|point DATABASE_URL at an empty database)/,
  )
})

// Last: it restarts the file's server.
test('without SESSION_SECRET, people stay signed in when the server restarts', async () => {
  const person = createAgent(server.url)
  await signInAsDemo(person, 'contributor')
  const signedIn = await person.get('/me')
  expect(signedIn.status).toBe(200)
  // The board made its own secret at the first start and kept it in the database.
  expect(server.output()).toContain(
    'SESSION_SECRET is not set: signing with the board’s own secret',
  )
  await server.restart()
  expect((await person.get('/me')).status).toBe(200)
  // Signed out, the same page sends one to sign in: the check above is not a public page's 200.
  expect((await createAgent(server.url).get('/me')).status).toBe(302)
})
