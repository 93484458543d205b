import type { Kysely } from 'kysely'

// The label log named who cancelled or settled a change, and who kept GitHub's labels in a
// conflict, by login only: a demo person's act read as a bare login while the request beside it
// said "Dana (demo maintainer) · demo action". The account, as for `label_change.requested_by`,
// lets the log name them the same way. Older rows keep only their login.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('label_change')
    .addColumn('cancelled_by', 'integer', (col) =>
      col.references('account.id').onDelete('set null'),
    )
    .addColumn('resolved_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .execute()
  await db.schema
    .alterTable('label_learning')
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('label_learning').dropColumn('actor_id').execute()
  await db.schema
    .alterTable('label_change')
    .dropColumn('cancelled_by')
    .dropColumn('resolved_by')
    .execute()
}
