import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import {
  assignRepositoriesToInstallation,
  markRepositoriesLeftInstallation,
  recordInstallationUsage,
  upsertInstallation,
} from '../mirror/installation.server'

import { loader } from './sync'

// /sync on a board installed as a GitHub App: each installation's own rate limit for the
// maintainers, and which repositories were taken out of the app for everyone.

const getDb = setupTestDatabase()

async function seedInstallations() {
  const kept = repositoryPayload('acme/app')
  const removed = repositoryPayload('acme/lib')
  await mirror(getDb(), kept)
  await mirror(getDb(), removed)
  await upsertInstallation({ id: 71, account: 'acme', status: 'active' }, getDb())
  await upsertInstallation({ id: 72, account: 'zeta', status: 'suspended' }, getDb())
  await assignRepositoriesToInstallation(71, [kept.id, removed.id], getDb())
  await markRepositoriesLeftInstallation(71, { onlyIds: [removed.id] }, getDb())
  await recordInstallationUsage(
    71,
    { requests: 4, rateLimit: { remaining: 4996, limit: 5000, resetAt: new Date(0) } },
    getDb(),
  )
}

test('maintainers see each installation with its status, repositories and rate limit', async () => {
  await seedInstallations()
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const data = await (await callLoader(loader, '/sync', { accountId: maintainer.id })).json()
  expect(
    data.installations.map((i: Record<string, unknown>) => [
      i.account,
      i.status,
      i.repository_count,
      i.last_requests,
      i.rate_limit_remaining,
    ]),
  ).toEqual([
    ['acme', 'active', 1, 4, 4996],
    ['zeta', 'suspended', 0, null, null],
  ])
})

test('the public sees which repositories left the app, never the installations', async () => {
  await seedInstallations()
  const data = await (await callLoader(loader, '/sync')).json()
  expect(data.installations).toEqual([])
  const left = Object.fromEntries(
    data.repositories.map((r: { full_name: string; left_installation_at: string | null }) => [
      r.full_name,
      r.left_installation_at !== null,
    ]),
  )
  expect(left).toEqual({ 'acme/app': false, 'acme/lib': true })
})
