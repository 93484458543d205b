import { sql } from 'kysely'
import { createElement, Fragment } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, loaderArgs } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { castBallot, getOwnBallot, setDotVotes } from '../roadmap/ballot.server'
import { addMonths, roundNameFor } from '../roadmap/dates'
import { closeRound } from '../roadmap/decision.server'
import { getRound, openRound } from '../roadmap/round.server'
import { tallySchulze } from '../roadmap/schulze'
import {
  closeOnTopIdea,
  makeIdea,
  makePerson,
  makeTarget,
  openRoundOfTwo,
  snapshotRoadmap,
} from '../roadmap/test-fixtures'
import { BallotForm } from '../roadmap/ui/ballot-form'
import { DecisionRecord } from '../roadmap/ui/decision-record'
import { DotsForm, DotTotals } from '../roadmap/ui/dot-votes'
import { RoundNextSteps } from '../roadmap/ui/round-next-steps'
import { RoundShortlist } from '../roadmap/ui/round-shortlist'
import { ShortlistForm } from '../roadmap/ui/shortlist-form'
import { formatDate } from '../utils/format'

import RoundRoute, { action, loader } from './roadmap.rounds.$id'

const getDb = setupTestDatabase()

const post = (roundId: number, form: [string, string][], accountId?: number) =>
  callAction(action, `/roadmap/rounds/${roundId}`, form, {
    accountId,
    params: { id: String(roundId) },
  })

async function load(roundId: number, accountId?: number) {
  const params = { id: String(roundId) }
  return (
    await loader(await loaderArgs(`/roadmap/rounds/${roundId}`, { accountId, params }))
  ).json()
}

async function openVotingRound(targetName?: string) {
  const target = await makeTarget(getDb(), targetName)
  const dana = await makePerson(getDb(), `dana${targetName ? '-' + targetName : ''}`, 'maintainer')
  const ari = await makePerson(getDb(), `ari${targetName ? '-' + targetName : ''}`, 'maintainer')
  const cam = await makePerson(getDb(), `cam${targetName ? '-' + targetName : ''}`, 'contributor')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March',
      opensAt: new Date(Date.now() - 60_000),
      shortlist: [tests, docs],
    },
    dana,
    new Date(),
    getDb(),
  )
  return { target, dana, ari, cam, tests, docs, roundId }
}

test('a contributor trying to vote gets 403 and nothing changes', async () => {
  const { cam, tests, roundId } = await openVotingRound()
  const before = await snapshotRoadmap(getDb())
  const response = await post(
    roundId,
    [
      ['intent', 'ballot'],
      ['idea', String(tests)],
      ['rank', '1'],
    ],
    cam.id,
  )
  expect(response.status).toBe(403)
  expect(await response.text()).toBe('Only maintainers can do that.')
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('an open round’s page counts who voted out of the maintainers who can vote; a closed one counts its voters alone', async () => {
  const { dana, cam, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  // The two demo maintainers one can sign in as, and Dana, who voted (the fixtures' accounts are
  // no demo person one can be: countEligibleVoters in round.server.test.ts). The intro speaks to
  // each reader as her role allows.
  expect(await load(roundId)).toMatchObject({ eligibleVoters: 3, viewer: 'reader' })
  expect(await load(roundId, cam.id)).toMatchObject({ eligibleVoters: 3, viewer: 'contributor' })
  expect(await load(roundId, dana.id)).toMatchObject({ viewer: 'maintainer' })
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Tests first.',
    reason: 'Later.',
  })
  // Who could vote when it closed is not recorded: no number is made up for it.
  expect(await load(roundId)).toMatchObject({ eligibleVoters: null })
})

test('a ballot ranking one idea twice answers 400 with the reason, and nothing changes', async () => {
  const { dana, tests, roundId } = await openVotingRound()
  const before = await snapshotRoadmap(getDb())
  const response = await post(
    roundId,
    [
      ['intent', 'ballot'],
      ['idea', String(tests)],
      ['rank', '1'],
      ['idea', String(tests)],
      ['rank', '2'],
    ],
    dana.id,
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({
    ok: false,
    message: `Idea ${tests} is ranked more than once.`,
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a maintainer sees their own ballot again, and never another maintainer’s', async () => {
  const { dana, ari, tests, docs, roundId } = await openVotingRound()
  const response = await post(
    roundId,
    [
      ['intent', 'ballot'],
      ['idea', String(tests)],
      ['rank', '2'],
      ['idea', String(docs)],
      ['rank', '1'],
    ],
    dana.id,
  )
  expect(response.status).toBe(200)
  expect((await load(roundId, dana.id)).ownBallot?.ranks).toEqual({ [tests]: 2, [docs]: 1 })
  const seenByAri = await load(roundId, ari.id)
  expect(seenByAri.ownBallot).toBeNull()
  expect(seenByAri.round.voters.map((voter) => voter.login)).toEqual(['dana'])
  expect(JSON.stringify(seenByAri)).not.toMatch(/"ranks?"/)
})

test('the close form records top N, with the shared reason for the others', async () => {
  const { dana, tests, docs, roundId } = await openVotingRound()
  await post(
    roundId,
    [
      ['intent', 'ballot'],
      ['idea', String(tests)],
      ['rank', ''],
      ['idea', String(docs)],
      ['rank', '1'],
    ],
    dana.id,
  )
  expect((await getOwnBallot(roundId, dana.id, getDb()))?.ranks).toEqual({ [docs]: 1 })
  const refused = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'top-n'],
      ['topN', '1'],
      ['rationale', 'Docs first.'],
      [`outcome-${tests}`, 'agreed'],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  expect((await refused.json()).message).toMatch(/the order decides what is agreed/)
  const closed = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'top-n'],
      ['topN', '1'],
      ['rationale', 'Docs first.'],
      ['otherOutcome', 'declined:archived'],
      ['otherReason', 'Not for this release.'],
    ],
    dana.id,
  )
  expect(closed.status).toBe(200)
  const round = await getRound(roundId, getDb())
  expect(
    round?.decision?.outcomes.map((o) => [o.title, o.outcome, o.disposition, o.reason]),
  ).toEqual([
    ['Doc days', 'agreed', 'roadmap', null],
    ['Better tests', 'declined', 'archived', 'Not for this release.'],
  ])
})

