import { Link } from '@remix-run/react'

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
  next: { id: number; name: string; status: string; opensAt: string } | null
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
          {next.status === 'open'
            ? ', open now.'
            : `, proposed to open on ${formatDate(next.opensAt)}: a maintainer opens it with a shortlist.`}
        </>
      ) : null}
    </p>
  )
}
