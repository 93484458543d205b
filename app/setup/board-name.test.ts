import { expect, test } from 'vitest'

import { boardNameOf, titleWithBoardName } from './board-name'

test('BOARD_NAME, when set, names the board whatever it mirrors', () => {
  expect(boardNameOf({ setting: 'Acme Robotics', owners: ['acme'] })).toBe('Acme Robotics')
})

test('unset, the board is named after the owners of what it mirrors, each once', () => {
  expect(boardNameOf({ owners: ['mirage', 'Mirage', 'mirage'] })).toBe('mirage')
  expect(boardNameOf({ owners: ['mirage', 'robur'] })).toBe('mirage and robur')
  expect(boardNameOf({ owners: ['a', 'b', 'c'] })).toBe('a, b and c')
  // A header has room for a few names only.
  expect(boardNameOf({ owners: ['a', 'b', 'c', 'd', 'e'] })).toBe('a, b and 3 more')
})

test('with nothing named or mirrored yet, there is no name to show', () => {
  expect(boardNameOf({ owners: [] })).toBeNull()
})

test('the page title carries the name when there is one', () => {
  expect(titleWithBoardName('Pioneer Board', 'mirage')).toBe('Pioneer Board · mirage')
  expect(titleWithBoardName('Pioneer Board', null)).toBe('Pioneer Board')
})
