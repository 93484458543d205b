import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { fakeClient } from '../../test/sync-helpers'

import { readIssueLabels } from './labels.server'

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
  github.addIssue('acme/app', { title: 'A bug', labels: ['bug'] })
})

afterEach(async () => {
  await github.close()
})

const target = { owner: 'acme', repo: 'app', issueNumber: 1 }

test('an issue’s labels are read as GitHub gives them', async () => {
  expect(await readIssueLabels(fakeClient(github).octokit, target)).toMatchObject({
    outcome: 'read',
    labels: ['bug'],
  })
})

test('labels of another shape are a failure saying so, never an issue without labels', async () => {
  github.faults.add({
    path: '/repos/acme/app/issues/1/labels',
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{}' },
  })
  expect(await readIssueLabels(fakeClient(github).octokit, target)).toMatchObject({
    outcome: 'failed',
    failure: {
      kind: 'not-github',
      message: expect.stringContaining(
        "answered /repos/acme/app/issues/1/labels with JSON not shaped as GitHub's (a list of labels was expected, not an object)",
      ),
    },
  })
})
