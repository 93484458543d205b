import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { recordCallDecision } from '../roadmap/decision.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'

import { setFollowing } from './inbox.server'
import { getMaintainerQueue, getMyWork } from './my-work.server'

const getDb = setupTestDatabase()

test('an idea decided twice at the same instant shows the decision recorded last', async () => {
  const target = await makeTarget(getDb())
  const ada = await makePerson(getDb(), 'ada')
  const decidedAt = new Date('2026-11-01T12:00:00Z')
  const agreed = { outcome: 'agreed', disposition: 'roadmap', reason: null } as const
  // Archived, not deferred: an idea deferred back to ideation shows no decision, as on its page.
  const declined = { outcome: 'declined', disposition: 'archived', reason: 'No.' } as const
  // Both orders, so the row the database happens to read first cannot pass for the rule.
  for (const [title, outcomes] of [
    ['Declined, then agreed', [declined, agreed]],
    ['Agreed, then declined', [agreed, declined]],
  ] as const) {
    const ideaId = await makeIdea(getDb(), target, title, { authorId: ada.id })
    for (const [index, outcome] of outcomes.entries()) {
      await recordCallDecision(
        {
          releaseTargetId: target.targetId,
          name: `${title}: call ${index + 1}`,
          decidedAt,
          sourceKey: `${title}-${index}`,
          sourceUrl: null,
          rationale: 'Decided on the call.',
          outcomes: [{ ideaId, ...outcome }],
        },
        getDb(),
      )
    }
  }

  const { ideas } = await getMyWork(ada.id, getDb())
  expect(ideas.map((idea) => [idea.title, idea.decision?.round_name])).toEqual([
    ['Agreed, then declined', 'Agreed, then declined: call 2'],
    ['Declined, then agreed', 'Declined, then agreed: call 2'],
  ])
})

test('what a person follows is listed, newest first; what they unfollowed is not', async () => {
  const target = await makeTarget(getDb())
  const ada = await makePerson(getDb(), 'ada')
  const kept = await makeIdea(getDb(), target, 'Kept')
  const dropped = await makeIdea(getDb(), target, 'Dropped')
  expect((await getMyWork(ada.id, getDb())).following).toEqual([])
  await setFollowing(ada.id, { type: 'idea', id: kept }, true, getDb())
  await setFollowing(ada.id, { type: 'idea', id: dropped }, true, getDb())
  await setFollowing(ada.id, { type: 'idea', id: dropped }, false, getDb())
  const { following } = await getMyWork(ada.id, getDb())
  expect(following.map((follow) => [follow.subject_type, follow.subject_id, follow.title])).toEqual(
    [['idea', kept, 'Kept']],
  )
})

test('what waits for maintainers says which open rounds a demo person opened', async () => {
  const opens = new Date('2027-03-01T09:00:00Z')
  const openOne = async (name: string, opener: { id: number; login: string }) => {
    const target = await makeTarget(getDb(), `Target of ${name}`)
    const shortlist = [
      await makeIdea(getDb(), target, `${name}: first`),
      await makeIdea(getDb(), target, `${name}: second`),
    ]
    await openRound(
      { releaseTargetId: target.targetId, name, opensAt: opens, shortlist },
      opener,
      opens,
      getDb(),
    )
  }
  await openOne('Demo round', await makePerson(getDb(), 'dana', 'maintainer'))
  const real = await getDb()
    .insertInto('account')
    .values({ login: 'real-maintainer' })
    .returning(['id', 'login'])
    .executeTakeFirstOrThrow()
  await openOne('Real round', real)
  const { openRounds } = await getMaintainerQueue(real.id, getDb())
  // The home page and My work badge a demo person's round as a demo action, as /roadmap/rounds does.
  expect(openRounds.map((round) => [round.name, round.is_demo]).sort()).toEqual([
    ['Demo round', true],
    ['Real round', false],
  ])
})
