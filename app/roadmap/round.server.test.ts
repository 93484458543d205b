import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createGitHubAccount, createMaintainer } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { listNotifications } from '../notifications/inbox.server'
import { Refusal } from '../utils/refusal'

import { castBallot, getDotTotals, getOwnBallot, setDotVotes } from './ballot.server'
import type { CloseRoundInput } from './decision'
import { closeRound, recordCallDecision } from './decision.server'
import { getIdea } from './idea.server'
import { listIdeation } from './ideation.server'
import { getPublicRoadmap } from './roadmap.server'
import {
  countEligibleVoters,
  extendVoting,
  getRound,
  listRounds,
  listVoters,
  openRound,
  rescheduleRound,
  updateShortlist,
} from './round.server'
import { tallySchulze } from './schulze'
import {
  closeOnTopIdea,
  DAY_MS,
  makeIdea,
  makePerson,
  makeTarget,
  openRoundOfTwo,
  snapshotRoadmap,
} from './test-fixtures'

const getDb = setupTestDatabase()

const OPENS = new Date('2027-03-01T09:00:00Z')
const DURING = new Date(OPENS.getTime() + 3 * DAY_MS)

async function expectRefusedUnchanged(work: () => Promise<unknown>, message: RegExp) {
  const before = await snapshotRoadmap(getDb())
  const error = await work().then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(Refusal)
  expect((error as Refusal).message).toMatch(message)
  expect(await snapshotRoadmap(getDb())).toEqual(before)
}

/** A target, three ideas in ideation, two maintainers, a contributor and a round over two ideas. */
async function setUpRound(options: { dotBudget?: number } = {}) {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const ari = await makePerson(getDb(), 'ari', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days', { areaId: target.areas.docs })
  const js = await makeIdea(getDb(), target, 'JavaScript backend')
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March 2027 round',
      opensAt: OPENS,
      shortlist: [tests, docs],
      dotBudget: options.dotBudget ?? 0,
    },
    dana,
    OPENS,
    getDb(),
  )
  return { target, dana, ari, cam, ideas: { tests, docs, js }, roundId }
}

test('a round closes one month after it opens unless told otherwise', async () => {
  const { roundId } = await setUpRound()
  const round = await getRound(roundId, getDb())
  expect(round?.closes_at).toEqual(new Date('2027-04-01T09:00:00Z'))
  expect(round?.shortlist.map((idea) => idea.title)).toEqual(['Better tests', 'Doc days'])
  expect(round?.status).toBe('open')
})

test('opening a round with a bad shortlist, bad dates or while another is open is refused', async () => {
  const { target, dana, ideas, roundId } = await setUpRound()
  const base = {
    releaseTargetId: target.targetId,
    name: 'April',
    opensAt: OPENS,
    shortlist: [ideas.js, ideas.docs],
  }
  await expectRefusedUnchanged(
    () => openRound(base, dana, OPENS, getDb()),
    /“March 2027 round” is still open/,
  )
  await closeWithBallot(roundId, dana)
  await expectRefusedUnchanged(
    () => openRound({ ...base, shortlist: [ideas.js] }, dana, DURING, getDb()),
    /at least 2 ideas/,
  )
  await expectRefusedUnchanged(
    () => openRound({ ...base, shortlist: [ideas.js, ideas.js] }, dana, DURING, getDb()),
    /names an idea twice/,
  )
  // "Better tests" was agreed by the closed round: no longer in ideation.
  await expectRefusedUnchanged(
    () => openRound({ ...base, shortlist: [ideas.js, ideas.tests, 9999] }, dana, DURING, getDb()),
    new RegExp(`Idea ${ideas.tests} is already agreed.*Idea 9999 does not exist`),
  )
  await expectRefusedUnchanged(
    () =>
      openRound(
        { ...base, opensAt: DURING, closesAt: OPENS, shortlist: [ideas.js, ideas.docs] },
        dana,
        DURING,
        getDb(),
      ),
    /closing date must come after the opening date/,
  )
  await expectRefusedUnchanged(
    () => openRound(base, dana, new Date('2030-01-01'), getDb()),
    /closing date has already passed/,
  )
})

test('opening a round whose close has passed marks the field to change: the close given, else the opening', async () => {
  const { target, dana, ideas } = await setUpRound()
  const base = {
    releaseTargetId: target.targetId,
    name: 'Late',
    opensAt: OPENS,
    shortlist: [ideas.js, ideas.docs],
  }
  const now = new Date('2030-01-01T00:00:00Z')
  const refused = { status: 400, message: 'The closing date has already passed.' }
  // Blank, the close is a month after the opening: a later opening is what would do.
  await expect(openRound(base, dana, now, getDb())).rejects.toMatchObject({
    ...refused,
    fieldErrors: { opensOn: 'Pick a day still to come.' },
  })
  await expect(
    openRound({ ...base, closesAt: new Date('2027-03-15T00:00:00Z') }, dana, now, getDb()),
  ).rejects.toMatchObject({ ...refused, fieldErrors: { closesOn: 'Pick a day still to come.' } })
})

