import { randomBytes } from 'node:crypto'

import { sql, type Expression } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { getEnv } from '../utils/env.server'

import { DEMO_SEED_PEOPLE, personName, type Actor, type Person } from './person'

export type Role = 'contributor' | 'maintainer'

export type GitHubProfile = {
  id: number
  login: string
  name: string | null
  avatar_url: string | null
}

const PUBLIC_ACCOUNT_COLUMNS = [
  'id',
  'github_id',
  'login',
  'name',
  'avatar_url',
  'demo_role',
  'has_push_access',
  'push_access_checked_at',
  'push_access_answered_at',
  'push_access_failures',
] as const

/**
 * Whether the account that did something is a demo person's: what it did is a demo action, and
 * every page showing it says so (docs/decisions/012). Null (no account) is not a demo action.
 */
export function isDemoAccount(accountId: Expression<number | null>) {
  return sql<boolean>`exists (select 1 from account where account.id = ${accountId} and account.demo_role is not null)`
}

/**
 * The login of the account that did something when it is a demo person's, else null: for a
 * page to name who did a demo action ("opened by Sam (seeded demo maintainer)") with personName.
 */
export function demoActorLogin(accountId: Expression<number | null>) {
  return sql<
    string | null
  >`(select account.login from account where account.id = ${accountId} and account.demo_role is not null)`
}

