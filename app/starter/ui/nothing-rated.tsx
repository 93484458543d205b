import { Link } from '@remix-run/react'

import { Notice } from '../../components/notice'
import { NOTHING_RATED } from '../supply'

// Before the first rating every domain's 1★ column is 0 and the gaps' cells are zeros: said once,
// plainly, instead of a "run dry" warning per domain that reads as a shortage. A maintainer gets
// the way to the first ratings; the supply page is public, and triage is hers only.

// Its words are the supply rule's (supply.ts), so the call's agenda says the same.
export { NOTHING_RATED }

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
