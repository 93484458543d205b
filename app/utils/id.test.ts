import fc from 'fast-check'
import { expect, test } from 'vitest'

import { idField, MAX_INTEGER, parseId } from './id'

test('every id from 1 to the largest integer reads back as itself', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: MAX_INTEGER }), (id) => {
      expect(parseId(String(id))).toBe(id)
    }),
  )
})

test('numbers past PostgreSQL’s integer, zero and anything but plain digits name no row', () => {
  for (const text of [
    '2147483648',
    '9007199254740992',
    '0',
    '-1',
    '1.5',
    '1e3',
    '0x10',
    ' 1',
    '',
  ]) {
    expect(parseId(text), text).toBeNull()
  }
  fc.assert(
    fc.property(fc.bigInt({ min: BigInt(MAX_INTEGER) + 1n, max: 10n ** 30n }), (big) => {
      expect(parseId(String(big))).toBeNull()
    }),
  )
})

test('an id field refuses what parseId refuses, with the message it was given', () => {
  const field = idField('Choose an area.')
  expect(field.parse(' 12 ')).toBe(12)
  expect(field.safeParse('2147483648').error?.issues[0]?.message).toBe('Choose an area.')
  expect(field.safeParse(undefined).error?.issues[0]?.message).toBe('Choose an area.')
})
