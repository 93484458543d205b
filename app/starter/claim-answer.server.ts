import { sql, type Expression, type RawBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import {
  markClaimNoticesRead,
  notifyClaimAnswered,
  notifyClaimReplied,
} from '../notifications/notify.server'
import { formatDate } from '../utils/format'
import { refuse } from '../utils/refusal'

import {
  claimAnswerProblem,
  claimReplyProblem,
  normalizeClaimAnswer,
  UNANSWERED_CLAIM_DAYS,
} from './claim-answer'
import { lockClaim } from './claim.server'
import { isMentorOf } from './project.server'

// Closing the loop a claim opens: claiming tells the project's mentors (notifyClaimEvent), and
// here a mentor, or a maintainer standing in for absent ones, answers: a few words of welcome
// and a next step, or a bare acknowledgement. The newcomer is told and reads it on the project
// page and on My work. The answer stays on the board: GitHub only ever gets labels from it.
// She can reply, and whoever answered is told; the mentors can answer the reply, and so on: a
// short thread on the claim, in claim_answer (`by_claimant` marks her replies). `round` counts
// her replies: each person answers once per round, she replies once per round, after an answer.
//
// "Waiting" is a question of a person's time, so it is measured on the real clock (the
// database's, or `now` when a caller injects one), never on a snapshot's board clock (ADR 012).

/** Who answers: the signed-in person, and whether her session's role is maintainer. */
export type Answerer = Person & { isMaintainer: boolean }

function isUniqueViolation(error: unknown) {
  return (error as { code?: string } | null)?.code === '23505'
}

/** The moment "now" stands for: the injected clock, else the database's. */
function clock(now?: Date): RawBuilder<Date> {
  return now ? sql<Date>`${now.toISOString()}::timestamptz` : sql<Date>`now()`
}

/** How many times the claimant has replied on a claim: the round an answer now belongs to. */
async function currentRound(trx: Database, claimId: number) {
  const { replies } = await trx
    .selectFrom('claim_answer')
    .select(sql<number>`count(*)::int`.as('replies'))
    .where('claim_id', '=', claimId)
    .where('by_claimant', '=', true)
    .executeTakeFirstOrThrow()
  return replies
}

/**
 * Answers a claim on a project: `message` null acknowledges it without words. Refused (nothing
 * written) when the text is empty, too long or holds control characters (400), when the claim is
 * not on this project (404), when the person is neither a mentor of the project with an account
 * nor a maintainer, or holds the claim herself (403), when the claim has ended or she answered it
 * already since the claimant's last reply (409). Returns the answer's id.
 */
export async function answerClaim(
  projectId: number,
  claimId: number,
  person: Answerer,
  answer: { message: string | null },
  db: Database = getDb(),
) {
  const message = answer.message === null ? null : normalizeClaimAnswer(answer.message)
  if (message !== null) {
    const problem = claimAnswerProblem(message)
    if (problem) refuse(problem, 400, { message: problem })
  }
  try {
    return await inTransaction(db, async (trx) => {
      // Locked, so an answer never lands on a claim being ended at the same moment.
      const claim = await lockClaim(projectId, claimId, trx)
      if (!person.isMaintainer && !(await isMentorOf(projectId, person.id, trx))) {
        refuse('Only this project’s mentors or a maintainer can answer a claim on it.', 403)
      }
      if (claim.account_id === person.id) refuse('You cannot answer your own claim.', 403)
      if (claim.ended_at) {
        refuse(
          `This claim ended on ${formatDate(claim.ended_at)}: there is nothing to answer.`,
          409,
        )
      }
      // Once per round: again only after the claimant has replied since her answer.
      const round = await currentRound(trx, claimId)
      const earlier = await trx
        .selectFrom('claim_answer')
        .select('created_at')
        .where('claim_id', '=', claimId)
        .where('author_id', '=', person.id)
        .where('round', '=', round)
        .executeTakeFirst()
      if (earlier) {
        refuse(
          round === 0
            ? `You already answered this claim (${formatDate(earlier.created_at)}).`
            : `You already answered their last reply (${formatDate(earlier.created_at)}).`,
          409,
        )
      }
      const { id } = await trx
        .insertInto('claim_answer')
        .values({ claim_id: claimId, project_id: projectId, author_id: person.id, message, round })
        .returning('id')
        .executeTakeFirstOrThrow()
      // Answered, her notices about the claim need her no more: read, as the badge should say.
      await markClaimNoticesRead(trx, claimId, person.id)
      await notifyClaimAnswered(trx, {
        answerId: id,
        claimId,
        projectId,
        message,
        isAfterReply: round > 0,
        actor: { id: person.id, login: person.login },
      })
      return id
    })
  } catch (error) {
    // The same person answering twice at once: the unique key lets one through.
    if (isUniqueViolation(error)) refuse('You already answered this claim.', 409)
    throw error
  }
}

/**
 * The claimant replies to the answers to her claim: a few words (the same limits as an answer,
 * but no reply without words). Refused, nothing written: empty, too long or control characters
 * (400), a claim not on this project (404), someone else's claim (403), an ended claim, a claim
 * nobody has answered yet, or a second reply before anyone answers the first (409). Whoever
 * answered the claim is told. Returns the reply's id.
 */
export async function replyToClaim(
  projectId: number,
  claimId: number,
  person: Person,
  reply: { message: string },
  db: Database = getDb(),
) {
  const message = normalizeClaimAnswer(reply.message)
  const problem = claimReplyProblem(message)
  if (problem) refuse(problem, 400, { message: problem })
  try {
    return await inTransaction(db, async (trx) => {
      // Locked, as for an answer: a reply never lands on a claim being ended at the same moment,
      // and two submissions of one reply take turns, the second finding the first.
      const claim = await lockClaim(projectId, claimId, trx)
      if (claim.account_id !== person.id) {
        refuse('Only the person who claimed it can reply to the answers to a claim.', 403)
      }
      if (claim.ended_at) {
        refuse(
          `This claim ended on ${formatDate(claim.ended_at)}: there is nothing to reply to.`,
          409,
        )
      }
      const round = await currentRound(trx, claimId)
      const answered = await trx
        .selectFrom('claim_answer')
        .select('id')
        .where('claim_id', '=', claimId)
        .where('by_claimant', '=', false)
        .where('round', '=', round)
        .executeTakeFirst()
      if (!answered) {
        if (round === 0)
          refuse('Nobody has answered your claim yet: there is nothing to reply to.', 409)
        const last = await trx
          .selectFrom('claim_answer')
          .select('created_at')
          .where('claim_id', '=', claimId)
          .where('round', '=', round)
          .where('by_claimant', '=', true)
          .executeTakeFirstOrThrow()
        refuse(
          `You already replied (${formatDate(last.created_at)}): you can reply again once someone answers.`,
          409,
        )
      }
      const { id } = await trx
        .insertInto('claim_answer')
        .values({
          claim_id: claimId,
          project_id: projectId,
          author_id: person.id,
          message,
          by_claimant: true,
          round: round + 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await notifyClaimReplied(trx, {
        replyId: id,
        claimId,
        projectId,
        message,
        actor: { id: person.id, login: person.login },
      })
      return id
    })
  } catch (error) {
    // The same reply sent twice at once: the unique key (claim, author, round) lets one through.
    if (isUniqueViolation(error))
      refuse('You already replied: you can reply again once someone answers.', 409)
    throw error
  }
}

/**
 * The answers to a project's claims that have not ended, and the claimants' replies to them
 * (`by_claimant`), oldest first, with who wrote them: each claim's thread.
 */
export async function listClaimAnswers(projectId: number, db: Database = getDb()) {
  return db
    .selectFrom('claim_answer as ca')
    .innerJoin('starter_claim as c', 'c.id', 'ca.claim_id')
    .leftJoin('account as a', 'a.id', 'ca.author_id')
    .select([
      'ca.id',
      'ca.claim_id',
      'ca.author_id',
      'a.login',
      'ca.message',
      'ca.created_at',
      'ca.by_claimant',
      'ca.round',
      // A demo person's answer is a demo action, and every place showing it says so.
      sql<boolean>`coalesce(a.demo_role is not null, false)`.as('is_demo'),
    ])
    .where('ca.project_id', '=', projectId)
    .where('c.ended_at', 'is', null)
    .orderBy('ca.created_at')
    .orderBy('ca.id')
    .execute()
}

export type ClaimAnswer = Awaited<ReturnType<typeof listClaimAnswers>>[number]

/**
 * The answers to one claim (`claimId`, a column of the outer query) and the claimant's replies,
 * oldest first, as a JSON array: My work shows them under each of one's claims, running, lapsed
 * or ended alike, since the thread is part of the claim's history once it ends.
 */
export function claimAnswersOf(claimId: Expression<number>, db: Database = getDb()) {
  return jsonArrayFrom(
    db
      .selectFrom('claim_answer as ca')
      .leftJoin('account as author', 'author.id', 'ca.author_id')
      .select([
        'ca.id',
        'author.login',
        'ca.message',
        'ca.created_at',
        'ca.by_claimant',
        'ca.round',
        sql<boolean>`coalesce(author.demo_role is not null, false)`.as('is_demo'),
      ])
      .where('ca.claim_id', '=', claimId)
      .orderBy('ca.created_at')
      .orderBy('ca.id'),
  )
}

/**
 * When a claim (`claimId`) was first answered, and whether that answer was a demo person's (a
 * demo action), as JSON `{ at, is_demo }`, or null while nobody has answered: for the public API,
 * which says that and when, never the words (answers show to signed-in people only), and for the
 * agenda, which counts the claims answered up to `until`.
 */
export function firstAnswerOf(claimId: Expression<number>, until?: Date) {
  const upTo = until ? sql`and ca.created_at <= ${until}` : sql``
  return sql<{ at: string; is_demo: boolean } | null>`(
    select json_build_object('at', ca.created_at, 'is_demo', coalesce(author.demo_role is not null, false))
    from claim_answer ca left join account author on author.id = ca.author_id
    where ca.claim_id = ${claimId} and not ca.by_claimant ${upTo}
    order by ca.created_at, ca.id
    limit 1
  )`
}

/**
 * True for a claim (under `alias`) that has no answer from anyone. A claimant's reply does not
 * put it back in the queues: whoever answered is told of the reply (see the feature's README).
 */
function isUnanswered(alias: string) {
  return sql<boolean>`not exists (select 1 from claim_answer ca where ca.claim_id = ${sql.ref(`${alias}.id`)} and not ca.by_claimant)`
}

/** True for a claim (under `alias`) not ended and not lapsed at `at`: someone is on it now. */
function isRunningAt(alias: string, at: RawBuilder<Date>) {
  return sql<boolean>`(${sql.ref(`${alias}.ended_at`)} is null and ${sql.ref(`${alias}.expires_at`)} > ${at})`
}

/**
 * True for a claim (under `alias`) that waits for a mentor's answer at `at`: running and
 * answered by nobody. Those on her projects are a mentor's queue (listClaimsToAnswer); "since
 * your last visit" counts her projects' other claims, so none is said twice.
 */
export function isWaitingForAnswer(alias: string, at: RawBuilder<Date>) {
  return sql<boolean>`(${isRunningAt(alias, at)} and ${isUnanswered(alias)})`
}

/**
 * The running claims nobody has answered on projects the person mentors (by her account), oldest
 * first: the mentor's queue on My work. Her own claims are left out.
 */
export async function listClaimsToAnswer(
  accountId: number,
  limit: number,
  db: Database = getDb(),
  now?: Date,
) {
  const at = clock(now)
  return db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.project_id',
      'p.title',
      'a.login',
      'c.claimed_at',
      sql<boolean>`a.demo_role is not null`.as('is_demo'),
      sql<number>`floor(extract(epoch from ${at} - c.claimed_at) / 86400)::int`.as('waiting_days'),
    ])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('starter_project_mentor as m')
          .select('m.project_id')
          .whereRef('m.project_id', '=', 'c.project_id')
          .where('m.account_id', '=', accountId),
      ),
    )
    .where('c.account_id', '!=', accountId)
    .where(isWaitingForAnswer('c', at))
    .orderBy('c.claimed_at')
    .orderBy('c.id')
    .limit(limit)
    .execute()
}

