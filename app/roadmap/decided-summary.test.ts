import { expect, test } from 'vitest'

import { decidedSummary } from './decided-summary'

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
