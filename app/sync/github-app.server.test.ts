import { createHmac } from 'node:crypto'

import { afterEach, beforeEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import type { InstallationWebhook } from '../../test/fake-github/app'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { appCredentials, installApp } from '../../test/github-app'
import { addIssuesOverTime, fakeIssues, mirroredIssues } from '../../test/sync-helpers'
import { createGitHubClient } from '../github/client.server'
import { enqueueLabelChanges } from '../labels/outbox/outbox.server'
import { runLabelWorker } from '../labels/outbox/worker.server'
import { defaultScheme, resolveScheme } from '../labels/scheme/scheme'
import { getRepositoryByFullName } from '../mirror/repository.server'

import { createAppSweepMemory, sweepInstallations } from './installations.server'
import { processPendingDeliveries, receiveWebhook } from './webhooks.server'

// The done-when of a board installed as a GitHub App, end to end against the fake GitHub: it
// follows repositories added and removed by the app's webhook, and writes labels as the app.

const getDb = setupTestDatabase()
const SECRET = 'app webhook secret'
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await processPendingDeliveries(getDb())
  await github.close()
})

function appClient() {
  return createGitHubClient({ app: appCredentials, baseUrl: github.url, waitScale: 0, retries: 2 })
}

let deliveries = 0

async function deliver({ event, payload }: InstallationWebhook) {
  const body = JSON.stringify(payload)
  const response = await receiveWebhook(
    new Request('http://localhost/webhooks/github', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': event,
        'X-GitHub-Delivery': `app-delivery-${++deliveries}`,
        'X-GitHub-Hook-ID': '4242',
        'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
      body,
    }),
    { secret: SECRET },
    getDb(),
  )
  await processPendingDeliveries(getDb())
  return response.status
}

async function marks(fullName: string) {
  return getDb()
    .selectFrom('repository')
    .select(['installation_id', 'left_installation_at'])
    .where('full_name', '=', fullName)
    .executeTakeFirst()
}

test('a repository added by webhook is mirrored by the next sweep; one removed is marked at once and kept', async () => {
  const { acme } = installApp(github, { acme: ['acme/app', 'acme/lib'] })
  addIssuesOverTime(github, 'acme/app', 30)
  addIssuesOverTime(github, 'acme/lib', 10)
  github.addRepository('acme/new')
  addIssuesOverTime(github, 'acme/new', 12)
  const client = appClient()
  const memory = createAppSweepMemory()
  await sweepInstallations(client, { db: getDb(), memory })

  expect(await deliver(github.app.addRepositories(acme!.id, ['acme/new']))).toBe(202)
  expect(await deliver(github.app.removeRepositories(acme!.id, ['acme/lib']))).toBe(202)

  // At once: acme/new is on the board, acme/lib marked, before any sweep.
  expect(await marks('acme/new')).toEqual({
    installation_id: acme!.id,
    left_installation_at: null,
  })
  expect((await marks('acme/lib'))?.left_installation_at).not.toBeNull()

  github.clearLog()
  const summary = await sweepInstallations(client, { db: getDb(), memory })
  expect(summary.repositories.map((r) => [r.repository, r.outcome])).toEqual([
    ['acme/app', 'unchanged'],
    ['acme/new', 'updated'],
  ])
  expect(await mirroredIssues(getDb(), 'acme/new')).toEqual(fakeIssues(github, 'acme/new'))
  expect(await mirroredIssues(getDb(), 'acme/lib')).toHaveLength(10)
  expect(github.requestLog.some((entry) => entry.canonicalPath.startsWith('/repos/acme/lib'))).toBe(
    false,
  )
  // The sweep's listing filled in what the webhook did not say.
  expect((await getRepositoryByFullName('acme/new', getDb()))?.html_url).toBe(
    'https://github.com/acme/new',
  )
})

test('installation webhooks: created adds its repositories, suspend and deleted mark them, nothing is deleted', async () => {
  const { acme } = installApp(github, { acme: ['acme/app'] })
  addIssuesOverTime(github, 'acme/app', 5)

  expect(await deliver(github.app.createdWebhook(acme!.id))).toBe(202)
  expect(await marks('acme/app')).toEqual({ installation_id: acme!.id, left_installation_at: null })
  await sweepInstallations(appClient(), { db: getDb() })
  expect(await mirroredIssues(getDb(), 'acme/app')).toHaveLength(5)

  await deliver(github.app.suspend(acme!.id))
  const suspended = await getDb()
    .selectFrom('github_installation')
    .select('status')
    .where('id', '=', acme!.id)
    .executeTakeFirst()
  expect(suspended?.status).toBe('suspended')

  await deliver(github.app.uninstall(acme!.id))
  expect((await marks('acme/app'))?.left_installation_at).not.toBeNull()
  expect(await mirroredIssues(getDb(), 'acme/app')).toHaveLength(5)
})

test('label changes are written as the app, with the installation’s token', async () => {
  const { acme } = installApp(github, { acme: ['acme/app'] })
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  const client = appClient()
  await sweepInstallations(client, { db: getDb() })
  const repository = await getRepositoryByFullName('acme/app', getDb())
  await enqueueLabelChanges(
    [
      {
        repositoryId: repository!.id,
        issueNumber: 1,
        label: 'starter',
        action: 'add',
        baseLabels: [],
      },
    ],
    { id: null, login: 'maintainer' },
    getDb(),
  )
  github.clearLog()

  const scheme = resolveScheme(defaultScheme(), {}, { domains: ['networking'], areas: [] })
  const summary = await runLabelWorker({
    db: getDb(),
    client,
    workerId: 'app-worker',
    schemeFor: () => scheme,
    clock: { now: () => 0, sleep: async () => {} },
  })

  expect(summary).toMatchObject({ done: 1, failed: 0, conflicts: 0 })
  expect([...github.issue('acme/app', 1)!.labels].sort()).toEqual(['bug', 'starter'])
  const writes = github.requestLog.filter((entry) => entry.method !== 'GET')
  expect(writes.length).toBeGreaterThan(0)
  expect(writes.every((entry) => entry.installationId === acme!.id)).toBe(true)
  expect(writes.every((entry) => entry.token?.startsWith('ghs_'))).toBe(true)
})
