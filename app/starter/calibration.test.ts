import fc from 'fast-check'
import { expect, test } from 'vitest'

import type { ClaimOutcome, Stars } from '../../db/schema'

import {
  abandonmentByLevel,
  assessDrift,
  countBy,
  describeDisagreements,
  describeDriftRule,
  driftFilterOptions,
  endedClaimsDemoNote,
  filterDrift,
  reportDisagreements,
  suggestedStars,
  tallyReports,
  type EndedClaim,
} from './calibration'

const stars = fc.constantFrom<Stars>(1, 2, 3)
const rating = fc.option(stars, { nil: null })
const reports = fc.array(stars, { maxLength: 40 })
// Thresholds as the settings allow them (0.25..2), in hundredths so the test can compare exactly.
const hundredths = fc.integer({ min: 25, max: 200 })
const minReports = fc.integer({ min: 1, max: 6 })

const mirror = (s: Stars) => (4 - s) as Stars

test('a rated axis drifts exactly when it has enough reports and the average is far enough off', () => {
  fc.assert(
    fc.property(stars, reports, hundredths, minReports, (r, reported, h, min) => {
      const tally = tallyReports(r, reported)
      const drift = assessDrift(tally, { threshold: h / 100, minReports: min })
      // |sum/n − r| ≥ h/100  ⇔  100·|sum − r·n| ≥ h·n, all integers.
      const expected =
        tally.reports >= min && 100 * Math.abs(tally.sum - r * tally.reports) >= h * tally.reports
      expect(drift !== null).toBe(expected)
    }),
  )
})

test('the drift rule is said in plain words with its values, never by the settings’ names', () => {
  expect(describeDriftRule({ threshold: 0.75, minReports: 2 })).toBe(
    'A project’s difficulty on an axis is flagged here when contributors’ average report differs from the maintainers’ rating by 0.75★ or more over at least 2 reports; an axis nobody has rated yet is listed for a first rating once it has 2 reports.',
  )
  expect(describeDriftRule({ threshold: 1, minReports: 1 })).toContain(
    'by 1★ or more over at least 1 report;',
  )
  expect(describeDriftRule({ threshold: 1, minReports: 1 })).not.toMatch(/DRIFT_/)
})

test('fewer reports than the minimum are never flagged, rated or not', () => {
  fc.assert(
    fc.property(rating, reports, hundredths, minReports, (r, reported, h, min) => {
      fc.pre(reported.length < min)
      expect(assessDrift(tallyReports(r, reported), { threshold: h / 100, minReports: min })).toBe(
        null,
      )
    }),
  )
})

test('a lower threshold flags everything a higher one does', () => {
  fc.assert(
    fc.property(rating, reports, hundredths, hundredths, minReports, (r, reported, a, b, min) => {
      const [low, high] = a <= b ? [a, b] : [b, a]
      const tally = tallyReports(r, reported)
      if (assessDrift(tally, { threshold: high / 100, minReports: min })) {
        expect(assessDrift(tally, { threshold: low / 100, minReports: min })).not.toBe(null)
      }
    }),
  )
})

test('drift is symmetric: mirroring every star flags the same and swaps harder and easier', () => {
  fc.assert(
    fc.property(stars, reports, hundredths, minReports, (r, reported, h, min) => {
      const rule = { threshold: h / 100, minReports: min }
      const drift = assessDrift(tallyReports(r, reported), rule)
      const mirrored = assessDrift(tallyReports(mirror(r), reported.map(mirror)), rule)
      expect(mirrored === null).toBe(drift === null)
      if (drift && mirrored) {
        expect(mirrored.kind).toBe(drift.kind === 'harder' ? 'easier' : 'harder')
        expect(mirrored.difference).toBeCloseTo(-drift.difference, 9)
      }
    }),
  )
})

test('once there are enough reports, a report equal to the rating never creates drift', () => {
  fc.assert(
    fc.property(stars, reports, hundredths, minReports, (r, reported, h, min) => {
      fc.pre(reported.length >= min)
      const rule = { threshold: h / 100, minReports: min }
      if (assessDrift(tallyReports(r, reported), rule) === null) {
        expect(assessDrift(tallyReports(r, [...reported, r]), rule)).toBe(null)
      }
    }),
  )
})

