import { expect, test } from 'vitest'

import { describeQueueProgress } from './triage-progress'

test('a queue counted in full gives its exact size and what is left after this item', () => {
  expect(describeQueueProgress({ count: 6, isCapped: false }, { count: 6, isCapped: false })).toBe(
    '6 in the queue · 5 after this one',
  )
})

test('a queue past the candidates’ cap says “more than”, not a bare number with a plus', () => {
  expect(
    describeQueueProgress({ count: 25, isCapped: true }, { count: 1025, isCapped: true }),
  ).toBe('More than 1,025 in the queue · more than 24 after this one')
})
