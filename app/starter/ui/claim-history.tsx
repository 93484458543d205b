import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { personName } from '../../accounts/person'
import { formatDate } from '../../utils/format'
import { TIME_TAKEN_LABELS } from '../claim-feedback'
import type { EndedClaim } from '../claim.server'

import { FinishLinkTo } from './finish-link-to'

// "Earlier claims", for maintainers and the project's mentors only: how each ended and what its
// holder reported. Newcomers who stopped are not listed by name for everyone.

export function ClaimHistory({
  endedClaims,
  languageName,
  canRerate,
}: {
  endedClaims: SerializeFrom<EndedClaim>[]
  languageName: string
  /** A maintainer changes the stars herself; a mentor who is not one is told whom to ask. */
  canRerate: boolean
}) {
  if (endedClaims.length === 0) return null
  const outcomeLabels: Record<string, string> = {
    done: 'finished',
    abandoned: 'stopped',
    released: 'released',
  }
  return (
    <section aria-labelledby="claim-history-heading" className="mt-6">
      <h2 id="claim-history-heading" className="font-semibold">
        Earlier claims{' '}
        <span className="text-xs font-normal text-slate-500">
          (maintainers and this project’s mentors only)
        </span>
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {endedClaims.map((claim) => (
          // Its id: where a notice of a report far from the rating leads a mentor.
          <li key={claim.id} id={`claim-${claim.id}`} className="scroll-mt-4 target:bg-amber-50">
            {personName({ login: claim.login, isDemo: claim.is_demo })}
            {/* A demo name carries its own brackets ("Cam (demo contributor)"): no second pair. */}
            {claim.is_demo
              ? claim.reported_language_stars !== null
                ? ', a demo claim and report'
                : ', a demo claim'
              : ''}
            : {outcomeLabels[claim.outcome ?? ''] ?? claim.outcome}{' '}
            {claim.ended_at ? formatDate(claim.ended_at) : ''}
            {claim.outcome === 'released' && claim.ended_by_login
              ? ` by ${personName({ login: claim.ended_by_login, isDemo: claim.ended_by_demo })}`
              : ''}
            {claim.finishLink ? (
              <>
                {' '}
                with <FinishLinkTo link={claim.finishLink} />
              </>
            ) : claim.outcome === 'done' && claim.finish_link_asked ? (
              // Asked and given none: whoever reads it knows to ask her for it. Claims finished
              // before the question was asked say nothing (what she did is not known).
              <span className="text-slate-600">, no link given</span>
            ) : null}
            {claim.reported_language_stars !== null ? (
              <span className="text-slate-600">
                {' '}
                — reported {languageName} {claim.reported_language_stars}★ · domain{' '}
                {claim.reported_domain_stars}★ · took{' '}
                {/* As the report form offered it ("About a week"), never its stored code. */}
                {claim.reported_time_taken
                  ? TIME_TAKEN_LABELS[claim.reported_time_taken].toLowerCase()
                  : ''}
                {claim.reported_note ? `: “${claim.reported_note}”` : ''}
              </span>
            ) : (
              <span className="text-slate-500"> — no report yet</span>
            )}
          </li>
        ))}
      </ul>
      {canRerate ? null : (
        <p className="mt-2 text-xs text-slate-600">
          Only maintainers change the stars. If these reports say the rating is off, tell one of
          them: the{' '}
          <Link to="/digest" className="underline">
            call’s agenda
          </Link>{' '}
          lists the ratings that drift from what contributors report.
        </p>
      )}
    </section>
  )
}
