import { expect, test } from 'vitest'

import { firstFiledNote } from './first-filed'

test('an idea filed under its area’s earlier name says so, not the name as a key', () => {
  expect(
    firstFiledNote({
      original_area: 'platform',
      original_area_name: 'Platforms and backends',
      area_name: 'Platforms and backends',
    }),
  ).toBe('first filed under this area, then called “platform”')
})

test('an idea moved since names the area it was first filed under', () => {
  expect(
    firstFiledNote({
      original_area: 'platform',
      original_area_name: 'Platforms and backends',
      area_name: 'Storage',
    }),
  ).toBe('first filed under Platforms and backends (then called “platform”)')
})

test('a first name no area gathers is said to be the area’s name then', () => {
  expect(
    firstFiledNote({ original_area: 'platform', original_area_name: null, area_name: 'Storage' }),
  ).toBe('first filed under the area then called “platform”')
})

test('an idea still in the area of that name, or with no first area, says nothing more', () => {
  expect(
    firstFiledNote({ original_area: 'Storage', original_area_name: null, area_name: 'Storage' }),
  ).toBeNull()
  expect(
    firstFiledNote({ original_area: null, original_area_name: null, area_name: 'Storage' }),
  ).toBeNull()
})
