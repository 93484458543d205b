import fc from 'fast-check'
import { expect, test } from 'vitest'

import { tallySchulze, validateBallot, type Ballot } from './schulze'

type Election = { candidates: number[]; ballots: Map<number, number>[] }

// Small elections with ties and unranked ideas: small enough that cycles and exact ties are common.
const candidatesArb = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), {
  minLength: 1,
  maxLength: 6,
})

const ballotArb = (candidates: number[]) =>
  fc
    .array(fc.option(fc.integer({ min: 1, max: candidates.length }), { nil: undefined }), {
      minLength: candidates.length,
      maxLength: candidates.length,
    })
    .map(
      (ranks) =>
        new Map(
          candidates.flatMap((id, index) =>
            ranks[index] === undefined ? [] : [[id, ranks[index]] as const],
          ),
        ),
    )

const electionArb: fc.Arbitrary<Election> = candidatesArb.chain((candidates) =>
  fc.record({
    candidates: fc.constant(candidates),
    ballots: fc.array(ballotArb(candidates), { maxLength: 12 }),
  }),
)

/** The rank an idea has on a ballot, unranked ideas sharing a place below every ranked one. */
const placeOn = (ballot: Map<number, number>, id: number) =>
  ballot.get(id) ?? Number.POSITIVE_INFINITY

/** Voters who put `a` strictly above `b`, counted directly from the ballots. */
const preferring = (ballots: Map<number, number>[], a: number, b: number) =>
  ballots.filter((ballot) => placeOn(ballot, a) < placeOn(ballot, b)).length

const ids = (result: { order: { id: number }[] }) => result.order.map((entry) => entry.id)

const fromLetters = (groups: [number, string][]) =>
  groups.flatMap(([voters, ranking]) =>
    Array.from(
      { length: voters },
      // A..E are ideas 1..5.
      () => new Map([...ranking].map((letter, index) => [letter.charCodeAt(0) - 64, index + 1])),
    ),
  )

test('a Condorcet winner is always first and the only winner', () => {
  const withFavourite = electionArb.chain((election) =>
    fc.record({
      election: fc.constant(election),
      favourite: fc.constantFrom(...election.candidates),
      // Extra ballots putting the favourite alone on top make a Condorcet winner likely.
      extra: fc.array(ballotArb(election.candidates), { maxLength: 8 }),
    }),
  )
  fc.assert(
    fc.property(withFavourite, ({ election, favourite, extra }) => {
      const ballots = [
        ...election.ballots,
        ...extra.map(
          (ballot) =>
            new Map([
              ...[...ballot]
                .filter(([id]) => id !== favourite)
                .map(([id, rank]) => [id, rank + 1] as const),
              [favourite, 1],
            ]),
        ),
      ]
      const beatsEveryone = election.candidates.every(
        (other) =>
          other === favourite ||
          preferring(ballots, favourite, other) > preferring(ballots, other, favourite),
      )
      fc.pre(beatsEveryone)

      const result = tallySchulze(election.candidates, ballots)
      expect(result.order[0]!.id).toBe(favourite)
      expect(result.winners).toEqual([favourite])
    }),
  )
})

test('unanimous strict ballots give exactly that order, with no tie-break', () => {
  fc.assert(
    fc.property(candidatesArb, fc.integer({ min: 1, max: 9 }), (ranking, voters) => {
      const ballot = new Map(ranking.map((id, index) => [id, index + 1]))
      const result = tallySchulze(
        [...ranking].sort((a, b) => b - a),
        Array.from({ length: voters }, () => ballot),
      )
      expect(ids(result)).toEqual(ranking)
      expect(result.order.map((entry) => entry.rank)).toEqual(ranking.map((_, index) => index + 1))
      expect(result.winners).toEqual([ranking[0]])
      expect(result.tieBreaks).toEqual([])
    }),
  )
})

test('the result depends on neither the order of the ballots nor that of the candidates', () => {
  const shuffled = electionArb.chain((election) =>
    fc.record({
      election: fc.constant(election),
      candidates: fc.shuffledSubarray(election.candidates, {
        minLength: election.candidates.length,
      }),
      ballots: fc.shuffledSubarray(election.ballots, { minLength: election.ballots.length }),
    }),
  )
  fc.assert(
    fc.property(shuffled, ({ election, candidates, ballots }) => {
      expect(tallySchulze(candidates, ballots)).toEqual(
        tallySchulze(election.candidates, election.ballots),
      )
    }),
  )
})

