import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { IdeaStanding } from './idea-standing'

const text = (html: string) => html.replace(/<[^>]+>/g, '')

const decided = (status: 'agreed' | 'archived', outcome: string) => ({
  status,
  merged_into_id: null,
  merged_into_title: null,
  decision: {
    outcome,
    reason: outcome === 'agreed' ? null : 'After 3.0',
    decided_at: '2015-03-25T16:00:00.000Z',
    round_id: 4,
    round_name: 'Spring call',
    is_demo_decision: false,
  },
  shortlisted_in: [],
})

test('a list says what the decision that stands made of the idea: archived as deferred is not called declined', async () => {
  const line = async (idea: ReturnType<typeof decided>) =>
    text(await renderInRouter(createElement(IdeaStanding, { idea, now: '2026-12-07T00:00:00Z' })))
  expect(await line(decided('archived', 'deferred'))).toBe(
    'Archived: deferred on 25 Mar 2015 in Spring call (After 3.0)',
  )
  expect(await line(decided('archived', 'declined'))).toBe(
    'Archived: declined on 25 Mar 2015 in Spring call (After 3.0)',
  )
  expect(await line(decided('agreed', 'agreed'))).toBe(
    'On the roadmap: agreed on 25 Mar 2015 in Spring call',
  )
})