test('a close refused for a missing reason names that idea’s reason field, keeping what was typed', async () => {
  const { dana, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  const refused = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'picked'],
      ['rationale', 'Docs first.'],
      [`outcome-${docs}`, 'agreed'],
      [`outcome-${tests}`, 'deferred:ideation'],
      [`reason-${tests}`, '  '],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  const body = await refused.json()
  expect(body.message).toMatch(/^Say why “Better tests”/)
  expect(body.fieldErrors).toEqual({ [`reason-${tests}`]: 'Say why it is declined or deferred.' })
  expect(body.fields).toMatchObject({ rationale: 'Docs first.', [`outcome-${docs}`]: 'agreed' })
})

test('closing with “picked” but no idea marked agreed is refused, the round stays open and what was typed is kept', async () => {
  // A decision is immutable: picking none would record, for good, that the round agreed nothing.
  const { dana, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  const before = await snapshotRoadmap(getDb())
  const refused = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'picked'],
      ['rationale', 'Docs and tests first.'],
      ['otherOutcome', 'deferred:ideation'],
      ['otherReason', 'Later.'],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  const body = await refused.json()
  expect(body.message).toMatch(/^Mark at least one idea “Agreed \(when picking\)”/)
  expect(body.fields).toMatchObject({ method: 'picked', rationale: 'Docs and tests first.' })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
  expect((await getRound(roundId, getDb()))?.status).toBe('open')
})

test('a top-N close refused for a missing reason reads the same whichever idea leads, and the round stays open with nothing written', async () => {
  // The round stays open after a refusal: if it named the ideas outside the top N, the closer
  // could learn the secret order and change her ballot before closing for real.
  const refusalWhenFirst = async (leader: 'tests' | 'docs') => {
    const round = await openVotingRound(`target-${leader}`)
    await castBallot(
      round.roundId,
      round.dana,
      [{ id: round[leader], rank: 1 }],
      new Date(),
      getDb(),
    )
    const before = await snapshotRoadmap(getDb())
    const refused = await post(
      round.roundId,
      [
        ['intent', 'close'],
        ['method', 'top-n'],
        ['topN', '1'],
        ['rationale', 'The leader first.'],
        ['otherOutcome', 'deferred:ideation'],
        [`reason-${round.tests}`, 'Tests can wait.'],
      ],
      round.dana.id,
    )
    expect(refused.status).toBe(400)
    expect(await snapshotRoadmap(getDb())).toEqual(before)
    const body = await refused.json()
    return {
      message: body.message.replace(/idea \d+/g, 'idea N'),
      fieldErrors: Object.keys(body.fieldErrors).map((field) =>
        field.replace(String(round.docs), 'docs'),
      ),
      rationale: body.fields.rationale,
    }
  }
  const docsFirst = await refusalWhenFirst('docs')
  expect(await refusalWhenFirst('tests')).toEqual(docsFirst)
  expect(docsFirst).toEqual({
    message:
      'The order stays secret until the round closes, so any idea may fall outside the top 1: give the shared reason, or one for each idea (missing for “Doc days” (idea N)).',
    fieldErrors: ['reason-docs', 'otherReason'],
    rationale: 'The leader first.',
  })
})

