import { sql, type Expression } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'

import { demoPlusOnesOf, listIdeas, listOwnIdeaIds, type IdeaCursor } from './idea.server'
import { listAreas, listReleaseTargets } from './roadmap.server'

// The ideation page's read model: a release target's areas with their open ideas, newest first,
// and which of them the viewer has +1'd. Ideas in ideation only: no rank, priority, stage or
// decision, which belong to the second stage (rounds). Nor an order by +1s: ideation collects,
// and sorting by popularity would rank ideas there, burying the newest under the established
// (decision 007). The +1s show on each idea; maintainers see them ordered when shortlisting.
// The areas come by name, A to Z (listAreas), never by their ideas' counts or +1s.

/** The ideation page: each area of a release target with its newest open ideas. */
export async function listIdeation(
  input: { releaseTargetId: number; perArea: number },
  db: Database = getDb(),
) {
  return db
    .selectFrom('roadmap_area as a')
    .select((eb) => [
      'a.id',
      'a.slug',
      'a.name',
      eb
        .selectFrom('idea')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('idea.area_id', '=', 'a.id')
        .where('idea.status', '=', 'open')
        .as('open_count'),
      effortCountOf(eb.ref('a.id')).as('effort_count'),
      jsonArrayFrom(
        eb
          .selectFrom('idea as i')
          .leftJoin('account as au', 'au.id', 'i.author_id')
          .select((inner) => [
            'i.id',
            'i.title',
            'i.attribution',
            'i.is_verbatim',
            'au.login as author_login',
            sql<boolean>`coalesce(au.demo_role is not null, false)`.as('author_is_demo'),
            'i.plus_one_count',
            demoPlusOnesOf(inner.ref('i.id')).as('demo_plus_one_count'),
            'i.comment_count',
            'i.created_at',
            'i.last_activity_at',
          ])
          .whereRef('i.area_id', '=', 'a.id')
          .where('i.status', '=', 'open')
          .orderBy('i.created_at', 'desc')
          .orderBy('i.id', 'desc')
          .limit(input.perArea),
      ).as('ideas'),
    ])
    .where('a.release_target_id', '=', input.releaseTargetId)
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id')
    .execute()
}

/**
 * How many of an area's ideas are efforts on the roadmap now (agreed). The ideation page names
 * only that they exist, so an area whose ideas were all agreed does not read as one that never had
 * any: a decision's outcome, never a rank, a score or a count of votes.
 */
function effortCountOf(areaId: Expression<number>) {
  return sql<number>`(select count(*)::int from idea where idea.area_id = ${areaId} and idea.status = 'agreed')`
}

export const IDEAS_PER_AREA = 20
export const IDEAS_PER_PAGE = 50

/**
 * Everything the ideation page shows: the release target, its areas, and either each area's
 * first ideas or one area's ideas a page at a time, with which of them the viewer has +1'd.
 * Ideas in ideation only, and no rank, priority, stage or decision: that is the second stage.
 */
export async function getIdeationPage(
  input: {
    targetSlug: string | null
    areaSlug: string | null
    cursor: IdeaCursor | null
    viewerId: number | null
  },
  db: Database = getDb(),
) {
  const targets = await listReleaseTargets(db)
  const target =
    input.targetSlug === null
      ? targets[0]
      : targets.find((candidate) => candidate.slug === input.targetSlug)
  if (!target) return null
  const areas = await listAreas(target.id, db)
  const area = input.areaSlug === null ? null : areas.find((a) => a.slug === input.areaSlug)
  if (area === undefined) return null
  let sections: {
    id: number
    slug: string
    name: string
    openCount: number
    /** Its ideas agreed in a round: efforts on the roadmap now (effortCountOf). */
    effortCount: number
    ideas: IdeationIdea[]
  }[]
  let nextCursor: IdeaCursor | null = null
  if (area) {
    const page = await listIdeas(
      {
        releaseTargetId: target.id,
        areaId: area.id,
        stages: [],
        statuses: ['open'],
        sort: 'newest',
        limit: IDEAS_PER_PAGE,
        cursor: input.cursor,
      },
      db,
    )
    nextCursor = page.nextCursor
    const count = await db
      .selectFrom('idea')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        effortCountOf(sql.lit(area.id)).as('effort_count'),
      ])
      .where('area_id', '=', area.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    sections = [
      {
        id: area.id,
        slug: area.slug,
        name: area.name,
        openCount: Number(count.count),
        effortCount: Number(count.effort_count),
        ideas: page.items.map((idea) => ({
          id: idea.id,
          title: idea.title,
          attribution: idea.attribution,
          is_verbatim: idea.is_verbatim,
          author_login: idea.author_login,
          author_is_demo: idea.author_is_demo,
          plus_one_count: idea.plus_one_count,
          demo_plus_one_count: idea.demo_plus_one_count,
          comment_count: idea.comment_count,
          created_at: idea.created_at.toISOString(),
          last_activity_at: idea.last_activity_at.toISOString(),
        })),
      },
    ]
  } else {
    const rows = await listIdeation({ releaseTargetId: target.id, perArea: IDEAS_PER_AREA }, db)
    sections = rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      openCount: Number(row.open_count),
      effortCount: Number(row.effort_count),
      ideas: row.ideas,
    }))
  }
  const shownIds = sections.flatMap((section) => section.ideas.map((idea) => idea.id))
  const plusOned =
    input.viewerId === null || shownIds.length === 0
      ? []
      : (
          await db
            .selectFrom('idea_plus_one')
            .select('idea_id')
            .where('account_id', '=', input.viewerId)
            .where('idea_id', 'in', shownIds)
            .execute()
        ).map((row) => row.idea_id)
  // The viewer's own ideas among them: she proposed them, so they take no +1 of hers.
  const ownIdeas = await listOwnIdeaIds(input.viewerId, shownIds, db)
  return {
    target,
    targets,
    areas: areas.map(({ id, slug, name }) => ({ id, slug, name })),
    area: area ? { id: area.id, slug: area.slug, name: area.name } : null,
    sections,
    nextCursor,
    plusOned,
    ownIdeas,
  }
}

export type IdeationIdea = {
  id: number
  title: string
  attribution: string | null
  is_verbatim: boolean
  author_login: string | null
  author_is_demo: boolean
  plus_one_count: number
  /** How many of the +1s are demo people's (demo actions, said beside the count). */
  demo_plus_one_count: number
  comment_count: number
  created_at: string
  last_activity_at: string
}
