import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'

import { loader } from './_index'

const getDb = setupTestDatabase()

test('an empty board says so in figures, without failing', async () => {
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    repositoryCount: 0,
    starter: { unclaimed: 0, oneStar: 0, demoRated: 0 },
    roadmap: null,
    stale: { items: 0, repositories: 0 },
  })
})

test('on the demo, the home page shows each part of the board at work, as its pages count it', async () => {
  await loadDemoData(getDb())
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    repositoryCount: 14,
    openIssues: 8,
    starter: {
      unclaimed: 34,
      oneStar: 8,
      dryDomains: ['storage', 'platform', 'testing', 'monitoring'],
      demoRated: 26,
    },
    roadmap: { name: 'MirageOS 3.0', efforts: 4, done: 1, ideas: 28 },
    // The demo does not sync: measured from its own last activity (decision 012).
    stale: { items: 7, repositories: 6, asOf: '2024-05-26T12:00:00.000Z' },
  })
})
