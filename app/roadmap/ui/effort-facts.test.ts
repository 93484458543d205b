import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { EffortBurnUp, EffortSummary, statusSource, type EffortFactsView } from './effort-facts'
import { Progress } from './linked-issues'

const derived = { override: null, derivedStatus: 'planned' as const }

test('a status derived from nothing the board can see says so, not that the issues decided it', () => {
  expect(statusSource({ ...derived, progress: { total: 0, unknown: 0 } })).toBe(
    'No linked issues yet: planned until some are linked.',
  )
  expect(statusSource({ ...derived, progress: { total: 1, unknown: 1 } })).toBe(
    'The linked issue is not mirrored: its state is unknown, so it reads as planned.',
  )
  expect(statusSource({ ...derived, progress: { total: 3, unknown: 3 } })).toBe(
    'The linked issues are not mirrored: their state is unknown, so it reads as planned.',
  )
  expect(statusSource({ ...derived, progress: { total: 3, unknown: 1 } })).toBe(
    'Derived from the linked issues.',
  )
})

test('an effort with no linked issue says so once, in its status, set by hand or not', () => {
  const none = { total: 0, open: 0, closed: 0, unknown: 0, closedOnUnknownDay: 0 }
  const facts: EffortFactsView = {
    status: 'planned',
    derivedStatus: 'planned',
    override: null,
    owners: [],
    targetDate: null,
    progress: none,
    burnUp: [],
  }
  const card = (view: EffortFactsView) =>
    renderToStaticMarkup(
      createElement(
        'div',
        null,
        createElement(EffortSummary, { facts: view }),
        createElement(Progress, view.progress),
        createElement(EffortBurnUp, { title: 'Fuzz the TCP/IP stack', facts: view }),
      ),
    ).replace(/<[^>]+>/g, ' ')
  expect(card(facts).match(/linked/g)).toEqual(['linked', 'linked'])
  expect(card(facts)).toContain('No linked issues yet: planned until some are linked.')
  const overridden: EffortFactsView = {
    ...facts,
    status: 'in-progress',
    override: { status: 'in-progress', by: 'dana', isDemo: false, at: '2026-12-01T10:00:00Z' },
  }
  expect(statusSource(overridden)).toBe('Set by dana on 1 Dec 2026; no issues are linked yet.')
  expect(card(overridden).match(/linked/g)).toEqual(['linked'])
})
