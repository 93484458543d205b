import { expressionBuilder, sql, type Expression, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { z } from 'zod'

import { getDb, type Database } from '../../db/client.server'
import type { DB, IdeaStatus } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { demoActorLogin, getPersonName, isDemoAccount } from '../accounts/account.server'
import type { Person } from '../accounts/person'
import {
  followUnlessChosen,
  notifyIdeaEvent,
  notifyIdeaInArea,
} from '../notifications/notify.server'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { refuse } from '../utils/refusal'

import { deferredInRound } from './deferred-in.server'
import type { IdeaQuery } from './idea-query'
import { COMMENT_MAX } from './limits'
import { parseIdeaLinks, type IdeaLinkRef } from './links'
import {
  checkAreaName,
  findAreaByName,
  getArea,
  ideaLinksJson,
  toLinkStates,
} from './roadmap.server'

// Ideas in ideation: proposing one, +1s, comments, area suggestions and moves, and reading ideas
// (one at a time, or by area and stage a keyset page at a time). Merging duplicates is in
// merge.server.ts; the ideation page's read model in ideation.server.ts.

/** The API's orders; the ideation page lists ideas newest first only (see ideation.server.ts). */
export type IdeaSort = IdeaQuery['sort']

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

/** An idea's title as stored: trimmed, runs of white space one space. */
export function ideaTitleOf(text: string) {
  return text.trim().replace(/\s+/g, ' ')
}

/**
 * A contributor proposes an idea in an area of focus, with optional links to the mirror.
 * `spendBudget` (the author's write budget) runs once the proposal is found valid, just before it
 * is written: a proposal refused for its input costs nothing, and a spent budget refuses it.
 */
export async function proposeIdea(
  input: {
    author: Person
    areaId: number
    title: string
    description: string
    links: string
    spendBudget?: () => Promise<void>
  },
  db: Database = getDb(),
) {
  const title = ideaTitleOf(input.title)
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
  await input.spendBudget?.()
  return inTransaction(db, async (trx) => {
    const id = await createIdea(
      {
        releaseTargetId: area.release_target_id,
        areaId: area.id,
        title,
        description,
        authorId: input.author.id,
      },
      links,
      trx,
    )
    // Those who follow the area hear of it; the demo seed's ideas (createIdea) are no news.
    await notifyIdeaInArea(trx, { ideaId: id, how: 'proposed' }, input.author.id)
    return id
  })
}

/** The idea, locked until the transaction ends (merges and +1s never interleave). */
export async function lockIdea(trx: Transaction<DB>, ideaId: number) {
  const idea = await trx
    .selectFrom('idea')
    .select([
      'id',
      'title',
      'status',
      'merged_into_id',
      'area_id',
      'release_target_id',
      'author_id',
    ])
    .where('id', '=', ideaId)
    .forUpdate()
    .executeTakeFirst()
  if (!idea) refuse(`Idea ${ideaId} does not exist.`)
  return idea
}

/** Why an idea takes no more `what`s (merged, archived, agreed), or null while in ideation. */
function ideationClosedReason(
  idea: { id: number; status: IdeaStatus; merged_into_id: number | null },
  what: string,
) {
  if (idea.status === 'merged') {
    return `This idea was merged into idea ${idea.merged_into_id}: ${what} that one instead.`
  }
  if (idea.status === 'archived') return `This idea is archived; it no longer takes ${what}s.`
  if (idea.status === 'agreed') {
    return `This idea is already on the roadmap; ideation (${what}s) is over for it.`
  }
  return null
}

function refuseUnlessInIdeation(
  idea: { id: number; status: IdeaStatus; merged_into_id: number | null },
  what: string,
) {
  const reason = ideationClosedReason(idea, what)
  if (reason) refuse(reason)
}

/**
 * How many of an idea's +1s demo people gave, counted in the query that reads the idea (one
 * filtered count over the idea's +1s, by their primary key): a count shown says how many of it
 * are demo actions (decision 012). Shown beside the count, never ordered by.
 */
export function demoPlusOnesOf(ideaId: Expression<number>) {
  return sql<number>`(select count(*)::int from idea_plus_one p join account pa on pa.id = p.account_id where p.idea_id = ${ideaId} and pa.demo_role is not null)`
}

/** Which of `ideaIds` the account proposed: pages offer her no +1 on those. */
export async function listOwnIdeaIds(
  accountId: number | null,
  ideaIds: readonly number[],
  db: Database = getDb(),
) {
  if (accountId === null || ideaIds.length === 0) return []
  const rows = await db
    .selectFrom('idea')
    .select('id')
    .where('author_id', '=', accountId)
    .where('id', 'in', ideaIds)
    .execute()
  return rows.map((row) => row.id)
}

/** Why an author's +1 on her own idea is refused. */
export const OWN_IDEA_PLUS_ONE =
  'This is your idea, so it cannot take your +1: a +1 shows that someone else wants it too.'

/**
 * Gives or takes back an account's +1 (one per account: a signal, not a vote); never the
 * author's on her own idea. `spendBudget` (the account's +1 write budget) runs before anything
 * is written, once the +1 is known not to be the author's on her own idea: that refusal costs
 * nothing (the page never offers her the button, so it is a stale page or a script, and a +1 she
 * can never give is no write). Every other refusal (no such idea, ideation over) still spends it.
 */
export async function setPlusOne(
  ideaId: number,
  account: { id: number },
  isOn: boolean,
  db: Database = getDb(),
  { spendBudget }: { spendBudget?: () => Promise<void> } = {},
) {
  if (isOn) {
    // Unlocked, and sound: an idea's author never changes (only to null, her account deleted).
    // Checked in the same order as under the lock below, so an idea out of ideation still
    // answers that first.
    const idea = await db
      .selectFrom('idea')
      .select(['id', 'status', 'merged_into_id', 'author_id'])
      .where('id', '=', ideaId)
      .executeTakeFirst()
    if (idea && idea.author_id === account.id && ideationClosedReason(idea, '+1') === null) {
      refuse(OWN_IDEA_PLUS_ONE, 403)
    }
  }
  await spendBudget?.()
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    refuseUnlessInIdeation(idea, '+1')
    // A +1 says someone besides the author wants it; taking one back is always allowed.
    if (isOn && idea.author_id === account.id) refuse(OWN_IDEA_PLUS_ONE, 403)
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
    // Whoever supports an idea hears when it is shortlisted, decided or merged.
    const followed =
      isOn && changed
        ? await followUnlessChosen(trx, account.id, { type: 'idea', id: ideaId })
        : false
    const row = await trx
      .updateTable('idea')
      .set((eb) => ({
        plus_one_count: eb('plus_one_count', '+', delta),
        ...(changed ? { last_activity_at: sql<Date>`now()` } : {}),
      }))
      .where('id', '=', ideaId)
      .returning((eb) => ['plus_one_count', demoPlusOnesOf(eb.ref('idea.id')).as('demo_plus_ones')])
      .executeTakeFirstOrThrow()
    return {
      plusOnes: row.plus_one_count,
      demoPlusOnes: row.demo_plus_ones,
      changed: changed !== undefined,
      followed,
    }
  })
}

