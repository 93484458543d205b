import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { isDemoAccount } from '../accounts/account.server'
import type { Person } from '../accounts/person'
import { refuse } from '../utils/refusal'

import { DIGEST_ITEM_MAX_LENGTH, DIGEST_ITEM_WINDOW_DAYS, DIGEST_ITEMS_SHOWN } from './items'
import { periodKey, type DigestPeriod } from './period'

// Agenda items a maintainer adds by hand before the call ("the DNS release date", "thank the
// Outreachy interns"). An item belongs to the moment it was added, not to the period it was added
// from: every period that covers that moment lists it, so Monday's item is still on Thursday's
// agenda although Thursday's "2w" is another fortnight. They head the agenda in the markdown, the
// JSON and the posted issue.

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Items added within the period, in the order they were added. A period longer than a fortnight
 * can hold more than an agenda lists: the latest DIGEST_ITEMS_SHOWN are kept (the next call's),
 * and `earlier` counts the rest.
 */
export async function listDigestItems(period: DigestPeriod, db: Database = getDb()) {
  const rows = await db
    .selectFrom('digest_item')
    .select((eb) => [
      'id',
      'text',
      'created_by_login',
      // A demo person's item: the agenda names her by her demo name.
      isDemoAccount(eb.ref('created_by')).as('is_demo'),
      'created_at',
      sql<number>`count(*) over ()::int`.as('total'),
    ])
    .where('created_at', '>=', period.since)
    .where('created_at', '<=', period.until)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(DIGEST_ITEMS_SHOWN)
    .execute()
  const items = rows.reverse().map(({ total: _total, ...item }) => item)
  return { items, earlier: (rows[0]?.total ?? 0) - items.length }
}

/**
 * Adds an item to the agenda at the moment `period` ends (the moment the maintainer looks at it);
 * the caller has checked the person is a maintainer. Refuses (400) empty text, text over
 * DIGEST_ITEM_MAX_LENGTH characters, and a DIGEST_ITEMS_SHOWN-th item within 14 days, so a
 * fortnight's agenda always lists them all. The period's key is kept as the agenda it was added
 * from; what lists it is the time.
 */
export async function createDigestItem(
  period: DigestPeriod,
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
  const addedAt = period.until
  return inTransaction(db, async (trx) => {
    // Two maintainers adding at once must not both slip past the cap.
    await sql`select pg_advisory_xact_lock(hashtext('digest_item'))`.execute(trx)
    const { count } = await trx
      .selectFrom('digest_item')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('created_at', '>=', new Date(addedAt.getTime() - DIGEST_ITEM_WINDOW_DAYS * DAY_MS))
      .where('created_at', '<=', addedAt)
      .executeTakeFirstOrThrow()
    if (count >= DIGEST_ITEMS_SHOWN)
      refuse(
        `The agenda already has ${DIGEST_ITEMS_SHOWN} items added by hand in the last ${DIGEST_ITEM_WINDOW_DAYS} days.`,
      )
    return trx
      .insertInto('digest_item')
      .values({
        period: periodKey(period),
        text: words,
        created_by: by.id,
        created_by_login: by.login,
        created_at: addedAt,
      })
      .returning(['id', 'text'])
      .executeTakeFirstOrThrow()
  })
}

/** Takes an item off the agenda; 404 when it was not added within the period shown. */
export async function deleteDigestItem(period: DigestPeriod, id: number, db: Database = getDb()) {
  const deleted = await db
    .deleteFrom('digest_item')
    .where('id', '=', id)
    .where('created_at', '>=', period.since)
    .where('created_at', '<=', period.until)
    .returning('id')
    .executeTakeFirst()
  if (!deleted) refuse('This agenda has no such item.', 404)
}
