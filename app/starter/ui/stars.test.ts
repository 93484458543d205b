import { expect, test } from 'vitest'

import { starsLabel } from './stars'

test('a rating reads "1 of 3 stars", never "1 of 3 star"', () => {
  expect(starsLabel('language', 1, 'OCaml')).toBe('OCaml difficulty: 1 of 3 stars')
  expect(starsLabel('domain', 3)).toBe('Domain difficulty: 3 of 3 stars')
})
