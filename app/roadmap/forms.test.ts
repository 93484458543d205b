import { expect, test } from 'vitest'

import { Refusal } from '../utils/refusal'

import { openRoundDefaults, readBallotForm, readCloseForm, readDotsForm } from './forms'

function form(entries: [string, string][]) {
  const data = new FormData()
  for (const [name, value] of entries) data.append(name, value)
  return data
}

test('a ballot form pairs each idea with its rank and leaves unranked ideas out', () => {
  expect(
    readBallotForm(
      form([
        ['idea', '3'],
        ['rank', '2'],
        ['idea', '5'],
        ['rank', ''],
        ['idea', '8'],
        ['rank', 'first'],
      ]),
    ),
  ).toEqual([
    { id: 3, rank: 2 },
    { id: 8, rank: Number.NaN },
  ])
  expect(() => readBallotForm(form([['idea', '3']]))).toThrow(Refusal)
})

test('a dots form reads empty as no dots', () => {
  expect(
    readDotsForm(
      form([
        ['idea', '3'],
        ['dots', '2'],
        ['idea', '4'],
        ['dots', ''],
      ]),
    ),
  ).toEqual([
    { id: 3, dots: 2 },
    { id: 4, dots: 0 },
  ])
})

test('the close form gives each idea not agreed its own reason or the shared one', () => {
  expect(
    readCloseForm(
      {
        method: 'picked',
        rationale: 'Because.',
        otherOutcome: 'declined:archived',
        otherReason: 'Out of scope.',
        'outcome-1': 'agreed',
        'outcome-2': 'deferred:ideation',
        'reason-2': 'Next month.',
        supersedesDecisionId: '4',
      },
      [1, 2, 3],
    ),
  ).toEqual({
    method: 'picked',
    agreedIdeaIds: [1],
    rationale: 'Because.',
    supersedesDecisionId: 4,
    others: [
      { ideaId: 2, outcome: 'deferred', disposition: 'ideation', reason: 'Next month.' },
      { ideaId: 3, outcome: 'declined', disposition: 'archived', reason: 'Out of scope.' },
    ],
  })
})

test('with top N, marking an idea agreed by hand is refused, and so is a missing method', () => {
  expect(() =>
    readCloseForm({ method: 'top-n', topN: '1', rationale: 'x', 'outcome-2': 'agreed' }, [1, 2]),
  ).toThrow(/the order decides what is agreed/)
  expect(() => readCloseForm({ rationale: 'x' }, [1, 2])).toThrow(/Choose how the agreed efforts/)
  expect(readCloseForm({ method: 'top-n', topN: 'two', rationale: 'x' }, [1])).toMatchObject({
    method: 'top-n',
    topN: Number.NaN,
  })
})

test('the open-round form starts with a blank name where the board named the proposed round, so the name follows the day picked', () => {
  const now = new Date('2026-12-06T21:00:00Z')
  const opens_at = new Date('2027-01-06T09:00:00Z')
  expect(openRoundDefaults({ name: 'January 2027 round', opens_at }, now)).toEqual({
    name: '',
    opensOn: '2027-01-06',
    closesOn: '',
    dotBudget: 0,
    dotsFrom: null,
  })
  expect(openRoundDefaults({ name: 'Round of 6 January 2027', opens_at }, now).name).toBe('')
  // Someone named it: the form keeps her name.
  expect(openRoundDefaults({ name: 'Security sprint', opens_at }, now).name).toBe('Security sprint')
  expect(openRoundDefaults(undefined, now)).toEqual({
    name: '',
    opensOn: '2026-12-06',
    closesOn: '',
    dotBudget: 0,
    dotsFrom: null,
  })
})