// Ten days before OPENS, when setUpRound's round is scheduled (voting not started).
const BEFORE = new Date(OPENS.getTime() - 10 * DAY_MS)

test('a round day that is not a date is refused naming its field, when opening, moving or extending a round', async () => {
  const { target, dana, ideas, roundId } = await setUpRound()
  const notADate = new Date('not a date')
  const notMarked = (field: string, what: string) => ({
    status: 400,
    message: `The ${what} is not a date.`,
    fieldErrors: { [field]: 'Not a date: pick a day.' },
  })
  const before = await snapshotRoadmap(getDb())
  const base = {
    releaseTargetId: target.targetId,
    name: 'Later',
    opensAt: OPENS,
    shortlist: [ideas.js, ideas.docs],
  }
  await expect(
    openRound({ ...base, opensAt: notADate }, dana, BEFORE, getDb()),
  ).rejects.toMatchObject(notMarked('opensOn', 'opening date'))
  await expect(
    openRound({ ...base, closesAt: notADate }, dana, BEFORE, getDb()),
  ).rejects.toMatchObject(notMarked('closesOn', 'closing date'))
  await expect(
    rescheduleRound(roundId, { opensAt: notADate }, BEFORE, getDb()),
  ).rejects.toMatchObject(notMarked('opensOn', 'opening date'))
  await expect(
    rescheduleRound(roundId, { opensAt: OPENS, closesAt: notADate }, BEFORE, getDb()),
  ).rejects.toMatchObject(notMarked('closesOn', 'closing date'))
  await expect(extendVoting(roundId, notADate, BEFORE, getDb())).rejects.toMatchObject(
    notMarked('closesOn', 'closing date'),
  )
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a scheduled round moves later, to a close given, or earlier, still to come, keeping its length', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  const later = new Date('2027-05-01T00:00:00Z')
  const close = new Date('2027-05-15T00:00:00Z')
  await rescheduleRound(roundId, { opensAt: later, closesAt: close }, BEFORE, getDb())
  expect(await getRound(roundId, getDb())).toMatchObject({ opens_at: later, closes_at: close })

  const earlier = new Date(OPENS.getTime() - 5 * DAY_MS)
  expect(await rescheduleRound(roundId, { opensAt: earlier }, BEFORE, getDb())).toEqual({
    opensAt: earlier,
    closesAt: new Date(earlier.getTime() + 14 * DAY_MS),
  })
  expect(await getRound(roundId, getDb())).toMatchObject({
    opens_at: earlier,
    closes_at: new Date(earlier.getTime() + 14 * DAY_MS),
  })
  // Voting starts on the new day: a ballot there, refused on the old schedule, is taken.
  const voteDay = new Date(earlier.getTime() + 60_000)
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], voteDay, getDb())
  expect((await listVoters(roundId, getDb())).map((voter) => voter.login)).toEqual(['dana'])
})

test('a scheduled round moved to another month takes that month’s name if the board named it; a typed name stays', async () => {
  const { dana, roundId } = await setUpRound()
  await rescheduleRound(roundId, { opensAt: new Date('2027-04-05T00:00:00Z') }, BEFORE, getDb())
  expect((await getRound(roundId, getDb()))?.name).toBe('April 2027 round')
  const other = await makeTarget(getDb(), 'other')
  const [a, b] = [await makeIdea(getDb(), other, 'A'), await makeIdea(getDb(), other, 'B')]
  const typed = await openRound(
    { releaseTargetId: other.targetId, name: 'Spring planning', opensAt: OPENS, shortlist: [a, b] },
    dana,
    BEFORE,
    getDb(),
  )
  await rescheduleRound(typed, { opensAt: new Date('2027-04-05T00:00:00Z') }, BEFORE, getDb())
  expect((await getRound(typed, getDb()))?.name).toBe('Spring planning')
})

test('a scheduled round moved to today starts voting now, not at midnight, keeping its length', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  const scheduled = (await getRound(roundId, getDb()))!
  const length = scheduled.closes_at.getTime() - scheduled.opens_at.getTime()
  const today = new Date(`${BEFORE.toISOString().slice(0, 10)}T00:00:00Z`)
  expect(await rescheduleRound(roundId, { opensAt: today }, BEFORE, getDb())).toEqual({
    opensAt: BEFORE,
    closesAt: new Date(BEFORE.getTime() + length),
  })
  expect(await getRound(roundId, getDb())).toMatchObject({
    opens_at: BEFORE,
    closes_at: new Date(BEFORE.getTime() + length),
  })
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], BEFORE, getDb())
  expect((await listVoters(roundId, getDb())).map((voter) => voter.login)).toEqual(['dana'])
})

