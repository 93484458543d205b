import { sql, type Kysely } from 'kysely'

// Issue 8, two-way: every label change the board saw on GitHub in its namespaces and either
// learned (the board's tags followed) or ignored (with the reason), so the board can show where a
// rating or a move came from.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('label_learning')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    // Kept without a reference: the record outlives an issue deleted on GitHub.
    .addColumn('issue_id', 'bigint', (col) => col.notNull())
    .addColumn('issue_number', 'integer', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) =>
      col.references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('idea_id', 'integer', (col) => col.references('idea.id').onDelete('cascade'))
    // The board value key the label stands for (`language:2`, `roadmap:storage`...).
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    // The board's field before and after, as text (`2`, `week`, `networking`); null = unset.
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('github_at', 'timestamptz', (col) => col.notNull())
    .addColumn('github_login', 'text')
    .addColumn('actor_login', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('learned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('label_learning_action_check', sql`action in ('add', 'remove')`)
    .addCheckConstraint(
      'label_learning_source_check',
      sql`source in ('sync', 'webhook', 'adopted')`,
    )
    .addCheckConstraint(
      'label_learning_outcome_check',
      sql`(outcome = 'learned' and reason is null) or (outcome = 'ignored' and reason is not null)`,
    )
    .execute()
  // The label log, newest first, per repository or across all of them.
  await sql`create index label_learning_repository_idx on label_learning (repository_id, learned_at desc, id desc)`.execute(
    db,
  )
  await sql`create index label_learning_learned_idx on label_learning (learned_at desc, id desc)`.execute(
    db,
  )
  await sql`create index label_learning_project_idx on label_learning (project_id, learned_at desc) where project_id is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('label_learning').execute()
}
