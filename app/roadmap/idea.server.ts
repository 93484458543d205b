import { sql, type Expression, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus } from '../../db/schema'

import { COMMENT_MAX } from './limits'
import { parseIdeaLinks, type IdeaLinkRef } from './links'
import { refuse } from './refused'
import {
  checkAreaName,
  findAreaByName,
  getArea,
  ideaLinksJson,
  inTransaction,
  listAreas,
  listReleaseTargets,
  toLinkStates,
} from './roadmap.server'

type Actor = { id: number; login: string }

export const IDEA_SORTS = ['newest', 'plus-ones'] as const
export type IdeaSort = (typeof IDEA_SORTS)[number]

/** Where an idea stands: in ideation, on the shortlist of a round not yet closed, or decided. */
export const IDEA_STAGES = ['ideation', 'shortlisted', 'agreed', 'archived', 'merged'] as const
export type IdeaStage = (typeof IDEA_STAGES)[number]

export const TITLE_MAX = 120
export const DESCRIPTION_MAX = 10_000

// ---- Writing ideas ----

export type NewIdea = {
  releaseTargetId: number
  areaId: number
  title: string
  description: string
  authorId: number | null
  attribution?: string | null
  isVerbatim?: boolean
  originalArea?: string | null
  sourceKey?: string | null
  sourceUrl?: string | null
  createdAt?: Date
}

/** Inserts an idea and its links as given (the demo seed and proposeIdea both end here). */
export async function createIdea(idea: NewIdea, links: IdeaLinkRef[], db: Database = getDb()) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('idea')
      .values({
        release_target_id: idea.releaseTargetId,
        area_id: idea.areaId,
        title: idea.title,
        description: idea.description,
        author_id: idea.authorId,
        attribution: idea.attribution ?? null,
        is_verbatim: idea.isVerbatim ?? false,
        original_area: idea.originalArea ?? null,
        source_key: idea.sourceKey ?? null,
        source_url: idea.sourceUrl ?? null,
        created_at: idea.createdAt,
        last_activity_at: idea.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (links.length > 0) {
      await trx
        .insertInto('idea_link')
        .values(
          links.map((link, position) => ({
            idea_id: row.id,
            ref: link.ref,
            repo_full_name: link.repo,
            issue_number: link.number,
            position,
          })),
        )
        .execute()
    }
    return row.id
  })
}

/** Refuses links to repositories or issues the board does not mirror. */
async function checkLinksAreMirrored(links: IdeaLinkRef[], db: Database) {
  const problems: string[] = []
  for (const link of links) {
    const repository = await db
      .selectFrom('repository')
      .select('id')
      .where(sql`lower(full_name)`, '=', link.repo.toLowerCase())
      .executeTakeFirst()
    const found =
      repository &&
      (link.number === null ||
        (await db
          .selectFrom('issue')
          .select('id')
          .where('repository_id', '=', repository.id)
          .where('number', '=', link.number)
          .executeTakeFirst()))
    if (!found) problems.push(`${link.ref} is not in the mirror.`)
  }
  if (problems.length > 0) {
    refuse(`${problems.join(' ')} Link issues and repositories the board mirrors.`)
  }
}

/** A contributor proposes an idea in an area of focus, with optional links to the mirror. */
export async function proposeIdea(
  input: { author: Actor; areaId: number; title: string; description: string; links: string },
  db: Database = getDb(),
) {
  const title = input.title.trim().replace(/\s+/g, ' ')
  if (title.length < 3 || title.length > TITLE_MAX) {
    refuse(`An idea needs a title of 3 to ${TITLE_MAX} characters.`)
  }
  const description = input.description.trim()
  if (description.length > DESCRIPTION_MAX) {
    refuse(
      `The description is too long (at most ${DESCRIPTION_MAX.toLocaleString('en')} characters).`,
    )
  }
  const area = await getArea(input.areaId, db)
  if (!area) refuse('Choose one of the areas of focus.')
  const { links, problems } = parseIdeaLinks(input.links)
  if (problems.length > 0) refuse(problems.join(' '))
  if (links.length > 20) refuse('At most 20 links per idea.')
  await checkLinksAreMirrored(links, db)
  return createIdea(
    {
      releaseTargetId: area.release_target_id,
      areaId: area.id,
      title,
      description,
      authorId: input.author.id,
    },
    links,
    db,
  )
}

