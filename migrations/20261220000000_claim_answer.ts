import { sql, type Kysely } from 'kysely'

// A mentor's (or a maintainer's) answer to a newcomer's claim: a short welcome or next step, or
// a bare "seen it" (`message` null). Before this, claiming told the mentors and nothing came
// back: the newcomer never heard from anyone. One answer per person per claim; the claim is
// answered once it has any.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('claim_answer')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('claim_id', 'integer', (col) =>
      col.notNull().references('starter_claim.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    // A deleted account's answer stays (the newcomer read it); who wrote it becomes unknown.
    .addColumn('author_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('message', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'claim_answer_message_check',
      sql`message is null or char_length(message) between 1 and 500`,
    )
    .addUniqueConstraint('claim_answer_claim_author_key', ['claim_id', 'author_id'])
    .execute()
  await sql`create index claim_answer_project_idx on claim_answer (project_id)`.execute(db)
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('claim_answer').execute()
}
