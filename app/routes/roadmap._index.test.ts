import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { castBallot } from '../roadmap/ballot.server'
import { createArea, createReleaseTarget } from '../roadmap/roadmap.server'
import { openRound } from '../roadmap/round.server'
import { closeOnTopIdea, makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'

import RoadmapRoute, { loader } from './roadmap._index'

const getDb = setupTestDatabase()

async function roadmapData(path = '/roadmap') {
  const response = await callLoader(loader, path)
  expect(response.status).toBe(200)
  return response.json()
}

test('before anything is agreed, the roadmap names the round being voted on and when it closes', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const now = new Date()
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'First round', opensAt: now, shortlist: [a, b] },
    dana,
    now,
    getDb(),
  )
  const data = await roadmapData()
  expect(data.areas).toEqual([])
  expect(data.history).toEqual([])
  expect(data.openRound).toMatchObject({
    id: roundId,
    name: 'First round',
    phase: 'voting',
    shortlist_count: 2,
  })
  expect(new Date(data.openRound.closes_at).getTime()).toBeGreaterThan(now.getTime())
})

test('with no round open, the roadmap names none', async () => {
  await makeTarget(getDb())
  expect((await roadmapData()).openRound).toBeNull()
})

test('a target without areas says so: its roadmap waits for the ideas an area lets in', async () => {
  const targetId = await createReleaseTarget({ name: 'MirageOS 5' }, getDb())
  const data = await roadmapData()
  expect(data.target).toMatchObject({ id: targetId, name: 'MirageOS 5' })
  expect(data.hasAreas).toBe(false)
  await createArea({ releaseTargetId: targetId, name: 'Quality and testing' }, getDb())
  expect((await roadmapData()).hasAreas).toBe(true)
})

test('an effort’s title and a past round’s name look like the links they are, in the board’s link colour', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'Fuzz the network stack')
  const b = await makeIdea(getDb(), target, 'Better docs')
  const now = new Date()
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'First round',
      opensAt: new Date(now.getTime() - 60_000),
      shortlist: [a, b],
    },
    dana,
    now,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: a, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [a, b], dana, now, {
    rationale: 'Fuzzing first.',
    reason: 'Later.',
  })
  const html = await renderRouteWith(RoadmapRoute, await roadmapData(), '/roadmap')
  const linkTo = (href: string) => new RegExp(`<a[^>]*href="${href}"[^>]*>`).exec(html)?.[0]
  expect(linkTo(`/roadmap/efforts/${a}`)).toContain('text-blue-700')
  expect(linkTo(`/roadmap/rounds/${roundId}`)).toContain('text-blue-700')
})
