import { sql, type RawBuilder } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { isDemoAccount } from '../accounts/account.server'
import { isWaitingForAnswer } from '../starter/claim-answer.server'
import { describeError, log } from '../utils/log.server'

// "Since your last visit": sessions outlast a week and sign-in is rare, so visits are recorded
// from requests. A request more than VISIT_GAP_HOURS after the last one seen starts a new visit,
// and the visit before ends where she was last seen. Times are the database's clock, as the
// claims and rounds they are compared with; tests pass `now` instead.

/** A request this long after the last one seen starts a new visit. */
export const VISIT_GAP_HOURS = 6
/** `last_seen_at` moves at most this often: a write every few minutes, not one per request. */
export const SEEN_EVERY_MINUTES = 5

function clock(now: Date | undefined): RawBuilder<Date> {
  return now ? sql<Date>`${now}::timestamptz` : sql<Date>`now()`
}

/**
 * Notes that the person was seen now. One conditional UPDATE: nothing is written when she was
 * seen in the last SEEN_EVERY_MINUTES (or later than `now`, so the times never go back); when she
 * was last seen more than VISIT_GAP_HOURS ago, that moment becomes the end of her previous visit.
 * Someone never seen before gets no previous visit: that history is unknown.
 */
export async function recordVisit(accountId: number, db: Database = getDb(), now?: Date) {
  const at = clock(now)
  await db
    .updateTable('account')
    .set({
      // SET reads the row as it was: last_seen_at here is the previous sighting.
      previous_visit_at: sql<Date | null>`case
        when last_seen_at < ${at} - make_interval(hours => ${VISIT_GAP_HOURS}) then last_seen_at
        else previous_visit_at end`,
      last_seen_at: at,
    })
    .where('id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('last_seen_at', 'is', null),
        eb('last_seen_at', '<', sql<Date>`${at} - make_interval(mins => ${SEEN_EVERY_MINUTES})`),
      ]),
    )
    .execute()
}

/** recordVisit for the root loader: a failure to record costs the "since" line, never the page. */
export async function recordVisitQuietly(accountId: number | undefined) {
  if (accountId === undefined) return
  try {
    await recordVisit(accountId)
  } catch (error) {
    log.warn('recording a visit failed', describeError(error))
  }
}

/**
 * When her previous visit ended, as of `now`, or null when not known. Read the same whether or
 * not this request's recordVisit has run yet (the root loader and the page's run side by side):
 * a last sighting over VISIT_GAP_HOURS old is about to become the previous visit.
 */
export async function getPreviousVisit(accountId: number, db: Database = getDb(), now?: Date) {
  const at = clock(now)
  const row = await db
    .selectFrom('account')
    .select(
      sql<Date | null>`case
        when last_seen_at < ${at} - make_interval(hours => ${VISIT_GAP_HOURS}) then last_seen_at
        else previous_visit_at end`.as('since'),
    )
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row?.since ?? null
}

/** How many, and how many of them demo people's doing. */
function tally(actor: Parameters<typeof isDemoAccount>[0]) {
  return [
    sql<number>`count(*)::int`.as('count'),
    sql<number>`(count(*) filter (where ${isDemoAccount(actor)}))::int`.as('demo'),
  ] as const
}

/**
 * What happened on the board since her previous visit ended, as counts, or null when that visit
 * is not known (nothing made up). New ideas (not merged; not her own), prioritisation rounds whose
 * voting opened, decisions recorded, starter projects added and still open, starter projects
 * finished (the first few named), claims on projects she mentors not waiting for her answer and,
 * for a maintainer, "nothing fits me" requests sent. A demo person's doing counts as a demo action.
 * Decisions count by when they were recorded, not their date; those recorded before the board
 * kept that time count by their date.
 */
