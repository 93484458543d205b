import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { blankNameHelp, openRoundButtonText, OpenRoundForm } from './open-round-form'

const NOW = new Date('2026-12-06T21:00:00Z')

const render = (opensOn: string, takenNames: string[] = []) =>
  renderInRouter(
    createElement(OpenRoundForm, {
      targetId: 1,
      targetSlug: 'mirageos-3-0',
      proposed: { id: 7 },
      openIdeas: [1, 2].map((id) => ({
        id,
        title: `Idea ${id}`,
        plus_one_count: 0,
        demo_plus_one_count: 0,
        area_name: 'Quality and testing',
        deferred_in: null,
      })),
      defaults: { name: '', opensOn, closesOn: '', dotBudget: 0, dotsFrom: null },
      now: NOW.toISOString(),
      takenNames,
      failed: undefined,
    }),
  )

test('the button says it schedules the round for a day still to come, and opens it now for today or a day past', () => {
  expect(openRoundButtonText('2027-01-04', NOW)).toBe('Schedule the round for 4 Jan 2027')
  expect(openRoundButtonText('2026-12-06', NOW)).toBe('Open the round now')
  expect(openRoundButtonText('2026-11-30', NOW)).toBe('Open the round now')
  expect(openRoundButtonText('', NOW)).toBe('Open the round')
})

test('as served, the button and the blank name follow the opening day the form starts with', async () => {
  const later = await render('2027-01-04')
  expect(later).toMatch(/<button[^>]*>Schedule the round for 4 Jan 2027<\/button>/)
  expect(later).toMatch(/<input name="name"[^>]*aria-describedby="name-help"/)
  expect(later).toContain('Empty: named after its opening day, “January 2027 round”.')
  const today = await render('2026-12-06', ['December 2026 round'])
  expect(today).toMatch(/<button[^>]*>Open the round now<\/button>/)
  expect(today).toContain('“Round of 6 December 2026”')
})

test('a blank name’s words name the round openRound will name: by month, else by day', () => {
  expect(blankNameHelp('2027-03-20', [])).toBe(
    'Empty: named after its opening day, “March 2027 round”.',
  )
  expect(blankNameHelp('2027-03-20', ['March 2027 round'])).toBe(
    'Empty: named after its opening day, “Round of 20 March 2027”.',
  )
  expect(blankNameHelp('not a day', [])).toBe('Empty: named after its opening day.')
})
