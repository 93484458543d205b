import fc from 'fast-check'
import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { recordCallDecision } from '../roadmap/decision.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { createGapRequest } from '../starter/gap-request.server'

import {
  getPreviousVisit,
  getSinceLastVisit,
  recordVisit,
  SEEN_EVERY_MINUTES,
  VISIT_GAP_HOURS,
} from './visits.server'

const getDb = setupTestDatabase()

const T0 = Date.parse('2027-03-01T09:00:00Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const at = (ms: number) => new Date(T0 + ms)

async function visitsOf(accountId: number) {
  const row = await getDb()
    .selectFrom('account')
    .select(['last_seen_at', 'previous_visit_at'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow()
  return {
    last: row.last_seen_at && new Date(row.last_seen_at).toISOString(),
    previous: row.previous_visit_at && new Date(row.previous_visit_at).toISOString(),
  }
}

test('someone seen for the first time has no previous visit: that history is unknown', async () => {
  const ada = await createGitHubAccount(getDb(), 'ada')
  await recordVisit(ada.id, getDb(), at(0))
  expect(await visitsOf(ada.id)).toEqual({ last: at(0).toISOString(), previous: null })
  // Even a week later, the visit before the first one seen is not made up...
  expect(await getPreviousVisit(ada.id, getDb(), at(HOUR))).toBeNull()
  expect(await getSinceLastVisit({ id: ada.id, role: 'maintainer' }, getDb(), at(HOUR))).toBeNull()
  // ...but the first one is known once she comes back.
  expect((await getPreviousVisit(ada.id, getDb(), at(7 * 24 * HOUR)))?.toISOString()).toBe(
    at(0).toISOString(),
  )
})

test(`requests within ${VISIT_GAP_HOURS} hours are one visit; one after the gap starts a new visit, the last ending where she was last seen`, async () => {
  const ada = await createGitHubAccount(getDb(), 'ada')
  await recordVisit(ada.id, getDb(), at(0))
  await recordVisit(ada.id, getDb(), at(2 * HOUR))
  await recordVisit(ada.id, getDb(), at(7 * HOUR))
  // Each request came within the gap of the one before: still the first visit.
  expect(await visitsOf(ada.id)).toEqual({ last: at(7 * HOUR).toISOString(), previous: null })

  await recordVisit(ada.id, getDb(), at(7 * HOUR + VISIT_GAP_HOURS * HOUR + MINUTE))
  expect((await visitsOf(ada.id)).previous).toBe(at(7 * HOUR).toISOString())
  // Coming back within this visit does not move where the previous one ended.
  await recordVisit(ada.id, getDb(), at(15 * HOUR))
  expect(await visitsOf(ada.id)).toEqual({
    last: at(15 * HOUR).toISOString(),
    previous: at(7 * HOUR).toISOString(),
  })
})

test(`last_seen_at is written at most every ${SEEN_EVERY_MINUTES} minutes, and never moves back`, async () => {
  const ada = await createGitHubAccount(getDb(), 'ada')
  await recordVisit(ada.id, getDb(), at(0))
  await recordVisit(ada.id, getDb(), at(SEEN_EVERY_MINUTES * MINUTE - 1000))
  expect((await visitsOf(ada.id)).last).toBe(at(0).toISOString())
  await recordVisit(ada.id, getDb(), at(SEEN_EVERY_MINUTES * MINUTE + 1000))
  expect((await visitsOf(ada.id)).last).toBe(at(SEEN_EVERY_MINUTES * MINUTE + 1000).toISOString())
  // A request stamped earlier (another instance's clock) changes nothing.
  await recordVisit(ada.id, getDb(), at(-3 * 24 * HOUR))
  expect((await visitsOf(ada.id)).last).toBe(at(SEEN_EVERY_MINUTES * MINUTE + 1000).toISOString())
})

test('the previous visit reads the same before and after the request that starts a new visit is recorded', async () => {
  const ada = await createGitHubAccount(getDb(), 'ada')
  await recordVisit(ada.id, getDb(), at(0))
  const back = at(3 * 24 * HOUR)
  // The home page's loader may read before the root loader records this request, or after.
  const before = await getPreviousVisit(ada.id, getDb(), back)
  await recordVisit(ada.id, getDb(), back)
  const after = await getPreviousVisit(ada.id, getDb(), back)
  expect(before?.toISOString()).toBe(at(0).toISOString())
  expect(after?.toISOString()).toBe(at(0).toISOString())
})

test('the visit rule: the previous visit never ends after the last sighting, and neither moves back', async () => {
  // The rule restated on plain numbers, the database's answer checked against it step by step.
  const step = (state: { last: number | null; previous: number | null }, now: number) => {
    if (state.last !== null && state.last >= now - SEEN_EVERY_MINUTES * MINUTE) return state
    const isNewVisit = state.last !== null && state.last < now - VISIT_GAP_HOURS * HOUR
    return { last: now, previous: isNewVisit ? state.last : state.previous }
  }
  let people = 0
  await fc.assert(
    fc.asyncProperty(
      // Minutes after T0, in any order (instances' clocks differ), over three days.
      fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 12 }),
      async (minutes) => {
        const person = await createGitHubAccount(getDb(), `person-${++people}`)
        let model: { last: number | null; previous: number | null } = {
          last: null,
          previous: null,
        }
        let seen = { last: null as string | null, previous: null as string | null }
        for (const minute of minutes) {
          await recordVisit(person.id, getDb(), at(minute * MINUTE))
          model = step(model, T0 + minute * MINUTE)
          const next = await visitsOf(person.id)
          expect(next).toEqual({
            last: model.last === null ? null : new Date(model.last).toISOString(),
            previous: model.previous === null ? null : new Date(model.previous).toISOString(),
          })
          if (next.previous !== null) expect(next.previous < next.last!).toBe(true)
          if (seen.last !== null) expect(next.last! >= seen.last).toBe(true)
          if (seen.previous !== null) expect(next.previous! >= seen.previous).toBe(true)
          seen = next
        }
      },
    ),
    { numRuns: 30 },
  )
})

test('since the last visit: new ideas, rounds opened, decisions, open starter projects and, for a maintainer, requests, demo actions counted as such', async () => {
  const db = getDb()
  const me = await createGitHubAccount(db, 'ada')
  const bea = await createGitHubAccount(db, 'bea')
  const sam = await createAccount(db, 'sam', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const now = at(7 * 24 * HOUR)
  // Her previous visit ended at T0; she has been here for an hour.
  await db
    .updateTable('account')
    .set({ previous_visit_at: at(0), last_seen_at: at(7 * 24 * HOUR - HOUR) })
    .where('id', '=', me.id)
    .execute()

  const target = await makeTarget(db)
  const idea = async (title: string, authorId: number, createdAt: Date) => {
    const id = await makeIdea(db, target, title, { authorId })
    await db.updateTable('idea').set({ created_at: createdAt }).where('id', '=', id).execute()
    return id
  }
  const shortlist = [
    await idea('Before her visit', bea.id, at(-HOUR)),
    await idea('By Bea', bea.id, at(HOUR)),
  ]
  await idea('By Sam', sam.id, at(2 * HOUR))
  await idea('Her own', me.id, at(3 * HOUR))
  const merged = await idea('Merged away', bea.id, at(4 * HOUR))
  await db
    .updateTable('idea')
    .set({ status: 'merged', merged_into_id: shortlist[1]! })
    .where('id', '=', merged)
    .execute()

  // Voting opened a day after her visit; another round opens only next week.
  const opensAt = at(24 * HOUR)
  await openRound(
    { releaseTargetId: target.targetId, name: 'Spring', opensAt, shortlist },
    sam,
    at(0),
    db,
  )
  // One open round per target: the later one is another target's, over ideas older than her visit.
  const next = await makeTarget(db, 'MirageOS 4.0')
  const nextIdeas = [await makeIdea(db, next, 'Next one'), await makeIdea(db, next, 'Next two')]
  await openRound(
    {
      releaseTargetId: next.targetId,
      name: 'Later',
      opensAt: at(14 * 24 * HOUR),
      shortlist: nextIdeas,
    },
    sam,
    at(0),
    db,
  )
  // Opened an hour after her visit, for voting from the day before: opened since all the same.
  const today = await makeTarget(db, 'MirageOS 3.1')
  const todayIdeas = [await makeIdea(db, today, 'One'), await makeIdea(db, today, 'Two')]
  const opened = await openRound(
    {
      releaseTargetId: today.targetId,
      name: 'Today',
      opensAt: at(-24 * HOUR),
      shortlist: todayIdeas,
    },
    sam,
    at(HOUR),
    db,
  )
  await db
    .updateTable('round')
    .set({ created_at: at(HOUR) })
    .where('id', '=', opened)
    .execute()
  await decisionRecorded(db, target.targetId, 'March call', {
    decidedAt: at(2 * 24 * HOUR),
    recordedAt: at(2 * 24 * HOUR),
  })

  const project = async (title: string, createdAt: Date, status: 'open' | 'done' = 'open') => {
    const id = await createProject(db, { title })
    await db
      .updateTable('starter_project')
      .set({ created_at: createdAt, status })
      .where('id', '=', id)
      .execute()
  }
  await project('Old one', at(-24 * HOUR))
  await project('New one', at(HOUR))
  await project('Already finished', at(HOUR), 'done')

  const request = await createGapRequest(
    { languageLevel: 'none', domains: ['storage'], time: 'week', wantsMentor: true, note: '' },
    noor,
    db,
  )
  await db
    .updateTable('gap_request')
    .set({ created_at: at(HOUR) })
    .where('id', '=', request)
    .execute()

  const asMaintainer = await getSinceLastVisit({ id: me.id, role: 'maintainer' }, db, now)
  expect(asMaintainer).toEqual({
    since: at(0),
    ideas: { count: 2, demo: 1 },
    rounds: { count: 2, demo: 2 },
    decisions: { count: 1, demo: 0 },
    projects: { count: 1, demo: 0 },
    requests: { count: 1, demo: 1 },
    finished: { count: 0, demo: 0, projects: [] },
    mentoredClaims: { count: 0, demo: 0 },
  })
  // Beside "Waiting for maintainers", which lists the open rounds and unanswered requests, they
  // are not counted again.
  expect(
    await getSinceLastVisit({ id: me.id, role: 'maintainer' }, db, now, {
      besidesWaitingWork: true,
    }),
  ).toMatchObject({ rounds: { count: 0, demo: 0 }, requests: { count: 0, demo: 0 } })
  // Who sent a request is for maintainers to see.
  expect(
    (await getSinceLastVisit({ id: me.id, role: 'contributor' }, db, now))?.requests,
  ).toBeNull()
})

test('since the last visit: starter projects finished, each once, and claims on projects one mentors other than those waiting for her answer', async () => {
  const db = getDb()
  const me = await createGitHubAccount(db, 'ada')
  const bea = await createGitHubAccount(db, 'bea')
  const cam = await createAccount(db, 'cam')
  const now = at(7 * 24 * HOUR)
  await db
    .updateTable('account')
    .set({ previous_visit_at: at(0), last_seen_at: at(7 * 24 * HOUR - HOUR) })
    .where('id', '=', me.id)
    .execute()
  const claim = async (
    projectId: number,
    holder: { id: number },
    claimedAt: number,
    ended?: { at: number; outcome: 'done' | 'abandoned' },
  ) =>
    (
      await db
        .insertInto('starter_claim')
        .values({
          project_id: projectId,
          account_id: holder.id,
          claimed_at: at(claimedAt),
          expires_at: at(claimedAt + 30 * 24 * HOUR),
          ended_at: ended ? at(ended.at) : null,
          outcome: ended?.outcome ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const project = (title: string) => createProject(db, { title, size: 'elastic' })

  // Finished since: one twice (elastic), once by a demo person; one by Bea alone; one before.
  const twice = await project('Twice')
  await claim(twice, bea, -48 * HOUR, { at: HOUR, outcome: 'done' })
  await claim(twice, cam, -48 * HOUR, { at: 2 * HOUR, outcome: 'done' })
  const once = await project('Once')
  await claim(once, bea, -48 * HOUR, { at: 3 * HOUR, outcome: 'done' })
  await claim(await project('Before'), bea, -48 * HOUR, { at: -HOUR, outcome: 'done' })
  await claim(await project('Stopped'), bea, -48 * HOUR, { at: HOUR, outcome: 'abandoned' })

  // Projects she mentors: a claim since answered, one since ended, one waiting for her answer
  // (said on its own line), one before her visit, and her own.
  const mentored = await project('Mentored')
  await db
    .insertInto('starter_project_mentor')
    .values({ project_id: mentored, position: 0, account_id: me.id, name: 'ada' })
    .execute()
  const answered = await claim(mentored, cam, HOUR)
  await db
    .insertInto('claim_answer')
    .values({ claim_id: answered, project_id: mentored, author_id: bea.id, message: 'Welcome' })
    .execute()
  await claim(mentored, bea, HOUR, { at: 2 * HOUR, outcome: 'abandoned' })
  await claim(mentored, bea, 2 * HOUR)
  await claim(mentored, await createGitHubAccount(db, 'dan'), -HOUR)
  await claim(mentored, me, HOUR)
  // Someone else's project: not hers to hear of here.
  await claim(await project('Not hers'), cam, HOUR)

  const since = await getSinceLastVisit({ id: me.id, role: 'contributor' }, db, now)
  expect(since).toMatchObject({
    // The latest finished first; a project finished by a demo person is a demo action.
    finished: {
      count: 2,
      demo: 1,
      projects: [
        { id: once, title: 'Once', is_demo: false },
        { id: twice, title: 'Twice', is_demo: true },
      ],
    },
    mentoredClaims: { count: 2, demo: 1 },
  })
})

/**
 * A call's decision as the board holds it, with when it was recorded given (null: recorded before
 * the board kept that time). Decisions are immutable, so the time is set as the row is written.
 */
async function decisionRecorded(
  db: ReturnType<typeof getDb>,
  releaseTargetId: number,
  name: string,
  { decidedAt, recordedAt }: { decidedAt: Date; recordedAt: Date | null },
) {
  const round = await db
    .insertInto('round')
    .values({
      release_target_id: releaseTargetId,
      name,
      kind: 'call',
      status: 'closed',
      opens_at: decidedAt,
      closes_at: new Date(decidedAt.getTime() + HOUR),
      closed_at: decidedAt,
      source_key: name,
      source_url: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('decision')
    .values({
      round_id: round.id,
      decided_at: decidedAt,
      method: 'call',
      rationale: 'Decided on the call.',
      recorded_at: recordedAt,
    })
    .execute()
}

test('decisions count by when they were recorded; only those recorded before the board kept that time count by their date', async () => {
  const db = getDb()
  const me = await createGitHubAccount(db, 'ada')
  await db
    .updateTable('account')
    .set({ previous_visit_at: at(0), last_seen_at: at(7 * 24 * HOUR - HOUR) })
    .where('id', '=', me.id)
    .execute()
  const { targetId } = await makeTarget(db)
  const decide = (name: string, decidedAt: Date, recordedAt: Date | null) =>
    decisionRecorded(db, targetId, name, { decidedAt, recordedAt })
  // Recorded since her visit, dated the week before: counted.
  await decide('Late notes', at(-7 * 24 * HOUR), at(HOUR))
  // Recorded before her visit ended, dated since: not counted.
  await decide('Recorded before', at(HOUR), at(-HOUR))
  // Dated since, but recorded after the moment asked about: not yet.
  await decide('Not yet', at(3 * HOUR), at(8 * 24 * HOUR))
  // Recorded before the board kept the time: judged by the date.
  await decide('Unknown, dated since', at(2 * HOUR), null)
  await decide('Unknown, dated before', at(-2 * HOUR), null)

  const since = await getSinceLastVisit({ id: me.id, role: 'contributor' }, db, at(7 * 24 * HOUR))
  expect(since?.decisions).toEqual({ count: 2, demo: 0 })
})

test('a call decision recorded now with a date years back counts as new: the database stamps when it was recorded', async () => {
  const db = getDb()
  const me = await createGitHubAccount(db, 'ada')
  const target = await makeTarget(db)
  const ideaId = await makeIdea(db, target, 'Old call')
  // The database's own clock, read around the recording: no margin that a slow machine could miss.
  const clock = async () =>
    new Date((await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db)).rows[0]!.now)
  const before = await clock()
  await db
    .updateTable('account')
    .set({ previous_visit_at: new Date(before.getTime() - 1), last_seen_at: before })
    .where('id', '=', me.id)
    .execute()
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Old call',
      decidedAt: new Date('2015-03-04T12:00:00Z'),
      sourceKey: 'old-call',
      sourceUrl: null,
      rationale: 'Decided on the call.',
      outcomes: [{ ideaId, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    db,
  )
  const after = await clock()
  const since = await getSinceLastVisit({ id: me.id, role: 'contributor' }, db, after)
  expect(since?.decisions).toEqual({ count: 1, demo: 0 })
})
