import { Link } from '@remix-run/react'

import { Notice } from '../../components/notice'

// Before the first rating every domain's 1★ column is 0 and the gaps' cells are zeros: said once,
// plainly, instead of a "run dry" warning per domain that reads as a shortage. A maintainer gets
// the way to the first ratings; the supply page is public, and triage is hers only.

export const NOTHING_RATED = 'No starter project is rated yet: supply is counted from ratings.'

export function NothingRatedNotice({ canTriage }: { canTriage: boolean }) {
  return (
    <Notice tone="info">
      {NOTHING_RATED}
      {canTriage ? (
        <>
          {' '}
          <Link to="/starter/triage" className="font-medium text-blue-700 underline">
            Rate some in triage
          </Link>
          .
        </>
      ) : null}
    </Notice>
  )
}
