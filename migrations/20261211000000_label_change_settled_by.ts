import type { Kysely } from 'kysely'

// The label log named who cancelled or settled a change by login only, so a demo person's action
// read as a bare login while the request beside it said "Dana (demo maintainer) · demo action".
// The account, as for `requested_by`, lets the log name them the same way. Older rows keep only
// their login.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('label_change')
    .addColumn('cancelled_by', 'integer', (col) =>
      col.references('account.id').onDelete('set null'),
    )
    .addColumn('resolved_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema
    .alterTable('label_change')
    .dropColumn('cancelled_by')
    .dropColumn('resolved_by')
    .execute()
}
