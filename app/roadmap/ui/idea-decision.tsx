import { Link } from '@remix-run/react'

import { Notice } from '~/components/notice'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { DemoDecisionBadge } from '~/roadmap/ui/demo-decision'
import { decisionHeadline } from '~/roadmap/ui/idea-standing'

import type { Outcome, OutcomeDisposition } from '../../../db/schema'

// At the top of an idea's page, under its title: what the latest decision made of it, in which
// round of which target, when, and the reason recorded. Its author comes here from the notice
// "… is deferred …", a reader from a link: neither should have to find it in the History. What a
// decision says is what became of the idea, never how it ranked.

export type IdeaDecision = {
  /** 'superseded': a later decision superseded the one that had agreed it (`superseded`). */
  outcome: Outcome | 'superseded'
  disposition: OutcomeDisposition
  reason: string | null
  decided_at: string
  round_id: number
  round_name: string
  round_target_name: string
  is_demo_decision: boolean
  /** The round whose agreement this decision superseded. */
  superseded?: { round_id: number; round_name: string } | null
}

/**
 * What can happen to the idea now. Back in ideation, only an idea in ideation can be shortlisted
 * (round.server.ts, checkShortlist), so a later round may take it again, unless one already has;
 * an archived idea never returns to ideation, so no round takes it.
 */
export function whatComesNext(
  decision: Pick<IdeaDecision, 'outcome' | 'disposition' | 'round_target_name'>,
  shortlistedAgain: boolean,
) {
  if (decision.outcome === 'agreed') return null
  if (decision.disposition === 'archived') return 'An archived idea is not shortlisted again.'
  if (shortlistedAgain) return null
  return `Maintainers can shortlist it again in a later round of ${decision.round_target_name}. Until then it is in ideation like any other idea: +1s and comments are welcome.`
}

export function IdeaDecisionNotice({
  decision,
  ideaId,
  shortlistedAgain,
}: {
  decision: IdeaDecision
  ideaId: number
  shortlistedAgain: boolean
}) {
  const next = whatComesNext(decision, shortlistedAgain)
  // The round with its target in brackets, as roundWithTarget (round-title.ts) names one.
  return (
    <Notice tone="info" as="div">
      <p>
        <strong>{decisionHeadline(decision)}</strong>{' '}
        <DecidedIn
          decidedAt={decision.decided_at}
          roundId={decision.round_id}
          roundName={decision.round_name}
          linkClassName="underline"
        />{' '}
        ({decision.round_target_name})
        {decision.superseded ? (
          <>
            , which superseded the decision of{' '}
            <Link to={`/roadmap/rounds/${decision.superseded.round_id}`} className="underline">
              {decision.superseded.round_name}
            </Link>{' '}
            that had agreed it
          </>
        ) : null}
        {decision.is_demo_decision ? <DemoDecisionBadge /> : null}.
        {decision.outcome === 'agreed' ? (
          <>
            {' '}
            <Link to={`/roadmap/efforts/${ideaId}`} className="font-semibold underline">
              Its status, owners and progress
            </Link>
            .
          </>
        ) : null}
      </p>
      {decision.reason ? (
        // The reason as recorded, in a line of its own: a long one is hard to read in brackets.
        <p className="mt-1 break-words">
          {/* A superseding decision's reason is its rationale, for all it decided. */}
          {decision.superseded ? 'Its rationale:' : 'Reason recorded:'} {decision.reason}
        </p>
      ) : null}
      {next ? <p className="mt-1">{next}</p> : null}
    </Notice>
  )
}