test('the direction follows the average: above the rating is harder, below is easier', () => {
  fc.assert(
    fc.property(stars, reports, hundredths, minReports, (r, reported, h, min) => {
      const drift = assessDrift(tallyReports(r, reported), { threshold: h / 100, minReports: min })
      if (drift) expect(drift.kind).toBe(drift.average > r ? 'harder' : 'easier')
    }),
  )
})

test('an unrated axis with enough reports is listed with a suggested first rating', () => {
  fc.assert(
    fc.property(reports, hundredths, minReports, (reported, h, min) => {
      fc.pre(reported.length >= min && reported.length > 0)
      const drift = assessDrift(tallyReports(null, reported), {
        threshold: h / 100,
        minReports: min,
      })
      expect(drift?.kind).toBe('unrated')
      expect(drift?.suggested).toBe(suggestedStars(drift!.average))
    }),
  )
})

test('the suggested re-rate is within 1..3 and no other star is nearer the average', () => {
  fc.assert(
    fc.property(fc.double({ min: 1, max: 3, noNaN: true }), (average) => {
      const suggested = suggestedStars(average)
      expect([1, 2, 3]).toContain(suggested)
      for (const other of [1, 2, 3]) {
        expect(Math.abs(suggested - average)).toBeLessThanOrEqual(Math.abs(other - average))
      }
    }),
  )
  expect(suggestedStars(1.5)).toBe(2)
  expect(suggestedStars(2.5)).toBe(3)
})

test('re-rating to the suggestion clears the drift whenever the threshold is above half a star', () => {
  fc.assert(
    fc.property(stars, reports, fc.integer({ min: 51, max: 200 }), minReports, (r, got, h, min) => {
      const rule = { threshold: h / 100, minReports: min }
      const drift = assessDrift(tallyReports(r, got), rule)
      if (drift) expect(assessDrift(tallyReports(drift.suggested, got), rule)).toBe(null)
    }),
  )
})

const outcome = fc.constantFrom<ClaimOutcome>('done', 'abandoned', 'released')
const endedClaim: fc.Arbitrary<EndedClaim> = fc.record({
  languageStars: rating,
  domainStars: rating,
  outcome,
})

test('abandonment rate is within [0, 1] and equals abandoned over ended, with counts', () => {
  fc.assert(
    fc.property(fc.array(endedClaim, { maxLength: 60 }), (claims) => {
      const rows = abandonmentByLevel(claims)
      expect(rows).toHaveLength(8)
      for (const row of rows) {
        const matching = claims.filter(
          (claim) =>
            ((row.axis === 'language' ? claim.languageStars : claim.domainStars) ?? 'unrated') ===
            row.level,
        )
        expect(row.ended).toBe(matching.length)
        expect(row.abandoned).toBe(matching.filter((c) => c.outcome === 'abandoned').length)
        expect(row.ended).toBe(row.done + row.abandoned + row.released)
        if (row.ended === 0) {
          expect(row.abandonmentRate).toBe(null)
        } else {
          expect(row.abandonmentRate).toBe(row.abandoned / row.ended)
          expect(row.abandonmentRate).toBeGreaterThanOrEqual(0)
          expect(row.abandonmentRate).toBeLessThanOrEqual(1)
          expect(row.unfinishedRate).toBeGreaterThanOrEqual(row.abandonmentRate!)
          expect(row.unfinishedRate).toBeLessThanOrEqual(1)
        }
      }
      // Each claim counts once per axis.
      for (const axis of ['language', 'domain']) {
        const total = rows.filter((row) => row.axis === axis).reduce((n, row) => n + row.ended, 0)
        expect(total).toBe(claims.length)
      }
    }),
  )
})

