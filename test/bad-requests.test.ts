import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { expect, test } from 'vitest'

import { readCloseForm } from '../app/roadmap/forms'
import { makeIdea, makePerson, makeTarget, snapshotRoadmap } from '../app/roadmap/test-fixtures'
import * as apiIdeas from '../app/routes/api.ideas'
import * as apiIssues from '../app/routes/api.issues'
import * as issueBoard from '../app/routes/issues._index'
import * as labelLog from '../app/routes/labels.log'
import * as login from '../app/routes/login'
import * as issuePage from '../app/routes/repos.$owner.$name.issues.$number'
import * as ideaPage from '../app/routes/roadmap.ideas.$id'
import * as ideation from '../app/routes/roadmap.ideas._index'
import * as roundPage from '../app/routes/roadmap.rounds.$id'
import * as rounds from '../app/routes/roadmap.rounds._index'
import * as starterProject from '../app/routes/starter.$id'
import { encodeCursor } from '../app/utils/cursor'
import { Refusal } from '../app/utils/refusal'

import { setupTestDatabase } from './database'
import { callAction, callLoader, sessionCookieFor } from './route-requests'

// Requests no page of ours sends, each of a kind that once answered 500 (issue 14): bodies that
// are not forms, NUL characters, numbers past PostgreSQL's integer, tampered cursors. Each is
// refused with a 4xx that says why, and changes nothing. test/fuzz.test.ts keeps it so for every
// route; malformed %-escapes in the path are refused before Remix (malformed-path.server.test.ts).

const getDb = setupTestDatabase()

type Action = (args: ActionFunctionArgs) => Promise<Response>
type Loader = (args: LoaderFunctionArgs) => Promise<Response>

