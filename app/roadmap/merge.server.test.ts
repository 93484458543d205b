import fc from 'fast-check'
import { sql } from 'kysely'
import { expect, test } from 'vitest'

import type { Database } from '../../db/client.server'
import { setupTestDatabase } from '../../test/database'
import { getFollowing, setFollowing } from '../notifications/inbox.server'
import { Refusal } from '../utils/refusal'

import { addComment, getIdea, setPlusOne } from './idea.server'
import { getUndoableMerge, listMergeCandidates, mergeIdea, unmergeIdea } from './merge.server'
import { makeIdea, makePerson, makeTarget } from './test-fixtures'

// Finding the idea to merge into by its title, and undoing a merge: what the duplicate had comes
// back to it, and the survivor keeps only what was its own.

const getDb = setupTestDatabase()

/** The rows a merge and its undo touch, in a stable order (events and activity times aside). */
async function snapshotIdeas(db: Database) {
  const { rows: ideas } = await sql<Record<string, unknown>>`
    select id, status, merged_into_id, plus_one_count from idea order by id`.execute(db)
  const { rows: plusOnes } = await sql<Record<string, unknown>>`
    select idea_id, account_id, created_at from idea_plus_one order by idea_id, account_id`.execute(
    db,
  )
  const { rows: links } = await sql<Record<string, unknown>>`
    select idea_id, ref, repo_full_name, issue_number, position from idea_link
    order by idea_id, ref`.execute(db)
  // Who follows what, and when that was last chosen: an undo leaves even that as it was.
  const { rows: follows } = await sql<Record<string, unknown>>`
    select account_id, subject_type, subject_id, following, updated_at from notification_follow
    order by account_id, subject_type, subject_id`.execute(db)
  return { ideas, plusOnes, links, follows }
}
type Snapshot = Awaited<ReturnType<typeof snapshotIdeas>>

async function refusal(work: () => Promise<unknown>) {
  const error = await work().then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(Refusal)
  return (error as Refusal).message
}

test('the survivor is found by words of its title, most +1s first, never the duplicate itself', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const other = await makeTarget(db, 'MirageOS 4.0')
  const cam = await makePerson(db, 'cam')
  const duplicate = await makeIdea(db, target, 'Better TLS tests')
  const quiet = await makeIdea(db, target, 'TLS tests on every commit')
  const popular = await makeIdea(db, target, 'Tests for ocaml-tls, everywhere')
  await makeIdea(db, target, 'Documentation for TLS')
  await makeIdea(db, other, 'TLS tests in 4.0')
  await setPlusOne(popular, cam, true, db)

  const found = await listMergeCandidates(duplicate, 'tls TEST', db)
  expect(found.map((idea) => idea.id)).toEqual([popular, quiet])
  // Cam is a demo person (makePerson): the merge choice says that +1 is a demo action.
  expect(found[0]).toMatchObject({
    title: 'Tests for ocaml-tls, everywhere',
    plus_one_count: 1,
    demo_plus_one_count: 1,
  })
  expect(await listMergeCandidates(duplicate, `#${quiet}`, db)).toMatchObject([{ id: quiet }])
  expect(await listMergeCandidates(duplicate, '100%_', db)).toEqual([])
  expect(await listMergeCandidates(duplicate, '  ', db)).toEqual([])
})

test('ideas merged away or archived are not offered as survivors', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const duplicate = await makeIdea(db, target, 'Unikernel metrics')
  const gone = await makeIdea(db, target, 'Metrics, again')
  const alive = await makeIdea(db, target, 'Metrics and tracing')
  await mergeIdea(gone, alive, dana, db)
  expect((await listMergeCandidates(duplicate, 'metrics', db)).map((idea) => idea.id)).toEqual([
    alive,
  ])
})

