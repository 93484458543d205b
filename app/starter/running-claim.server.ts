import { sql, type SqlBool } from 'kysely'

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
