import type { Kysely } from 'kysely'

// A notice caused by a demo person's act (a demo maintainer answering a request, a demo person's
// comment) is itself a demo action, and the inbox says so like every other place that shows one
// (docs/decisions/012). Who acted is not kept on a notice, so the notice keeps this one fact.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('notification')
    .addColumn('is_demo_action', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('notification').dropColumn('is_demo_action').execute()
}
