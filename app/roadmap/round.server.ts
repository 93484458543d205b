import { sql, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus, Outcome } from '../../db/schema'
import type { Role } from '../accounts/account.server'
import { formatDate } from '../utils/format'

import { addMonths, roundNameFor } from './dates'
import { DOT_BUDGET_MAX, DOTS_PER_IDEA_MAX } from './limits'
import { refuse } from './refused'
import { inTransaction } from './roadmap.server'
import { tallySchulze, validateBallot, type SchulzeResult } from './schulze'

type Actor = { id: number; login: string }
type Voter = { id: number; role: Role }

export const SHORTLIST_MIN = 2
export const SHORTLIST_MAX = 40

/** Where a round stands at `now`; only `voting` takes ballots and dot votes. */
export type RoundPhase = 'proposed' | 'scheduled' | 'voting' | 'ended' | 'closed'

export function roundPhase(
  round: { status: string; opens_at: Date | string; closes_at: Date | string },
  now: Date,
): RoundPhase {
  if (round.status === 'closed') return 'closed'
  if (round.status === 'proposed') return 'proposed'
  if (now < new Date(round.opens_at)) return 'scheduled'
  if (now >= new Date(round.closes_at)) return 'ended'
  return 'voting'
}

async function lockRound(trx: Transaction<DB>, roundId: number) {
  const round = await trx
    .selectFrom('round')
    .select([
      'id',
      'release_target_id',
      'name',
      'kind',
      'status',
      'opens_at',
      'closes_at',
      'closed_at',
      'dot_budget',
    ])
    .where('id', '=', roundId)
    .forUpdate()
    .executeTakeFirst()
  if (!round) refuse(`Round ${roundId} does not exist.`)
  return round
}

type LockedRound = Awaited<ReturnType<typeof lockRound>>

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

async function shortlistIds(trx: Database, roundId: number) {
  const rows = await trx
    .selectFrom('round_shortlist')
    .select('idea_id')
    .where('round_id', '=', roundId)
    .orderBy('position')
    .execute()
  return rows.map((row) => row.idea_id)
}

const STATUS_WORDS: Record<IdeaStatus, string> = {
  open: 'in ideation',
  agreed: 'already agreed (on the roadmap)',
  archived: 'archived',
  merged: 'merged',
}

/** A shortlist: 2 to 40 distinct ideas of the release target, all still in ideation. */
async function checkShortlist(trx: Database, releaseTargetId: number, ideaIds: number[]) {
  if (new Set(ideaIds).size !== ideaIds.length) refuse('The shortlist names an idea twice.')
  if (ideaIds.length < SHORTLIST_MIN) {
    refuse(`Shortlist at least ${SHORTLIST_MIN} ideas: a ranking needs something to compare.`)
  }
  if (ideaIds.length > SHORTLIST_MAX) {
    refuse(`Shortlist at most ${SHORTLIST_MAX} ideas: nobody can rank more with care.`)
  }
  const ideas = await trx
    .selectFrom('idea')
    .select(['id', 'status', 'merged_into_id', 'release_target_id'])
    .where('id', 'in', ideaIds)
    .execute()
  const problems = ideaIds.flatMap((id) => {
    const idea = ideas.find((candidate) => candidate.id === id)
    if (!idea) return [`Idea ${id} does not exist.`]
    if (idea.release_target_id !== releaseTargetId) {
      return [`Idea ${id} belongs to another release target.`]
    }
    if (idea.status === 'merged') {
      return [`Idea ${id} was merged into idea ${idea.merged_into_id}; shortlist that one.`]
    }
    if (idea.status !== 'open') {
      return [
        `Idea ${id} is ${STATUS_WORDS[idea.status]}: only ideas in ideation can be shortlisted.`,
      ]
    }
    return []
  })
  if (problems.length > 0) refuse(problems.join(' '))
}

async function replaceShortlist(trx: Transaction<DB>, roundId: number, ideaIds: number[]) {
  await trx.deleteFrom('round_shortlist').where('round_id', '=', roundId).execute()
  await trx
    .insertInto('round_shortlist')
    .values(ideaIds.map((ideaId, position) => ({ round_id: roundId, idea_id: ideaId, position })))
    .execute()
}

export type OpenRoundInput = {
  releaseTargetId: number
  name: string
  opensAt: Date
  /** Defaults to one month after opening: the monthly cadence. */
  closesAt?: Date | null
  shortlist: number[]
  dotBudget?: number
  /** Opens the round proposed when the previous one closed, instead of a new one. */
  proposedRoundId?: number | null
}

