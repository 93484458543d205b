import { expect, test } from 'vitest'

import { perceivedText, starsLabel } from './stars'

test('a rating reads "1 of 3 stars", never "1 of 3 star"', () => {
  expect(starsLabel('language', 1, 'OCaml')).toBe('OCaml difficulty: 1 of 3 stars')
  expect(starsLabel('domain', 3)).toBe('Domain difficulty: 3 of 3 stars')
})

test('on a list of projects of many domains, the domain axis names the domain it was rated in', () => {
  expect(starsLabel('domain', 1, 'OCaml', 'tooling')).toBe(
    'Domain difficulty (tooling): 1 of 3 stars',
  )
  expect(starsLabel('domain', null, 'OCaml', 'tooling')).toBe(
    'Domain difficulty (tooling): unrated',
  )
  // The language axis has one subject whatever the project.
  expect(starsLabel('language', 2, 'OCaml', 'tooling')).toBe('OCaml difficulty: 2 of 3 stars')
})

test('the contributors badge names the domain as the project page does, not "domain"', () => {
  const perceived = { languageStars: 2.5, domainStars: 1, reports: 2, demoReports: 0 }
  const text = perceivedText(perceived, 'OCaml', 'networking')
  expect(text?.shown).toBe('Contributors found: OCaml 2.5★ · networking 1★ (2 reports)')
  expect(text?.spoken).toBe(
    'Contributors found OCaml difficulty 2.5 of 3 stars and networking difficulty 1 of 3 stars, from 2 reports',
  )
  expect(perceivedText({ ...perceived, reports: 0 }, 'OCaml', 'networking')).toBeNull()
})
