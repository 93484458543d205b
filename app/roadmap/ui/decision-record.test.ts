import { expect, test } from 'vitest'

import { nothingAgreedNote } from './decision-record'

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
