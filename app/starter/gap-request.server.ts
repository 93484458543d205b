import { sql } from 'kysely'
import { z } from 'zod'

import { getDb, type Database } from '../../db/client.server'
import type { LanguageLevel, Stars } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { isDemoAccount } from '../accounts/account.server'
import { personName, type Person } from '../accounts/person'
import { notifyGapRequested, notifyRequestAnswered } from '../notifications/notify.server'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { refuse } from '../utils/refusal'

import { LANGUAGE_LEVELS } from './finder'
import { FIT_RULE, type GapRequestInput } from './gap-request-input'
import { hasNoRunningClaim } from './running-claim.server'
import { isAnyProjectRated, offeredDomains } from './supply.server'

// "Nothing fits me" requests (validated by app/starter/gap-request-input.ts) and the maintainers'
// gap dashboard that sets them against the open supply.

// The finder's loader reads the thank-you parameter from here.

// The same request sent again this soon is a double submission, not a second request.
const DOUBLE_SUBMISSION_WINDOW = '10 minutes'

/**
 * One's "nothing fits me" requests no maintainer has answered yet, and when the latest was sent:
 * coming back to no sign of a request reads as if it was lost, and invites sending it again (the
 * home page and My work say they wait; the finder says so instead of inviting another).
 */
export async function getWaitingGapRequests(accountId: number, db: Database = getDb()) {
  return db
    .selectFrom('gap_request')
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<Date | null>`max(created_at)`.as('latest'),
    ])
    .where('account_id', '=', accountId)
    .where('answered_at', 'is', null)
    .executeTakeFirstOrThrow()
}

