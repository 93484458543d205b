import { sql, type Transaction } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import { markRoundNoticesRead, notifyIdeaEvent } from '../notifications/notify.server'
import { refuse } from '../utils/refusal'

import { addMonths, roundNameForOpening } from './dates'
import {
  checkRationale,
  decideOutcomes,
  refuseUnlessClosable,
  type CloseRoundInput,
  type DecidedOutcome,
  type StoredTally,
} from './decision'
import {
  listRoundNames,
  listVoters,
  lockRound,
  replaceShortlist,
  type LockedRound,
} from './round.server'
import { tallySchulze } from './schulze'

// Closing a round: the Schulze tally of its ballots, the decision recorded for good (see
// decision.ts for what makes one valid), the ideas moved where it sends them, a superseded
// decision's efforts sent back to ideation, and the next round proposed. Also the decisions taken
// on community calls before the board existed.

/**
 * Closes a round: tallies the ballots (Schulze), records the decision (the agreed efforts, the
 * declined or deferred ideas with their reasons, who voted, the full tally), moves each idea to
 * where the decision sends it, and proposes the next round a month on.
 */
export async function closeRound(
  roundId: number,
  input: CloseRoundInput,
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
  const rationale = checkRationale(input.rationale)
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    refuseUnlessClosable(round, now)
    const shortlist = await trx
      .selectFrom('round_shortlist as s')
      .innerJoin('idea as i', 'i.id', 's.idea_id')
      .select(['i.id', 'i.title'])
      .where('s.round_id', '=', roundId)
      .orderBy('s.position')
      .execute()
    const rankRows = await trx
      .selectFrom('ballot_rank as r')
      .select(['r.account_id', 'r.idea_id', 'r.rank'])
      .where('r.round_id', '=', roundId)
      .execute()
    const voters = await listVoters(roundId, trx)
    if (voters.length === 0) refuse('Nobody has voted yet: a round closes on at least one ballot.')
    const ballots = new Map<number, Map<number, number>>()
    for (const row of rankRows) {
      const ballot = ballots.get(row.account_id) ?? new Map<number, number>()
      ballot.set(row.idea_id, row.rank)
      ballots.set(row.account_id, ballot)
    }
    const tally = tallySchulze(
      shortlist.map((idea) => idea.id),
      [...ballots.values()],
    )
    const outcomes = decideOutcomes(input, shortlist, tally.order)

    let superseded: { id: number; round_name: string } | null = null
    if (input.supersedesDecisionId != null) {
      const earlier = await trx
        .selectFrom('decision as d')
        .innerJoin('round as r', 'r.id', 'd.round_id')
        .select(['d.id', 'r.name as round_name', 'r.release_target_id'])
        .where('d.id', '=', input.supersedesDecisionId)
        .executeTakeFirst()
      if (!earlier || earlier.release_target_id !== round.release_target_id) {
        refuse('The decision to supersede must be an earlier one of this release target.')
      }
      const already = await trx
        .selectFrom('decision as d')
        .innerJoin('round as r', 'r.id', 'd.round_id')
        .select('r.name')
        .where('d.supersedes_id', '=', earlier.id)
        .executeTakeFirst()
      if (already)
        refuse(
          `The decision of “${earlier.round_name}” was already superseded by “${already.name}”.`,
        )
      superseded = earlier
    }

    await trx
      .updateTable('round')
      .set({ status: 'closed', closed_at: now })
      .where('id', '=', roundId)
      .execute()
    const stored: StoredTally = { ...tally, ballots: ballots.size }
    const decision = await trx
      .insertInto('decision')
      .values({
        round_id: roundId,
        decided_at: now,
        decided_by: actor.id,
        method: input.method,
        top_n: input.method === 'top-n' ? input.topN : null,
        rationale,
        voter_logins: voters.map((voter) => voter.login).sort(),
        tally: sql<string>`cast(${JSON.stringify(stored)}::text as jsonb)`,
        supersedes_id: superseded?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordOutcomes(trx, decision.id, outcomes, `${round.name}`, actor.id, now)
    await markRoundNoticesRead(trx, roundId)
    for (const outcome of outcomes) {
      await notifyIdeaEvent(
        trx,
        [outcome.ideaId],
        {
          kind: 'idea_decided',
          decisionId: decision.id,
          roundId,
          outcome: outcome.outcome,
          disposition: outcome.disposition,
          reason: outcome.reason,
        },
        actor.id,
      )
    }
    if (superseded) {
      const returning = await trx
        .selectFrom('decision_outcome as o')
        .innerJoin('idea as i', 'i.id', 'o.idea_id')
        .select('i.id')
        .where('o.decision_id', '=', superseded.id)
        .where('o.outcome', '=', 'agreed')
        .where('i.status', '=', 'agreed')
        .execute()
      for (const { id } of returning) {
        await trx.updateTable('idea').set({ status: 'open' }).where('id', '=', id).execute()
        await trx
          .insertInto('idea_event')
          .values({
            idea_id: id,
            actor_id: actor.id,
            kind: 'decided',
            detail: `Back in ideation: “${round.name}” superseded the decision of “${superseded.round_name}” that had agreed it.`,
            at: now,
          })
          .execute()
      }
    }
    const nextRoundId = await proposeNextRound(trx, round, actor, now)
    return { decisionId: decision.id, nextRoundId }
  })
}

