import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callAction, callLoader } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { ensureDemoAccount, listMaintainerAccountIds } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { loadDemoData } from '../demo/demo.server'

import { action, loader } from './admin.maintainers'

const getDb = setupTestDatabase()

async function signInAsDana() {
  return ensureDemoAccount(DEMO_PEOPLE[0], getDb())
}

test('in demo mode the page names the demo maintainers: demo people, not grants', async () => {
  const dana = await signInAsDana()
  const data = await (await callLoader(loader, '/admin/maintainers', { accountId: dana })).json()
  expect(data).toMatchObject({
    grants: [],
    pushers: [],
    hasGitHubSignIn: false,
    demoMaintainers: ['Dana (demo maintainer)', 'Ari (second demo maintainer)'],
    // No demo loaded: nobody seeded to name.
    seededDemoMaintainers: [],
  })
})

test('the loaded demo’s seeded maintainers are named too, as seeded demo people, with no grant to remove', async () => {
  await loadDemoData(getDb())
  const dana = await signInAsDana()
  const data = await (await callLoader(loader, '/admin/maintainers', { accountId: dana })).json()
  // Sam and Kai rate and answer in the seeded data as maintainers: their accounts say so.
  expect(data).toMatchObject({
    grants: [],
    demoMaintainers: ['Dana (demo maintainer)', 'Ari (second demo maintainer)'],
    seededDemoMaintainers: ['Sam (seeded demo maintainer)', 'Kai (second seeded demo maintainer)'],
  })
  const seeded = await getDb()
    .selectFrom('account')
    .select(['login', 'demo_role'])
    .where('login', 'in', ['demo-seed-maintainer', 'demo-seed-maintainer-2'])
    .orderBy('login')
    .execute()
  expect(seeded.map((row) => row.demo_role)).toEqual(['maintainer', 'maintainer'])
  // Their role is their demo account's, not a grant: removing one changes nothing.
  const response = await callAction(
    action,
    '/admin/maintainers',
    { intent: 'revoke', login: 'demo-seed-maintainer' },
    { accountId: dana },
  )
  expect(await response.json()).toMatchObject({
    message: 'demo-seed-maintainer was not granted here: nothing changed.',
  })
  expect(await listMaintainerAccountIds(getDb())).toHaveLength(4)
})

test('a grant by a demo person is a demo action in the list and the history', async () => {
  const dana = await signInAsDana()
  const response = await callAction(
    action,
    '/admin/maintainers',
    { intent: 'grant', login: 'yomimono' },
    { accountId: dana },
  )
  expect(response.status).toBe(200)
  // A real maintainer's grant is no demo action.
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  await getDb()
    .insertInto('role_audit')
    .values({ actor_id: hannes.id, actor_login: 'hannesm', action: 'grant', subject_login: 'avsm' })
    .execute()

  const data = await (await callLoader(loader, '/admin/maintainers', { accountId: dana })).json()
  expect(data.grants).toMatchObject([
    { login: 'yomimono', granted_by_login: 'demo-maintainer', is_demo_grant: true },
  ])
  expect(
    data.audit.map(
      (entry: { actor_login: string; subject_login: string; is_demo_action: boolean }) => [
        entry.actor_login,
        entry.subject_login,
        entry.is_demo_action,
      ],
    ),
  ).toEqual([
    ['hannesm', 'avsm', false],
    ['demo-maintainer', 'yomimono', true],
  ])
})
