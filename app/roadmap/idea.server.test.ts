import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { Refusal } from '../utils/refusal'

import { castBallot } from './ballot.server'
import {
  addComment,
  getIdea,
  listIdeas,
  listOwnIdeaIds,
  moveIdea,
  proposeIdea,
  setPlusOne,
  suggestArea,
  type IdeaCursor,
} from './idea.server'
import { listIdeation } from './ideation.server'
import { mergeIdea } from './merge.server'
import { createArea } from './roadmap.server'
import { openRound } from './round.server'
import { makeIdea, makePerson, makeTarget, snapshotRoadmap } from './test-fixtures'

const getDb = setupTestDatabase()

/** Expects `work` to be refused with a message matching `message`, changing nothing. */
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

test('a proposed idea keeps its author, area and links to mirrored issues and repositories', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 569, { state: 'closed' })])
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const id = await proposeIdea(
    {
      author: cam,
      areaId: target.areas.docs,
      title: '  Explain the   Pioneer Projects better ',
      description: 'Link them from the **homepage**.',
      links: 'https://github.com/mirage/mirage/issues/569\nMirage/Mirage, mirage/mirage#569',
    },
    getDb(),
  )
  const idea = await getIdea(id, null, getDb())
  expect(idea).toMatchObject({
    title: 'Explain the Pioneer Projects better',
    author_login: 'cam',
    area_name: 'Docs and onboarding',
    status: 'open',
    plus_one_count: 0,
  })
  expect(idea?.links.map((link) => [link.ref, link.isMirrored, link.state])).toEqual([
    ['mirage/mirage#569', true, 'closed'],
    ['Mirage/Mirage', true, null],
  ])
})

test('a proposal with a bad title, an unknown area or a link outside the mirror is refused', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 1)])
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const base = { author: cam, areaId: target.areas.docs, title: 'A fine idea', description: '' }
  await expectRefusedUnchanged(
    () => proposeIdea({ ...base, title: 'no', links: '' }, getDb()),
    /title of 3 to 120 characters/,
  )
  await expectRefusedUnchanged(
    () => proposeIdea({ ...base, areaId: 9999, links: '' }, getDb()),
    /Choose one of the areas/,
  )
  await expectRefusedUnchanged(
    () => proposeIdea({ ...base, links: 'mirage/mirage#2' }, getDb()),
    /mirage\/mirage#2 is not in the mirror/,
  )
  await expectRefusedUnchanged(
    () => proposeIdea({ ...base, links: 'mirage/irmin' }, getDb()),
    /mirage\/irmin is not in the mirror/,
  )
  await expectRefusedUnchanged(
    () => proposeIdea({ ...base, links: 'just some words' }, getDb()),
    /"just some words" is not a GitHub issue or repository/,
  )
})

test('a +1 counts once per account and can be taken back', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Better tests')
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  // Both are demo people (makePerson), so every +1 is also counted as a demo action.
  // A first +1 also follows the idea; nothing else does.
  const counted = (plusOnes: number, changed: boolean, followed = false) => ({
    plusOnes,
    demoPlusOnes: plusOnes,
    changed,
    followed,
  })
  expect(await setPlusOne(id, cam, true, getDb())).toEqual(counted(1, true, true))
  expect(await setPlusOne(id, cam, true, getDb())).toEqual(counted(1, false))
  expect(await setPlusOne(id, noor, true, getDb())).toEqual(counted(2, true, true))
  expect(await setPlusOne(id, cam, false, getDb())).toEqual(counted(1, true))
  expect((await getIdea(id, noor.id, getDb()))?.has_plus_one).toBe(true)
  expect((await getIdea(id, cam.id, getDb()))?.has_plus_one).toBe(false)
})

test('a +1 on an idea that does not exist or was merged away is refused', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  await mergeIdea(a, b, dana, getDb())
  await expectRefusedUnchanged(() => setPlusOne(a, dana, true, getDb()), /merged into idea/)
  await expectRefusedUnchanged(() => setPlusOne(9999, dana, true, getDb()), /does not exist/)
})

test('an author’s +1 on her own idea is refused (403) and changes nothing; others’ are counted', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const id = await makeIdea(getDb(), target, 'Better tests', { authorId: cam.id })
  await expectRefusedUnchanged(
    () => setPlusOne(id, cam, true, getDb()),
    /This is your idea, so it cannot take your \+1/,
  )
  const refusal = await setPlusOne(id, cam, true, getDb()).catch((error: unknown) => error)
  expect((refusal as Refusal).status).toBe(403)
  expect((await setPlusOne(id, noor, true, getDb())).plusOnes).toBe(1)
  expect(await listOwnIdeaIds(cam.id, [id], getDb())).toEqual([id])
  expect(await listOwnIdeaIds(noor.id, [id], getDb())).toEqual([])
})

