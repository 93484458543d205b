import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'

import { action, loader } from './starter.$id_.edit'

const getDb = setupTestDatabase()

const FORM = {
  title: 'Add a DNS CAA record type',
  summary: 'Follow RFC 8659.',
  primaryDomain: 'networking',
  languageStars: '2',
  domainStars: '1',
  size: 'week',
  status: 'open',
  mentors: 'Hannes',
  repos: 'mirage/ocaml-dns',
  relatedIssues: '',
  readFirst: '',
  issue: '',
}

const load = async (id: number, accountId: number) =>
  (
    await callLoader(loader, `/starter/${id}/edit`, { accountId, params: { id: String(id) } })
  ).json()

const post = (id: number, form: RouteForm, accountId: number) =>
  callAction(action, `/starter/${id}/edit`, form, { accountId, params: { id: String(id) } })

const titleOf = async (id: number) =>
  (
    await getDb()
      .selectFrom('starter_project')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).title

test('a save against a project someone saved meanwhile is refused with 409, keeping what was typed and showing how it is now', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const lee = await createAccount(getDb(), 'lee', 'maintainer')
  const id = await createProject(getDb(), { title: 'Old title' })
  const seenByDana = await load(id, dana.id)
  const seenByLee = await load(id, lee.id)

  const leeSaves = await post(
    id,
    { ...FORM, title: 'Lee’s title', version: seenByLee.version },
    lee.id,
  )
  expect(leeSaves.status).toBe(302)

  const danaSaves = await post(
    id,
    { ...FORM, title: 'Dana’s title', summary: 'Typed by Dana.', version: seenByDana.version },
    dana.id,
  )
  expect(danaSaves.status).toBe(409)
  const failure = await danaSaves.json()
  expect(failure.message).toMatch(/^Someone else changed this project since you loaded it/)
  expect(failure.values).toMatchObject({ title: 'Dana’s title', summary: 'Typed by Dana.' })
  expect(failure.conflict.differences).toEqual(
    expect.arrayContaining([
      { field: 'title', now: 'Lee’s title' },
      { field: 'summary', now: 'Follow RFC 8659.' },
    ]),
  )
  expect(await titleOf(id)).toBe('Lee’s title')

  // The form now carries the current version: saving again is Dana's informed choice.
  expect(failure.version).toBe((await load(id, dana.id)).version)
  const again = await post(
    id,
    { ...FORM, title: 'Dana’s title', version: failure.version },
    dana.id,
  )
  expect(again.status).toBe(302)
  expect(await titleOf(id)).toBe('Dana’s title')
})

test('a form without a version is refused: it could overwrite anything', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const id = await createProject(getDb(), { title: 'Old title' })
  const response = await post(id, { ...FORM, title: 'New title' }, dana.id)
  expect(response.status).toBe(400)
  expect((await response.json()).message).toMatch(/which version of the project/)
  expect(await titleOf(id)).toBe('Old title')
})

test('a refused save for a bad field keeps the version it was loaded with', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const id = await createProject(getDb(), { title: 'Old title' })
  const { version } = await load(id, dana.id)
  expect(version).toMatch(/^\d+$/)
  const response = await post(id, { ...FORM, languageStars: '7', version }, dana.id)
  expect(response.status).toBe(400)
  expect((await response.json()).version).toBe(version)
})
