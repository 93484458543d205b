import { expect, test } from 'vitest'

import { statusSource } from './effort-facts'

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
