import { sql, type AliasedRawBuilder } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { getEnv, hasMirageStarterAxes, mirrorsOwnRepositories } from '../utils/env.server'

import { hasNoRunningClaim } from './running-claim.server'
import { getStarterSettings } from './settings.server'
import {
  buildSupplyMatrix,
  SNAPSHOT_ONE_STAR_LEVEL,
  SUPPLY_LEVELS,
  type SupplyAxis,
  type SupplyGroup,
} from './supply'

// The supply of starter projects: open, unclaimed projects (status open, no running claim) by
// domain and level (app/starter/supply.ts), and how the supply moved over time: one snapshot a
// day in supply_snapshot.

/**
 * The domains a project of `alias` is offered under (supply.ts: primary or secondary, as the
 * finder), one row each, as `d.domain`: to join laterally. The gap dashboard counts with it too.
 */
export function offeredDomains(alias: string): AliasedRawBuilder<{ domain: string }, 'd'> {
  return sql<{
    domain: string
  }>`lateral (select distinct unnest(${sql.ref(`${alias}.secondary_domains`)} || ${sql.ref(`${alias}.primary_domain`)}) as domain)`.as(
    'd',
  )
}

/**
 * Open unclaimed projects, counted per domain they are offered under and pair of ratings (a few
 * hundred rows at most); `is_primary` marks the groups that count each project once.
 */
