import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { isDemoAccount } from '../accounts/account.server'

import { firstAnswerOf } from './claim-answer.server'
import { isRunningClaim } from './running-claim.server'

// What happened to starter projects in a stretch of time, for the call's agenda
// (app/digest/): projects tagged, projects finished, claims lapsing. The supply and the drift
// come from their own queries (supply.server.ts, calibration.server.ts); these are the events.

export type Span = { from: Date; to: Date }

/** Projects tagged in the span, oldest first. */
export async function listProjectsCreatedIn(span: Span, db: Database = getDb()) {
  return db
    .selectFrom('starter_project')
    .select((eb) => [
      'id',
      'title',
      'primary_domain',
      'language_stars',
      'domain_stars',
      'created_at',
      // Tagged by a demo person: a demo action, and the agenda says so.
      isDemoAccount(eb.ref('created_by')).as('is_demo'),
    ])
    .where('created_at', '>=', span.from)
    .where('created_at', '<=', span.to)
    .orderBy('created_at')
    .orderBy('id')
    .limit(100)
    .execute()
}

/**
 * Claims whose `at` (when they were made, ended, or lapse) falls in the span, in that order, with the
 * project and its holder. A demo person's claim is a demo action (decision 012): the agenda
 * says so.
 */
function listClaimsIn<At extends 'claimed_at' | 'ended_at' | 'expires_at'>(
  span: Span,
  at: At,
  db: Database,
) {
  const when: 'c.claimed_at' | 'c.ended_at' | 'c.expires_at' = `c.${at}`
  return db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.project_id',
      'p.title',
      'a.login',
      `c.${at}`,
      sql<boolean>`a.demo_role is not null`.as('is_demo'),
    ])
    .where(when, '>=', span.from)
    .where(when, '<=', span.to)
    .orderBy(when)
    .orderBy('c.id')
    .limit(100)
}

/** Claims finished (outcome done) in the span, with the project and who finished it. */
export async function listClaimsFinishedIn(span: Span, db: Database = getDb()) {
  return listClaimsIn(span, 'ended_at', db).where('c.outcome', '=', 'done').execute()
}

/**
 * Claims nobody ended that lapse (or lapsed) in the span, soonest first: a lapsed one still
 * reads as someone's work to its holder, one about to lapse may need a nudge to renew.
 */
export async function listClaimsLapsingIn(span: Span, db: Database = getDb()) {
  return listClaimsIn(span, 'expires_at', db).where('c.ended_at', 'is', null).execute()
}

/**
 * Claims made in the span, whatever became of them since: who started work on what, and whether
 * each still runs by the rule the project page's claim panel uses (running-claim.server.ts), so
 * the agenda never calls a project claimed that its page says nobody holds.
 */
export async function listClaimsStartedIn(span: Span, db: Database = getDb()) {
  return listClaimsIn(span, 'claimed_at', db)
    .select((eb) => [
      'c.outcome',
      isRunningClaim('c').as('is_running'),
      // Answered by the span's end or not: the agenda counts the claims left unanswered.
      firstAnswerOf(eb.ref('c.id'), span.to).as('first_answer'),
    ])
    .execute()
}
