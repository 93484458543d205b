import { expect, test } from 'vitest'

import { personName, roleLabel } from './person'

test('the role beside a name is the role, and says "newcomer" only for the demo newcomer', () => {
  expect(roleLabel({ login: 'demo-newcomer', role: 'contributor', isDemo: true })).toBe(
    'newcomer (contributor)',
  )
  expect(roleLabel({ login: 'Demo-Newcomer', role: 'contributor', isDemo: true })).toBe(
    'newcomer (contributor)',
  )
  expect(roleLabel({ login: 'demo-contributor', role: 'contributor', isDemo: true })).toBe(
    'contributor',
  )
  expect(roleLabel({ login: 'demo-maintainer', role: 'maintainer', isDemo: true })).toBe(
    'maintainer',
  )
  // A GitHub user may be called demo-newcomer: whether one is a demo person is the database's say.
  expect(roleLabel({ login: 'demo-newcomer', role: 'contributor', isDemo: false })).toBe(
    'contributor',
  )
})

test('the seeded demo people, whom nobody signs in as, are named as seeded wherever shown', () => {
  expect(personName({ login: 'demo-seed-maintainer', isDemo: true })).toBe(
    'Sam (seeded demo maintainer)',
  )
  expect(roleLabel({ login: 'demo-seed-newcomer', role: 'contributor', isDemo: true })).toBe(
    'newcomer (contributor)',
  )
})