/** Stores a request from a signed-in person; refuses the same one sent twice in a row (409). */
export async function createGapRequest(
  input: GapRequestInput,
  actor: Person,
  db: Database = getDb(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    // Serialises one person's submissions, so a double click cannot slip two rows past the check.
    await sql`select pg_advisory_xact_lock(hashtext('gap_request'), ${actor.id})`.execute(trx)
    const domains = [...input.domains].sort()
    const recent = await trx
      .selectFrom('gap_request')
      .select('id')
      .where('account_id', '=', actor.id)
      .where('answered_at', 'is', null)
      .where('created_at', '>', sql<Date>`now() - ${DOUBLE_SUBMISSION_WINDOW}::interval`)
      .where('language_level', '=', input.languageLevel)
      // Stored sorted, so the same choice in another order is the same request.
      .where('domains', '=', sql<string[]>`${domains}::text[]`)
      .where('time_available', 'is not distinct from', input.time)
      .where('wants_mentor', '=', input.wantsMentor)
      .where('note', '=', input.note)
      .executeTakeFirst()
    if (recent) {
      refuse(
        'You sent this same request a moment ago: we have it, and maintainers will see it.',
        409,
      )
    }
    const { id } = await trx
      .insertInto('gap_request')
      .values({
        account_id: actor.id,
        language_level: input.languageLevel,
        domains,
        time_available: input.time,
        wants_mentor: input.wantsMentor,
        note: input.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await notifyGapRequested(trx, { id, domains }, actor)
    return id
  })
}

/**
 * An open request, locked when `db` is a transaction; refused when it does not exist (404) or is
 * already answered (409). Shared by answering and by tagging a project for a request.
 */
export async function requireOpenGapRequest(id: number, db: Database = getDb()) {
  const request = await db
    .selectFrom('gap_request as g')
    .leftJoin('account as a', 'a.id', 'g.answered_by')
    .leftJoin('account as who', 'who.id', 'g.account_id')
    .select((eb) => [
      'g.id',
      'g.answered_at',
      'g.language_level',
      'g.domains',
      'a.login as answered_by_login',
      isDemoAccount(eb.ref('g.answered_by')).as('is_demo_answer'),
      'who.login as login',
      isDemoAccount(eb.ref('g.account_id')).as('is_demo_request'),
    ])
    .where('g.id', '=', id)
    .$if(db.isTransaction, (qb) => qb.forUpdate('g'))
    .executeTakeFirst()
  if (!request) refuse(`There is no request #${id}.`, 404)
  if (request.answered_at) {
    const by = request.answered_by_login
      ? ` by ${personName({ login: request.answered_by_login, isDemo: request.is_demo_answer })}`
      : ''
    refuse(
      `Request #${id} was already answered${by} on ${request.answered_at.toISOString().slice(0, 10)}: nothing changed.`,
      409,
    )
  }
  return request
}

/**
 * Marks a request answered, optionally with the project made for it and a word to the newcomer.
 * Refused when the request does not exist (404), is already answered (409) or the project does
 * not exist (400).
 */
export async function answerGapRequest(
  id: number,
  answer: { projectId: number | null; note?: string },
  actor: Person,
  db: Database = getDb(),
): Promise<{ projectTitle: string | null }> {
  return inTransaction(db, async (trx) => {
    await requireOpenGapRequest(id, trx)
    let projectTitle: string | null = null
    if (answer.projectId !== null) {
      const project = await trx
        .selectFrom('starter_project')
        .select('title')
        .where('id', '=', answer.projectId)
        .executeTakeFirst()
      if (!project) {
        refuse(`There is no starter project #${answer.projectId}.`, 400)
      }
      projectTitle = project.title
    }
    await trx
      .updateTable('gap_request')
      .set({
        // The database's clock, as the request's own created_at: an answer is never dated before
        // the request it answers, and the demo's seeded answer is dated with the rest of its load.
        answered_at: sql<Date>`now()`,
        answered_by: actor.id,
        answer_project_id: answer.projectId,
        answer_note: answer.note ?? '',
      })
      .where('id', '=', id)
      .execute()
    await notifyRequestAnswered(trx, {
      id,
      projectId: answer.projectId,
      note: answer.note ?? '',
      actorId: actor.id,
    })
    // The answering page names the project, as a maintainer knows it, not only by number.
    return { projectTitle }
  })
}

/** The request a project answers, for its page's notice; null unless `projectId` answered it. */
export async function getRequestAnsweredBy(
  requestId: number,
  projectId: number,
  db: Database = getDb(),
) {
  const row = await db
    .selectFrom('gap_request as g')
    .leftJoin('account as who', 'who.id', 'g.account_id')
    .select((eb) => [
      'g.id',
      'who.login as login',
      isDemoAccount(eb.ref('g.account_id')).as('is_demo'),
    ])
    .where('g.id', '=', requestId)
    .where('g.answer_project_id', '=', projectId)
    .executeTakeFirst()
  return row ?? null
}

export type DemandCell = { requests: number; fitting: number }
/** '' is the row of requests that named no domain. */
export type DemandRow = { domain: string; cells: Record<LanguageLevel, DemandCell> }

const NO_DOMAIN = ''

/** Open unclaimed projects, rated on both axes: the supply a request can be matched against. */
function ratedOpenSupply(db: Database) {
  return openUnclaimed(db)
    .where('p.language_stars', 'is not', null)
    .where('p.domain_stars', 'is not', null)
}

function openUnclaimed(db: Database) {
  return db
    .selectFrom('starter_project as p')
    .where('p.status', '=', 'open')
    .where(hasNoRunningClaim('p'))
}

/**
 * Unmet demand by domain × language level: open requests (one per domain they name), and how
 * many open unclaimed projects would fit a request in that cell (see FIT_RULE).
 */
export async function getGapDemand(domains: readonly string[], db: Database = getDb()) {
  const [demand, inDomain, anyDomain] = await Promise.all([
    db
      .selectFrom('gap_request as g')
      .leftJoin(sql<{ domain: string }>`unnest(g.domains)`.as('d'), (join) => join.onTrue())
      .select([
        sql<string>`coalesce(d, '')`.as('domain'),
        'g.language_level',
        sql<number>`count(*)::int`.as('count'),
      ])
      .where('g.answered_at', 'is', null)
      .groupBy([sql`coalesce(d, '')`, 'g.language_level'])
      .execute(),
    db
      .selectFrom(
        ratedOpenSupply(db)
          .select([
            'p.id',
            'p.language_stars',
            'p.domain_stars',
            'p.primary_domain',
            'p.secondary_domains',
          ])
          .as('s'),
      )
      // A domain's fitting supply counts as the supply page's rows do (supply.ts).
      .innerJoin(offeredDomains('s'), (join) => join.onTrue())
      .select(['d.domain', 's.language_stars', sql<number>`count(*)::int`.as('count')])
      .where('s.domain_stars', '<=', FIT_RULE.knownDomainMaxStars)
      .groupBy(['d.domain', 's.language_stars'])
      .execute(),
    ratedOpenSupply(db)
      .select(['p.language_stars', sql<number>`count(*)::int`.as('count')])
      .where('p.domain_stars', '<=', FIT_RULE.otherDomainMaxStars)
      .groupBy('p.language_stars')
      .execute(),
  ])

  const rowFor = (domain: string): DemandRow => ({
    domain,
    cells: Object.fromEntries(
      LANGUAGE_LEVELS.map((level) => [level, { requests: 0, fitting: 0 }]),
    ) as Record<LanguageLevel, DemandCell>,
  })
  const rows = new Map<string, DemandRow>([...domains, NO_DOMAIN].map((d) => [d, rowFor(d)]))
  for (const cell of demand) {
    // A domain dropped from the settings since the request was sent still shows as demand.
    const row =
      rows.get(cell.domain) ?? rows.set(cell.domain, rowFor(cell.domain)).get(cell.domain)!
    row.cells[cell.language_level].requests += cell.count
  }
  const addFitting = (row: DemandRow | undefined, stars: Stars | null, count: number) => {
    if (!row || stars === null) return
    for (const level of LANGUAGE_LEVELS) {
      if (stars <= FIT_RULE.languageMaxStars[level]) row.cells[level].fitting += count
    }
  }
  for (const supply of inDomain)
    addFitting(rows.get(supply.domain), supply.language_stars, supply.count)
  for (const supply of anyDomain)
    addFitting(rows.get(NO_DOMAIN), supply.language_stars, supply.count)
  return [...rows.values()]
}

export const GAP_PAGE_SIZE = 50

/** The last request of the previous page: its time is read back in the database (see below). */
export type GapCursor = { id: number }

/** Open requests, newest first, keyset-paginated; answered ones are listed apart (newest answer first). */
export async function listGapRequests(
  {
    answered,
    cursor = null,
    limit = GAP_PAGE_SIZE,
  }: { answered: boolean; cursor?: GapCursor | null; limit?: number },
  db: Database = getDb(),
) {
  const rows = await db
    .selectFrom('gap_request as g')
    .leftJoin('account as who', 'who.id', 'g.account_id')
    .leftJoin('account as answerer', 'answerer.id', 'g.answered_by')
    .leftJoin('starter_project as p', 'p.id', 'g.answer_project_id')
    .select([
      'g.id',
      'g.language_level',
      'g.domains',
      'g.time_available',
      'g.wants_mentor',
      'g.note',
      'g.created_at',
      'g.answered_at',
      'who.login as login',
      sql<boolean>`coalesce(who.demo_role is not null, false)`.as('is_demo'),
      'answerer.login as answered_by_login',
      sql<boolean>`coalesce(answerer.demo_role is not null, false)`.as('is_demo_answer'),
      'g.answer_project_id',
      'g.answer_note',
      'p.title as answer_project_title',
    ])
    // Compared in the database: a JavaScript Date would drop the microseconds of created_at (the
    // database's now()), and skip the requests sent within the same millisecond as the last one.
    .$if(!answered, (qb) =>
      qb
        .where('g.answered_at', 'is', null)
        .$if(cursor !== null, (inner) =>
          inner.where(
            sql<boolean>`(g.created_at, g.id) < (select created_at, id from gap_request where id = ${cursor!.id})`,
          ),
        )
        .orderBy('g.created_at', 'desc')
        .orderBy('g.id', 'desc'),
    )
    .$if(answered, (qb) =>
      qb
        .where('g.answered_at', 'is not', null)
        .$if(cursor !== null, (inner) =>
          inner.where(
            sql<boolean>`(g.answered_at, g.id) < (select answered_at, id from gap_request where id = ${cursor!.id})`,
          ),
        )
        .orderBy('g.answered_at', 'desc')
        .orderBy('g.id', 'desc'),
    )
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const nextCursor: GapCursor | null = rows.length > limit && last ? { id: last.id } : null
  return { items, nextCursor }
}

/** How many of the projects that now fit an open request are named beside it. */
export const FITTING_NAMED = 3

/**
 * For each of `requestIds` (the open page's), the open unclaimed projects that now fit it by
 * FIT_RULE, as the demand map counts them: the first few (oldest first) and how many in all. A
 * request sent when nothing fitted may have been met since by a new project or a rating; the
 * maintainer answers it with one of these. Requests with none are left out.
 */
export async function listProjectsFittingRequests(
  requestIds: readonly number[],
  db: Database = getDb(),
) {
  if (requestIds.length === 0) return new Map<number, FittingProjects>()
  const languageMax = sql<number>`case g.language_level ${sql.join(
    LANGUAGE_LEVELS.map(
      (level) => sql`when ${level} then ${FIT_RULE.languageMaxStars[level]}::int`,
    ),
    sql` `,
  )} end`
  // The projects any request could take are found once (materialized): asked again inside each
  // request's lateral join, the claim check ran once per project per request.
  const rows = await db
    .with(
      (cte) => cte('fit').materialized(),
      (db) =>
        db
          .selectFrom('starter_project as p')
          .select([
            'p.id',
            'p.title',
            'p.language_stars',
            'p.domain_stars',
            'p.primary_domain',
            'p.secondary_domains',
          ])
          .where('p.status', '=', 'open')
          .where(hasNoRunningClaim('p'))
          .where('p.language_stars', 'is not', null)
          .where('p.domain_stars', 'is not', null),
    )
    .selectFrom('gap_request as g')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('fit as p')
          .select(['p.id', 'p.title', sql<number>`(count(*) over ())::int`.as('total')])
          .where(sql<boolean>`p.language_stars <= ${languageMax}`)
          .where(
            sql<boolean>`(case when cardinality(g.domains) = 0
              then p.domain_stars <= ${FIT_RULE.otherDomainMaxStars}
              else p.domain_stars <= ${FIT_RULE.knownDomainMaxStars}
                and (p.primary_domain = any(g.domains) or p.secondary_domains && g.domains) end)`,
          )
          .orderBy('p.id')
          .limit(FITTING_NAMED)
          .as('f'),
      (join) => join.onTrue(),
    )
    .select(['g.id as request_id', 'f.id', 'f.title', 'f.total'])
    .where('g.id', 'in', [...requestIds])
    .where('g.answered_at', 'is', null)
    .orderBy('g.id')
    .orderBy('f.id')
    .execute()
  const fitting = new Map<number, FittingProjects>()
  for (const row of rows) {
    const entry = fitting.get(row.request_id) ?? { total: row.total, projects: [] }
    entry.projects.push({ id: row.id, title: row.title })
    fitting.set(row.request_id, entry)
  }
  return fitting
}