async function lockIdea(trx: Transaction<DB>, ideaId: number) {
  const idea = await trx
    .selectFrom('idea')
    .select(['id', 'title', 'status', 'merged_into_id', 'area_id', 'release_target_id'])
    .where('id', '=', ideaId)
    .forUpdate()
    .executeTakeFirst()
  if (!idea) refuse(`Idea ${ideaId} does not exist.`)
  return idea
}

function refuseUnlessInIdeation(
  idea: { id: number; status: IdeaStatus; merged_into_id: number | null },
  what: string,
) {
  if (idea.status === 'merged') {
    refuse(`This idea was merged into idea ${idea.merged_into_id}: ${what} that one instead.`)
  }
  if (idea.status === 'archived') refuse(`This idea is archived; it no longer takes ${what}s.`)
  if (idea.status === 'agreed') {
    refuse(`This idea is already on the roadmap; ideation (${what}s) is over for it.`)
  }
}

/** Gives or takes back an account's +1 (one per account: a signal, not a vote). */
export async function setPlusOne(
  ideaId: number,
  account: { id: number },
  isOn: boolean,
  db: Database = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    refuseUnlessInIdeation(idea, '+1')
    const changed = isOn
      ? await trx
          .insertInto('idea_plus_one')
          .values({ idea_id: ideaId, account_id: account.id })
          .onConflict((oc) => oc.columns(['idea_id', 'account_id']).doNothing())
          .returning('idea_id')
          .executeTakeFirst()
      : await trx
          .deleteFrom('idea_plus_one')
          .where('idea_id', '=', ideaId)
          .where('account_id', '=', account.id)
          .returning('idea_id')
          .executeTakeFirst()
    const delta = changed ? (isOn ? 1 : -1) : 0
    const row = await trx
      .updateTable('idea')
      .set((eb) => ({
        plus_one_count: eb('plus_one_count', '+', delta),
        ...(changed ? { last_activity_at: sql<Date>`now()` } : {}),
      }))
      .where('id', '=', ideaId)
      .returning('plus_one_count')
      .executeTakeFirstOrThrow()
    return { plusOnes: row.plus_one_count, changed: changed !== undefined }
  })
}

export async function addComment(
  ideaId: number,
  author: { id: number },
  body: string,
  db: Database = getDb(),
) {
  const text = body.trim()
  if (text.length < 1 || text.length > COMMENT_MAX) {
    refuse(`A comment needs 1 to ${COMMENT_MAX.toLocaleString('en')} characters: keep it brief.`)
  }
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    if (idea.status === 'merged') {
      refuse(`This idea was merged into idea ${idea.merged_into_id}: comment there instead.`)
    }
    const row = await trx
      .insertInto('idea_comment')
      .values({ idea_id: ideaId, author_id: author.id, body: text })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('idea')
      .set((eb) => ({
        comment_count: eb('comment_count', '+', 1),
        last_activity_at: sql<Date>`now()`,
      }))
      .where('id', '=', ideaId)
      .execute()
    return row.id
  })
}

/**
 * A contributor suggests the idea belongs to another area: an existing one, or one that does not
 * exist yet (by name). One suggestion per account and idea; a new one replaces it.
 */
export async function suggestArea(
  ideaId: number,
  account: { id: number },
  suggestion: { areaId: number } | { areaName: string },
  db: Database = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    refuseUnlessInIdeation(idea, 'area suggestion')
    let areaId: number | null = null
    let areaName: string | null = null
    if ('areaId' in suggestion) {
      const area = await getArea(suggestion.areaId, trx)
      if (!area || area.release_target_id !== idea.release_target_id) {
        refuse('That area is not one of this release target’s areas.')
      }
      areaId = area.id
    } else {
      const name = checkAreaName(suggestion.areaName)
      const existing = await findAreaByName(idea.release_target_id, name, trx)
      if (existing) areaId = existing.id
      else areaName = name
    }
    if (areaId === idea.area_id) refuse('The idea is already in that area.')
    await trx
      .insertInto('idea_area_suggestion')
      .values({ idea_id: ideaId, account_id: account.id, area_id: areaId, area_name: areaName })
      .onConflict((oc) =>
        oc.columns(['idea_id', 'account_id']).doUpdateSet({
          area_id: areaId,
          area_name: areaName,
          created_at: sql<Date>`now()`,
        }),
      )
      .execute()
    await trx
      .updateTable('idea')
      .set({ last_activity_at: sql<Date>`now()` })
      .where('id', '=', ideaId)
      .execute()
  })
}

