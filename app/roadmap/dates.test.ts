import fc from 'fast-check'
import { expect, test } from 'vitest'

import { Refusal } from '../utils/refusal'

import {
  addMonths,
  nameStatesDate,
  parseDateInput,
  readRoundDay,
  refuseUnlessFuture,
  roundNameFor,
} from './dates'

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

test('a date input’s day is read as that day at midnight UTC, whatever zone the server runs in', () => {
  expect(parseDateInput('2026-12-15')).toEqual(new Date(Date.UTC(2026, 11, 15)))
  expect(parseDateInput(' 2026-12-15T09:30:00Z ')).toEqual(new Date(Date.UTC(2026, 11, 15, 9, 30)))
  expect(parseDateInput('')).toBeNull()
  expect(parseDateInput(undefined)).toBeNull()
  expect(parseDateInput('15/12/2026')).toBeUndefined()
  expect(parseDateInput('+010000-01-01')).toBeUndefined()
  // Not 2 March, which is what JavaScript makes of it.
  expect(parseDateInput('2027-02-30')).toBeUndefined()
  expect(parseDateInput('2028-02-29')).toEqual(new Date(Date.UTC(2028, 1, 29)))
})

test('a round day that is not a date is refused naming its field, whether typed or made by a caller', () => {
  const refusalOf = (work: () => unknown) => {
    try {
      work()
    } catch (error) {
      return error
    }
    return null
  }
  for (const value of ['soon', '2027-02-30', new Date('soon'), new Date('+010000-01-01')]) {
    const refusal = refusalOf(() => readRoundDay('closesOn', value))
    expect(refusal).toBeInstanceOf(Refusal)
    expect(refusal).toMatchObject({
      message: 'The closing date is not a date.',
      status: 400,
      fieldErrors: { closesOn: 'Not a date: pick a day.' },
    })
  }
  expect(refusalOf(() => readRoundDay('opensOn', ' ', { required: true }))).toMatchObject({
    message: 'Give the opening date.',
    fieldErrors: { opensOn: 'Pick a day.' },
  })
  expect(readRoundDay('closesOn', '')).toBeNull()
  expect(readRoundDay('opensOn', '2027-03-01', { required: true })).toEqual(
    new Date('2027-03-01T00:00:00Z'),
  )
})

test('a day not after now is refused with its message and its field marked; a later one passes', () => {
  const now = new Date('2027-02-18T12:00:00Z')
  for (const day of [now, new Date('2027-02-18T00:00:00Z')]) {
    let refusal: unknown
    try {
      refuseUnlessFuture(day, now, 'Not in the future.', 'opensOn')
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(Refusal)
    expect(refusal).toMatchObject({
      message: 'Not in the future.',
      status: 400,
      fieldErrors: { opensOn: 'Pick a day still to come.' },
    })
  }
  expect(() =>
    refuseUnlessFuture(new Date('2027-02-19T00:00:00Z'), now, 'Not in the future.', 'opensOn'),
  ).not.toThrow()
})