test('the +1 budget is spent only once a +1 is not the author’s on her own idea, and before anything is written', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const own = await makeIdea(getDb(), target, 'Better tests', { authorId: cam.id })
  const merged = await makeIdea(getDb(), target, 'Faster tests', { authorId: cam.id })
  await mergeIdea(merged, await makeIdea(getDb(), target, 'Tests'), dana, getDb())
  let spent = 0
  const spendBudget = async () => {
    spent += 1
  }
  await expectRefusedUnchanged(
    () => setPlusOne(own, cam, true, getDb(), { spendBudget }),
    /This is your idea/,
  )
  expect(spent).toBe(0)
  // Other refusals spend it, as before: her own idea merged away says so first, and costs one.
  await expectRefusedUnchanged(
    () => setPlusOne(merged, cam, true, getDb(), { spendBudget }),
    /merged into idea/,
  )
  await expectRefusedUnchanged(
    () => setPlusOne(9999, cam, true, getDb(), { spendBudget }),
    /does not exist/,
  )
  expect(spent).toBe(2)
  // Taking back a +1 on her own idea (one given before the rule) is a write like any other.
  await setPlusOne(own, cam, false, getDb(), { spendBudget })
  expect(spent).toBe(3)
  // A spent budget refuses before the +1 is written.
  await expectRefusedUnchanged(
    () =>
      setPlusOne(own, noor, true, getDb(), {
        spendBudget: async () => {
          throw new Refusal('Too many.', 429)
        },
      }),
    /Too many/,
  )
  expect((await setPlusOne(own, noor, true, getDb(), { spendBudget })).plusOnes).toBe(1)
  expect(spent).toBe(4)
})

test('comments are brief, counted, and mark the idea as active', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Docs days')
  const cam = await makePerson(getDb(), 'cam')
  const before = await getIdea(id, null, getDb())
  await addComment(id, cam, '  Yes, and backport the blog posts.  ', getDb())
  const after = await getIdea(id, null, getDb())
  expect(after?.comment_count).toBe(1)
  expect(after?.comments.map((comment) => [comment.author_login, comment.body])).toEqual([
    ['cam', 'Yes, and backport the blog posts.'],
  ])
  expect(new Date(after!.last_activity_at).getTime()).toBeGreaterThan(
    new Date(before!.last_activity_at).getTime(),
  )
  await expectRefusedUnchanged(() => addComment(id, cam, '   ', getDb()), /keep it brief/)
  await expectRefusedUnchanged(
    () => addComment(id, cam, 'x'.repeat(1001), getDb()),
    /keep it brief/,
  )
})

test('the same comment sent again within a minute is the one already posted, not a second', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Docs days')
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const at = new Date('2027-01-10T12:00:00Z')
  const later = (ms: number) => new Date(at.getTime() + ms)

  const first = await addComment(id, cam, 'Yes, please.', getDb(), at)
  expect(first.repeated).toBe(false)
  // A second press, the text's spaces aside: the same comment, answered with its id.
  expect(await addComment(id, cam, ' Yes, please. ', getDb(), later(59_000))).toEqual({
    id: first.id,
    followed: false,
    repeated: true,
  })
  // Other words, another person, or a minute gone: each is a comment of its own.
  expect((await addComment(id, cam, 'Yes, please!', getDb(), later(59_000))).repeated).toBe(false)
  expect((await addComment(id, noor, 'Yes, please.', getDb(), later(59_000))).repeated).toBe(false)
  expect((await addComment(id, cam, 'Yes, please.', getDb(), later(60_000))).repeated).toBe(false)
  const idea = await getIdea(id, null, getDb())
  expect(idea?.comment_count).toBe(4)
  expect(idea?.comments).toHaveLength(4)
})

test('ten identical comments sent at once are stored once, each answered with that comment', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Fuzz the stack')
  const cam = await makePerson(getDb(), 'cam')
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => addComment(id, cam, 'AFL found two bugs.', getDb())),
  )
  expect(new Set(answers.map((answer) => answer.id)).size).toBe(1)
  expect(answers.filter((answer) => !answer.repeated)).toHaveLength(1)
  const idea = await getIdea(id, null, getDb())
  expect([idea?.comment_count, idea?.comments.length]).toEqual([1, 1])
})