/**
 * The projects the person mentors (by her account), by title, each with who works on it
 * now (running claims, oldest first, answered or not) and how many reports its contributors sent
 * (how many by demo people): My work's "Projects you mentor", so a mentor sees her newcomers after
 * she has answered them, and where reports wait to be read, not only the claims still waiting.
 */
export async function listMentoredProjects(
  accountId: number,
  limit: number,
  db: Database = getDb(),
  now?: Date,
) {
  const at = clock(now)
  return db
    .selectFrom('starter_project_mentor as m')
    .innerJoin('starter_project as p', 'p.id', 'm.project_id')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.status',
      jsonArrayFrom(
        eb
          .selectFrom('starter_claim as c')
          .innerJoin('account as a', 'a.id', 'c.account_id')
          .select([
            'c.id',
            'a.login',
            'c.claimed_at',
            sql<boolean>`a.demo_role is not null`.as('is_demo'),
            // Whether, when and by a demo person (a demo answer) it was first answered, or null.
            firstAnswerOf(sql.ref('c.id')).as('first_answer'),
          ])
          .whereRef('c.project_id', '=', 'p.id')
          .where(isRunningAt('c', at))
          .orderBy('c.claimed_at')
          .orderBy('c.id'),
      ).as('claims'),
      sql<number>`(select count(*)::int from claim_feedback f where f.project_id = p.id)`.as(
        'reports',
      ),
      sql<number>`(select count(*)::int from claim_feedback f join account fa on fa.id = f.account_id where f.project_id = p.id and fa.demo_role is not null)`.as(
        'demo_reports',
      ),
    ])
    .where('m.account_id', '=', accountId)
    .orderBy('p.title')
    .orderBy('p.id')
    .limit(limit)
    .execute()
}

