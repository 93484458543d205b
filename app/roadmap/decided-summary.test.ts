import { expect, test } from 'vitest'

import { decidedOnCall, decidedSummary } from './decided-summary'

test('a closed round’s outcomes are counted, agreed first', () => {
  expect(
    decidedSummary([
      { outcome: 'deferred' },
      { outcome: 'agreed' },
      { outcome: 'agreed' },
      { outcome: 'declined' },
    ]),
  ).toBe('2 ideas agreed, 1 deferred, 1 declined')
  expect(decidedSummary([{ outcome: 'deferred' }])).toBe('1 idea deferred')
})

test('a round with no recorded outcome says nothing of what it decided', () => {
  expect(decidedSummary([])).toBeNull()
})

test('a call named after its day does not name the day again', () => {
  expect(decidedOnCall('Call of 25 March 2015', '2015-03-25T00:00:00Z')).toBe(
    'decided on the call, no recorded ballots',
  )
  expect(decidedOnCall('Spring planning', '2015-03-25T00:00:00Z')).toBe(
    'decided on the call of 25 Mar 2015, no recorded ballots',
  )
})