test('a close refused for an overlong reason marks that reason field, keeping what was typed', async () => {
  const { dana, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  const refused = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'picked'],
      ['rationale', 'Docs first.'],
      [`outcome-${docs}`, 'agreed'],
      [`outcome-${tests}`, 'deferred:ideation'],
      [`reason-${tests}`, 'x'.repeat(1001)],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  const body = await refused.json()
  expect(body.message).toBe('The reason for “Better tests” is too long (at most 1,000 characters).')
  expect(body.fieldErrors).toEqual({
    [`reason-${tests}`]: 'At most 1,000 characters (this one has 1,001).',
  })
  expect(body.fields).toMatchObject({ [`reason-${tests}`]: 'x'.repeat(1001) })
})

test('a form with several problems names them all at once, each at its field', async () => {
  const { dana, roundId } = await openVotingRound()
  const refused = await post(
    roundId,
    [
      ['intent', 'open-round'],
      ['name', 'April'],
      ['opensOn', ''],
      ['dotBudget', '1.5'],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  const body = await refused.json()
  expect(body.message).toBe(
    'Give the opening date. The dot-vote budget is a whole number from 0 to 20.',
  )
  expect(Object.keys(body.fieldErrors).sort()).toEqual(['dotBudget', 'opensOn'])
  expect(body.fields).toMatchObject({ name: 'April' })
})

test('the round page hides dot totals while the round is open, and shows them once it closes', async () => {
  const { dana, tests, roundId } = await openRoundOfTwo(getDb(), {
    name: 'May',
    opensAt: new Date(Date.now() - 60_000),
    dotBudget: 3,
  })
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  await setDotVotes(roundId, dana, [{ id: tests, dots: 2 }], new Date(), getDb())
  for (const viewer of [dana.id, cam.id]) {
    const open = await load(roundId, viewer)
    expect(open.dotTotals).toBeNull()
  }
  // Her own ballot and dots are hers to see, nobody else's.
  expect((await load(roundId, cam.id)).ownDots).toBeNull()
  expect((await load(roundId, cam.id)).ownBallot).toBeNull()
  await closeRound(
    roundId,
    { method: 'top-n', topN: 2, rationale: 'Both.', others: [] },
    dana,
    new Date(),
    getDb(),
  )
  const closed = await load(roundId, cam.id)
  expect(closed.dotTotals).toEqual({ byIdea: { [tests]: 2 }, participants: 1, demoParticipants: 1 })
})

test('the ballot, the dots and the tally each say in a sentence how they count', async () => {
  const { dana, tests, docs, roundId } = await openRoundOfTwo(getDb(), {
    name: 'May',
    opensAt: new Date(Date.now() - 60_000),
    dotBudget: 5,
  })
  const text = async (element: ReturnType<typeof createElement>) =>
    (await renderInRouter(element)).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
  const open = await load(roundId, dana.id)
  const { shortlist, dot_budget: dotBudget } = open.round
  const ballot = await text(createElement(BallotForm, { shortlist, ownBallot: null }))
  expect(ballot).toContain(
    'How ballots count: the Schulze method compares every pair of shortlisted ideas; an idea beats another when more ballots rank it above that one',
  )
  // The round's own budget, and the per-idea cap the server enforces.
  const dots = await text(createElement(DotsForm, { shortlist, dotBudget, ownDots: open.ownDots }))
  expect(dots).toContain(
    'A dot is one mark of interest: each maintainer has 5 dots to spread over the shortlist, at most 2 on one idea.',
  )
  expect(dots).toContain('An idea’s total is every maintainer’s dots on it added up')
  expect(dots).toContain('Dots never change the ranked result: only the ballots decide.')

  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  await setDotVotes(roundId, dana, [{ id: docs, dots: 2 }], new Date(), getDb())
  await closeRound(
    roundId,
    { method: 'top-n', topN: 2, rationale: 'Both.', others: [] },
    dana,
    new Date(),
    getDb(),
  )
  // The page's data as the browser gets it (dates as strings).
  const closed = JSON.parse(JSON.stringify(await load(roundId, dana.id)))
  const totals = await text(
    createElement(DotTotals, { shortlist, dotBudget, totals: closed.dotTotals }),
  )
  expect(totals).toContain('Doc days: 2 dots')
  // Dana is a demo person: her dots are a demo action, as her ballot is.
  expect(totals).toContain(
    'Dot votes from 1 maintainer; not part of the ranked result. A demo person’s dots: a demo action.',
  )
  expect(totals).toContain('each maintainer has 5 dots')
  const record = await text(
    createElement(DecisionRecord, {
      decision: closed.round.decision,
      roundKind: closed.round.kind,
    }),
  )
  expect(record).toContain('How ballots count: the Schulze method')
})

test('a shortlist holding a quoted idea says what its quotation marks and italics mean; one without does not', async () => {
  const { roundId, dana, docs } = await openVotingRound()
  const shortlistText = async () => {
    const { round } = JSON.parse(JSON.stringify(await load(roundId, dana.id)))
    return (await renderInRouter(createElement(RoundShortlist, { shortlist: round.shortlist })))
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
  }
  expect(await shortlistText()).not.toContain('quoted verbatim')

  await getDb().updateTable('idea').set({ is_verbatim: true }).where('id', '=', docs).execute()
  expect(await shortlistText()).toContain(
    'A title in quotation marks and italics is quoted verbatim: the words as they were said or written where the idea came from, not reworded as an idea.',
  )
})

test('a proposed round offers maintainers its opening form on its own page, and opens from there', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const opensAt = new Date(Date.now() + 86_400_000)
  const { id: roundId } = await getDb()
    .insertInto('round')
    .values({
      release_target_id: target.targetId,
      name: 'Next month round',
      status: 'proposed',
      opens_at: opensAt,
      closes_at: new Date(opensAt.getTime() + 30 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const asMaintainer = await load(roundId, dana.id)
  expect(asMaintainer).toMatchObject({
    canOpen: true,
    running: null,
    proposalIdeas: expect.arrayContaining([expect.objectContaining({ id: tests })]),
  })
  expect(await load(roundId, cam.id)).toMatchObject({ canOpen: false, proposalIdeas: [] })

  const form: [string, string][] = [
    ['intent', 'open-round'],
    ['name', 'Next month round'],
    ['opensOn', opensAt.toISOString().slice(0, 10)],
    ['closesOn', ''],
    ['dotBudget', '0'],
    ['shortlist', String(tests)],
    ['shortlist', String(docs)],
  ]
  expect((await post(roundId, form, cam.id)).status).toBe(403)
  const refused = await post(
    roundId,
    form.map(([name, value]) => [name, name === 'closesOn' ? '2000-01-01' : value]),
    dana.id,
  )
  expect(refused.status).toBe(400)
  // The date to change is marked, and what was typed comes back.
  expect(await refused.json()).toMatchObject({
    ok: false,
    fields: { name: 'Next month round', closesOn: '2000-01-01' },
    fieldErrors: { closesOn: 'After the opening date.' },
  })
  const opened = await post(roundId, form, dana.id)
  expect(await opened.json()).toMatchObject({ ok: true })
  expect(await getRound(roundId, getDb())).toMatchObject({
    status: 'open',
    shortlist: [{ id: tests }, { id: docs }],
  })
  expect(await load(roundId, dana.id)).toMatchObject({ canOpen: false })
})

test('a proposed round’s page shows no voters, no empty shortlist and no dots before it opens', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  await makeIdea(getDb(), target, 'Better tests')
  const opensAt = new Date(Date.now() + 30 * 86_400_000)
  const { id: roundId } = await getDb()
    .insertInto('round')
    .values({
      release_target_id: target.targetId,
      name: 'Next month round',
      status: 'proposed',
      opens_at: opensAt,
      closes_at: new Date(opensAt.getTime() + 30 * 86_400_000),
      dot_budget: 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const person of [dana, cam]) {
    const html = await renderRouteWith(
      RoundRoute,
      await load(roundId, person.id),
      `/roadmap/rounds/${roundId}`,
    )
    expect(html).toContain('Next month round')
    expect(html).not.toContain('Who has voted')
    expect(html).not.toContain('id="shortlist"')
    expect(html).not.toContain('dots')
  }
})

test('opening a proposed round with a day that is not a date marks that day, and opens nothing', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const { roundId, proposedOpening } = await proposeLaterRound(target, 31)
  const submit = (opensOn: string, closesOn: string) =>
    post(
      roundId,
      [
        ['intent', 'open-round'],
        ['name', 'Later round'],
        ['opensOn', opensOn],
        ['closesOn', closesOn],
        ['dotBudget', '0'],
        ['shortlist', String(tests)],
        ['shortlist', String(docs)],
      ],
      dana.id,
    )
  const before = await snapshotRoadmap(getDb())

  const badOpening = await submit('2027-02-30', '')
  expect(badOpening.status).toBe(400)
  expect(await badOpening.json()).toMatchObject({
    ok: false,
    message: 'The opening date is not a date.',
    fields: { opensOn: '2027-02-30' },
    fieldErrors: { opensOn: 'Not a date: pick a day.' },
  })
  const badClosing = await submit(proposedOpening.toISOString().slice(0, 10), 'end of May')
  expect(badClosing.status).toBe(400)
  expect(await badClosing.json()).toMatchObject({
    message: 'The closing date is not a date.',
    fieldErrors: { closesOn: 'Not a date: pick a day.' },
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a round a demo person opened says it is a demo action; one a real maintainer opened does not', async () => {
  const { dana, roundId } = await openVotingRound()
  expect(await load(roundId, dana.id)).toMatchObject({ round: { is_demo: true } })

  const target = await makeTarget(getDb(), 'MirageOS 4.0')
  const hannes = { ...(await createGitHubAccount(getDb(), 'hannes')), role: 'maintainer' as const }
  const realRound = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'April',
      opensAt: new Date(Date.now() - 60_000),
      shortlist: [await makeIdea(getDb(), target, 'TLS'), await makeIdea(getDb(), target, 'DNS')],
    },
    hannes,
    new Date(),
    getDb(),
  )
  expect(await load(realRound, hannes.id)).toMatchObject({ round: { is_demo: false } })
})

/** A round proposed to open in 60 days and close `closesAfterDays` after that, as the page fills it. */
async function proposeLaterRound(target: { targetId: number }, closesAfterDays: number) {
  const proposedOpening = new Date(Date.now() + 60 * 86_400_000)
  const { id: roundId } = await getDb()
    .insertInto('round')
    .values({
      release_target_id: target.targetId,
      name: 'Later round',
      status: 'proposed',
      opens_at: proposedOpening,
      closes_at: new Date(proposedOpening.getTime() + closesAfterDays * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { roundId, proposedOpening }
}

test('opening a proposed round on another day closes it a month after that day, not on its proposed close', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const { roundId, proposedOpening } = await proposeLaterRound(target, 35)

  // The form as the page fills it, with only "Opens on" changed to today.
  const { defaults } = await load(roundId, dana.id)
  expect(defaults).toMatchObject({
    name: 'Later round',
    opensOn: proposedOpening.toISOString().slice(0, 10),
  })
  const today = new Date().toISOString().slice(0, 10)
  const opened = await post(
    roundId,
    [
      ['intent', 'open-round'],
      ['name', defaults.name],
      ['opensOn', today],
      ['closesOn', defaults.closesOn],
      ['dotBudget', '0'],
      ['shortlist', String(tests)],
      ['shortlist', String(docs)],
    ],
    dana.id,
  )
  expect(await opened.json()).toMatchObject({ ok: true })
  const round = await getRound(roundId, getDb())
  expect(round?.closes_at && new Date(round.closes_at).toISOString().slice(0, 10)).toBe(
    addMonths(new Date(`${today}T00:00:00Z`), 1)
      .toISOString()
      .slice(0, 10),
  )
})

test('opening a proposed round on its later day says it is scheduled, not open', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const { roundId } = await proposeLaterRound(target, 31)

  // The form as the page fills it: "Opens on" is the proposed day, weeks away.
  const { defaults } = await load(roundId, dana.id)
  const opened = await post(
    roundId,
    [
      ['intent', 'open-round'],
      ['name', defaults.name],
      ['opensOn', defaults.opensOn],
      ['closesOn', defaults.closesOn],
      ['dotBudget', '0'],
      ['shortlist', String(tests)],
      ['shortlist', String(docs)],
    ],
    dana.id,
  )
  const result = await opened.json()
  expect(result).toMatchObject({ ok: true })
  expect(result.message).toMatch(/^Later round is scheduled, with its shortlist: voting starts on /)
  expect((await load(roundId, dana.id)).phase).toBe('scheduled')
})

test('once closed, the round page points to the next round that closing proposed', async () => {
  const { dana, cam, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  expect((await load(roundId, cam.id)).next).toBeNull()
  const closed = await post(
    roundId,
    [
      ['intent', 'close'],
      ['method', 'top-n'],
      ['topN', '1'],
      ['rationale', 'Docs first.'],
      ['otherOutcome', 'deferred:ideation'],
      ['otherReason', 'Later.'],
    ],
    dana.id,
  )
  expect(closed.status).toBe(200)
  const proposed = await getDb()
    .selectFrom('round')
    .select(['id', 'name'])
    .where('status', '=', 'proposed')
    .executeTakeFirstOrThrow()
  expect((await load(roundId, cam.id)).next).toMatchObject({
    id: proposed.id,
    name: proposed.name,
    phase: 'proposed',
  })
})

test('until someone votes, the round page offers no close form but says closing waits for a ballot', async () => {
  const { dana, cam, docs, roundId } = await openVotingRound()
  expect(await load(roundId, dana.id)).toMatchObject({ closing: 'awaits-ballot' })
  expect((await load(roundId, cam.id)).closing).toBeNull()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  expect(await load(roundId, dana.id)).toMatchObject({ closing: 'form' })
})

/** The closed round's decision and what follows it, as its page renders them. */
async function closedRoundText(roundId: number, accountId: number) {
  // The page's data as the browser gets it (dates as strings).
  const data = JSON.parse(JSON.stringify(await load(roundId, accountId)))
  const element = createElement(
    Fragment,
    null,
    createElement(DecisionRecord, { decision: data.round.decision, roundKind: data.round.kind }),
    createElement(RoundNextSteps, {
      targetSlug: data.round.target_slug,
      hasAgreed: data.round.decision.outcomes.some(
        (outcome: { outcome: string }) => outcome.outcome === 'agreed',
      ),
      next: data.next,
    }),
  )
  return (await renderInRouter(element)).replace(/<[^>]+>/g, '')
}

test('a closed round says its agreed efforts are on the roadmap', async () => {
  const { dana, cam, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Later.',
  })
  const text = await closedRoundText(roundId, cam.id)
  expect(text).toContain('The agreed efforts are on the roadmap.')
  // Who recorded it and how read as one sentence; the demo badge follows it, not inside it.
  expect(text).toMatch(
    /by dana \(demo person\): the top 1 of the Schulze order\.\s*Demo decision: a demo action, not a MirageOS decision\./,
  )
  expect(text).not.toContain('Nothing was agreed')
})

test('a closed round whose next round is opened for a later day says when its voting opens, not that it is open now', async () => {
  const { target, dana, cam, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Later.',
  })
  const proposed = await getDb()
    .selectFrom('round')
    .select(['id', 'release_target_id', 'opens_at'])
    .where('status', '=', 'proposed')
    .executeTakeFirstOrThrow()
  const third = await makeIdea(getDb(), target, 'Fuzzing')
  // Opened on the day it was proposed for, a month ahead: scheduled, voting not started.
  await openRound(
    {
      releaseTargetId: proposed.release_target_id,
      proposedRoundId: proposed.id,
      name: 'Next month',
      opensAt: proposed.opens_at,
      shortlist: [tests, third],
    },
    dana,
    new Date(),
    getDb(),
  )
  const text = await closedRoundText(roundId, cam.id)
  expect(text).toContain(
    `Next: Next month, scheduled: voting opens on ${formatDate(proposed.opens_at)}.`,
  )
  expect(text).not.toContain('open now')
})

test('a closed round that agreed nothing says so plainly, and where its ideas went, not that agreed efforts are on the roadmap', async () => {
  const { dana, cam, tests, docs, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  // Closed with nothing agreed, as decisions recorded before the close form refused that were:
  // one idea deferred back to ideation, one declined and archived.
  const db = getDb()
  await db
    .updateTable('round')
    .set({ status: 'closed', closed_at: new Date() })
    .where('id', '=', roundId)
    .execute()
  const decision = await db
    .insertInto('decision')
    .values({
      round_id: roundId,
      decided_at: new Date(),
      decided_by: dana.id,
      method: 'picked',
      top_n: null,
      rationale: 'Neither this month.',
      voter_logins: [dana.login],
      tally: sql<string>`cast(${JSON.stringify({ ...tallySchulze([tests, docs], [new Map([[docs, 1]])]), ballots: 1 })}::text as jsonb)`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('decision_outcome')
    .values([
      {
        decision_id: decision.id,
        idea_id: tests,
        outcome: 'deferred',
        disposition: 'ideation',
        reason: 'Later.',
        position: 0,
      },
      {
        decision_id: decision.id,
        idea_id: docs,
        outcome: 'declined',
        disposition: 'archived',
        reason: 'Not ours.',
        position: 1,
      },
    ])
    .execute()
  const text = await closedRoundText(roundId, cam.id)
  expect(text).not.toContain('agreed efforts are on')
  expect(text).toContain('This round added nothing to the roadmap.')
  expect(text).toContain(
    'Nothing was agreed, so the roadmap did not change. Of the 2 ideas it considered, 1 went back to ideation and 1 was archived, as listed below.',
  )
})

test('an idea the previous round deferred comes back to the next shortlist marked "deferred in" that round', async () => {
  const made = await makeTarget(getDb())
  const target = made.targetId
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  const tests = await makeIdea(getDb(), made, 'Better tests')
  const docs = await makeIdea(getDb(), made, 'Doc days')
  const fuzzing = await makeIdea(getDb(), made, 'Fuzzing')
  const roundId = await openRound(
    {
      releaseTargetId: target,
      name: 'March',
      opensAt: new Date(Date.now() - 60_000),
      shortlist: [tests, docs],
    },
    dana,
    new Date(),
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Later.',
  })
  const april = await openRound(
    {
      releaseTargetId: target,
      name: 'April',
      opensAt: new Date(Date.now() - 30_000),
      shortlist: [tests, fuzzing],
    },
    dana,
    new Date(),
    getDb(),
  )

  const data = JSON.parse(JSON.stringify(await load(april, dana.id)))
  expect(data.round.shortlist).toMatchObject([
    { id: tests, deferred_in: { round: 'March', isDemo: true } },
    { id: fuzzing, deferred_in: null },
  ])
  // Dana is a demo person: her deferral is a demo decision, and the marks say so.
  // The form that changes the shortlist says it too.
  expect(data.openIdeas).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        id: tests,
        deferred_in: { roundId, round: 'March', isDemo: true },
      }),
      expect.objectContaining({ id: fuzzing, deferred_in: null }),
    ]),
  )
  const form = (
    await renderInRouter(
      createElement(ShortlistForm, { shortlist: data.round.shortlist, openIdeas: data.openIdeas }),
    )
  ).replace(/<[^>]+>/g, '')
  expect(form).toContain(
    'Better tests (Quality and testing)deferred in March demo decision: a demo action, not a MirageOS decisionFuzzing',
  )
  // March's own page does not say its ideas were deferred "in March" before it decided.
  const march = await load(roundId, cam.id)
  expect(march.round.shortlist.map((idea) => idea.deferred_in)).toEqual([null, null])
})