test('moving a round to a moment not in the future, before its close, or once voting started is refused', async () => {
  const { roundId } = await setUpRound()
  const refusal = await rescheduleRound(
    roundId,
    { opensAt: new Date(BEFORE.getTime() - DAY_MS) },
    BEFORE,
    getDb(),
  ).catch((error: unknown) => error)
  expect(refusal).toBeInstanceOf(Refusal)
  expect(refusal).toMatchObject({
    status: 400,
    message:
      'The round cannot open on 18 Feb 2027: that is in the past. A scheduled round can move to today, which starts voting now, or to a day still to come.',
    fieldErrors: { opensOn: 'Pick today or a day still to come.' },
  })
  await expectRefusedUnchanged(
    () => rescheduleRound(roundId, { opensAt: BEFORE }, BEFORE, getDb()),
    /in the past/,
  )
  await expectRefusedUnchanged(
    () =>
      rescheduleRound(
        roundId,
        { opensAt: new Date(BEFORE.getTime() + DAY_MS), closesAt: BEFORE },
        BEFORE,
        getDb(),
      ),
    /closing date must come after the opening date/,
  )
  await expectRefusedUnchanged(
    () =>
      rescheduleRound(roundId, { opensAt: new Date(DURING.getTime() + DAY_MS) }, DURING, getDb()),
    /only a scheduled round can be moved/,
  )
})

async function closeWithBallot(roundId: number, voter: { id: number; login: string }) {
  const round = await getRound(roundId, getDb())
  const [first, second] = round!.shortlist.map((idea) => idea.id) as [number, number]
  await castBallot(
    roundId,
    { ...voter, role: 'maintainer' },
    [{ id: first, rank: 1 }],
    DURING,
    getDb(),
  )
  return closeOnTopIdea(getDb(), roundId, [first, second], voter, DURING, {
    rationale: 'The first one matters most.',
    reason: 'Later.',
  })
}

test('a maintainer casts a ranked ballot with ties and edits it until the round closes', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  await castBallot(
    roundId,
    dana,
    [
      { id: ideas.tests, rank: 1 },
      { id: ideas.docs, rank: 1 },
    ],
    DURING,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: ideas.docs, rank: 1 }], DURING, getDb())
  expect((await getOwnBallot(roundId, dana.id, getDb()))?.ranks).toEqual({ [ideas.docs]: 1 })
  expect((await listVoters(roundId, getDb())).map((voter) => voter.login)).toEqual(['dana'])
})

test('voting before the round opens, after its closing date or once closed is refused', async () => {
  const { dana, ari, ideas, roundId } = await setUpRound()
  const ballot = [{ id: ideas.tests, rank: 1 }]
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, ballot, new Date(OPENS.getTime() - 1), getDb()),
    /Voting has not started: this round opens on 1 Mar 2027/,
  )
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, ballot, new Date('2027-04-01T09:00:00Z'), getDb()),
    /Voting ended on 1 Apr 2027/,
  )
  await closeWithBallot(roundId, ari)
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, ballot, DURING, getDb()),
    /This round closed on 4 Mar 2027; its votes can no longer change/,
  )
})

test('a ballot naming an unknown or unlisted idea, or ranking one twice, is refused', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  await castBallot(roundId, dana, [{ id: ideas.docs, rank: 1 }], DURING, getDb())
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, [{ id: ideas.js, rank: 1 }], DURING, getDb()),
    new RegExp(`Idea ${ideas.js} is not on this round's shortlist`),
  )
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, [{ id: 424242, rank: 1 }], DURING, getDb()),
    /Idea 424242 is not on this round's shortlist/,
  )
  await expectRefusedUnchanged(
    () =>
      castBallot(
        roundId,
        dana,
        [
          { id: ideas.tests, rank: 1 },
          { id: ideas.tests, rank: 2 },
        ],
        DURING,
        getDb(),
      ),
    new RegExp(`Idea ${ideas.tests} is ranked more than once`),
  )
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, [{ id: ideas.tests, rank: 0 }], DURING, getDb()),
    /a rank must be a whole number of at least 1/,
  )
  await expectRefusedUnchanged(
    () => castBallot(roundId, dana, [], DURING, getDb()),
    /Rank at least one idea/,
  )
})

test('a contributor trying to vote is refused', async () => {
  const { cam, ideas, roundId } = await setUpRound()
  await expectRefusedUnchanged(
    () => castBallot(roundId, cam, [{ id: ideas.tests, rank: 1 }], DURING, getDb()),
    /Only maintainers vote/,
  )
})

test('a proposed round takes no votes until a maintainer opens it', async () => {
  const { dana, ari, ideas, roundId } = await setUpRound()
  const { nextRoundId } = await closeWithBallot(roundId, ari)
  await expectRefusedUnchanged(
    () =>
      castBallot(
        nextRoundId!,
        dana,
        [{ id: ideas.docs, rank: 1 }],
        new Date('2027-04-02'),
        getDb(),
      ),
    /only proposed/,
  )
})

