import { sql, type Expression } from 'kysely'

import { isDemoAccount } from '../accounts/account.server'

// An idea deferred by a round comes back to ideation, and may be shortlisted again: the lists a
// shortlist is picked from and the shortlist itself say so, or the voters rank it afresh
// without knowing it was put off before.

/** The round that last decided an idea and deferred it; `isDemo`: a demo person decided it. */
export type Deferral = { roundId: number; round: string; isDemo: boolean }

/**
 * The round whose decision last decided the idea, when that decision deferred it; null when the
 * idea was never decided or its latest decision did something else. `exceptRound` leaves out a
 * round's own decision (a closed round's shortlist was not deferred "in" itself).
 */
export function deferredInRound(idea: Expression<number>, exceptRound?: Expression<number>) {
  // Aliases of their own: the refs passed in name the caller's tables (often `r`, `d`).
  return sql<Deferral | null>`(select case when deferred_o.outcome = 'deferred'
      then json_build_object('roundId', deferred_r.id, 'round', deferred_r.name,
        'isDemo', ${isDemoAccount(sql.ref('deferred_d.decided_by'))}) end
    from decision_outcome deferred_o
    join decision deferred_d on deferred_d.id = deferred_o.decision_id
    join round deferred_r on deferred_r.id = deferred_d.round_id
    where deferred_o.idea_id = ${idea}${exceptRound ? sql` and deferred_d.round_id <> ${exceptRound}` : sql``}
    order by deferred_d.decided_at desc, deferred_d.id desc
    limit 1)`
}