test('the full order never puts a candidate above one that beats it, and winners are unbeaten', () => {
  fc.assert(
    fc.property(electionArb, ({ candidates, ballots }) => {
      const result = tallySchulze(candidates, ballots)
      const { strongest } = result
      const index = (id: number) => result.candidates.indexOf(id)
      const beats = (a: number, b: number) =>
        strongest[index(a)]![index(b)]! > strongest[index(b)]![index(a)]!
      const order = ids(result)
      for (let above = 0; above < order.length; above++) {
        for (let below = above + 1; below < order.length; below++) {
          expect(beats(order[below]!, order[above]!)).toBe(false)
        }
      }
      const unbeaten = candidates.filter((id) => !candidates.some((other) => beats(other, id)))
      expect([...result.winners].sort()).toEqual(unbeaten.sort())
    }),
  )
})

type ClonePlace = 'above' | 'below' | 'tied'

/**
 * Adds `clone` next to `original` on a ballot: every other idea stays above, below or tied with
 * both alike. When other ideas share the original's place, the clone can only join them.
 */
function withClone(
  ballot: Map<number, number>,
  candidates: number[],
  original: number,
  clone: number,
  place: ClonePlace,
) {
  // Tripled ranks leave room directly above and below every place.
  const cloned = new Map([...ballot].map(([id, rank]) => [id, rank * 3]))
  const rank = ballot.get(original)
  const sharesPlace = candidates.some((id) => id !== original && ballot.get(id) === rank)
  if (sharesPlace || place === 'tied') {
    if (rank !== undefined) cloned.set(clone, rank * 3)
  } else if (rank !== undefined) {
    cloned.set(clone, place === 'above' ? rank * 3 - 1 : rank * 3 + 1)
  } else {
    // The original is the only idea left off: the clone takes the place just above it, or the
    // original takes that place explicitly and the clone is left off below it.
    const justAboveLast = 3 * Math.max(0, ...ballot.values()) + 1
    cloned.set(place === 'above' ? clone : original, justAboveLast)
  }
  return cloned
}

test('a clone of a losing idea does not change a unique winner', () => {
  const withLoser = electionArb
    .filter(({ candidates }) => candidates.length >= 2)
    .chain((election) =>
      fc.record({
        election: fc.constant(election),
        loserIndex: fc.nat(),
        places: fc.array(fc.constantFrom<ClonePlace>('above', 'below', 'tied'), {
          minLength: election.ballots.length,
          maxLength: election.ballots.length,
        }),
      }),
    )
  fc.assert(
    fc.property(withLoser, ({ election, loserIndex, places }) => {
      const { candidates, ballots } = election
      const before = tallySchulze(candidates, ballots)
      fc.pre(before.winners.length === 1)
      const winner = before.winners[0]!
      const losers = candidates.filter((id) => id !== winner)
      const original = losers[loserIndex % losers.length]!
      const clone = Math.max(...candidates) + 1

      const after = tallySchulze(
        [...candidates, clone],
        ballots.map((ballot, index) =>
          withClone(ballot, candidates, original, clone, places[index]!),
        ),
      )
      expect(after.winners).toEqual([winner])
    }),
  )
})

test('reversing every ballot never keeps the same unique winner', () => {
  fc.assert(
    fc.property(electionArb, ({ candidates, ballots }) => {
      fc.pre(candidates.length >= 2)
      const before = tallySchulze(candidates, ballots)
      fc.pre(before.winners.length === 1)

      const reversed = ballots.map((ballot) => {
        // Ideas left off were tied last; reversed, they are tied first.
        const last = Math.max(0, ...ballot.values()) + 1
        return new Map(candidates.map((id) => [id, last + 1 - (ballot.get(id) ?? last)]))
      })
      expect(tallySchulze(candidates, reversed).winners).not.toContain(before.winners[0])
    }),
  )
})

test("Wikipedia's example: 45 voters over A..E elect E, then A, C, B, D", () => {
  const ballots = fromLetters([
    [5, 'ACBED'],
    [5, 'ADECB'],
    [8, 'BEDAC'],
    [3, 'CABED'],
    [7, 'CAEBD'],
    [2, 'CBADE'],
    [7, 'DCEBA'],
    [8, 'EBADC'],
  ])
  expect(ballots).toHaveLength(45)

  const result = tallySchulze([5, 4, 3, 2, 1], ballots)
  expect(result.candidates).toEqual([1, 2, 3, 4, 5])
  expect(result.pairwise).toEqual([
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
  ])
  expect(result.strongest).toEqual([
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
  ])
  expect(result.order).toEqual([
    { id: 5, position: 1, rank: 1, wins: 4, support: 102, placedBy: null },
    { id: 1, position: 2, rank: 2, wins: 3, support: 98, placedBy: 'schulze' },
    { id: 3, position: 3, rank: 3, wins: 2, support: 89, placedBy: 'schulze' },
    { id: 2, position: 4, rank: 4, wins: 1, support: 92, placedBy: 'schulze' },
    { id: 4, position: 5, rank: 5, wins: 0, support: 69, placedBy: 'schulze' },
  ])
  expect(result.winners).toEqual([5])
  expect(result.tieBreaks).toEqual([])
})

