import { expect, test } from 'vitest'

import {
  NotGitHubShapeError,
  readInstallationPage,
  readIssuePage,
  readPostedIssue,
  readRepositoryName,
} from './shapes'

const URL_OF_PAGE = 'https://proxy.example/api/repos/acme/app/issues?page=2'

const issue = {
  id: 11,
  number: 1,
  title: 'A bug',
  body: null,
  state: 'open',
  html_url: 'https://github.com/acme/app/issues/1',
  comments: 0,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-02T00:00:00Z',
  closed_at: null,
  user: { login: 'ada' },
  labels: ['legacy', { id: 5, name: 'bug', color: 'ff0000' }],
}

test('an answer of the right shape is handed on as GitHub sent it, fields the app ignores too', () => {
  const page = [{ ...issue, node_id: 'I_1', milestone: { title: 'v1' } }]
  expect(readIssuePage({ data: page, url: URL_OF_PAGE })).toBe(page)
})

test('a mismatch names the address, what was wrong and the setting to check', () => {
  const read = () =>
    readIssuePage({ data: [issue, { ...issue, closed_at: 'yesterday' }], url: URL_OF_PAGE })
  expect(read).toThrow(NotGitHubShapeError)
  expect(read).toThrow(
    "https://proxy.example answered /api/repos/acme/app/issues with JSON not shaped as GitHub's (issue 2: closed_at is not a date): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)",
  )
})

test('installations and looked-up repositories are checked too', () => {
  const url = 'https://proxy.example/app/installations'
  expect(() => readInstallationPage({ data: [{ id: '7', account: null }], url })).toThrow(
    '(installation 1: id is a string, not a number)',
  )
  expect(readRepositoryName({ data: { id: 3, full_name: 'acme/app' }, url })).toBe('acme/app')
  expect(() => readRepositoryName({ data: [], url })).toThrow(
    '(a repository (an object) was expected, not a list)',
  )
})

test('numbers stored as PostgreSQL integers are refused past 2147483647, naming the field', () => {
  const read = (change: Record<string, unknown>) => () =>
    readIssuePage({ data: [{ ...issue, ...change }], url: URL_OF_PAGE })
  expect(read({ number: 2_147_483_647, comments: 2_147_483_647 })).not.toThrow()
  expect(read({ number: 2_147_483_648 })).toThrow('(issue 1: number is out of range (2147483648))')
  expect(read({ comments: 2_147_483_648 })).toThrow(
    '(issue 1: comments is out of range (2147483648))',
  )
  expect(read({ reactions: { '+1': -3 } })).toThrow('(issue 1: reactions.+1 is out of range (-3))')
  expect(() =>
    readPostedIssue({ data: { number: 2 ** 31, html_url: 'x' }, url: URL_OF_PAGE }),
  ).toThrow('(issue: number is out of range (2147483648))')
})

test('GitHub ids, stored as bigint, may pass 2147483647 but not the safe integers', () => {
  const read = (id: number) => () => readIssuePage({ data: [{ ...issue, id }], url: URL_OF_PAGE })
  expect(read(2 ** 40)).not.toThrow()
  expect(read(2 ** 53)).toThrow('(issue 1: id is out of range (9007199254740992))')
})
