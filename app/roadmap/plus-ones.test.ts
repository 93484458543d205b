import { expect, test } from 'vitest'

import { interestText, plusOneNotice, plusOnesText } from './plus-ones'

test('a +1 count says how many of it are demo actions, and nothing when none is', () => {
  expect(plusOnesText(3, 0)).toBe('3 +1s')
  expect(plusOnesText(1, 1)).toBe('1 +1, a demo action')
  expect(plusOnesText(2, 2)).toBe('2 +1s, both demo actions')
  expect(plusOnesText(4, 4)).toBe('4 +1s, all demo actions')
  expect(plusOnesText(3, 1)).toBe('3 +1s, 1 of them a demo action')
  expect(plusOnesText(5, 2)).toBe('5 +1s, 2 of them demo actions')
})

test("a withdrawn +1 answers with the idea's count, not a number that reads as +1s one has left", () => {
  expect(plusOneNotice(false, false, { plusOnes: 0, demoPlusOnes: 0 })).toBe(
    'Your +1 is withdrawn. The idea now has 0 +1s.',
  )
  expect(plusOneNotice(false, true, { plusOnes: 3, demoPlusOnes: 1 })).toBe(
    'Your +1 is withdrawn. The idea now has 3 +1s, 1 of them a demo action.',
  )
})

test('a counted +1 says once that it is a demo action, then the count in a sentence of its own', () => {
  expect(plusOneNotice(true, true, { plusOnes: 1, demoPlusOnes: 1 })).toBe(
    'Your +1 is counted (a demo action). The idea now has 1 +1, a demo action.',
  )
  expect(plusOneNotice(true, false, { plusOnes: 2, demoPlusOnes: 1 })).toBe(
    'Your +1 is counted. The idea now has 2 +1s, 1 of them a demo action.',
  )
})

test('interest in an idea is said in people, and not at all before anyone gives a +1', () => {
  expect(interestText(0)).toBeNull()
  expect(interestText(0, 0)).toBeNull()
  expect(interestText(1)).toBe('1 person interested')
  expect(interestText(3, 1)).toBe('3 people interested, 1 of them a demo action')
  expect(interestText(2, 2)).toBe('2 people interested, both demo actions')
})
