import { Link } from '@remix-run/react'

import { DOTS_PER_IDEA_MAX } from '~/roadmap/limits'

// How a round's votes count, in a sentence each, beside the ballot, the dots and the tally: a
// first-time maintainer meets "dots" and "Schulze" here, not only on the "how we plan" page. A
// round always counts its ranked ballots (Schulze); dots are its optional temperature check.

/** The ranked ballot: what is compared, and what decides. */
export function RankedVotesCount() {
  return (
    <p className="mt-1 text-sm text-slate-600" data-testid="how-ballots-count">
      How ballots count: the Schulze method compares every pair of shortlisted ideas; an idea beats
      another when more ballots rank it above that one, and the order follows those head-to-head
      wins (
      <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
        how we plan
      </Link>
      ).
    </p>
  )
}

/** The dot vote: what a dot is, how many each maintainer has, and how they are added up. */
export function DotsCount({ dotBudget }: { dotBudget: number }) {
  return (
    <p className="text-sm text-slate-600" data-testid="how-dots-count">
      A dot is one mark of interest: each maintainer has {dotBudget} dot{dotBudget === 1 ? '' : 's'}{' '}
      to spread over the shortlist, at most {DOTS_PER_IDEA_MAX} on one idea. An idea’s total is
      every maintainer’s dots on it added up, shown once the round closes. Dots never change the
      ranked result: only the ballots decide.
    </p>
  )
}
