import { Link } from '@remix-run/react'

import { DemoBadge } from '~/components/demo-badge'
import type { RoundPhase } from '~/roadmap/round-phase'
import { countOf, formatDate } from '~/utils/format'

import { Card } from './card'
import { demoRoundNote } from './demo-decision'

// The round of a release target still open, on its roadmap: what the roadmap waits for (the
// first round's decision, or the next one's), when, and what anyone can do meanwhile.

export function RoundUnderWay({
  round,
  targetSlug,
}: {
  round: {
    id: number
    name: string
    opens_at: string
    closes_at: string
    shortlist_count: number
    phase: RoundPhase
    is_demo: boolean
    demo_opener: string | null
  }
  targetSlug: string
}) {
  const name = (
    <Link to={`/roadmap/rounds/${round.id}`} className="font-medium text-blue-700 underline">
      {round.name}
    </Link>
  )
  const ideas = countOf(round.shortlist_count, 'shortlisted idea')
  const opens = <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>
  const closes = <time dateTime={round.closes_at}>{formatDate(round.closes_at)}</time>
  return (
    <Card className="mt-3">
      <p className="text-sm text-slate-700">
        {round.phase === 'scheduled' ? (
          <>
            {name} opens for voting on {opens}: the maintainers will rank its {ideas} until {closes}
            , and the ones they agree on become efforts here.
          </>
        ) : round.phase === 'ended' ? (
          <>
            Voting in {name} ended on {closes}: once a maintainer closes it, the ideas agreed on
            become efforts here.
          </>
        ) : (
          <>
            {name} is being voted on: the maintainers rank its {ideas} until {closes}, and the ones
            they agree on become efforts here.
          </>
        )}
        {round.is_demo ? (
          <DemoBadge afterSentence>{demoRoundNote('open', round.demo_opener)}</DemoBadge>
        ) : null}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        Meanwhile, anyone signed in can propose, +1 and comment on the{' '}
        <Link to={`/roadmap/ideas?target=${targetSlug}`} className="text-blue-700 underline">
          ideas
        </Link>
        .
      </p>
    </Card>
  )
}