/** A maintainer opens a prioritisation round over a shortlist picked from ideation. */
export async function openRound(
  input: OpenRoundInput,
  actor: Actor,
  now = new Date(),
  db: Database = getDb(),
) {
  const name = input.name.trim().replace(/\s+/g, ' ')
  if (name.length < 2 || name.length > 80) refuse('A round needs a name of 2 to 80 characters.')
  if (Number.isNaN(input.opensAt.getTime())) refuse('The opening date is not a date.')
  const closesAt = input.closesAt ?? addMonths(input.opensAt, 1)
  if (Number.isNaN(closesAt.getTime())) refuse('The closing date is not a date.')
  if (closesAt <= input.opensAt) refuse('The closing date must come after the opening date.')
  if (closesAt <= now) refuse('The closing date has already passed.')
  const dotBudget = input.dotBudget ?? 0
  if (!Number.isInteger(dotBudget) || dotBudget < 0 || dotBudget > DOT_BUDGET_MAX) {
    refuse(`The dot-vote budget must be a whole number from 0 (none) to ${DOT_BUDGET_MAX}.`)
  }
  return inTransaction(db, async (trx) => {
    const target = await trx
      .selectFrom('release_target')
      .select('id')
      .where('id', '=', input.releaseTargetId)
      .forUpdate()
      .executeTakeFirst()
    if (!target) refuse('That release target does not exist.')
    const running = await trx
      .selectFrom('round')
      .select(['name'])
      .where('release_target_id', '=', input.releaseTargetId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (running) refuse(`“${running.name}” is still open for this release target: close it first.`)
    if (input.proposedRoundId != null) {
      const proposed = await lockRound(trx, input.proposedRoundId)
      if (proposed.status !== 'proposed' || proposed.release_target_id !== input.releaseTargetId) {
        refuse('That round is not a proposed round of this release target.')
      }
    }
    await checkShortlist(trx, input.releaseTargetId, input.shortlist)
    const values = {
      name,
      status: 'open' as const,
      opens_at: input.opensAt,
      closes_at: closesAt,
      dot_budget: dotBudget,
    }
    const round =
      input.proposedRoundId != null
        ? await trx
            .updateTable('round')
            .set({ ...values, created_by: actor.id })
            .where('id', '=', input.proposedRoundId)
            .returning('id')
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('round')
            .values({ ...values, release_target_id: input.releaseTargetId, created_by: actor.id })
            .returning('id')
            .executeTakeFirstOrThrow()
    await replaceShortlist(trx, round.id, input.shortlist)
    return round.id
  })
}

/** Changes the shortlist of a round nobody has voted in yet (votes would lose their meaning). */
export async function updateShortlist(roundId: number, ideaIds: number[], db: Database = getDb()) {
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    if (round.status !== 'open') refuse('Only the shortlist of an open round can change.')
    const [ballots, dots] = await Promise.all([
      trx
        .selectFrom('ballot')
        .select('account_id')
        .where('round_id', '=', roundId)
        .executeTakeFirst(),
      trx
        .selectFrom('dot_vote')
        .select('account_id')
        .where('round_id', '=', roundId)
        .executeTakeFirst(),
    ])
    if (ballots || dots) {
      refuse('Votes have been cast: the shortlist can no longer change under them.')
    }
    await checkShortlist(trx, round.release_target_id, ideaIds)
    await replaceShortlist(trx, roundId, ideaIds)
  })
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
  if (voter.role !== 'maintainer') refuse('Only maintainers vote in prioritisation rounds.')
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    refuseUnlessVoting(round, now)
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

/** Who has voted in a round (not how). */
export async function listVoters(roundId: number, db: Database = getDb()) {
  return db
    .selectFrom('ballot as b')
    .innerJoin('account as a', 'a.id', 'b.account_id')
    .select(['a.login', 'b.cast_at'])
    .where('b.round_id', '=', roundId)
    .orderBy('b.cast_at')
    .orderBy('a.login')
    .execute()
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
  if (voter.role !== 'maintainer') refuse('Only maintainers vote in prioritisation rounds.')
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    refuseUnlessVoting(round, now)
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
      .select((eb) => eb.fn.count<number>('account_id').distinct().as('count'))
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow(),
  ])
  return {
    byIdea: Object.fromEntries(totals.map((row) => [row.idea_id, Number(row.dots)])) as Record<
      number,
      number
    >,
    participants: Number(participants.count),
  }
}