/** POSTs `body` as `contentType` to an action, as a client other than our pages could. */
async function postRaw(
  action: Action,
  path: string,
  contentType: string,
  body: string,
  { accountId, params = {} }: { accountId?: number; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'Content-Type': contentType }
  if (accountId) headers.Cookie = await sessionCookieFor(accountId)
  const request = new Request(`http://localhost${path}`, { method: 'POST', headers, body })
  try {
    return await action({ request, params, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const load = (loader: Loader, path: string, params: Record<string, string> = {}) =>
  callLoader(loader, path, { params })

/** A release target with an idea, and a maintainer to act. */
async function roadmapWithIdea() {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const ideaId = await makeIdea(getDb(), target, 'Better tests')
  return { target, dana, ideaId }
}

// ---- Bodies that are not forms ----

test('a JSON sign-in answers 415 saying forms are sent form-encoded', async () => {
  const response = await postRaw(
    login.action,
    '/login',
    'application/json',
    JSON.stringify({ intent: 'demo', person: 'maintainer' }),
  )
  expect(response.status).toBe(415)
  expect(await response.text()).toMatch(/application\/x-www-form-urlencoded.*not application\/json/)
})

test('a plain-text submission to a roadmap form answers 415 and changes nothing', async () => {
  const { dana, ideaId } = await roadmapWithIdea()
  const before = await snapshotRoadmap(getDb())
  const response = await postRaw(
    ideaPage.action,
    `/roadmap/ideas/${ideaId}`,
    'text/plain',
    'intent=comment\nbody=Hello',
    { accountId: dana.id, params: { id: String(ideaId) } },
  )
  expect(response.status).toBe(415)
  expect(await response.text()).toMatch(/not text\/plain/)
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a truncated multipart body answers 400: the form could not be read', async () => {
  const { dana } = await roadmapWithIdea()
  const response = await postRaw(
    rounds.action,
    '/roadmap/rounds?index',
    'multipart/form-data; boundary=cut',
    '--cut\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncreate-tar',
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.text()).toBe(
    'The form could not be read: its body is incomplete or malformed.',
  )
})

// ---- NUL characters ----

test('/api/issues?q=%00 answers 400 with the API error naming the parameter', async () => {
  const response = await load(apiIssues.loader, '/api/issues?q=a%00b')
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({
    error: { message: 'q: contains a NUL character (%00)' },
  })
})

test('the issues board refuses a NUL in its search with 400', async () => {
  const response = await load(issueBoard.loader, '/issues?q=a%00b')
  expect(response.status).toBe(400)
  expect(await response.text()).toMatch(/"q" contains a NUL character/)
})

test('a comment holding a NUL answers 400 and stores nothing', async () => {
  const { dana, ideaId } = await roadmapWithIdea()
  const before = await snapshotRoadmap(getDb())
  const response = await callAction(
    ideaPage.action,
    `/roadmap/ideas/${ideaId}`,
    { intent: 'comment', body: 'a\u0000b' },
    { accountId: dana.id, params: { id: String(ideaId) } },
  )
  expect(response.status).toBe(400)
  expect(await response.text()).toMatch(/"body" contains a NUL character/)
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('an issue address naming a repository with a NUL answers 404', async () => {
  const response = await load(issuePage.loader, '/repos/%00/mirage/issues/1', {
    owner: '\u0000',
    name: 'mirage',
    number: '1',
  })
  expect(response.status).toBe(404)
  expect(await response.text()).toMatch(/No issue #1 is mirrored/)
})

// ---- Numbers past PostgreSQL's integer ----

test('an issue number past PostgreSQL’s integer answers 404', async () => {
  const response = await load(issuePage.loader, '/repos/mirage/mirage/issues/2147483648', {
    owner: 'mirage',
    name: 'mirage',
    number: '2147483648',
  })
  expect(response.status).toBe(404)
  expect(await response.text()).toBe('"2147483648" is not an issue number.')
})

test('row ids past PostgreSQL’s integer in a page address answer 404', async () => {
  const pages: [Loader, string][] = [
    [starterProject.loader, '/starter/2147483648'],
    [ideaPage.loader, '/roadmap/ideas/2147483648'],
    [roundPage.loader, '/roadmap/rounds/2147483648'],
  ]
  for (const [loader, path] of pages) {
    const response = await load(loader, path, { id: '2147483648' })
    expect(response.status, path).toBe(404)
    expect(await response.text(), path).toMatch(/"2147483648" is not an? \w+/)
  }
})

test('a label log page before 2147483648 answers 400', async () => {
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const response = await callLoader(labelLog.loader, '/labels/log?before=2147483648', {
    accountId: dana.id,
  })
  expect(response.status).toBe(400)
  expect(await response.text()).toBe('That is not a page of the log.')
})

test('settling label change 2147483648 answers 400', async () => {
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const response = await callAction(
    labelLog.action,
    '/labels/log',
    { intent: 'resolve', id: '2147483648', choice: 'kept-github' },
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ message: 'That is not a label change number.' })
})

test('+1 on idea 2147483648 answers 400 and changes nothing', async () => {
  const { dana } = await roadmapWithIdea()
  const before = await snapshotRoadmap(getDb())
  const response = await callAction(
    ideation.action,
    '/roadmap/ideas?index',
    { intent: 'plus-one', ideaId: '2147483648', value: 'on' },
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ message: 'That is not an idea number.' })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('moving, merging or suggesting with ids past the integer range answers 400', async () => {
  const { dana, ideaId } = await roadmapWithIdea()
  const before = await snapshotRoadmap(getDb())
  const forms: Record<string, string>[] = [
    { intent: 'move', areaId: '2147483648' },
    { intent: 'merge', survivorId: '2147483648' },
    { intent: 'suggest-area', areaId: '2147483648' },
  ]
  for (const form of forms) {
    const response = await callAction(ideaPage.action, `/roadmap/ideas/${ideaId}`, form, {
      accountId: dana.id,
      params: { id: String(ideaId) },
    })
    expect(response.status, form.intent).toBe(400)
    expect((await response.json()).message, form.intent).toMatch(
      /number|Choose an area|Choose the idea/,
    )
  }
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('opening a round in release target 2147483648 answers 400', async () => {
  const { dana, ideaId } = await roadmapWithIdea()
  const response = await callAction(
    rounds.action,
    '/roadmap/rounds?index',
    {
      intent: 'open-round',
      releaseTargetId: '2147483648',
      name: 'March',
      opensOn: new Date().toISOString().slice(0, 10),
      shortlist: String(ideaId),
    },
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ message: 'Choose a release target.' })
})

test('a shortlist naming "x" answers 400 and opens no round', async () => {
  const { target, dana, ideaId } = await roadmapWithIdea()
  const before = await snapshotRoadmap(getDb())
  const response = await callAction(
    rounds.action,
    '/roadmap/rounds?index',
    [
      ['intent', 'open-round'],
      ['releaseTargetId', String(target.targetId)],
      ['name', 'March'],
      ['opensOn', new Date().toISOString().slice(0, 10)],
      ['shortlist', String(ideaId)],
      ['shortlist', 'x'],
    ],
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ message: '"x" is not an idea number.' })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a round opening in year 99999 answers 400: the date is not one the board stores', async () => {
  const { target, dana, ideaId } = await roadmapWithIdea()
  const other = await makeIdea(getDb(), target, 'Doc days')
  const before = await snapshotRoadmap(getDb())
  const response = await callAction(
    rounds.action,
    '/roadmap/rounds?index',
    {
      intent: 'open-round',
      releaseTargetId: String(target.targetId),
      name: 'Far future',
      opensOn: '99999-01-01',
      shortlist: [String(ideaId), String(other)],
    },
    { accountId: dana.id },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ message: 'The opening date is not a date.' })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('cursors with ids past their column’s range answer 400 from the APIs', async () => {
  const issueCursor = encodeCursor(['updated', '2020-01-01T00:00:00.000Z', 9007199254740992])
  const issues = await load(apiIssues.loader, `/api/issues?cursor=${issueCursor}`)
  expect(issues.status).toBe(400)
  expect((await issues.json()).error.message).toMatch(/^cursor: /)
  const ideaCursor = encodeCursor([0, 2147483648])
  const ideas = await load(apiIdeas.loader, `/api/ideas?cursor=${ideaCursor}`)
  expect(ideas.status).toBe(400)
  expect((await ideas.json()).error.message).toMatch(/^cursor: /)
})

test('a cursor holding a time PostgreSQL cannot read answers 400, not a failed query', async () => {
  const times = [
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '1',
  ]
  for (const time of times) {
    const cursor = encodeCursor(['updated', time, 1])
    const response = await load(apiIssues.loader, `/api/issues?cursor=${cursor}`)
    expect(response.status, time).toBe(400)
    expect((await response.json()).error.message, time).toMatch(/^cursor: /)
  }
})

test('a close form superseding decision 2147483648 is refused before anything is looked up', () => {
  const read = () =>
    readCloseForm({ method: 'top-n', topN: '1', supersedesDecisionId: '2147483648' }, [])
  expect(read).toThrow(Refusal)
  expect(read).toThrow('That is not a decision number.')
})

// ---- returnTo ----

test('a returnTo with a newline or a NUL never leaves the board or fails', async () => {
  for (const returnTo of ['/%0aevil', '/%00evil']) {
    const page = await load(login.loader, `/login?returnTo=${returnTo}`)
    expect(page.status, returnTo).toBe(200)
    expect((await page.json()).returnTo, returnTo).toBe('/')
  }
  const signIn = await callAction(login.action, '/login', {
    intent: 'demo',
    person: 'maintainer',
    returnTo: '/\nSet-Cookie: x=1',
  })
  expect(signIn.status).toBe(302)
  expect(signIn.headers.get('Location')).toBe('/')
  const withNul = await callAction(login.action, '/login', {
    intent: 'demo',
    person: 'maintainer',
    returnTo: '/\u0000',
  })
  expect(withNul.status).toBe(400)
  expect(await withNul.text()).toMatch(/"returnTo" contains a NUL character/)
})
