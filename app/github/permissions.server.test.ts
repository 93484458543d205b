import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'

import { getAuthenticatedUser, listPushableRepositories } from './permissions.server'

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

test('the signed-in user is read as GitHub gives them', async () => {
  expect(await getAuthenticatedUser('test-token', github.url)).toMatchObject({
    id: 1,
    login: 'pioneer-bot',
  })
})

test('a user of another shape is refused saying so, never signed in without an id', async () => {
  github.faults.add({
    path: '/user',
    fault: { kind: 'reshape', change: (body) => ({ ...(body as object), id: undefined }) },
  })
  await expect(getAuthenticatedUser('test-token', github.url)).rejects.toThrow(
    `${github.url} answered /user with JSON not shaped as GitHub's (user: id is missing)`,
  )
})

test('a list of repositories of another shape is refused saying so', async () => {
  github.faults.add({
    path: '/user/repos',
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{"items": []}' },
  })
  await expect(listPushableRepositories('test-token', github.url)).rejects.toThrow(
    '(a list of repositories was expected, not an object)',
  )
})
