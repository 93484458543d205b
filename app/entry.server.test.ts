import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { createStaticHandler } from '@remix-run/router'
import { sql } from 'kysely'
import { afterEach, expect, test, vi } from 'vitest'

import { setupTestDatabase } from '../test/database'
import { sessionCookieFor } from '../test/route-requests'

import * as entryServer from './entry.server'
import { handleError } from './entry.server'
import { setFollowing } from './notifications/inbox.server'
import { makePerson, makeTarget } from './roadmap/test-fixtures'
import * as ideationRoute from './routes/roadmap.ideas._index'

const getDb = setupTestDatabase()

// What reaches the server's error log. A client's wrong method or address (Remix's own 405 and
// 404) once logged "ERROR request failed error=[object Object]" for every such request: noise an
// operator could neither read nor act on, beside the request log's line with its 4xx.

/** What Remix hands handleError for `method path` on a board whose one page has no action. */
async function remixErrorFor(method: string, path: string) {
  const handler = createStaticHandler([{ id: 'root', path: '/', loader: () => null }])
  const context = await handler.query(new Request(`http://localhost${path}`, { method }))
  if (context instanceof Response) throw new Error(`expected an error, got ${context.status}`)
  return Object.values(context.errors ?? {})[0]
}

function errorLog() {
  const lines: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk))
    return true
  })
  return lines
}

const argsFor = (path: string) => ({
  request: new Request(`http://localhost${path}`),
  params: {},
  context: {},
})

afterEach(async () => {
  vi.restoreAllMocks()
  await sql`drop trigger if exists disk_full on notification`.execute(getDb())
  await sql`drop function if exists pretend_disk_full()`.execute(getDb())
})

test('a PUT to a page without a form, or an address no route serves, logs no error', async () => {
  const methodNotAllowed = await remixErrorFor('PUT', '/')
  const notFound = await remixErrorFor('GET', '/no/such/page')
  const lines = errorLog()
  handleError(methodNotAllowed, argsFor('/'))
  handleError(notFound, argsFor('/no/such/page'))
  expect(lines).toEqual([])
})

test('a failure of ours is logged with its message, and a thrown non-Error is readable', () => {
  const lines = errorLog()
  handleError(new Error('the query failed'), argsFor('/issues'))
  handleError({ reason: 'not an Error' }, argsFor('/issues'))
  expect(lines.join('')).toContain('request failed path=/issues error=the query failed')
  expect(lines.join('')).toContain('error={"reason":"not an Error"}')
  expect(lines.join('')).not.toContain('[object Object]')
})

// A write the database cannot make (its disk full) or a database out of reach answers 503 with
// its reason through Remix as the server runs it (the real entry module and route, on the test
// database), never a 500 with "Something went wrong". The full disk is the database's own error:
// a trigger raises disk_full (53100) where PostgreSQL would, in the middle of the transaction.

const IDEATION = 'routes/roadmap.ideas._index'

/** Remix's request handler over the real entry module and the ideation route, in production mode. */
function boardHandler() {
  const build = {
    mode: 'production',
    entry: { module: entryServer },
    routes: {
      root: { id: 'root', path: '', module: { default: () => null } },
      [IDEATION]: {
        id: IDEATION,
        parentId: 'root',
        path: 'roadmap/ideas',
        index: true,
        module: ideationRoute,
      },
    },
    assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild
  return createRequestHandler(build, 'production')
}

/** A database whose disk "fills" when a notification is written: after the idea's own insert. */
async function fillDiskOnNotification() {
  // On PostgreSQL the worker's database outlives this file: the trigger goes after each test.
  await sql`
    create function pretend_disk_full() returns trigger language plpgsql as $$
    begin
      raise exception 'could not extend file "base/5/16384": No space left on device'
        using errcode = 'disk_full';
    end $$`.execute(getDb())
  await sql`create trigger disk_full before insert on notification
    for each statement execute function pretend_disk_full()`.execute(getDb())
}

async function proposal(search: string) {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const dana = await makePerson(getDb(), 'dana')
  // Dana follows the area, so the proposal writes her notification after the idea itself.
  await setFollowing(dana.id, { type: 'area', id: target.areas.quality }, true, getDb())
  return new Request(`http://localhost/roadmap/ideas${search}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: await sessionCookieFor(cam.id),
    },
    body: new URLSearchParams({
      intent: 'propose',
      title: 'Fuzz the stack',
      areaId: String(target.areas.quality),
      description: 'With AFL.',
      links: '',
    }),
  })
}

const ideaCount = async () =>
  (
    await getDb()
      .selectFrom('idea')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

test('a write that finds the disk full answers 503 saying nothing was saved, with no stack, and saves nothing', async () => {
  await fillDiskOnNotification()
  const request = await proposal('?index')
  const lines = errorLog()
  const response = await boardHandler()(request)
  expect(response.status).toBe(503)
  expect(response.headers.get('Retry-After')).toBe('30')
  const page = await response.text()
  expect(page).toContain('The board’s disk is full; nothing was saved.')
  expect(page).not.toMatch(/at .*\.ts:\d+|Something went wrong|Unexpected Server Error/)
  // The idea inserted before the notification was rolled back with it.
  expect(await ideaCount()).toBe(0)
  // The operator's log names the cause in one line.
  expect(lines.join('')).toMatch(
    /^ERROR database disk full path=\/roadmap\/ideas code=53100 error=could not extend file "base\/5\/16384": No space left on device errorName=\S+\n$/,
  )
})

test('a write sent with JavaScript that finds the disk full answers 503 with the reason for the error page', async () => {
  await fillDiskOnNotification()
  const request = await proposal(`?index&_data=${IDEATION}`)
  errorLog()
  const response = await boardHandler()(request)
  expect(response.status).toBe(503)
  // A thrown Response to Remix's client: the error page shows the 503 and this reason.
  expect(response.headers.get('X-Remix-Catch')).toBe('yes')
  expect(await response.json()).toBe(
    'The board’s disk is full; nothing was saved. Try again later.',
  )
  expect(await ideaCount()).toBe(0)
})
