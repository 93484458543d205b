import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import { notifyIdeaEvent } from '../notifications/notify.server'
import { refuse } from '../utils/refusal'

import { lockIdea } from './idea.server'

// Merging duplicate ideas: the one place ideas are folded together, with its cycle check and the
// +1s and links that move to the idea that survives.

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
    await notifyIdeaEvent(
      trx,
      [duplicate.id],
      { kind: 'idea_merged', intoId: survivor.id, intoTitle: survivor.title },
      actor.id,
    )
  })
}