/** A maintainer moves an idea to another area of the same release target. */
export async function moveIdea(
  ideaId: number,
  areaId: number,
  actor: Actor,
  db: Database = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    if (idea.status === 'merged') {
      refuse(`This idea was merged into idea ${idea.merged_into_id}; move that one instead.`)
    }
    const [from, to] = await Promise.all([getArea(idea.area_id, trx), getArea(areaId, trx)])
    if (!to || to.release_target_id !== idea.release_target_id) {
      refuse('That area is not one of this release target’s areas.')
    }
    if (to.id === idea.area_id) refuse(`The idea is already in “${to.name}”.`)
    await trx.updateTable('idea').set({ area_id: to.id }).where('id', '=', ideaId).execute()
    await trx
      .insertInto('idea_event')
      .values({
        idea_id: ideaId,
        actor_id: actor.id,
        kind: 'moved',
        detail: `Moved from “${from?.name ?? 'an old area'}” to “${to.name}” by ${actor.login}.`,
      })
      .execute()
  })
}

/**
 * A maintainer merges a duplicate into the idea that survives: the duplicate's +1s (one per
 * account, still) and links move to the survivor, and the duplicate points to it. Refused when it
 * would merge an idea into itself or close a cycle, and for ideas no longer in ideation.
 */
export async function mergeIdea(
  duplicateId: number,
  survivorId: number,
  actor: Actor,
  db: Database = getDb(),
) {
  if (duplicateId === survivorId) refuse('An idea cannot be merged into itself.')
  return inTransaction(db, async (trx) => {
    // Locked in id order, so two opposite merges at once cannot deadlock.
    const [first, second] = [duplicateId, survivorId].sort((a, b) => a - b) as [number, number]
    const locked = [await lockIdea(trx, first), await lockIdea(trx, second)]
    const duplicate = locked.find((idea) => idea.id === duplicateId)!
    const survivor = locked.find((idea) => idea.id === survivorId)!
    if (duplicate.release_target_id !== survivor.release_target_id) {
      refuse('Both ideas must belong to the same release target.')
    }
    // Follow where the survivor was merged to: reaching the duplicate means a cycle.
    const chain: number[] = [survivor.id]
    let next = survivor.merged_into_id
    while (next !== null && !chain.includes(next)) {
      chain.push(next)
      if (next === duplicate.id) {
        refuse(
          `Merging idea ${duplicate.id} into idea ${survivor.id} would make a cycle: idea ${survivor.id} was already merged into idea ${duplicate.id}${chain.length > 2 ? ` (through ${chain.slice(1, -1).join(', ')})` : ''}.`,
        )
      }
      const row = await trx
        .selectFrom('idea')
        .select('merged_into_id')
        .where('id', '=', next)
        .executeTakeFirst()
      next = row?.merged_into_id ?? null
    }
    if (duplicate.status === 'merged') {
      refuse(`Idea ${duplicate.id} is already merged into idea ${duplicate.merged_into_id}.`)
    }
    if (survivor.status === 'merged') {
      refuse(
        `Idea ${survivor.id} was itself merged into idea ${survivor.merged_into_id}: merge into that one instead.`,
      )
    }
    if (duplicate.status !== 'open') {
      refuse(
        `Idea ${duplicate.id} is ${duplicate.status}; only ideas in ideation can be merged away.`,
      )
    }
    if (survivor.status === 'archived') {
      refuse(`Idea ${survivor.id} is archived; merge into an idea that is still alive.`)
    }
    const pendingRound = await trx
      .selectFrom('round_shortlist as s')
      .innerJoin('round as r', 'r.id', 's.round_id')
      .select('r.name')
      .where('s.idea_id', '=', duplicate.id)
      .where('r.status', '<>', 'closed')
      .executeTakeFirst()
    if (pendingRound) {
      refuse(
        `Idea ${duplicate.id} is on the shortlist of “${pendingRound.name}”, which has not closed: merge it after the round closes.`,
      )
    }

    await trx
      .insertInto('idea_plus_one')
      .columns(['idea_id', 'account_id', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('idea_plus_one')
          .select([sql.lit(survivor.id).as('idea_id'), 'account_id', 'created_at'])
          .where('idea_id', '=', duplicate.id),
      )
      .onConflict((oc) => oc.columns(['idea_id', 'account_id']).doNothing())
      .execute()
    await trx.deleteFrom('idea_plus_one').where('idea_id', '=', duplicate.id).execute()
    await trx
      .insertInto('idea_link')
      .columns(['idea_id', 'ref', 'repo_full_name', 'issue_number', 'position'])
      .expression((eb) =>
        eb
          .selectFrom('idea_link')
          .select([
            sql.lit(survivor.id).as('idea_id'),
            'ref',
            'repo_full_name',
            'issue_number',
            sql<number>`position + 1000`.as('position'),
          ])
          .where('idea_id', '=', duplicate.id),
      )
      .onConflict((oc) => oc.columns(['idea_id', 'ref']).doNothing())
      .execute()
    await trx.deleteFrom('idea_link').where('idea_id', '=', duplicate.id).execute()
    await trx
      .updateTable('idea')
      .set({ status: 'merged', merged_into_id: survivor.id, plus_one_count: 0 })
      .where('id', '=', duplicate.id)
      .execute()
    await trx
      .updateTable('idea')
      .set((eb) => ({
        plus_one_count: eb
          .selectFrom('idea_plus_one')
          .select(eb.fn.countAll<number>().as('count'))
          .where('idea_id', '=', survivor.id),
        last_activity_at: sql<Date>`now()`,
      }))
      .where('id', '=', survivor.id)
      .execute()
    await trx
      .insertInto('idea_event')
      .values([
        {
          idea_id: duplicate.id,
          actor_id: actor.id,
          kind: 'merged',
          detail: `Merged into idea ${survivor.id} (“${survivor.title}”) by ${actor.login}.`,
        },
        {
          idea_id: survivor.id,
          actor_id: actor.id,
          kind: 'absorbed',
          detail: `Idea ${duplicate.id} (“${duplicate.title}”) was merged into this one by ${actor.login}.`,
        },
      ])
      .execute()
  })
}

// ---- Reading ideas ----

/** The ideation page: each area of a release target with its newest or most +1'd open ideas. */
export async function listIdeation(
  input: { releaseTargetId: number; sort: IdeaSort; perArea: number },
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
      jsonArrayFrom(
        eb
          .selectFrom('idea as i')
          .leftJoin('account as au', 'au.id', 'i.author_id')
          .select([
            'i.id',
            'i.title',
            'i.attribution',
            'i.is_verbatim',
            'au.login as author_login',
            'i.plus_one_count',
            'i.comment_count',
            'i.created_at',
            'i.last_activity_at',
          ])
          .whereRef('i.area_id', '=', 'a.id')
          .where('i.status', '=', 'open')
          .$call((query) =>
            input.sort === 'newest'
              ? query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc')
              : query
                  .orderBy('i.plus_one_count', 'desc')
                  .orderBy('i.created_at', 'desc')
                  .orderBy('i.id', 'desc'),
          )
          .limit(input.perArea),
      ).as('ideas'),
    ])
    .where('a.release_target_id', '=', input.releaseTargetId)
    .orderBy('a.position')
    .orderBy('a.name')
    .execute()
}

