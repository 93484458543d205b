import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { expect, test } from 'vitest'

import { boardNameOf, pageTitle, titleWithBoardName } from './board-name'

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

test('every page’s title ends with the name the root loader read, as the home page’s does', () => {
  const matches = [
    { id: 'root', data: { boardName: 'Acme Robotics', user: null } },
    { id: 'routes/issues._index', data: { items: [] } },
  ]
  expect(pageTitle('Issues · Pioneer Board', matches)).toBe(
    'Issues · Pioneer Board · Acme Robotics',
  )
  // The demo names no community, and a root that failed to load has no data: the page's own words.
  expect(pageTitle('Issues · Pioneer Board', [{ id: 'root', data: { boardName: null } }])).toBe(
    'Issues · Pioneer Board',
  )
  expect(pageTitle('Not found · Pioneer Board', [{ id: 'root', data: undefined }])).toBe(
    'Not found · Pioneer Board',
  )
  // Only the root's data names the board: a page's own `boardName` is not the community's.
  expect(pageTitle('Issues · Pioneer Board', [{ id: 'routes/x', data: { boardName: 'x' } }])).toBe(
    'Issues · Pioneer Board',
  )
})

test('every route that sets a title sets it through pageTitle, so none forgets the name', () => {
  const routes = path.join(__dirname, '../routes')
  const forgetting = readdirSync(routes)
    .filter((file) => file.endsWith('.tsx'))
    .filter((file) => {
      const source = readFileSync(path.join(routes, file), 'utf8')
      return /export const meta\b/.test(source) && !source.includes('pageTitle(')
    })
  expect(forgetting).toEqual([])
})
