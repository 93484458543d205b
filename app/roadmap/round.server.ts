import { sql, type Expression, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { demoActorLogin, isDemoAccount, listMaintainerAccountIds } from '../accounts/account.server'
import { DEMO_PEOPLE, type Person } from '../accounts/person'
import { notifyIdeaEvent, notifyRoundOpened } from '../notifications/notify.server'
import { formatDate } from '../utils/format'
import { refuse } from '../utils/refusal'

import {
  addMonths,
  isBoardRoundName,
  readRoundDay,
  refuseUnlessFuture,
  roundNameForOpening,
} from './dates'
import type { StoredTally } from './decision'
import { deferredInRound } from './deferred-in.server'
import { DOT_BUDGET_MAX, SHORTLIST_MAX, SHORTLIST_MIN } from './limits'
import { roundPhase } from './round-phase'

// Prioritisation rounds: opening one over a shortlist picked from ideation, changing that
// shortlist before the first vote, and reading rounds. Ballots and dot votes are in
// ballot.server.ts; closing a round and its decision in decision.server.ts.

/** The round, locked until the transaction ends: votes and closing never interleave. */
export async function lockRound(trx: Transaction<DB>, roundId: number) {
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

export type LockedRound = Awaited<ReturnType<typeof lockRound>>

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

export async function replaceShortlist(trx: Transaction<DB>, roundId: number, ideaIds: number[]) {
  await trx.deleteFrom('round_shortlist').where('round_id', '=', roundId).execute()
  await trx
    .insertInto('round_shortlist')
    .values(ideaIds.map((ideaId, position) => ({ round_id: roundId, idea_id: ideaId, position })))
    .execute()
}

/** The names of a release target's rounds (but `exceptRoundId`'s): a new name must be another. */
export async function listRoundNames(
  trx: Database,
  releaseTargetId: number,
  exceptRoundId: number | null = null,
) {
  const rows = await trx
    .selectFrom('round')
    .select('name')
    .where('release_target_id', '=', releaseTargetId)
    .$if(exceptRoundId !== null, (query) => query.where('id', '<>', exceptRoundId!))
    .execute()
  return rows.map((row) => row.name)
}

export type OpenRoundInput = {
  releaseTargetId: number
  /**
   * Blank: named after the day it opens ("March 2027 round", `roundNameForOpening`), a proposed
   * round too: its proposed name followed the day it was proposed for, and would name another
   * month once opened for a day in this one.
   */
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
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
  const typedName = input.name.trim().replace(/\s+/g, ' ')
  if (typedName !== '' && (typedName.length < 2 || typedName.length > 80)) {
    refuse('A round needs a name of 2 to 80 characters, or none: it is then named after its month.')
  }
  const opensAt = readRoundDay('opensOn', input.opensAt, { required: true })
  const closesAt = readRoundDay('closesOn', input.closesAt) ?? addMonths(opensAt, 1)
  if (closesAt <= opensAt) {
    refuse('The closing date must come after the opening date.', 400, {
      closesOn: 'After the opening date.',
    })
  }
  // Blank, the close is a month after the opening: the opening is the day to move then.
  refuseUnlessFuture(
    closesAt,
    now,
    'The closing date has already passed.',
    input.closesAt ? 'closesOn' : 'opensOn',
  )
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
    const name =
      typedName ||
      roundNameForOpening(
        opensAt,
        await listRoundNames(trx, input.releaseTargetId, input.proposedRoundId ?? null),
      )
    const values = {
      name,
      status: 'open' as const,
      opens_at: opensAt,
      closes_at: closesAt,
      dot_budget: dotBudget,
      // When it was opened, which a round scheduled for a later day does not say by its dates:
      // the agenda lists it in the period it was scheduled in.
      opened_at: now,
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
    await notifyIdeaEvent(
      trx,
      input.shortlist,
      { kind: 'idea_shortlisted', roundId: round.id },
      actor.id,
    )
    await notifyRoundOpened(trx, { id: round.id, opensAt }, actor.id, now)
    return round.id
  })
}

/** Midnight UTC of `moment`'s day: what a date field sends for that day. */
function startOfUtcDay(moment: Date) {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()))
}

export type RescheduleRoundInput = {
  opensAt: Date
  /** Blank: the round keeps its length, closing as long after its new opening as it did before. */
  closesAt?: Date | null
}

/**
 * A maintainer moves a scheduled round (opened for a later day, voting not started), earlier or
 * later, as long as it still opens after `now`: a past opening would start voting behind the
 * maintainers' backs and read as if it had. Today is the exception: its day (midnight UTC, as the
 * date field sends it) starts voting at `now`, so a round opened on the call's day with the
 * proposal's later date can still be voted on during the call, and reads as opened when it was.
 * Nobody can have voted yet, so no ballot loses its window. The board's one rule on rounds
 * overlapping (one open round per release target) holds: the round moved is that open round
 * already. A name the board gave it (after its opening day) follows the new day, as when it was
 * opened; a name a maintainer typed stays.
 */
