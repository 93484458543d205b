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

test('at its top, the roadmap says what the last round decided and, with none open, when the next one is due', async () => {
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
  const open = await roadmapData()
  // While a round is open it is what comes next; nothing decided yet, so no last decision.
  expect(open.nextRound).toBeNull()
  expect(open.lastDecision).toBeNull()

  await castBallot(roundId, dana, [{ id: a, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [a, b], dana, now, {
    rationale: 'Fuzzing first.',
    reason: 'Later.',
  })
  const data = await roadmapData()
  expect(data.openRound).toBeNull()
  expect(data.lastDecision).toMatchObject({
    round_id: roundId,
    name: 'First round',
    summary: expect.stringMatching(/^1 idea agreed, 1 /),
  })
  // Closing proposes the next round a month on: the roadmap says when, not only the rounds page.
  expect(data.nextRound).toMatchObject({ name: expect.any(String) })
  expect(new Date(data.nextRound.opens_at).getTime()).toBeGreaterThan(now.getTime())

  const html = await renderRouteWith(RoadmapRoute, data, '/roadmap')
  const text = html.replace(/<[^>]+>/g, '')
  expect(text).toContain(`${data.nextRound.name} is proposed to open on`)
  expect(text).toMatch(/Last decision: First round, .+: 1 idea agreed, 1 \w+\./)
  expect(html).toContain('href="#history"')
  // A name that states the day is not followed by it again.
  const named = await renderRouteWith(
    RoadmapRoute,
    {
      ...data,
      lastDecision: {
        ...data.lastDecision,
        name: 'Call of 3 February 2016',
        decided_at: '2016-02-03T00:00:00.000Z',
      },
    },
    '/roadmap',
  )
  expect(named.replace(/<[^>]+>/g, '')).toContain('Last decision: Call of 3 February 2016: 1 idea')
  expect(html).toMatch(/<h2 id="history"/)
})

test('a round opened for a later day heads the roadmap as the next round, not as being decided now', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const now = new Date()
  const heading = async () => {
    const html = await renderRouteWith(RoadmapRoute, await roadmapData(), '/roadmap')
    return /<h2 id="being-decided"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1]
  }
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'Next month',
      opensAt: new Date(now.getTime() + 30 * 86_400_000),
      shortlist: [a, b],
    },
    dana,
    now,
    getDb(),
  )
  expect((await roadmapData()).openRound).toMatchObject({ id: roundId, phase: 'scheduled' })
  expect(await heading()).toBe('Next round')
  // Once its voting starts, it is being decided.
  await getDb()
    .updateTable('round')
    .set({ opens_at: new Date(now.getTime() - 60_000) })
    .where('id', '=', roundId)
    .execute()
  expect(await heading()).toBe('Being decided now')
})
