import { sql, type Expression } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { getPersonName } from '../accounts/account.server'
import type { Person } from '../accounts/person'
import { followUnlessChosen, notifyIdeaEvent } from '../notifications/notify.server'
import { refuse } from '../utils/refusal'

import { demoPlusOnesOf, lockIdea } from './idea.server'

// Merging duplicate ideas: the one place ideas are folded together, with its cycle check and the
// +1s and links that move to the idea that survives; finding that idea by its title; and undoing a
// merge from what the merge recorded in `idea_merge` (what it moved, and what the survivor had).

/**
 * A maintainer merges a duplicate into the idea that survives: the duplicate's +1s (one per
 * account, still) and links move to the survivor, and the duplicate points to it. Refused when it
 * would merge an idea into itself or close a cycle, and for ideas no longer in ideation.
 */
export async function mergeIdea(
  duplicateId: number,
  survivorId: number,
  actor: Person,
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

    // Who supported or followed the duplicate follows the survivor, where their +1 now counts.
    const supporters = await trx
      .selectFrom('idea_plus_one')
      .select('account_id')
      .where('idea_id', '=', duplicate.id)
      .union(
        trx
          .selectFrom('notification_follow')
          .select('account_id')
          .where('subject_type', '=', 'idea')
          .where('subject_id', '=', duplicate.id)
          .where('following', '=', true),
      )
      .execute()
    // What the merge moves, recorded first so an undo can give back exactly this. A +1 the
    // survivor has only from an earlier merge still standing counts as moved by this one too
    // (`survivor_created_at` names it), so it goes only when the last of those merges is undone.
    const { id: mergeId } = await trx
      .insertInto('idea_merge')
      .columns(['duplicate_id', 'survivor_id', 'merged_by', 'plus_ones', 'links'])
      .expression(
        sql`select ${duplicate.id}::int, ${survivor.id}::int, ${actor.id}::int,
          coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
              'account_id', p.account_id, 'created_at', p.created_at,
              'moved', s.account_id is null or s.by_merges,
              'survivor_created_at', case when s.by_merges then s.created_at end))
            order by p.account_id)
            from idea_plus_one p
            left join (select sp.account_id, sp.created_at,
                ${standingMergeMoved(survivor.id, sql.ref('sp.account_id'), sql.ref('sp.created_at'))} as by_merges
              from idea_plus_one sp where sp.idea_id = ${survivor.id}) s
              on s.account_id = p.account_id
            where p.idea_id = ${duplicate.id}), '[]'::jsonb),
          coalesce((select jsonb_agg(jsonb_build_object(
              'ref', l.ref, 'repo_full_name', l.repo_full_name, 'issue_number', l.issue_number,
              'position', l.position,
              'moved', not exists (select 1 from idea_link s
                where s.idea_id = ${survivor.id} and s.ref = l.ref))
            order by l.position)
            from idea_link l where l.idea_id = ${duplicate.id}), '[]'::jsonb)`,
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('idea_plus_one')
      .columns(['idea_id', 'account_id', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('idea_plus_one')
          .select([sql.lit(survivor.id).as('idea_id'), 'account_id', 'created_at'])
          .where('idea_id', '=', duplicate.id)
          // The survivor's author cannot +1 her own idea: her +1 on the duplicate is not carried
          // over (it goes with the duplicate's, and an undo gives it back there like the others).
          .$if(survivor.author_id !== null, (query) =>
            query.where('account_id', '<>', survivor.author_id!),
          ),
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
      .set({ plus_one_count: plusOnesOf(survivor.id), last_activity_at: sql<Date>`now()` })
      .where('id', '=', survivor.id)
      .execute()
    // Who merged, as every page names her (a demo person by her demo name).
    const who = await getPersonName(actor, trx)
    await trx
      .insertInto('idea_event')
      .values([
        {
          idea_id: duplicate.id,
          actor_id: actor.id,
          kind: 'merged',
          detail: `Merged into idea ${survivor.id} (“${survivor.title}”) by ${who}.`,
        },
        {
          idea_id: survivor.id,
          actor_id: actor.id,
          kind: 'absorbed',
          detail: `Idea ${duplicate.id} (“${duplicate.title}”) was merged into this one by ${who}.`,
        },
      ])
      .execute()
    await notifyIdeaEvent(
      trx,
      [duplicate.id],
      { kind: 'idea_merged', intoId: survivor.id, intoTitle: survivor.title },
      actor.id,
    )
    // Nobody is followed against a choice (an unfollow stays). Whom this made follow is recorded,
    // so an undo can take back exactly those follows (deleteFollowsAddedBy). A follow an earlier
    // merge into the survivor added, untouched since (first revision) while that merge stands, is
    // still the merges' alone: this one records it too, without counting a write, so the follow
    // goes only when the last merge that would have added it is undone.
    const addedByMerges = new Set(
      (
        await trx
          .selectFrom('notification_follow as f')
          .select('f.account_id')
          .where('f.subject_type', '=', 'idea')
          .where('f.subject_id', '=', survivor.id)
          .where('f.following', '=', true)
          .where('f.revision', '=', 1)
          .where(standingMergeAdded(survivor.id, sql.ref('f.account_id')))
          .execute()
      ).map((row) => row.account_id),
    )
    const addedFollows: number[] = []
    for (const { account_id } of supporters) {
      if (
        addedByMerges.has(account_id) ||
        (await followUnlessChosen(trx, account_id, { type: 'idea', id: survivor.id }))
      ) {
        addedFollows.push(account_id)
      }
    }
    await trx
      .updateTable('idea_merge')
      .set({ added_follows: addedFollows })
      .where('id', '=', mergeId)
      .execute()
  })
}

/** How many ideas the survivor search offers at most. */
export const MERGE_CANDIDATES_MAX = 10

/**
 * The ideas a duplicate could be merged into whose title has every word typed (or whose number
 * was typed): same release target, still alive (in ideation or agreed), never the idea itself.
 * Most +1s first, so the established idea is offered before newer duplicates.
 */
export async function listMergeCandidates(
  duplicateId: number,
  text: string,
  db: Database = getDb(),
) {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8)
  if (words.length === 0) return []
  const number = /^\s*#?(\d{1,9})\s*$/.exec(text)?.[1]
  return db
    .selectFrom('idea as i')
    .innerJoin('idea as d', 'd.release_target_id', 'i.release_target_id')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.status',
      'i.plus_one_count',
      demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_one_count'),
      'a.name as area_name',
    ])
    .where('d.id', '=', duplicateId)
    .where('i.id', '!=', duplicateId)
    .where('i.status', 'in', ['open', 'agreed'])
    .where((eb) =>
      eb.or([
        eb.and(words.map((word) => eb('i.title', 'ilike', `%${word.replace(/[\\%_]/g, '\\$&')}%`))),
        ...(number ? [eb('i.id', '=', Number(number))] : []),
      ]),
    )
    .orderBy('i.plus_one_count', 'desc')
    .orderBy('i.id')
    .limit(MERGE_CANDIDATES_MAX)
    .execute()
}

