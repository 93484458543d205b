import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { claimStarterProject } from '../starter/claim.server'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'

import StarterGapsRoute, { action, loader } from './starter.gaps'

const getDb = setupTestDatabase()

const post = (form: Record<string, string>, accountId: number) =>
  callAction(action, '/starter/gaps', form, { accountId })

const open = (accountId: number) => callLoader(loader, '/starter/gaps', { accountId })

const requestRows = () =>
  getDb()
    .selectFrom('gap_request')
    .select(['id', 'answered_at', 'answered_by', 'answer_project_id'])
    .execute()

test('only maintainers see the dashboard and answer requests', async () => {
  const cam = await createAccount(getDb(), 'cam')
  const id = await createGapRequest(
    { languageLevel: 'none', domains: [], time: null, wantsMentor: false, note: '' },
    cam,
  )
  expect((await open(cam.id)).status).toBe(403)
  expect((await post({ intent: 'answer', requestId: String(id) }, cam.id)).status).toBe(403)
  expect((await requestRows())[0]?.answered_at).toBeNull()
})

test('the dashboard shows each open request with who sent it, and the demand table', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  await createGapRequest(
    {
      languageLevel: 'some',
      domains: ['storage'],
      time: 'week',
      wantsMentor: true,
      note: 'Irmin?',
    },
    noor,
  )
  const data = await (await open(dana.id)).json()
  expect(data.open.items).toMatchObject([{ login: 'noor', note: 'Irmin?', wants_mentor: true }])
  expect(data.counts).toEqual({ open: 1, answered: 0 })
  const storage = data.demand.find((row: { domain: string }) => row.domain === 'storage')
  expect(storage.cells.some).toEqual({ requests: 1, fitting: 0 })
})

test('the dashboard knows whether any project is rated yet: before the first rating its zeros are said once, not read as gaps', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await createProject(getDb(), { languageStars: null, domainStars: null })
  expect(await (await open(dana.id)).json()).toMatchObject({ isAnyRated: false })
  await createProject(getDb(), { languageStars: 1, domainStars: null })
  expect(await (await open(dana.id)).json()).toMatchObject({ isAnyRated: true })
})

test('marking answered links the project; a second answer, a missing project or request are refused', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const ari = await createAccount(getDb(), 'ari', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  const id = await createGapRequest(
    { languageLevel: 'none', domains: ['web'], time: null, wantsMentor: false, note: '' },
    noor,
  )
  const projectId = await createProject(getDb(), { primaryDomain: 'web' })

  const missingProject = await post(
    { intent: 'answer', requestId: String(id), projectId: '999' },
    dana.id,
  )
  expect(missingProject.status).toBe(400)
  expect((await missingProject.json()).message).toBe('There is no starter project #999.')
  const badProject = await post(
    { intent: 'answer', requestId: String(id), projectId: 'the web one' },
    dana.id,
  )
  expect(badProject.status).toBe(400)
  const badRequest = await post({ intent: 'answer', requestId: 'x' }, dana.id)
  expect(badRequest.status).toBe(400)
  expect((await post({ intent: 'answer', requestId: String(id + 1) }, dana.id)).status).toBe(404)
  expect((await requestRows())[0]).toMatchObject({ answered_at: null, answer_project_id: null })

  const answered = await post(
    { intent: 'answer', requestId: String(id), projectId: `#${projectId}` },
    dana.id,
  )
  expect(answered.status).toBe(200)
  expect(await answered.json()).toMatchObject({ ok: true })
  const [row] = await requestRows()
  expect(row).toMatchObject({ answered_by: dana.id, answer_project_id: projectId })

  const again = await post({ intent: 'answer', requestId: String(id) }, ari.id)
  expect(again.status).toBe(409)
  expect((await again.json()).message).toMatch(/already answered by dana/)
  expect(await requestRows()).toEqual([row])

  const data = await (await open(dana.id)).json()
  expect(data.open.items).toEqual([])
  expect(data.answered.items).toMatchObject([
    { id, answer_project_id: projectId, answered_by_login: 'dana' },
  ])
})

test('an answer can carry a word to the newcomer, with or without a project; an over-long one is refused', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  const id = await createGapRequest(
    { languageLevel: 'some', domains: ['network'], time: null, wantsMentor: true, note: '' },
    noor,
  )

  const tooLong = await post(
    { intent: 'answer', requestId: String(id), note: 'x'.repeat(2001) },
    dana.id,
  )
  expect(tooLong.status).toBe(400)
  expect((await tooLong.json()).message).toBe(
    'The word to the newcomer must be at most 2,000 characters.',
  )
  expect((await requestRows())[0]).toMatchObject({ answered_at: null })

  const answered = await post(
    { intent: 'answer', requestId: String(id), note: '  A networking task is coming next week.\n' },
    dana.id,
  )
  expect(answered.status).toBe(200)
  const data = await (await open(dana.id)).json()
  expect(data.answered.items).toMatchObject([
    { id, answer_project_id: null, answer_note: 'A networking task is coming next week.' },
  ])
})

