import fc from 'fast-check'
import { expect, test } from 'vitest'

import { boardClock, describeBoardClock } from './board-clock'

const realNow = new Date('2026-12-04T05:00:00Z')
const mayDay = new Date('2024-05-26T12:00:00Z')

test('a live board measures from the real clock, however old its newest open item', () => {
  expect(boardClock({ realNow, isLive: true, newestOpenActivity: mayDay })).toEqual({
    kind: 'real',
    now: realNow,
  })
})

test('a snapshot measures from its newest activity on open work', () => {
  expect(boardClock({ realNow, isLive: false, newestOpenActivity: mayDay })).toEqual({
    kind: 'snapshot',
    now: mayDay,
  })
})

test('a snapshot with nothing open has nothing to measure: the real clock', () => {
  expect(boardClock({ realNow, isLive: false, newestOpenActivity: null })).toEqual({
    kind: 'real',
    now: realNow,
  })
})

test('the board time is never later than the real time', () => {
  const date = fc.date({
    min: new Date('2000-01-01'),
    max: new Date('2100-01-01'),
    noInvalidDate: true,
  })
  fc.assert(
    fc.property(date, fc.option(date), fc.boolean(), (now, newest, isLive) => {
      const clock = boardClock({ realNow: now, isLive, newestOpenActivity: newest })
      expect(clock.now.getTime()).toBeLessThanOrEqual(now.getTime())
      // Only a snapshot with open work leaves the real clock.
      if (clock.kind === 'real') expect(clock.now).toEqual(now)
      else expect(isLive).toBe(false)
    }),
  )
})

test('pages explain a snapshot time with its date, and say nothing on the real clock', () => {
  expect(describeBoardClock({ kind: 'snapshot', now: mayDay })).toMatch(
    /^Measured as of 26 May 2024, the last activity on open work in the mirrored data/,
  )
  expect(describeBoardClock({ kind: 'real', now: realNow })).toBeNull()
})
