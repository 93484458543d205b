import { expect, test } from 'vitest'

import { plusOnesText } from './plus-ones'

test('a +1 count says how many of it are demo actions, and nothing when none is', () => {
  expect(plusOnesText(3, 0)).toBe('3 +1s')
  expect(plusOnesText(1, 1)).toBe('1 +1, a demo action')
  expect(plusOnesText(2, 2)).toBe('2 +1s, both demo actions')
  expect(plusOnesText(4, 4)).toBe('4 +1s, all demo actions')
  expect(plusOnesText(3, 1)).toBe('3 +1s, 1 of them a demo action')
  expect(plusOnesText(5, 2)).toBe('5 +1s, 2 of them demo actions')
})
