import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { spendWriteBudget, writesSpent } from '../../test/write-budget'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { setFollowing } from '../notifications/inbox.server'
import { castBallot } from '../roadmap/ballot.server'
import { closeRound, recordCallDecision } from '../roadmap/decision.server'
import { addComment, getIdea, moveIdea, setPlusOne } from '../roadmap/idea.server'
import { WHAT_COMES_NEXT } from '../roadmap/proposed'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'
import { IdeaComments } from '../roadmap/ui/idea-comments'
import { Attribution } from '../roadmap/ui/idea-title'

import IdeaRoute, { action, loader } from './roadmap.ideas.$id'

// An idea's page, as a maintainer merging a duplicate: the survivor is searched by its title
// (never typed as a number the list does not show), chosen, merged, and the merge undone.

const getDb = setupTestDatabase()

const load = (ideaId: number, query: string, accountId?: number) =>
  callLoader(loader, `/roadmap/ideas/${ideaId}${query}`, {
    accountId,
    params: { id: String(ideaId) },
  })

const post = (ideaId: number, form: Record<string, string>, accountId?: number) =>
  callAction(action, `/roadmap/ideas/${ideaId}`, form, {
    accountId,
    params: { id: String(ideaId) },
  })

type IdeaPage = {
  mergeQuery: string | null
  mergeCandidates: { id: number; title: string }[]
  undoableMerge: { survivor_id: number } | null
}

test('a maintainer finds the idea to merge into by its title, merges, then undoes the merge', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const survivor = await makeIdea(db, target, 'Unikernel TLS everywhere')
  const duplicate = await makeIdea(db, target, 'TLS by default')
  await setPlusOne(duplicate, cam, true, db)

  const found = (await (
    await load(duplicate, '?merge=unikernel%20tls', dana.id)
  ).json()) as IdeaPage
  expect(found.mergeQuery).toBe('unikernel tls')
  expect(found.mergeCandidates).toMatchObject([{ id: survivor, title: 'Unikernel TLS everywhere' }])

  const merged = await post(duplicate, { intent: 'merge', survivorId: String(survivor) }, dana.id)
  expect(merged.status).toBe(200)
  expect(await merged.json()).toMatchObject({ ok: true, message: expect.stringMatching(/Undo/) })
  expect((await getIdea(survivor, null, db))?.plus_one_count).toBe(1)
  const page = (await (await load(duplicate, '', dana.id)).json()) as IdeaPage
  expect(page.undoableMerge).toMatchObject({ survivor_id: survivor })

  const undone = await post(duplicate, { intent: 'unmerge' }, dana.id)
  expect(await undone.json()).toMatchObject({ ok: true })
  expect(await getIdea(duplicate, cam.id, db)).toMatchObject({
    status: 'open',
    plus_one_count: 1,
    has_plus_one: true,
  })
  expect((await getIdea(survivor, null, db))?.plus_one_count).toBe(0)
  const again = await post(duplicate, { intent: 'unmerge' }, dana.id)
  expect(again.status).toBe(409)
  expect(await again.json()).toMatchObject({ ok: false, message: /is not merged/ })
})

test('contributors see no merge search, cannot merge or undo, and a long search is a 400', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const survivor = await makeIdea(db, target, 'Survivor')
  const duplicate = await makeIdea(db, target, 'Duplicate')
  const page = (await (await load(duplicate, '?merge=surv', cam.id)).json()) as IdeaPage
  expect(page).toMatchObject({ mergeQuery: null, mergeCandidates: [], undoableMerge: null })
  expect(
    (await post(duplicate, { intent: 'merge', survivorId: String(survivor) }, cam.id)).status,
  ).toBe(403)
  expect((await post(duplicate, { intent: 'unmerge' }, cam.id)).status).toBe(403)
  expect((await post(duplicate, { intent: 'unmerge' })).status).toBe(401)
  expect((await load(duplicate, `?merge=${'x'.repeat(201)}`, dana.id)).status).toBe(400)
  const unchosen = await post(duplicate, { intent: 'merge', survivorId: '' }, dana.id)
  expect(unchosen.status).toBe(400)
  expect(await unchosen.json()).toMatchObject({ message: 'Choose the idea to merge into.' })
})

