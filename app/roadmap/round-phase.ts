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