const IDEA_STATUS_AFTER: Record<DecidedOutcome['disposition'], IdeaStatus> = {
  roadmap: 'agreed',
  ideation: 'open',
  archived: 'archived',
}

async function recordOutcomes(
  trx: Transaction<DB>,
  decisionId: number,
  outcomes: DecidedOutcome[],
  roundName: string,
  actorId: number | null,
  decidedAt: Date,
) {
  await trx
    .insertInto('decision_outcome')
    .values(
      outcomes.map((outcome, position) => ({
        decision_id: decisionId,
        idea_id: outcome.ideaId,
        outcome: outcome.outcome,
        disposition: outcome.disposition,
        reason: outcome.reason,
        position,
      })),
    )
    .execute()
  for (const outcome of outcomes) {
    await trx
      .updateTable('idea')
      .set({ status: IDEA_STATUS_AFTER[outcome.disposition] })
      .where('id', '=', outcome.ideaId)
      .execute()
    const what =
      outcome.outcome === 'agreed'
        ? 'Agreed as an effort on the roadmap'
        : `${outcome.outcome === 'declined' ? 'Declined' : 'Deferred'} (${outcome.disposition === 'archived' ? 'archived' : 'back to ideation'}): ${outcome.reason}`
    await trx
      .insertInto('idea_event')
      .values({
        idea_id: outcome.ideaId,
        actor_id: actorId,
        kind: 'decided',
        detail: `${what} — “${roundName}”.`,
        // The decision's own date: a call decided years ago and recorded today happened then.
        at: decidedAt,
      })
      .execute()
  }
}

/**
 * The monthly cadence: the next round opens a whole number of months after this one opened,
 * the first such date still ahead, unless a round is already proposed or open.
 */
async function proposeNextRound(
  trx: Transaction<DB>,
  round: LockedRound,
  actor: Person,
  now: Date,
) {
  const pending = await trx
    .selectFrom('round')
    .select('id')
    .where('release_target_id', '=', round.release_target_id)
    .where('status', 'in', ['proposed', 'open'])
    .where('id', '<>', round.id)
    .executeTakeFirst()
  if (pending) return null
  let months = 1
  let opensAt = addMonths(new Date(round.opens_at), months)
  while (opensAt <= now) opensAt = addMonths(new Date(round.opens_at), ++months)
  // A round opened early under this month's name (January's, opened in December): the next one
  // must not take it too, or the agenda, the roadmap and idea histories name two rounds alike.
  const name = roundNameForOpening(opensAt, await listRoundNames(trx, round.release_target_id))
  const row = await trx
    .insertInto('round')
    .values({
      release_target_id: round.release_target_id,
      name,
      status: 'proposed',
      opens_at: opensAt,
      closes_at: addMonths(opensAt, 1),
      dot_budget: round.dot_budget,
      created_by: actor.id,
      // Proposed by this close, at its time (the agenda lists it in the close's period).
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A decision taken on a community call, before the board existed: a closed round of kind
 * `call` with no ballots, no tally and no voters, only what the notes say was decided.
 */
export async function recordCallDecision(
  input: {
    releaseTargetId: number
    name: string
    decidedAt: Date
    sourceKey: string
    sourceUrl: string | null
    rationale: string
    outcomes: DecidedOutcome[]
  },
  db: Database = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const round = await trx
      .insertInto('round')
      .values({
        release_target_id: input.releaseTargetId,
        name: input.name,
        kind: 'call',
        status: 'closed',
        opens_at: input.decidedAt,
        closes_at: new Date(input.decidedAt.getTime() + 60 * 60_000),
        closed_at: input.decidedAt,
        source_key: input.sourceKey,
        source_url: input.sourceUrl,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const shortlist = input.outcomes.map((outcome) => outcome.ideaId)
    await replaceShortlist(trx, round.id, shortlist)
    const decision = await trx
      .insertInto('decision')
      .values({
        round_id: round.id,
        decided_at: input.decidedAt,
        decided_by: null,
        method: 'call',
        top_n: null,
        rationale: input.rationale,
        voter_logins: [],
        tally: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordOutcomes(trx, decision.id, input.outcomes, input.name, null, input.decidedAt)
    return { roundId: round.id, decisionId: decision.id }
  })
}

/** Earlier decisions of a release target that a new one could supersede. */
export async function listSupersedableDecisions(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('decision as d')
    .innerJoin('round as r', 'r.id', 'd.round_id')
    .select(['d.id', 'r.name as round_name', 'd.decided_at'])
    .where('r.release_target_id', '=', releaseTargetId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('decision as later')
            .select('later.id')
            .whereRef('later.supersedes_id', '=', 'd.id'),
        ),
      ),
    )
    .orderBy('d.decided_at', 'desc')
    .execute()
}