test('the round shows who voted and never how; the own ballot is only the voter’s', async () => {
  const { dana, ari, ideas, roundId } = await setUpRound()
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], DURING, getDb())
  const round = await getRound(roundId, getDb())
  expect(round?.voters.map((voter) => voter.login)).toEqual(['dana'])
  expect(round?.decision).toBeNull()
  expect(JSON.stringify(round)).not.toMatch(/"rank"/)
  expect(await getOwnBallot(roundId, ari.id, getDb())).toBeNull()
})

test('who can vote in an open round: the maintainers someone can be now, and whoever voted', async () => {
  const { ideas, roundId } = await setUpRound()
  // A real maintainer counts; a contributor does not; nobody signs in as the demo's seeded one.
  await createMaintainer(getDb(), 'hannesm')
  await createGitHubAccount(getDb(), 'reader')
  const sam = await makePerson(getDb(), 'demo-seed-maintainer', 'maintainer')
  const count = (withDemo: boolean) => countEligibleVoters(roundId, { withDemo }, getDb())
  // hannesm, and the two demo maintainers one can sign in as, though nobody has been them yet.
  expect(await count(true)).toBe(3)
  // Without demo sign-in nobody can be a demo maintainer.
  expect(await count(false)).toBe(1)
  // A ballot counts its voter, whoever can vote now: never fewer could vote than did. The demo
  // maintainer who voted is counted once.
  const demoDana = await makePerson(getDb(), 'demo-maintainer', 'maintainer')
  await castBallot(roundId, sam, [{ id: ideas.tests, rank: 1 }], DURING, getDb())
  await castBallot(roundId, demoDana, [{ id: ideas.tests, rank: 1 }], DURING, getDb())
  expect(await count(true)).toBe(4)
  expect(await count(false)).toBe(3)
})

test('the shortlist can change until the first vote, then no longer', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  await updateShortlist(roundId, [ideas.docs, ideas.js, ideas.tests], dana, DURING, getDb())
  expect((await getRound(roundId, getDb()))?.shortlist.map((idea) => idea.id)).toEqual([
    ideas.docs,
    ideas.js,
    ideas.tests,
  ])
  await castBallot(roundId, dana, [{ id: ideas.js, rank: 1 }], DURING, getDb())
  await expectRefusedUnchanged(
    () => updateShortlist(roundId, [ideas.docs, ideas.tests], dana, DURING, getDb()),
    /Votes have been cast/,
  )
})

test('a shortlist change is its maintainer’s doing: not told to her, a demo action when she is a demo person', async () => {
  const { ari, cam, target, roundId, ideas } = await setUpRound()
  const own = await makeIdea(getDb(), target, 'Ari’s idea', { authorId: ari.id })
  const cams = await makeIdea(getDb(), target, 'Cam’s idea', { authorId: cam.id })
  // A real maintainer adds her own idea: her notice of it would be of her own doing.
  await updateShortlist(roundId, [ideas.tests, ideas.docs, own], ari, DURING, getDb())
  expect((await listNotifications(ari.id, null, getDb())).items.map((n) => n.title)).not.toContain(
    '“Ari’s idea” is shortlisted for March 2027 round (MirageOS 3.0)',
  )
  // A demo maintainer adds Cam’s idea: his notice says it was a demo action.
  const demoDana = {
    id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()),
    login: DEMO_PEOPLE[0].login,
    role: 'maintainer' as const,
  }
  await updateShortlist(roundId, [ideas.tests, ideas.docs, own, cams], demoDana, DURING, getDb())
  const told = (await listNotifications(cam.id, null, getDb())).items
  expect(told.map((n) => [n.title, n.is_demo_action])).toEqual([
    ['“Cam’s idea” is shortlisted for March 2027 round (MirageOS 3.0)', true],
  ])
})

test('a shortlist change tells the ideas it adds and those it takes off, each time, reading what it corrects; ideas that stay hear nothing', async () => {
  const { ari, cam, target, roundId, ideas } = await setUpRound()
  const mine = await makeIdea(getDb(), target, 'Image signing', { authorId: cam.id })
  const kept = await makeIdea(getDb(), target, 'Fuzzing', { authorId: cam.id })
  const titles = async () =>
    (await listNotifications(cam.id, null, getDb())).items.map((n) => n.title).sort()
  const unreadTitles = async () =>
    (await listNotifications(cam.id, null, getDb())).items
      .filter((n) => n.read_at === null)
      .map((n) => n.title)
      .sort()
  const on = (title: string) => `“${title}” is shortlisted for March 2027 round (MirageOS 3.0)`
  const off = (title: string) =>
    `“${title}” is no longer shortlisted for March 2027 round (MirageOS 3.0): it stays in ideation`
  const at = (days: number) => new Date(OPENS.getTime() + days * DAY_MS)
  await updateShortlist(roundId, [ideas.tests, ideas.docs, mine, kept], ari, at(1), getDb())
  expect(await titles()).toEqual([on('Fuzzing'), on('Image signing')])
  // Taken off: her notice said it was up for a vote, so she is told it is not any more.
  await updateShortlist(roundId, [ideas.tests, ideas.docs, kept], ari, at(2), getDb())
  expect(await titles()).toEqual([on('Fuzzing'), on('Image signing'), off('Image signing')].sort())
  // What is no longer true does not wait unread beside what corrects it; the inbox keeps both.
  expect(await unreadTitles()).toEqual([on('Fuzzing'), off('Image signing')].sort())
  // Put back: news again; "Fuzzing", on it all along, is not told twice.
  await updateShortlist(roundId, [ideas.tests, kept, mine, ideas.docs], ari, at(3), getDb())
  expect(await titles()).toEqual(
    [on('Fuzzing'), on('Image signing'), on('Image signing'), off('Image signing')].sort(),
  )
  expect(await unreadTitles()).toEqual([on('Fuzzing'), on('Image signing')].sort())
})