test('the drift list filters by maintainer (any case) and domain, and counts groups', () => {
  const rows = [
    { maintainerLogin: 'Hannes', primaryDomain: 'networking' },
    { maintainerLogin: 'hannes', primaryDomain: 'storage' },
    { maintainerLogin: null, primaryDomain: 'networking' },
  ]
  expect(filterDrift(rows, { maintainer: 'HANNES', domain: null })).toEqual(rows.slice(0, 2))
  expect(filterDrift(rows, { maintainer: null, domain: 'networking' })).toEqual([rows[0], rows[2]])
  expect(filterDrift(rows, { maintainer: 'hannes', domain: 'networking' })).toEqual([rows[0]])
  expect(countBy(rows, (row) => row.primaryDomain)).toEqual([
    { name: 'networking', count: 2 },
    { name: 'storage', count: 1 },
  ])
})

test('the filter choices count the rows of every list, so a value found only in the second is offered', () => {
  const drift = [{ maintainerLogin: 'hannes', primaryDomain: 'networking' }]
  const lone = [
    { maintainerLogin: 'hannes', primaryDomain: 'storage' },
    { maintainerLogin: 'mia', primaryDomain: 'storage' },
    { maintainerLogin: null, primaryDomain: 'web' },
  ]
  expect(driftFilterOptions(drift, lone)).toEqual({
    maintainers: [
      { name: 'hannes', count: 2 },
      { name: 'mia', count: 1 },
    ],
    domains: [
      { name: 'storage', count: 2 },
      { name: 'networking', count: 1 },
      { name: 'web', count: 1 },
    ],
  })
  expect(driftFilterOptions(drift)).toEqual({
    maintainers: [{ name: 'hannes', count: 1 }],
    domains: [{ name: 'networking', count: 1 }],
  })
})

test('the abandonment table’s demo note counts demo claims, or says nothing without one', () => {
  expect(endedClaimsDemoNote({ ended: 4, demo: 0 })).toBeNull()
  expect(endedClaimsDemoNote({ ended: 1, demo: 1 })).toBe(
    'The 1 ended claim counted here was a demo person’s: a demo action.',
  )
  expect(endedClaimsDemoNote({ ended: 3, demo: 3 })).toBe(
    'All 3 ended claims counted here were demo people’s: demo actions.',
  )
  expect(endedClaimsDemoNote({ ended: 5, demo: 2 })).toBe(
    '2 of the 5 ended claims counted here were demo people’s: demo actions.',
  )
})

test('one report disagrees on exactly the rated axes the drift rule flags over that report alone', () => {
  fc.assert(
    fc.property(rating, rating, stars, stars, hundredths, (language, domain, metL, metD, h) => {
      const found = reportDisagreements(
        { language, domain },
        { language: metL, domain: metD },
        h / 100,
      )
      const expected = (
        [
          ['language', language, metL],
          ['domain', domain, metD],
        ] as const
      ).flatMap(([axis, rated, met]) => {
        if (rated === null) return []
        const drift = assessDrift(tallyReports(rated, [met]), { threshold: h / 100, minReports: 1 })
        return drift ? [{ axis, met, rated, kind: drift.kind }] : []
      })
      expect(found).toEqual(expected)
    }),
  )
  // At the default threshold, any star of difference disagrees.
  expect(reportDisagreements({ language: 1, domain: 2 }, { language: 2, domain: 2 }, 0.75)).toEqual(
    [{ axis: 'language', met: 2, rated: 1, kind: 'harder' }],
  )
})

test('a disagreeing report is worded one way, or both ways at once', () => {
  const label = (axis: 'language' | 'domain') => (axis === 'language' ? 'OCaml' : 'Domain')
  expect(
    describeDisagreements(
      [
        { axis: 'language', met: 3, rated: 1, kind: 'harder' },
        { axis: 'domain', met: 3, rated: 2, kind: 'harder' },
      ],
      label,
    ),
  ).toBe('harder than rated: OCaml 3★ met, rated 1★; Domain 3★ met, rated 2★')
  expect(
    describeDisagreements(
      [
        { axis: 'language', met: 1, rated: 3, kind: 'easier' },
        { axis: 'domain', met: 3, rated: 1, kind: 'harder' },
      ],
      label,
    ),
  ).toBe('off its rating: OCaml easier (1★ met, rated 3★); Domain harder (3★ met, rated 1★)')
})