test('requests name a demo person by her demo name and a GitHub person by login', async () => {
  const dana = { id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()), login: 'demo-maintainer' }
  const noor = { id: await ensureDemoAccount(DEMO_PEOPLE[3], getDb()), login: 'demo-newcomer' }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const request = { languageLevel: 'none' as const, domains: [], time: null, wantsMentor: false }
  const fromNoor = await createGapRequest({ ...request, note: 'Noor’s' }, noor)
  const fromHannes = await createGapRequest({ ...request, note: 'Hannes’s' }, hannes)
  await createGapRequest({ ...request, note: 'still open' }, noor)
  await answerGapRequest(fromNoor, { projectId: null }, hannes, getDb())
  await answerGapRequest(fromHannes, { projectId: null }, dana, getDb())

  const data = await (await open(dana.id)).json()
  expect(data.open.items.map((item: { name: string }) => item.name)).toEqual([
    'Noor (demo newcomer)',
  ])
  const answered = data.answered.items.map(
    (item: { note: string; name: string; answered_by_name: string }) => [
      item.note,
      item.name,
      item.answered_by_name,
    ],
  )
  expect(answered).toEqual([
    ['Hannes’s', 'hannesm', 'Dana (demo maintainer)'],
    ['Noor’s', 'Noor (demo newcomer)', 'hannesm'],
  ])
  const again = await post({ intent: 'answer', requestId: String(fromHannes) }, dana.id)
  expect((await again.json()).message).toMatch(/already answered by Dana \(demo maintainer\) on/)
})

test("a request can be answered by the project page's address; an address that names no project is refused with a reason", async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const noor = await createAccount(getDb(), 'noor')
  const id = await createGapRequest(
    { languageLevel: 'none', domains: ['web'], time: null, wantsMentor: false, note: '' },
    noor,
  )
  const projectId = await createProject(getDb(), {
    primaryDomain: 'web',
    title: 'Static site tests',
  })

  for (const projectField of [
    'https://board.example/roadmap/3',
    'javascript:alert(1)//starter/3',
    '/starter/99999999999',
    'x'.repeat(5000),
  ]) {
    const refused = await post(
      { intent: 'answer', requestId: String(id), projectId: projectField },
      dana.id,
    )
    expect(refused.status, projectField.slice(0, 40)).toBe(400)
    expect((await refused.json()).message).toMatch(
      /^That names no starter project\. Give the project as its number/,
    )
  }
  expect((await requestRows())[0]).toMatchObject({ answered_at: null, answer_project_id: null })

  const answered = await post(
    {
      intent: 'answer',
      requestId: String(id),
      projectId: ` http://localhost:3000/starter/${projectId}?from=gaps#top `,
    },
    dana.id,
  )
  expect(answered.status).toBe(200)
  // The project by its title, not only its number; Dana is a demo person: a demo action.
  expect((await answered.json()).message).toBe(
    `Request #${id} is marked answered with “Static site tests” (project #${projectId}) (a demo action).`,
  )
  expect((await requestRows())[0]).toMatchObject({
    answered_by: dana.id,
    answer_project_id: projectId,
  })
})

test('an open request lists the projects that now fit it, by the demand map’s rule, linked', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const ask = (languageLevel: 'none' | 'some', domains: string[]) =>
    createGapRequest({ languageLevel, domains, time: null, wantsMentor: false, note: '' }, noor, db)
  const storageNovice = await ask('none', ['storage'])
  const anyDomain = await ask('some', [])
  const nothing = await ask('none', ['security'])
  // Fits the storage novice: 1★ OCaml, storage as a secondary domain, 3★ there.
  const blocks = await createProject(db, {
    title: 'Block cache',
    primaryDomain: 'networking',
    secondaryDomains: ['storage'],
    languageStars: 1,
    domainStars: 3,
  })
  // Too hard in OCaml for a novice; fits "some" with no domain named (1★ domain).
  const tls = await createProject(db, { title: 'TLS', languageStars: 2, domainStars: 1 })
  // Unrated, claimed or in security above the novice's level: fit nobody here.
  await createProject(db, { primaryDomain: 'storage', languageStars: null })
  await createProject(db, { primaryDomain: 'security', languageStars: 2, domainStars: 1 })
  const claimed = await createProject(db, { primaryDomain: 'storage', languageStars: 1 })
  await claimStarterProject(claimed, noor, db)

  const data = await (await open(dana.id)).json()
  const fittingOf = (id: number) =>
    data.open.items.find((item: { id: number }) => item.id === id).fitting
  expect(fittingOf(storageNovice)).toEqual({
    total: 1,
    projects: [{ id: blocks, title: 'Block cache' }],
  })
  expect(fittingOf(anyDomain).projects.map((p: { id: number }) => p.id)).toContain(tls)
  expect(fittingOf(nothing)).toBeNull()

  const html = (await renderRouteWith(StarterGapsRoute, data, '/starter/gaps')).replaceAll(
    '<!-- -->',
    '',
  )
  expect(html.replace(/<[^>]+>/g, '')).toContain(
    `A project fits it now: Block cache (#${blocks}). To answer with one, give its number below.`,
  )
  expect(html).toMatch(
    new RegExp(`id="request-${storageNovice}-fitting">[^]*?href="/starter/${blocks}">Block cache<`),
  )
  // Once answered, the request leaves the open list and its projects with it.
  await answerGapRequest(storageNovice, { projectId: blocks }, dana, db)
  const after = await (await open(dana.id)).json()
  expect(after.open.items.map((item: { id: number }) => item.id)).not.toContain(storageNovice)
})
