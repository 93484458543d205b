import os from 'node:os'

import { tallySchulze, type Ballot } from '../../app/roadmap/schulze'

import { createRandom } from './random'
import { summarise, warmupFor, type Summary } from './stats'

// Closing a prioritisation round: the Schulze tally of a large round, in memory (no database).

export const TALLY_TARGET_MS = 10
export const TALLY_IDEAS = 30
export const TALLY_BALLOTS = 50

export type TallyBenchResult = Summary & {
  name: string
  detail: string
  targetMs: number
  pass: boolean
  ideas: number
  ballots: number
  /** Ballots that leave some ideas out (tied last). */
  partialBallots: number
  /** Ballots where two ideas share a rank. */
  ballotsWithTies: number
  winner: number
  /** Shared ranks the tie-break had to order. */
  tieBreaks: number
  /** The machine's 1-minute load average when the timing started. */
  loadAverage: number
  /** Process CPU time per timed tally: unlike wall time, barely stretched by a busy machine. */
  cpuMsPerTally: number
}

/**
 * A round as maintainers fill it in: most rank every idea, some only those they care about,
 * and now and then two ideas share a rank. Idea ids are scattered, like real ones.
 */
export function generateRound(seed: number, ideas = TALLY_IDEAS, ballots = TALLY_BALLOTS) {
  const random = createRandom(seed)
  const candidates = random.shuffle(Array.from({ length: 1000 }, (_, index) => index + 1))
  candidates.length = ideas
  const generated: Map<number, number>[] = []
  for (let voter = 0; voter < ballots; voter++) {
    const ranked = random.shuffle(candidates)
    if (random.chance(0.3)) ranked.length = random.int(5, ideas - 1)
    const ballot = new Map<number, number>()
    let rank = 0
    for (const id of ranked) {
      if (rank === 0 || !random.chance(0.1)) rank += 1
      ballot.set(id, rank)
    }
    generated.push(ballot)
  }
  return { candidates, ballots: generated }
}

function hasSharedRank(ballot: Map<number, number>) {
  return new Set(ballot.values()).size < ballot.size
}

export function runTallyBench({
  seed,
  iterations,
  log = () => {},
}: {
  seed: number
  iterations: number
  log?: (line: string) => void
}): TallyBenchResult {
  const { candidates, ballots } = generateRound(seed)
  const tally = (votes: readonly Ballot[]) => tallySchulze(candidates, votes)
  log(
    `Tally: timing the Schulze count of ${ballots.length} ballots over ${candidates.length} ideas (${iterations} runs)...`,
  )
  const loadAverage = os.loadavg()[0]!
  let last = tally(ballots)
  for (let i = 0; i < warmupFor(iterations); i++) last = tally(ballots)
  const durations: number[] = []
  const cpuBefore = process.cpuUsage()
  for (let i = 0; i < iterations; i++) {
    const started = performance.now()
    last = tally(ballots)
    durations.push(performance.now() - started)
  }
  const cpu = process.cpuUsage(cpuBefore)
  const summary = summarise(durations)
  const partialBallots = ballots.filter((ballot) => ballot.size < candidates.length).length
  const ballotsWithTies = ballots.filter(hasSharedRank).length
  log(`  Schulze tally: p95 ${summary.p95.toFixed(2)} ms`)
  return {
    name: 'Schulze tally',
    detail: `${ballots.length} ballots x ${candidates.length} ideas, ${partialBallots} partial, ${ballotsWithTies} with ties`,
    targetMs: TALLY_TARGET_MS,
    pass: summary.p95 <= TALLY_TARGET_MS,
    ideas: candidates.length,
    ballots: ballots.length,
    partialBallots,
    ballotsWithTies,
    winner: last.order[0]!.id,
    tieBreaks: last.tieBreaks.length,
    loadAverage,
    cpuMsPerTally: (cpu.user + cpu.system) / 1000 / iterations,
    ...summary,
  }
}