test('undoing a merge gives the duplicate back its +1s and links and takes back only what moved', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const noor = await makePerson(db, 'noor')
  const survivor = await makeIdea(db, target, 'Quality is a feature', {
    links: ['mirage/mirage#1'],
  })
  const duplicate = await makeIdea(db, target, 'Better tests', {
    links: ['mirage/mirage#1', 'mirage/mirage-tcpip'],
  })
  await setPlusOne(survivor, cam, true, db)
  await setPlusOne(duplicate, cam, true, db)
  await setPlusOne(duplicate, noor, true, db)
  const before = await snapshotIdeas(db)

  await mergeIdea(duplicate, survivor, dana, db)
  expect(await getUndoableMerge(duplicate, db)).toMatchObject({ survivor_id: survivor })
  expect(await unmergeIdea(duplicate, dana, db)).toEqual({ survivorId: survivor })

  expect(await snapshotIdeas(db)).toEqual(before)
  expect(await getUndoableMerge(duplicate, db)).toBeUndefined()
  const back = await getIdea(duplicate, noor.id, db)
  expect(back).toMatchObject({ status: 'open', merged_into_id: null, has_plus_one: true })
  expect(back?.events.map((event) => event.kind)).toEqual(
    expect.arrayContaining(['merged', 'unmerged']),
  )
  const kept = await getIdea(survivor, null, db)
  expect(kept?.duplicates).toEqual([])
  // Merged once more, then undone once more: each merge is undone on its own record.
  await mergeIdea(duplicate, survivor, dana, db)
  await unmergeIdea(duplicate, dana, db)
  expect(await snapshotIdeas(db)).toEqual(before)
})

test('a merge carries no +1 of the survivor’s author onto her own idea; an undo gives it back', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const noor = await makePerson(db, 'noor')
  const survivor = await makeIdea(db, target, 'Survivor', { authorId: cam.id })
  const duplicate = await makeIdea(db, target, 'Duplicate')
  await setPlusOne(duplicate, cam, true, db)
  await setPlusOne(duplicate, noor, true, db)
  await mergeIdea(duplicate, survivor, dana, db)
  const merged = await getIdea(survivor, cam.id, db)
  expect(merged).toMatchObject({ plus_one_count: 1, has_plus_one: false })
  await unmergeIdea(duplicate, dana, db)
  expect(await getIdea(duplicate, cam.id, db)).toMatchObject({
    plus_one_count: 2,
    has_plus_one: true,
  })
  expect((await getIdea(survivor, null, db))?.plus_one_count).toBe(0)
})

test('a +1 withdrawn from the survivor after the merge and given again stays there on undo', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const noor = await makePerson(db, 'noor')
  const survivor = await makeIdea(db, target, 'Survivor')
  const duplicate = await makeIdea(db, target, 'Duplicate')
  await setPlusOne(duplicate, noor, true, db)
  await mergeIdea(duplicate, survivor, dana, db)
  await setPlusOne(survivor, noor, false, db)
  await setPlusOne(survivor, noor, true, db)
  await unmergeIdea(duplicate, dana, db)
  expect((await getIdea(survivor, noor.id, db))?.has_plus_one).toBe(true)
  expect((await getIdea(duplicate, noor.id, db))?.plus_one_count).toBe(1)
})

test('an undo is refused when nothing is merged or when the survivor was merged on since', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const a = await makeIdea(db, target, 'A')
  const b = await makeIdea(db, target, 'B')
  const c = await makeIdea(db, target, 'C')
  expect(await refusal(() => unmergeIdea(a, dana, db))).toMatch(/is not merged/)
  await mergeIdea(a, b, dana, db)
  await mergeIdea(b, c, dana, db)
  const before = await snapshotIdeas(db)
  expect(await refusal(() => unmergeIdea(a, dana, db))).toMatch(
    new RegExp(`Idea ${b} was itself merged into idea ${c} since: undo that merge first`),
  )
  expect(await snapshotIdeas(db)).toEqual(before)
  await unmergeIdea(b, dana, db)
  await unmergeIdea(a, dana, db)
  expect((await getIdea(a, null, db))?.status).toBe('open')
})

test('a merge made before merges were recorded cannot be undone, and says so', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const a = await makeIdea(db, target, 'A')
  const b = await makeIdea(db, target, 'B')
  await mergeIdea(a, b, dana, db)
  await db.deleteFrom('idea_merge').execute()
  expect(await refusal(() => unmergeIdea(a, dana, db))).toMatch(/made before merges recorded/)
})

test('merge then undo leaves every +1, link and follow as it was, whoever +1d or followed what (property)', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const people = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((login) => makePerson(db, login)))
  const refs = ['mirage/mirage#1', 'mirage/mirage#2', 'mirage/mirage-tcpip']
  let run = 0
  await fc.assert(
    fc.asyncProperty(
      fc.subarray(people),
      fc.subarray(people),
      fc.subarray(refs),
      fc.subarray(refs),
      // Each person's own choice on each idea before the merge: none, follow or unfollow.
      fc.array(fc.constantFrom(null, true, false), { minLength: 8, maxLength: 8 }),
      async (survivorFans, duplicateFans, survivorLinks, duplicateLinks, choices) => {
        run += 1
        const survivor = await makeIdea(db, target, `Survivor ${run}`, { links: survivorLinks })
        const duplicate = await makeIdea(db, target, `Duplicate ${run}`, { links: duplicateLinks })
        for (const [index, person] of people.entries()) {
          for (const [offset, id] of [survivor, duplicate].entries()) {
            const choice = choices[index * 2 + offset]
            if (choice != null) await setFollowing(person.id, { type: 'idea', id }, choice, db)
          }
        }
        for (const person of survivorFans) await setPlusOne(survivor, person, true, db)
        for (const person of duplicateFans) await setPlusOne(duplicate, person, true, db)
        const before = await snapshotIdeas(db)
        await mergeIdea(duplicate, survivor, dana, db)
        await unmergeIdea(duplicate, dana, db)
        expect(await snapshotIdeas(db)).toEqual(before)
      },
    ),
    { numRuns: 25 },
  )
})

