import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'
import type { presentRoadmap } from '../roadmap/api-shapes.server'
import { setEffortStatus } from '../roadmap/effort.server'

import { loader } from './api.roadmap'

const getDb = setupTestDatabase()

async function get(query: string) {
  const response = await callLoader(loader, `/api/roadmap${query}`)
  return {
    status: response.status,
    body: (await response.json()) as ReturnType<typeof presentRoadmap> & {
      releaseTarget: { slug: string; name: string }
    },
  }
}

test('answers the agreed efforts by area, with decision, rationale and issue progress', async () => {
  await loadDemoData(getDb())
  const { status, body } = await get('')
  expect(status).toBe(200)
  expect(body.releaseTarget).toMatchObject({ slug: 'mirageos-3-0', name: 'MirageOS 3.0' })
  expect(body.areas.map((area) => area.name)).toEqual([
    'Quality and testing',
    'Release scope',
    'Storage',
  ])
  const storage = body.areas[2]?.efforts[0]
  expect(storage).toMatchObject({
    title: 'Irmin roadmap: the most important open problem is garbage collection',
    decidedAt: '2015-09-30T12:00:00.000Z',
    round: { name: 'Call of 30 September 2015', kind: 'call' },
    // Absolute, as the linked issues' GitHub URLs and the starter projects API's are.
    url: expect.stringMatching(/^http:\/\/localhost\/roadmap\/efforts\/\d+$/),
    status: 'planned',
    statusOverride: null,
    owners: [],
    targetDate: null,
    progress: { closed: 0, open: 0, total: 1, unknown: 1 },
    links: [{ ref: 'mirage/irmin#71', isMirrored: false, state: null }],
  })
  expect(body.history).toHaveLength(5)
  expect(body.history[0]).toMatchObject({ kind: 'call', voters: [], method: 'call' })
})

test('an unknown or malformed release target answers 400', async () => {
  await loadDemoData(getDb())
  expect((await get('?target=mirageos-4')).status).toBe(400)
  expect((await get('?target=Not%20a%20slug')).status).toBe(400)
  expect((await get('?target=mirageos-3-0')).status).toBe(200)
})

test('each effort has its status, and a demo maintainer override or link says it is a demo action', async () => {
  await loadDemoData(getDb())
  const dana = await getDb()
    .selectFrom('account')
    .select(['id', 'login'])
    .where('login', '=', 'demo-maintainer')
    .executeTakeFirstOrThrow()
  const quality = (await get('')).body.areas[0]!.efforts[0]!
  expect(quality).toMatchObject({
    status: 'in-progress',
    derivedStatus: 'in-progress',
    statusOverride: null,
    progress: { closed: 2, open: 1, total: 3, unknown: 0 },
  })
  expect(quality.links[0]).toMatchObject({
    linkedBy: { login: 'demo-seed-maintainer', isDemoAction: true },
  })
  await setEffortStatus(quality.id, 'done', dana, new Date(), getDb())
  const after = (await get('')).body.areas[0]!.efforts[0]!
  expect(after).toMatchObject({
    status: 'done',
    derivedStatus: 'in-progress',
    statusOverride: { status: 'done', by: 'demo-maintainer', isDemoAction: true },
  })
})
