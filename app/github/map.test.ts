import { expect, test } from 'vitest'

import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'

import { mapIssue, mapRepository } from './map'

test('a pull request is flagged and keeps its merge time', () => {
  const { issue } = mapIssue(
    issuePayload('mirage/mirage', 7, {
      state: 'closed',
      pull_request: { merged_at: '2021-03-04T05:06:07Z' },
    }),
    42,
  )
  expect(issue).toMatchObject({
    repository_id: 42,
    is_pull_request: true,
    state: 'closed',
    merged_at: '2021-03-04T05:06:07Z',
  })
})

test('labels become rows of the repository and lower-cased filter keys', () => {
  const bug = labelPayload('Bug', { color: 'D73A4A' })
  const help = labelPayload('help wanted')
  const { issue, labels } = mapIssue(issuePayload('mirage/mirage', 1, { labels: [help, bug] }), 9)
  expect(labels).toEqual([
    { id: help.id, repository_id: 9, name: 'help wanted', color: 'ededed', description: null },
    { id: bug.id, repository_id: 9, name: 'Bug', color: 'd73a4a', description: null },
  ])
  expect(issue.label_keys).toEqual(['bug', 'help wanted'])
})

test('a label given only by name cannot be linked and is skipped', () => {
  const { labels, issue } = mapIssue(issuePayload('a/b', 1, { labels: ['bare'] }), 1)
  expect(labels).toEqual([])
  expect(issue.label_keys).toEqual([])
})

test('authors, assignees and +1 reactions are kept; a deleted author stays unknown', () => {
  const { issue } = mapIssue(
    issuePayload('a/b', 3, {
      user: null,
      assignees: [{ login: 'avsm' }, { login: 'talex5' }],
      reactions: { '+1': 5 },
      comments: 12,
    }),
    1,
  )
  expect(issue).toMatchObject({
    author_login: null,
    assignee_logins: ['avsm', 'talex5'],
    plus_one_count: 5,
    comment_count: 12,
  })
})

test('a repository keeps its owner, flags and full name', () => {
  const row = mapRepository(repositoryPayload('mirage/ocaml-dns', { archived: true, fork: true }))
  expect(row).toMatchObject({
    owner: 'mirage',
    name: 'ocaml-dns',
    full_name: 'mirage/ocaml-dns',
    is_archived: true,
    is_fork: true,
  })
})