test('two merges into one idea: one undone leaves the survivor what the other brings, both undone in either order leave every +1, link and follow as it was (property)', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const people = await Promise.all(['q0', 'q1', 'q2'].map((login) => makePerson(db, login)))
  let run = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.subarray(people), { minLength: 3, maxLength: 3 }),
      // Each person's own choice on each of the three ideas before the merges.
      fc.array(fc.constantFrom(null, true, false), { minLength: 9, maxLength: 9 }),
      fc.boolean(),
      async (fans, choices, firstUndoneFirst) => {
        run += 1
        const ideas = [
          await makeIdea(db, target, `Kept ${run}`),
          await makeIdea(db, target, `First copy ${run}`),
          await makeIdea(db, target, `Second copy ${run}`),
        ]
        const [survivor, first, second] = ideas as [number, number, number]
        for (const [index, person] of people.entries()) {
          for (const [offset, id] of ideas.entries()) {
            const choice = choices[index * 3 + offset]
            if (choice != null) await setFollowing(person.id, { type: 'idea', id }, choice, db)
          }
        }
        for (const [offset, id] of ideas.entries()) {
          for (const person of fans[offset]!) await setPlusOne(id, person, true, db)
        }
        const before = await snapshotIdeas(db)
        await mergeIdea(first, survivor, dana, db)
        await mergeIdea(second, survivor, dana, db)
        const [undone, standing] = firstUndoneFirst ? [first, second] : [second, first]
        await unmergeIdea(undone, dana, db)

        // One undone: its duplicate has its own back, and the survivor has what the standing
        // merge alone would have given it, its own +1s and follows untouched.
        const between = await snapshotIdeas(db)
        const plusOnesOn = (snapshot: Snapshot, id: number) =>
          snapshot.plusOnes.filter((row) => row.idea_id === id)
        const followsOf = (snapshot: Snapshot, id: number) =>
          snapshot.follows.filter((row) => row.subject_type === 'idea' && row.subject_id === id)
        expect(plusOnesOn(between, undone)).toEqual(plusOnesOn(before, undone))
        expect(plusOnesOn(between, standing)).toEqual([])
        expect(plusOnesOn(between, survivor)).toEqual(
          expect.arrayContaining(plusOnesOn(before, survivor)),
        )
        const supporters = (snapshot: Snapshot, ids: number[]) =>
          [
            ...new Set(
              snapshot.plusOnes
                .filter((row) => ids.includes(row.idea_id as number))
                .map((row) => row.account_id),
            ),
          ].sort()
        expect(supporters(between, [survivor])).toEqual(supporters(before, [survivor, standing]))
        const movedIn = new Set([
          ...supporters(before, [standing]),
          ...followsOf(before, standing)
            .filter((row) => row.following)
            .map((row) => row.account_id),
        ])
        for (const person of people) {
          const held = followsOf(before, survivor).find((row) => row.account_id === person.id)
          expect(followsOf(between, survivor).find((row) => row.account_id === person.id)).toEqual(
            held ??
              (movedIn.has(person.id) ? expect.objectContaining({ following: true }) : undefined),
          )
        }
        expect(followsOf(between, undone)).toEqual(followsOf(before, undone))
        // The counts shown are the +1s there.
        for (const idea of between.ideas) {
          expect(idea.plus_one_count).toBe(plusOnesOn(between, idea.id as number).length)
        }
        expect(between.ideas.filter((idea) => ideas.includes(idea.id as number))).toEqual([
          {
            id: survivor,
            status: 'open',
            merged_into_id: null,
            plus_one_count: expect.any(Number),
          },
          ...[first, second].map((id) =>
            id === undone
              ? { id, status: 'open', merged_into_id: null, plus_one_count: expect.any(Number) }
              : { id, status: 'merged', merged_into_id: survivor, plus_one_count: 0 },
          ),
        ])

        await unmergeIdea(standing, dana, db)
        expect(await snapshotIdeas(db)).toEqual(before)
      },
    ),
    { numRuns: 30 },
  )
})

