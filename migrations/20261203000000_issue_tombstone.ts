import { sql, type Kysely } from 'kysely'

// Issues deleted on GitHub (or transferred away, which gives the new copy a new id) leave a
// tombstone, so a delivery or a sync page written before the deletion but applied after it never
// brings the issue back. GitHub never reuses an issue id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issue_tombstone')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('removed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('issue_tombstone_reason_check', sql`reason in ('deleted', 'transferred')`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('issue_tombstone').execute()
}
