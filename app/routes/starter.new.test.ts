import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'

import { loader as projectLoader } from './starter.$id'
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

const requestRows = () =>
  getDb()
    .selectFrom('gap_request')
    .select(['id', 'answered_at', 'answered_by', 'answer_project_id'])
    .execute()

const notificationsOf = (accountId: number) =>
  getDb()
    .selectFrom('notification')
    .select(['kind', 'link'])
    .where('account_id', '=', accountId)
    .execute()

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
  expect(response.headers.get('Location')).toBe(`/starter/${project!.id}?saved=created`)
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

  const saved = await postEdit(
    String(id),
    { ...VALID, languageStars: '3', version: data.version },
    dana.id,
  )
  expect(saved.status).toBe(302)
  const audit = await getDb()
    .selectFrom('rating_audit')
    .select(['axis', 'from_stars', 'to_stars', 'actor_login'])
    .where('actor_login', '=', 'dana')
    .execute()
  expect(audit).toEqual([{ axis: 'language', from_stars: 1, to_stars: 3, actor_login: 'dana' }])

  expect(
    (await postEdit(String(id + 1), { ...VALID, version: data.version }, dana.id)).status,
  ).toBe(404)
  expect((await postEdit('abc', VALID, dana.id)).status).toBe(404)
})

test('from the gap dashboard, the form names the request and prefills its domains', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const noor = await createGitHubAccount(getDb(), 'noor')
  const requestId = await createGapRequest(
    {
      languageLevel: 'none',
      domains: ['storage', 'networking'],
      time: null,
      wantsMentor: false,
      note: '',
    },
    noor,
  )
  const data = await (
    await callLoader(loader, `/starter/new?answers=${requestId}`, { accountId: dana.id })
  ).json()
  expect(data.values).toMatchObject({
    primaryDomain: 'networking',
    secondaryDomains: ['storage'],
    languageStars: 'unrated',
  })
  expect(data.note).toBe(
    `Answering request #${requestId} from noor (OCaml: New to it · knows networking, storage). To fit them, rate OCaml difficulty at most 1★. Creating the project marks the request answered with it and tells noor.`,
  )
  expect(data.error).toBeNull()
})

test('a request made by a demo person is named as the demo person, as on every page', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const newcomer = DEMO_PEOPLE.find((person) => person.id === 'newcomer')!
  const noor = { id: await ensureDemoAccount(newcomer, getDb()), login: newcomer.login }
  const requestId = await createGapRequest(
    { languageLevel: 'some', domains: ['security'], time: null, wantsMentor: true, note: '' },
    noor,
  )
  const data = await (
    await callLoader(loader, `/starter/new?answers=${requestId}`, { accountId: dana.id })
  ).json()
  expect(data.note).toMatch(/^Answering request #\d+ from Noor \(demo newcomer\) \(OCaml: /)
  expect(data.note).toMatch(/and tells Noor \(demo newcomer\)\.$/)
  expect(data.note).not.toContain('demo-newcomer')
})

test('a project created for a request answers it, notifies the requester and says so on the project page', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  const requestId = await createGapRequest(
    { languageLevel: 'none', domains: ['networking'], time: null, wantsMentor: false, note: '' },
    noor,
  )
  const response = await callAction(action, `/starter/new?answers=${requestId}`, VALID, {
    accountId: dana.id,
  })
  expect(response.status).toBe(302)
  const [project] = await projectRows()
  expect(response.headers.get('Location')).toBe(`/starter/${project!.id}?answered=${requestId}`)
  expect(await requestRows()).toMatchObject([
    { id: requestId, answered_by: dana.id, answer_project_id: project!.id },
  ])
  expect(await notificationsOf(noor.id)).toEqual([
    { kind: 'request_answered', link: `/starter/${project!.id}` },
  ])

  const page = await (
    await callLoader(projectLoader, `/starter/${project!.id}?answered=${requestId}`, {
      accountId: dana.id,
      params: { id: String(project!.id) },
    })
  ).json()
  // Dana is a demo person: creating it was a demo action, and the notice says so.
  expect(page.answeredRequest).toEqual({
    id: requestId,
    login: 'noor',
    is_demo: true,
    byDemo: true,
  })
  // Another project's page, or another person, is told nothing.
  const other = await createProject(getDb(), { title: 'Another' })
  const otherPage = await (
    await callLoader(projectLoader, `/starter/${other}?answered=${requestId}`, {
      accountId: dana.id,
      params: { id: String(other) },
    })
  ).json()
  expect(otherPage.answeredRequest).toBeNull()
})

