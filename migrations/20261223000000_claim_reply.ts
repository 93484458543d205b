import { sql, type Kysely } from 'kysely'

// The claimant replies to the answers to her claim, and the mentors answer again: claim_answer
// becomes the claim's short thread rather than one answer per person. A reply is a row written
// by the claimant (`by_claimant`); `round` counts the claimant's replies up to the row (an
// answer carries the number of replies before it, a reply its own number), so the unique key
// keeps one answer per person per round and one reply per round: a double-submit writes once.
// Existing rows are first answers: round 0, not replies.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('claim_answer')
    .addColumn('by_claimant', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  await db.schema
    .alterTable('claim_answer')
    .addColumn('round', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('claim_answer')
    .dropConstraint('claim_answer_claim_author_key')
    .execute()
  await db.schema
    .alterTable('claim_answer')
    .addUniqueConstraint('claim_answer_claim_author_round_key', ['claim_id', 'author_id', 'round'])
    .execute()
  // A reply always has words (no "seen it" from the claimant) and follows an answer (round 1+).
  await db.schema
    .alterTable('claim_answer')
    .addCheckConstraint(
      'claim_answer_reply_check',
      sql`round >= 0 and (not by_claimant or (message is not null and round >= 1))`,
    )
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await sql`delete from claim_answer where by_claimant or round > 0`.execute(db)
  await db.schema.alterTable('claim_answer').dropConstraint('claim_answer_reply_check').execute()
  await db.schema
    .alterTable('claim_answer')
    .dropConstraint('claim_answer_claim_author_round_key')
    .execute()
  await db.schema
    .alterTable('claim_answer')
    .addUniqueConstraint('claim_answer_claim_author_key', ['claim_id', 'author_id'])
    .execute()
  await db.schema.alterTable('claim_answer').dropColumn('round').dropColumn('by_claimant').execute()
}