test('an idea on a running round’s shortlist says so, with the round and until when', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const shortlisted = await makeIdea(db, target, 'Chart network-stack progress')
  const other = await makeIdea(db, target, 'Security advisories')
  const left = await makeIdea(db, target, 'Still in ideation')
  const closesAt = new Date('2999-01-05T00:00:00Z')
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'December round',
      opensAt: new Date('2000-01-01T00:00:00Z'),
      closesAt,
      shortlist: [shortlisted, other],
    },
    dana,
    new Date('2000-01-01T00:00:00Z'),
    db,
  )
  type Page = { idea: { shortlisted_in: unknown[] } }
  const page = (await (await load(shortlisted, '')).json()) as Page
  expect(page.idea.shortlisted_in).toEqual([
    {
      id: roundId,
      name: 'December round',
      status: 'open',
      opens_at: expect.stringMatching(/^2000-01-01/),
      closes_at: expect.stringMatching(/^2999-01-05/),
      // The fixtures' people are demo accounts: the round is a demo action, by its opener.
      is_demo: true,
      demo_opener: 'dana',
      phase: 'voting',
    },
  ])
  expect(((await (await load(left, '')).json()) as Page).idea.shortlisted_in).toEqual([])
})

test('the author and commenters read as every page names them: a demo person by her demo name', async () => {
  const target = await makeTarget(getDb())
  const noor = { id: await ensureDemoAccount(DEMO_PEOPLE[3], getDb()), login: 'demo-newcomer' }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the stack', { authorId: noor.id })
  await addComment(ideaId, hannes, 'AFL found two bugs last time.', getDb())
  await addComment(ideaId, noor, 'I would like to help.', getDb())

  const { idea } = await (await load(ideaId, '')).json()
  const author = renderToStaticMarkup(
    createElement(Attribution, {
      attribution: idea.attribution,
      author: idea.author_login,
      authorIsDemo: idea.author_is_demo,
      date: idea.created_at,
    }),
  )
  expect(author).toMatch(/^<span>Noor \(demo newcomer\) · <time/)
  const comments = renderToStaticMarkup(
    createElement(IdeaComments, {
      comments: idea.comments,
      commentCount: idea.comment_count,
      canComment: false,
    }),
  )
  expect(comments).toContain('hannesm · <time')
  expect(comments).toContain('Noor (demo newcomer) · <time')
  expect(author + comments).not.toContain('demo-newcomer')
})

test("a demo person's idea says under its title that it is a demo action; a real person's does not", async () => {
  const target = await makeTarget(getDb())
  const cam = await ensureDemoAccount(DEMO_PEOPLE[2], getDb())
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const byline = async (authorId: number) => {
    const ideaId = await makeIdea(getDb(), target, `Fuzz the stack ${authorId}`, { authorId })
    const { idea } = await (await load(ideaId, '')).json()
    return renderToStaticMarkup(
      createElement(Attribution, {
        attribution: idea.attribution,
        author: idea.author_login,
        authorIsDemo: idea.author_is_demo,
        date: idea.created_at,
      }),
    )
  }
  expect(await byline(cam)).toMatch(/^<span>Cam \(demo contributor\) · <time[^]*a demo action/)
  expect(await byline(hannes.id)).not.toContain('demo')
})

