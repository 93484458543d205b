import { Link } from '@remix-run/react'

import { countOf } from '../../utils/format'
import {
  NO_ONE_STAR_LEFT_IN,
  WAITING_FOR_RATING_IN,
  waitingForRatingList,
  type WaitingDomain,
} from '../supply'
import { triageHref } from '../triage-progress'

// The home page's one line on the starter supply: how many projects are open and unclaimed, how
// many of them 1★ on an axis (each count with its noun: "8 projects", never a bare "8" beside
// the issue count), the domains run dry, those with nothing easy only for want of a rating
// (`buildSupplyMatrix`: not dry, so never named as such), and how many were rated by demo people (demo
// actions, docs/decisions/012). The demo count is of the open ones, not of the 1★ ones: the
// sentence names which.

export function SupplyLine({
  unclaimed,
  oneStar,
  dryDomains,
  waitingForRating,
  demoRated,
  canTriage = false,
}: {
  unclaimed: number
  oneStar: number
  dryDomains: string[]
  waitingForRating: WaitingDomain[]
  demoRated: number
  /** A maintainer's line: "waiting for a rating" opens the narrowed triage queue, not the supply page. */
  canTriage?: boolean
}) {
  return (
    <>
      {countOf(unclaimed, 'project')} open and unclaimed, of which {countOf(oneStar, 'project')}{' '}
      {oneStar === 1 ? 'is' : 'are'} rated 1★ (the easiest) on at least one axis
      {dryDomains.length > 0 ? (
        <>
          ;{' '}
          <Link to="/starter/supply" className="underline">
            {NO_ONE_STAR_LEFT_IN} {dryDomains.join(', ')}
          </Link>
        </>
      ) : null}
      {waitingForRating.length > 0 ? (
        <>
          ;{' '}
          {/* A maintainer goes where the rating is done: triage, narrowed to the first domain. */}
          <Link
            to={canTriage ? triageHref(waitingForRating[0]!.domain) : '/starter/supply'}
            className="underline"
          >
            {WAITING_FOR_RATING_IN} {waitingForRatingList(waitingForRating)}
          </Link>
        </>
      ) : null}
      .{demoRated > 0 ? ` ${demoRatedNote(demoRated, unclaimed)}` : ''}
    </>
  )
}

/** "26 of the 34 were rated by demo people: demo actions.", or all of them, said as such. */
function demoRatedNote(demoRated: number, unclaimed: number) {
  if (demoRated >= unclaimed) {
    if (unclaimed === 1) return 'It was rated by a demo person: a demo action.'
    return `${unclaimed === 2 ? 'Both' : `All ${unclaimed}`} were rated by demo people: demo actions.`
  }
  return demoRated === 1
    ? `1 of the ${unclaimed} was rated by a demo person: a demo action.`
    : `${demoRated} of the ${unclaimed} were rated by demo people: demo actions.`
}
