import { expect, test } from 'vitest'

import { demandCellText, parseProjectReference, unratedSupplyNote } from './gap-request-input'

test('a project is named by its number or its page address; blank names none', () => {
  expect(parseProjectReference('  ')).toBeNull()
  expect(parseProjectReference('12')).toBe(12)
  expect(parseProjectReference('#12')).toBe(12)
  expect(parseProjectReference('/starter/12')).toBe(12)
  expect(parseProjectReference('/starter/12/')).toBe(12)
  expect(parseProjectReference('https://board.example/starter/12?x=1#y')).toBe(12)
  expect(parseProjectReference('HTTP://board.example/starter/12')).toBe(12)
})

test('anything else names no project', () => {
  for (const text of [
    'the web one',
    '0',
    '-3',
    '1e3',
    '2147483648',
    '/starter/12/edit',
    '/starter/new',
    '/roadmap/12',
    'starter/12',
    'board.example/starter/12',
    'ftp://board.example/starter/12',
    'javascript:alert(1)//starter/12',
    'http://[bad/starter/12',
    `/starter/${'1'.repeat(3000)}`,
  ]) {
    expect(parseProjectReference(text), text.slice(0, 40)).toBeUndefined()
  }
})

test('the gap dashboard’s counts each carry their noun', () => {
  expect(demandCellText(1, 0)).toBe('1 asked · 0 fit')
  expect(unratedSupplyNote(8)).toBe(
    '8 open, unclaimed projects have no rating yet on one axis or both, so they are not counted as fitting anyone: rating them may close a gap.',
  )
  expect(unratedSupplyNote(1)).toMatch(/^1 open, unclaimed project has no rating yet/)
})
