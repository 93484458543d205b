import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'

import { loader } from './digest'

const getDb = setupTestDatabase()

test('the agenda lists an idea proposed in the period under its area (a date period: no wall clock)', async () => {
  const target = await makeTarget(getDb())
  await makeIdea(getDb(), target, 'Explain Pioneer Projects')
  const response = await callLoader(loader, '/digest?since=2000-01-01')
  expect(response.status).toBe(200)
  const body = (await response.json()) as { markdown: string }
  expect(body.markdown).toContain('### Quality and testing\n- Explain Pioneer Projects (idea ')
})

test.each(['2 weeks', '0d', 'soon', '2999-01-01'])(
  'since=%j is refused with 400 and the reason',
  async (since) => {
    const response = await callLoader(loader, `/digest?since=${encodeURIComponent(since)}`)
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/not a period|future/)
  },
)