test('closing records the Schulze order, the agreed efforts, the others with reasons, and who voted', async () => {
  const { dana, ari, ideas, roundId } = await setUpRound()
  await updateShortlist(roundId, [ideas.tests, ideas.docs, ideas.js], dana, DURING, getDb())
  const danaBallot = [
    { id: ideas.docs, rank: 1 },
    { id: ideas.tests, rank: 2 },
  ]
  const ariBallot = [
    { id: ideas.docs, rank: 1 },
    { id: ideas.js, rank: 2 },
    { id: ideas.tests, rank: 2 },
  ]
  await castBallot(roundId, dana, danaBallot, DURING, getDb())
  await castBallot(roundId, ari, ariBallot, DURING, getDb())
  const { decisionId, nextRoundId } = await closeRound(
    roundId,
    {
      method: 'top-n',
      topN: 2,
      rationale: 'Documentation first, then tests.',
      // Every idea's outcome if it falls outside the top 2: the order is secret until the close.
      others: [ideas.tests, ideas.docs, ideas.js].map((ideaId) => ({
        ideaId,
        outcome: 'declined' as const,
        disposition: 'archived' as const,
        reason: 'Out of scope.',
      })),
    },
    dana,
    DURING,
    getDb(),
  )
  const round = await getRound(roundId, getDb())
  const expected = tallySchulze(
    [ideas.tests, ideas.docs, ideas.js],
    [danaBallot, ariBallot].map((ballot) => new Map(ballot.map(({ id, rank }) => [id, rank]))),
  )
  expect(round?.status).toBe('closed')
  expect(round?.decision?.id).toBe(decisionId)
  expect(round?.decision?.tally).toEqual({ ...expected, ballots: 2 })
  expect(expected.order.map((candidate) => candidate.id)).toEqual([
    ideas.docs,
    ideas.tests,
    ideas.js,
  ])
  expect(round?.decision?.voter_logins).toEqual(['ari', 'dana'])
  expect(
    round?.decision?.outcomes.map((o) => [o.title, o.outcome, o.disposition, o.reason]),
  ).toEqual([
    ['Doc days', 'agreed', 'roadmap', null],
    ['Better tests', 'agreed', 'roadmap', null],
    ['JavaScript backend', 'declined', 'archived', 'Out of scope.'],
  ])
  expect((await getIdea(ideas.js, null, getDb()))?.status).toBe('archived')
  expect((await getIdea(ideas.docs, null, getDb()))?.status).toBe('agreed')
  // Agreed and archived ideas leave the ideation page.
  const ideation = await listIdeation(
    { releaseTargetId: round!.release_target_id, perArea: 10 },
    getDb(),
  )
  expect(ideation.flatMap((area) => area.ideas)).toEqual([])

  const next = await getRound(nextRoundId!, getDb())
  expect(next).toMatchObject({
    status: 'proposed',
    name: 'April 2027 round',
    opens_at: new Date('2027-04-01T09:00:00Z'),
    closes_at: new Date('2027-05-01T09:00:00Z'),
  })
})

test('a round opened early under next month’s name does not leave the round it proposes the same name', async () => {
  // Proposed for April, opened on 1 March at a call, keeping the name the proposal gave it.
  const { dana, roundId } = await openRoundOfTwo(
    getDb(),
    { name: 'April 2027 round', opensAt: OPENS },
    OPENS,
  )
  const { nextRoundId } = await closeWithBallot(roundId, dana)
  expect(await getRound(nextRoundId!, getDb())).toMatchObject({
    status: 'proposed',
    name: 'Round of 1 April 2027',
    opens_at: new Date('2027-04-01T09:00:00Z'),
  })
})

test('a proposed round opened for another month with no name typed is named after the day it opens, and says when it was opened', async () => {
  const { target, dana, ari, ideas, roundId } = await setUpRound()
  const { nextRoundId } = await closeWithBallot(roundId, ari)
  expect((await getRound(nextRoundId!, getDb()))?.name).toBe('April 2027 round')
  const now = new Date('2027-04-02T10:00:00Z')
  const opened = await openRound(
    {
      releaseTargetId: target.targetId,
      proposedRoundId: nextRoundId,
      name: '  ',
      opensAt: new Date('2027-05-15T00:00:00Z'),
      shortlist: [ideas.docs, ideas.js],
    },
    dana,
    now,
    getDb(),
  )
  expect(opened).toBe(nextRoundId)
  const row = await getDb()
    .selectFrom('round')
    .select(['name', 'opened_at', 'created_at'])
    .where('id', '=', opened)
    .executeTakeFirstOrThrow()
  // Scheduled for May on 2 April: its name says May, and the row when it was scheduled.
  expect(row).toMatchObject({ name: 'May 2027 round', opened_at: now })
  expect(row.created_at).not.toEqual(now)
})

