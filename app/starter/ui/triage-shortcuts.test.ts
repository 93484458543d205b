import { expect, test } from 'vitest'

import { commandForKey, triageShortcuts, withLineForNewMentor } from './triage-shortcuts'

const press = (key: string, code = '', shiftKey = false) => commandForKey({ key, code, shiftKey })

test('digits rate the language axis, with Shift the domain axis, 0 is unrated', () => {
  expect(press('2', 'Digit2')).toEqual({ kind: 'check', field: 'languageStars', value: '2' })
  // Shift+2 types "@" on a US keyboard and '"' on others: the key's position decides.
  expect(press('@', 'Digit2', true)).toEqual({ kind: 'check', field: 'domainStars', value: '2' })
  expect(press('0', 'Digit0')).toEqual({ kind: 'check', field: 'languageStars', value: 'unrated' })
  expect(press('=', 'Digit0', true)).toEqual({
    kind: 'check',
    field: 'domainStars',
    value: 'unrated',
  })
})

test('letters pick a size, go to a field, save, skip or set aside', () => {
  expect(press('d')).toEqual({ kind: 'check', field: 'size', value: 'day' })
  expect(press('E')).toEqual({ kind: 'check', field: 'size', value: 'elastic' })
  expect(press('u')).toEqual({ kind: 'check', field: 'size', value: '' })
  expect(press('p')).toEqual({ kind: 'focus', field: 'primaryDomain' })
  expect(press('t')).toEqual({ kind: 'focus', field: 'mentors' })
  expect(press('n')).toEqual({ kind: 'focus', field: 'reason' })
  expect(press('s')).toEqual({ kind: 'save' })
  expect(press('j')).toEqual({ kind: 'skip' })
  expect(press('ArrowRight', 'ArrowRight')).toEqual({ kind: 'skip' })
  expect(press('?', 'Slash', true)).toEqual({ kind: 'help' })
})

test('other printable keys are unknown shortcuts; Tab, Enter and the like are left alone', () => {
  expect(press('x', 'KeyX')).toBe('unknown')
  expect(press('9', 'Digit9')).toBe('unknown')
  expect(press('Tab', 'Tab')).toBe('ignored')
  expect(press('Enter', 'Enter')).toBe('ignored')
  expect(press(' ', 'Space')).toBe('ignored')
  expect(press('Shift', 'ShiftLeft', true)).toBe('ignored')
})

test('the documented list names every key that does something', () => {
  const documented = triageShortcuts('OCaml').flatMap((shortcut) => shortcut.keys)
  for (const key of ['1', '2', '3', 'Shift+1', 'd', 'w', 'm', 'e', 'p', 't', 's', 'n', 'j', '→']) {
    expect(documented).toContain(key)
  }
})

test('"t" leaves the mentors field ready for a mentor of its own, after the names already there', () => {
  expect(withLineForNewMentor('Amir Chaudhry\nDavid Sheets')).toBe('Amir Chaudhry\nDavid Sheets\n')
  expect(withLineForNewMentor('Amir Chaudhry\n')).toBe('Amir Chaudhry\n')
  expect(withLineForNewMentor('Amir Chaudhry, ')).toBe('Amir Chaudhry, ')
  expect(withLineForNewMentor('')).toBe('')
  expect(withLineForNewMentor('  ')).toBe('  ')
})
