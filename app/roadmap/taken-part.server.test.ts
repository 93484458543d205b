import { expect, test } from 'vitest'

import type { Database } from '../../db/client.server'
import { setupTestDatabase } from '../../test/database'
import { createGitHubAccount } from '../../test/starter-factories'

import { recordCallDecision } from './decision.server'
import { addComment, setPlusOne } from './idea.server'
import { mergeIdea } from './merge.server'
import { listIdeasTakenPartIn } from './taken-part.server'
import { makeIdea, makePerson, makeTarget } from './test-fixtures'

const getDb = setupTestDatabase()

/** Dates one account's +1 and comments on an idea, so "latest first" does not hang on the clock. */
async function dateActivity(db: Database, ideaId: number, accountId: number, at: string) {
  await db
    .updateTable('idea_plus_one')
    .set({ created_at: new Date(at) })
    .where('idea_id', '=', ideaId)
    .where('account_id', '=', accountId)
    .execute()
  await db
    .updateTable('idea_comment')
    .set({ created_at: new Date(at) })
    .where('idea_id', '=', ideaId)
    .where('author_id', '=', accountId)
    .execute()
}

test('an idea +1’d, one commented on and one both are listed once each, latest activity first', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const ada = await createGitHubAccount(db, 'ada')
  const plusOned = await makeIdea(db, target, 'Faster boot')
  const commented = await makeIdea(db, target, 'Better docs', { areaId: target.areas.docs })
  const both = await makeIdea(db, target, 'Fuzz the parsers')
  await setPlusOne(plusOned, ada, true, db)
  await addComment(commented, ada, 'Yes please.', db)
  await setPlusOne(both, ada, true, db)
  await addComment(both, ada, 'I can help.', db)
  await addComment(both, ada, 'Started a branch.', db)
  await dateActivity(db, plusOned, ada.id, '2026-01-03T00:00:00Z')
  await dateActivity(db, commented, ada.id, '2026-01-01T00:00:00Z')
  await dateActivity(db, both, ada.id, '2026-01-02T00:00:00Z')

  const { items, more } = await listIdeasTakenPartIn(ada.id, 20, db)
  expect(
    items.map((idea) => [idea.title, idea.area_name, idea.has_plus_one, idea.has_commented]),
  ).toEqual([
    ['Faster boot', 'Quality and testing', true, false],
    ['Fuzz the parsers', 'Quality and testing', true, true],
    ['Better docs', 'Docs and onboarding', false, true],
  ])
  expect(items.map((idea) => idea.status)).toEqual(['open', 'open', 'open'])
  expect(more).toBe(0)
})

test('another person’s +1 and comment are not listed, nor one’s own ideas', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const ada = await createGitHubAccount(db, 'ada')
  const bo = await createGitHubAccount(db, 'bo')
  const theirs = await makeIdea(db, target, 'Bo’s pick')
  const own = await makeIdea(db, target, 'Ada’s own', { authorId: ada.id })
  await setPlusOne(theirs, bo, true, db)
  await addComment(theirs, bo, 'Mine.', db)
  await addComment(own, ada, 'More detail.', db)

  expect(await listIdeasTakenPartIn(ada.id, 20, db)).toEqual({ items: [], more: 0 })
  expect((await listIdeasTakenPartIn(bo.id, 20, db)).items.map((idea) => idea.title)).toEqual([
    'Bo’s pick',
  ])
})

test('an idea merged away points to the one it was merged into, where the +1 moved', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const ada = await createGitHubAccount(db, 'ada')
  const dana = await makePerson(db, 'dana', 'maintainer')
  const duplicate = await makeIdea(db, target, 'Quicker boot')
  const survivor = await makeIdea(db, target, 'Boot time budget')
  await setPlusOne(duplicate, ada, true, db)
  await addComment(duplicate, ada, 'Same as the boot budget?', db)
  await mergeIdea(duplicate, survivor, dana, db)

  const { items } = await listIdeasTakenPartIn(ada.id, 20, db)
  const byTitle = Object.fromEntries(items.map((idea) => [idea.title, idea]))
  expect(byTitle['Quicker boot']).toMatchObject({
    status: 'merged',
    merged_into_id: survivor,
    merged_into_title: 'Boot time budget',
    has_plus_one: false,
    has_commented: true,
  })
  expect(byTitle['Boot time budget']).toMatchObject({
    status: 'open',
    merged_into_id: null,
    has_plus_one: true,
    has_commented: false,
  })
})

test('a decided idea carries the decision; one deferred back to ideation carries none', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const ada = await createGitHubAccount(db, 'ada')
  const agreed = await makeIdea(db, target, 'Agreed one')
  const deferred = await makeIdea(db, target, 'Deferred one')
  await setPlusOne(agreed, ada, true, db)
  await setPlusOne(deferred, ada, true, db)
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'March call',
      decidedAt: new Date('2026-03-01T12:00:00Z'),
      sourceKey: 'march',
      sourceUrl: null,
      rationale: 'On the call.',
      outcomes: [
        { ideaId: agreed, outcome: 'agreed', disposition: 'roadmap', reason: null },
        { ideaId: deferred, outcome: 'deferred', disposition: 'ideation', reason: 'Later.' },
      ],
    },
    db,
  )

  const { items } = await listIdeasTakenPartIn(ada.id, 20, db)
  const byTitle = Object.fromEntries(items.map((idea) => [idea.title, idea]))
  expect(byTitle['Agreed one']).toMatchObject({
    status: 'agreed',
    decision: { outcome: 'agreed', round_name: 'March call', is_demo_decision: false },
  })
  expect(byTitle['Deferred one']).toMatchObject({ status: 'open', decision: null })
})

test('past the limit, the latest are listed and the rest counted', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const ada = await createGitHubAccount(db, 'ada')
  for (const day of [1, 2, 3, 4, 5]) {
    const idea = await makeIdea(db, target, `Idea ${day}`)
    await setPlusOne(idea, ada, true, db)
    await dateActivity(db, idea, ada.id, `2026-02-0${day}T00:00:00Z`)
  }

  const { items, more } = await listIdeasTakenPartIn(ada.id, 2, db)
  expect(items.map((idea) => idea.title)).toEqual(['Idea 5', 'Idea 4'])
  expect(more).toBe(3)
})
