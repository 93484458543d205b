import { sql, type RawBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { RatingAxis, Stars } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { isDemoAccount, isDemoActor } from '../accounts/account.server'
import type { Actor } from '../accounts/person'
import {
  markReportDisagreesRead,
  notifyMentorNamed,
  notifyMentorOfferSettled,
} from '../notifications/notify.server'
import { GITHUB_LOGIN } from '../utils/github-names'
import { refuse } from '../utils/refusal'

import { reportDisagreements } from './calibration'
import { TIME_TAKEN, type FinishedTime } from './claim-feedback'
import { parseIssueRef, type StarterProjectInput } from './project-input'
import { isRunningClaim } from './running-claim.server'
import { getStarterSettings } from './settings.server'

// Starter projects as stored: created and rewritten from the tagging form, rated (every rating
// change audited), and read for the project page. Who changes a project is an `Actor | null`:
// null for the demo loader, recorded as "demo data".

/** Finds the mirrored issue a project attaches to; refused when it is not mirrored. */
async function resolveAttachedIssue(ref: string | null, db: Database) {
  if (!ref) return null
  const parsed = parseIssueRef(ref)
  const issue =
    parsed &&
    (await db
      .selectFrom('issue as i')
      .innerJoin('repository as r', 'r.id', 'i.repository_id')
      .select(['i.id', 'i.state', 'r.full_name'])
      .where(sql`lower(r.full_name)`, '=', parsed.repo.toLowerCase())
      .where('i.number', '=', parsed.number)
      .executeTakeFirst())
  if (!issue) {
    refuse(`${ref} is not in the mirror: sync its repository first.`)
  }
  return issue
}

function projectRow(input: StarterProjectInput) {
  return {
    title: input.title,
    summary: input.summary,
    primary_domain: input.primaryDomain,
    secondary_domains: input.secondaryDomains,
    language_stars: input.languageStars,
    domain_stars: input.domainStars,
    size: input.size,
    repos: input.repos,
    related_issues: input.relatedIssues,
    read_first: input.readFirst,
    ...(input.mentorContact !== undefined ? { mentor_contact: input.mentorContact } : {}),
  }
}

/** Whether the account is one of the project's mentors (named by her account, not only by name). */
export async function isMentorOf(projectId: number, accountId: number, db: Database = getDb()) {
  const mentor = await db
    .selectFrom('starter_project_mentor')
    .select('project_id')
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return mentor !== undefined
}

/** A project's mentors as stored, in order: an account's id, or null for a plain name. */
function listMentorRows(projectId: number, db: Database) {
  return db
    .selectFrom('starter_project_mentor')
    .select(['account_id', 'name'])
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute()
}

/**
 * Sets a project's mentors from the names a form gave; returns whether they changed, so an update
 * records when (and by whom) they were last named, and the accounts named now that were not
 * mentors before, so they are told. An unchanged list is not rewritten.
 */
async function replaceMentors(projectId: number, names: string[], db: Database) {
  return writeMentors(projectId, await resolveMentors(names, db), db)
}

/**
 * Writes a project's mentors in this order unless they are these already: whether they changed,
 * and the accounts that were not mentors before. A mentor taken off loses her offer settled as
 * added (`mentor_offer`): it is spent, and kept it would stop her offering again.
 */
async function writeMentors(
  projectId: number,
  mentors: { account_id: number | null; name: string }[],
  db: Database,
): Promise<{ changed: boolean; newAccountIds: number[] }> {
  const before = await listMentorRows(projectId, db)
  const isSame =
    before.length === mentors.length &&
    before.every(
      (mentor, index) =>
        mentor.account_id === mentors[index]!.account_id && mentor.name === mentors[index]!.name,
    )
  if (isSame) return { changed: false, newAccountIds: [] }
  await db.deleteFrom('starter_project_mentor').where('project_id', '=', projectId).execute()
  if (mentors.length > 0) {
    await db
      .insertInto('starter_project_mentor')
      .values(mentors.map((mentor, position) => ({ project_id: projectId, position, ...mentor })))
      .execute()
  }
  const accountsOf = (list: { account_id: number | null }[]) =>
    new Set(list.flatMap((mentor) => (mentor.account_id === null ? [] : [mentor.account_id])))
  const [was, now] = [accountsOf(before), accountsOf(mentors)]
  const removed = [...was].filter((id) => !now.has(id))
  if (removed.length > 0) {
    await db
      .deleteFrom('mentor_offer')
      .where('project_id', '=', projectId)
      .where('account_id', 'in', removed)
      .where('outcome', '=', 'added')
      .execute()
  }
  return { changed: true, newAccountIds: [...now].filter((id) => !was.has(id)) }
}

async function resolveMentors(
  names: string[],
  db: Database,
): Promise<{ account_id: number | null; name: string }[]> {
  if (names.length === 0) return []
  // "@login names an account on the board, and so does a bare name that is exactly an account's
  // login: people write "dana" as often as "@dana", and both must reach the one person, who then
  // hears about the project. Anything else is kept as a plain name.
  const loginOf = (name: string) => (name.startsWith('@') ? name.slice(1) : name).toLowerCase()
  const logins = [...new Set(names.map(loginOf).filter((login) => GITHUB_LOGIN.test(login)))]
  const accounts =
    logins.length === 0
      ? []
      : await db
          .selectFrom('account')
          .select(['id', 'login'])
          .where(sql`lower(login)`, 'in', logins)
          .execute()
  const byLogin = new Map(accounts.map((account) => [account.login.toLowerCase(), account]))
  // One row per person, where she was first named: "dana" and "@dana" are not two mentors.
  const mentors = new Map<string, { account_id: number | null; name: string }>()
  for (const name of names) {
    const account = byLogin.get(loginOf(name))
    const person = account ? `account ${account.id}` : `name ${loginOf(name)}`
    if (mentors.has(person)) continue
    mentors.set(person, { account_id: account?.id ?? null, name: account ? account.login : name })
  }
  return [...mentors.values()]
}

async function auditRatings(
  projectId: number,
  before: { language_stars: Stars | null; domain_stars: Stars | null },
  after: { language_stars: Stars | null; domain_stars: Stars | null },
  actor: Actor | null,
  db: Database,
) {
  const changes: { axis: RatingAxis; from: Stars | null; to: Stars | null }[] = []
  if (before.language_stars !== after.language_stars) {
    changes.push({ axis: 'language', from: before.language_stars, to: after.language_stars })
  }
  if (before.domain_stars !== after.domain_stars) {
    changes.push({ axis: 'domain', from: before.domain_stars, to: after.domain_stars })
  }
  if (changes.length === 0) return false
  await db
    .insertInto('rating_audit')
    .values(
      changes.map((change) => ({
        project_id: projectId,
        actor_id: actor?.id ?? null,
        actor_login: actor?.login ?? 'demo data',
        axis: change.axis,
        from_stars: change.from,
        to_stars: change.to,
      })),
    )
    .execute()
  await answerReportDisagreements(
    projectId,
    before,
    changes.map((change) => change.axis),
    db,
  )
  return true
}

/**
 * A re-rate answers the reports that disagreed with the rating it replaces: each report whose
 * every disagreeing axis (`reportDisagreements`, against that rating) is one re-rated now. Their
 * notices (`report_disagrees`, to the maintainers and the mentors) are marked read, whoever
 * re-rated and wherever (the edit page, the calibration page, a label learned from GitHub): the
 * stars it questioned were chosen again after it, so "For you" names it among the newest no more.
 * A report that also disagrees on an axis left as it was still waits for an answer there.
 */
async function answerReportDisagreements(
  projectId: number,
  before: { language_stars: Stars | null; domain_stars: Stars | null },
  reratedAxes: readonly RatingAxis[],
  db: Database,
) {
  const reports = await db
    .selectFrom('claim_feedback')
    .select(['claim_id', 'language_stars', 'domain_stars'])
    .where('project_id', '=', projectId)
    .execute()
  const { driftThreshold } = getStarterSettings()
  const rating = { language: before.language_stars, domain: before.domain_stars }
  const answered = reports.filter((report) =>
    reportDisagreements(
      rating,
      { language: report.language_stars, domain: report.domain_stars },
      driftThreshold,
    ).every((disagreement) => reratedAxes.includes(disagreement.axis)),
  )
  await markReportDisagreesRead(
    db,
    answered.map((report) => report.claim_id),
  )
}

/** Creates a project (ratings audited from "unrated"); returns its id. */
export async function createStarterProject(
  input: StarterProjectInput,
  actor: Actor | null,
  db: Database = getDb(),
  extra: {
    sourceKey?: string
    legacyNote?: string | null
    createdAt?: Date
    /** Only the era of the listing is known; `createdAt` is then its first day. */
    listedEra?: string | null
  } = {},
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const issue = await resolveAttachedIssue(input.issue, trx)
    await refuseIfAttachedElsewhere(issue?.id ?? null, null, trx)
    const row = projectRow(input)
    const { id } = await trx
      .insertInto('starter_project')
      .values({
        ...row,
        // An attached project follows its issue from the start.
        status: issue?.state === 'closed' ? 'done' : input.status,
        issue_id: issue?.id ?? null,
        source_key: extra.sourceKey ?? null,
        legacy_note: extra.legacyNote ?? null,
        listed_era: extra.listedEra ?? null,
        created_by: actor?.id ?? null,
        rated_by: row.language_stars || row.domain_stars ? (actor?.id ?? null) : null,
        rated_at: row.language_stars || row.domain_stars ? (extra.createdAt ?? new Date()) : null,
        ...(extra.createdAt ? { created_at: extra.createdAt, updated_at: extra.createdAt } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const mentors = await replaceMentors(id, input.mentors, trx)
    await auditRatings(id, { language_stars: null, domain_stars: null }, row, actor, trx)
    // Named on the tagging form that lists the project, as on its edit page; not by the demo loader.
    if (actor?.id != null) {
      await notifyMentorNamed(trx, { id, title: input.title }, mentors.newAccountIds, {
        id: actor.id,
        login: actor.login,
      })
    }
    return id
  })
}

/** The starter project made from a mirrored issue, if any (an issue is at most one project). */
export async function findProjectOfIssue(issueId: number, db: Database = getDb()) {
  return db
    .selectFrom('starter_project')
    .select(['id', 'title', 'status'])
    .where('issue_id', '=', issueId)
    .executeTakeFirst()
}

async function refuseIfAttachedElsewhere(
  issueId: number | null,
  projectId: number | null,
  db: Database,
) {
  if (issueId === null) return
  const other = await findProjectOfIssue(issueId, db)
  if (other && other.id !== projectId) {
    refuse(`That issue is already the starter project "${other.title}" (#${other.id}).`, 409)
  }
}

async function lockProject(id: number, db: Database) {
  const project = await db
    .selectFrom('starter_project')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!project) refuse('There is no such starter project.', 404)
  return project
}

/** Rewrites a project from the tagging form; rating changes are audited. */
export async function updateStarterProject(
  id: number,
  input: StarterProjectInput,
  actor: Actor | null,
  db: Database = getDb(),
): Promise<void> {
  return inTransaction(db, async (trx) => {
    const before = await lockProject(id, trx)
    const issue = await resolveAttachedIssue(input.issue, trx)
    await refuseIfAttachedElsewhere(issue?.id ?? null, id, trx)
    const row = projectRow(input)
    const rated = await auditRatings(id, before, row, actor, trx)
    await trx
      .updateTable('starter_project')
      .set({
        ...row,
        status: issue ? (issue.state === 'closed' ? 'done' : input.status) : input.status,
        issue_id: issue?.id ?? null,
        updated_at: new Date(),
        ...(rated ? { rated_by: actor?.id ?? null, rated_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .execute()
    const mentors = await replaceMentors(id, input.mentors, trx)
    if (!mentors.changed) return
    const settledOffers = await recordMentorsNamed(id, actor, trx)
    // The demo loader (no actor) names nobody: its mentors are the demo's data, not news.
    if (actor?.id == null) return
    const project = { id, title: input.title }
    const named = { id: actor.id, login: actor.login }
    // Her offer settled by this save is her one notice: the answer to it, as "Add as mentor" says.
    for (const offer of settledOffers) {
      await notifyMentorOfferSettled(trx, {
        offerId: offer.id,
        project,
        offererId: offer.account_id,
        outcome: 'added',
        actor: named,
      })
    }
    const answered = new Set(settledOffers.map((offer) => offer.account_id))
    await notifyMentorNamed(
      trx,
      project,
      mentors.newAccountIds.filter((accountId) => !answered.has(accountId)),
      named,
    )
  })
}

/**
 * The mentors changed: when and by whom, which the page says instead of the listing's date. An
 * offer to mentor from someone now named is settled as added (`mentor_offer`): she is one, so it
 * waits for nobody. Returns the offers it settled, so a save answers each offerer once.
 */
async function recordMentorsNamed(
  id: number,
  actor: Actor | null,
  db: Database,
): Promise<{ id: number; account_id: number }[]> {
  await db
    .updateTable('starter_project')
    .set({ mentors_named_at: new Date(), mentors_named_by: actor?.id ?? null })
    .where('id', '=', id)
    .execute()
  return db
    .updateTable('mentor_offer')
    .set({
      outcome: 'added',
      settled_at: sql<Date>`now()`,
      settled_by: actor?.id ?? null,
      settled_is_demo_action: await isDemoActor(actor?.id ?? null, db),
    })
    .where('project_id', '=', id)
    .where('outcome', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('starter_project_mentor as m')
          .select('m.project_id')
          .whereRef('m.project_id', '=', 'mentor_offer.project_id')
          .whereRef('m.account_id', '=', 'mentor_offer.account_id'),
      ),
    )
    .returning(['id', 'account_id'])
    .execute()
}

/**
 * Names one more mentor by her account, after those named already, as the edit page would with
 * her login added to its list: recorded when and by whom, the project's version moved on (a form
 * loaded before is refused rather than dropping her). False when she mentors it already.
 */
export async function addMentorAccount(
  projectId: number,
  account: { id: number; login: string },
  actor: Actor,
  db: Database,
): Promise<boolean> {
  const before = await listMentorRows(projectId, db)
  if (before.some((mentor) => mentor.account_id === account.id)) return false
  await writeMentors(projectId, [...before, { account_id: account.id, name: account.login }], db)
  await db
    .updateTable('starter_project')
    .set({ updated_at: new Date() })
    .where('id', '=', projectId)
    .execute()
  await recordMentorsNamed(projectId, actor, db)
  return true
}

/** Sets both ratings (the calibration page's one-click re-rate); returns whether anything changed. */
export async function rateStarterProject(
  id: number,
  ratings: { languageStars: Stars | null; domainStars: Stars | null },
  actor: Actor | null,
  db: Database = getDb(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await lockProject(id, trx)
    const after = { language_stars: ratings.languageStars, domain_stars: ratings.domainStars }
    const rated = await auditRatings(id, before, after, actor, trx)
    if (rated) {
      await trx
        .updateTable('starter_project')
        .set({
          ...after,
          rated_by: actor?.id ?? null,
          rated_at: new Date(),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute()
    }
    return rated
  })
}

/** Everything the project page shows. */
export async function getStarterProject(id: number, db: Database = getDb()) {
  return db
    .selectFrom('starter_project as p')
    .leftJoin('issue as i', 'i.id', 'p.issue_id')
    .leftJoin('repository as r', 'r.id', 'i.repository_id')
    .leftJoin('account as rater', 'rater.id', 'p.rated_by')
    .selectAll('p')
    .select((eb) => [
      'i.state as issue_state',
      'i.html_url as issue_url',
      'i.number as issue_number',
      'r.full_name as issue_repo',
      'rater.login as rated_by_login',
      'rater.name as rated_by_name',
      // A demo person's rating is a demo action, and the page says so (decision 012).
      sql<boolean>`rater.demo_role is not null`.as('rated_by_demo'),
      isDemoAccount(eb.ref('p.mentors_named_by')).as('mentors_named_by_demo'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_project_mentor as m')
          .leftJoin('account as a', 'a.id', 'm.account_id')
          .select([
            'm.name',
            'm.account_id',
            'a.avatar_url',
            sql<boolean>`coalesce(a.demo_role is not null, false)`.as('is_demo'),
          ])
          .whereRef('m.project_id', '=', 'p.id')
          .orderBy('m.position'),
      ).as('mentors'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_claim')
          .innerJoin('account as a', 'a.id', 'starter_claim.account_id')
          .select([
            'starter_claim.id',
            'starter_claim.account_id',
            'a.login',
            'starter_claim.claimed_at',
            'starter_claim.renewed_at',
            'starter_claim.expires_at',
          ])
          .whereRef('starter_claim.project_id', '=', 'p.id')
          .where(isRunningClaim())
          .orderBy('starter_claim.claimed_at'),
      ).as('claims'),
      jsonArrayFrom(
        eb
          .selectFrom('rating_audit as ra')
          .leftJoin('account as actor', 'actor.id', 'ra.actor_id')
          .select([
            'ra.actor_login',
            'ra.axis',
            'ra.from_stars',
            'ra.to_stars',
            'ra.at',
            sql<boolean>`actor.demo_role is not null`.as('is_demo'),
          ])
          .whereRef('ra.project_id', '=', 'p.id')
          .orderBy('ra.at', 'desc')
          .orderBy('ra.id', 'desc')
          .limit(50),
      ).as('ratingHistory'),
      perceivedRatings(sql.ref('p.id')).as('perceived'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst()
}

export type StarterProjectDetail = NonNullable<Awaited<ReturnType<typeof getStarterProject>>>

/**
 * Contributors' average of what they met, per axis, with how many reported and how many of those
 * reports are a demo person's (demo actions, which every page showing them says: decision 012).
 */
export function perceivedRatings(projectId: RawBuilder<number> | ReturnType<typeof sql.ref>) {
  return sql<Perceived>`(
    select json_build_object(
      'languageStars', round(avg(f.language_stars), 2)::float8,
      'domainStars', round(avg(f.domain_stars), 2)::float8,
      'reports', count(*)::int,
      'demoReports', (count(*) filter (where reporter.demo_role is not null))::int)
    from claim_feedback f
    left join account reporter on reporter.id = f.account_id
    where f.project_id = ${projectId})`
}

/**
 * How long those who finished the project took, as they reported it (`FinishedTime`): the median
 * of the reports on finished claims, a tie toward the longer (percentile_disc over the answers
 * longest first), with how many there are and how many a demo person made. One subquery in the
 * caller's select, so a list of projects asks no query per row.
 */
export function finishedTimeReported(projectId: RawBuilder<number> | ReturnType<typeof sql.ref>) {
  const order = sql`array[${sql.join(TIME_TAKEN.map((time) => sql.lit(time)))}]::text[]`
  return sql<FinishedTime>`(
    select json_build_object(
      'typical', (${order})[percentile_disc(0.5) within group (
        order by array_position(${order}, f.time_taken) desc)],
      'reports', count(*)::int,
      'demoReports', (count(*) filter (where reporter.demo_role is not null))::int)
    from claim_feedback f
    join starter_claim c on c.id = f.claim_id
    left join account reporter on reporter.id = f.account_id
    where f.project_id = ${projectId} and c.outcome = 'done')`
}

export type Perceived = {
  languageStars: number | null
  domainStars: number | null
  reports: number
  /** Of `reports`, those a demo person made: demo actions. */
  demoReports: number
}

/** open / claimed / done / inactive as people see it: "claimed" while a claim runs. */
export function displayStatus(project: { status: string; claims: unknown[] }) {
  return project.status === 'open' && project.claims.length > 0 ? 'claimed' : project.status
}