/** A comment sent again with the same text within this long is the same comment sent twice. */
export const REPEATED_COMMENT_MS = 60_000

/**
 * Adds a comment, once: the same text by the same person on the same idea within
 * `REPEATED_COMMENT_MS` (a double click, a resubmitted form, an impatient reader) is the comment
 * already there, answered with `repeated` and its id rather than stored again. The idea's row
 * lock (`lockIdea`) makes concurrent submits take turns, so the second reads the first. Timed on
 * the real clock (a person's action, ADR 012): the database's, or `now` when given (tests).
 * `spendBudget` (the author's write budget) runs only when a comment may be stored: a repeat is
 * free, even once the budget is spent.
 */
export async function addComment(
  ideaId: number,
  author: Person,
  body: string,
  db: Database = getDb(),
  now?: Date,
  { spendBudget }: { spendBudget?: () => Promise<void> } = {},
) {
  const text = body.trim()
  if (text.length < 1 || text.length > COMMENT_MAX) {
    refuse(`A comment needs 1 to ${COMMENT_MAX.toLocaleString('en')} characters: keep it brief.`)
  }
  const since = now
    ? new Date(now.getTime() - REPEATED_COMMENT_MS)
    : sql<Date>`now() - make_interval(secs => ${REPEATED_COMMENT_MS / 1000})`
  const findRepeat = (executor: Database) =>
    executor
      .selectFrom('idea_comment')
      .select('id')
      .where('idea_id', '=', ideaId)
      .where('author_id', '=', author.id)
      .where('body', '=', text)
      .where('created_at', '>', since)
      .orderBy('id', 'desc')
      .executeTakeFirst()
  // The same comment sent again writes nothing, so it spends none of the author's write budget:
  // looked for before spending (outside the transaction: the budget is written on its own
  // connection), and again under the idea's lock, where two sent at once take turns.
  const repeat = await findRepeat(db)
  if (repeat) return { id: repeat.id, followed: false, repeated: true }
  await spendBudget?.()
  return inTransaction(db, async (trx) => {
    const idea = await lockIdea(trx, ideaId)
    if (idea.status === 'merged') {
      refuse(`This idea was merged into idea ${idea.merged_into_id}: comment there instead.`)
    }
    const earlier = await findRepeat(trx)
    if (earlier) return { id: earlier.id, followed: false, repeated: true }
    const row = await trx
      .insertInto('idea_comment')
      .values({
        idea_id: ideaId,
        author_id: author.id,
        body: text,
        ...(now ? { created_at: now } : {}),
      })
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
    // The reply that brings people back: the idea's author, followers and earlier commenters.
    await notifyIdeaEvent(
      trx,
      [ideaId],
      { kind: 'idea_commented', commentId: row.id, authorLogin: author.login },
      author.id,
    )
    const followed = await followUnlessChosen(trx, author.id, { type: 'idea', id: ideaId })
    return { id: row.id, followed, repeated: false }
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
  actor: Person,
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
        detail: `Moved from “${from?.name ?? 'an old area'}” to “${to.name}” by ${await getPersonName(actor, trx)}.`,
      })
      .execute()
    await notifyIdeaInArea(trx, { ideaId, how: 'moved' }, actor.id)
  })
}

