import { Link } from '@remix-run/react'

import type { RoundPhase } from '~/roadmap/round-phase'
import { formatDate } from '~/utils/format'

/**
 * Under a closed ballot round's decision: where its outcome went and the round that closing
 * proposed. "The agreed efforts are on the roadmap" only when it agreed some: a round that
 * agreed nothing changed nothing there.
 */
export function RoundNextSteps({
  targetSlug,
  hasAgreed,
  next,
}: {
  targetSlug: string
  hasAgreed: boolean
  next: {
    id: number
    name: string
    phase: RoundPhase
    opensAt: string
    closesAt: string
  } | null
}) {
  const roadmap = (
    <Link to={`/roadmap?target=${targetSlug}`} className="text-blue-700 underline">
      the roadmap
    </Link>
  )
  return (
    <p className="mt-4 text-sm text-slate-700">
      {hasAgreed ? (
        <>The agreed efforts are on {roadmap}.</>
      ) : (
        <>This round added nothing to {roadmap}.</>
      )}{' '}
      {next ? (
        <>
          Next:{' '}
          <Link to={`/roadmap/rounds/${next.id}`} className="text-blue-700 underline">
            {next.name}
          </Link>
          {nextWords(next)}
        </>
      ) : null}
    </p>
  )
}

/**
 * Where the next round stands, by its phase: an opened round whose day is still to come is
 * scheduled, not "open now" (its page takes no ballot yet).
 */
function nextWords(next: { phase: RoundPhase; opensAt: string; closesAt: string }) {
  switch (next.phase) {
    case 'proposed':
      return `, proposed to open on ${formatDate(next.opensAt)}: a maintainer opens it with a shortlist.`
    case 'scheduled':
      return `, scheduled: voting opens on ${formatDate(next.opensAt)}.`
    case 'voting':
      return `, open for voting until ${formatDate(next.closesAt)}.`
    case 'ended':
    case 'closed':
      return `, voting ended on ${formatDate(next.closesAt)}: it awaits closing.`
  }
}
