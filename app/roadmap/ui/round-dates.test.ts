import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import type { RoundPhase } from '../round-phase'

import { RoundDates } from './round-dates'

const round = {
  opens_at: '2026-12-05T10:00:00.000Z',
  closes_at: '2027-01-05T10:00:00.000Z',
  closed_at: null as string | null,
}
const words = (phase: RoundPhase, closedAt: string | null = null) =>
  renderToStaticMarkup(
    createElement(RoundDates, { phase, round: { ...round, closed_at: closedAt } }),
  ).replace(/<[^>]+>/g, '')

test('a round closed early says when it closed, and its planned close as a plan, not as still to come', () => {
  expect(words('closed', '2026-12-05T10:30:00.000Z')).toBe(
    'opened 5 Dec 2026, closed 5 Dec 2026 (planned to close 5 Jan 2027)',
  )
  expect(words('closed', '2027-01-05T12:00:00.000Z')).toBe('opened 5 Dec 2026, closed 5 Jan 2027')
})

test('an open round opened and closes; a scheduled one opens and closes; an ended one awaits closing', () => {
  expect(words('voting')).toBe('opened 5 Dec 2026, closes 5 Jan 2027')
  expect(words('scheduled')).toBe('opens 5 Dec 2026, closes 5 Jan 2027')
  expect(words('ended')).toBe('opened 5 Dec 2026, voting ended 5 Jan 2027')
})