export type IdeaCursor = { plusOnes: number; createdAt: string; id: number }

export function encodeIdeaCursor(cursor: IdeaCursor) {
  return Buffer.from(JSON.stringify([cursor.plusOnes, cursor.createdAt, cursor.id])).toString(
    'base64url',
  )
}

export function decodeIdeaCursor(text: string): IdeaCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 3) return null
    const [plusOnes, createdAt, id] = value as unknown[]
    if (typeof plusOnes !== 'number' || typeof id !== 'number' || typeof createdAt !== 'string') {
      return null
    }
    if (Number.isNaN(Date.parse(createdAt))) return null
    return { plusOnes, createdAt, id }
  } catch {
    return null
  }
}

export type IdeaListFilters = {
  releaseTargetId: number
  areaId: number | null
  stages: IdeaStage[]
  /** Narrower and cheaper than stages when only the stored status matters. */
  statuses?: IdeaStatus[]
  sort: IdeaSort
  limit: number
  cursor: IdeaCursor | null
}

/** Ideas of a release target by area and stage, one keyset page at a time (the API, area pages). */
export async function listIdeas(filters: IdeaListFilters, db: Database = getDb()) {
  const rows = await db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .leftJoin('account as au', 'au.id', 'i.author_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.description',
      'i.attribution',
      'i.is_verbatim',
      'i.original_area',
      'au.login as author_login',
      'a.slug as area_slug',
      'a.name as area_name',
      'i.status',
      'i.merged_into_id',
      'i.plus_one_count',
      'i.comment_count',
      'i.created_at',
      'i.last_activity_at',
      stageOf(eb.ref('i.id'), eb.ref('i.status')).as('stage'),
      ideaLinksJson(eb.ref('i.id')).as('links'),
    ])
    .where('i.release_target_id', '=', filters.releaseTargetId)
    .$if(filters.areaId !== null, (query) => query.where('i.area_id', '=', filters.areaId!))
    .$if((filters.statuses ?? []).length > 0, (query) =>
      query.where('i.status', 'in', filters.statuses!),
    )
    .$if(filters.stages.length > 0, (query) =>
      query.where((eb) => eb(stageOf(eb.ref('i.id'), eb.ref('i.status')), 'in', filters.stages)),
    )
    .$if(filters.cursor !== null, (query) => {
      const cursor = filters.cursor!
      const createdAt = new Date(cursor.createdAt)
      return filters.sort === 'newest'
        ? query.where((eb) =>
            eb(eb.refTuple('i.created_at', 'i.id'), '<', eb.tuple(createdAt, cursor.id)),
          )
        : query.where((eb) =>
            eb(
              eb.refTuple('i.plus_one_count', 'i.created_at', 'i.id'),
              '<',
              eb.tuple(cursor.plusOnes, createdAt, cursor.id),
            ),
          )
    })
    .$call((query) =>
      filters.sort === 'newest'
        ? query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc')
        : query
            .orderBy('i.plus_one_count', 'desc')
            .orderBy('i.created_at', 'desc')
            .orderBy('i.id', 'desc'),
    )
    .limit(filters.limit + 1)
    .execute()
  const items = rows.slice(0, filters.limit).map(({ links, ...idea }) => ({
    ...idea,
    links: toLinkStates(links),
  }))
  const last = items.at(-1)
  return {
    items,
    nextCursor:
      rows.length > filters.limit && last
        ? { plusOnes: last.plus_one_count, createdAt: last.created_at.toISOString(), id: last.id }
        : null,
  }
}