test('an answered, unknown or malformed request: a clear message, and no project is created', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const ari = await createAccount(getDb(), 'ari', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  const requestId = await createGapRequest(
    { languageLevel: 'some', domains: ['web'], time: null, wantsMentor: false, note: '' },
    noor,
  )
  const earlier = await createProject(getDb(), { title: 'Earlier answer' })
  await answerGapRequest(requestId, { projectId: earlier }, ari)
  const before = await requestRows()
  const auditRows = () => getDb().selectFrom('rating_audit').select('id').execute()
  const auditBefore = await auditRows()

  const answered = await callLoader(loader, `/starter/new?answers=${requestId}`, {
    accountId: dana.id,
  })
  expect((await answered.json()).error).toMatch(
    new RegExp(
      `^Request #${requestId} was already answered by ari \\(demo person\\) on [\\d-]+\\. This form will not answer it\\.$`,
    ),
  )
  const unknown = await callLoader(loader, '/starter/new?answers=9999', { accountId: dana.id })
  expect(await unknown.json()).toMatchObject({
    error: 'There is no request #9999. This form will not answer it.',
    values: { primaryDomain: '' },
  })
  const malformed = await callLoader(loader, '/starter/new?answers=abc', { accountId: dana.id })
  expect((await malformed.json()).error).toBe(
    '“abc” is not a request number. This form will not answer a request.',
  )

  for (const [answers, status, message] of [
    [String(requestId), 409, /^Nothing was saved: Request #\d+ was already answered by ari/],
    ['9999', 404, /^Nothing was saved: There is no request #9999\./],
    ['abc', 400, /^Nothing was saved: “abc” is not a request number\.$/],
  ] as const) {
    const response = await callAction(action, `/starter/new?answers=${answers}`, VALID, {
      accountId: dana.id,
    })
    expect(response.status).toBe(status)
    const failure = await response.json()
    expect(failure.message).toMatch(message)
    // The form comes back as typed.
    expect(failure.values.title).toBe(VALID.title)
  }
  // Nothing half-written: only the earlier project, and the request as it was.
  expect((await projectRows()).map((row) => row.title)).toEqual(['Earlier answer'])
  expect(await requestRows()).toEqual(before)
  expect(await auditRows()).toEqual(auditBefore)
})

const projectPage = async (path: string, accountId: number) => {
  const id = /\/starter\/(\d+)/.exec(path)![1]!
  return (await callLoader(projectLoader, path, { accountId, params: { id } })).json()
}

test('after creating or editing, the project page says so, and a demo person’s save as a demo action', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const created = await postNew(VALID, dana.id)
  const createdPage = await projectPage(created.headers.get('Location')!, dana.id)
  expect(createdPage.taggingDone).toBe('Created this starter project (a demo action).')

  const id = String(createdPage.project.id)
  const { version } = await (
    await callLoader(editLoader, `/starter/${id}/edit`, { accountId: dana.id, params: { id } })
  ).json()
  const edited = await postEdit(id, { ...VALID, title: 'Renamed', version }, dana.id)
  expect(edited.headers.get('Location')).toBe(`/starter/${id}?saved=edited`)
  const editedPage = await projectPage(edited.headers.get('Location')!, dana.id)
  expect(editedPage.taggingDone).toBe('Saved your changes (a demo action).')

  // A real maintainer's save is not a demo action; a visitor following the link is told nothing.
  const ari = await createGitHubAccount(getDb(), 'ari')
  await getDb()
    .updateTable('account')
    .set({ has_push_access: true, push_access_checked_at: new Date() })
    .where('id', '=', ari.id)
    .execute()
  const byAri = await postNew({ ...VALID, title: 'By Ari', mentors: '' }, ari.id)
  expect((await projectPage(byAri.headers.get('Location')!, ari.id)).taggingDone).toBe(
    'Created this starter project.',
  )
  const cam = await createAccount(getDb(), 'cam')
  expect((await projectPage(`/starter/${id}?saved=edited`, cam.id)).taggingDone).toBeNull()
})
