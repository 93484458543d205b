import { sql, type RawBuilder, type SqlBool } from 'kysely'

import { RENEWAL_WINDOW_MS } from './claim-time'

// The one spelling of "a running claim": it has not ended and has not lapsed. A project shows as
// claimed, is ranked as taken and leaves the open supply while it has one, and that changes when
// time passes with no write (ADR 006), so every query asking the question uses this predicate.
// Ended claims (`ended_at is not null`: history, reports) are another question.

/**
 * True for a running claim of `starter_claim` under `alias`: usable in `.where(...)`, selected
 * with `.as(...)`, or interpolated in raw SQL.
 */
export function isRunningClaim(alias = 'starter_claim') {
  return sql<SqlBool>`(${sql.ref(`${alias}.ended_at`)} is null and ${sql.ref(`${alias}.expires_at`)} > now())`
}

/** True for a project (`starter_project` under `project`) with no running claim: free to take. */
export function hasNoRunningClaim(project = 'p') {
  return sql<SqlBool>`not exists (select 1 from starter_claim as rc where rc.project_id = ${sql.ref(`${project}.id`)} and ${isRunningClaim('rc')})`
}

/**
 * True for a running claim (under `alias`) in the last part of its term, when renewing it is
 * offered and allowed (`RENEWAL_WINDOW_MS`, claim-time.ts). Asked of the database's clock, as
 * "running" is, so the page's button and the server's answer agree.
 */
export function isRenewalOpen(alias = 'starter_claim') {
  return sql<SqlBool>`(${isRunningClaim(alias)} and ${sql.ref(`${alias}.expires_at`)} <= now() + make_interval(secs => ${RENEWAL_WINDOW_MS / 1000}))`
}

/**
 * When the claim under `alias` stopped running: its end, or its lapse if that came first (a
 * lapsed claim a maintainer releases later stopped at its lapse, not at the release).
 */
export function claimStoppedAt(alias = 'starter_claim') {
  return sql<Date>`least(${sql.ref(`${alias}.expires_at`)}, coalesce(${sql.ref(`${alias}.ended_at`)}, 'infinity'::timestamptz))`
}

/**
 * True when the claim under `alias` stopping (`claimStoppedAt`) left its project (under
 * `project`) free, and it is free still at `now`: the project is open and no other claim on it
 * ran at any moment from that stop to `now`. One running across the stop (an elastic project's
 * other worker) means this stop freed nothing; one taken and stopped since means the project's
 * later freeing is the news, not this one. So of the stops that follow one another on a project,
 * one at most is news at a time, however often the reminders job asks. A claim lapsed and then
 * claimed again by its holder counts as running since it was first made (the gap is not kept),
 * which only ever silences the earlier stop.
 */
export function leftProjectFree(now: Date | RawBuilder<Date>, alias = 'c', project = 'p') {
  return sql<SqlBool>`(${sql.ref(`${project}.status`)} = 'open' and not exists (
    select 1 from starter_claim as oc
    where oc.project_id = ${sql.ref(`${alias}.project_id`)} and oc.id <> ${sql.ref(`${alias}.id`)}
      and oc.claimed_at <= ${now} and ${claimStoppedAt('oc')} > ${claimStoppedAt(alias)}))`
}