/** An idea's +1s counted again from its rows, after a merge or an undo moved some. */
function plusOnesOf(ideaId: number) {
  return sql<number>`(select count(*)::int from idea_plus_one where idea_id = ${ideaId})`
}

/** Whether a merge into the survivor, not undone (nor `exceptMerge`), recorded this follow. */
function standingMergeAdded(
  survivorId: number,
  accountId: Expression<number>,
  exceptMerge: number | null = null,
) {
  const other = exceptMerge === null ? sql`` : sql`and m.id <> ${exceptMerge}`
  return sql<boolean>`exists (select 1 from idea_merge m
    where m.survivor_id = ${survivorId} and m.undone_at is null
      and ${accountId} = any(m.added_follows) ${other})`
}

/** Whether a merge into the survivor, not undone (nor `exceptMerge`), moved this +1 there. */
function standingMergeMoved(
  survivorId: number,
  accountId: Expression<number>,
  createdAt: Expression<Date>,
  exceptMerge: number | null = null,
) {
  const other = exceptMerge === null ? sql`` : sql`and m.id <> ${exceptMerge}`
  return sql<boolean>`exists (select 1 from idea_merge m, jsonb_array_elements(m.plus_ones) e
    where m.survivor_id = ${survivorId} and m.undone_at is null ${other}
      and (e ->> 'moved')::boolean and (e ->> 'account_id')::int = ${accountId}
      and coalesce(e ->> 'survivor_created_at', e ->> 'created_at')::timestamptz = ${createdAt})`
}