export async function rescheduleRound(
  roundId: number,
  input: RescheduleRoundInput,
  now = new Date(),
  db: Database = getDb(),
) {
  const day = readRoundDay('opensOn', input.opensAt, { required: true })
  const givenClose = readRoundDay('closesOn', input.closesAt)
  const isToday = day.getTime() === startOfUtcDay(now).getTime()
  if (!isToday) {
    refuseUnlessFuture(
      day,
      now,
      `The round cannot open on ${formatDate(day)}: that is in the past. A scheduled round can move to today, which starts voting now, or to a day still to come.`,
      'opensOn',
      // Today is allowed here (it starts voting at once): the field says so too.
      'Pick today or a day still to come.',
    )
  }
  const opensAt = isToday ? now : day
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    const phase = roundPhase(round, now)
    if (round.kind !== 'ballot' || phase !== 'scheduled') {
      refuse(
        phase === 'proposed'
          ? 'A proposed round is given its dates when a maintainer opens it.'
          : 'Voting has started in this round (or it is closed): only a scheduled round can be moved.',
        409,
      )
    }
    const closesAt =
      givenClose ??
      new Date(opensAt.getTime() + (round.closes_at.getTime() - round.opens_at.getTime()))
    if (closesAt <= opensAt) {
      refuse('The closing date must come after the opening date.', 400, {
        closesOn: 'After the opening date.',
      })
    }
    const name = isBoardRoundName(round.name, round.opens_at)
      ? roundNameForOpening(opensAt, await listRoundNames(trx, round.release_target_id, round.id))
      : round.name
    await trx
      .updateTable('round')
      .set({ opens_at: opensAt, closes_at: closesAt, name })
      .where('id', '=', roundId)
      .execute()
    return { opensAt, closesAt }
  })
}

/**
 * A maintainer gives a round whose voting ended with no ballot a later closing day. Without it
 * such a round is stuck: ballots are taken only while voting is open, closing needs at least one,
 * and the round holds its release target's one open slot. With ballots in, the round is closed
 * on them instead: extending would let later ballots change a count the voters already saw end.
 */
export async function extendVoting(
  roundId: number,
  closesAt: Date,
  now = new Date(),
  db: Database = getDb(),
) {
  readRoundDay('closesOn', closesAt, { required: true })
  refuseUnlessFuture(
    closesAt,
    now,
    `Voting cannot close on ${formatDate(closesAt)}: that is not in the future.`,
    'closesOn',
  )
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, roundId)
    if (round.kind !== 'ballot' || roundPhase(round, now) !== 'ended') {
      refuse('Only a round whose voting has ended, nobody having voted, can be extended.', 409)
    }
    const voters = await listVoters(roundId, trx)
    if (voters.length > 0) {
      refuse(
        `${voters.length} maintainer${voters.length === 1 ? ' has' : 's have'} voted: close the round on ${voters.length === 1 ? 'that ballot' : 'their ballots'}.`,
        409,
      )
    }
    await trx.updateTable('round').set({ closes_at: closesAt }).where('id', '=', roundId).execute()
    return { closesAt }
  })
}

/**
 * Changes the shortlist of a round nobody has voted in yet (votes would lose their meaning). The
 * maintainer who changes it is its actor, as in `openRound`: her own idea's notice is not sent to
 * her, and a demo person's change is a demo action in everyone else's inbox. The ideas it adds are
 * told they are shortlisted and those it takes off that they are not any more: an author told her
 * idea is up for a vote is not left to find it gone. Each change is an event of its own (`now`), so
 * an idea taken off and put back is told so.
 */
export async function updateShortlist(
  roundId: number,
  ideaIds: number[],
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
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
    const before = (
      await trx
        .selectFrom('round_shortlist')
        .select('idea_id')
        .where('round_id', '=', roundId)
        .execute()
    ).map((row) => row.idea_id)
    await replaceShortlist(trx, roundId, ideaIds)
    // Ideas that stay on it were told before; only a change is news.
    const change = { kind: 'idea_shortlisted' as const, roundId, at: now }
    const [added, removed] = [
      ideaIds.filter((id) => !before.includes(id)),
      before.filter((id) => !ideaIds.includes(id)),
    ]
    await notifyIdeaEvent(trx, added, change, actor.id)
    await notifyIdeaEvent(trx, removed, { ...change, off: true }, actor.id)
  })
}

// ---- Reading rounds ----

/**
 * Which of a closed round's voters (its decision's `voter_logins`) were demo people, read from
 * the ballots, which stay: their votes are demo actions wherever the voters are listed.
 */
