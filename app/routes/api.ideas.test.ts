import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callLoader } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { setPlusOne } from '../roadmap/idea.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'

import { loader } from './api.ideas'

const getDb = setupTestDatabase()

type Body = {
  items: Record<string, unknown>[]
  nextCursor: string | null
  error?: { message: string; problems: { parameter: string }[] }
}

async function get(query: string) {
  const response = await callLoader(loader, `/api/ideas${query}`)
  return { status: response.status, body: (await response.json()) as Body }
}

test('answers ideas with their area, stage, +1s and the live state of their links', async () => {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 569, { state: 'closed' })])
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const id = await makeIdea(getDb(), target, 'Explain Pioneer Projects', {
    authorId: cam.id,
    links: ['mirage/mirage#569'],
  })
  await setPlusOne(id, await makePerson(getDb(), 'noor'), true, getDb())
  const { status, body } = await get('')
  expect(status).toBe(200)
  expect(body.items).toEqual([
    {
      id,
      title: 'Explain Pioneer Projects',
      description: 'About Explain Pioneer Projects.',
      area: { slug: 'quality-and-testing', name: 'Quality and testing' },
      originalArea: null,
      stage: 'ideation',
      author: 'cam',
      // makePerson's people are demo accounts: cam proposing it is a demo action.
      isDemoAction: true,
      attribution: null,
      isVerbatim: false,
      mergedInto: null,
      plusOnes: 1,
      // makePerson's people are demo accounts: noor's +1 is a demo action.
      demoPlusOnes: 1,
      comments: 0,
      createdAt: expect.stringMatching(/^2020-01-01T/),
      lastActivityAt: expect.any(String),
      links: [
        {
          ref: 'mirage/mirage#569',
          url: 'https://github.com/mirage/mirage/issues/569',
          kind: 'issue',
          isMirrored: true,
          title: expect.any(String),
          state: 'closed',
          isPullRequest: false,
        },
      ],
      url: `http://localhost/roadmap/ideas/${id}`,
    },
  ])
})

test("an idea's +1s say how many of them demo people gave (demo actions)", async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Security advisories')
  await setPlusOne(id, { id: await ensureDemoAccount(DEMO_PEOPLE[2], getDb()) }, true, getDb())
  await setPlusOne(id, await createGitHubAccount(getDb(), 'hannes'), true, getDb())
  const { body } = await get('')
  expect(body.items).toMatchObject([{ id, plusOnes: 2, demoPlusOnes: 1 }])
})

test('an idea a demo person proposed is a demo action; one a GitHub account proposed is not', async () => {
  const target = await makeTarget(getDb())
  const demo = await makeIdea(getDb(), target, 'Security advisories', {
    authorId: await ensureDemoAccount(DEMO_PEOPLE[2], getDb()),
  })
  const real = await makeIdea(getDb(), target, 'Unikernel docs', {
    authorId: (await createGitHubAccount(getDb(), 'hannes')).id,
  })
  const { body } = await get('')
  const byId = new Map(body.items.map((item) => [item.id, item]))
  expect(byId.get(demo)).toMatchObject({ author: DEMO_PEOPLE[2].login, isDemoAction: true })
  expect(byId.get(real)).toMatchObject({ author: 'hannes', isDemoAction: false })
})

test('filters by area and stage, and pages with a cursor', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const c = await makeIdea(getDb(), target, 'C')
  await makeIdea(getDb(), target, 'Docs', { areaId: target.areas.docs })
  await openRound(
    { releaseTargetId: target.targetId, name: 'March', opensAt: new Date(), shortlist: [a, b] },
    dana,
    new Date(),
    getDb(),
  )
  const titles = (body: Body) => body.items.map((item) => item.title)
  expect(titles((await get('?area=docs-and-onboarding')).body)).toEqual(['Docs'])
  expect(titles((await get('?stage=shortlisted')).body)).toEqual(['B', 'A'])
  expect(titles((await get('?stage=ideation&area=quality-and-testing')).body)).toEqual(['C'])
  const first = await get('?area=quality-and-testing&limit=2')
  expect(titles(first.body)).toEqual(['C', 'B'])
  const second = await get(`?area=quality-and-testing&limit=2&cursor=${first.body.nextCursor}`)
  expect(titles(second.body)).toEqual(['A'])
  expect(second.body.nextCursor).toBeNull()
  expect(c).toBeGreaterThan(0)
})

test('bad parameters answer 400 naming each one', async () => {
  await makeTarget(getDb())
  const { status, body } = await get('?stage=dreaming&sort=random&limit=500&cursor=zzz')
  expect(status).toBe(400)
  expect(body.error?.problems.map((problem) => problem.parameter)).toEqual([
    'stage',
    'sort',
    'limit',
    'cursor',
  ])
  const unknown = await get('?target=mirageos-9&area=nowhere')
  expect(unknown.status).toBe(400)
  expect(unknown.body.error?.message).toBe('target: there is no release target "mirageos-9"')
  const area = await get('?area=nowhere')
  expect(area.body.error?.message).toBe('area: "nowhere" is not an area of MirageOS 3.0')
})
