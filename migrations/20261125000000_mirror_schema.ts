import { sql, type Kysely } from 'kysely'

// The GitHub mirror: repositories, their labels, issues (pull requests included) and the
// per-repository sync bookkeeping. Ids are GitHub's own, so a re-sync never duplicates a row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repository')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('html_url', 'text', (col) => col.notNull())
    .addColumn('is_private', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('is_fork', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('is_archived', 'boolean', (col) => col.notNull().defaultTo(false))
    // active | renamed | transferred | gone: what the last sync learned about the repository.
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('pushed_at', 'timestamptz')
    // Kept by the issue triggers below, so the board never recounts 100k rows per request.
    .addColumn('open_issue_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('closed_issue_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('open_pull_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('closed_pull_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('mirrored_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'repository_status_check',
      sql`status in ('active', 'renamed', 'transferred', 'gone')`,
    )
    .execute()
  // GitHub treats owner/name case-insensitively.
  await sql`create unique index repository_full_name_key on repository (lower(full_name))`.execute(
    db,
  )

  await db.schema
    .createTable('label')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('color', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .execute()
  await sql`create unique index label_repository_name_key on label (repository_id, lower(name))`.execute(
    db,
  )
  await sql`create index label_name_idx on label (lower(name))`.execute(db)

  await db.schema
    .createTable('issue')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('state_reason', 'text')
    .addColumn('is_pull_request', 'boolean', (col) => col.notNull())
    .addColumn('merged_at', 'timestamptz')
    .addColumn('author_login', 'text')
    .addColumn('assignee_logins', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('comment_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('plus_one_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('html_url', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closed_at', 'timestamptz')
    // Lower-cased label names, a copy of issue_label kept in step by the model: a GIN index on it
    // answers "has all of these labels" across every repository without a join per label.
    .addColumn('label_keys', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('search', sql`tsvector`, (col) =>
      col
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
        )
        .stored(),
    )
    .addCheckConstraint('issue_state_check', sql`state in ('open', 'closed')`)
    .execute()
  await db.schema
    .createIndex('issue_repository_number_key')
    .on('issue')
    .columns(['repository_id', 'number'])
    .unique()
    .execute()
  // Keyset pagination for each sort order, across all repositories and within one.
  await sql`create index issue_updated_idx on issue (updated_at desc, id desc)`.execute(db)
  await sql`create index issue_created_idx on issue (created_at, id)`.execute(db)
  await sql`create index issue_repository_updated_idx on issue (repository_id, updated_at desc, id desc)`.execute(
    db,
  )
  // The stale view only ever looks at open items; `id` completes its (updated_at, id) order, so
  // the oldest few of each repository come straight off the index without a sort.
  await sql`create index issue_open_updated_idx on issue (repository_id, updated_at, id) where state = 'open'`.execute(
    db,
  )
  // Ordered like the board, so a prolific author's newest page is read off the index rather than
  // by sorting all of their items (prepared statements get a generic plan, which assumes an
  // average author).
  await sql`create index issue_author_updated_idx on issue (lower(author_login), updated_at desc, id desc)`.execute(
    db,
  )
  await sql`create index issue_label_keys_idx on issue using gin (label_keys)`.execute(db)
  await sql`create index issue_search_idx on issue using gin (search)`.execute(db)

  await db.schema
    .createTable('issue_label')
    .addColumn('issue_id', 'bigint', (col) =>
      col.notNull().references('issue.id').onDelete('cascade'),
    )
    .addColumn('label_id', 'bigint', (col) =>
      col.notNull().references('label.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('issue_label_pkey', ['issue_id', 'label_id'])
    .execute()
  await db.schema
    .createIndex('issue_label_label_idx')
    .on('issue_label')
    .column('label_id')
    .execute()

  await db.schema
    .createTable('repository_sync_state')
    .addColumn('repository_id', 'bigint', (col) =>
      col.primaryKey().references('repository.id').onDelete('cascade'),
    )
    // Everything updated at or before this instant is stored; the next sync asks for `since` it.
    .addColumn('issues_watermark', 'timestamptz')
    .addColumn('issues_etag', 'text')
    .addColumn('issues_last_modified', 'text')
    .addColumn('labels_etag', 'text')
    .addColumn('labels_last_modified', 'text')
    .addColumn('last_started_at', 'timestamptz')
    .addColumn('last_finished_at', 'timestamptz')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('rate_limit_remaining', 'integer')
    .addColumn('rate_limit_reset_at', 'timestamptz')
    .execute()

  // Per-repository counts kept by statement-level triggers: one grouped update per statement,
  // whatever the number of rows it touched.
  for (const [name, table, sign] of [
    ['issue_counts_add', 'new_rows', '+'],
    ['issue_counts_subtract', 'old_rows', '-'],
  ] as const) {
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
        begin
          update repository r set
            open_issue_count = r.open_issue_count ${sign} d.open_issues,
            closed_issue_count = r.closed_issue_count ${sign} d.closed_issues,
            open_pull_count = r.open_pull_count ${sign} d.open_pulls,
            closed_pull_count = r.closed_pull_count ${sign} d.closed_pulls
          from (
            select repository_id,
              count(*) filter (where state = 'open' and not is_pull_request) as open_issues,
              count(*) filter (where state = 'closed' and not is_pull_request) as closed_issues,
              count(*) filter (where state = 'open' and is_pull_request) as open_pulls,
              count(*) filter (where state = 'closed' and is_pull_request) as closed_pulls
            from ${table}
            group by repository_id
          ) d
          where r.id = d.repository_id;
          return null;
        end
        $$`,
      )
      .execute(db)
  }
  await sql`create trigger issue_counts_insert after insert on issue referencing new table as new_rows for each statement execute function issue_counts_add()`.execute(
    db,
  )
  await sql`create trigger issue_counts_update_old after update on issue referencing old table as old_rows for each statement execute function issue_counts_subtract()`.execute(
    db,
  )
  await sql`create trigger issue_counts_update_new after update on issue referencing new table as new_rows for each statement execute function issue_counts_add()`.execute(
    db,
  )
  await sql`create trigger issue_counts_delete after delete on issue referencing old table as old_rows for each statement execute function issue_counts_subtract()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('repository_sync_state').execute()
  await db.schema.dropTable('issue_label').execute()
  await db.schema.dropTable('issue').execute()
  await db.schema.dropTable('label').execute()
  await db.schema.dropTable('repository').execute()
  await sql`drop function issue_counts_add()`.execute(db)
  await sql`drop function issue_counts_subtract()`.execute(db)
}
