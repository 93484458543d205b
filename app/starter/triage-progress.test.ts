import { expect, test } from 'vitest'

import {
  describeNarrowedProgress,
  describeQueueProgress,
  parseSittingCount,
  parseTriageDomain,
  projectsToTriage,
  triageHref,
} from './triage-progress'

const exact = (count: number) => ({ count, isCapped: false })
const projects = (total: number, toRate: number) => ({ total, toRate })

test('the queue names its projects and its candidate issues apart, then what is left after this item', () => {
  expect(
    describeQueueProgress(exact(22), { projects: projects(21, 5), candidates: exact(1) }),
  ).toBe(
    '21 open starter projects to triage: 5 to rate or size, then 16 missing only a mentor one can reach, and 1 issue that could become a starter project · 21 after this one',
  )
  expect(describeQueueProgress(exact(1), { projects: projects(1, 1), candidates: exact(0) })).toBe(
    '1 open starter project to rate or size · 0 after this one',
  )
  expect(describeQueueProgress(exact(2), { projects: projects(0, 0), candidates: exact(2) })).toBe(
    '2 issues that could become starter projects · 1 after this one',
  )
})

test('the projects read as the maintainers’ home list counts them, the rating work named apart', () => {
  expect(projectsToTriage(projects(21, 21))).toBe('21 open starter projects to rate or size')
  expect(projectsToTriage(projects(1, 0))).toBe(
    '1 open starter project missing only a mentor one can reach',
  )
  // An old list whose mentors are names alone: the few to rate are not lost in the many.
  expect(projectsToTriage(projects(31, 8))).toBe(
    '31 open starter projects to triage: 8 to rate or size, then 23 missing only a mentor one can reach',
  )
  expect(
    describeQueueProgress(exact(22), {
      projects: projects(21, 3),
      candidates: exact(1),
    }).startsWith(projectsToTriage(projects(21, 3))),
  ).toBe(true)
})

test('candidates past the cap say “more than”, not a bare number with a plus', () => {
  expect(
    describeQueueProgress(
      { count: 25, isCapped: true },
      { projects: projects(1000, 1000), candidates: { count: 25, isCapped: true } },
    ),
  ).toBe(
    '1,000 open starter projects to rate or size, and more than 25 issues that could become starter projects · more than 24 after this one',
  )
})

test('past the cap the line also says how much this sitting has done, which the counts cannot show', () => {
  expect(
    describeQueueProgress(
      { count: 25, isCapped: true },
      { projects: projects(0, 0), candidates: { count: 25, isCapped: true } },
      1200,
    ),
  ).toBe(
    'More than 25 issues that could become starter projects · more than 24 after this one · 1,200 done so far',
  )
  expect(
    describeQueueProgress(exact(2), { projects: projects(2, 2), candidates: exact(0) }, 0),
  ).toBe('2 open starter projects to rate or size · 1 after this one')
})

test('the sitting count reads only a whole number of at most six digits', () => {
  expect([null, '', '0', '7', '000012', '999999'].map(parseSittingCount)).toEqual([
    0, 0, 0, 7, 12, 999_999,
  ])
  expect(['-1', '1.5', '1e3', '1000000', ' 3', '3\0', 'x'].map(parseSittingCount)).toEqual([
    0, 0, 0, 0, 0, 0, 0,
  ])
})

test('?domain= is one of the board’s domains exactly; empty is the whole queue; anything else is named as refused', () => {
  const domains = ['networking', 'storage']
  expect(parseTriageDomain(null, domains)).toEqual({ domain: null })
  expect(parseTriageDomain('', domains)).toEqual({ domain: null })
  expect(parseTriageDomain('storage', domains)).toEqual({ domain: 'storage' })
  for (const value of ['Storage', ' storage', 'tls', 'x'.repeat(1000)]) {
    const parsed = parseTriageDomain(value, domains)
    expect(parsed).toEqual({ problem: expect.stringContaining('(networking, storage)') })
    expect('problem' in parsed && parsed.problem.length).toBeLessThan(300)
  }
})

test('the queue’s address keeps the domain beside the position and the sitting', () => {
  expect(triageHref(null)).toBe('/starter/triage')
  expect(triageHref('storage')).toBe('/starter/triage?domain=storage')
  expect(triageHref('storage', { at: 'abc', sitting: '2' })).toBe(
    '/starter/triage?domain=storage&at=abc&sitting=2',
  )
  expect(triageHref('a&b')).toBe('/starter/triage?domain=a%26b')
})

test('a narrowed queue says what it holds and what the whole queue holds', () => {
  expect(
    describeNarrowedProgress('storage', { count: 3, isCapped: false }, 3, {
      count: 18,
      isCapped: false,
    }),
  ).toBe('3 waiting in storage · 18 in all · 2 after this one')
  expect(
    describeNarrowedProgress(
      'storage',
      { count: 1, isCapped: false },
      2,
      { count: 60, isCapped: true },
      4,
    ),
  ).toBe('2 waiting in storage · more than 60 in all · 0 after this one · 4 done so far')
})
