import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { isDemoAccount, type Role } from '../accounts/account.server'
import type { Person } from '../accounts/person'
import { formatDate } from '../utils/format'
import { refuse } from '../utils/refusal'

import { DOTS_PER_IDEA_MAX } from './limits'
import { roundPhase, type RoundPhase } from './round-phase'
import { lockRound, type LockedRound } from './round.server'
import { validateBallot } from './schulze'

// Voting in a round: maintainers' secret ranked ballots, and the optional dot votes (a
// temperature check kept apart from the tally). Only while the round is in its voting window.

type Voter = Person & { role: Role }

function refuseUnlessVoting(round: LockedRound, now: Date) {
  if (round.kind === 'call') refuse('This round was decided on a call; it takes no ballots.')
  const phase = roundPhase(round, now)
  if (phase === 'voting') return
  const reasons: Record<Exclude<RoundPhase, 'voting'>, () => string> = {
    proposed: () =>
      'This round is only proposed: a maintainer has to open it with a shortlist before anyone can vote.',
    closed: () =>
      `This round closed on ${formatDate(round.closed_at!)}; its votes can no longer change.`,
    scheduled: () => `Voting has not started: this round opens on ${formatDate(round.opens_at)}.`,
    ended: () =>
      `Voting ended on ${formatDate(round.closes_at)}, the round's closing date; it only remains to close the round.`,
  }
  refuse(reasons[phase]())
}

/**
 * Runs a maintainer's vote (ballot or dots) in one transaction with the round locked, refused
 * unless the voter is a maintainer and the round is in its voting window.
 */
async function inVotingRound<T>(
  roundId: number,
  voter: Voter,
  now: Date,
  db: Database,
  vote: (trx: Database, round: LockedRound) => Promise<T>,
) {
  if (voter.role !== 'maintainer') refuse('Only maintainers vote in prioritisation rounds.')
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    refuseUnlessVoting(round, now)
    return vote(trx, round)
  })
}

async function shortlistIds(trx: Database, roundId: number) {
  const rows = await trx
    .selectFrom('round_shortlist')
    .select('idea_id')
    .where('round_id', '=', roundId)
    .orderBy('position')
    .execute()
  return rows.map((row) => row.idea_id)
}

export type RankedIdea = { id: number; rank: number }

/**
 * A maintainer casts (or replaces) their secret ranked ballot: rank 1 is their first choice,
 * equal ranks are ties, ideas left out count as tied last. Only while the round is open.
 */
export async function castBallot(
  roundId: number,
  voter: Voter,
  ranking: RankedIdea[],
  now = new Date(),
  db: Database = getDb(),
) {
  return inVotingRound(roundId, voter, now, db, async (trx) => {
    const problems = validateBallot(await shortlistIds(trx, roundId), ranking)
    if (problems.length > 0) refuse(problems.join(' '))
    if (ranking.length === 0) {
      refuse('Rank at least one idea (the ones you leave out count as tied last).')
    }
    await trx
      .insertInto('ballot')
      .values({ round_id: roundId, account_id: voter.id })
      .onConflict((oc) =>
        oc.columns(['round_id', 'account_id']).doUpdateSet({ updated_at: sql<Date>`now()` }),
      )
      .execute()
    await trx
      .deleteFrom('ballot_rank')
      .where('round_id', '=', roundId)
      .where('account_id', '=', voter.id)
      .execute()
    await trx
      .insertInto('ballot_rank')
      .values(
        ranking.map(({ id, rank }) => ({
          round_id: roundId,
          account_id: voter.id,
          idea_id: id,
          rank,
        })),
      )
      .execute()
  })
}

/** The voter's own ballot (idea id -> rank), to fill their form again; never anyone else's. */
export async function getOwnBallot(roundId: number, accountId: number, db: Database = getDb()) {
  const ballot = await db
    .selectFrom('ballot')
    .select(['cast_at', 'updated_at'])
    .where('round_id', '=', roundId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (!ballot) return null
  const ranks = await db
    .selectFrom('ballot_rank')
    .select(['idea_id', 'rank'])
    .where('round_id', '=', roundId)
    .where('account_id', '=', accountId)
    .execute()
  return {
    castAt: ballot.cast_at,
    updatedAt: ballot.updated_at,
    ranks: Object.fromEntries(ranks.map((row) => [row.idea_id, row.rank])) as Record<
      number,
      number
    >,
  }
}

export type DotAllocation = { id: number; dots: number }

/**
 * The optional temperature check: a maintainer spreads a small budget of dots (at most two per
 * idea) over the shortlist. Kept apart from ballots; it never enters the tally.
 */
export async function setDotVotes(
  roundId: number,
  voter: Voter,
  allocations: DotAllocation[],
  now = new Date(),
  db: Database = getDb(),
) {
  return inVotingRound(roundId, voter, now, db, async (trx, round) => {
    if (round.dot_budget === 0) refuse('This round has no dot votes.')
    const shortlist = new Set(await shortlistIds(trx, roundId))
    const seen = new Set<number>()
    for (const { id, dots } of allocations) {
      if (!shortlist.has(id)) refuse(`Idea ${id} is not on this round's shortlist.`)
      if (seen.has(id)) refuse(`Idea ${id} is given dots more than once.`)
      seen.add(id)
      if (!Number.isInteger(dots) || dots < 0 || dots > DOTS_PER_IDEA_MAX) {
        refuse(`Give an idea 0 to ${DOTS_PER_IDEA_MAX} dots (idea ${id} got ${dots}).`)
      }
    }
    const used = allocations.reduce((sum, { dots }) => sum + dots, 0)
    if (used > round.dot_budget) {
      refuse(`You have ${round.dot_budget} dots in this round and tried to use ${used}.`)
    }
    await trx
      .deleteFrom('dot_vote')
      .where('round_id', '=', roundId)
      .where('account_id', '=', voter.id)
      .execute()
    const given = allocations.filter(({ dots }) => dots > 0)
    if (given.length > 0) {
      await trx
        .insertInto('dot_vote')
        .values(
          given.map(({ id, dots }) => ({
            round_id: roundId,
            account_id: voter.id,
            idea_id: id,
            dots,
          })),
        )
        .execute()
    }
  })
}

export async function getOwnDots(roundId: number, accountId: number, db: Database = getDb()) {
  const rows = await db
    .selectFrom('dot_vote')
    .select(['idea_id', 'dots'])
    .where('round_id', '=', roundId)
    .where('account_id', '=', accountId)
    .execute()
  return Object.fromEntries(rows.map((row) => [row.idea_id, row.dots])) as Record<number, number>
}

/** Dot totals per shortlisted idea, and how many maintainers took part: aggregates only. */
export async function getDotTotals(roundId: number, db: Database = getDb()) {
  const [totals, participants] = await Promise.all([
    db
      .selectFrom('dot_vote')
      .select((eb) => ['idea_id', eb.fn.sum<number>('dots').as('dots')])
      .where('round_id', '=', roundId)
      .groupBy('idea_id')
      .execute(),
    db
      .selectFrom('dot_vote')
      .select((eb) => [
        eb.fn.count<number>('account_id').distinct().as('count'),
        // Demo people's dots are demo actions, and the totals say so (docs/decisions/012).
        sql<number>`(count(distinct account_id) filter (where ${isDemoAccount(eb.ref('account_id'))}))::int`.as(
          'demo',
        ),
      ])
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow(),
  ])
  return {
    byIdea: Object.fromEntries(totals.map((row) => [row.idea_id, Number(row.dots)])) as Record<
      number,
      number
    >,
    participants: Number(participants.count),
    demoParticipants: Number(participants.demo),
  }
}
