// Where a round stands at a given moment, from its stored status and dates alone: pure, so the
// ballot and decision rules, the API and the pages all read the phase the same way.

/** Where a round stands at `now`; only `voting` takes ballots and dot votes. */
export type RoundPhase = 'proposed' | 'scheduled' | 'voting' | 'ended' | 'closed'

export function roundPhase(
  round: { status: string; opens_at: Date | string; closes_at: Date | string },
  now: Date,
): RoundPhase {
  if (round.status === 'closed') return 'closed'
  if (round.status === 'proposed') return 'proposed'
  if (now < new Date(round.opens_at)) return 'scheduled'
  if (now >= new Date(round.closes_at)) return 'ended'
  return 'voting'
}

/**
 * The round being decided now, as the home page and the roadmap show it, or null: a target has at
 * most one open round at a time, and until it closes it is what comes next.
 */
export function roundUnderWay<
  Round extends {
    id: number
    name: string
    status: string
    opens_at: Date | string
    closes_at: Date | string
    shortlist_count: number | string | bigint | null
    is_demo: boolean
    demo_opener: string | null
  },
>(rounds: readonly Round[], now: Date) {
  const open = rounds.find((round) => round.status === 'open')
  if (!open) return null
  return {
    id: open.id,
    name: open.name,
    opens_at: open.opens_at,
    closes_at: open.closes_at,
    shortlist_count: Number(open.shortlist_count ?? 0),
    phase: roundPhase(open, now),
    is_demo: open.is_demo,
    demo_opener: open.demo_opener,
  }
}

/**
 * The round proposed to come next when none is open (closing a round proposes the next a month
 * on): the roadmap says when it is due, so a reader asking "when is the next one?" need not find
 * the rounds page. The earliest, should there be several.
 */
export function roundProposedNext<
  Round extends {
    id: number
    name: string
    status: string
    opens_at: Date | string
    is_demo: boolean
  },
>(rounds: readonly Round[]) {
  if (rounds.some((round) => round.status === 'open')) return null
  const proposed = rounds
    .filter((round) => round.status === 'proposed')
    .sort((a, b) => new Date(a.opens_at).getTime() - new Date(b.opens_at).getTime())[0]
  if (!proposed) return null
  return {
    id: proposed.id,
    name: proposed.name,
    opens_at: proposed.opens_at,
    is_demo: proposed.is_demo,
  }
}
