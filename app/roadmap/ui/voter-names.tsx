import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'

import type { Voter } from '../voters'

// Who voted in a round, as every page lists them: demo people by their demo names, and their
// ballots marked as the demo actions they are.

/** "Dana (demo maintainer), hannesm." and, when demo people voted, a demo marker. */
export function VoterNames({ voters }: { voters: Voter[] }) {
  const demo = voters.filter((voter) => voter.isDemo).length
  return (
    <>
      {voters.map(personName).join(', ')}.
      {demo > 0 ? (
        <DemoBadge afterSentence>
          {demo === 1
            ? 'a demo vote: a demo action, not a MirageOS vote'
            : `${demo} demo votes: demo actions, not MirageOS votes`}
        </DemoBadge>
      ) : null}
    </>
  )
}