test('suggesting an area names an existing area or a new one, one suggestion per account', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Tracing tools')
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  await suggestArea(id, cam, { areaName: 'Developer tools' }, getDb())
  await suggestArea(id, noor, { areaName: 'developer TOOLS' }, getDb())
  await suggestArea(id, cam, { areaName: 'docs and onboarding' }, getDb())
  const idea = await getIdea(id, null, getDb())
  expect(idea?.suggestions.map((s) => [s.name, Number(s.count), s.area_id !== null])).toEqual([
    ['Docs and onboarding', 1, true],
    ['developer TOOLS', 1, false],
  ])
  await expectRefusedUnchanged(
    () => suggestArea(id, cam, { areaId: target.areas.quality }, getDb()),
    /already in that area/,
  )
})

test('a maintainer moves an idea between areas of its release target, and it is recorded', async () => {
  const target = await makeTarget(getDb())
  const other = await makeTarget(getDb(), 'MirageOS 4.0')
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const id = await makeIdea(getDb(), target, 'Tests')
  await moveIdea(id, target.areas.docs, dana, getDb())
  const idea = await getIdea(id, null, getDb())
  expect(idea?.area_name).toBe('Docs and onboarding')
  expect(idea?.events.map((event) => event.detail)).toEqual([
    'Moved from “Quality and testing” to “Docs and onboarding” by dana (demo person).',
  ])
  await expectRefusedUnchanged(
    () => moveIdea(id, other.areas.quality, dana, getDb()),
    /not one of this release target’s areas/,
  )
  await expectRefusedUnchanged(
    () => moveIdea(id, target.areas.docs, dana, getDb()),
    /already in “Docs and onboarding”/,
  )
})

test('merging moves +1s (once per account) and links to the survivor; the duplicate points to it', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const survivor = await makeIdea(getDb(), target, 'Quality is a feature', {
    links: ['mirage/mirage#1'],
  })
  const duplicate = await makeIdea(getDb(), target, 'Better tests', {
    links: ['mirage/mirage#1', 'mirage/mirage-tcpip'],
  })
  await setPlusOne(survivor, cam, true, getDb())
  await setPlusOne(duplicate, cam, true, getDb())
  await setPlusOne(duplicate, noor, true, getDb())
  await addComment(duplicate, noor, 'Same as the other one?', getDb())

  await mergeIdea(duplicate, survivor, dana, getDb())

  const kept = await getIdea(survivor, noor.id, getDb())
  expect(kept?.plus_one_count).toBe(2)
  expect(kept?.has_plus_one).toBe(true)
  expect(kept?.links.map((link) => link.ref)).toEqual(['mirage/mirage#1', 'mirage/mirage-tcpip'])
  expect(kept?.duplicates).toEqual([{ id: duplicate, title: 'Better tests' }])
  const gone = await getIdea(duplicate, null, getDb())
  expect(gone).toMatchObject({
    status: 'merged',
    merged_into_id: survivor,
    merged_into_title: 'Quality is a feature',
    plus_one_count: 0,
    comment_count: 1,
  })
  expect(gone?.links).toEqual([])
})

test('merging an idea into itself, in a cycle, or twice is refused and changes nothing', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const c = await makeIdea(getDb(), target, 'C')
  await expectRefusedUnchanged(() => mergeIdea(a, a, dana, getDb()), /cannot be merged into itself/)
  await mergeIdea(a, b, dana, getDb())
  await expectRefusedUnchanged(
    () => mergeIdea(b, a, dana, getDb()),
    new RegExp(`would make a cycle: idea ${a} was already merged into idea ${b}`),
  )
  await mergeIdea(b, c, dana, getDb())
  await expectRefusedUnchanged(
    () => mergeIdea(c, a, dana, getDb()),
    new RegExp(
      `would make a cycle: idea ${a} was already merged into idea ${c} \\(through ${b}\\)`,
    ),
  )
  await expectRefusedUnchanged(() => mergeIdea(a, c, dana, getDb()), /already merged into idea/)
  await expectRefusedUnchanged(() => mergeIdea(a, 9999, dana, getDb()), /9999 does not exist/)
})

test('an idea on the shortlist of a round still running cannot be merged away', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const c = await makeIdea(getDb(), target, 'C')
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March',
      opensAt: new Date(Date.now() - 1000),
      shortlist: [a, b],
    },
    dana,
    new Date(),
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: a, rank: 1 }], new Date(), getDb())
  await expectRefusedUnchanged(() => mergeIdea(a, c, dana, getDb()), /on the shortlist of “March”/)
})

