import { sql, type Kysely } from 'kysely'

// The triage queue's "not a starter project": a candidate issue a maintainer set aside (it leaves
// the queue and the candidates list) or a project retired, each with the reason they gave.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('starter_triage_dismissal')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('issue_id', 'bigint', (col) => col.references('issue.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (col) =>
      col.references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('actor_login', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'starter_triage_dismissal_target_check',
      sql`(issue_id is null) <> (project_id is null)`,
    )
    .execute()
  // One dismissal per issue: the candidates query asks "is there one?" for every eligible issue.
  await sql`create unique index starter_triage_dismissal_issue_key on starter_triage_dismissal (issue_id) where issue_id is not null`.execute(
    db,
  )
  await sql`create index starter_triage_dismissal_project_idx on starter_triage_dismissal (project_id, at desc) where project_id is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('starter_triage_dismissal').execute()
}
