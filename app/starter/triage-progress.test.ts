import { expect, test } from 'vitest'

import { describeQueueProgress, parseSittingCount } from './triage-progress'

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

test('past the cap the line also says how much this sitting has done, which the counts cannot show', () => {
  expect(
    describeQueueProgress({ count: 25, isCapped: true }, { count: 1025, isCapped: true }, 1200),
  ).toBe('More than 1,025 in the queue · more than 24 after this one · 1,200 done so far')
  expect(
    describeQueueProgress({ count: 2, isCapped: false }, { count: 2, isCapped: false }, 0),
  ).toBe('2 in the queue · 1 after this one')
})

test('the sitting count reads only a whole number of at most six digits', () => {
  expect([null, '', '0', '7', '000012', '999999'].map(parseSittingCount)).toEqual([
    0, 0, 0, 7, 12, 999_999,
  ])
  expect(['-1', '1.5', '1e3', '1000000', ' 3', '3\0', 'x'].map(parseSittingCount)).toEqual([
    0, 0, 0, 0, 0, 0, 0,
  ])
})