test('a maintainer moves a scheduled round earlier from its page; a day already past is refused with the reason, and nothing changes', async () => {
  const { dana, roundId } = await openRoundOfTwo(getDb(), {
    name: 'Later',
    opensAt: new Date(Date.now() + 60 * 86_400_000),
  })
  const day = (daysFromNow: number) =>
    new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10)

  const moved = await post(
    roundId,
    [
      ['intent', 'reschedule'],
      ['opensOn', day(30)],
      ['closesOn', ''],
    ],
    dana.id,
  )
  expect(moved.status).toBe(200)
  expect((await moved.json()).message).toMatch(/^The round is moved: voting starts on /)
  const round = await getRound(roundId, getDb())
  expect(round?.opens_at).toEqual(new Date(`${day(30)}T00:00:00Z`))
  expect((await load(roundId, dana.id)).phase).toBe('scheduled')

  const before = await snapshotRoadmap(getDb())
  const refused = await post(
    roundId,
    [
      ['intent', 'reschedule'],
      ['opensOn', day(-10)],
      ['closesOn', ''],
    ],
    dana.id,
  )
  expect(refused.status).toBe(400)
  expect(await refused.json()).toMatchObject({
    ok: false,
    message: expect.stringMatching(
      /^The round cannot open on .*: that is in the past\. A scheduled round can move to today, which starts voting now, or to a day still to come\.$/,
    ),
    fieldErrors: { opensOn: 'Pick today or a day still to come.' },
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('on the call’s day, a maintainer moves a round scheduled for later to today from its page, and voting opens now', async () => {
  // Opened with the date the previous close proposed, a month ahead.
  const { dana, tests, docs, roundId } = await openRoundOfTwo(getDb(), {
    name: 'Next month',
    opensAt: new Date(Date.now() + 31 * 86_400_000),
  })
  expect((await load(roundId, dana.id)).phase).toBe('scheduled')
  const today = new Date().toISOString().slice(0, 10)
  const moved = await post(
    roundId,
    [
      ['intent', 'reschedule'],
      ['opensOn', today],
      ['closesOn', ''],
    ],
    dana.id,
  )
  expect(moved.status).toBe(200)
  expect((await moved.json()).message).toMatch(/^Voting is open now, until /)
  const data = await load(roundId, dana.id)
  expect(data.phase).toBe('voting')
  const ballot = await post(
    roundId,
    [
      ['intent', 'ballot'],
      ['idea', String(tests)],
      ['rank', '1'],
      ['idea', String(docs)],
      ['rank', '2'],
    ],
    dana.id,
  )
  expect(ballot.status).toBe(200)
})

test('a round whose voting ended with no ballot offers a later close from its page, and voting opens again', async () => {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
  const { dana, roundId } = await openRoundOfTwo(
    getDb(),
    { name: 'Forgotten', opensAt: ago(40), closesAt: ago(10) },
    ago(41),
  )
  expect(await load(roundId, dana.id)).toMatchObject({ phase: 'ended', closing: 'awaits-ballot' })

  const past = await post(
    roundId,
    [
      ['intent', 'extend'],
      ['closesOn', ago(1).toISOString().slice(0, 10)],
    ],
    dana.id,
  )
  expect(past.status).toBe(400)
  expect(await past.json()).toMatchObject({
    message: expect.stringMatching(/^Voting cannot close on .*: that is not in the future\.$/),
    fieldErrors: { closesOn: 'Pick a day still to come.' },
  })

  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
  const extended = await post(
    roundId,
    [
      ['intent', 'extend'],
      ['closesOn', inTwoWeeks],
    ],
    dana.id,
  )
  expect(extended.status).toBe(200)
  expect((await extended.json()).message).toMatch(/^Voting is open again until /)
  expect((await getRound(roundId, getDb()))?.closes_at).toEqual(new Date(`${inTwoWeeks}T00:00:00Z`))
  expect((await load(roundId, dana.id)).phase).toBe('voting')
})

test('moving a round the board named to another month says its new name', async () => {
  const { dana, roundId } = await openRoundOfTwo(getDb(), {
    name: '',
    opensAt: new Date(Date.now() + 60 * 86_400_000),
  })
  // Two months later: another month, whatever today is.
  const newDay = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10)
  const moved = await post(
    roundId,
    [
      ['intent', 'reschedule'],
      ['opensOn', newDay],
      ['closesOn', ''],
    ],
    dana.id,
  )
  const newName = roundNameFor(new Date(`${newDay}T00:00:00Z`))
  expect((await moved.json()).message).toMatch(
    new RegExp(`^The round is moved: voting starts on .+ It is now named ${newName}\\.$`),
  )
  expect((await getRound(roundId, getDb()))?.name).toBe(newName)
})

test('closing before voting ends says so on the close form, and how many maintainers have not voted yet; once voting ended it does not', async () => {
  const { dana, tests, roundId } = await openVotingRound()
  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  const closeEarly = async () => {
    const html = await renderRouteWith(
      RoundRoute,
      await load(roundId, dana.id),
      `/roadmap/rounds/${roundId}`,
    )
    expect(html).toContain('Close the round and record the decision')
    const [, words] = /<p id="close-early"[^>]*>([\s\S]*?)<\/p>/.exec(html) ?? []
    return words?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
  }
  const closesAt = (await getRound(roundId, getDb()))!.closes_at
  // Dana voted, out of her and the two demo maintainers one can sign in as (the first test).
  expect(await closeEarly()).toBe(
    `Voting is open until ${formatDate(closesAt)}. 1 of 3 maintainers voted: 2 have not voted yet. Closing now ends voting early, and they can no longer vote.`,
  )
  await getDb()
    .updateTable('round')
    .set({ closes_at: new Date(Date.now() - 60_000) })
    .where('id', '=', roundId)
    .execute()
  expect(await closeEarly()).toBeUndefined()
})
