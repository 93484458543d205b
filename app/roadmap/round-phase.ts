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
