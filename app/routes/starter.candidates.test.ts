import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'

import StarterCandidatesRoute, { loader } from './starter.candidates'

const getDb = setupTestDatabase()

test('a candidate links to the tagging form prefilled from its issue, as the issue pages do', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 7, { body: 'Fix the flag.' })])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const path = '/starter/candidates'
  const data = await (await callLoader(loader, path, { accountId: dana.id })).json()
  const html = await renderRouteWith(StarterCandidatesRoute, data, path)
  // The same address as `tagHref` on the issue's page (repos.$owner.$name.issues.$number.test.ts).
  expect(html).toContain('href="/starter/new?issue=mirage%2Fmirage%237"')
})
