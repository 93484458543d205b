import fc from 'fast-check'
import { expect, test } from 'vitest'

import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

import {
  CANDIDATE_POINTS,
  describeAge,
  guessDomainFromLabels,
  HELP_LABELS,
  looksLikeStarterMaterial,
  scoreCandidate,
  SHORT_BODY_BYTES,
  STARTER_LABELS,
} from './candidate-score'

const NOW = new Date('2026-11-26T12:00:00Z')
const DAY_MS = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS)

test('the reasons read as the page shows them', () => {
  expect(
    scoreCandidate(
      { labelKeys: ['bug', 'good first issue'], bodyBytes: 400, updatedAt: daysAgo(12) },
      NOW,
    ),
  ).toEqual({
    score: 7,
    reasons: [
      'label: good first issue',
      'unassigned',
      'updated 12 days ago (14 Nov 2026)',
      'short and concrete',
    ],
  })
  expect(
    scoreCandidate({ labelKeys: ['help wanted'], bodyBytes: 5000, updatedAt: daysAgo(150) }, NOW),
  ).toEqual({
    score: 2,
    reasons: ['label: help wanted', 'unassigned', 'updated 5 months ago (29 Jun 2026)'],
  })
})

test('where the source records no activity (the demo), the update is a lower bound, not an age', () => {
  const facts = { labelKeys: ['help wanted'], bodyBytes: 5000, updatedAt: daysAgo(150) }
  expect(scoreCandidate({ ...facts, historyRecorded: false }, NOW)).toEqual({
    score: 2,
    reasons: ['label: help wanted', 'unassigned', 'updated 29 Jun 2026 or later'],
  })
})

test('ages read in days, then months', () => {
  expect(describeAge(NOW, NOW)).toBe('today')
  expect(describeAge(daysAgo(1), NOW)).toBe('1 day ago')
  expect(describeAge(daysAgo(59), NOW)).toBe('59 days ago')
  expect(describeAge(daysAgo(95), NOW)).toBe('3 months ago')
})

const facts = fc.record({
  labelKeys: fc.subarray(['bug', 'enhancement', ...STARTER_LABELS, ...HELP_LABELS]),
  bodyBytes: fc.integer({ min: 1, max: 5000 }),
  updatedAt: fc.integer({ min: 0, max: 200 }).map(daysAgo),
})

test('every signal only ever raises the score, and each one is given as a reason', () => {
  fc.assert(
    fc.property(facts, fc.constantFrom(...STARTER_LABELS, ...HELP_LABELS), (base, label) => {
      const before = scoreCandidate(base, NOW)
      const labelled = scoreCandidate({ ...base, labelKeys: [...base.labelKeys, label] }, NOW)
      expect(labelled.score).toBeGreaterThanOrEqual(before.score)
      expect(labelled.reasons).toContain(`label: ${label}`)
      const fresher = scoreCandidate({ ...base, updatedAt: NOW }, NOW)
      expect(fresher.score).toBeGreaterThanOrEqual(before.score)
      const shorter = scoreCandidate({ ...base, bodyBytes: 10 }, NOW)
      expect(shorter.score).toBeGreaterThanOrEqual(before.score)
      expect(shorter.reasons).toContain('short and concrete')
    }),
  )
})

test('the score is bounded by the sum of the points, and labels count once per kind', () => {
  const max =
    CANDIDATE_POINTS.starterLabel +
    CANDIDATE_POINTS.helpLabel +
    CANDIDATE_POINTS.shortAndConcrete +
    CANDIDATE_POINTS.updatedLately
  fc.assert(
    fc.property(facts, (input) => {
      const { score } = scoreCandidate(input, NOW)
      expect(score).toBeGreaterThanOrEqual(0)
      expect(score).toBeLessThanOrEqual(max)
    }),
  )
  expect(
    scoreCandidate(
      {
        labelKeys: ['easy', 'beginner', 'good first issue'],
        bodyBytes: 9999,
        updatedAt: daysAgo(100),
      },
      NOW,
    ).score,
  ).toBe(CANDIDATE_POINTS.starterLabel)
})

test('starter material: a newcomer label or a short body, never wontfix, never without a body', () => {
  expect(looksLikeStarterMaterial({ labelKeys: ['docs'], bodyBytes: 9000 })).toBe(true)
  expect(looksLikeStarterMaterial({ labelKeys: [], bodyBytes: SHORT_BODY_BYTES - 1 })).toBe(true)
  expect(looksLikeStarterMaterial({ labelKeys: [], bodyBytes: SHORT_BODY_BYTES })).toBe(false)
  expect(looksLikeStarterMaterial({ labelKeys: ['easy', 'wontfix'], bodyBytes: 10 })).toBe(false)
  expect(looksLikeStarterMaterial({ labelKeys: ['easy'], bodyBytes: 0 })).toBe(false)
})

test('a domain is guessed from labels only when exactly one domain matches', () => {
  expect(guessDomainFromLabels(['bug', 'TLS'], DEFAULT_STARTER_DOMAINS)).toBe('security')
  expect(guessDomainFromLabels(['Documentation'], DEFAULT_STARTER_DOMAINS)).toBe('documentation')
  expect(guessDomainFromLabels(['tls', 'tcp'], DEFAULT_STARTER_DOMAINS)).toBeNull()
  expect(guessDomainFromLabels(['http'], DEFAULT_STARTER_DOMAINS)).toBeNull()
  expect(guessDomainFromLabels(['bug'], DEFAULT_STARTER_DOMAINS)).toBeNull()
  expect(guessDomainFromLabels(['tls'], ['networking'])).toBeNull()
})