test("a demo person's comment says it is a demo action, as her history lines do; a real person's does not", async () => {
  const target = await makeTarget(getDb())
  const cam = { id: await ensureDemoAccount(DEMO_PEOPLE[2], getDb()), login: 'demo-contributor' }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the stack')
  await addComment(ideaId, cam, 'I would like to help.', getDb())
  await addComment(ideaId, hannes, 'AFL found two bugs last time.', getDb())

  const { idea } = await (await load(ideaId, '')).json()
  const items = renderToStaticMarkup(
    createElement(IdeaComments, {
      comments: idea.comments,
      commentCount: idea.comment_count,
      canComment: false,
    }),
  ).split('</li>')
  expect(items[0]).toMatch(/Cam \(demo contributor\) · <time[^]*a demo action/)
  expect(items[1]).toContain('hannesm · <time')
  expect(items[1]).not.toContain('demo action')
})

test('the history marks what a demo person did to the idea (a move, a decision) as a demo action', async () => {
  const target = await makeTarget(getDb())
  const dana = { id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()), login: 'demo-maintainer' }
  const avsm = await createGitHubAccount(getDb(), 'avsm')
  const ideaId = await makeIdea(getDb(), target, 'Doc days')
  await moveIdea(ideaId, target.areas.docs, dana, getDb())
  await moveIdea(ideaId, target.areas.quality, avsm, getDb())

  type Page = { idea: { events: { detail: string; is_demo: boolean }[] } }
  const { idea } = (await (await load(ideaId, '')).json()) as Page
  expect(idea.events.map((event) => event.is_demo)).toEqual([true, false])
})

test('a decision in the history names its round, which the line links; other lines name none', async () => {
  const target = await makeTarget(getDb())
  const avsm = await createGitHubAccount(getDb(), 'avsm')
  const ideaId = await makeIdea(getDb(), target, 'Better tests')
  await moveIdea(ideaId, target.areas.docs, avsm, getDb())
  const { roundId } = await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 25 March 2015',
      decidedAt: new Date('2015-03-25T16:00:00Z'),
      sourceKey: 'call-2015-03-25',
      sourceUrl: null,
      rationale: 'The emphasis for 3.0 is library quality.',
      outcomes: [{ ideaId, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )

  type Page = { idea: { events: { kind: string; round: { id: number; name: string } | null }[] } }
  const { idea } = (await (await load(ideaId, '')).json()) as Page
  expect(idea.events.map((event) => [event.kind, event.round])).toEqual([
    ['moved', null],
    ['decided', { id: roundId, name: 'Call of 25 March 2015' }],
  ])
})

test("a demo person's +1, comment and area suggestion say they are demo actions; a real person's do not", async () => {
  const target = await makeTarget(getDb())
  const ideaId = await makeIdea(getDb(), target, 'Security advisories')
  const cam = await ensureDemoAccount(DEMO_PEOPLE[2], getDb())
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const messages = async (accountId: number) => [
    ((await (await post(ideaId, { intent: 'plus-one', value: 'on' }, accountId)).json()) as Result)
      .message,
    (
      (await (
        await post(ideaId, { intent: 'comment', body: 'Like Xen.' }, accountId)
      ).json()) as Result
    ).message,
    (
      (await (
        await post(ideaId, { intent: 'suggest-area', areaId: String(target.areas.docs) }, accountId)
      ).json()) as Result
    ).message,
  ]
  type Result = { message: string }

  expect(await messages(cam)).toEqual([
    // Taking part follows the idea, once: the comment finds it followed already.
    'Your +1 is counted (a demo action). The idea now has 1 +1, a demo action. You follow it now: its news comes to your Inbox.',
    'Comment added (a demo action).',
    'Thanks: your area suggestion (a demo action) is recorded for the maintainers.',
  ])
  expect(await messages(hannes.id)).toEqual([
    'Your +1 is counted. The idea now has 2 +1s, 1 of them a demo action. You follow it now: its news comes to your Inbox.',
    'Comment added.',
    'Thanks: your area suggestion is recorded for the maintainers.',
  ])
  const { idea } = await (await load(ideaId, '')).json()
  expect([idea.plus_one_count, idea.demo_plus_one_count]).toEqual([2, 1])
})

test('an area suggestion with both an existing area and a new name is refused, nothing recorded, the form kept', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const form = {
    intent: 'suggest-area',
    areaId: String(target.areas.docs),
    areaName: 'Networking',
  }
  const response = await post(ideaId, form, cam.id)
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({
    ok: false,
    message: 'Choose an existing area or type a new name, not both.',
    fields: form,
    fieldErrors: { areaId: expect.any(String), areaName: expect.any(String) },
  })
  const suggestions = await getDb().selectFrom('idea_area_suggestion').selectAll().execute()
  expect(suggestions).toEqual([])
})

