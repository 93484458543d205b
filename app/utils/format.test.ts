import { expect, test } from 'vitest'

import { cappedCount, cappedCountOf, capitalise, countOf, formatEvery, listInWords } from './format'

test('a count takes its noun in the right number (issue 16: "1 label changes")', () => {
  expect(countOf(1, 'label')).toBe('1 label')
  expect(countOf(0, 'label')).toBe('0 labels')
  expect(countOf(3, 'label')).toBe('3 labels')
  expect(countOf(2, 'person', 'people')).toBe('2 people')
})

test('an interval is said in the unit it was given in (SYNC_INTERVAL=30s read "every 1 minutes")', () => {
  expect(formatEvery(30_000)).toBe('every 30 seconds')
  expect(formatEvery(90_000)).toBe('every 90 seconds')
  expect(formatEvery(60_000)).toBe('every minute')
  expect(formatEvery(600_000)).toBe('every 10 minutes')
  expect(formatEvery(3_600_000)).toBe('every hour')
  expect(formatEvery(7_200_000)).toBe('every 2 hours')
})

test('a list reads as a sentence lists it, without a comma before the last', () => {
  expect(listInWords([])).toBe('')
  expect(listInWords(['Dana'])).toBe('Dana')
  expect(listInWords(['Dana', 'Ari'])).toBe('Dana and Ari')
  expect(listInWords(['Dana', 'Ari', 'Cam'])).toBe('Dana, Ari and Cam')
})

test('a capped count says “more than” past its cap, the same words on every page', () => {
  expect(cappedCount({ count: 25, isCapped: true })).toBe('more than 25')
  expect(cappedCount({ count: 1200, isCapped: false })).toBe('1,200')
  expect(cappedCountOf({ count: 25, isCapped: true }, 'open issue')).toBe(
    'more than 25 open issues',
  )
  expect(cappedCountOf({ count: 1, isCapped: false }, 'open issue')).toBe('1 open issue')
  expect(capitalise(cappedCountOf({ count: 25, isCapped: true }, 'issue'))).toBe(
    'More than 25 issues',
  )
})
