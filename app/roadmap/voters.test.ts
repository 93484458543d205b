import { expect, test } from 'vitest'

import { votedCount } from './voters'

test('who voted is counted out of the maintainers who can vote, where that is known', () => {
  expect(votedCount(1, 4)).toBe('1 of 4 maintainers voted')
  expect(votedCount(0, 2)).toBe('0 of 2 maintainers voted')
  expect(votedCount(1, 1)).toBe('1 of 1 maintainer voted')
})

test('a round whose number of possible voters is not recorded counts its voters alone', () => {
  expect(votedCount(1, null)).toBe('1 maintainer voted')
  expect(votedCount(3, null)).toBe('3 maintainers voted')
})
