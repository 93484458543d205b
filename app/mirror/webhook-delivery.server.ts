import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

export type NewWebhookDelivery = {
  hookId: number
  deliveryId: string
  event: string
  action: string | null
  /** The verified request body, stored as received. */
  rawPayload: string
}

/**
 * Stores a delivery as pending. Answers false when this hook's delivery is already stored:
 * GitHub keeps the delivery id when it (or a person) redelivers.
 */
export async function createWebhookDelivery(
  delivery: NewWebhookDelivery,
  db: Database = getDb(),
): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_delivery')
    .values({
      hook_id: delivery.hookId,
      delivery_id: delivery.deliveryId,
      event: delivery.event,
      action: delivery.action,
      payload: sql<string>`cast(${delivery.rawPayload}::text as jsonb)`,
    })
    .onConflict((oc) => oc.columns(['hook_id', 'delivery_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

/**
 * The oldest pending delivery, locked until the caller's transaction ends. Another server
 * instance draining at the same time skips it rather than applying it twice.
 */
export async function getNextPendingWebhookDelivery(trx: Database) {
  return trx
    .selectFrom('webhook_delivery')
    .select(['id', 'hook_id', 'delivery_id', 'event', 'action', 'payload'])
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

export type WebhookDeliveryOutcome = { status: 'done' } | { status: 'failed'; error: string }

/** Records how processing went; only a pending delivery changes, so a late retry is harmless. */
export async function updateWebhookDeliveryOutcome(
  id: number,
  outcome: WebhookDeliveryOutcome,
  db: Database = getDb(),
) {
  await db
    .updateTable('webhook_delivery')
    .set({
      status: outcome.status,
      error: outcome.status === 'failed' ? outcome.error : null,
      processed_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}