// ---- Reading ideas ----

/**
 * The last idea of the previous page: its +1s then (they change between pages) and its id; its
 * creation time is read back in the database, which keeps the microseconds a Date would drop.
 */
export type IdeaCursor = { plusOnes: number; id: number }

/** The keyset of a page of ideas: +1s and id (newest first uses the id alone). */
const IdeaCursorSchema = z
  .tuple([cursorPart.count, cursorPart.id])
  .transform(([plusOnes, id]): IdeaCursor => ({ plusOnes, id }))

export function encodeIdeaCursor(cursor: IdeaCursor) {
  return encodeCursor([cursor.plusOnes, cursor.id])
}

/** The cursor in a page link or API request; null when it is malformed or tampered with. */
export function decodeIdeaCursor(text: string): IdeaCursor | null {
  return decodeCursor(text, IdeaCursorSchema)
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
      sql<boolean>`coalesce(au.demo_role is not null, false)`.as('author_is_demo'),
      'a.slug as area_slug',
      'a.name as area_name',
      'i.status',
      'i.merged_into_id',
      'i.plus_one_count',
      demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_one_count'),
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
      // Compared in the database: ideas proposed within one millisecond differ in microseconds.
      return filters.sort === 'newest'
        ? query.where(
            sql<boolean>`(i.created_at, i.id) < (select created_at, id from idea where id = ${cursor.id})`,
          )
        : query.where(
            sql<boolean>`(i.plus_one_count, i.created_at, i.id) < (select ${cursor.plusOnes}::int, created_at, id from idea where id = ${cursor.id})`,
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
      rows.length > filters.limit && last ? { plusOnes: last.plus_one_count, id: last.id } : null,
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

/** The rounds not yet closed that shortlist an idea, soonest first, as a JSON array. */
export function openShortlistsOf(ideaId: Expression<number>) {
  return jsonArrayFrom(
    expressionBuilder<DB, never>()
      .selectFrom('round_shortlist as rs')
      .innerJoin('round as r', 'r.id', 'rs.round_id')
      .select((eb) => [
        'r.id',
        'r.name',
        'r.status',
        'r.opens_at',
        'r.closes_at',
        // Opened by a demo person: wherever the shortlist is named, the round is a demo action.
        isDemoAccount(eb.ref('r.created_by')).as('is_demo'),
        demoActorLogin(eb.ref('r.created_by')).as('demo_opener'),
      ])
      .where('rs.idea_id', '=', ideaId)
      .where('r.status', '<>', 'closed')
      .orderBy('r.opens_at'),
  )
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
      // The area of its target that gathers that first name, if one does: a reader knows the
      // area by its name, not by the source's key ("platform").
      eb
        .selectFrom('roadmap_area as oa')
        .select('oa.name')
        .whereRef('oa.release_target_id', '=', 'i.release_target_id')
        .where(sql<boolean>`i.original_area = any(oa.original_names)`)
        .orderBy('oa.id')
        .limit(1)
        .as('original_area_name'),
      'i.status',
      'i.source_url',
      'i.plus_one_count',
      demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_one_count'),
      'i.comment_count',
      'i.created_at',
      'i.last_activity_at',
      'i.release_target_id',
      'i.author_id',
      'au.login as author_login',
      sql<boolean>`coalesce(au.demo_role is not null, false)`.as('author_is_demo'),
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
          .select([
            'c.id',
            'c.body',
            'c.created_at',
            'ca.login as author_login',
            sql<boolean>`coalesce(ca.demo_role is not null, false)`.as('author_is_demo'),
          ])
          .whereRef('c.idea_id', '=', 'i.id')
          .orderBy('c.id'),
      ).as('comments'),
      jsonArrayFrom(
        eb
          .selectFrom('idea_event as e')
          .select((event) => [
            'e.id',
            'e.kind',
            'e.detail',
            'e.at',
            // A demo person's move, merge or decision: the history says it is a demo action.
            isDemoAccount(event.ref('e.actor_id')).as('is_demo'),
            // A decision's line links its round: the outcome recorded for this idea at the same
            // instant (recordOutcomes writes both with the decision's date). Other lines have none.
            event
              .selectFrom('decision_outcome as o')
              .innerJoin('decision as d', 'd.id', 'o.decision_id')
              .innerJoin('round as r', 'r.id', 'd.round_id')
              .select(
                sql<{ id: number; name: string }>`json_build_object('id', r.id, 'name', r.name)`.as(
                  'round',
                ),
              )
              .whereRef('o.idea_id', '=', 'e.idea_id')
              .whereRef('d.decided_at', '=', 'e.at')
              .where('e.kind', '=', 'decided')
              .limit(1)
              .as('round'),
          ])
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
      // The rounds still running over it: its page says it is up for a vote, and until when.
      openShortlistsOf(eb.ref('i.id')).as('shortlisted_in'),
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
  // The latest decision that took it: a decision says what became of the idea, never how it
  // ranked, so an idea a round sent back to ideation says so too (ideation still ranks nothing).
  const latest = await decisionsWithRound(db)
    .innerJoin('decision_outcome as o', 'o.decision_id', 'd.id')
    .select(['o.outcome', 'o.disposition', 'o.reason'])
    .where('o.idea_id', '=', ideaId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .executeTakeFirst()
  const decided = idea.status === 'agreed' || idea.status === 'archived'
  const isBack = idea.status === 'open' && latest !== undefined
  return {
    ...idea,
    has_plus_one: Boolean(idea.has_plus_one),
    links: toLinkStates(idea.links),
    decision: (decided && latest) || null,
    // Deferred or declined back to ideation, or agreed by a decision a later one superseded: the
    // page's top says which round did it, when and why.
    back_in_ideation: !isBack
      ? null
      : latest.outcome === 'agreed'
        ? await getSupersedingDecision(latest, db)
        : { ...latest, superseded: null },
  }
}

/** Decisions with what an idea's page says of each: when, by a demo person or not, its round. */
function decisionsWithRound(db: Database) {
  return db
    .selectFrom('decision as d')
    .innerJoin('round as r', 'r.id', 'd.round_id')
    .innerJoin('release_target as rt', 'rt.id', 'r.release_target_id')
    .select((eb) => [
      'd.id as decision_id',
      'd.decided_at',
      'd.rationale',
      'r.id as round_id',
      'r.name as round_name',
      'rt.name as round_target_name',
      isDemoAccount(eb.ref('d.decided_by')).as('is_demo_decision'),
    ])
}

/**
 * The decision that superseded `agreement` (the one that had agreed the idea), said as that
 * idea's decision: it sent the idea back to ideation, with its rationale as the reason.
 */
async function getSupersedingDecision(
  agreement: { decision_id: number; round_id: number; round_name: string },
  db: Database,
) {
  const later = await decisionsWithRound(db)
    .where('d.supersedes_id', '=', agreement.decision_id)
    .executeTakeFirst()
  if (!later) return null
  return {
    ...later,
    outcome: 'superseded' as const,
    disposition: 'ideation' as const,
    reason: later.rationale,
    superseded: { round_id: agreement.round_id, round_name: agreement.round_name },
  }
}

export type IdeaDetail = NonNullable<Awaited<ReturnType<typeof getIdea>>>

/** Open ideas of a release target, for a maintainer's shortlist and merge pickers. */
export async function listOpenIdeas(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.plus_one_count',
      demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_one_count'),
      'a.name as area_name',
      deferredInRound(eb.ref('i.id')).as('deferred_in'),
    ])
    .where('i.release_target_id', '=', releaseTargetId)
    .where('i.status', '=', 'open')
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id')
    .orderBy('i.plus_one_count', 'desc')
    .orderBy('i.id')
    .execute()
}
