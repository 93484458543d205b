import fc from 'fast-check'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { formatDate } from '~/utils/format'

import { burnUp, effortProgress, type LinkedIssueHistory } from '../effort-status'

import {
  chartScope,
  EffortBurnUp,
  EffortSummary,
  statusSource,
  type EffortFactsView,
} from './effort-facts'
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

const issueHistory: fc.Arbitrary<LinkedIssueHistory> = fc
  .tuple(
    fc.constantFrom('open', 'closed', 'closed on an unknown day', 'not mirrored'),
    fc.date({ min: new Date('2014-01-01'), max: new Date('2016-01-01'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 400 }),
  )
  .map(([kind, created, daysOpen]) => {
    const later = new Date(created.getTime() + daysOpen * 86_400_000)
    if (kind === 'not mirrored') {
      return { state: null, createdAt: null, closedAt: null, updatedAt: null }
    }
    return {
      state: kind === 'open' ? 'open' : 'closed',
      createdAt: created,
      closedAt: kind === 'closed' ? later : null,
      updatedAt: later,
    }
  })

/** What a reader meets first on an effort: the count over every linked issue, then the chart. */
function effortCard(issues: LinkedIssueHistory[]) {
  const facts: EffortFactsView = {
    status: 'in-progress',
    derivedStatus: 'in-progress',
    override: null,
    owners: [],
    targetDate: null,
    progress: effortProgress(issues),
    burnUp: burnUp(issues, '2015-03-25T12:00:00Z', '2016-06-01T00:00:00Z'),
  }
  const html = renderToStaticMarkup(
    createElement(
      'div',
      null,
      createElement(Progress, facts.progress),
      createElement(EffortBurnUp, { title: 'Better tests', facts }),
    ),
  )
  const [beforeChart] = html.split('<svg')
  return { facts, beforeChart: beforeChart!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') }
}

test("an effort's burn-up ends on its headline count, or says before it what it counts instead, as of its last day", () => {
  fc.assert(
    fc.property(fc.array(issueHistory, { minLength: 1, maxLength: 8 }), (issues) => {
      const { facts, beforeChart } = effortCard(issues)
      const last = facts.burnUp.at(-1)
      if (!last) return
      const { closed, total } = facts.progress
      expect(beforeChart).toContain(`${closed} of ${total} linked issue`)
      if (last.values.closed !== closed || last.values.scope !== total) {
        // Why some are left out comes first, then what is drawn of the others, as of its last day.
        const sentences = chartScope({
          total,
          charted: last.values.scope,
          closed: last.values.closed,
          lastDay: last.day,
          undated: facts.progress.closedOnUnknownDay,
          unknown: facts.progress.unknown,
        })!
        expect(beforeChart).toContain(sentences.join(' '))
        expect(sentences.at(-1)).toMatch(/^It draws /)
        expect(sentences.at(-1)).toContain(formatDate(last.day))
        expect(
          sentences
            .slice(0, -1)
            .every((sentence) => /left out|leaves (it|them) out/.test(sentence)),
        ).toBe(true)
      }
    }),
  )
})

test('the demo effort whose closed issues have no closing day says, above its chart, that it charts the open one only', () => {
  const { beforeChart } = effortCard([
    { state: 'closed', createdAt: '2015-01-10T00:00:00Z', closedAt: null, updatedAt: null },
    { state: 'closed', createdAt: '2015-01-12T00:00:00Z', closedAt: null, updatedAt: null },
    {
      state: 'open',
      createdAt: '2015-04-02T00:00:00Z',
      closedAt: null,
      updatedAt: '2015-04-02T00:00:00Z',
    },
  ])
  expect(beforeChart).toContain(
    '2 of 3 linked issues closed 2 of the 3 linked issues were closed on days nobody recorded, so the chart leaves them out. It draws the other one: still open on 1 Jun 2016.',
  )
})

test('what a partial chart counts says first which linked issues it leaves out and why, then what it draws of the others', () => {
  const counts = { total: 6, charted: 3, closed: 1, lastDay: '2016-06-01T00:00:00Z' }
  expect(chartScope({ ...counts, undated: 2, unknown: 1 })).toEqual([
    '2 of the 6 linked issues were closed on days nobody recorded, so the chart leaves them out.',
    '1 more is not in the mirror, its history unknown: left out too.',
    'It draws the other 3: 1 of them closed by 1 Jun 2016.',
  ])
  expect(chartScope({ ...counts, closed: 3, undated: 0, unknown: 3 })).toEqual([
    '3 of the 6 linked issues are not in the mirror, their history unknown, so the chart leaves them out.',
    'It draws the other 3: all of them closed by 1 Jun 2016.',
  ])
  expect(
    chartScope({
      total: 2,
      charted: 1,
      closed: 1,
      lastDay: counts.lastDay,
      undated: 0,
      unknown: 1,
    }),
  ).toEqual([
    '1 of the 2 linked issues is not in the mirror, its history unknown, so the chart leaves it out.',
    'It draws the other one: closed by 1 Jun 2016.',
  ])
  expect(chartScope({ ...counts, charted: 6, undated: 0, unknown: 0 })).toBeNull()
})