test('its author reads her idea as followed, since its news reaches her; once she unfollows, it is not', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const ideaId = await makeIdea(getDb(), target, 'Office hours on IRC', { authorId: cam.id })
  const following = async (accountId: number) =>
    ((await (await load(ideaId, '', accountId)).json()) as { following: boolean | null }).following

  expect(await following(cam.id)).toBe(true)
  expect(await following(noor.id)).toBeNull()
  await setFollowing(cam.id, { type: 'idea', id: ideaId }, false, getDb())
  expect(await following(cam.id)).toBe(false)
})

test('its author arriving from her proposal reads that she proposed it, a demo person that it was a demo action; nobody else does', async () => {
  const target = await makeTarget(getDb())
  const cam = await ensureDemoAccount(DEMO_PEOPLE[2], getDb())
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const demoIdea = await makeIdea(getDb(), target, 'Security advisories', { authorId: cam })
  const realIdea = await makeIdea(getDb(), target, 'Office hours', { authorId: hannes.id })
  const proposed = async (ideaId: number, query: string, accountId?: number) =>
    ((await (await load(ideaId, query, accountId)).json()) as { proposed: string | null }).proposed

  expect(await proposed(demoIdea, '?proposed', cam)).toBe(
    `Idea proposed (a demo action). You follow it: its news comes to your Inbox. ${WHAT_COMES_NEXT}`,
  )
  expect(await proposed(realIdea, '?proposed', hannes.id)).toBe(
    `Idea proposed. You follow it: its news comes to your Inbox. ${WHAT_COMES_NEXT}`,
  )
  // She reads what happens next, and who acts: ideation first, the maintainers' shortlist after.
  expect(WHAT_COMES_NEXT).toBe(
    'Next, others can +1 it and comment; maintainers pick each round’s shortlist from the ideas, and you are told if yours is on it.',
  )
  // A shared link tells nobody else they proposed it; without the parameter nothing is said.
  expect(await proposed(demoIdea, '?proposed', hannes.id)).toBeNull()
  expect(await proposed(demoIdea, '?proposed')).toBeNull()
  expect(await proposed(demoIdea, '', cam)).toBeNull()
})

test('a comment over the write budget answers 429 with Retry-After and the comment kept', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the stack')
  await spendWriteBudget(getDb(), cam.id, 'idea-comment')
  const form = { intent: 'comment', body: 'AFL found two bugs last time.' }
  const response = await post(ideaId, form, cam.id)
  expect(response.status).toBe(429)
  expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
  expect(await response.json()).toEqual({
    ok: false,
    message: expect.stringMatching(/^You have reached the limit for this \(60 in a row\)/),
    fields: form,
  })
  expect((await getIdea(ideaId, null, getDb()))?.comment_count).toBe(0)
})

test('a comment sent twice is answered as done, pointing at the one comment kept', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the stack')
  const form = { intent: 'comment', body: 'AFL found two bugs last time.' }
  expect((await post(ideaId, form, cam.id)).status).toBe(200)
  const again = await post(ideaId, form, cam.id)
  const idea = await getIdea(ideaId, null, getDb())
  expect(idea?.comment_count).toBe(1)
  expect(again.status).toBe(200)
  expect(await again.json()).toEqual({
    ok: true,
    intent: 'comment',
    message: 'You sent this comment a moment ago: it is posted once.',
    link: { to: `#comment-${idea?.comments[0]?.id}`, label: 'See your comment' },
  })
  // The second wrote nothing, so it spent nothing of her write budget.
  expect(await writesSpent(getDb(), cam.id, 'idea-comment')).toBe(1)
})