export type OtherOutcome = {
  ideaId: number
  outcome: Exclude<Outcome, 'agreed'>
  /** Back to ideation, or archived for good. */
  disposition: 'ideation' | 'archived'
  reason: string
}

export type CloseRoundInput = {
  rationale: string
  /** Outcomes of the shortlisted ideas that are not agreed; entries for agreed ones are ignored. */
  others: OtherOutcome[]
  supersedesDecisionId?: number | null
} & ({ method: 'top-n'; topN: number } | { method: 'picked'; agreedIdeaIds: number[] })

/** What a decision keeps of the tally: the Schulze result and how many ballots made it. */
export type StoredTally = SchulzeResult & { ballots: number }

/**
 * Closes a round: tallies the ballots (Schulze), records the decision (the agreed efforts, the
 * declined or deferred ideas with their reasons, who voted, the full tally), moves each idea to
 * where the decision sends it, and proposes the next round a month on.
 */
export async function closeRound(
  roundId: number,
  input: CloseRoundInput,
  actor: Actor,
  now = new Date(),
  db: Database = getDb(),
) {
  const rationale = input.rationale.trim()
  if (rationale.length < 3 || rationale.length > 4000) {
    refuse('Give the rationale for the agreed efforts (3 to 4,000 characters).')
  }
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    if (round.kind === 'call') refuse('This round was decided on a call and is closed.')
    const phase = roundPhase(round, now)
    if (phase === 'closed') {
      refuse(
        `This round was already closed on ${formatDate(round.closed_at!)}; decisions are immutable (a later round can supersede it).`,
      )
    }
    if (phase === 'proposed') refuse('This round is only proposed; open it before closing it.')
    if (phase === 'scheduled') {
      refuse(`This round has not opened yet (it opens on ${formatDate(round.opens_at)}).`)
    }
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
    let agreed: number[]
    if (input.method === 'top-n') {
      if (!Number.isInteger(input.topN) || input.topN < 1 || input.topN > shortlist.length) {
        refuse(`Top N must be a whole number from 1 to ${shortlist.length}.`)
      }
      agreed = tally.order.slice(0, input.topN).map((candidate) => candidate.id)
    } else {
      if (new Set(input.agreedIdeaIds).size !== input.agreedIdeaIds.length) {
        refuse('An idea is picked twice.')
      }
      const unknown = input.agreedIdeaIds.filter((id) => !shortlist.some((idea) => idea.id === id))
      if (unknown.length > 0) {
        refuse(unknown.map((id) => `Idea ${id} is not on this round's shortlist.`).join(' '))
      }
      agreed = input.agreedIdeaIds
    }
    const others = new Map<number, OtherOutcome>()
    for (const other of input.others) {
      if (!shortlist.some((idea) => idea.id === other.ideaId)) {
        refuse(`Idea ${other.ideaId} is not on this round's shortlist.`)
      }
      if (others.has(other.ideaId)) refuse(`Idea ${other.ideaId} is given two outcomes.`)
      others.set(other.ideaId, other)
    }
    const problems: string[] = []
    for (const idea of shortlist) {
      if (agreed.includes(idea.id)) continue
      const other = others.get(idea.id)
      const reason = other?.reason.trim() ?? ''
      if (!other || reason.length === 0) {
        problems.push(
          `Say why “${idea.title}” (idea ${idea.id}) is declined or deferred${input.method === 'top-n' ? ` (it is not in the top ${input.topN})` : ''}.`,
        )
      } else if (reason.length > 1000) {
        problems.push(`The reason for “${idea.title}” is too long (at most 1,000 characters).`)
      }
    }
    if (problems.length > 0) refuse(problems.join(' '))

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
    await recordOutcomes(
      trx,
      decision.id,
      tally.order.map(({ id }) => {
        if (agreed.includes(id)) {
          return {
            ideaId: id,
            outcome: 'agreed' as const,
            disposition: 'roadmap' as const,
            reason: null,
          }
        }
        const other = others.get(id)!
        return { ...other, reason: other.reason.trim() }
      }),
      `${round.name}`,
      actor.id,
    )
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
          })
          .execute()
      }
    }
    const nextRoundId = await proposeNextRound(trx, round, actor, now)
    return { decisionId: decision.id, nextRoundId }
  })
}

type OutcomeRow = {
  ideaId: number
  outcome: Outcome
  disposition: 'roadmap' | 'ideation' | 'archived'
  reason: string | null
}

const IDEA_STATUS_AFTER: Record<OutcomeRow['disposition'], IdeaStatus> = {
  roadmap: 'agreed',
  ideation: 'open',
  archived: 'archived',
}

