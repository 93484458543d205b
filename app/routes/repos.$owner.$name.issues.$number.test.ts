import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'

import { loader } from './repos.$owner.$name.issues.$number'

const getDb = setupTestDatabase()
const params = { owner: 'mirage', name: 'mirage', number: '7' }

test('maintainers get "Tag as starter project" on a mirrored issue; others do not', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 7, { body: 'Fix the flag.' })])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const cam = await createAccount(getDb(), 'cam')
  const path = '/repos/mirage/mirage/issues/7'
  const asMaintainer = await (await callLoader(loader, path, { accountId: dana.id, params })).json()
  expect(asMaintainer.tagHref).toBe('/starter/new?issue=mirage%2Fmirage%237')
  for (const accountId of [cam.id, undefined]) {
    const data = await (await callLoader(loader, path, { accountId, params })).json()
    expect(data.tagHref).toBeNull()
  }
})

test('the page says where the board uses the issue: its starter project and the roadmap ideas linking it', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 7, { body: 'Fix the flag.' })])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const path = '/repos/mirage/mirage/issues/7'
  const before = await (await callLoader(loader, path, { accountId: dana.id, params })).json()
  expect(before).toMatchObject({ project: null, roadmapIdeas: [] })

  const target = await makeTarget(getDb())
  const idea = await makeIdea(getDb(), target, 'Cleaner flags', { links: ['Mirage/Mirage#7'] })
  await makeIdea(getDb(), target, 'Elsewhere', { links: ['mirage/mirage#8'] })
  const project = await createProject(getDb(), { title: 'Flag fix', issue: 'mirage/mirage#7' })
  const after = await (await callLoader(loader, path, { accountId: dana.id, params })).json()
  expect(after).toMatchObject({
    project: { id: project, title: 'Flag fix' },
    roadmapIdeas: [{ id: idea, title: 'Cleaner flags', status: 'open' }],
    // Already a starter project: no second one is offered.
    tagHref: null,
  })
})
