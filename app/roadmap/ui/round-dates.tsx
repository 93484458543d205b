import type { RoundPhase } from '~/roadmap/round-phase'
import { formatDate } from '~/utils/format'

/**
 * A ballot round's dates in the tense of its phase: a closed round says when it opened and
 * closed, and the date it was planned to close only when it closed on another day (a closed
 * round's "opens …, closes 5 Jan" read as if it were still to come).
 */
export function RoundDates({
  phase,
  round,
}: {
  phase: RoundPhase
  round: { opens_at: string; closes_at: string; closed_at: string | null }
}) {
  const opens = <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>
  const closes = <time dateTime={round.closes_at}>{formatDate(round.closes_at)}</time>
  switch (phase) {
    case 'proposed':
    case 'scheduled':
      return (
        <>
          opens {opens}, closes {closes}
        </>
      )
    case 'voting':
      return (
        <>
          opened {opens}, closes {closes}
        </>
      )
    case 'ended':
      return (
        <>
          opened {opens}, voting ended {closes}
        </>
      )
    case 'closed': {
      const closedAt = round.closed_at ?? round.closes_at
      const isEarly = formatDate(closedAt) !== formatDate(round.closes_at)
      return (
        <>
          opened {opens}, closed <time dateTime={closedAt}>{formatDate(closedAt)}</time>
          {isEarly ? <> (planned to close {closes})</> : null}
        </>
      )
    }
  }
}
