import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { recordCallDecision } from '../roadmap/decision.server'
import { makeIdea, makePerson, makeTarget, snapshotRoadmap } from '../roadmap/test-fixtures'

import { loader as roadmapLoader } from './roadmap._index'
import EffortRoute, { action, loader } from './roadmap.efforts.$id'

const getDb = setupTestDatabase()

const post = (ideaId: number, form: RouteForm, accountId?: number) =>
  callAction(action, `/roadmap/efforts/${ideaId}`, form, {
    accountId,
    params: { id: String(ideaId) },
  })

async function setUp() {
  const target = await makeTarget(getDb())
  await mirror(getDb(), repositoryPayload('mirage/mirage-tcpip'), [
    issuePayload('mirage/mirage-tcpip', 305, {
      state: 'closed',
      created_at: '2017-03-16T00:00:00Z',
      updated_at: '2017-03-22T00:00:00Z',
      closed_at: '2017-03-22T00:00:00Z',
    }),
    issuePayload('mirage/mirage-tcpip', 340, {
      created_at: '2017-10-31T00:00:00Z',
      updated_at: '2018-01-10T00:00:00Z',
    }),
  ])
  const effort = await makeIdea(getDb(), target, 'Better tests', {
    links: ['mirage/mirage-tcpip#305', 'mirage/mirage-tcpip#340'],
  })
  const idea = await makeIdea(getDb(), target, 'Doc days')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 25 March 2015',
      decidedAt: new Date('2015-03-25T12:00:00Z'),
      sourceKey: 'call-1',
      sourceUrl: null,
      rationale: 'Quality first.',
      outcomes: [{ ideaId: effort, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  return { effort, idea, dana, cam }
}

async function columnsOf(ideaId: number) {
  const response = await callLoader(roadmapLoader, '/roadmap')
  const body = await response.json()
  const effort = body.areas
    .flatMap((area: { efforts: unknown[] }) => area.efforts)
    .find((candidate: { id: number }) => candidate.id === ideaId)
  return effort.effort
}

test('the effort page shows the derived status, its counts and a burn-up; an idea in ideation is a 404 with the reason', async () => {
  const { effort, idea } = await setUp()
  const response = await callLoader(loader, `/roadmap/efforts/${effort}`, {
    params: { id: String(effort) },
  })
  expect(response.status).toBe(200)
  const body = await response.json()
  expect(body.facts).toMatchObject({
    status: 'in-progress',
    progress: { closed: 1, open: 1, total: 2, unknown: 0 },
  })
  expect(body.facts.burnUp.at(-1).values).toEqual({ scope: 2, closed: 1 })
  const missing = await callLoader(loader, `/roadmap/efforts/${idea}`, {
    params: { id: String(idea) },
  })
  expect(missing.status).toBe(404)
  expect(await missing.text()).toMatch(/is not an agreed effort \(it is still in ideation\)/)
  const unknown = await callLoader(loader, '/roadmap/efforts/999999', { params: { id: '999999' } })
  expect(unknown.status).toBe(404)
  expect(await unknown.text()).toMatch(/^There is no effort 999999:/)
})

test('anonymous people get 401 and contributors 403; nothing changes', async () => {
  const { effort, cam } = await setUp()
  const before = await snapshotRoadmap(getDb())
  expect((await post(effort, { intent: 'status', status: 'done' })).status).toBe(401)
  expect((await post(effort, { intent: 'status', status: 'done' }, cam.id)).status).toBe(403)
  expect(await snapshotRoadmap(getDb())).toEqual(before)
  expect(await getDb().selectFrom('effort').selectAll().execute()).toEqual([])
})

test('a status override on an idea that is not agreed answers 400 with the reason', async () => {
  const { idea, dana } = await setUp()
  const response = await post(idea, { intent: 'status', status: 'done' }, dana.id)
  expect(response.status).toBe(400)
  expect((await response.json()).message).toBe(
    `Idea ${idea} is not an agreed effort (it is still in ideation): only an idea agreed in a round's decision has a status.`,
  )
  const unknown = await post(idea, { intent: 'status', status: 'finished' }, dana.id)
  expect(unknown.status).toBe(400)
  expect((await unknown.json()).message).toMatch(/"finished" is not a status/)
})

test('a maintainer drops an effort: the roadmap moves it to Dropped, saying who; clearing returns it', async () => {
  const { effort, dana } = await setUp()
  const response = await post(effort, { intent: 'status', status: 'dropped' }, dana.id)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    ok: true,
    message: 'Status set to “Dropped”.',
    intent: 'status',
  })
  expect(await columnsOf(effort)).toMatchObject({
    status: 'dropped',
    derivedStatus: 'in-progress',
    override: { by: 'dana', isDemo: true },
  })
  await post(effort, { intent: 'status', status: '' }, dana.id)
  expect((await columnsOf(effort)).status).toBe('in-progress')
})

