import { Link } from '@remix-run/react'

import { formatDate } from '~/utils/format'

import type { RoundPhase } from '../round-phase'

// What a ballot round's page is, said first to someone who arrives on it from a link: what the
// maintainers do here, until when, and what the reader can do, as her role allows. Only what the
// round records (its phase and dates); its status line above keeps the exact dates.

export type RoundViewer = 'reader' | 'contributor' | 'maintainer'

/**
 * When voting closes or closed: a closed round's voting ended when it closed, or on its planned
 * day if it was closed after that (no ballot is taken once voting ends).
 */
function votingEnd(round: { closes_at: string; closed_at: string | null }) {
  const planned = new Date(round.closes_at)
  if (!round.closed_at) return planned
  const closed = new Date(round.closed_at)
  return closed < planned ? closed : planned
}

/** What the round is and when its voting runs, in the tense of its phase. */
export function roundIntroText(
  phase: RoundPhase,
  round: { opens_at: string; closes_at: string; closed_at: string | null },
) {
  const what =
    'Maintainers vote here on the shortlisted ideas, each ranking them in a secret ballot.'
  const decision = 'with a recorded decision: the ideas it agrees become efforts on the roadmap.'
  const after = `The round then closes ${decision}`
  switch (phase) {
    case 'proposed':
      return `A maintainer has yet to open this round with a shortlist of ideas. ${what} ${after}`
    case 'scheduled':
      return `${what} Voting starts on ${formatDate(round.opens_at)} and closes on ${formatDate(round.closes_at)}. ${after}`
    case 'voting':
      return `${what} Voting closes on ${formatDate(round.closes_at)}. ${after}`
    case 'ended':
      return `${what} Voting closed on ${formatDate(round.closes_at)}. A maintainer now closes the round ${decision}`
    case 'closed':
      return `Maintainers voted here on the shortlisted ideas, each ranking them in a secret ballot. Voting closed on ${formatDate(votingEnd(round))}, and the decision below records what the round agreed.`
  }
}

export function RoundIntro({
  phase,
  round,
  viewer,
  canVote,
  returnTo,
}: {
  phase: RoundPhase
  round: { opens_at: string; closes_at: string; closed_at: string | null }
  viewer: RoundViewer
  /** A maintainer while voting is open: her ballot is on the page. */
  canVote: boolean
  returnTo: string
}) {
  const isDecided = phase === 'closed'
  return (
    <div className="mt-3 max-w-3xl space-y-1 rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">
      <p>{roundIntroText(phase, round)}</p>
      <p>
        {isDecided ? (
          'You can read the decision and the full count, and open any idea to see where it stands now.'
        ) : phase === 'proposed' ? (
          'Until then there is nothing to vote on here.'
        ) : canVote ? (
          'Your ballot is below; nobody sees how you ranked.'
        ) : viewer === 'reader' ? (
          <>
            You can read the shortlist and open any idea on it.{' '}
            <Link
              to={`/login?returnTo=${encodeURIComponent(returnTo)}`}
              className="text-blue-700 underline"
            >
              Sign in
            </Link>{' '}
            to follow an idea from its page: its decision then comes to your Inbox.
          </>
        ) : (
          <>
            {viewer === 'contributor' ? 'Only maintainers vote. ' : null}You can read the shortlist,
            open any idea on it and follow it from its page: its decision then comes to your Inbox.
          </>
        )}
      </p>
    </div>
  )
}
