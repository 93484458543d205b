import { expect, test } from 'vitest'

import { suggestRepositoryLabel } from './suggest'

const catalogue = (...names: string[]) => names.map((name) => ({ name }))

test('a repository’s newcomer label is offered for starter projects, as GitHub spells it', () => {
  expect(suggestRepositoryLabel('starter', catalogue('bug', 'Good First Issue'))).toBe(
    'Good First Issue',
  )
  expect(suggestRepositoryLabel('starter', catalogue('bug', 'enhancement'))).toBeNull()
})

test('the most common convention wins, whatever order the catalogue comes in', () => {
  const names = ['beginner', 'good first issue', 'easy']
  expect(suggestRepositoryLabel('starter', catalogue(...names))).toBe('good first issue')
  expect(suggestRepositoryLabel('starter', catalogue(...names.reverse()))).toBe('good first issue')
})

test('a mentor label is offered for "mentor available"', () => {
  expect(suggestRepositoryLabel('mentor', catalogue('E-mentor', 'E-easy'))).toBe('E-mentor')
})

test('a domain is matched by its name alone or behind a prefix, the prefixed one first', () => {
  expect(suggestRepositoryLabel('domain:networking', catalogue('Networking'))).toBe('Networking')
  expect(
    suggestRepositoryLabel('domain:networking', catalogue('networking', 'area/networking')),
  ).toBe('area/networking')
  expect(suggestRepositoryLabel('domain:networking', catalogue('A-networking'))).toBe(
    'A-networking',
  )
  // A longer word is another domain: "networking-tools" is not networking.
  expect(suggestRepositoryLabel('domain:networking', catalogue('networking-tools'))).toBeNull()
})

test('values with no settled convention get no guess', () => {
  const names = catalogue('E-easy', 'difficulty: easy', 'size/small', 'roadmap/testing')
  expect(suggestRepositoryLabel('language:1', names)).toBeNull()
  expect(suggestRepositoryLabel('domain-level:1', names)).toBeNull()
  expect(suggestRepositoryLabel('size:day', names)).toBeNull()
  expect(suggestRepositoryLabel('roadmap:testing', names)).toBeNull()
})
