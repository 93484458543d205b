import type { Kysely } from 'kysely'

// "My work" lists the ideas a person +1'd or commented on: both tables were keyed by idea only,
// so reading one account's +1s and comments scanned them whole. Newest first, as the list reads.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createIndex('idea_plus_one_account_idx')
    .on('idea_plus_one')
    .columns(['account_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('idea_comment_author_idx')
    .on('idea_comment')
    .columns(['author_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('idea_comment_author_idx').execute()
  await db.schema.dropIndex('idea_plus_one_account_idx').execute()
}