test('a typed name is kept whatever the day; a blank one whose month another round has is named by its day', async () => {
  const { target, dana, ari, ideas, roundId } = await setUpRound()
  const { nextRoundId } = await closeWithBallot(roundId, ari)
  // Opened early, in March, whose name the round just closed has.
  const early = await openRound(
    {
      releaseTargetId: target.targetId,
      proposedRoundId: nextRoundId,
      name: '',
      opensAt: new Date('2027-03-20T00:00:00Z'),
      shortlist: [ideas.docs, ideas.js],
    },
    dana,
    new Date('2027-03-10T00:00:00Z'),
    getDb(),
  )
  expect((await getRound(early, getDb()))?.name).toBe('Round of 20 March 2027')
  const other = await makeTarget(getDb(), 'other')
  const [a, b] = [await makeIdea(getDb(), other, 'A'), await makeIdea(getDb(), other, 'B')]
  const typed = await openRound(
    {
      releaseTargetId: other.targetId,
      name: 'Spring planning',
      opensAt: new Date('2027-05-15T00:00:00Z'),
      shortlist: [a, b],
    },
    dana,
    new Date('2027-03-10T00:00:00Z'),
    getDb(),
  )
  expect((await getRound(typed, getDb()))?.name).toBe('Spring planning')
})

test('deferred ideas go back to ideation and can be shortlisted again', async () => {
  const { target, dana, ideas, roundId } = await setUpRound()
  await closeWithBallot(roundId, dana)
  const docs = await getIdea(ideas.docs, null, getDb())
  expect(docs?.status).toBe('open')
  expect(docs?.events.at(-1)?.detail).toBe(
    'Deferred (back to ideation): Later. — “March 2027 round”.',
  )
  const rounds = await listRounds(target.targetId, getDb())
  const proposed = rounds.find((round) => round.status === 'proposed')!
  const reopened = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'April 2027 round',
      opensAt: new Date('2027-04-01T09:00:00Z'),
      shortlist: [ideas.docs, ideas.js],
      proposedRoundId: proposed.id,
    },
    dana,
    DURING,
    getDb(),
  )
  expect(reopened).toBe(proposed.id)
  expect((await listRounds(target.targetId, getDb())).map((round) => round.status)).toEqual([
    'open',
    'closed',
  ])
})

test('closing without reasons for the others, without ballots, or twice is refused', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  const input: CloseRoundInput = {
    method: 'top-n',
    topN: 1,
    rationale: 'Tests first.',
    others: [],
  }
  await expectRefusedUnchanged(
    () => closeRound(roundId, input, dana, DURING, getDb()),
    /Nobody has voted yet/,
  )
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], DURING, getDb())
  await expectRefusedUnchanged(
    () => closeRound(roundId, input, dana, DURING, getDb()),
    /any idea may fall outside the top 1: give the shared reason, or one for each idea \(missing for “Better tests” .*, “Doc days” .*\)/,
  )
  await expectRefusedUnchanged(
    () => closeRound(roundId, { ...input, topN: 3 }, dana, DURING, getDb()),
    /Top N must be a whole number from 1 to 2/,
  )
  await expectRefusedUnchanged(
    () =>
      closeRound(
        roundId,
        { method: 'picked', agreedIdeaIds: [ideas.js], rationale: 'x'.repeat(5), others: [] },
        dana,
        DURING,
        getDb(),
      ),
    new RegExp(`Idea ${ideas.js} is not on this round's shortlist`),
  )
  // The order is secret until the close, so with the top N every idea comes with its reason.
  const others = [ideas.tests, ideas.docs].map((ideaId) => ({
    ideaId,
    outcome: 'deferred' as const,
    disposition: 'ideation' as const,
    reason: 'Next time.',
  }))
  await closeRound(roundId, { ...input, others }, dana, DURING, getDb())
  await expectRefusedUnchanged(
    () => closeRound(roundId, { ...input, others }, dana, DURING, getDb()),
    /already closed on 4 Mar 2027; decisions are immutable/,
  )
})

test('a decision can never be edited or deleted, even by hand in SQL', async () => {
  const { dana, roundId } = await setUpRound()
  const { decisionId } = await closeWithBallot(roundId, dana)
  await expect(
    sql`update decision set rationale = 'rewritten' where id = ${decisionId}`.execute(getDb()),
  ).rejects.toThrow(/decisions are immutable/)
  await expect(
    sql`delete from decision_outcome where decision_id = ${decisionId}`.execute(getDb()),
  ).rejects.toThrow(/decisions are immutable/)
  expect((await getRound(roundId, getDb()))?.decision?.rationale).toBe(
    'The first one matters most.',
  )
})

