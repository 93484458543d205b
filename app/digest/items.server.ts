import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import { refuse } from '../utils/refusal'

import { DIGEST_ITEM_MAX_LENGTH, DIGEST_ITEMS_PER_PERIOD } from './items'

// Agenda items a maintainer adds by hand before the call ("the DNS release date", "thank the
// Outreachy interns"), filed under the period they were added for (period.ts's periodKey). They
// head the agenda in the markdown, the JSON and the posted issue.

/** Items of a period, in the order they were added. */
export async function listDigestItems(period: string, db: Database = getDb()) {
  return db
    .selectFrom('digest_item')
    .select(['id', 'text', 'created_by_login', 'created_at'])
    .where('period', '=', period)
    .orderBy('id')
    .limit(DIGEST_ITEMS_PER_PERIOD)
    .execute()
}

/**
 * Adds an item to a period's agenda; the caller has checked the person is a maintainer.
 * Refuses (400) empty text, text over DIGEST_ITEM_MAX_LENGTH characters, and a full agenda.
 */
export async function createDigestItem(
  period: string,
  text: string,
  by: Person,
  db: Database = getDb(),
) {
  const words = text.replace(/\s+/g, ' ').trim()
  if (words === '') refuse('Write the item: it is empty.')
  if ([...words].length > DIGEST_ITEM_MAX_LENGTH)
    refuse(
      `An agenda item is one line of at most ${DIGEST_ITEM_MAX_LENGTH} characters; this one has ${[...words].length}.`,
    )
  return inTransaction(db, async (trx) => {
    // Two maintainers adding at once must not both slip past the cap.
    await sql`select pg_advisory_xact_lock(hashtext('digest_item'), hashtext(${period}))`.execute(
      trx,
    )
    const { count } = await trx
      .selectFrom('digest_item')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('period', '=', period)
      .executeTakeFirstOrThrow()
    if (count >= DIGEST_ITEMS_PER_PERIOD)
      refuse(`This agenda already has ${DIGEST_ITEMS_PER_PERIOD} items added by hand.`)
    return trx
      .insertInto('digest_item')
      .values({ period, text: words, created_by: by.id, created_by_login: by.login })
      .returning(['id', 'text'])
      .executeTakeFirstOrThrow()
  })
}

/** Takes an item off a period's agenda; 404 when that period has no such item. */
export async function deleteDigestItem(period: string, id: number, db: Database = getDb()) {
  const deleted = await db
    .deleteFrom('digest_item')
    .where('id', '=', id)
    .where('period', '=', period)
    .returning('id')
    .executeTakeFirst()
  if (!deleted) refuse('This agenda has no such item.', 404)
}
