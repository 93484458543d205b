import { expect, test } from 'vitest'

import { countOf } from './format'

test('a count takes its noun in the right number (issue 16: "1 label changes")', () => {
  expect(countOf(1, 'label')).toBe('1 label')
  expect(countOf(0, 'label')).toBe('0 labels')
  expect(countOf(3, 'label')).toBe('3 labels')
  expect(countOf(2, 'person', 'people')).toBe('2 people')
})
