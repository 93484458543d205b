import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE } from '../accounts/person'
import { getBoardClock } from '../mirror/board-clock.server'
import { ForYou } from '../notifications/ui/for-you'
import { getIdea } from '../roadmap/idea.server'
import { findReleaseTarget } from '../roadmap/roadmap.server'
import { roundPhase } from '../roadmap/round-phase'
import { getRound, listRounds } from '../roadmap/round.server'
import { loader as homeLoader } from '../routes/_index'
import { loader as roundApiLoader } from '../routes/api.rounds.$id'
import { loader as digestLoader } from '../routes/digest'
import { loader as roadmapLoader } from '../routes/roadmap._index'
import { action as roundAction, loader as roundLoader } from '../routes/roadmap.rounds.$id'
import { action as roundsAction, loader as roundsLoader } from '../routes/roadmap.rounds._index'

import { loadDemoData } from './demo.server'
import { DEMO_ROUND } from './roadmap-demo.server'

const getDb = setupTestDatabase()

const SAM = DEMO_SEED_PEOPLE.find((person) => person.id === 'seed-maintainer')!
const KAI = DEMO_SEED_PEOPLE.find((person) => person.id === 'seed-maintainer-2')!

async function demoRound() {
  const target = (await findReleaseTarget(null, getDb()))!
  const ballotRounds = (await listRounds(target.id, getDb())).filter(
    (round) => round.kind === 'ballot',
  )
  return { target, ballotRounds }
}

async function accountId(login: string) {
  const row = await getDb()
    .selectFrom('account')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow()
  return row.id
}

test('the demo opens one prioritisation round, by a seeded demo maintainer, over open ideas across areas', async () => {
  const before = new Date()
  await loadDemoData(getDb())
  const { ballotRounds } = await demoRound()
  expect(ballotRounds).toHaveLength(1)
  const listed = ballotRounds[0]!
  expect(listed).toMatchObject({ status: 'open', is_demo: true, demo_opener: SAM.login })
  // Opened by a person the loader acts as, whom nobody can sign in as: no visitor opened it.
  expect(DEMO_PEOPLE.map((person) => person.login)).not.toContain(listed.demo_opener)

  const round = (await getRound(listed.id, getDb()))!
  expect(roundPhase(round, new Date())).toBe('voting')
  expect(round.name).toMatch(/^Demo round of \d{1,2} \w+ \d{4}$/)
  const ideas = await getDb()
    .selectFrom('idea')
    .select(['id', 'source_key', 'status'])
    .where('source_key', 'in', DEMO_ROUND.shortlist)
    .execute()
  const keyOf = new Map(ideas.map((idea) => [idea.id, idea.source_key]))
  expect(round.shortlist.map((idea) => keyOf.get(idea.id))).toEqual(DEMO_ROUND.shortlist)
  expect(round.shortlist).toHaveLength(5)
  // One idea per area, each still in ideation: none that a 2015 call decided, agreed or deferred.
  expect(new Set(round.shortlist.map((idea) => idea.area_name)).size).toBe(5)
  expect(ideas.every((idea) => idea.status === 'open')).toBe(true)
  expect(round.shortlist.every((idea) => idea.deferred_in === null)).toBe(true)
  const decided = await getDb()
    .selectFrom('decision_outcome')
    .select('idea_id')
    .where(
      'idea_id',
      'in',
      round.shortlist.map((idea) => idea.id),
    )
    .execute()
  expect(decided).toEqual([])

  // Opened at the load on the database's clock, never backdated into the data's past; closing at
  // the start of a day two weeks on, as the round forms' days do.
  const opensAt = new Date(round.opens_at)
  const closesAt = new Date(round.closes_at)
  expect(opensAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
  expect(opensAt.getTime()).toBeGreaterThan((await getBoardClock(getDb())).now.getTime())
  const notices = await getDb().selectFrom('notification').select('created_at').execute()
  expect(notices.some((notice) => notice.created_at.getTime() === opensAt.getTime())).toBe(true)
  expect(closesAt.toISOString()).toMatch(/T00:00:00\.000Z$/)
  const days = (closesAt.getTime() - opensAt.getTime()) / 86_400_000
  expect(days).toBeGreaterThan(13)
  expect(days).toBeLessThanOrEqual(14)

  // Kai, the second seeded maintainer, has voted; a demo vote. Nobody else.
  expect(round.voters.map((voter) => [voter.login, voter.is_demo])).toEqual([[KAI.login, true]])
})

test('untriaged, the demo opens no round: only the 2015 calls, as the notes left them', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  expect((await demoRound()).ballotRounds).toEqual([])
  expect(await getDb().selectFrom('ballot').select('round_id').execute()).toEqual([])
})

test('loading the demo again opens no second round', async () => {
  await loadDemoData(getDb())
  await loadDemoData(getDb())
  expect((await demoRound()).ballotRounds).toHaveLength(1)
  expect(await getDb().selectFrom('ballot').select('round_id').execute()).toHaveLength(1)
})

