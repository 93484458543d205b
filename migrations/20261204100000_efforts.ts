import { sql, type Kysely } from 'kysely'

// Issue 17, efforts: an agreed idea's maintainer-kept facts. Its status is derived from its linked
// issues; only an override is stored (null: derived), with who set it and when, so pages can say
// whose word it is (and that a demo person's is a demo action). Owners are accounts; the target
// date is a plain date. A link can now be added after the idea was filed (to an agreed effort),
// so idea_link records who added it and when (null: it came with the idea). Every change a
// maintainer makes to an effort is kept in effort_event (the idea page's history, the digest).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('effort')
    .addColumn('idea_id', 'integer', (col) =>
      col.primaryKey().references('idea.id').onDelete('cascade'),
    )
    .addColumn('status_override', 'text', (col) =>
      col.check(sql`status_override in ('planned', 'in-progress', 'done', 'dropped')`),
    )
    .addColumn('override_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('override_at', 'timestamptz')
    .addColumn('target_date', 'date')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createTable('effort_owner')
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('added_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('effort_owner_pkey', ['idea_id', 'account_id'])
    .execute()
  await db.schema
    .alterTable('idea_link')
    .addColumn('linked_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('linked_at', 'timestamptz')
    .execute()
  await db.schema
    .createTable('effort_event')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('status', 'owners', 'target', 'link')`),
    )
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('effort_event_idea_idx')
    .on('effort_event')
    .columns(['idea_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('effort_event').execute()
  await db.schema.alterTable('idea_link').dropColumn('linked_by').dropColumn('linked_at').execute()
  await db.schema.dropTable('effort_owner').execute()
  await db.schema.dropTable('effort').execute()
}