/**
 * The follows of the survivor a merge added (`added_follows`) that nobody wrote since: not one
 * unfollowed or followed again, nor one whose holder took part in the survivor since (a comment or
 * a +1 of her own would have made her follow it had the merge not). Each of those writes counts in
 * the follow's revision, so one still at its first is the merges' alone; it stays while another
 * merge into the survivor that recorded it still stands. Follows held before the merge were not
 * added by it; merges made before it recorded them take none back.
 */
async function deleteFollowsAddedBy(
  trx: Database,
  merge: { id: number; survivor_id: number; added_follows: number[] | null },
) {
  if (!merge.added_follows || merge.added_follows.length === 0) return
  await trx
    .deleteFrom('notification_follow')
    .where('subject_type', '=', 'idea')
    .where('subject_id', '=', merge.survivor_id)
    .where('account_id', 'in', merge.added_follows)
    .where('following', '=', true)
    .where('revision', '=', 1)
    .where((eb) =>
      eb.not(
        standingMergeAdded(merge.survivor_id, sql.ref('notification_follow.account_id'), merge.id),
      ),
    )
    .execute()
}

/**
 * What `idea_merge` records of the duplicate's +1s and links (`moved`: the survivor lacked it, or,
 * for a +1, had it only from a standing merge: then `survivor_created_at` says which one it had).
 */
type MergedPlusOne = {
  account_id: number
  created_at: string
  moved: boolean
  survivor_created_at?: string
}
type MergedLink = {
  ref: string
  repo_full_name: string
  issue_number: number | null
  position: number
  moved: boolean
}