test('wherever the demo round is shown, it says it is a demo action by Sam', async () => {
  await loadDemoData(getDb())
  const { ballotRounds } = await demoRound()
  const id = ballotRounds[0]!.id
  const dana = await accountId('demo-maintainer')
  const note = 'opened by Sam (seeded demo maintainer): a demo action, not a MirageOS round'

  // Its page and the rounds list read is_demo and the opener (rendered with demoRoundNote).
  const page = await (
    await callLoader(roundLoader, `/roadmap/rounds/${id}`, { params: { id: String(id) } })
  ).json()
  expect(page.round).toMatchObject({ is_demo: true, demo_opener: SAM.login })
  const list = await (await callLoader(roundsLoader, '/roadmap/rounds')).json()
  expect(list.rounds.find((round: { id: number }) => round.id === id)).toMatchObject({
    is_demo: true,
    demo_opener: SAM.login,
  })
  // The roadmap's "being voted on" card.
  const roadmap = await (await callLoader(roadmapLoader, '/roadmap')).json()
  expect(roadmap.openRound).toMatchObject({ id, is_demo: true, demo_opener: SAM.login })
  // A shortlisted idea's page: "Shortlisted for …", the round a demo action.
  const first = (await getRound(id, getDb()))!.shortlist[0]!
  const idea = await getIdea(first.id, null, getDb())
  expect(idea!.shortlisted_in).toMatchObject([{ id, is_demo: true, demo_opener: SAM.login }])
  // The API.
  const api = await (
    await callLoader(roundApiLoader, `/api/rounds/${id}`, { params: { id: String(id) } })
  ).json()
  expect(api).toMatchObject({ id, isDemoAction: true, phase: 'voting' })
  expect(api.voters).toMatchObject([{ login: KAI.login, isDemoAction: true }])
  // The agenda.
  const digest = await (await callLoader(digestLoader, '/digest?since=2w')).json()
  expect(digest.markdown).toMatch(
    new RegExp(
      `- \\[Demo round of [^\\]]+\\]\\(http://localhost/roadmap/rounds/${id}\\) \\(MirageOS 3\\.0\\) \\(a demo action\\) opened `,
    ),
  )
  // The home page's "For you", with the opener named.
  const { forYou } = await (await callLoader(homeLoader, '/', { accountId: dana })).json()
  const text = (await renderInRouter(createElement(ForYou, forYou))).replace(/<[^>]+>/g, '')
  expect(text).toContain(`you have not voted yet ${note}`)
})

test('Dana, signing in to the demo, finds the round to vote in and casts a ballot and dots', async () => {
  await loadDemoData(getDb())
  const { ballotRounds } = await demoRound()
  const id = ballotRounds[0]!.id
  const dana = await accountId('demo-maintainer')
  const forYou = async () =>
    (await (await callLoader(homeLoader, '/', { accountId: dana })).json()).forYou

  // Her inbox says the round opened (a demo action), and "Waiting for maintainers" names it.
  const before = await forYou()
  expect(before.data.unread.count).toBeGreaterThan(0)
  expect(before.data.unread.demo).toBe(before.data.unread.count)
  expect(before.data.queue.openRounds).toMatchObject([{ id, has_voted: false, is_demo: true }])

  // Its page offers her the ballot (nothing of Kai's: ballots stay secret until the close).
  const page = await (
    await callLoader(roundLoader, `/roadmap/rounds/${id}`, {
      accountId: dana,
      params: { id: String(id) },
    })
  ).json()
  expect(page).toMatchObject({ phase: 'voting', isMaintainer: true, ownBallot: null })
  expect(page.round.dot_budget).toBe(DEMO_ROUND.dotBudget)
  expect(page.closing).toBe('form')
  const shortlist: number[] = page.round.shortlist.map((idea: { id: number }) => idea.id)

  const ballot = await callAction(
    roundAction,
    `/roadmap/rounds/${id}`,
    [
      ['intent', 'ballot'],
      ...shortlist.flatMap((idea, index) => [
        ['idea', String(idea)] as [string, string],
        ['rank', String(shortlist.length - index)] as [string, string],
      ]),
    ],
    { accountId: dana, params: { id: String(id) } },
  )
  expect(ballot.status).toBe(200)
  expect(await ballot.json()).toMatchObject({ ok: true })
  const dots = await callAction(
    roundAction,
    `/roadmap/rounds/${id}`,
    [
      ['intent', 'dots'],
      ...shortlist.flatMap((idea, index) => [
        ['idea', String(idea)] as [string, string],
        ['dots', index < 2 ? '2' : '0'] as [string, string],
      ]),
    ],
    { accountId: dana, params: { id: String(id) } },
  )
  expect(await dots.json()).toMatchObject({ ok: true })

  expect((await forYou()).data.queue.openRounds).toMatchObject([{ id, has_voted: true }])
  const api = await (
    await callLoader(roundApiLoader, `/api/rounds/${id}`, { params: { id: String(id) } })
  ).json()
  expect(api.voters.map((voter: { login: string }) => voter.login).sort()).toEqual(
    [KAI.login, 'demo-maintainer'].sort(),
  )
  // Still secret: no order, no dot totals while the round runs.
  expect(api).toMatchObject({ result: null, dots: null })

  // Opening a second round is refused while this one runs: the rounds page says how to go on.
  const list = await (await callLoader(roundsLoader, '/roadmap/rounds', { accountId: dana })).json()
  expect(list.rounds.filter((round: { status: string }) => round.status === 'open')).toHaveLength(1)
  const refused = await callAction(
    roundsAction,
    '/roadmap/rounds',
    [
      ['intent', 'open-round'],
      ['releaseTargetId', String(page.round.release_target_id)],
      ['name', 'My round'],
      ['opensOn', new Date().toISOString().slice(0, 10)],
      ['closesOn', ''],
      ['dotBudget', '0'],
      ['shortlist', String(shortlist[0])],
      ['shortlist', String(shortlist[1])],
    ],
    { accountId: dana },
  )
  expect(refused.status).toBe(400)
  expect((await refused.json()).message).toMatch(
    /is still open for this release target: close it first/,
  )
})
