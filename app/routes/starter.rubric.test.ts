import { expect, test } from 'vitest'

import { getStarterSettings } from '../starter/settings.server'

import { loader } from './starter.rubric'

test('the rubric, which says “before you claim it”, says what a claim is and how long it lasts', async () => {
  const data = await (await loader()).json()
  expect(data.rubric.advice.join(' ')).toContain('before you claim it')
  expect(data.claimExplained).toBe(
    `Claiming a project tells everyone you are working on it, one person at a time (an elastic project takes several), for ${getStarterSettings().claimDays} days unless you renew it; stopping is fine, and it goes back to the finder for someone else.`,
  )
})