function stageOf(ideaId: Expression<number>, status: Expression<IdeaStatus>) {
  return sql<IdeaStage>`case
    when ${status} <> 'open' then ${status}
    when exists (
      select 1 from round_shortlist s join round r on r.id = s.round_id
      where s.idea_id = ${ideaId} and r.status <> 'closed'
    ) then 'shortlisted'
    else 'ideation' end`
}

/** One idea with what its page shows; `viewerId` says whether the viewer has +1'd it. */
export async function getIdea(ideaId: number, viewerId: number | null, db: Database = getDb()) {
  const idea = await db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .innerJoin('release_target as t', 't.id', 'i.release_target_id')
    .leftJoin('account as au', 'au.id', 'i.author_id')
    .leftJoin('idea as m', 'm.id', 'i.merged_into_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.description',
      'i.attribution',
      'i.is_verbatim',
      'i.original_area',
      'i.status',
      'i.source_url',
      'i.plus_one_count',
      'i.comment_count',
      'i.created_at',
      'i.last_activity_at',
      'i.release_target_id',
      'au.login as author_login',
      'a.id as area_id',
      'a.name as area_name',
      'a.slug as area_slug',
      't.name as target_name',
      't.slug as target_slug',
      'm.id as merged_into_id',
      'm.title as merged_into_title',
      ideaLinksJson(eb.ref('i.id')).as('links'),
      jsonArrayFrom(
        eb
          .selectFrom('idea_comment as c')
          .leftJoin('account as ca', 'ca.id', 'c.author_id')
          .select(['c.id', 'c.body', 'c.created_at', 'ca.login as author_login'])
          .whereRef('c.idea_id', '=', 'i.id')
          .orderBy('c.id'),
      ).as('comments'),
      jsonArrayFrom(
        eb
          .selectFrom('idea_event as e')
          .select(['e.id', 'e.kind', 'e.detail', 'e.at'])
          .whereRef('e.idea_id', '=', 'i.id')
          .orderBy('e.id'),
      ).as('events'),
      jsonArrayFrom(
        eb
          .selectFrom('idea as d')
          .select(['d.id', 'd.title'])
          .whereRef('d.merged_into_id', '=', 'i.id')
          .orderBy('d.id'),
      ).as('duplicates'),
      jsonArrayFrom(
        eb
          .selectFrom('idea_area_suggestion as s')
          .leftJoin('roadmap_area as sa', 'sa.id', 's.area_id')
          .select((inner) => [
            's.area_id',
            inner.fn.coalesce('sa.name', 's.area_name').as('name'),
            inner.fn.countAll<number>().as('count'),
          ])
          .whereRef('s.idea_id', '=', 'i.id')
          .groupBy(['s.area_id', 'sa.name', 's.area_name'])
          .orderBy(sql`count(*)`, 'desc')
          .orderBy('name'),
      ).as('suggestions'),
      viewerId === null
        ? sql<boolean>`false`.as('has_plus_one')
        : eb
            .exists(
              eb
                .selectFrom('idea_plus_one as p')
                .select('p.idea_id')
                .whereRef('p.idea_id', '=', 'i.id')
                .where('p.account_id', '=', viewerId),
            )
            .as('has_plus_one'),
    ])
    .where('i.id', '=', ideaId)
    .executeTakeFirst()
  if (!idea) return null
  // Only a decided idea says what was decided: ideas in ideation show no rank or priority.
  const decision =
    idea.status === 'agreed' || idea.status === 'archived'
      ? await db
          .selectFrom('decision_outcome as o')
          .innerJoin('decision as d', 'd.id', 'o.decision_id')
          .innerJoin('round as r', 'r.id', 'd.round_id')
          .select([
            'o.outcome',
            'o.reason',
            'd.decided_at',
            'd.rationale',
            'r.id as round_id',
            'r.name as round_name',
          ])
          .where('o.idea_id', '=', ideaId)
          .orderBy('d.decided_at', 'desc')
          .orderBy('d.id', 'desc')
          .executeTakeFirst()
      : undefined
  return {
    ...idea,
    has_plus_one: Boolean(idea.has_plus_one),
    links: toLinkStates(idea.links),
    decision: decision ?? null,
  }
}