test('a later round supersedes a decision: its efforts leave the roadmap and return to ideation', async () => {
  const { target, dana, ideas, roundId } = await setUpRound()
  const first = await closeWithBallot(roundId, dana)
  expect(
    (await getPublicRoadmap(target.targetId, getDb())).areas.flatMap((area) =>
      area.efforts.map((effort) => effort.title),
    ),
  ).toEqual(['Better tests'])
  const later = new Date('2027-04-02T09:00:00Z')
  const second = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'April 2027 round',
      opensAt: later,
      shortlist: [ideas.docs, ideas.js],
      proposedRoundId: first.nextRoundId,
    },
    dana,
    later,
    getDb(),
  )
  await castBallot(second, dana, [{ id: ideas.js, rank: 1 }], later, getDb())
  await closeRound(
    second,
    {
      method: 'picked',
      agreedIdeaIds: [ideas.js],
      rationale: 'JavaScript is what people ask for.',
      others: [
        { ideaId: ideas.docs, outcome: 'declined', disposition: 'ideation', reason: 'Not now.' },
      ],
      supersedesDecisionId: first.decisionId,
    },
    dana,
    later,
    getDb(),
  )
  const roadmap = await getPublicRoadmap(target.targetId, getDb())
  expect(roadmap.areas.flatMap((area) => area.efforts.map((effort) => effort.title))).toEqual([
    'JavaScript backend',
  ])
  expect((await getIdea(ideas.tests, null, getDb()))?.status).toBe('open')
  expect(roadmap.history.map((entry) => [entry.name, entry.supersededBy])).toEqual([
    ['April 2027 round', null],
    ['March 2027 round', second],
  ])
  const another = await makeIdea(getDb(), target, 'Another')
  const third = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'May',
      opensAt: later,
      shortlist: [ideas.docs, another],
    },
    dana,
    later,
    getDb(),
  )
  await castBallot(third, dana, [{ id: another, rank: 1 }], later, getDb())
  await expectRefusedUnchanged(
    () =>
      closeRound(
        third,
        {
          method: 'top-n',
          topN: 2,
          rationale: 'Both.',
          others: [],
          supersedesDecisionId: first.decisionId,
        },
        dana,
        later,
        getDb(),
      ),
    /already superseded by “April 2027 round”/,
  )
})

test('dot votes stay within the budget, two per idea at most, and apart from the tally', async () => {
  const { dana, ari, ideas, roundId } = await setUpRound({ dotBudget: 3 })
  await setDotVotes(
    roundId,
    dana,
    [
      { id: ideas.tests, dots: 2 },
      { id: ideas.docs, dots: 1 },
    ],
    DURING,
    getDb(),
  )
  await setDotVotes(roundId, ari, [{ id: ideas.docs, dots: 2 }], DURING, getDb())
  expect(await getDotTotals(roundId, getDb())).toEqual({
    byIdea: { [ideas.tests]: 2, [ideas.docs]: 3 },
    participants: 2,
    demoParticipants: 2,
  })
  await expectRefusedUnchanged(
    () => setDotVotes(roundId, dana, [{ id: ideas.tests, dots: 3 }], DURING, getDb()),
    /Give an idea 0 to 2 dots/,
  )
  await expectRefusedUnchanged(
    () =>
      setDotVotes(
        roundId,
        dana,
        [
          { id: ideas.tests, dots: 2 },
          { id: ideas.docs, dots: 2 },
        ],
        DURING,
        getDb(),
      ),
    /You have 3 dots in this round and tried to use 4/,
  )
  // Dots are not ballots: the round has no voters yet.
  expect(await listVoters(roundId, getDb())).toEqual([])
})

test('the public roadmap groups agreed efforts by area with the live state of their issues', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, { state: 'closed' }),
    issuePayload(repo.full_name, 2, { state: 'open' }),
  ])
  const target = await makeTarget(getDb())
  const tests = await makeIdea(getDb(), target, 'Better tests', {
    links: ['mirage/mirage#1', 'mirage/mirage#2', 'mirage/irmin#71', 'mirage/mirage'],
  })
  const decidedAt = new Date('2015-03-25T12:00:00Z')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 25 March 2015',
      decidedAt,
      sourceKey: 'call-2015-03-25',
      sourceUrl: 'https://mirage.io/weekly/weekly-2015-03-25',
      rationale: 'The emphasis for 3.0 is library quality.',
      outcomes: [{ ideaId: tests, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )
  const roadmap = await getPublicRoadmap(target.targetId, getDb())
  expect(roadmap.areas.map((area) => area.name)).toEqual(['Quality and testing'])
  const [effort] = roadmap.areas[0]!.efforts
  expect(effort).toMatchObject({
    title: 'Better tests',
    decided_at: decidedAt,
    rationale: 'The emphasis for 3.0 is library quality.',
    round_kind: 'call',
    progress: { closed: 1, total: 3, unknown: 1 },
  })
  expect(effort?.links.map((link) => [link.ref, link.isMirrored, link.state])).toEqual([
    ['mirage/mirage#1', true, 'closed'],
    ['mirage/mirage#2', true, 'open'],
    ['mirage/irmin#71', false, null],
    ['mirage/mirage', true, null],
  ])
  expect(roadmap.history).toHaveLength(1)
  expect(roadmap.history[0]).toMatchObject({ kind: 'call', voter_logins: [], method: 'call' })
})

