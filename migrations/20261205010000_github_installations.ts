import { sql, type Kysely } from 'kysely'

// A board installed as a GitHub App mirrors what its installations cover. Each installation is
// recorded with its account, whether GitHub still lets the app in (active, suspended, removed),
// the ETag of its repository listing (an unchanged listing costs a 304) and the rate limit its
// own token last reported. A repository remembers the installation covering it; one taken out
// of the installation is marked (left_installation_at) and stops syncing, its data kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('github_installation')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('repositories_etag', 'text')
    .addColumn('last_requests', 'integer')
    .addColumn('rate_limit_remaining', 'integer')
    .addColumn('rate_limit_limit', 'integer')
    .addColumn('rate_limit_reset_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('status_changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'github_installation_status_check',
      sql`status in ('active', 'suspended', 'removed')`,
    )
    .execute()

  await db.schema
    .alterTable('repository')
    .addColumn('installation_id', 'bigint')
    .addColumn('left_installation_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('repository_installation_idx')
    .on('repository')
    .column('installation_id')
    .where(sql.ref('installation_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('repository_installation_idx').execute()
  await db.schema
    .alterTable('repository')
    .dropColumn('installation_id')
    .dropColumn('left_installation_at')
    .execute()
  await db.schema.dropTable('github_installation').execute()
}