test('owners who are not accounts and a past target date are refused with the reason', async () => {
  const { effort, dana } = await setUp()
  const owners = await post(effort, { intent: 'owners', owners: 'dana, nobody-here' }, dana.id)
  expect(owners.status).toBe(400)
  expect((await owners.json()).message).toBe(
    '“nobody-here” is not an account of the board: owners must have signed in at least once.',
  )
  // A name shown on the board points to its login.
  await getDb().insertInto('account').values({ login: 'demo-newcomer', name: 'Noor' }).execute()
  const byName = await post(effort, { intent: 'owners', owners: 'noor' }, dana.id)
  expect((await byName.json()).message).toBe(
    '“noor” is not an account of the board: owners must have signed in at least once. “demo-newcomer” is Noor’s login.',
  )
  const past = await post(effort, { intent: 'target', targetDate: '2015-01-01' }, dana.id)
  expect(past.status).toBe(400)
  expect((await past.json()).message).toMatch(/^The target date 2015-01-01 is in the past/)
  const saved = await post(effort, { intent: 'owners', owners: 'dana cam' }, dana.id)
  expect(await saved.json()).toEqual({ ok: true, message: 'Owners: cam, dana.', intent: 'owners' })
  const target = await post(effort, { intent: 'target', targetDate: '9999-12-31' }, dana.id)
  expect(target.status).toBe(200)
  expect(await columnsOf(effort)).toMatchObject({
    owners: [{ login: 'dana' }, { login: 'cam' }].sort((a, b) => a.login.localeCompare(b.login)),
    targetDate: '9999-12-31',
  })
})

test('an owner that is not a GitHub login is refused with GitHub’s rule, its box named; nothing is saved', async () => {
  const { effort, dana } = await setUp()
  const response = await post(effort, { intent: 'owners', owners: 'dana, foo!bar, -dash' }, dana.id)
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({
    ok: false,
    message:
      '“foo!bar”, “-dash” are not GitHub logins: a login has letters, digits and hyphens only, at most 39, and does not start with a hyphen.',
    fields: { intent: 'owners', owners: 'dana, foo!bar, -dash' },
    fieldErrors: { owners: 'foo!bar -dash' },
  })
  const tooLong = await post(effort, { intent: 'owners', owners: 'a'.repeat(40) }, dana.id)
  expect((await tooLong.json()).message).toMatch(/^“a{40}” is not a GitHub login/)
  expect(await getDb().selectFrom('effort_owner').selectAll().execute()).toEqual([])
})

test('the owners form sends one box per login: every box is read, empty ones left out', async () => {
  const { effort, dana } = await setUp()
  const saved = await post(
    effort,
    [
      ['intent', 'owners'],
      ['owners', 'dana'],
      ['owners', ''],
      ['owners', '@cam'],
      ['owners', ''],
    ],
    dana.id,
  )
  expect(await saved.json()).toEqual({ ok: true, message: 'Owners: cam, dana.', intent: 'owners' })
  const refused = await post(
    effort,
    [
      ['intent', 'owners'],
      ['owners', 'dana'],
      ['owners', 'nobody-here'],
    ],
    dana.id,
  )
  // What was typed comes back, to show in the boxes again, with the one to correct named.
  expect(await refused.json()).toMatchObject({
    fields: { owners: 'dana, nobody-here' },
    fieldErrors: { owners: 'nobody-here' },
  })
})

