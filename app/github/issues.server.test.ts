import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { fakeClient } from '../../test/sync-helpers'

import { readViewer } from './issues.server'

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

test("the token's user is read by its login", async () => {
  expect(await readViewer(fakeClient(github).octokit)).toEqual({
    outcome: 'read',
    login: 'pioneer-bot',
  })
})

test('a user without a login is a failure saying the answer is not shaped as GitHub’s', async () => {
  github.faults.add({
    path: '/user',
    fault: { kind: 'reshape', change: (body) => ({ ...(body as object), login: undefined }) },
  })
  expect(await readViewer(fakeClient(github).octokit)).toEqual({
    outcome: 'failed',
    failure: {
      kind: 'transient',
      status: null,
      message: `${github.url} answered /user with JSON not shaped as GitHub's (user: login is missing): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
    },
  })
})

test('a login that is not a string is refused the same way', async () => {
  github.faults.add({
    path: '/user',
    fault: { kind: 'reshape', change: (body) => ({ ...(body as object), login: 42 }) },
  })
  const viewer = await readViewer(fakeClient(github).octokit)
  expect(viewer).toMatchObject({
    outcome: 'failed',
    failure: { message: expect.stringContaining('(user: login is a number, not a string)') },
  })
})
