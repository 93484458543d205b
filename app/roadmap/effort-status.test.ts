import fc from 'fast-check'
import { expect, test } from 'vitest'

import {
  burnUp,
  deriveEffortStatus,
  effectiveStatus,
  statusAt,
  targetDateProblem,
  type LinkedIssueHistory,
} from './effort-status'

const AGREED = '2015-03-25T12:00:00Z'

const open = (createdAt: string, updatedAt = createdAt): LinkedIssueHistory => ({
  state: 'open',
  createdAt,
  closedAt: null,
  updatedAt,
})
const closed = (createdAt: string, closedAt: string): LinkedIssueHistory => ({
  state: 'closed',
  createdAt,
  closedAt,
  updatedAt: closedAt,
})
/** Closed, but nobody recorded when (the MirageOS demo's issues): its history is unknown. */
const closedUndated = (createdAt: string): LinkedIssueHistory => ({
  state: 'closed',
  createdAt,
  closedAt: null,
  updatedAt: createdAt,
})
const unmirrored: LinkedIssueHistory = {
  state: null,
  createdAt: null,
  closedAt: null,
  updatedAt: null,
}

test('an effort with no linked issues, or none closed or touched since the agreement, is planned', () => {
  expect(deriveEffortStatus([], AGREED)).toBe('planned')
  expect(deriveEffortStatus([open('2014-01-01T00:00:00Z'), unmirrored], AGREED)).toBe('planned')
})

test('an open issue active since the agreement, or one closed, puts it in progress', () => {
  expect(deriveEffortStatus([open('2014-01-01T00:00:00Z', '2015-04-01T00:00:00Z')], AGREED)).toBe(
    'in-progress',
  )
  expect(
    deriveEffortStatus(
      [open('2014-01-01T00:00:00Z'), closed('2014-01-01T00:00:00Z', '2016-01-01T00:00:00Z')],
      AGREED,
    ),
  ).toBe('in-progress')
})

test('every linked issue closed makes it done; one not mirrored keeps it from done', () => {
  const both = [
    closed('2014-01-01T00:00:00Z', '2016-01-01T00:00:00Z'),
    closed('2016-01-01T00:00:00Z', '2017-01-01T00:00:00Z'),
  ]
  expect(deriveEffortStatus(both, AGREED)).toBe('done')
  expect(deriveEffortStatus([...both, unmirrored], AGREED)).toBe('in-progress')
})

test('a maintainer override wins over the derived status; none leaves it derived', () => {
  expect(effectiveStatus('in-progress', 'dropped')).toBe('dropped')
  expect(effectiveStatus('done', null)).toBe('done')
})

test('the burn-up steps where issues are opened and closed, and ends on the last day', () => {
  const points = burnUp(
    [
      closed('2015-01-10T08:00:00Z', '2015-04-02T09:00:00Z'),
      open('2015-04-05T10:00:00Z'),
      unmirrored,
    ],
    AGREED,
    '2015-04-10T00:00:00Z',
  )
  expect(points).toEqual([
    { day: '2015-03-25', values: { scope: 1, closed: 0 } },
    { day: '2015-04-01', values: { scope: 1, closed: 0 } },
    { day: '2015-04-02', values: { scope: 1, closed: 1 } },
    { day: '2015-04-04', values: { scope: 1, closed: 1 } },
    { day: '2015-04-05', values: { scope: 2, closed: 1 } },
    { day: '2015-04-10', values: { scope: 2, closed: 1 } },
  ])
  expect(burnUp([unmirrored], AGREED, '2016-01-01T00:00:00Z')).toEqual([])
})

test('an issue closed on a day nobody recorded is left out of the burn-up, never drawn closed on a made-up day', () => {
  const points = burnUp(
    [open('2015-01-01T00:00:00Z'), closedUndated('2015-02-01T00:00:00Z')],
    AGREED,
    '2015-06-01T00:00:00Z',
  )
  expect(points.at(-1)).toEqual({ day: '2015-06-01', values: { scope: 1, closed: 0 } })
  expect(burnUp([closedUndated('2015-02-01T00:00:00Z')], AGREED, '2015-06-01T00:00:00Z')).toEqual(
    [],
  )
  // It still counts as closed for the status: the state is known, only the day is not.
  expect(deriveEffortStatus([closedUndated('2015-02-01T00:00:00Z')], AGREED)).toBe('done')
})

test('a target date must be a real day, today or later', () => {
  const now = new Date('2026-12-04T10:00:00Z')
  expect(targetDateProblem('2026-12-04', now)).toBeNull()
  expect(targetDateProblem('2027-03-01', now)).toBeNull()
  expect(targetDateProblem('2026-12-03', now)).toBe(
    'The target date 2026-12-03 is in the past (today is 2026-12-04).',
  )
  expect(targetDateProblem('2027-02-30', now)).toMatch(/is not a date/)
  expect(targetDateProblem('soon', now)).toMatch(/is not a date/)
})

