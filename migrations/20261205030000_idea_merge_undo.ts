import { sql, type Kysely } from 'kysely'

// A merge of two ideas can be undone (issue 16): each merge keeps what it moved (the duplicate's
// +1s and links, and which of them the survivor did not already have), so undoing gives the
// duplicate back exactly its own and takes from the survivor only what the merge added. The idea's
// history records the undo as an event of its own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idea_merge')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('duplicate_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('survivor_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('merged_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('merged_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // [{account_id, created_at, moved}]: every +1 of the duplicate; moved = the survivor lacked it.
    .addColumn('plus_ones', 'jsonb', (col) => col.notNull())
    // [{ref, repo_full_name, issue_number, position, moved}]: every link of the duplicate.
    .addColumn('links', 'jsonb', (col) => col.notNull())
    .addColumn('undone_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('undone_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('idea_merge_duplicate_idx')
    .on('idea_merge')
    .columns(['duplicate_id', 'id'])
    .execute()
  await sql`alter table idea_event drop constraint idea_event_kind_check`.execute(db)
  await sql`alter table idea_event add constraint idea_event_kind_check check (kind in ('moved', 'merged', 'absorbed', 'decided', 'unmerged'))`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from idea_event where kind = 'unmerged'`.execute(db)
  await sql`alter table idea_event drop constraint idea_event_kind_check`.execute(db)
  await sql`alter table idea_event add constraint idea_event_kind_check check (kind in ('moved', 'merged', 'absorbed', 'decided'))`.execute(
    db,
  )
  await db.schema.dropTable('idea_merge').execute()
}