export type FittingProjects = { total: number; projects: { id: number; title: string }[] }

/** Open unclaimed projects with an unrated axis: rating them may close a gap. */
export async function countUnratedOpenSupply(db: Database = getDb()) {
  const row = await openUnclaimed(db)
    .select(sql<number>`count(*)::int`.as('count'))
    .where((eb) => eb.or([eb('p.language_stars', 'is', null), eb('p.domain_stars', 'is', null)]))
    .executeTakeFirstOrThrow()
  return row.count
}

export async function countGapRequests(db: Database = getDb()) {
  const row = await db
    .selectFrom('gap_request')
    .select([
      sql<number>`count(*) filter (where answered_at is null)::int`.as('open'),
      sql<number>`count(*) filter (where answered_at is not null)::int`.as('answered'),
    ])
    .executeTakeFirstOrThrow()
  return row
}

/** Everything the gap dashboard shows, in one call (the bench times exactly this). */
export async function getGapDashboard(
  domains: readonly string[],
  {
    openCursor = null,
    answeredCursor = null,
  }: { openCursor?: GapCursor | null; answeredCursor?: GapCursor | null } = {},
  db: Database = getDb(),
) {
  const [demand, open, answered, counts, unratedSupply, isAnyRated] = await Promise.all([
    getGapDemand(domains, db),
    listGapRequests({ answered: false, cursor: openCursor }, db),
    listGapRequests({ answered: true, cursor: answeredCursor }, db),
    countGapRequests(db),
    countUnratedOpenSupply(db),
    isAnyProjectRated(db),
  ])
  const fitting = await listProjectsFittingRequests(
    open.items.map((item) => item.id),
    db,
  )
  return {
    demand,
    // Each open request with the projects that now fit it (none: not listed).
    open: {
      ...open,
      items: open.items.map((item) => ({ ...item, fitting: fitting.get(item.id) ?? null })),
    },
    answered,
    counts,
    unratedSupply,
    isAnyRated,
  }
}

const GapCursorSchema = z.tuple([cursorPart.id])

/** Cursor ⇄ opaque URL value; anything malformed reads as "first page". */
export function encodeGapCursor(cursor: GapCursor) {
  return encodeCursor([cursor.id])
}

export function decodeGapCursor(value: string | null): GapCursor | null {
  const parts = decodeCursor(value, GapCursorSchema)
  return parts && { id: parts[0] }
}

/** The newest projects, offered when marking a request answered (any project id is accepted). */
export async function listRecentProjects(limit = 50, db: Database = getDb()) {
  return db
    .selectFrom('starter_project')
    .select(['id', 'title'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
