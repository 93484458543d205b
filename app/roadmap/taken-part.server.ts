import { sql, type ExpressionBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus } from '../../db/schema'
import { isDemoAccount } from '../accounts/account.server'

import { openShortlistsOf } from './idea.server'

// The ideas a person took part in by a +1 or a comment, so someone who supported an idea finds
// out what became of it. Her own ideas are left out: "My ideas" lists them already.

/**
 * One account's +1'd or commented ideas, once each, latest of her +1 and comments first, with
 * what the idea page says of where each stands (merge, decision, shortlist); `more` counts the
 * ones past `limit`. Both lookups are by the account's own index (migration 20261213000000).
 */
export async function listIdeasTakenPartIn(
  accountId: number,
  limit: number,
  db: Database = getDb(),
) {
  const rows = await db
    .with('act', (qb) =>
      qb
        .selectFrom('idea_plus_one')
        .select(['idea_id', 'created_at as at', sql<boolean>`true`.as('is_plus_one')])
        .where('account_id', '=', accountId)
        .unionAll(
          qb
            .selectFrom('idea_comment')
            .select(['idea_id', 'created_at as at', sql<boolean>`false`.as('is_plus_one')])
            .where('author_id', '=', accountId),
        ),
    )
    .with('taken', (qb) =>
      qb
        .selectFrom('act')
        .select([
          'idea_id',
          sql<Date>`max(at)`.as('at'),
          sql<boolean>`bool_or(is_plus_one)`.as('has_plus_one'),
          sql<boolean>`bool_or(not is_plus_one)`.as('has_commented'),
        ])
        .groupBy('idea_id'),
    )
    .selectFrom('taken')
    .innerJoin('idea as i', 'i.id', 'taken.idea_id')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .innerJoin('release_target as t', 't.id', 'i.release_target_id')
    .leftJoin('idea as m', 'm.id', 'i.merged_into_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.status',
      'a.name as area_name',
      'a.slug as area_slug',
      't.slug as target_slug',
      // The round its standing names is one of this target's: /me names the target.
      't.name as target_name',
      'm.id as merged_into_id',
      'm.title as merged_into_title',
      'taken.at',
      'taken.has_plus_one',
      'taken.has_commented',
      sql<number>`(count(*) over ())::int`.as('total'),
      ...ideaStandingColumns(eb),
    ])
    .where((eb) => eb.or([eb('i.author_id', 'is', null), eb('i.author_id', '<>', accountId)]))
    .orderBy('taken.at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute()
  return {
    items: rows.map(({ total: _total, ...idea }) => withStanding(idea)),
    more: Math.max(0, (rows[0]?.total ?? 0) - rows.length),
  }
}

/**
 * What a list needs to say where an idea (`i`, its merge target `m`) stands: the decision that
 * stands, as getIdea reads it (the latest, the one recorded last on a tie), and the rounds not
 * yet closed that shortlist it. `withStanding` then keeps the decision only where it holds.
 */
export function ideaStandingColumns(eb: ExpressionBuilder<StandingTables, 'i'>) {
  return [
    jsonArrayFrom(
      eb
        .selectFrom('decision_outcome as o')
        .innerJoin('decision as d', 'd.id', 'o.decision_id')
        .innerJoin('round as r', 'r.id', 'd.round_id')
        .select((inner) => [
          'o.outcome',
          'o.reason',
          'd.decided_at',
          'r.id as round_id',
          'r.name as round_name',
          isDemoAccount(inner.ref('d.decided_by')).as('is_demo_decision'),
        ])
        .whereRef('o.idea_id', '=', 'i.id')
        .orderBy('d.decided_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(1),
    ).as('decisions'),
    openShortlistsOf(eb.ref('i.id')).as('shortlisted_in'),
  ] as const
}

type StandingTables = DB & { i: DB['idea'] }

/** An idea row with `ideaStandingColumns`, as IdeaStanding (ui/idea-standing.tsx) reads it. */
export function withStanding<T extends { status: IdeaStatus; decisions: { outcome: string }[] }>(
  idea: T,
) {
  const { decisions, ...rest } = idea
  const latest: T['decisions'][number] | null = decisions[0] ?? null
  const decision: T['decisions'][number] | null =
    // Only a decided idea says what was decided, as on its page: one deferred back to ideation
    // is in ideation again.
    idea.status === 'agreed' || idea.status === 'archived' ? latest : null
  // Still, its author asking whether a round decided it reads that one deferred it (its page's
  // history says so too), not a bare "In ideation" as if no round had looked at it.
  const deferral = idea.status === 'open' && latest?.outcome === 'deferred' ? latest : null
  return { ...rest, decision, deferral }
}

export type IdeaTakenPartIn = Awaited<ReturnType<typeof listIdeasTakenPartIn>>['items'][number]
