import { expect, test } from 'vitest'

import { starterSections } from './starter-sections'

const labels = (isMaintainer: boolean) =>
  starterSections({ isMaintainer }).map((section) => section.label)

test('a newcomer’s tab row holds finding a project and the rubric, not the maintainers’ Supply', () => {
  expect(labels(false)).toEqual(['Find a project', 'How we rate difficulty'])
})

test('a maintainer’s tab row holds Supply beside the other maintainers’ tools', () => {
  expect(labels(true)).toEqual([
    'Find a project',
    'How we rate difficulty',
    'Supply',
    'Triage',
    'Candidates',
    'Gaps',
    'Calibration',
    'New project',
  ])
})
