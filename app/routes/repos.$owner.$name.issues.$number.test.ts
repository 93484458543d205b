import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { mirrorStarterWork } from '../starter/test-fixtures'

import IssueRoute, { loader } from './repos.$owner.$name.issues.$number'

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
  // A short concrete issue no project holds yet: a triage candidate, to a maintainer.
  expect(before).toMatchObject({ starter: { kind: 'candidate' }, roadmapIdeas: [] })

  const target = await makeTarget(getDb())
  const idea = await makeIdea(getDb(), target, 'Cleaner flags', { links: ['Mirage/Mirage#7'] })
  await makeIdea(getDb(), target, 'Elsewhere', { links: ['mirage/mirage#8'] })
  const project = await createProject(getDb(), { title: 'Flag fix', issue: 'mirage/mirage#7' })
  const after = await (await callLoader(loader, path, { accountId: dana.id, params })).json()
  expect(after).toMatchObject({
    starter: { kind: 'project', id: project, title: 'Flag fix' },
    roadmapIdeas: [{ id: idea, title: 'Cleaner flags', status: 'open' }],
    // Already a starter project: no second one is offered.
    tagHref: null,
  })
})

async function issuePageAs(number: number, accountId?: number) {
  const path = `/repos/mirage/mirage/issues/${number}`
  const response = await callLoader(loader, path, {
    accountId,
    params: { owner: 'mirage', name: 'mirage', number: String(number) },
  })
  const data = await response.json()
  const html = (await renderRouteWith(IssueRoute, data, path)).replaceAll('<!-- -->', '')
  return { data, html }
}

test('the page says its starter project as the board’s cards do: both ratings, claimed or open', async () => {
  const { projects, cam } = await mirrorStarterWork(getDb())
  for (const accountId of [undefined, cam.id]) {
    const open = await issuePageAs(1, accountId)
    expect(open.data.starter).toMatchObject({
      kind: 'project',
      id: projects.open,
      status: 'open',
      languageStars: 2,
      domainStars: 3,
      primaryDomain: 'storage',
    })
    expect(open.html).toContain(`href="/starter/${projects.open}"`)
    expect(open.html).toContain('OCaml difficulty: 2 of 3 stars')
    expect(open.html).toContain('Domain difficulty (storage): 3 of 3 stars')
    expect(open.html).toMatch(/>open<\/span>/)
    const claimed = await issuePageAs(2, accountId)
    expect(claimed.data.starter).toMatchObject({ id: projects.claimed, status: 'claimed' })
    expect(claimed.html).toMatch(/>claimed<\/span>/)
  }
})

test('a triage candidate is said to maintainers only, with a link to it in the triage queue', async () => {
  const { dana, cam } = await mirrorStarterWork(getDb())
  for (const accountId of [undefined, cam.id]) {
    const { data, html } = await issuePageAs(3, accountId)
    expect(data.starter).toBeNull()
    expect(html).not.toContain('Triage candidate')
  }
  const { data, html } = await issuePageAs(3, dana.id)
  expect(data.starter).toEqual({
    kind: 'candidate',
    triageHref: expect.stringMatching(/^\/starter\/triage\?at=/),
  })
  expect(html).toContain('Triage candidate')
  expect(html).toContain(`href="${data.starter.triageHref}"`)
  // Tagging it directly stays offered, as on any issue that is not a project yet.
  expect(data.tagHref).toBe('/starter/new?issue=mirage%2Fmirage%233')
})
