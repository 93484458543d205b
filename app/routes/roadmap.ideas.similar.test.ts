import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { setPlusOne } from '../roadmap/idea.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'

import { loader } from './roadmap.ideas.similar'

const getDb = setupTestDatabase()

const similar = async (q: string) => {
  const response = await callLoader(loader, `/roadmap/ideas/similar?q=${encodeURIComponent(q)}`)
  return {
    status: response.status,
    body: response.status === 200 ? await response.json() : await response.text(),
  }
}

test('typing a proposal finds the existing ideas it resembles, closest first, half-words included', async () => {
  const target = await makeTarget(getDb())
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const tcp = await makeIdea(getDb(), target, 'Faster TCP checksums')
  await makeIdea(getDb(), target, 'Documentation days')

  const { status, body } = await similar('fuzzing tcp checksums')
  expect(status).toBe(200)
  expect(body.ideas.map((idea: { id: number }) => idea.id)).toEqual([fuzz, tcp])
  expect((await similar('Fuzz the T')).body.ideas[0]).toMatchObject({
    id: fuzz,
    title: 'Fuzz the TCP stack',
    plusOnes: 0,
  })
  expect((await similar('gardening')).body.ideas).toEqual([])
})

test('one common word shared is no resemblance: two words, a word rare on the board or the whole title are', async () => {
  const target = await makeTarget(getDb())
  const advisory = await makeIdea(getDb(), target, 'Set up a security advisory process')
  const docs = await makeIdea(getDb(), target, 'Improve the docs and onboarding process')
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const checksums = await makeIdea(getDb(), target, 'Faster TCP checksums')
  const js = await makeIdea(getDb(), target, 'Javascript')
  const ids = async (q: string) =>
    (await similar(q)).body.ideas.map((idea: { id: number }) => idea.id)

  // "process" and "tcp" are each in two of the five titles.
  expect(await ids('A release process for unikernels')).toEqual([])
  expect(await ids('TCP offload')).toEqual([])
  // Near-duplicates: reworded, plural, one word more.
  expect(await ids('Security advisory processes')).toEqual([advisory])
  expect(await ids('Fuzzing TCP stacks')).toEqual([fuzz])
  expect(await ids('Improve the docs and onboarding process for newcomers')).toEqual([docs])
  // The whole of a title typed, or one word no other idea has.
  expect(await ids('JavaScript support')).toEqual([js])
  expect(await ids('Checksum offload')).toEqual([checksums])
})

test('empty, punctuation-only or hostile text finds nothing rather than failing; too long is 400', async () => {
  await makeIdea(getDb(), await makeTarget(getDb()), 'Fuzz the TCP stack')
  for (const q of ['', '   ', "')|!&:*", 'a', '\\x00 & | ! ( )']) {
    const { status, body } = await similar(q)
    expect(status).toBe(200)
    expect(body.ideas).toEqual([])
  }
  expect((await similar('word '.repeat(500))).status).toBe(400)
})

test("a similar idea's +1s say how many of them are demo actions", async () => {
  const fuzz = await makeIdea(getDb(), await makeTarget(getDb()), 'Fuzz the TCP stack')
  await setPlusOne(fuzz, { id: await ensureDemoAccount(DEMO_PEOPLE[2], getDb()) }, true, getDb())
  expect((await similar('fuzz tcp')).body.ideas).toMatchObject([
    { id: fuzz, plusOnes: 1, demoPlusOnes: 1 },
  ])
})
