import type { Kysely } from 'kysely'

// A project whose source names only an era ("2016-2018") keeps the era's first day in created_at
// so lists can be ordered, and the era here, so pages say "listed in 2016-2018" instead of a day
// nobody recorded. Null when the listing day is known.

export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('starter_project').addColumn('listed_era', 'text').execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('starter_project').dropColumn('listed_era').execute()
}
