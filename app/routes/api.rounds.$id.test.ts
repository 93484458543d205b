import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import type { presentRound } from '../roadmap/api-shapes.server'
import { castBallot, setDotVotes } from '../roadmap/ballot.server'
import { closeRound } from '../roadmap/decision.server'
import { openRound } from '../roadmap/round.server'
import { closeOnTopIdea, makeIdea, openRoundOfTwo } from '../roadmap/test-fixtures'

import { loader } from './api.rounds.$id'

const getDb = setupTestDatabase()

async function get(id: string) {
  const response = await callLoader(loader, `/api/rounds/${id}`, { params: { id } })
  return {
    status: response.status,
    body: (await response.json()) as ReturnType<typeof presentRound>,
  }
}

async function votedRound() {
  const { target, dana, tests, docs, roundId } = await openRoundOfTwo(getDb(), {
    name: 'March',
    opensAt: new Date(Date.now() - 1000),
  })
  // Dana is a demo person (her ballot is a demo action), Ari signed in with GitHub.
  const ari = { ...(await createGitHubAccount(getDb(), 'ari')), role: 'maintainer' as const }
  await castBallot(
    roundId,
    dana,
    [
      { id: docs, rank: 1 },
      { id: tests, rank: 2 },
    ],
    new Date(),
    getDb(),
  )
  await castBallot(roundId, ari, [{ id: docs, rank: 1 }], new Date(), getDb())
  return { target, dana, tests, docs, roundId }
}

test('before close a round shows its shortlist and who voted, with no result', async () => {
  const { roundId } = await votedRound()
  const { status, body } = await get(String(roundId))
  expect(status).toBe(200)
  expect(body).toMatchObject({
    name: 'March',
    status: 'open',
    phase: 'voting',
    shortlist: [{ title: 'Better tests' }, { title: 'Doc days' }],
    result: null,
    decision: null,
  })
  expect(body.voters.map(({ login, isDemoAction }) => ({ login, isDemoAction }))).toEqual([
    { login: 'dana', isDemoAction: true },
    { login: 'ari', isDemoAction: false },
  ])
  expect(JSON.stringify(body)).not.toMatch(/rank/)
})

test('after close it shows the full order, both matrices and the decision, never a ballot', async () => {
  const { dana, tests, docs, roundId } = await votedRound()
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Next month.',
  })
  const { body } = await get(String(roundId))
  expect(body.result).toMatchObject({
    ballots: 2,
    candidates: [
      { id: tests, title: 'Better tests' },
      { id: docs, title: 'Doc days' },
    ],
    pairwise: [
      [0, 0],
      [2, 0],
    ],
    strongest: [
      [0, 0],
      [2, 0],
    ],
    winners: [docs],
  })
  expect(body.result?.order.map((candidate) => candidate.title)).toEqual([
    'Doc days',
    'Better tests',
  ])
  expect(body.decision).toMatchObject({
    method: 'top-n',
    topN: 1,
    rationale: 'Docs first.',
    hasRecordedBallots: true,
    voters: [
      { login: 'ari', isDemoAction: false },
      { login: 'dana', isDemoAction: true },
    ],
    agreed: [{ id: docs, title: 'Doc days' }],
    notAgreed: [{ id: tests, outcome: 'deferred', disposition: 'ideation', reason: 'Next month.' }],
  })
  expect(body).not.toHaveProperty('ballots')
})

test('an unknown round answers 404', async () => {
  expect((await get('4242')).status).toBe(404)
  expect((await get('abc')).status).toBe(404)
})

test('while a round is open its dots stay secret; once closed their totals are public', async () => {
  const { dana, tests, docs, roundId } = await openRoundOfTwo(getDb(), {
    name: 'May',
    opensAt: new Date(Date.now() - 1000),
    dotBudget: 3,
  })
  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  await setDotVotes(roundId, dana, [{ id: tests, dots: 2 }], new Date(), getDb())
  const open = (await get(String(roundId))).body
  expect(open.dots).toBeNull()
  expect(JSON.stringify(open)).not.toMatch(/dots"?:\s*[1-9]|rank/)
  await closeRound(
    roundId,
    { method: 'top-n', topN: 2, rationale: 'Both.', others: [] },
    dana,
    new Date(),
    getDb(),
  )
  const closed = (await get(String(roundId))).body
  expect(closed.dots).toEqual({
    participants: 1,
    byIdea: [
      { id: tests, dots: 2 },
      { id: docs, dots: 0 },
    ],
  })
})

test('a shortlisted idea an earlier round deferred says which round; one never deferred says null', async () => {
  const { target, dana, tests, docs, roundId } = await votedRound()
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Next month.',
  })
  const fuzzing = await makeIdea(getDb(), target, 'Fuzzing')
  const april = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'April',
      opensAt: new Date(Date.now() - 1000),
      shortlist: [tests, fuzzing],
    },
    dana,
    new Date(),
    getDb(),
  )

  // Dana is a demo person: her deferral is a demo decision, and the mark says so.
  expect((await get(String(april))).body.shortlist).toEqual([
    {
      id: tests,
      title: 'Better tests',
      area: 'Quality and testing',
      deferredIn: { roundId, name: 'March', isDemoAction: true },
    },
    { id: fuzzing, title: 'Fuzzing', area: 'Quality and testing', deferredIn: null },
  ])
  // March's own shortlist was not deferred "in March" before March decided.
  expect((await get(String(roundId))).body.shortlist.map((idea) => idea.deferredIn)).toEqual([
    null,
    null,
  ])
})