test('ideas left off a ballot tie last; tied ideas are ordered by support, then idea number', () => {
  // Idea 1 is one voter's only choice; ideas 2 and 3 share the other voter's first place.
  const result = tallySchulze([3, 2, 1], [{ 1: 1 }, { 2: 1, 3: 1 }])

  expect(result.pairwise).toEqual([
    [0, 1, 1],
    [1, 0, 0],
    [1, 0, 0],
  ])
  expect(result.strongest).toEqual([
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ])
  expect(
    result.order.map(({ id, rank, support, placedBy }) => [id, rank, support, placedBy]),
  ).toEqual([
    [1, 1, 2, null],
    [2, 1, 1, 'support'],
    [3, 1, 1, 'id'],
  ])
  expect(result.winners).toEqual([1, 2, 3])
  expect(result.tieBreaks).toEqual([{ rank: 1, ids: [1, 2, 3], decidedBy: ['support', 'id'] }])
})

test('among tied ideas, the one beating more ideas comes first', () => {
  // Only 1 over 2 is decided (two voters to none); every other pair is one voter each way.
  const result = tallySchulze(
    [1, 2, 3, 4],
    [
      { 4: 1, 3: 2, 1: 3, 2: 4 },
      { 1: 1, 2: 2, 3: 3, 4: 4 },
    ],
  )

  expect(result.order.map(({ id, rank, wins, placedBy }) => [id, rank, wins, placedBy])).toEqual([
    [1, 1, 1, null],
    [3, 1, 0, 'wins'],
    [4, 1, 0, 'id'],
    [2, 2, 0, 'schulze'],
  ])
  expect(result.winners).toEqual([1, 3, 4])
  expect(result.tieBreaks).toEqual([{ rank: 1, ids: [1, 3, 4], decidedBy: ['wins', 'id'] }])
})

test('shared last ranks count like leaving ideas off, as maps or records alike', () => {
  const candidates = [1, 2, 3, 4]
  const leftOff = tallySchulze(candidates, [{ 2: 1, 4: 2 }, { 3: 1 }])
  const sharedLast: Ballot[] = [
    new Map([
      [2, 1],
      [4, 2],
      [1, 7],
      [3, 7],
    ]),
    { 3: 1, 1: 2, 2: 2, 4: 2 },
  ]
  expect(tallySchulze(candidates, sharedLast)).toEqual(leftOff)
  expect(ids(leftOff)).toEqual([2, 3, 4, 1])
})

test('ballot entries for ideas outside the candidates are ignored', () => {
  const withdrawn = tallySchulze([1, 2], [{ 9: 1, 2: 2, 1: 3 }])
  expect(withdrawn).toEqual(tallySchulze([1, 2], [{ 2: 1, 1: 2 }]))
  expect(ids(withdrawn)).toEqual([2, 1])
})

test('with no ballots every idea ties and the order is by idea number', () => {
  const result = tallySchulze([30, 10, 20], [])
  expect(ids(result)).toEqual([10, 20, 30])
  expect(result.winners).toEqual([10, 20, 30])
  expect(result.tieBreaks).toEqual([{ rank: 1, ids: [10, 20, 30], decidedBy: ['id', 'id'] }])
})

test('an idea listed twice among the candidates is a programming error', () => {
  expect(() => tallySchulze([1, 2, 1], [])).toThrow('Idea 1 is listed twice')
})

test('a ranking with shared ranks, gaps and ideas left off is valid', () => {
  expect(validateBallot([1, 2, 3, 4], [])).toEqual([])
  expect(
    validateBallot(
      [1, 2, 3, 4],
      [
        { id: 3, rank: 1 },
        { id: 1, rank: 1 },
        { id: 4, rank: 5 },
      ],
    ),
  ).toEqual([])
})

test('validateBallot names each unknown idea, repeated idea and bad rank once', () => {
  expect(
    validateBallot(
      [1, 2, 3],
      [
        { id: 1, rank: 1 },
        { id: 7, rank: 2 },
        { id: 1, rank: 2 },
        { id: 2, rank: 0 },
        { id: 3, rank: 1.5 },
        { id: 1, rank: 3 },
        { id: 7, rank: 3 },
      ],
    ),
  ).toEqual([
    "Idea 7 is not on this round's shortlist.",
    'Idea 1 is ranked more than once.',
    'Idea 2 has rank 0: a rank must be a whole number of at least 1.',
    'Idea 3 has rank 1.5: a rank must be a whole number of at least 1.',
  ])
})
