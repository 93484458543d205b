import { sql, type Kysely } from 'kysely'

// The durable outbox of label writes to GitHub: one row per label added to or removed from one
// issue. Workers claim rows with FOR UPDATE SKIP LOCKED and a lease; the rows stay as the audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('label_change')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('issue_number', 'integer', (col) => col.notNull())
    .addColumn('issue_id', 'bigint')
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    // The managed labels the plan was computed against: a fresh read differing from them means a
    // person changed them since, and the change waits for a maintainer.
    .addColumn('base_labels', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('requested_by', 'integer', (col) =>
      col.references('account.id').onDelete('set null'),
    )
    .addColumn('requested_by_login', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('github_status', 'integer')
    .addColumn('github_response', 'jsonb')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('label_change_action_check', sql`action in ('add', 'remove')`)
    .addCheckConstraint(
      'label_change_status_check',
      sql`status in ('pending', 'running', 'done', 'conflict', 'failed', 'skipped')`,
    )
    .execute()
  // Claiming walks the pending and expired rows oldest first.
  await sql`create index label_change_status_idx on label_change (status, id)`.execute(db)
  // The audit log, newest first per repository.
  await sql`create index label_change_repository_idx on label_change (repository_id, requested_at desc, id desc)`.execute(
    db,
  )
  // The same change waiting twice would be sent twice: at most one open row per change.
  await sql`create unique index label_change_open_key on label_change (repository_id, issue_number, lower(label), action) where status in ('pending', 'running')`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('label_change').execute()
}
