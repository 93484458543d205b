import { sql, type Kysely } from 'kysely'

// Undoing an idea merge takes back the follows of the survivor that the merge added, and only
// those nobody chose since. Timestamps cannot tell them apart: PGlite's clock moves by the
// millisecond, so a follow made just before or after the merge can carry its very time. So the
// merge records whom it made follow, and each follow counts its writes: one written once (by the
// merge) and never again is the merge's to take back.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('notification_follow')
    .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  // Null for merges made before: they recorded no follows, so their undo takes none back.
  await db.schema
    .alterTable('idea_merge')
    .addColumn('added_follows', sql`integer[]`)
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('idea_merge').dropColumn('added_follows').execute()
  await db.schema.alterTable('notification_follow').dropColumn('revision').execute()
}
