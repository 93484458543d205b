/**
 * Closing a prioritisation round: the Schulze method over maintainers' ranked ballots. Users
 * are shown the explanation below: keep it in plain words.
 *
 * How a round is counted
 * ----------------------
 * Each maintainer ranks the shortlisted ideas: 1 is their favourite, several ideas may share a
 * rank (they like them equally), and ideas they leave out count as tied for last place.
 *
 * 1. For every two ideas A and B we count how many maintainers put A strictly above B.
 * 2. A beats B directly when more maintainers prefer A to B than B to A; the strength of that
 *    win is the number of maintainers preferring A.
 * 3. A chain of direct wins (A beats C, C beats B) is as strong as its weakest link; the
 *    strength of A over B is that of the strongest chain from A to B.
 * 4. A beats B when A's strength over B is greater than B's over A. This never goes round in
 *    circles: if A beats B and B beats C, then A beats C.
 * 5. An idea's rank is 1 plus the number of ideas that beat it. The ideas of rank 1 (beaten by
 *    none) are the Schulze winners.
 *
 * Breaking ties
 * -------------
 * The full order lists the ideas by rank, best first. Ideas that share a rank are tied: none of
 * them beats another. They are placed by, in turn:
 * - the number of ideas each beats (more first);
 * - its total support: over all other ideas, how many times a maintainer put it strictly above
 *   one (more first);
 * - its idea number (earlier idea first).
 * The last rule always decides, so the order is complete and the same every time it is
 * computed: it depends on neither the order in which ballots were cast nor the order in which
 * the ideas are listed.
 */

/**
 * One maintainer's ranking: idea id -> rank, 1 for the most preferred; equal ranks are ties.
 * Only the order of ranks matters. Ideas absent from a ballot are tied for last place.
 */
export type Ballot = ReadonlyMap<number, number> | Readonly<Record<number, number>>

/** What separated an idea from the one placed directly above it. */
export type PlacedBy =
  /** The Schulze ranking itself: the idea has a worse rank. */
  | 'schulze'
  /** Same rank; the tie-break rules, in the order the file's comment gives them. */
  | 'wins'
  | 'support'
  | 'id'

export type RankedCandidate = {
  id: number
  /** Place in the full order, from 1; unique. */
  position: number
  /** 1 + the number of candidates that beat this one; shared by tied candidates. */
  rank: number
  /** Candidates this one beats (strongest paths). */
  wins: number
  /** Sum of its row of the pairwise matrix. */
  support: number
  /** Null for the first candidate. */
  placedBy: PlacedBy | null
}

/** Candidates sharing a rank, in the order the tie-break gave them. */
export type TieBreak = {
  rank: number
  ids: number[]
  /** `decidedBy[k]` is the rule that put `ids[k]` above `ids[k + 1]`. */
  decidedBy: Exclude<PlacedBy, 'schulze'>[]
}

export type SchulzeResult = {
  /** The candidates sorted by id: the row and column order of both matrices. */
  candidates: number[]
  /** `pairwise[i][j]`: voters who put candidate i strictly above candidate j. */
  pairwise: number[][]
  /** `strongest[i][j]`: strength of the strongest path from i to j (0 on the diagonal). */
  strongest: number[][]
  /** Every candidate, best first, after the tie-break. */
  order: RankedCandidate[]
  /** The Schulze winners (rank 1) before the tie-break, in the order the tie-break gave them. */
  winners: number[]
  /** Every shared rank, best first; empty when the Schulze ranking alone was complete. */
  tieBreaks: TieBreak[]
}

function rankOf(ballot: Ballot, id: number): number | undefined {
  if (ballot instanceof Map) return ballot.get(id)
  const record = ballot as Readonly<Record<number, number>>
  return Object.hasOwn(record, id) ? record[id] : undefined
}

/** Counts, for every ordered pair of candidates, the voters who put the first strictly above. */
function countPairwise(candidates: readonly number[], ballots: readonly Ballot[]) {
  const size = candidates.length
  const pairwise = candidates.map(() => new Array<number>(size).fill(0))
  const ranks = new Array<number>(size)
  for (const ballot of ballots) {
    for (let i = 0; i < size; i++) {
      const rank = rankOf(ballot, candidates[i]!)
      if (rank !== undefined && !Number.isFinite(rank)) {
        throw new Error(`A ballot ranks idea ${candidates[i]} ${rank}: ranks must be numbers`)
      }
      // Unranked ideas share the last place, below every ranked one.
      ranks[i] = rank ?? Number.POSITIVE_INFINITY
    }
    for (let i = 0; i < size; i++) {
      const row = pairwise[i]!
      const rank = ranks[i]!
      for (let j = 0; j < size; j++) if (rank < ranks[j]!) row[j]! += 1
    }
  }
  return pairwise
}