// ---- Laws ----

const START = Date.UTC(2014, 0, 1)
const dayMs = 86_400_000
const historyArb: fc.Arbitrary<LinkedIssueHistory> = fc.oneof(
  fc.constant(unmirrored),
  fc
    .integer({ min: 0, max: 2000 })
    .map((created) => closedUndated(new Date(START + created * dayMs).toISOString())),
  fc
    .record({
      created: fc.integer({ min: 0, max: 2000 }),
      lifetime: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
      touched: fc.integer({ min: 0, max: 3000 }),
    })
    .map(({ created, lifetime, touched }) => {
      const createdAt = new Date(START + created * dayMs).toISOString()
      if (lifetime === null) {
        return open(createdAt, new Date(START + Math.max(created, touched) * dayMs).toISOString())
      }
      return closed(createdAt, new Date(START + (created + lifetime) * dayMs).toISOString())
    }),
)
const agreedArb = fc.integer({ min: 0, max: 2500 }).map((day) => new Date(START + day * dayMs))

test('law: the derived status ignores the order of the links', () => {
  fc.assert(
    fc.property(fc.array(historyArb, { maxLength: 8 }), agreedArb, (issues, agreedAt) => {
      expect(deriveEffortStatus([...issues].reverse(), agreedAt)).toBe(
        deriveEffortStatus(issues, agreedAt),
      )
    }),
  )
})

test('law: done exactly when there are links and every one is closed', () => {
  fc.assert(
    fc.property(fc.array(historyArb, { maxLength: 8 }), agreedArb, (issues, agreedAt) => {
      const isDone = issues.length > 0 && issues.every((issue) => issue.state === 'closed')
      expect(deriveEffortStatus(issues, agreedAt) === 'done').toBe(isDone)
    }),
  )
})

test('law: closing one more issue never moves an effort back to planned', () => {
  fc.assert(
    fc.property(
      fc.array(historyArb, { minLength: 1, maxLength: 8 }),
      agreedArb,
      fc.nat(),
      (issues, agreedAt, pick) => {
        const index = pick % issues.length
        const issue = issues[index]!
        if (issue.state !== 'open') return
        const after = issues.map((other, at) =>
          at === index ? closed(String(issue.createdAt), String(issue.updatedAt)) : other,
        )
        expect(deriveEffortStatus(after, agreedAt)).not.toBe('planned')
      },
    ),
  )
})

test('law: the burn-up never closes more than exist, never goes down, and ends at the counts', () => {
  fc.assert(
    fc.property(
      fc.array(historyArb, { maxLength: 8 }),
      agreedArb,
      fc.integer({ min: 0, max: 4000 }),
      (issues, from, toDay) => {
        const to = new Date(START + toDay * dayMs)
        const points = burnUp(issues, from, to)
        // What has a history to draw: in the mirror, and not closed on an unrecorded day.
        const mirrored = issues.filter(
          (issue) =>
            issue.createdAt !== null && !(issue.state === 'closed' && issue.closedAt === null),
        )
        if (mirrored.length === 0) {
          expect(points).toEqual([])
          return
        }
        for (const [index, point] of points.entries()) {
          expect(point.values.closed).toBeLessThanOrEqual(point.values.scope)
          if (index === 0) continue
          const previous = points[index - 1]!
          expect(point.day > previous.day).toBe(true)
          expect(point.values.scope).toBeGreaterThanOrEqual(previous.values.scope)
          expect(point.values.closed).toBeGreaterThanOrEqual(previous.values.closed)
        }
        expect(points.at(-1)!.values).toEqual({
          scope: mirrored.length,
          closed: mirrored.filter((issue) => issue.state === 'closed').length,
        })
      },
    ),
  )
})

test('the status as it stood then: issues closed later were open, an override set later was not there', () => {
  const issues = [
    closed('2015-01-10T00:00:00Z', '2016-06-01T00:00:00Z'),
    closed('2015-01-10T00:00:00Z', '2017-06-01T00:00:00Z'),
  ]
  const override = { status: 'dropped' as const, at: '2018-01-01T00:00:00Z' }
  expect(statusAt(issues, AGREED, new Date('2016-01-01T00:00:00Z'), override)).toBe('planned')
  expect(statusAt(issues, AGREED, new Date('2016-07-01T00:00:00Z'), override)).toBe('in-progress')
  expect(statusAt(issues, AGREED, new Date('2017-07-01T00:00:00Z'), override)).toBe('done')
  expect(statusAt(issues, AGREED, new Date('2018-07-01T00:00:00Z'), override)).toBe('dropped')
})

test('law: with no override, the status as of now is the derived status', () => {
  fc.assert(
    fc.property(fc.array(historyArb, { maxLength: 8 }), agreedArb, (issues, agreedAt) => {
      const now = new Date(START + 5000 * dayMs)
      expect(statusAt(issues, agreedAt, now, null)).toBe(deriveEffortStatus(issues, agreedAt))
    }),
  )
})
