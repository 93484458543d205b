import { expect, test } from 'vitest'

import { demoRoundNote } from './demo-decision'

test('a round proposed when a demo person closed the last one is not said to be opened by them', () => {
  expect(demoRoundNote('proposed')).toBe(
    'proposed when a demo person closed the last round: a demo action, not a MirageOS round',
  )
  for (const status of ['open', 'closed']) {
    expect(demoRoundNote(status)).toBe(
      'opened by a demo person: a demo action, not a MirageOS round',
    )
  }
})