test('an unknown owner gets a hint: a login it begins, or that the mirror knows someone who never signed in', async () => {
  const { effort, dana } = await setUp()
  // octocat wrote the mirrored issues (the payloads' author) but has no account.
  const response = await post(effort, { intent: 'owners', owners: 'DAN octocat' }, dana.id)
  expect(response.status).toBe(400)
  expect((await response.json()).message).toBe(
    '“DAN”, “octocat” are not accounts of the board: owners must have signed in at least once. Did you mean “dana” for “DAN”? “octocat” is in the mirrored issues but has not signed in here yet.',
  )
})

test('a maintainer’s owners form suggests the board’s accounts: those working on the area’s linked issues first, then maintainers; nobody else gets the list', async () => {
  const { effort, idea, dana, cam } = await setUp()
  await makePerson(getDb(), 'ari', 'maintainer')
  await makePerson(getDb(), 'hannes')
  await makePerson(getDb(), 'zed')
  // Doc days is in the effort's area: its linked issue's author and assignee work there.
  await mirror(getDb(), repositoryPayload('mirage/mirage'), [
    issuePayload('mirage/mirage', 12, {
      user: { login: 'Hannes' },
      assignees: [{ login: 'cam' }, { login: 'not-an-account' }],
    }),
  ])
  await getDb()
    .insertInto('idea_link')
    .values({
      idea_id: idea,
      ref: 'mirage/mirage#12',
      repo_full_name: 'mirage/mirage',
      issue_number: 12,
    })
    .execute()
  const suggestionsFor = async (accountId?: number) =>
    (
      await (
        await callLoader(loader, `/roadmap/efforts/${effort}`, {
          params: { id: String(effort) },
          accountId,
        })
      ).json()
    ).ownerSuggestions as { login: string; worksInArea: boolean; isMaintainer: boolean }[]
  const suggestions = await suggestionsFor(dana.id)
  const logins = suggestions.map((suggestion) => suggestion.login)
  expect(logins.slice(0, 2).sort()).toEqual(['cam', 'hannes'])
  expect(logins.slice(2, 4).sort()).toEqual(['ari', 'dana'])
  expect(logins.slice(4)).toEqual(['zed'])
  expect(suggestions.find((suggestion) => suggestion.login === 'cam')).toMatchObject({
    worksInArea: true,
    isMaintainer: false,
  })
  // Owners must be accounts: someone seen in the mirror only is not offered.
  expect(logins).not.toContain('not-an-account')
  expect(await suggestionsFor(cam.id)).toEqual([])
  expect(await suggestionsFor()).toEqual([])
})

test('a link to a reference the mirror lacks says so in its notice, so a typo shows', async () => {
  const { effort, dana } = await setUp()
  const response = await post(
    effort,
    { intent: 'link', links: 'mirage/mirage-tcpip#999999' },
    dana.id,
  )
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({
    ok: true,
    intent: 'link',
    message:
      'Linked mirage/mirage-tcpip#999999. Not in the mirror, so its state is unknown (check for a typo): mirage/mirage-tcpip#999999.',
  })
})

test('a reader landing on an effort reads what an effort is and why it was agreed', async () => {
  const { effort } = await setUp()
  const data = await (
    await callLoader(loader, `/roadmap/efforts/${effort}`, { params: { id: String(effort) } })
  ).json()
  const html = await renderRouteWith(EffortRoute, data, `/roadmap/efforts/${effort}`)
  const text = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
  expect(text).toContain(
    'An effort is an idea the maintainers agreed on in a round, and the GitHub issues linked to it that carry it out.',
  )
  expect(text).toContain('Why it was agreedThe rationale the decision recorded:Quality first.')
})
