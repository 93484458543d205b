import { Link } from '@remix-run/react'

import { DemoBadge } from '~/components/demo-badge'
import { roundPhase, type RoundPhase } from '~/roadmap/round-phase'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { DemoDecisionBadge, demoRoundNote } from '~/roadmap/ui/demo-decision'
import { formatDate } from '~/utils/format'

import type { IdeaStatus } from '../../../db/schema'

// Where an idea stands, in the words of its page: the page's notices and the lists that link to
// it (My work) say merged, decided and shortlisted the same way.

/** What a decision made of an idea, as its page heads the decision's notice. */
export function decisionWords(status: IdeaStatus) {
  return status === 'agreed' ? 'On the roadmap: agreed' : 'Archived: declined'
}

/** Where the round this idea is shortlisted for stands, in the words of the rounds' pages. */
export function shortlistPhaseWords(round: {
  phase: RoundPhase
  opens_at: string
  closes_at: string
}) {
  switch (round.phase) {
    case 'proposed':
      return 'the round is proposed, not open yet'
    case 'scheduled':
      return `voting opens on ${formatDate(round.opens_at)}`
    case 'voting':
      return `voting is open until ${formatDate(round.closes_at)}`
    case 'ended':
    case 'closed':
      return 'voting has ended; the round awaits closing'
  }
}

type StandingDecision = {
  reason: string | null
  decided_at: string
  round_id: number
  round_name: string
  is_demo_decision: boolean
}

type Standing = {
  status: IdeaStatus
  merged_into_id: number | null
  merged_into_title: string | null
  decision: StandingDecision | null
  /** The latest decision, when it deferred the idea back to ideation. */
  deferral?: StandingDecision | null
  shortlisted_in: {
    id: number
    name: string
    status: string
    opens_at: string
    closes_at: string
    is_demo: boolean
    demo_opener: string | null
  }[]
}

/**
 * One line for a list: merged into which idea, the decision that stands, the shortlist, or the
 * round that deferred it back to ideation.
 */
export function IdeaStanding({ idea, now }: { idea: Standing; now: string }) {
  if (idea.status === 'merged' && idea.merged_into_id !== null) {
    return (
      <>
        Merged into{' '}
        <Link to={`/roadmap/ideas/${idea.merged_into_id}`} className="text-blue-700 underline">
          idea {idea.merged_into_id}: {idea.merged_into_title}
        </Link>
      </>
    )
  }
  if (idea.decision) {
    return (
      <>
        {decisionWords(idea.status)}{' '}
        <DecidedIn
          decidedAt={idea.decision.decided_at}
          roundId={idea.decision.round_id}
          roundName={idea.decision.round_name}
        />
        {idea.decision.reason ? ` (${idea.decision.reason})` : ''}
        {idea.decision.is_demo_decision ? <DemoDecisionBadge /> : null}
      </>
    )
  }
  if (idea.status === 'agreed') return <>On the roadmap: agreed</>
  if (idea.status === 'archived') return <>Archived</>
  if (idea.shortlisted_in.length === 0 && idea.deferral) {
    return (
      <>
        Back in ideation: deferred{' '}
        <DecidedIn
          decidedAt={idea.deferral.decided_at}
          roundId={idea.deferral.round_id}
          roundName={idea.deferral.round_name}
        />
        {idea.deferral.reason ? ` (${idea.deferral.reason})` : ''}
        {idea.deferral.is_demo_decision ? <DemoDecisionBadge /> : null}
      </>
    )
  }
  if (idea.shortlisted_in.length === 0) return <>In ideation</>
  return (
    <>
      {idea.shortlisted_in.map((round, index) => (
        <span key={round.id}>
          {index > 0 ? '; ' : ''}Shortlisted for{' '}
          <Link to={`/roadmap/rounds/${round.id}`} className="text-blue-700 underline">
            {round.name}
          </Link>
          : {shortlistPhaseWords({ ...round, phase: roundPhase(round, new Date(now)) })}
          {round.is_demo ? (
            <DemoBadge>{demoRoundNote(round.status, round.demo_opener)}</DemoBadge>
          ) : null}
        </span>
      ))}
    </>
  )
}
