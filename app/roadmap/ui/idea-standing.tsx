import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

import { DemoBadge } from '~/components/demo-badge'
import { roundPhase, type RoundPhase } from '~/roadmap/round-phase'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { DemoDecisionBadge, demoRoundNote } from '~/roadmap/ui/demo-decision'
import { formatDate } from '~/utils/format'

import type { IdeaStatus, OutcomeDisposition } from '../../../db/schema'

// Where an idea stands, in the words of its page: the page's notices and the lists that link to
// it (My work) say merged, decided and shortlisted the same way.

/**
 * What a decision made of an idea, as its page heads the decision's notice (idea-decision.tsx):
 * "On the roadmap: agreed", "Archived: declined", "Back in ideation: deferred" (or "no longer
 * agreed", when a later decision superseded its agreement). From the outcome
 * and where it sent the idea: a round may defer an idea and archive it all the same.
 */
export function decisionHeadline({
  outcome,
  disposition,
}: {
  outcome: string
  disposition: OutcomeDisposition
}) {
  if (outcome === 'agreed') return 'On the roadmap: agreed'
  if (outcome === 'superseded') return 'Back in ideation: no longer agreed'
  return `${disposition === 'archived' ? 'Archived' : 'Back in ideation'}: ${outcome}`
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
  outcome: string
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
 * round that deferred it back to ideation. `end` (a full stop) is put after it, kept on the line
 * of the last word or demo badge.
 */
export function IdeaStanding({
  idea,
  now,
  end = '',
}: {
  idea: Standing
  now: string
  end?: string
}) {
  if (idea.status === 'merged' && idea.merged_into_id !== null) {
    return (
      <>
        Merged into{' '}
        <Link to={`/roadmap/ideas/${idea.merged_into_id}`} className="text-blue-700 underline">
          idea {idea.merged_into_id}: {idea.merged_into_title}
        </Link>
        {end}
      </>
    )
  }
  if (idea.decision) {
    return (
      <>
        {decisionHeadline({
          outcome: idea.decision.outcome,
          // A decision that stands sent the idea where it is.
          disposition: idea.status === 'agreed' ? 'roadmap' : 'archived',
        })}{' '}
        <DecidedIn
          decidedAt={idea.decision.decided_at}
          roundId={idea.decision.round_id}
          roundName={idea.decision.round_name}
        />
        {idea.decision.reason ? ` (${idea.decision.reason})` : ''}
        <Ending badge={idea.decision.is_demo_decision ? <DemoDecisionBadge /> : null} end={end} />
      </>
    )
  }
  if (idea.status === 'agreed') return <>On the roadmap: agreed{end}</>
  if (idea.status === 'archived') return <>Archived{end}</>
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
        <Ending badge={idea.deferral.is_demo_decision ? <DemoDecisionBadge /> : null} end={end} />
      </>
    )
  }
  if (idea.shortlisted_in.length === 0) return <>In ideation{end}</>
  return (
    <>
      {idea.shortlisted_in.map((round, index) => (
        <span key={round.id}>
          {index > 0 ? '; ' : ''}Shortlisted for{' '}
          <Link to={`/roadmap/rounds/${round.id}`} className="text-blue-700 underline">
            {round.name}
          </Link>
          : {shortlistPhaseWords({ ...round, phase: roundPhase(round, new Date(now)) })}
          <Ending
            badge={
              round.is_demo ? (
                <DemoBadge>{demoRoundNote(round.status, round.demo_opener)}</DemoBadge>
              ) : null
            }
            end={index === idea.shortlisted_in.length - 1 ? end : ''}
          />
        </span>
      ))}
    </>
  )
}

/**
 * A line's last demo badge and what ends the line: a badge is a box, after which a line may end,
 * so a full stop on its own would be left at the start of the next line on a phone.
 */
function Ending({ badge, end }: { badge: ReactNode; end: string }) {
  if (!badge) return <>{end}</>
  if (!end) return <>{badge}</>
  return (
    <span className="whitespace-nowrap">
      {badge}
      {end}
    </span>
  )
}