export async function getSinceLastVisit(
  account: { id: number; role: string },
  db: Database = getDb(),
  now?: Date,
  /** Counts none of what "Waiting for maintainers" lists: open rounds, unanswered requests. */
  { besidesWaitingWork = false }: { besidesWaitingWork?: boolean } = {},
) {
  const since = await getPreviousVisit(account.id, db, now)
  if (!since) return null
  const at = clock(now)
  const [ideas, rounds, decisions, projects, requests, finished, mentoredClaims] =
    await Promise.all([
      db
        .selectFrom('idea as i')
        .select((eb) => tally(eb.ref('i.author_id')))
        .where('i.created_at', '>', since)
        .where('i.created_at', '<=', at)
        .where('i.status', '!=', 'merged')
        .where((eb) => eb('i.author_id', 'is distinct from', account.id))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('round as r')
        .select((eb) => tally(eb.ref('r.created_by')))
        .where('r.kind', '=', 'ballot')
        .where('r.status', 'in', ['open', 'closed'])
        // Opened since: scheduled before and opening since, or opened since on an earlier day (a
        // round opens on a day, often the one it was opened on, before her visit that day ended).
        .where(sql<Date>`greatest(r.opens_at, r.created_at)`, '>', since)
        .where('r.opens_at', '<=', at)
        .$if(besidesWaitingWork, (query) => query.where('r.status', '=', 'closed'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('decision as d')
        .select((eb) => tally(eb.ref('d.decided_by')))
        // Recorded since: a call's decision is often recorded days after the call, with its date.
        // Only for decisions recorded before the board kept the time (null) is their date the guess.
        .where(sql<Date>`coalesce(d.recorded_at, d.decided_at)`, '>', since)
        .where(sql<Date>`coalesce(d.recorded_at, d.decided_at)`, '<=', at)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('starter_project as p')
        .select((eb) => tally(eb.ref('p.created_by')))
        .where('p.status', '=', 'open')
        .where('p.created_at', '>', since)
        .where('p.created_at', '<=', at)
        .executeTakeFirstOrThrow(),
      account.role === 'maintainer'
        ? db
            .selectFrom('gap_request as g')
            .select((eb) => tally(eb.ref('g.account_id')))
            .where('g.created_at', '>', since)
            .where('g.created_at', '<=', at)
            .$if(besidesWaitingWork, (query) => query.where('g.answered_at', 'is not', null))
            .executeTakeFirstOrThrow()
        : null,
      listProjectsFinishedSince(since, at, db),
      // Claims on projects she mentors made since, other than her own and those still waiting for
      // her answer: "For you" says those already, with what to do.
      db
        .selectFrom('starter_claim as c')
        .select((eb) => tally(eb.ref('c.account_id')))
        .where('c.claimed_at', '>', since)
        .where('c.claimed_at', '<=', at)
        .where('c.account_id', '!=', account.id)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('starter_project_mentor as m')
              .select('m.project_id')
              .whereRef('m.project_id', '=', 'c.project_id')
              .where('m.account_id', '=', account.id),
          ),
        )
        .where((eb) => eb.not(isWaitingForAnswer('c', at)))
        .executeTakeFirstOrThrow(),
    ])
  return {
    since,
    ideas,
    rounds,
    decisions,
    projects,
    requests,
    finished,
    mentoredClaims,
  }
}

/** How many finished projects "since your last visit" names; the rest are counted. */
export const SINCE_FINISHED_NAMED = 3

/**
 * Starter projects someone finished (a claim ended done) in (since, at]: the progress a community
 * celebrates, which no list of work waiting shows. Each project once (an elastic one may be
 * finished by several), the latest finished first; `demo`: those a demo person finished, demo
 * actions.
 */
async function listProjectsFinishedSince(since: Date, at: RawBuilder<Date>, db: Database) {
  const rows = await db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .select((eb) => {
      const isDemo = sql<boolean>`bool_or(${isDemoAccount(eb.ref('c.account_id'))})`
      return [
        'p.id',
        'p.title',
        isDemo.as('is_demo'),
        // Over every project finished, not only the few named: counted in the same query.
        sql<number>`(count(*) over ())::int`.as('count'),
        sql<number>`(sum((${isDemo})::int) over ())::int`.as('demo'),
      ]
    })
    .where('c.outcome', '=', 'done')
    .where('c.ended_at', '>', since)
    .where('c.ended_at', '<=', at)
    .groupBy(['p.id', 'p.title'])
    .orderBy(sql`max(c.ended_at)`, 'desc')
    .orderBy('p.id', 'desc')
    .limit(SINCE_FINISHED_NAMED)
    .execute()
  return {
    count: rows[0]?.count ?? 0,
    demo: rows[0]?.demo ?? 0,
    projects: rows.map(({ id, title, is_demo }) => ({ id, title, is_demo })),
  }
}
