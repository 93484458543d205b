import { expect, test } from 'vitest'

import { firstFiledNote } from './first-filed'

test('an idea filed under its area’s earlier name says so, not the name as a key', () => {
  expect(
    firstFiledNote({
      original_area: 'platform',
      original_area_name: 'Platforms and backends',
      area_name: 'Platforms and backends',
    }),
  ).toBe('first filed under this area, then called “Platform”')
})

test('an idea moved since names the area it was first filed under', () => {
  expect(
    firstFiledNote({
      original_area: 'platform',
      original_area_name: 'Platforms and backends',
      area_name: 'Storage',
    }),
  ).toBe('first filed under Platforms and backends (then called “Platform”)')
})

test('a first name no area gathers is said to be the area’s name then', () => {
  expect(
    firstFiledNote({ original_area: 'platform', original_area_name: null, area_name: 'Storage' }),
  ).toBe('first filed under the area then called “Platform”')
})

test('an idea still in the area of that name, or with no first area, says nothing more', () => {
  expect(
    firstFiledNote({ original_area: 'Storage', original_area_name: null, area_name: 'Storage' }),
  ).toBeNull()
  expect(
    firstFiledNote({ original_area: null, original_area_name: null, area_name: 'Storage' }),
  ).toBeNull()
})

test('a source key that is the area’s own name in lower case says nothing more; another is shown as a name', () => {
  // The demo's "networking" idea, in Networking: not "then called “networking”".
  expect(
    firstFiledNote({
      original_area: 'networking',
      original_area_name: 'Networking',
      area_name: 'Networking',
    }),
  ).toBeNull()
  expect(
    firstFiledNote({
      original_area: 'release  scope',
      original_area_name: 'Release scope',
      area_name: 'Release scope',
    }),
  ).toBeNull()
  // Moved since from the area of that name: named, not said twice.
  expect(
    firstFiledNote({
      original_area: 'networking',
      original_area_name: 'Networking',
      area_name: 'Storage',
    }),
  ).toBe('first filed under Networking')
  expect(
    firstFiledNote({
      original_area: 'tooling',
      original_area_name: 'Developer tools',
      area_name: 'Developer tools',
    }),
  ).toBe('first filed under this area, then called “Tooling”')
})