export type MentoredProject = Awaited<ReturnType<typeof listMentoredProjects>>[number]

/**
 * Running claims nobody answered for UNANSWERED_CLAIM_DAYS or more (`days`), for "waiting for
 * maintainers": how many, how many a demo person holds (demo actions), how long the oldest has
 * waited in whole days, and the first few projects, longest waiting first, whose pages hold the
 * answer form. Whether the project has a mentor or not: a maintainer can answer either way.
 */
export async function getUnansweredClaims(
  limit: number,
  db: Database = getDb(),
  { days = UNANSWERED_CLAIM_DAYS, now }: { days?: number; now?: Date } = {},
) {
  const at = clock(now)
  const waiting = db
    .selectFrom('starter_claim as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select(['c.id', 'c.project_id', 'c.claimed_at', 'a.demo_role'])
    .where(isRunningAt('c', at))
    .where(isUnanswered('c'))
    .where('c.claimed_at', '<=', sql<Date>`${at} - make_interval(hours => ${days * 24})`)
  const [counts, projects] = await Promise.all([
    db
      .selectFrom(waiting.as('w'))
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`(count(*) filter (where w.demo_role is not null))::int`.as('demo'),
        sql<number>`count(distinct w.project_id)::int`.as('project_count'),
        sql<number | null>`floor(extract(epoch from ${at} - min(w.claimed_at)) / 86400)::int`.as(
          'oldest_days',
        ),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(waiting.as('w'))
      .innerJoin('starter_project as p', 'p.id', 'w.project_id')
      .select(['p.id', 'p.title', sql<Date>`min(w.claimed_at)`.as('oldest')])
      .groupBy(['p.id', 'p.title'])
      .orderBy('oldest')
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  ])
  return {
    count: counts.count,
    demo: counts.demo,
    oldestDays: counts.oldest_days,
    projectCount: counts.project_count,
    projects: projects.map(({ id, title }) => ({ id, title })),
  }
}
