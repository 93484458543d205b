import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'

import { action as editAction, loader as editLoader } from './starter.$id_.edit'
import { action, loader } from './starter.new'

const getDb = setupTestDatabase()

const postNew = (form: RouteForm, accountId: number) =>
  callAction(action, '/starter/new', form, { accountId })

const postEdit = (id: string, form: RouteForm, accountId: number) =>
  callAction(editAction, `/starter/${id}/edit`, form, { accountId, params: { id } })

const VALID = {
  title: 'Add a DNS CAA record type',
  summary: 'Follow RFC 8659.',
  primaryDomain: 'networking',
  secondaryDomains: ['security'],
  languageStars: '2',
  domainStars: '1',
  size: 'week',
  status: 'open',
  mentors: '@dana\nHannes',
  repos: 'mirage/ocaml-dns',
  relatedIssues: 'mirage/ocaml-dns#101',
  readFirst: '',
  issue: '',
}

const projectRows = () =>
  getDb().selectFrom('starter_project').select(['id', 'title', 'language_stars']).execute()

test('contributors cannot tag projects', async () => {
  const cam = await createAccount(getDb(), 'cam')
  expect((await postNew(VALID, cam.id)).status).toBe(403)
  expect(await projectRows()).toEqual([])
})

test('a maintainer tags a project; the ratings are audited and mentors resolved', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const response = await postNew(VALID, dana.id)
  expect(response.status).toBe(302)
  const [project] = await projectRows()
  expect(response.headers.get('Location')).toBe(`/starter/${project!.id}`)
  expect(project).toMatchObject({ title: VALID.title, language_stars: 2 })
  const audit = await getDb()
    .selectFrom('rating_audit')
    .select(['axis', 'to_stars', 'actor_login'])
    .orderBy('axis')
    .execute()
  expect(audit).toEqual([
    { axis: 'domain', to_stars: 1, actor_login: 'dana' },
    { axis: 'language', to_stars: 2, actor_login: 'dana' },
  ])
  const mentors = await getDb()
    .selectFrom('starter_project_mentor')
    .select(['name', 'account_id'])
    .orderBy('position')
    .execute()
  expect(mentors).toEqual([
    { name: 'dana', account_id: dana.id },
    { name: 'Hannes', account_id: null },
  ])
})

test('ratings outside 1-3 and unknown domains are refused beside their fields, input kept, nothing saved', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const response = await postNew(
    { ...VALID, languageStars: '4', primaryDomain: 'cooking', secondaryDomains: ['gardening'] },
    dana.id,
  )
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.errors).toMatchObject({
    languageStars: 'must be 1, 2 or 3 stars, or unrated',
    primaryDomain: expect.stringContaining('must be one of'),
    secondaryDomains: expect.stringContaining('must be one of'),
  })
  expect(body.values).toMatchObject({
    title: VALID.title,
    languageStars: '4',
    mentors: VALID.mentors,
  })
  expect(await projectRows()).toEqual([])
})

test('an issue that is not mirrored is refused beside the issue field', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const response = await postNew({ ...VALID, issue: 'mirage/ocaml-dns#9999' }, dana.id)
  expect(response.status).toBe(400)
  expect((await response.json()).errors.issue).toMatch(/not in the mirror/)
  expect(await projectRows()).toEqual([])
})

test('?issue= prefills the form from the mirrored issue, guessing an obvious domain', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const repo = repositoryPayload('mirage/ocaml-tls')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 42, {
      title: 'Support RSA-PSS',
      body: '<!-- template -->\n### What\n\nVerify RSA-PSS signatures in certificates.\n\nDetails follow.',
      labels: [labelPayload('TLS'), labelPayload('easy')],
    }),
  ])
  const path = `/starter/new?issue=${encodeURIComponent('mirage/ocaml-tls#42')}`
  const data = await (await callLoader(loader, path, { accountId: dana.id })).json()
  expect(data.values).toMatchObject({
    title: 'Support RSA-PSS',
    repos: 'mirage/ocaml-tls',
    issue: 'mirage/ocaml-tls#42',
    primaryDomain: 'security',
    languageStars: 'unrated',
    // The issue's first paragraph, not just where it came from.
    summary:
      'Verify RSA-PSS signatures in certificates.\n\nFrom [mirage/ocaml-tls#42](https://github.com/mirage/ocaml-tls/issues/42).',
  })
  expect(data.note).toMatch(/guessed/)
  expect(data.rubric.axes[0]?.levels[0]?.description).toMatch(/records, variants, pattern matching/)
})

test('editing shows the project as typed, audits a re-rating, and refuses unknown projects', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const id = await createProject(getDb(), {
    title: 'Old title',
    mentors: ['@dana'],
    languageStars: 1,
  })
  const data = await (
    await callLoader(editLoader, `/starter/${id}/edit`, {
      accountId: dana.id,
      params: { id: String(id) },
    })
  ).json()
  expect(data.values).toMatchObject({ title: 'Old title', languageStars: '1', mentors: '@dana' })

  const saved = await postEdit(String(id), { ...VALID, languageStars: '3' }, dana.id)
  expect(saved.status).toBe(302)
  const audit = await getDb()
    .selectFrom('rating_audit')
    .select(['axis', 'from_stars', 'to_stars', 'actor_login'])
    .where('actor_login', '=', 'dana')
    .execute()
  expect(audit).toEqual([{ axis: 'language', from_stars: 1, to_stars: 3, actor_login: 'dana' }])

  expect((await postEdit(String(id + 1), VALID, dana.id)).status).toBe(404)
  expect((await postEdit('abc', VALID, dana.id)).status).toBe(404)
})
