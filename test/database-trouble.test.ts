import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterEach, expect, test } from 'vitest'

import * as apiIdeas from '../app/routes/api.ideas'
import * as apiIssues from '../app/routes/api.issues'
import * as apiRoadmap from '../app/routes/api.roadmap'
import * as apiRound from '../app/routes/api.rounds.$id'
import * as apiStarterProjects from '../app/routes/api.starter-projects'
import * as decisionsFeed from '../app/routes/roadmap.decisions[.]atom'
import * as starterFeed from '../app/routes/starter.feed[.]atom'

import { setupTestDatabase } from './database'
import { loaderArgs } from './route-requests'

// The JSON APIs and the Atom feeds answer a read the database cannot serve as the pages do
// (app/entry.server.tsx): 503 with Retry-After and the reason databaseTroubleOf finds, each in
// its own format. A full disk once read "The database cannot be reached" there, which sends an
// operator to the network instead of the disk.

const getDb = setupTestDatabase()

type Loader = (args: LoaderFunctionArgs) => Promise<Response>

/** The table put aside by failReadsOf, to put back after the test. */
let putAside: string | null = null

/**
 * Every read of `table` fails with PostgreSQL's own error `errcode`, raised by the database as
 * when a read's sort spills to a full disk (disk_full, 53100) or no connection is left
 * (too_many_connections, 53300): the table is renamed, and a view of its name calls a function
 * that raises. Immutable, the function is run as the query is planned, whatever rows the tables
 * hold (on an empty board a join skips the scan of its other side).
 */
async function failReadsOf(table: string, errcode: 'disk_full' | 'too_many_connections') {
  const message =
    errcode === 'disk_full'
      ? 'could not write to file "base/pgsql_tmp/pgsql_tmp1234.0": No space left on device'
      : 'sorry, too many clients already'
  await sql`alter table ${sql.table(table)} rename to ${sql.table(`${table}_aside`)}`.execute(
    getDb(),
  )
  putAside = table
  await sql
    .raw(
      `create function pretend_read_fails() returns boolean language plpgsql immutable as $$
      begin
        raise exception '${message}' using errcode = '${errcode}';
      end $$`,
    )
    .execute(getDb())
  await sql`create view ${sql.table(table)} as
    select * from ${sql.table(`${table}_aside`)} where pretend_read_fails()`.execute(getDb())
}

afterEach(async () => {
  // On PostgreSQL the worker's database outlives this file, and every later test empties its
  // tables: the table goes back under its own name after each test.
  if (putAside === null) return
  await sql`drop view if exists ${sql.table(putAside)}`.execute(getDb())
  await sql`drop function if exists pretend_read_fails()`.execute(getDb())
  await sql`alter table ${sql.table(`${putAside}_aside`)} rename to ${sql.table(putAside)}`.execute(
    getDb(),
  )
  putAside = null
})

const DISK_FULL = 'The board’s disk is full; nothing was saved. Try again later.'
const UNREACHABLE = 'The database cannot be reached right now; try again shortly.'

const APIS: [string, Loader, string, Record<string, string>?][] = [
  ['/api/issues', apiIssues.loader, 'issue'],
  ['/api/starter-projects', apiStarterProjects.loader, 'starter_project'],
  ['/api/roadmap', apiRoadmap.loader, 'release_target'],
  ['/api/ideas', apiIdeas.loader, 'release_target'],
  ['/api/rounds/1', apiRound.loader, 'round', { id: '1' }],
]

for (const [path, loader, table, params] of APIS) {
  test(`${path} answers a read that finds the disk full with 503 and its reason, in JSON`, async () => {
    await failReadsOf(table, 'disk_full')
    const response = await loader(await loaderArgs(path, { params }))
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('30')
    expect(await response.json()).toEqual({ error: { message: DISK_FULL } })
  })
}

test('an API with no connection left says the database cannot be reached, not that its disk is full', async () => {
  await failReadsOf('issue', 'too_many_connections')
  const response = await apiIssues.loader(await loaderArgs('/api/issues'))
  expect(response.status).toBe(503)
  expect(response.headers.get('Retry-After')).toBe('30')
  expect(await response.json()).toEqual({ error: { message: UNREACHABLE } })
})

const FEEDS: [string, Loader, string][] = [
  ['/starter/feed.atom', starterFeed.loader, 'starter_project'],
  ['/roadmap/decisions.atom', decisionsFeed.loader, 'release_target'],
]

for (const [path, loader, table] of FEEDS) {
  test(`${path} answers a read that finds the disk full with 503 and its reason, in plain text`, async () => {
    await failReadsOf(table, 'disk_full')
    const response = await loader(await loaderArgs(path))
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('30')
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe(`${DISK_FULL}\n`)
  })
}

test('a feed with no connection left says the database cannot be reached', async () => {
  await failReadsOf('starter_project', 'too_many_connections')
  const response = await starterFeed.loader(await loaderArgs('/starter/feed.atom'))
  expect(response.status).toBe(503)
  expect(await response.text()).toBe(`${UNREACHABLE}\n`)
})