async function recordOutcomes(
  trx: Transaction<DB>,
  decisionId: number,
  outcomes: OutcomeRow[],
  roundName: string,
  actorId: number | null,
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
      })
      .execute()
  }
}

/**
 * The monthly cadence: the next round opens a whole number of months after this one opened,
 * the first such date still ahead, unless a round is already proposed or open.
 */
async function proposeNextRound(trx: Transaction<DB>, round: LockedRound, actor: Actor, now: Date) {
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
  const row = await trx
    .insertInto('round')
    .values({
      release_target_id: round.release_target_id,
      name: roundNameFor(opensAt),
      status: 'proposed',
      opens_at: opensAt,
      closes_at: addMonths(opensAt, 1),
      dot_budget: round.dot_budget,
      created_by: actor.id,
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
    outcomes: OutcomeRow[]
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
    await recordOutcomes(trx, decision.id, input.outcomes, input.name, null)
    return { roundId: round.id, decisionId: decision.id }
  })
}

// ---- Reading rounds ----

export async function listRounds(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('round as r')
    .leftJoin('decision as d', 'd.round_id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.kind',
      'r.status',
      'r.opens_at',
      'r.closes_at',
      'r.closed_at',
      'd.id as decision_id',
      eb
        .selectFrom('ballot')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('ballot.round_id', '=', 'r.id')
        .as('voter_count'),
      eb
        .selectFrom('round_shortlist')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('round_shortlist.round_id', '=', 'r.id')
        .as('shortlist_count'),
    ])
    .where('r.release_target_id', '=', releaseTargetId)
    .orderBy('r.opens_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/**
 * A round as anyone may see it: its shortlist, who has voted (never how) and, once closed, the
 * decision with its full tally. Ballots themselves never leave the database.
 */
export async function getRound(roundId: number, db: Database = getDb()) {
  const round = await db
    .selectFrom('round as r')
    .innerJoin('release_target as t', 't.id', 'r.release_target_id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.kind',
      'r.status',
      'r.opens_at',
      'r.closes_at',
      'r.closed_at',
      'r.dot_budget',
      'r.source_url',
      'r.release_target_id',
      't.name as target_name',
      't.slug as target_slug',
      jsonArrayFrom(
        eb
          .selectFrom('round_shortlist as s')
          .innerJoin('idea as i', 'i.id', 's.idea_id')
          .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
          .select([
            'i.id',
            'i.title',
            'i.is_verbatim',
            'i.attribution',
            'a.name as area_name',
            's.position',
          ])
          .whereRef('s.round_id', '=', 'r.id')
          .orderBy('s.position'),
      ).as('shortlist'),
    ])
    .where('r.id', '=', roundId)
    .executeTakeFirst()
  if (!round) return null
  const voters = await listVoters(roundId, db)
  const decision = round.status === 'closed' ? await getDecisionOfRound(roundId, db) : null
  return { ...round, voters, decision }
}

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof getRound>>>

async function getDecisionOfRound(roundId: number, db: Database) {
  const decision = await db
    .selectFrom('decision as d')
    .leftJoin('account as by', 'by.id', 'd.decided_by')
    .leftJoin('decision as sd', 'sd.id', 'd.supersedes_id')
    .leftJoin('round as sr', 'sr.id', 'sd.round_id')
    .select((eb) => [
      'd.id',
      'd.decided_at',
      'd.method',
      'd.top_n',
      'd.rationale',
      'd.voter_logins',
      'd.tally',
      'by.login as decided_by_login',
      'sr.id as supersedes_round_id',
      'sr.name as supersedes_round_name',
      eb
        .selectFrom('decision as later')
        .innerJoin('round as lr', 'lr.id', 'later.round_id')
        .select('lr.id')
        .whereRef('later.supersedes_id', '=', 'd.id')
        .as('superseded_by_round_id'),
      jsonArrayFrom(
        eb
          .selectFrom('decision_outcome as o')
          .innerJoin('idea as i', 'i.id', 'o.idea_id')
          .select(['o.idea_id', 'i.title', 'o.outcome', 'o.disposition', 'o.reason', 'o.position'])
          .whereRef('o.decision_id', '=', 'd.id')
          .orderBy('o.position'),
      ).as('outcomes'),
    ])
    .where('d.round_id', '=', roundId)
    .executeTakeFirst()
  if (!decision) return null
  return { ...decision, tally: decision.tally as StoredTally | null }
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