test('an idea’s history dates a call decision on the call’s day, not the day it was recorded', async () => {
  const target = await makeTarget(getDb())
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const solo5 = await makeIdea(getDb(), target, 'Solo5 backends')
  const decidedAt = new Date('2016-02-03T12:00:00Z')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 3 February 2016',
      decidedAt,
      sourceKey: 'call-2016-02-03',
      sourceUrl: null,
      rationale: 'From the call notes.',
      outcomes: [
        { ideaId: tests, outcome: 'agreed', disposition: 'roadmap', reason: null },
        { ideaId: solo5, outcome: 'deferred', disposition: 'ideation', reason: 'No answer yet.' },
      ],
    },
    getDb(),
  )
  for (const id of [tests, solo5]) {
    const events = (await getIdea(id, null, getDb()))!.events
    expect(events.map((event) => [event.kind, new Date(event.at).toISOString()])).toEqual([
      ['decided', decidedAt.toISOString()],
    ])
  }
})

test('a decision a demo person recorded is a demo action wherever it is read; a real one is not', async () => {
  const { target, dana, ideas, roundId } = await setUpRound()
  await closeWithBallot(roundId, dana)
  const real = await createGitHubAccount(getDb(), 'real-maintainer')
  const secondRound = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'April 2027 round',
      opensAt: DURING,
      shortlist: [ideas.docs, ideas.js],
    },
    real,
    DURING,
    getDb(),
  )
  await closeWithBallot(secondRound, real)

  const roadmap = await getPublicRoadmap(target.targetId, getDb(), DURING)
  expect(roadmap.history.map((entry) => [entry.name, entry.is_demo])).toEqual([
    ['April 2027 round', false],
    ['March 2027 round', true],
  ])
  // Which decision is whose, whatever order the areas come in.
  const efforts = roadmap.areas.flatMap((area) => area.efforts)
  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title)
  expect(efforts.sort(byTitle).map((effort) => [effort.title, effort.is_demo_decision])).toEqual([
    ['Better tests', true],
    ['Doc days', false],
  ])
  expect((await getRound(roundId, getDb()))?.decision?.is_demo).toBe(true)
  expect((await getRound(secondRound, getDb()))?.decision?.is_demo).toBe(false)
  expect((await getIdea(ideas.tests, null, getDb()))?.decision?.is_demo_decision).toBe(true)
  expect((await getIdea(ideas.docs, null, getDb()))?.decision?.is_demo_decision).toBe(false)
})

test('a round whose voting ended with no ballot gets a later close, and voting is open again', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  const ended = new Date('2027-04-02T09:00:00Z')
  // Stuck before: no ballot once voting ended, and no close without one.
  await expect(
    castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], ended, getDb()),
  ).rejects.toThrow(/Voting ended on 1 Apr 2027/)
  await expectRefusedUnchanged(
    () => extendVoting(roundId, new Date('2027-04-01T00:00:00Z'), ended, getDb()),
    /^Voting cannot close on 1 Apr 2027: that is not in the future\.$/,
  )

  const close = new Date('2027-04-16T00:00:00Z')
  expect(await extendVoting(roundId, close, ended, getDb())).toEqual({ closesAt: close })
  expect(await getRound(roundId, getDb())).toMatchObject({ closes_at: close, status: 'open' })
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], ended, getDb())
  expect((await listVoters(roundId, getDb())).map((voter) => voter.login)).toEqual(['dana'])
})

test('voting is extended only once it has ended, and never over ballots already cast', async () => {
  const { dana, ideas, roundId } = await setUpRound()
  const later = new Date('2027-05-01T00:00:00Z')
  await expectRefusedUnchanged(
    () => extendVoting(roundId, later, DURING, getDb()),
    /^Only a round whose voting has ended/,
  )
  await castBallot(roundId, dana, [{ id: ideas.tests, rank: 1 }], DURING, getDb())
  const ended = new Date('2027-04-02T09:00:00Z')
  const refusal = await extendVoting(roundId, later, ended, getDb()).catch(
    (error: unknown) => error,
  )
  expect(refusal).toMatchObject({
    status: 409,
    message: '1 maintainer has voted: close the round on that ballot.',
  })
  expect((await getRound(roundId, getDb()))?.closes_at).toEqual(new Date('2027-04-01T09:00:00Z'))
})
