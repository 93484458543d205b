import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { fakeClient } from '../../test/sync-helpers'

import { createIssue, readViewer } from './issues.server'

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
      kind: 'not-github',
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

test('an issue opened but answered without its number is a setting to fix, named as such', async () => {
  github.addRepository('acme/app')
  github.faults.add({
    method: 'POST',
    path: '/repos/acme/app/issues',
    fault: { kind: 'reshape', change: (body) => ({ ...(body as object), number: 2 ** 31 }) },
  })
  const created = await createIssue(fakeClient(github).octokit, {
    owner: 'acme',
    repo: 'app',
    title: 'Agenda',
    body: 'Items',
  })
  expect(created).toEqual({
    outcome: 'failed',
    failure: {
      kind: 'not-github',
      status: null,
      message: expect.stringContaining(
        "answered /repos/acme/app/issues with JSON not shaped as GitHub's (issue: number is out of range (2147483648)): set GITHUB_API_URL",
      ),
    },
  })
})