/** jsonb arrives parsed from postgres.js and PGlite alike; a string is parsed, to be safe. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** The merge of this idea that can still be undone, if any (the latest, while it stands). */
export async function getUndoableMerge(duplicateId: number, db: Database = getDb()) {
  return db
    .selectFrom('idea_merge as m')
    .innerJoin('idea as d', 'd.id', 'm.duplicate_id')
    .select(['m.id', 'm.survivor_id', 'm.merged_at'])
    .where('m.duplicate_id', '=', duplicateId)
    .where('m.undone_at', 'is', null)
    .where('d.status', '=', 'merged')
    .whereRef('d.merged_into_id', '=', 'm.survivor_id')
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Undoes a merge: the duplicate is back in ideation with its own +1s and links, and the survivor
 * loses what the merge added to it (a +1 the survivor already had stays, and so does one its
 * giver withdrew and gave again since, or one another standing merge brought too; the follows it
 * added go, unless chosen since). Refused when the survivor was itself merged or archived since:
 * that has to be undone first, or the +1s would land on an idea that is gone.
 */
export async function unmergeIdea(duplicateId: number, actor: Person, db: Database = getDb()) {
  return inTransaction(db, async (trx) => {
    const merge = await trx
      .selectFrom('idea_merge')
      .selectAll()
      .where('duplicate_id', '=', duplicateId)
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    const [first, second] = [duplicateId, merge?.survivor_id ?? duplicateId].sort(
      (a, b) => a - b,
    ) as [number, number]
    const locked = [await lockIdea(trx, first), await lockIdea(trx, second)]
    const duplicate = locked.find((idea) => idea.id === duplicateId)!
    if (duplicate.status !== 'merged') refuse(`Idea ${duplicate.id} is not merged.`, 409)
    if (!merge || merge.survivor_id !== duplicate.merged_into_id) {
      refuse(
        `The merge of idea ${duplicate.id} cannot be undone: it was made before merges recorded what they moved.`,
        409,
      )
    }
    const survivor = locked.find((idea) => idea.id === merge.survivor_id)!
    if (survivor.status === 'merged') {
      refuse(
        `Idea ${survivor.id} was itself merged into idea ${survivor.merged_into_id} since: undo that merge first.`,
        409,
      )
    }
    if (survivor.status === 'archived') {
      refuse(
        `Idea ${survivor.id} has been archived since; this merge can no longer be undone.`,
        409,
      )
    }

    const plusOnes = parseJson<MergedPlusOne[]>(merge.plus_ones)
    const links = parseJson<MergedLink[]>(merge.links)
    const moved = plusOnes.filter((plusOne) => plusOne.moved)
    if (moved.length > 0) {
      await trx
        .deleteFrom('idea_plus_one')
        .where('idea_id', '=', survivor.id)
        .where((eb) =>
          eb.or(
            moved.map((plusOne) =>
              eb.and([
                eb('account_id', '=', plusOne.account_id),
                // Compared in SQL, sent as text: the recorded time keeps its microseconds, while a Date (or
                // postgres.js, given a timestamptz parameter) keeps milliseconds.
                eb(
                  'created_at',
                  '=',
                  sql<Date>`${plusOne.survivor_created_at ?? plusOne.created_at}::text::timestamptz`,
                ),
              ]),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            standingMergeMoved(
              survivor.id,
              sql.ref('idea_plus_one.account_id'),
              sql.ref('idea_plus_one.created_at'),
              merge.id,
            ),
          ),
        )
        .execute()
    }
    // Accounts deleted since took their +1s with them: only the others come back.
    const living = new Set(
      plusOnes.length === 0
        ? []
        : (
            await trx
              .selectFrom('account')
              .select('id')
              .where(
                'id',
                'in',
                plusOnes.map((plusOne) => plusOne.account_id),
              )
              .execute()
          ).map((row) => row.id),
    )
    const restored = plusOnes.filter((plusOne) => living.has(plusOne.account_id))
    if (restored.length > 0) {
      await trx
        .insertInto('idea_plus_one')
        .values(
          restored.map((plusOne) => ({
            idea_id: duplicate.id,
            account_id: plusOne.account_id,
            created_at: sql<Date>`${plusOne.created_at}::text::timestamptz`,
          })),
        )
        .onConflict((oc) => oc.columns(['idea_id', 'account_id']).doNothing())
        .execute()
    }
    await deleteFollowsAddedBy(trx, merge)
    const movedRefs = links.filter((link) => link.moved).map((link) => link.ref)
    if (movedRefs.length > 0) {
      await trx
        .deleteFrom('idea_link')
        .where('idea_id', '=', survivor.id)
        .where('ref', 'in', movedRefs)
        .execute()
    }
    if (links.length > 0) {
      await trx
        .insertInto('idea_link')
        .values(
          links.map((link) => ({
            idea_id: duplicate.id,
            ref: link.ref,
            repo_full_name: link.repo_full_name,
            issue_number: link.issue_number,
            position: link.position,
          })),
        )
        .onConflict((oc) => oc.columns(['idea_id', 'ref']).doNothing())
        .execute()
    }
    for (const [id, status] of [
      [duplicate.id, 'open'],
      [survivor.id, survivor.status],
    ] as const) {
      await trx
        .updateTable('idea')
        .set({
          status,
          merged_into_id: null,
          plus_one_count: plusOnesOf(id),
          last_activity_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute()
    }
    await trx
      .updateTable('idea_merge')
      .set({ undone_by: actor.id, undone_at: sql<Date>`now()` })
      .where('id', '=', merge.id)
      .execute()
    await trx
      .insertInto('idea_event')
      .values([
        {
          idea_id: duplicate.id,
          actor_id: actor.id,
          kind: 'unmerged',
          detail: `The merge into idea ${survivor.id} (“${survivor.title}”) was undone by ${actor.login}; its +1s and links are back.`,
        },
        {
          idea_id: survivor.id,
          actor_id: actor.id,
          kind: 'unmerged',
          detail: `The merge of idea ${duplicate.id} (“${duplicate.title}”) into this one was undone by ${actor.login}.`,
        },
      ])
      .execute()
    return { survivorId: survivor.id }
  })
}
