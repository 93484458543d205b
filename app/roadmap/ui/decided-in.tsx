import { Link } from '@remix-run/react'

import { nameStatesDate } from '~/roadmap/dates'
import { formatDate } from '~/utils/format'

/**
 * "on 23 Apr 2015 in March round", or only "in Call of 23 April 2015" when the round's name
 * already says the day: a decision's date and the round it was taken in, said once.
 */
export function DecidedIn({
  decidedAt,
  roundId,
  roundName,
  linkClassName = 'text-blue-700 underline',
}: {
  decidedAt: string
  roundId: number
  roundName: string
  linkClassName?: string
}) {
  const round = (
    <Link to={`/roadmap/rounds/${roundId}`} className={linkClassName}>
      {roundName}
    </Link>
  )
  if (nameStatesDate(roundName, decidedAt)) return <>in {round}</>
  return (
    <>
      on <time dateTime={decidedAt}>{formatDate(decidedAt)}</time> in {round}
    </>
  )
}