/** Widest paths (Floyd-Warshall) over the direct wins, strength measured in winning votes. */
function strongestPaths(pairwise: readonly number[][]) {
  const size = pairwise.length
  const strongest = pairwise.map((row, i) =>
    row.map((votes, j) => (i !== j && votes > pairwise[j]![i]! ? votes : 0)),
  )
  for (let k = 0; k < size; k++) {
    const throughK = strongest[k]!
    for (let i = 0; i < size; i++) {
      if (i === k) continue
      const row = strongest[i]!
      const toK = row[k]!
      if (toK === 0) continue
      for (let j = 0; j < size; j++) {
        if (j === i || j === k) continue
        const viaK = Math.min(toK, throughK[j]!)
        if (viaK > row[j]!) row[j] = viaK
      }
    }
  }
  return strongest
}

/**
 * Tallies a round with the Schulze method and breaks its ties as the file's comment explains.
 * Ballot entries for ideas outside `candidates` are ignored: an idea withdrawn from the
 * shortlist after voting began leaves the other preferences on those ballots intact.
 */
export function tallySchulze(
  candidates: readonly number[],
  ballots: readonly Ballot[],
): SchulzeResult {
  const ids = [...candidates].sort((a, b) => a - b)
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] === ids[i - 1]) {
      throw new Error(`Idea ${ids[i]} is listed twice among the candidates`)
    }
  }
  const size = ids.length
  const pairwise = countPairwise(ids, ballots)
  const strongest = strongestPaths(pairwise)

  const beats = (i: number, j: number) => strongest[i]![j]! > strongest[j]![i]!
  const stats = ids.map((id, i) => {
    let wins = 0
    let losses = 0
    let support = 0
    for (let j = 0; j < size; j++) {
      if (beats(i, j)) wins += 1
      if (beats(j, i)) losses += 1
      support += pairwise[i]![j]!
    }
    return { id, rank: losses + 1, wins, support }
  })
  // If A beats B, everything beating A also beats B, so A's rank is strictly better: sorting by
  // rank first keeps every Schulze win, and the tie-break only orders candidates sharing a rank.
  stats.sort((a, b) => a.rank - b.rank || b.wins - a.wins || b.support - a.support || a.id - b.id)

  const order: RankedCandidate[] = stats.map((candidate, index) => {
    const above = stats[index - 1]
    let placedBy: PlacedBy | null = null
    if (above) {
      if (above.rank !== candidate.rank) placedBy = 'schulze'
      else if (above.wins !== candidate.wins) placedBy = 'wins'
      else if (above.support !== candidate.support) placedBy = 'support'
      else placedBy = 'id'
    }
    const { id, rank, wins, support } = candidate
    return { id, position: index + 1, rank, wins, support, placedBy }
  })

  const tieBreaks: TieBreak[] = []
  for (const candidate of order) {
    if (candidate.placedBy === null || candidate.placedBy === 'schulze') {
      tieBreaks.push({ rank: candidate.rank, ids: [candidate.id], decidedBy: [] })
    } else {
      const current = tieBreaks.at(-1)!
      current.ids.push(candidate.id)
      current.decidedBy.push(candidate.placedBy)
    }
  }

  return {
    candidates: ids,
    pairwise,
    strongest,
    order,
    winners: order.filter((candidate) => candidate.rank === 1).map((candidate) => candidate.id),
    tieBreaks: tieBreaks.filter((group) => group.ids.length > 1),
  }
}

/**
 * Checks a ranking a maintainer submits for a round. Returns one sentence per problem, in the
 * order of the ranking; an empty list means the ranking is valid. Leaving ideas out is allowed
 * (they count as tied last), and so are shared ranks and gaps between ranks.
 */
export function validateBallot(
  shortlist: readonly number[],
  ranking: readonly { id: number; rank: number }[],
): string[] {
  const onShortlist = new Set(shortlist)
  const seen = new Set<number>()
  // A set: an idea listed three times, or an unknown idea listed twice, is one problem.
  const problems = new Set<string>()
  for (const { id, rank } of ranking) {
    if (!onShortlist.has(id)) problems.add(`Idea ${id} is not on this round's shortlist.`)
    else if (seen.has(id)) problems.add(`Idea ${id} is ranked more than once.`)
    seen.add(id)
    if (!Number.isSafeInteger(rank) || rank < 1) {
      problems.add(`Idea ${id} has rank ${rank}: a rank must be a whole number of at least 1.`)
    }
  }
  return [...problems]
}
