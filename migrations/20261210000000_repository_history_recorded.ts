import { sql, type Kysely } from 'kysely'

// GitHub always says when an issue last changed and how many comments and reactions it has. The
// MirageOS demo's source is a summary that records none of that: its fixtures carry zeros and
// a lower bound for `updated_at`, and pages of a repository marked here say "not recorded" and
// "or later" instead of presenting them as facts.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('repository')
    .addColumn('history_recorded', 'boolean', (col) => col.notNull().defaultTo(sql`true`))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('repository').dropColumn('history_recorded').execute()
}
