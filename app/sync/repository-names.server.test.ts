import { afterEach, beforeEach, expect, test, vi } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { addIssuesOverTime, fakeClient, fakeIssues, mirroredIssues } from '../../test/sync-helpers'

import { parseSyncTargets, sweep } from './sweep.server'

// GitHub identifies repositories by id; names move. A name the mirror holds under one id can
// come back from GitHub under another (renamed or transferred away, or deleted, and then a new
// repository created under the old name).

const getDb = setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

const targets = (...words: string[]) => parseSyncTargets(words).targets

const row = (id: number) =>
  getDb()
    .selectFrom('repository')
    .select(['id', 'full_name', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const issueCount = async (id: number) =>
  (await getDb().selectFrom('issue').select('id').where('repository_id', '=', id).execute()).length

function captureLog() {
  const lines: string[] = []
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk))
      return true
    })
  }
  return lines
}

test('a repository renamed away and a new one created under its old name: the old row learns its new name, the new one is mirrored', async () => {
  const old = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme'))
  github.renameRepository('acme/app', 'acme/app-legacy')
  const fresh = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 2)
  const lines = captureLog()

  const summary = await sweep(client, targets('acme'))

  vi.restoreAllMocks()
  expect(summary.unresolved).toEqual([])
  // The listing holds it under its new name too, so it stays active.
  expect(await row(old.id)).toEqual({ id: old.id, full_name: 'acme/app-legacy', status: 'active' })
  expect(await row(fresh.id)).toEqual({ id: fresh.id, full_name: 'acme/app', status: 'active' })
  expect(await mirroredIssues(getDb(), 'acme/app-legacy')).toEqual(
    fakeIssues(github, 'acme/app-legacy'),
  )
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  expect(lines.join('')).toMatch(
    new RegExp(`gave its name up.* name=acme/app id=${old.id} movedTo=acme/app-legacy`),
  )
})

test('a repository deleted and a new one created under its name: the old row gives the name up, its issues kept', async () => {
  const old = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme/app'))
  github.deleteRepository('acme/app')
  await sweep(client, targets('acme/app'))
  const fresh = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 2)

  const summary = await sweep(client, targets('acme/app'))

  expect(summary.unresolved).toEqual([])
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
  ])
  expect(await row(old.id)).toEqual({
    id: old.id,
    full_name: `acme/app (deleted or hidden; GitHub id ${old.id})`,
    status: 'gone',
  })
  expect(await issueCount(old.id)).toBe(3)
  expect(await row(fresh.id)).toMatchObject({ full_name: 'acme/app', status: 'active' })
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

test('a rename GitHub follows (301) onto a name a gone row still holds: that row gives it up', async () => {
  const gone = github.addRepository('acme/b')
  const moving = github.addRepository('acme/a')
  addIssuesOverTime(github, 'acme/a', 2)
  const client = fakeClient(github)
  await sweep(client, targets('acme/b', 'acme/a'))
  github.deleteRepository('acme/b')
  await sweep(client, targets('acme/b', 'acme/a'))
  github.renameRepository('acme/a', 'acme/b')
  github.clock.advance(1000)
  github.updateIssue('acme/b', 1, { title: 'Touched after the rename' })

  const summary = await sweep(client, targets('acme/a'))

  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/b', 'updated'],
  ])
  expect(await row(moving.id)).toEqual({ id: moving.id, full_name: 'acme/b', status: 'renamed' })
  expect(await row(gone.id)).toMatchObject({
    full_name: `acme/b (deleted or hidden; GitHub id ${gone.id})`,
    status: 'gone',
  })
  expect(await mirroredIssues(getDb(), 'acme/b')).toEqual(fakeIssues(github, 'acme/b'))
})

test('a target renamed away and a new repository created under its name: the clashing numbers hand the name over, no issue mixes', async () => {
  const old = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme/app'))
  github.renameRepository('acme/app', 'acme/app-legacy')
  const fresh = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 2)
  const lines = captureLog()

  const summary = await sweep(client, targets('acme/app'))

  vi.restoreAllMocks()
  expect(summary.unresolved).toEqual([])
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
    ['acme/app-legacy', 'name_reused'],
  ])
  expect(summary.repositories[1]?.error).toMatch(
    `GitHub now gives acme/app to another repository (id ${fresh.id}`,
  )
  expect(await row(old.id)).toEqual({ id: old.id, full_name: 'acme/app-legacy', status: 'renamed' })
  expect(await row(fresh.id)).toEqual({ id: fresh.id, full_name: 'acme/app', status: 'active' })
  expect(await issueCount(old.id)).toBe(3)
  expect(await mirroredIssues(getDb(), 'acme/app-legacy')).toEqual(
    fakeIssues(github, 'acme/app-legacy'),
  )
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  const log = lines.join('')
  expect(log).toMatch(
    new RegExp(`answers for another repository.* name=acme/app id=${old.id} newId=${fresh.id}`),
  )
  expect(log).toMatch(
    new RegExp(`gave its name up.* name=acme/app id=${old.id} movedTo=acme/app-legacy`),
  )

  // The next sweep finds everything in place: one conditional request, answered 304.
  github.clearLog()
  const again = await sweep(client, targets('acme/app'))
  expect(again.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'unchanged'],
  ])
  expect(again.requests).toBe(1)
})

test('a target deleted and a new repository created under its name before any sweep saw it gone: the old row is marked gone, its issues kept', async () => {
  const old = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme/app'))
  github.deleteRepository('acme/app')
  const fresh = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 2)

  const summary = await sweep(client, targets('acme/app'))

  const goneName = `acme/app (deleted or hidden; GitHub id ${old.id})`
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
    [goneName, 'name_reused'],
  ])
  expect(await row(old.id)).toEqual({ id: old.id, full_name: goneName, status: 'gone' })
  expect(await issueCount(old.id)).toBe(3)
  expect(await row(fresh.id)).toMatchObject({ full_name: 'acme/app', status: 'active' })
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

test('a new repository under the name with more than a page of issues: the name is looked up before the first page is stored, no issue mixes', async () => {
  const old = github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme/app'))
  github.renameRepository('acme/app', 'acme/app-legacy')
  const fresh = github.addRepository('acme/app')
  // Page 1 holds numbers 130 to 31, none the old row holds: only page 2 would clash.
  addIssuesOverTime(github, 'acme/app', 130)

  const summary = await sweep(client, targets('acme/app'))

  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
    ['acme/app-legacy', 'name_reused'],
  ])
  expect(await row(old.id)).toMatchObject({ full_name: 'acme/app-legacy', status: 'renamed' })
  expect(await row(fresh.id)).toMatchObject({ full_name: 'acme/app', status: 'active' })
  expect(await mirroredIssues(getDb(), 'acme/app-legacy')).toEqual(
    fakeIssues(github, 'acme/app-legacy'),
  )
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
})

test('more than a page of new issues in the same repository: one lookup confirms it, everything is stored', async () => {
  github.addRepository('acme/app')
  addIssuesOverTime(github, 'acme/app', 3)
  const client = fakeClient(github)
  await sweep(client, targets('acme/app'))
  addIssuesOverTime(github, 'acme/app', 130)
  github.clearLog()

  const summary = await sweep(client, targets('acme/app'))

  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'updated'],
  ])
  expect(await mirroredIssues(getDb(), 'acme/app')).toEqual(fakeIssues(github, 'acme/app'))
  expect(github.requestLog.filter((entry) => entry.path === '/repos/acme/app')).toHaveLength(1)
})
