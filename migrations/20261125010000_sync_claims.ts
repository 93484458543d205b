import { sql, type Kysely } from 'kysely'

// Lets several server instances share one database without syncing a repository twice at once:
// an instance claims a repository's sync row until claim_expires_at, renewing it as it goes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('repository_sync_state')
    .addColumn('claimed_by', 'text')
    .addColumn('claim_expires_at', 'timestamptz')
    .addColumn('labels_checked_at', 'timestamptz')
    .addColumn('last_requests', 'integer')
    .addColumn('last_not_modified', 'integer')
    .execute()

  // What an organisation (or user) listing last returned, so an unchanged listing costs a 304.
  await db.schema
    .createTable('sync_target')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('repository_ids', sql`bigint[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('checked_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_target').execute()
  await db.schema
    .alterTable('repository_sync_state')
    .dropColumn('claimed_by')
    .dropColumn('claim_expires_at')
    .dropColumn('labels_checked_at')
    .dropColumn('last_requests')
    .dropColumn('last_not_modified')
    .execute()
}