export type IdeaDetail = NonNullable<Awaited<ReturnType<typeof getIdea>>>

/** Open ideas of a release target, for a maintainer's shortlist and merge pickers. */
export async function listOpenIdeas(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .select(['i.id', 'i.title', 'i.plus_one_count', 'a.name as area_name'])
    .where('i.release_target_id', '=', releaseTargetId)
    .where('i.status', '=', 'open')
    .orderBy('a.position')
    .orderBy('a.name')
    .orderBy('i.plus_one_count', 'desc')
    .orderBy('i.id')
    .execute()
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
    sort: IdeaSort
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
        sort: input.sort,
        limit: IDEAS_PER_PAGE,
        cursor: input.cursor,
      },
      db,
    )
    nextCursor = page.nextCursor
    const count = await db
      .selectFrom('idea')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('area_id', '=', area.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    sections = [
      {
        id: area.id,
        slug: area.slug,
        name: area.name,
        openCount: Number(count.count),
        ideas: page.items.map((idea) => ({
          id: idea.id,
          title: idea.title,
          attribution: idea.attribution,
          is_verbatim: idea.is_verbatim,
          author_login: idea.author_login,
          plus_one_count: idea.plus_one_count,
          comment_count: idea.comment_count,
          created_at: idea.created_at.toISOString(),
          last_activity_at: idea.last_activity_at.toISOString(),
        })),
      },
    ]
  } else {
    const rows = await listIdeation(
      { releaseTargetId: target.id, sort: input.sort, perArea: IDEAS_PER_AREA },
      db,
    )
    sections = rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      openCount: Number(row.open_count),
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
  return {
    target,
    targets,
    areas: areas.map(({ id, slug, name }) => ({ id, slug, name })),
    area: area ? { id: area.id, slug: area.slug, name: area.name } : null,
    sections,
    nextCursor,
    plusOned,
  }
}

export type IdeationIdea = {
  id: number
  title: string
  attribution: string | null
  is_verbatim: boolean
  author_login: string | null
  plus_one_count: number
  comment_count: number
  created_at: string
  last_activity_at: string
}