test('a comment sent again with the budget spent is still answered as the one kept, not refused', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const ideaId = await makeIdea(getDb(), target, 'Fuzz the stack')
  const form = { intent: 'comment', body: 'AFL found two bugs last time.' }
  await addComment(ideaId, cam, form.body, getDb())
  await spendWriteBudget(getDb(), cam.id, 'idea-comment')
  const again = await post(ideaId, form, cam.id)
  expect(again.status).toBe(200)
  expect(await again.json()).toMatchObject({ ok: true, message: /posted once/ })
  // A new one is refused as before.
  const other = await post(ideaId, { intent: 'comment', body: 'And a third.' }, cam.id)
  expect(other.status).toBe(429)
})

test('an idea’s page offers its author no +1, and refuses hers (403) without counting it', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const id = await makeIdea(getDb(), target, 'Security advisories', { authorId: cam.id })
  const isOwnIdea = async (accountId: number) =>
    ((await (await load(id, '', accountId)).json()) as { isOwnIdea: boolean }).isOwnIdea
  expect(await isOwnIdea(cam.id)).toBe(true)
  expect(await isOwnIdea(noor.id)).toBe(false)
  const response = await post(id, { intent: 'plus-one', value: 'on' }, cam.id)
  expect(response.status).toBe(403)
  expect((await getIdea(id, cam.id, getDb()))?.plus_one_count).toBe(0)
  // Nor does it spend her +1 budget.
  expect(await writesSpent(getDb(), cam.id, 'plus-one')).toBe(0)
})

// A decision said at the page's top: the reader who lands on an idea a round sent back (from the
// notice "… is deferred …", from a link) reads it there, not only in the History at the bottom.

const textOf = (html: string) =>
  html
    .replace(/<\/(p|div|h1|h2|li)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')

async function decideOnCall(
  target: Awaited<ReturnType<typeof makeTarget>>,
  ideaId: number,
  other: number,
  outcome: 'deferred' | 'declined',
  disposition: 'ideation' | 'archived',
) {
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Spring call',
      decidedAt: new Date('2015-03-25T16:00:00Z'),
      sourceKey: `call-spring-${target.targetId}`,
      sourceUrl: null,
      rationale: 'Library quality first.',
      outcomes: [
        { ideaId: other, outcome: 'agreed', disposition: 'roadmap', reason: null },
        { ideaId, outcome, disposition, reason: 'After the 3.0 release.' },
      ],
    },
    getDb(),
  )
}

const pageText = async (ideaId: number) => {
  const data = await (await load(ideaId, '')).json()
  return textOf(await renderRouteWith(IdeaRoute, data, `/roadmap/ideas/${ideaId}`))
}

test('an idea deferred back to ideation says at its top in which round of which target, when, why, and that it can be shortlisted again', async () => {
  const target = await makeTarget(getDb())
  const ideaId = await makeIdea(getDb(), target, 'Image signing')
  await decideOnCall(
    target,
    ideaId,
    await makeIdea(getDb(), target, 'Fuzzing'),
    'deferred',
    'ideation',
  )

  const text = await pageText(ideaId)
  const top =
    'Back in ideation: deferred on 25 Mar 2015 in Spring call (MirageOS 3.0). Reason recorded: After the 3.0 release. Maintainers can shortlist it again in a later round of MirageOS 3.0.'
  expect(text).toContain(top)
  // Above the idea's own description, not down with its History.
  expect(text.indexOf(top)).toBeLessThan(text.indexOf('About Image signing.'))
})

