import { Link } from '@remix-run/react'

import type { RoundPhase } from '~/roadmap/round-phase'
import { formatDate } from '~/utils/format'

// Why "Open a round" offers no form: a release target runs one round at a time. Said in the
// phase's words: a scheduled round is not "still open" and has nothing to close yet, so telling
// a maintainer to close it sent her to a page with no way to do so.

export function RoundInTheWay({
  round,
  opening = 'another',
}: {
  round: { id: number; name: string; opens_at: string; closes_at: string; phase: RoundPhase }
  /** The round one would open: "another" from the list, "this one" from a proposed round. */
  opening?: 'another' | 'this one'
}) {
  const name = (
    <Link to={`/roadmap/rounds/${round.id}`} className="text-blue-700 underline">
      {round.name}
    </Link>
  )
  const opens = <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>
  const closes = <time dateTime={round.closes_at}>{formatDate(round.closes_at)}</time>
  return (
    <p className="mt-1 text-sm text-slate-700">
      {round.phase === 'scheduled' ? (
        <>
          {name} is scheduled: voting opens on {opens}. A release target runs one round at a time:{' '}
          {opening} can be opened once it has been voted on and closed. Until it opens, you can move
          it from its page.
        </>
      ) : round.phase === 'ended' ? (
        <>
          Voting in {name} ended on {closes}; close it before opening {opening}.
        </>
      ) : (
        <>
          {name} is being voted on until {closes}; close it before opening {opening} (closing needs
          at least one ballot).
        </>
      )}
    </p>
  )
}