export async function listOpenSupplyGroups(db: Database = getDb()): Promise<SupplyGroup[]> {
  return db
    .selectFrom('starter_project as p')
    .innerJoin(offeredDomains('p'), (join) => join.onTrue())
    .select([
      'd.domain',
      sql<boolean>`d.domain = p.primary_domain`.as('is_primary'),
      'p.language_stars',
      'p.domain_stars',
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('p.status', '=', 'open')
    .where(hasNoRunningClaim('p'))
    .groupBy(['d.domain', sql`d.domain = p.primary_domain`, 'p.language_stars', 'p.domain_stars'])
    .execute()
}

/**
 * How many of the open unclaimed projects were rated by a demo person: the supply page says so,
 * because those stars are demo actions, not the community's ratings (docs/decisions/012).
 */
export async function countDemoRatedSupply(db: Database = getDb()): Promise<number> {
  const row = await db
    .selectFrom('starter_project as p')
    .innerJoin('account as rater', 'rater.id', 'p.rated_by')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('p.status', '=', 'open')
    .where('rater.demo_role', 'is not', null)
    .where(hasNoRunningClaim('p'))
    .executeTakeFirstOrThrow()
  return row.count
}

/**
 * Whether any starter project, of any status, has a rating on either axis. Supply is counted from
 * ratings, so before the first one every domain reads as run dry: the pages say that once instead.
 */
export async function isAnyProjectRated(db: Database = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom('starter_project')
    .select('id')
    .where((eb) =>
      eb.or([eb('language_stars', 'is not', null), eb('domain_stars', 'is not', null)]),
    )
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Whether the maintainers of a board mirroring their own repositories are about to rate on
 * MirageOS's axes (OCaml, its domains) because nobody changed the defaults: said where ratings are
 * made, until the first rating, after which the axes are the board's own choice. Every rating is
 * recorded on the axes of its day, so finding out later means rating everything again.
 */
export async function isRatingOnDefaultAxes(db: Database = getDb()) {
  const env = getEnv()
  if (!mirrorsOwnRepositories(env) || !hasMirageStarterAxes(env)) return false
  return !(await isAnyProjectRated(db))
}

/** The current UTC day as YYYY-MM-DD. */
export function utcDay(date = new Date()) {
  return date.toISOString().slice(0, 10)
}

/**
 * Records today's (or `day`'s) supply: for every domain, the open unclaimed projects at each
 * "max" level and the 1★-on-either-axis count, zeros included so the history has no holes.
 * Idempotent: calling it again the same day replaces that day's numbers.
 */
export async function recordSupplySnapshot(
  db: Database = getDb(),
  day: string = utcDay(),
  domains: readonly string[] = getStarterSettings().domains,
): Promise<{ day: string; total: number; oneStar: number }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a YYYY-MM-DD day: ${day}`)
  return inTransaction(db, async (trx) => {
    // Primary domains only: the history adds the rows up, so each project must be in one row (as
    // every day recorded before secondary domains counted in the page's rows).
    const groups = (await listOpenSupplyGroups(trx)).filter((group) => group.is_primary)
    const matrix = buildSupplyMatrix(groups, domains, 'max')
    const values = matrix.rows.flatMap((row) => [
      ...SUPPLY_LEVELS.map((level) => ({
        taken_on: day,
        domain: row.domain,
        level,
        open_count: row.cells[level],
      })),
      {
        taken_on: day,
        domain: row.domain,
        level: SNAPSHOT_ONE_STAR_LEVEL,
        open_count: row.oneStar,
      },
    ])
    // A domain dropped since the last recording of the day must not linger in it.
    await trx
      .deleteFrom('supply_snapshot')
      .where('taken_on', '=', sql<Date>`${day}::date`)
      .execute()
    await trx
      .insertInto('supply_snapshot')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['taken_on', 'domain', 'level'])
          .doUpdateSet((eb) => ({ open_count: eb.ref('excluded.open_count') })),
      )
      .execute()
    return { day, total: matrix.total, oneStar: matrix.oneStar }
  })
}

/** Records today's snapshot if nobody has yet (the dashboard calls it; one indexed lookup otherwise). */
export async function ensureSupplySnapshot(
  domains: readonly string[],
  db: Database = getDb(),
  day: string = utcDay(),
) {
  const existing = await db
    .selectFrom('supply_snapshot')
    .select('taken_on')
    .where('taken_on', '=', sql<Date>`${day}::date`)
    .limit(1)
    .executeTakeFirst()
  if (existing) return false
  await recordSupplySnapshot(db, day, domains)
  return true
}

export type SupplyHistoryPoint = { day: string; total: number; oneStar: number }

export const SUPPLY_HISTORY_DAYS = 90

/** Total and 1★ supply per recorded day, oldest first, over the last `days` days up to `today`. */
export async function listSupplyHistory(
  db: Database = getDb(),
  { days = SUPPLY_HISTORY_DAYS, today = utcDay() }: { days?: number; today?: string } = {},
): Promise<SupplyHistoryPoint[]> {
  const rows = await db
    .selectFrom('supply_snapshot')
    .select([
      sql<string>`to_char(taken_on, 'YYYY-MM-DD')`.as('day'),
      sql<number>`(sum(open_count) filter (where level <> ${SNAPSHOT_ONE_STAR_LEVEL}))::int`.as(
        'total',
      ),
      sql<number>`(sum(open_count) filter (where level = ${SNAPSHOT_ONE_STAR_LEVEL}))::int`.as(
        'oneStar',
      ),
    ])
    .where('taken_on', '>', sql<Date>`${today}::date - ${days}::int`)
    .where('taken_on', '<=', sql<Date>`${today}::date`)
    .groupBy('taken_on')
    .orderBy('taken_on')
    .execute()
  return rows.map((row) => ({ day: row.day, total: row.total ?? 0, oneStar: row.oneStar ?? 0 }))
}

/** Everything the supply dashboard shows on `today` (the bench times exactly this). */
export async function getSupplyDashboard(
  domains: readonly string[],
  axis: SupplyAxis,
  db: Database = getDb(),
  today: string = utcDay(),
) {
  await ensureSupplySnapshot(domains, db, today)
  const [groups, history, demoRated, isAnyRated] = await Promise.all([
    listOpenSupplyGroups(db),
    listSupplyHistory(db, { today }),
    countDemoRatedSupply(db),
    isAnyProjectRated(db),
  ])
  const matrix = buildSupplyMatrix(groups, domains, axis)
  // Today's point is recorded once a day; the chart shows today as it is now.
  const last = history.at(-1)
  if (last?.day === today) Object.assign(last, { total: matrix.total, oneStar: matrix.oneStar })
  return { matrix, history, demoRated, isAnyRated }
}
