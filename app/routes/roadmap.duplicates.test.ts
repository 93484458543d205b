import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'
import { setPlusOne } from '../roadmap/idea.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'

import { loader } from './roadmap.duplicates'
import { loader as ideaLoader } from './roadmap.ideas.$id'

const getDb = setupTestDatabase()

const load = (accountId?: number) => callLoader(loader, '/roadmap/duplicates', { accountId })

test('possible duplicates are for maintainers only: 401 signed out, 403 for a contributor', async () => {
  const cam = await makePerson(getDb(), 'cam')
  expect((await load()).status).toBe(401)
  expect((await load(cam.id)).status).toBe(403)
})

test('pairs of similar open ideas in one area, most similar first, the one with more +1s kept, and a merge link that finds it', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const fuzzing = await makeIdea(getDb(), target, 'Fuzzing the TCP stack')
  await makeIdea(getDb(), target, 'Faster TCP checksums')
  await makeIdea(getDb(), target, 'Documentation days')
  // The same words in another area are not a pair.
  await makeIdea(getDb(), target, 'Fuzz the TCP stack', { areaId: target.areas.docs })
  await setPlusOne(fuzzing, cam, true, getDb())

  const response = await load(dana.id)
  expect(response.status).toBe(200)
  const { pairs } = await response.json()
  expect(
    pairs.map((pair: { duplicate: { id: number }; survivor: { id: number } }) => [
      pair.duplicate.id,
      pair.survivor.id,
    ]),
  ).toEqual([[fuzz, fuzzing]])
  expect(pairs[0].mergeTo).toBe(`/roadmap/ideas/${fuzz}?merge=%23${fuzzing}#maintain`)

  // The link opens the duplicate's page with the idea to keep as the merge choice.
  const idea = await callLoader(ideaLoader, pairs[0].mergeTo.replace(/#.*/, ''), {
    accountId: dana.id,
    params: { id: String(fuzz) },
  })
  const data = await idea.json()
  expect(data.mergeCandidates.map((candidate: { id: number }) => candidate.id)).toEqual([fuzzing])
})

test("on the demo's 32 ideas the one pair listed is the two newcomer-task ideas", async () => {
  await loadDemoData(getDb())
  const dana = await makePerson(getDb(), 'reviewer', 'maintainer')
  const { pairs } = await (await load(dana.id)).json()
  expect(
    pairs.map(
      (pair: { duplicate: { title: string }; survivor: { title: string } }) =>
        `${pair.duplicate.title} ~ ${pair.survivor.title}`,
    ),
  ).toEqual(['Split newcomer tasks by functional area ~ Collate newcomer tasks'])
})