/** Whether one account, by id, is a demo person's; null (no account) is not. */
export async function isDemoActor(accountId: number | null, db: Database = getDb()) {
  if (accountId === null) return false
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('id', '=', accountId)
    .where('demo_role', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * How a recorded sentence names the person who acted ("… by Dana (demo maintainer)."): as
 * personName does, with whether the account is a demo one read from the database.
 */
export async function getPersonName(person: Actor, db: Database = getDb()) {
  return personName({ login: person.login, isDemo: await isDemoActor(person.id, db) })
}

export async function getAccountById(id: number, db: Database = getDb()) {
  return db
    .selectFrom('account')
    .select(PUBLIC_ACCOUNT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type Account = NonNullable<Awaited<ReturnType<typeof getAccountById>>>

/** Starts a server-side session for the account; returns its id for the cookie. */
export async function createAccountSession(
  accountId: number,
  lifetimeSeconds: number,
  db: Database = getDb(),
) {
  const id = randomBytes(32).toString('base64url')
  await db
    .insertInto('account_session')
    .values({
      id,
      account_id: accountId,
      expires_at: sql<Date>`now() + make_interval(secs => ${lifetimeSeconds})`,
    })
    .execute()
  // Expired sessions of the same person go at the same time: no sweeper needed.
  await db
    .deleteFrom('account_session')
    .where('account_id', '=', accountId)
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute()
  return id
}

/** The account of a session that has not ended or expired. */
export async function getAccountBySession(
  accountId: number,
  sessionId: string,
  db: Database = getDb(),
) {
  return db
    .selectFrom('account')
    .innerJoin('account_session as s', 's.account_id', 'account.id')
    .select(PUBLIC_ACCOUNT_COLUMNS.map((column) => `account.${column}` as const))
    .where('account.id', '=', accountId)
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
}

/** Ends one session, or with `everywhere` every session of its account. */
export async function endAccountSessions(
  accountId: number,
  sessionId: string,
  everywhere: boolean,
  db: Database = getDb(),
) {
  let query = db.deleteFrom('account_session').where('account_id', '=', accountId)
  if (!everywhere) query = query.where('id', '=', sessionId)
  await query.execute()
}

/** Creates or refreshes the account of a GitHub user who just signed in; returns its id. */
export async function upsertGitHubAccount(
  profile: GitHubProfile,
  token: string,
  db: Database = getDb(),
) {
  const row = await db
    .insertInto('account')
    .values({
      github_id: profile.id,
      login: profile.login,
      name: profile.name,
      avatar_url: profile.avatar_url,
      github_token: token,
    })
    .onConflict((oc) =>
      oc.column('github_id').doUpdateSet({
        login: profile.login,
        name: profile.name,
        avatar_url: profile.avatar_url,
        github_token: token,
        last_signed_in_at: sql<Date>`now()`,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function getGitHubToken(accountId: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('account')
    .select('github_token')
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row?.github_token ?? null
}

export async function recordPushAccess(
  accountId: number,
  hasPushAccess: boolean,
  db: Database = getDb(),
  checkedAt = new Date(),
) {
  await db
    .updateTable('account')
    .set({
      has_push_access: hasPushAccess,
      push_access_checked_at: checkedAt,
      push_access_answered_at: checkedAt,
      push_access_failures: 0,
    })
    .where('id', '=', accountId)
    .execute()
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/**
 * How long after a check push access is asked of GitHub again once GitHub has answered, whether
 * the last check was answered or failed (GitHub down, the token revoked: 401). Retrying a failure
 * sooner would buy little: the answer kept meanwhile is no older than a successful check's may be
 * on this cadence anyway, and a revoked token works again only once its owner signs in again,
 * which checks at once. Retrying on every request, as before, cost a GitHub call and a warning
 * per page load.
 */
export const PUSH_ACCESS_RECHECK_MS = DAY_MS

/**
 * Until GitHub has answered once, there is no answer to keep: someone whose first check failed
 * is a contributor until one succeeds. Their failed check is retried after this, the wait
 * doubling with each failure in a row, up to PUSH_ACCESS_RECHECK_MS (5 min, 10, 20 ... a day).
 */
export const FIRST_PUSH_ACCESS_RETRY_MS = 5 * MINUTE_MS

/** Doublings past which the wait is a day anyway (5 min x 2^9 > a day): keeps 2^n finite. */
const MAX_DOUBLINGS = 10

type PushAccessState = Pick<
  Account,
  'push_access_checked_at' | 'push_access_answered_at' | 'push_access_failures'
>

/** How long after its last attempt the account's push access is due to be asked again. */
export function pushAccessWaitMs(account: Omit<PushAccessState, 'push_access_checked_at'>) {
  if (account.push_access_answered_at !== null) return PUSH_ACCESS_RECHECK_MS
  const doublings = Math.min(Math.max(account.push_access_failures - 1, 0), MAX_DOUBLINGS)
  return Math.min(FIRST_PUSH_ACCESS_RETRY_MS * 2 ** doublings, PUSH_ACCESS_RECHECK_MS)
}

/** When the account's push access is next due to be asked of GitHub (at once if never). */
export function pushAccessDueAt(account: PushAccessState) {
  const checkedAt = account.push_access_checked_at
  return new Date(checkedAt === null ? 0 : checkedAt.getTime() + pushAccessWaitMs(account))
}

/** pushAccessWaitMs in SQL, for the claim to decide in the same UPDATE. */
const pushAccessWait = sql<number>`(case
  when push_access_answered_at is not null then ${PUSH_ACCESS_RECHECK_MS}::float8
  else least(
    ${FIRST_PUSH_ACCESS_RETRY_MS}::float8
      * power(2, least(greatest(push_access_failures - 1, 0), ${MAX_DOUBLINGS}::int)),
    ${PUSH_ACCESS_RECHECK_MS}::float8
  )
end)`

/**
 * Takes the account's push-access check if it is due at `now` (pushAccessDueAt), deciding in
 * the UPDATE itself: the attempt's time is recorded before GitHub is asked, so only one request
 * (of one instance) asks, and a check that fails is not asked again at once.
 * `push_access_checked_at` is the last attempt, answered or not; `has_push_access` stays the last
 * answer GitHub gave. False when it is not due, or the account has no token to ask with.
 */
export async function claimPushAccessCheck(accountId: number, now: Date, db: Database = getDb()) {
  const claimed = await db
    .updateTable('account')
    .set({ push_access_checked_at: now })
    .where('id', '=', accountId)
    // Without a token there is nothing to ask GitHub, and no check to start.
    .where('github_token', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('push_access_checked_at', 'is', null),
        eb(
          sql<Date>`push_access_checked_at + ${pushAccessWait} * interval '1 millisecond'`,
          '<=',
          now,
        ),
      ]),
    )
    .returning('id')
    .executeTakeFirst()
  return claimed !== undefined
}

/**
 * Records a check GitHub did not answer (down, or the token refused): the last answer stands,
 * and one more failure in a row makes the wait before the next longer while none was ever given.
 */
export async function recordPushAccessAttempt(
  accountId: number,
  attemptedAt: Date,
  db: Database = getDb(),
) {
  await db
    .updateTable('account')
    .set((eb) => ({
      push_access_checked_at: attemptedAt,
      push_access_failures: eb('push_access_failures', '+', 1),
    }))
    .where('id', '=', accountId)
    .execute()
}

/** The account of a demo person, made on first use. Demo people never have a GitHub id. */
export async function ensureDemoAccount(
  person: { login: string; name: string; role: Role },
  db: Database = getDb(),
) {
  const existing = await db
    .selectFrom('account')
    .select('id')
    .where(sql`lower(login)`, '=', person.login.toLowerCase())
    .where('demo_role', 'is not', null)
    .executeTakeFirst()
  if (existing) {
    await db
      .updateTable('account')
      .set({ last_signed_in_at: sql<Date>`now()` })
      .where('id', '=', existing.id)
      .execute()
    return existing.id
  }
  const created = await db
    .insertInto('account')
    .values({ login: person.login, name: person.name, demo_role: person.role })
    .returning('id')
    .executeTakeFirstOrThrow()
  return created.id
}

/**
 * Whether a maintainer granted this login maintainership. A grant a demo person made is a demo
 * action and makes nobody a maintainer: anyone may be a demo maintainer, so honouring it would let
 * anyone grant themselves a real role that takes effect once GitHub sign-in is configured.
 */
export async function isGrantedMaintainer(login: string, db: Database = getDb()) {
  const row = await db
    .selectFrom('maintainer_grant as g')
    .select('g.login')
    .where('g.login', '=', login.toLowerCase())
    .where((eb) => eb.not(isDemoAccount(eb.ref('g.granted_by'))))
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The accounts that maintain the board, by the rules a session's role follows (auth.server.ts
 * roleOf): a demo maintainer, a login in BOARD_MAINTAINERS, one a real maintainer granted, or
 * one that can push to a mirrored repository (as last checked).
 */
export async function listMaintainerAccountIds(db: Database = getDb()) {
  const named = getEnv().BOARD_MAINTAINERS
  const rows = await db
    .selectFrom('account as a')
    .select('a.id')
    .where((eb) =>
      eb.or([
        eb('a.demo_role', '=', 'maintainer'),
        eb.and([
          eb('a.demo_role', 'is', null),
          eb.or([
            eb('a.has_push_access', '=', true),
            ...(named.length > 0 ? [eb(sql<string>`lower(a.login)`, 'in', named)] : []),
            eb.exists(
              eb
                .selectFrom('maintainer_grant as g')
                .select('g.login')
                .whereRef('g.login', '=', sql<string>`lower(a.login)`)
                .where((inner) => inner.not(isDemoAccount(inner.ref('g.granted_by')))),
            ),
          ]),
        ]),
      ]),
    )
    .execute()
  return rows.map((row) => row.id)
}

/**
 * Whether nobody can be a maintainer yet: no login in BOARD_MAINTAINERS, no grant by a real
 * maintainer and no account with push access (demo maintainers aside).
 */
export async function isWithoutMaintainers(db: Database = getDb()) {
  if (getEnv().BOARD_MAINTAINERS.length > 0) return false
  const row = await db
    .selectFrom('account as a')
    .select('a.id')
    .where('a.demo_role', 'is', null)
    .where('a.has_push_access', '=', true)
    .unionAll(
      db
        .selectFrom('maintainer_grant as g')
        .select(sql<number>`0`.as('id'))
        .where((eb) => eb.not(isDemoAccount(eb.ref('g.granted_by')))),
    )
    .limit(1)
    .executeTakeFirst()
  return row === undefined
}

export async function listMaintainerGrants(db: Database = getDb()) {
  return db
    .selectFrom('maintainer_grant as g')
    .leftJoin('account as a', 'a.id', 'g.granted_by')
    .select((eb) => [
      'g.login',
      'g.granted_at',
      'a.login as granted_by_login',
      // Granted by a demo person: a demo action, and the page says so.
      isDemoAccount(eb.ref('g.granted_by')).as('is_demo_grant'),
    ])
    .orderBy('g.login')
    .execute()
}

/**
 * The seeded demo maintainers (Sam, Kai) the loaded demo acts as, named as every page names them:
 * maintainers by their demo account's role, like Dana and Ari, but nobody signs in as them. Empty
 * unless the triaged demo was loaded.
 */
export async function listSeededDemoMaintainers(db: Database = getDb()) {
  const seeded = DEMO_SEED_PEOPLE.filter((person) => person.role === 'maintainer')
  const rows = await db
    .selectFrom('account')
    .select('login')
    .where('demo_role', '=', 'maintainer')
    .where(
      sql<string>`lower(login)`,
      'in',
      seeded.map((person) => person.login),
    )
    .execute()
  const present = new Set(rows.map((row) => row.login.toLowerCase()))
  // In the people's own order (Sam, then Kai), as the demo introduces them.
  return seeded
    .filter((person) => present.has(person.login))
    .map((person) => ({
      login: person.login,
      name: personName({ login: person.login, isDemo: true }),
    }))
}

/** Accounts that are maintainers through push access to a mirrored repository. */
export async function listAccountsWithPushAccess(db: Database = getDb()) {
  return db
    .selectFrom('account')
    .select(['login', 'push_access_checked_at'])
    .where('has_push_access', '=', true)
    .orderBy(sql`lower(login)`)
    .execute()
}

/** Grants or revokes maintainership by login, with an audit row, in one transaction. */
export async function changeMaintainerGrant(
  actor: Person,
  action: 'grant' | 'revoke',
  subjectLogin: string,
  db: Database = getDb(),
) {
  const login = subjectLogin.toLowerCase()
  return db.transaction().execute(async (trx) => {
    const changed =
      action === 'grant'
        ? await trx
            .insertInto('maintainer_grant')
            .values({ login, granted_by: actor.id })
            // A real maintainer's grant replaces a demo person's, which counted for nothing.
            .onConflict((oc) =>
              oc
                .column('login')
                .doUpdateSet({ granted_by: actor.id, granted_at: sql<Date>`now()` })
                .where((eb) =>
                  eb.and([
                    isDemoAccount(eb.ref('maintainer_grant.granted_by')),
                    eb.not(isDemoAccount(eb.val(actor.id))),
                  ]),
                ),
            )
            .returning('login')
            .executeTakeFirst()
        : await trx
            .deleteFrom('maintainer_grant')
            .where('login', '=', login)
            .returning('login')
            .executeTakeFirst()
    if (!changed) return false
    await trx
      .insertInto('role_audit')
      .values({ actor_id: actor.id, actor_login: actor.login, action, subject_login: login })
      .execute()
    return true
  })
}

export async function listRoleAudit(limit = 50, db: Database = getDb()) {
  return db
    .selectFrom('role_audit')
    .select((eb) => [
      'id',
      'actor_login',
      'action',
      'subject_login',
      'at',
      isDemoAccount(eb.ref('actor_id')).as('is_demo_action'),
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
