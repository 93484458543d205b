import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { DecisionRecord, nothingAgreedNote, type DecisionView } from './decision-record'

test('a decision that agreed nothing says so, and where it sent its ideas', () => {
  expect(nothingAgreedNote([{ disposition: 'ideation' }])).toBe(
    'Nothing was agreed, so the roadmap did not change. The idea it considered went back to ideation, as listed below.',
  )
  expect(nothingAgreedNote([{ disposition: 'archived' }, { disposition: 'archived' }])).toBe(
    'Nothing was agreed, so the roadmap did not change. The 2 ideas it considered were archived, as listed below.',
  )
  expect(
    nothingAgreedNote([
      { disposition: 'ideation' },
      { disposition: 'archived' },
      { disposition: 'ideation' },
    ]),
  ).toBe(
    'Nothing was agreed, so the roadmap did not change. Of the 3 ideas it considered, 2 went back to ideation and 1 was archived, as listed below.',
  )
})

test('a decision that agreed nothing and recorded no outcome does not say where its ideas went', () => {
  expect(nothingAgreedNote([])).toBe(
    'Nothing was agreed, so the roadmap did not change; no outcome was recorded for its ideas.',
  )
})

const callDecision: DecisionView = {
  decided_at: '2016-02-03T00:00:00.000Z',
  decided_by_login: null,
  is_demo: false,
  method: 'call',
  top_n: null,
  rationaleHtml: '<p>Agreed on the call.</p>',
  voter_logins: [],
  demo_voter_logins: [],
  supersedes_round_id: null,
  supersedes_round_name: null,
  superseded_by_round_id: null,
  tally: null,
  outcomes: [
    { idea_id: 7, title: 'Solo5', outcome: 'agreed', disposition: 'ideation', reason: null },
  ],
}

test('a call’s decision does not say again what its round’s page says under its name', async () => {
  const html = await renderInRouter(
    createElement(DecisionRecord, { decision: callDecision, roundKind: 'call' }),
  )
  expect(html).toContain(
    'Recorded on <time dateTime="2016-02-03T00:00:00.000Z">3 Feb 2016</time>.<',
  )
  expect(html).not.toContain('no recorded ballots')
})

test('a decision taken on the call for a round of ballots says so', async () => {
  const html = await renderInRouter(
    createElement(DecisionRecord, { decision: callDecision, roundKind: 'ballot' }),
  )
  expect(html).toContain(': decided on the call, no recorded ballots.')
})

test('a closed round’s record counts its voters as the rounds list does, out of no number it lacks', async () => {
  const html = await renderInRouter(
    createElement(DecisionRecord, {
      decision: { ...callDecision, method: 'top-n', top_n: 1, voter_logins: ['dana', 'ari'] },
      roundKind: 'ballot',
    }),
  )
  expect(html.replace(/<[^>]+>/g, '')).toContain('2 maintainers voted: dana, ari.')
})
