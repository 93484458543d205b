import { expect, test } from 'vitest'

import { areaStatuses, noEffortLine } from './area-statuses'

const effort = (status: 'planned' | 'in-progress' | 'done' | 'dropped') => ({ effort: { status } })

test('an area shows columns only for the statuses it has efforts in, and names the others once', () => {
  const storage = areaStatuses([effort('planned')])
  expect(storage).toEqual({ shown: ['planned'], empty: ['in-progress', 'done', 'dropped'] })
  expect(noEffortLine(storage.empty)).toBe('No effort in progress, done or dropped yet.')
  const quality = areaStatuses([effort('in-progress'), effort('planned'), effort('planned')])
  expect(quality.shown).toEqual(['planned', 'in-progress'])
  expect(noEffortLine(quality.empty)).toBe('No effort done or dropped yet.')
  expect(noEffortLine(areaStatuses([effort('planned'), effort('done')]).empty)).toBe(
    'No effort in progress or dropped yet.',
  )
})

test('an area with an effort in every status has no such line', () => {
  const every = areaStatuses([
    effort('planned'),
    effort('in-progress'),
    effort('done'),
    effort('dropped'),
  ])
  expect(every.empty).toEqual([])
  expect(noEffortLine(every.empty)).toBeNull()
})
