import { expect, test } from 'vitest'

import { parseBenchArgs } from './options'
import { formatReport } from './report'
import { runBench } from './run'
import { generateRound, TALLY_BALLOTS, TALLY_IDEAS } from './tally'

test('the generated round has distinct ideas, partial ballots and shared ranks, seed for seed', () => {
  const round = generateRound(7)
  expect(generateRound(7)).toEqual(round)
  expect(new Set(round.candidates).size).toBe(TALLY_IDEAS)
  expect(round.ballots).toHaveLength(TALLY_BALLOTS)
  const partial = round.ballots.filter((ballot) => ballot.size < TALLY_IDEAS)
  const withTies = round.ballots.filter((ballot) => new Set(ballot.values()).size < ballot.size)
  expect(partial.length).toBeGreaterThan(0)
  expect(partial.length).toBeLessThan(TALLY_BALLOTS)
  expect(withTies.length).toBeGreaterThan(0)
  for (const ballot of round.ballots) {
    for (const id of ballot.keys()) expect(round.candidates).toContain(id)
  }
})

// No DATABASE_URL: were the tally part to need PostgreSQL, it would start a cluster or fail.
test('--only tally times the tally without any database', async () => {
  const options = parseBenchArgs(['--only', 'tally', '--iterations', '5', '--seed', '3'])
  const result = await runBench(options)

  expect(result.board).toBeNull()
  expect(result.sync).toBeNull()
  expect(result.environment).toMatchObject({ postgres: null, throwawayCluster: false })
  expect(result.tally).toMatchObject({
    samples: 5,
    ideas: TALLY_IDEAS,
    ballots: TALLY_BALLOTS,
    targetMs: 10,
  })
  expect(result.tally!.p95).toBeGreaterThanOrEqual(result.tally!.p50)
  expect(generateRound(3).candidates).toContain(result.tally!.winner)
  const report = formatReport(result)
  expect(report).toContain('Schulze tally')
  expect(report).not.toContain('PostgreSQL')
})