test('an idea declined back to ideation says so at its top; one deferred or declined and archived says archived, and that no round takes it again', async () => {
  const target = await makeTarget(getDb())
  const declined = await makeIdea(getDb(), target, 'A GUI')
  await decideOnCall(
    target,
    declined,
    await makeIdea(getDb(), target, 'Fuzzing'),
    'declined',
    'ideation',
  )
  expect(await pageText(declined)).toContain(
    'Back in ideation: declined on 25 Mar 2015 in Spring call (MirageOS 3.0).',
  )

  const other = await makeTarget(getDb(), 'MirageOS 4.0')
  const archived = await makeIdea(getDb(), other, 'OCamlJava backend')
  await decideOnCall(
    other,
    archived,
    await makeIdea(getDb(), other, 'Tests'),
    'deferred',
    'archived',
  )
  const text = await pageText(archived)
  // Deferred, then archived all the same: not "declined".
  expect(text).toContain(
    'Archived: deferred on 25 Mar 2015 in Spring call (MirageOS 4.0). Reason recorded: After the 3.0 release. An archived idea is not shortlisted again.',
  )
  expect(text).not.toContain('shortlist it again')
})

test('a deferred idea shortlisted again says its deferral, and the round it is up for, not that it could be shortlisted', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const ideaId = await makeIdea(getDb(), target, 'Image signing')
  const fuzzing = await makeIdea(getDb(), target, 'Fuzzing')
  await decideOnCall(target, ideaId, fuzzing, 'deferred', 'ideation')
  await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'December round',
      opensAt: new Date('2000-01-01T00:00:00Z'),
      closesAt: new Date('2999-01-05T00:00:00Z'),
      shortlist: [ideaId, await makeIdea(getDb(), target, 'Docs days')],
    },
    dana,
    new Date('2000-01-01T00:00:00Z'),
    getDb(),
  )

  const text = await pageText(ideaId)
  expect(text).toContain('Back in ideation: deferred on 25 Mar 2015 in Spring call (MirageOS 3.0).')
  expect(text).toContain('Shortlisted for December round')
  expect(text).not.toContain('shortlist it again')
})

test('an idea whose agreement a later decision superseded says at its top which decision sent it back, and its rationale', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const ideaId = await makeIdea(db, target, 'Image signing')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Spring call',
      decidedAt: new Date('2015-03-25T16:00:00Z'),
      sourceKey: 'call-spring',
      sourceUrl: null,
      rationale: 'Security first.',
      outcomes: [{ ideaId, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    db,
  )
  const agreement = await db.selectFrom('decision').select('id').executeTakeFirstOrThrow()
  const [js, docs] = [
    await makeIdea(db, target, 'JavaScript backend'),
    await makeIdea(db, target, 'Doc days'),
  ]
  const at = new Date('2015-05-01T09:00:00Z')
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'May round', opensAt: at, shortlist: [js, docs] },
    dana,
    at,
    db,
  )
  await castBallot(roundId, dana, [{ id: js, rank: 1 }], at, db)
  await closeRound(
    roundId,
    {
      method: 'picked',
      agreedIdeaIds: [js],
      rationale: 'JavaScript is what people ask for.',
      others: [{ ideaId: docs, outcome: 'declined', disposition: 'ideation', reason: 'Not now.' }],
      supersedesDecisionId: agreement.id,
    },
    dana,
    at,
    db,
  )

  const text = await pageText(ideaId)
  const top =
    'Back in ideation: no longer agreed on 1 May 2015 in May round (MirageOS 3.0), which superseded the decision of Spring call that had agreed it demo decision: a demo action, not a MirageOS decision. Its rationale: JavaScript is what people ask for. Maintainers can shortlist it again in a later round of MirageOS 3.0.'
  expect(text).toContain(top)
  expect(text.indexOf(top)).toBeLessThan(text.indexOf('About Image signing.'))
})