test('the ideation page lists open ideas per area, newest first whatever their +1s, and nothing else', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const old = await makeIdea(getDb(), target, 'Old but popular')
  const fresh = await makeIdea(getDb(), target, 'Fresh')
  const docs = await makeIdea(getDb(), target, 'Doc days', { areaId: target.areas.docs })
  const merged = await makeIdea(getDb(), target, 'Duplicate')
  await mergeIdea(merged, fresh, dana, getDb())
  await setPlusOne(old, cam, true, getDb())
  await setPlusOne(old, dana, true, getDb())

  const areas = await listIdeation({ releaseTargetId: target.targetId, perArea: 10 }, getDb())
  // Two +1s do not lift the older idea above the newer one: ideation collects, it does not rank.
  expect(
    areas.map((area) => [
      area.name,
      Number(area.open_count),
      area.ideas.map((i) => [i.id, i.plus_one_count]),
    ]),
  ).toEqual([
    // Areas by name, A to Z.
    ['Docs and onboarding', 1, [[docs, 0]]],
    [
      'Quality and testing',
      2,
      [
        [fresh, 0],
        [old, 2],
      ],
    ],
  ])
  // No rank, priority, stage or decision reaches the ideation page.
  expect(Object.keys(areas[0]!.ideas[0]!).sort()).toEqual(
    [
      'attribution',
      'author_is_demo',
      'author_login',
      'comment_count',
      'created_at',
      'demo_plus_one_count',
      'id',
      'is_verbatim',
      'last_activity_at',
      'plus_one_count',
      'title',
    ].sort(),
  )
})

test('ideas list by area and stage, one keyset page at a time', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const ids: number[] = []
  for (const title of ['One', 'Two', 'Three', 'Four', 'Five']) {
    ids.push(await makeIdea(getDb(), target, title))
  }
  await makeIdea(getDb(), target, 'Elsewhere', { areaId: target.areas.docs })
  await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March',
      opensAt: new Date(),
      shortlist: [ids[0]!, ids[1]!],
    },
    dana,
    new Date(),
    getDb(),
  )
  const filters = {
    releaseTargetId: target.targetId,
    areaId: target.areas.quality,
    stages: [],
    sort: 'newest' as const,
    limit: 2,
    cursor: null,
  }
  const first = await listIdeas(filters, getDb())
  const second = await listIdeas({ ...filters, cursor: first.nextCursor }, getDb())
  const third = await listIdeas({ ...filters, cursor: second.nextCursor }, getDb())
  expect([...first.items, ...second.items, ...third.items].map((idea) => idea.title)).toEqual([
    'Five',
    'Four',
    'Three',
    'Two',
    'One',
  ])
  expect(third.nextCursor).toBeNull()
  const shortlisted = await listIdeas({ ...filters, stages: ['shortlisted'], limit: 10 }, getDb())
  expect(shortlisted.items.map((idea) => [idea.title, idea.stage])).toEqual([
    ['Two', 'shortlisted'],
    ['One', 'shortlisted'],
  ])
  const anyArea = await listIdeas(
    { ...filters, areaId: null, stages: ['ideation'], limit: 10 },
    getDb(),
  )
  expect(anyArea.items.map((idea) => idea.title)).toEqual(['Elsewhere', 'Five', 'Four', 'Three'])
})

test('ideas proposed within one millisecond are each listed once when a page ends between them', async () => {
  const target = await makeTarget(getDb())
  // PostgreSQL keeps microseconds: three ideas within one millisecond, ids in another order.
  const times = [
    '2026-01-01 00:00:00.123789+00',
    '2026-01-01 00:00:00.123456+00',
    '2026-01-01 00:00:00.123999+00',
  ]
  // Sent as text and cast by PostgreSQL: postgres.js would send a timestamptz parameter
  // through a JavaScript Date, which drops the microseconds this test is about.
  for (const [index, time] of times.entries()) {
    const id = await makeIdea(getDb(), target, `Idea ${index}`)
    await getDb()
      .updateTable('idea')
      .set({ created_at: sql<Date>`${time}::text::timestamptz` })
      .where('id', '=', id)
      .execute()
  }
  for (const sort of ['newest', 'plus-ones'] as const) {
    const titles: string[] = []
    let cursor: IdeaCursor | null = null
    do {
      const page = await listIdeas(
        {
          releaseTargetId: target.targetId,
          areaId: null,
          stages: [],
          sort,
          limit: 1,
          cursor,
        },
        getDb(),
      )
      titles.push(...page.items.map((idea) => idea.title))
      cursor = page.nextCursor
    } while (cursor)
    expect(titles, sort).toEqual(['Idea 2', 'Idea 0', 'Idea 1'])
  }
})

test('a new area name must be new to its release target', async () => {
  const target = await makeTarget(getDb())
  await expectRefusedUnchanged(
    () => createArea({ releaseTargetId: target.targetId, name: 'quality AND testing' }, getDb()),
    /already exists/,
  )
})
