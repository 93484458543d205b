import type { Deferral } from '../deferred-in.server'

import { DemoDecisionBadge } from './demo-decision'

// Beside a shortlisted (or shortlistable) idea that a round's decision last deferred: it comes
// back with that history, not as if new (from deferredInRound, deferred-in.server.ts).

export function DeferredIn({ deferral }: { deferral: Deferral | null }) {
  if (deferral === null) return null
  return (
    <>
      <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
        deferred in {deferral.round}
      </span>
      {deferral.isDemo ? <DemoDecisionBadge /> : null}
    </>
  )
}
