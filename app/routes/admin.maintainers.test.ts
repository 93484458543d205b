import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callAction, callLoader } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'

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
  })
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
