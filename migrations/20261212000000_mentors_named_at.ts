import type { Kysely } from 'kysely'

// When a project's mentors were last named, and by whom. The project page warns that a mentor
// named in text (not a board account) may be out of date, "named when the project was listed":
// under mentors a maintainer set today, that read as if they were years old. Null: named at
// listing, as before.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('starter_project')
    .addColumn('mentors_named_at', 'timestamptz')
    .addColumn('mentors_named_by', 'integer', (col) =>
      col.references('account.id').onDelete('set null'),
    )
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema
    .alterTable('starter_project')
    .dropColumn('mentors_named_at')
    .dropColumn('mentors_named_by')
    .execute()
}
