import { sql, type Kysely } from 'kysely'

// Server-side sessions: the signed cookie names a row here, so signing out (here or everywhere)
// ends a session for good, even for someone who kept a copy of the cookie.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_session')
    // 32 random bytes, base64url: unguessable, and the cookie is signed on top.
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('account_session_account_idx')
    .on('account_session')
    .column('account_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_session').execute()
}
