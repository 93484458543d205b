import { sql, type Kysely } from 'kysely'

// Every verified GitHub webhook delivery the board acts on, stored before it is answered and
// processed afterwards, so GitHub gets its answer fast and a replayed delivery is recognised.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_delivery')
    // Increases in order of receipt: the processing order.
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    // X-GitHub-Hook-ID and X-GitHub-Delivery: GitHub keeps the delivery id on a redelivery.
    .addColumn('hook_id', 'bigint', (col) => col.notNull())
    .addColumn('delivery_id', 'text', (col) => col.notNull())
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('action', 'text')
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    // pending | done | failed
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('error', 'text')
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('webhook_delivery_hook_delivery_key', ['hook_id', 'delivery_id'])
    .addCheckConstraint(
      'webhook_delivery_status_check',
      sql`status in ('pending', 'done', 'failed')`,
    )
    .execute()
  // The processor only ever looks for pending rows; done ones pile up and must not slow it down.
  await sql`create index webhook_delivery_pending_idx on webhook_delivery (id) where status = 'pending'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_delivery').execute()
}
