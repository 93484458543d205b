import fc from 'fast-check'
import { expect, test } from 'vitest'

import { addMonths, nameStatesDate, roundNameFor } from './dates'

test('a month after the 31st is the last day of the next month', () => {
  expect(addMonths(new Date('2027-01-31T09:00:00Z'), 1)).toEqual(new Date('2027-02-28T09:00:00Z'))
  expect(addMonths(new Date('2028-01-31T09:00:00Z'), 1)).toEqual(new Date('2028-02-29T09:00:00Z'))
  expect(addMonths(new Date('2027-12-15T00:00:00Z'), 1)).toEqual(new Date('2028-01-15T00:00:00Z'))
})

test('adding months lands in the right month, never on a later day, at the same time', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 36 }),
      (date, months) => {
        const result = addMonths(date, months)
        const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth()
        expect(monthIndex(result) - monthIndex(date)).toBe(months)
        expect(result.getUTCDate()).toBeLessThanOrEqual(date.getUTCDate())
        expect(result.getTime() % 86_400_000).toBe(date.getTime() % 86_400_000)
      },
    ),
  )
})

test('a proposed round is named after its month', () => {
  expect(roundNameFor(new Date('2027-04-01T09:00:00Z'))).toBe('April 2027 round')
})

test('a round named after its day says the date; other names do not', () => {
  const decidedAt = '2015-04-23T16:00:00.000Z'
  expect(nameStatesDate('Call of 23 April 2015', decidedAt)).toBe(true)
  expect(nameStatesDate('call of 23 apr 2015', decidedAt)).toBe(true)
  expect(nameStatesDate('Call of 2015-04-23', decidedAt)).toBe(true)
  expect(nameStatesDate('April 2015 round', decidedAt)).toBe(false)
  expect(nameStatesDate('Call of 22 April 2015', decidedAt)).toBe(false)
  expect(nameStatesDate('Call of 3 April 2015', '2015-04-03T00:00:00.000Z')).toBe(true)
  expect(nameStatesDate('Call of 13 April 2015', '2015-04-03T00:00:00.000Z')).toBe(false)
})
