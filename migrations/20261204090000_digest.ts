import { sql, type Kysely } from 'kysely'

// The call's agenda (issue 17): items a maintainer adds by hand for one period, and which GitHub
// issue the agenda of a period was posted as in a mirrored repository, so a second `--post` edits
// that issue instead of opening another. A period is named by its first and last UTC days
// (`2026-11-20..2026-12-04`), the same words the agenda's title uses.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_item')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('period', 'text', (col) =>
      col.notNull().check(sql`period ~ '^\\d{4}-\\d{2}-\\d{2}[.][.]\\d{4}-\\d{2}-\\d{2}$'`),
    )
    .addColumn('text', 'text', (col) =>
      col.notNull().check(sql`char_length(text) between 1 and 500`),
    )
    .addColumn('created_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_by_login', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('digest_item_period_idx')
    .on('digest_item')
    .columns(['period', 'id'])
    .execute()

  await db.schema
    .createTable('digest_post')
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('issue_number', 'integer', (col) => col.notNull())
    .addColumn('html_url', 'text', (col) => col.notNull())
    .addColumn('posted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('digest_post_pkey', ['repository_id', 'period'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_post').execute()
  await db.schema.dropTable('digest_item').execute()
}