test('who supported or followed the duplicate follows the survivor, unless they unfollowed it', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const noor = await makePerson(db, 'noor')
  const ari = await makePerson(db, 'ari')
  const duplicate = await makeIdea(db, target, 'Fuzzing')
  const survivor = await makeIdea(db, target, 'Fuzz the TCP stack')
  await setPlusOne(duplicate, cam, true, db)
  await setFollowing(noor.id, { type: 'idea', id: duplicate }, true, db)
  await setPlusOne(duplicate, ari, true, db)
  await setFollowing(ari.id, { type: 'idea', id: survivor }, false, db)

  await mergeIdea(duplicate, survivor, dana, db)
  const following = async (accountId: number) =>
    getFollowing(accountId, { type: 'idea', id: survivor }, db)
  expect([await following(cam.id), await following(noor.id), await following(ari.id)]).toEqual([
    true,
    true,
    false,
  ])
  expect(await following(dana.id)).toBe(null)
})

/**
 * Cam +1'd two duplicates of one idea (and, when asked, the idea itself first), and both were
 * merged into it, which made her follow it.
 */
async function twoMergesIntoOne(db: Database, { plusOnedSurvivor = false } = {}) {
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const first = await makeIdea(db, target, 'Fuzzing')
  const second = await makeIdea(db, target, 'Fuzz the parsers')
  const survivor = await makeIdea(db, target, 'Fuzz the TCP stack')
  if (plusOnedSurvivor) await setPlusOne(survivor, cam, true, db)
  await setPlusOne(first, cam, true, db)
  await setPlusOne(second, cam, true, db)
  await mergeIdea(first, survivor, dana, db)
  await mergeIdea(second, survivor, dana, db)
  const following = () => getFollowing(cam.id, { type: 'idea', id: survivor }, db)
  /** Cam's +1 on each idea (as that idea's page shows it) and each idea's +1 count. */
  const plusOnes = async () => {
    const of = async (id: number) => {
      const idea = await getIdea(id, cam.id, db)
      return [idea?.has_plus_one, idea?.plus_one_count]
    }
    return { first: await of(first), second: await of(second), survivor: await of(survivor) }
  }
  return { dana, cam, first, second, survivor, following, plusOnes }
}

test('after two merges brought the same +1, undoing the first keeps it on the survivor while the second stands', async () => {
  const db = getDb()
  const { dana, first, plusOnes } = await twoMergesIntoOne(db)
  expect(await plusOnes()).toEqual({
    first: [false, 0],
    second: [false, 0],
    survivor: [true, 1],
  })

  await unmergeIdea(first, dana, db)
  // The second merge, which brought Cam's +1 too, still stands: it still counts on the survivor.
  expect(await plusOnes()).toEqual({
    first: [true, 1],
    second: [false, 0],
    survivor: [true, 1],
  })
})

const undoOrders = [
  { order: 'first merge undone first', firstUndoneFirst: true },
  { order: 'second merge undone first', firstUndoneFirst: false },
]

test.each(undoOrders)(
  'after two merges brought the same +1, undoing both gives each duplicate its own back and the survivor none ($order)',
  async ({ firstUndoneFirst }) => {
    const db = getDb()
    const { dana, first, second, plusOnes } = await twoMergesIntoOne(db)
    for (const id of firstUndoneFirst ? [first, second] : [second, first]) {
      await unmergeIdea(id, dana, db)
    }
    expect(await plusOnes()).toEqual({
      first: [true, 1],
      second: [true, 1],
      survivor: [false, 0],
    })
  },
)

test.each(undoOrders)(
  'a +1 given to the survivor itself before two merges brought the same one stays through every undo ($order)',
  async ({ firstUndoneFirst }) => {
    const db = getDb()
    const { dana, cam, first, second, survivor, plusOnes } = await twoMergesIntoOne(db, {
      plusOnedSurvivor: true,
    })
    const own = await db
      .selectFrom('idea_plus_one')
      .select('created_at')
      .where('idea_id', '=', survivor)
      .where('account_id', '=', cam.id)
      .executeTakeFirstOrThrow()
    for (const id of firstUndoneFirst ? [first, second] : [second, first]) {
      await unmergeIdea(id, dana, db)
      expect((await plusOnes()).survivor).toEqual([true, 1])
    }
    expect(await plusOnes()).toEqual({
      first: [true, 1],
      second: [true, 1],
      survivor: [true, 1],
    })
    // Her own +1, from before the merges, not one a merge brought.
    expect(
      await db
        .selectFrom('idea_plus_one')
        .select('created_at')
        .where('idea_id', '=', survivor)
        .where('account_id', '=', cam.id)
        .executeTakeFirst(),
    ).toEqual(own)
  },
)

