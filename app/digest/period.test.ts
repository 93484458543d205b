import { describe, expect, it } from 'vitest'

import { Refusal } from '../utils/refusal'

import { parseDigestPeriod, periodKey } from './period'

const now = new Date('2026-12-04T12:00:00Z')

describe('parseDigestPeriod', () => {
  it('reads days, weeks and calendar months back from now, from the start of that UTC day', () => {
    expect(parseDigestPeriod('14d', now).since.toISOString()).toBe('2026-11-20T00:00:00.000Z')
    expect(parseDigestPeriod('2w', now).since.toISOString()).toBe('2026-11-20T00:00:00.000Z')
    expect(parseDigestPeriod('1m', now).since.toISOString()).toBe('2026-11-04T00:00:00.000Z')
    expect(parseDigestPeriod('2w', now).until).toEqual(now)
  })

  it('holds the whole of the first day it is named by, whatever the hour it runs', () => {
    const morning = parseDigestPeriod('1w', new Date('2026-12-14T08:00:00Z'))
    const evening = parseDigestPeriod('1w', new Date('2026-12-14T23:45:00Z'))
    const claimedOnTheFirstDay = new Date('2026-12-07T23:43:00Z')
    expect(periodKey(evening)).toBe('2026-12-07..2026-12-14')
    expect(evening.since).toEqual(morning.since)
    expect(evening.since <= claimedOnTheFirstDay).toBe(true)
  })

  it('reads a calendar date', () => {
    expect(parseDigestPeriod('2026-11-20', now).since.toISOString()).toBe(
      '2026-11-20T00:00:00.000Z',
    )
  })

  it.each([
    '',
    '2',
    'w',
    '0d',
    '1y',
    '1000d',
    '-2w',
    '2 weeks',
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
  ])('refuses %j with a reason', (since) => {
    expect(() => parseDigestPeriod(since, now)).toThrow(Refusal)
  })

  it('refuses a date in the future', () => {
    expect(() => parseDigestPeriod('2026-12-05', now)).toThrow(/future/)
  })
})

describe('periodKey', () => {
  it('names a period by its first and last UTC days: runs the same day share it', () => {
    const morning = parseDigestPeriod('2w', new Date('2026-12-04T08:00:00Z'))
    const evening = parseDigestPeriod('2w', new Date('2026-12-04T23:00:00Z'))
    const nextDay = parseDigestPeriod('2w', new Date('2026-12-05T08:00:00Z'))
    expect(periodKey(morning)).toBe('2026-11-20..2026-12-04')
    expect(periodKey(evening)).toBe(periodKey(morning))
    expect(periodKey(nextDay)).toBe('2026-11-21..2026-12-05')
  })
})
