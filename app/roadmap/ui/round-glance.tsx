import { Link } from '@remix-run/react'

import { DemoBadge } from '~/components/demo-badge'
import { formatDate } from '~/utils/format'

import { nameStatesDate } from '../dates'

import { Card } from './card'
import { DemoDecisionBadge, demoRoundNote } from './demo-decision'

// At the top of the roadmap, what a reader asking "what did the last round decide, and when is
// the next one?" wants, without scrolling past every area to the history of rounds.

/** The round proposed to come next, when none is open. */
export function NextRoundProposed({
  round,
}: {
  round: { id: number; name: string; opens_at: string; is_demo: boolean }
}) {
  return (
    <Card className="mt-3">
      <p className="text-sm text-slate-700">
        <Link to={`/roadmap/rounds/${round.id}`} className="font-medium text-blue-700 underline">
          {round.name}
        </Link>{' '}
        is proposed to open on <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>:
        the maintainers pick its shortlist from the ideas, then rank it.
        {round.is_demo ? <DemoBadge afterSentence>{demoRoundNote('proposed')}</DemoBadge> : null}
      </p>
    </Card>
  )
}

/** The latest recorded decision, in one line, pointing at the full history below. */
export function LastDecision({
  decision,
}: {
  decision: {
    round_id: number
    name: string
    decided_at: string
    summary: string | null
    is_demo: boolean
  }
}) {
  return (
    <p className="mt-3 text-sm text-slate-700">
      Last decision:{' '}
      <Link to={`/roadmap/rounds/${decision.round_id}`} className="text-blue-700 underline">
        {decision.name}
      </Link>
      {/* "Call of 3 February 2016, 3 Feb 2016" said the day twice. */}
      {nameStatesDate(decision.name, decision.decided_at) ? null : (
        <>
          , <time dateTime={decision.decided_at}>{formatDate(decision.decided_at)}</time>
        </>
      )}
      {decision.summary ? `: ${decision.summary}` : ''}.
      {decision.is_demo ? <DemoDecisionBadge afterSentence /> : null}{' '}
      <a href="#history" className="text-blue-700 underline">
        Every round’s decision
      </a>
    </p>
  )
}