test('after two merges brought the same follow, it stays until both are undone', async () => {
  const db = getDb()
  const { dana, first, second, following } = await twoMergesIntoOne(db)

  await unmergeIdea(first, dana, db)
  // The second merge, which would have made her follow too, still stands: she keeps following.
  expect(await following()).toBe(true)
  await unmergeIdea(second, dana, db)
  // Neither merge stands: nothing Cam did makes her follow the survivor.
  expect(await following()).toBe(null)
})

test('after two merges brought the same follow, undoing the later one first and then the other takes it back', async () => {
  const db = getDb()
  const { dana, first, second, following } = await twoMergesIntoOne(db)

  await unmergeIdea(second, dana, db)
  expect(await following()).toBe(true)
  await unmergeIdea(first, dana, db)
  expect(await following()).toBe(null)
})

test('after two merges brought the same follow, one its holder chose or took part in stays when both are undone', async () => {
  const db = getDb()
  const chose = await twoMergesIntoOne(db)
  await setFollowing(chose.cam.id, { type: 'idea', id: chose.survivor }, true, db)
  await unmergeIdea(chose.first, chose.dana, db)
  await unmergeIdea(chose.second, chose.dana, db)
  expect(await chose.following()).toBe(true)

  // Between the merges this time: the second finds a follow she made her own.
  const target = await makeTarget(db, 'MirageOS 4.0')
  const noor = await makePerson(db, 'noor')
  const first = await makeIdea(db, target, 'Unikernel CI')
  const second = await makeIdea(db, target, 'CI for unikernels')
  const survivor = await makeIdea(db, target, 'Continuous integration')
  await setPlusOne(first, noor, true, db)
  await setPlusOne(second, noor, true, db)
  await mergeIdea(first, survivor, chose.dana, db)
  await addComment(survivor, noor, 'Travis first.', db)
  await mergeIdea(second, survivor, chose.dana, db)
  await unmergeIdea(second, chose.dana, db)
  await unmergeIdea(first, chose.dana, db)
  expect(await getFollowing(noor.id, { type: 'idea', id: survivor }, db)).toBe(true)
})

test('an undo takes back the follows the merge added, but not ones chosen since or held before', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const noor = await makePerson(db, 'noor')
  const ari = await makePerson(db, 'ari')
  const lee = await makePerson(db, 'lee')
  const kim = await makePerson(db, 'kim')
  const sam = await makePerson(db, 'sam')
  const duplicate = await makeIdea(db, target, 'Fuzzing')
  const survivor = await makeIdea(db, target, 'Fuzz the TCP stack')
  const onSurvivor = { type: 'idea', id: survivor } as const
  for (const person of [cam, noor, ari, lee, kim, sam]) {
    await setPlusOne(duplicate, person, true, db)
  }
  // Noor followed the survivor before the merge: hers is not the merge's to take back.
  await setFollowing(noor.id, onSurvivor, true, db)

  await mergeIdea(duplicate, survivor, dana, db)
  // Since the merge: Ari unfollowed the survivor, Lee unfollowed and followed it again, Kim
  // commented on it, Sam withdrew her +1 there and gave it again. Cam did nothing.
  await setFollowing(ari.id, onSurvivor, false, db)
  await setFollowing(lee.id, onSurvivor, false, db)
  await setFollowing(lee.id, onSurvivor, true, db)
  await addComment(survivor, kim, 'Starting with the TCP options parser.', db)
  await setPlusOne(survivor, sam, false, db)
  await setPlusOne(survivor, sam, true, db)
  await unmergeIdea(duplicate, dana, db)

  const following = async (person: { id: number }) => getFollowing(person.id, onSurvivor, db)
  expect({
    cam: await following(cam),
    noor: await following(noor),
    ari: await following(ari),
    lee: await following(lee),
    kim: await following(kim),
    sam: await following(sam),
  }).toEqual({ cam: null, noor: true, ari: false, lee: true, kim: true, sam: true })
  // Their follows of the duplicate, their own from their +1s, stay.
  for (const person of [cam, noor, ari, lee, kim, sam]) {
    expect(await getFollowing(person.id, { type: 'idea', id: duplicate }, db)).toBe(true)
  }
})