export function demoVoterLogins(roundId: Expression<number>) {
  return sql<string[]>`array(select va.login from ballot vb join account va on va.id = vb.account_id
    where vb.round_id = ${roundId} and ${isDemoAccount(sql.ref('vb.account_id'))} order by va.login)`
}

/** Who has voted in a round (not how); a demo person's ballot is a demo action. */
export async function listVoters(roundId: number, db: Database = getDb()) {
  return db
    .selectFrom('ballot as b')
    .innerJoin('account as a', 'a.id', 'b.account_id')
    .select((eb) => ['a.login', 'b.cast_at', isDemoAccount(eb.ref('b.account_id')).as('is_demo')])
    .where('b.round_id', '=', roundId)
    .orderBy('b.cast_at')
    .orderBy('a.login')
    .execute()
}

/**
 * The demo maintainers one can sign in as: in demo mode anyone can be one, whether or not someone
 * has been yet (her account is made on first sign-in). Never the seeded ones the demo's loader
 * acts as: nobody signs in as them.
 */
const DEMO_SIGN_IN_MAINTAINERS = DEMO_PEOPLE.filter((person) => person.role === 'maintainer').map(
  (person) => person.login,
)

/**
 * How many maintainers can vote in an open round now, for "1 of 3 maintainers voted": the real
 * accounts the board counts as maintainers (`listMaintainerAccountIds`), the demo maintainers one
 * can sign in as while demo sign-in is on (`withDemo`), and anyone whose ballot is in though she
 * could not vote now, so the count never reads as fewer than those who voted. Not recorded when a
 * round closes: a closed round's page counts its voters alone.
 */
export async function countEligibleVoters(
  roundId: number,
  { withDemo }: { withDemo: boolean },
  db: Database = getDb(),
) {
  const maintainers = await listMaintainerAccountIds(db)
  const accounts = await db
    .selectFrom('account as a')
    .select(['a.login', 'a.demo_role'])
    .where((eb) =>
      eb.or([
        ...(maintainers.length > 0
          ? [eb.and([eb('a.id', 'in', maintainers), eb('a.demo_role', 'is', null)])]
          : []),
        eb.exists(
          eb
            .selectFrom('ballot as b')
            .select('b.account_id')
            .whereRef('b.account_id', '=', 'a.id')
            .where('b.round_id', '=', roundId),
        ),
      ]),
    )
    .execute()
  const counted = new Set(
    accounts.filter((a) => a.demo_role !== null).map((a) => a.login.toLowerCase()),
  )
  const demo = withDemo ? DEMO_SIGN_IN_MAINTAINERS.filter((login) => !counted.has(login)) : []
  return accounts.length + demo.length
}

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
      isDemoAccount(eb.ref('r.created_by')).as('is_demo'),
      demoActorLogin(eb.ref('r.created_by')).as('demo_opener'),
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
      // What its decision did with each idea, for a line that says what was decided; none
      // before the round closes, and none for a call whose outcomes were never recorded.
      jsonArrayFrom(
        eb
          .selectFrom('decision_outcome as o')
          .select('o.outcome')
          .whereRef('o.decision_id', '=', 'd.id')
          .orderBy('o.position'),
      ).as('outcomes'),
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
/**
 * The target's latest ballot round that was opened (open or closed; not a proposed one, nor a
 * call, which has no dots): the next round's form starts with its settings (`openRoundDefaults`).
 */
export async function getLastOpenedBallotRound(releaseTargetId: number, db: Database = getDb()) {
  return (
    (await db
      .selectFrom('round')
      .select(['id', 'name', 'dot_budget'])
      .where('release_target_id', '=', releaseTargetId)
      .where('kind', '=', 'ballot')
      .where('status', '!=', 'proposed')
      .orderBy('opens_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  )
}

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
      // Opened (or proposed) by a demo person: the round says it is a demo action.
      isDemoAccount(eb.ref('r.created_by')).as('is_demo'),
      demoActorLogin(eb.ref('r.created_by')).as('demo_opener'),
      jsonArrayFrom(
        eb
          .selectFrom('round_shortlist as s')
          .innerJoin('idea as i', 'i.id', 's.idea_id')
          .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
          .select((inner) => [
            'i.id',
            'i.title',
            'i.is_verbatim',
            'i.attribution',
            'a.name as area_name',
            's.position',
            deferredInRound(inner.ref('i.id'), inner.ref('r.id')).as('deferred_in'),
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
      demoVoterLogins(eb.ref('d.round_id')).as('demo_voter_logins'),
      'd.tally',
      'by.login as decided_by_login',
      isDemoAccount(eb.ref('d.decided_by')).as('is_demo'),
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
