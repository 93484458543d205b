import { sql, type Kysely } from 'kysely'

// When a decision was recorded on the board, which its date (`decided_at`) need not be: a call's
// decision is recorded days after the call, with the call's date. "Since your last visit" counts
// decisions by this. Rows from before this migration keep null: when they were recorded is not
// known, and adding the column with its default would have stamped them all with the migration's
// time. So the column is added bare, and only then given its default for the rows to come.

export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('decision').addColumn('recorded_at', 'timestamptz').execute()
  await db.schema
    .alterTable('decision')
    .alterColumn('recorded_at', (col) => col.setDefault(sql`now()`))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('decision').dropColumn('recorded_at').execute()
}
