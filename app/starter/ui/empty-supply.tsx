import { Link } from '@remix-run/react'

import { cappedCountOf, capitalise } from '../../utils/format'

// What a board with no open starter project says instead of an empty list (a fresh install):
// why it is empty and what fills it, with the one click that does (the triage queue for a
// maintainer). `candidates` is getEmptySupplyCandidates' count.

export function EmptySupplyHint({
  candidates,
  canTriage,
}: {
  candidates: { count: number; isCapped: boolean; isMirrorEmpty?: boolean }
  canTriage: boolean
}) {
  if (candidates.isMirrorEmpty) {
    return (
      <>
        No starter projects yet: they are picked from the issues of the repositories the board
        mirrors, and it mirrors none yet.{' '}
        <Link to="/sync" className="font-medium text-blue-700 underline">
          See how the sync is going
        </Link>
        .
      </>
    )
  }
  const issues = cappedCountOf(candidates, 'open issue')
  if (canTriage) {
    return candidates.count > 0 ? (
      <>
        No starter projects yet. {capitalise(issues)} in the trackers{' '}
        {candidates.count === 1 ? 'looks' : 'look'} like starter material:{' '}
        <Link to="/starter/triage" className="font-medium text-blue-700 underline">
          triage them
        </Link>{' '}
        into rated starter projects, one at a time.
      </>
    ) : (
      <>
        No starter projects yet, and no recently active open issue in the trackers looks like
        starter material:{' '}
        <Link to="/starter/new" className="font-medium text-blue-700 underline">
          tag an issue by hand
        </Link>
        .
      </>
    )
  }
  return (
    <>
      No starter projects yet: the maintainers have not picked any from the trackers
      {candidates.count > 0
        ? ` (${issues} there ${candidates.count === 1 ? 'looks' : 'look'} like starter material)`
        : ''}
      . Meanwhile,{' '}
      <Link to="/issues" className="font-medium text-blue-700 underline">
        browse every open issue
      </Link>
      .
    </>
  )
}
