import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import { inTransaction } from '../../../db/transaction'

// The durable queue of notification email, in the label outbox's way: rows are claimed with
// FOR UPDATE SKIP LOCKED under a lease, so several senders can run, and a sender that crashes
// mid-send leaves rows another takes once the lease ends: mail is delayed, never lost. A row is
// marked sent in the same statement for the whole batch right after the server accepted it.

export const LEASE_MS = 5 * 60_000
/** At most one email per person per hour: waiting notices are gathered into the next one. */
export const EMAIL_SPACING_MS = 60 * 60_000
export const MAX_ATTEMPTS = 5
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000]

export function backoffAfter(attempts: number) {
  return BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]!
}

export type EmailBatch = {
  accountId: number
  address: string
  rowIds: number[]
  attempts: number
  items: { notificationId: number; kind: string; title: string; link: string }[]
}

/**
 * Claims, for up to `limit` people whose last email is at least an hour old, every notice of
 * theirs that is due and still unread; rows of people who removed their address, and of notices
 * read in the inbox meanwhile, are cancelled, so someone who read everything gets no email.
 */
export async function claimEmailBatches(
  now: Date,
  workerId: string,
  db: Database = getDb(),
  limit = 50,
): Promise<EmailBatch[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('notification_email as e')
      .innerJoin('notification as n', 'n.id', 'e.notification_id')
      .innerJoin('account as a', 'a.id', 'e.account_id')
      .select([
        'e.id',
        'e.account_id',
        'e.attempts',
        'a.email',
        'n.id as notification_id',
        'n.kind',
        'n.title',
        'n.link',
        'n.read_at',
      ])
      .where((eb) =>
        eb.or([
          eb('e.status', '=', 'pending'),
          eb.and([eb('e.status', '=', 'sending'), eb('e.claimed_until', '<', now)]),
        ]),
      )
      .where('e.next_attempt_at', '<=', now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_email as s')
              .select(sql`1`.as('one'))
              .whereRef('s.account_id', '=', 'e.account_id')
              .where('s.status', '=', 'sent')
              .where('s.sent_at', '>', new Date(now.getTime() - EMAIL_SPACING_MS)),
          ),
        ),
      )
      .orderBy('e.account_id')
      .orderBy('e.id')
      .forUpdate('e')
      .skipLocked()
      .execute()
    const noAddress = rows.filter((row) => !row.email).map((row) => row.id)
    if (noAddress.length > 0) {
      await trx
        .updateTable('notification_email')
        .set({ status: 'cancelled', last_error: 'No email address any more.' })
        .where('id', 'in', noAddress)
        .execute()
    }
    // Read in the inbox (or marked read for her, as an answered request is for its answerer)
    // by the time the batch is claimed: she knows already, and an email would only repeat it.
    const alreadyRead = rows.filter((row) => row.email && row.read_at).map((row) => row.id)
    if (alreadyRead.length > 0) {
      await trx
        .updateTable('notification_email')
        .set({
          status: 'cancelled',
          last_error: 'Read in the inbox before it was sent.',
          claimed_by: null,
          claimed_until: null,
        })
        .where('id', 'in', alreadyRead)
        .execute()
    }
    const batches = new Map<number, EmailBatch>()
    for (const row of rows) {
      if (!row.email || row.read_at) continue
      let batch = batches.get(row.account_id)
      if (!batch) {
        if (batches.size >= limit) continue
        batch = {
          accountId: row.account_id,
          address: row.email,
          rowIds: [],
          attempts: 0,
          items: [],
        }
        batches.set(row.account_id, batch)
      }
      batch.rowIds.push(row.id)
      batch.attempts = Math.max(batch.attempts, row.attempts)
      batch.items.push({
        notificationId: row.notification_id,
        kind: row.kind,
        title: row.title,
        link: row.link,
      })
    }
    const claimed = [...batches.values()].flatMap((batch) => batch.rowIds)
    if (claimed.length > 0) {
      await trx
        .updateTable('notification_email')
        .set({
          status: 'sending',
          claimed_by: workerId,
          claimed_until: new Date(now.getTime() + LEASE_MS),
        })
        .where('id', 'in', claimed)
        .execute()
    }
    return [...batches.values()]
  })
}

export async function markBatchSent(
  batch: EmailBatch,
  messageId: string,
  now: Date,
  workerId: string,
  db: Database = getDb(),
) {
  await db
    .updateTable('notification_email')
    .set({ status: 'sent', sent_at: now, message_id: messageId, last_error: null })
    .where('id', 'in', batch.rowIds)
    .where('claimed_by', '=', workerId)
    .execute()
}

/** A refusal or an outage: try again later, or give up after MAX_ATTEMPTS with the reason. */
export async function markBatchRefused(
  batch: EmailBatch,
  reason: string,
  now: Date,
  workerId: string,
  db: Database = getDb(),
) {
  const attempts = batch.attempts + 1
  const gaveUp = attempts >= MAX_ATTEMPTS
  await db
    .updateTable('notification_email')
    .set({
      status: gaveUp ? 'failed' : 'pending',
      attempts,
      last_error: reason.slice(0, 1000),
      next_attempt_at: new Date(now.getTime() + (gaveUp ? 0 : backoffAfter(attempts))),
      claimed_by: null,
      claimed_until: null,
    })
    .where('id', 'in', batch.rowIds)
    .where('claimed_by', '=', workerId)
    .execute()
  return gaveUp
}

/** For the admin page: failed email with the reason, newest first, and what waits. */
export async function getEmailOutboxReport(db: Database = getDb()) {
  const [failed, counts] = await Promise.all([
    db
      .selectFrom('notification_email as e')
      .innerJoin('account as a', 'a.id', 'e.account_id')
      .innerJoin('notification as n', 'n.id', 'e.notification_id')
      .select([
        'e.id',
        'a.login',
        'a.email',
        'n.title',
        'e.attempts',
        'e.last_error',
        'e.next_attempt_at',
      ])
      .where('e.status', '=', 'failed')
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('notification_email')
      .select(['status', sql<number>`count(*)::int`.as('count')])
      .groupBy('status')
      .execute(),
  ])
  return { failed, counts: Object.fromEntries(counts.map((row) => [row.status, row.count])) }
}

/** A maintainer sends failed email again (after fixing the address or the server). */
export async function retryFailedEmail(now: Date, db: Database = getDb()) {
  const result = await db
    .updateTable('notification_email')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('status', '=', 'failed')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
