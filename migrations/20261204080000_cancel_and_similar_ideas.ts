import { sql, type Kysely } from 'kysely'

// Two things of issue 17. A queued label change can be cancelled before it is sent: a status of
// its own, with who cancelled it and when, so the log keeps it. And an idea's words (title first,
// then its description) are kept as a tsvector the database maintains, so "similar ideas" while
// someone types is an index lookup (full-text search works the same on PGlite and PostgreSQL, with
// no extension to load).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table label_change drop constraint label_change_status_check`.execute(db)
  await sql`alter table label_change add constraint label_change_status_check check (status in ('pending', 'running', 'done', 'conflict', 'failed', 'skipped', 'cancelled'))`.execute(
    db,
  )
  await db.schema
    .alterTable('label_change')
    .addColumn('cancelled_by_login', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .execute()
  await db.schema
    .alterTable('idea')
    .addColumn('search', sql`tsvector`, (col) =>
      col
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')`,
        )
        .stored(),
    )
    .execute()
  await sql`create index idea_search_idx on idea using gin (search)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idea').dropColumn('search').execute()
  await db.schema
    .alterTable('label_change')
    .dropColumn('cancelled_by_login')
    .dropColumn('cancelled_at')
    .execute()
  await sql`alter table label_change drop constraint label_change_status_check`.execute(db)
  await sql`update label_change set status = 'skipped' where status = 'cancelled'`.execute(db)
  await sql`alter table label_change add constraint label_change_status_check check (status in ('pending', 'running', 'done', 'conflict', 'failed', 'skipped'))`.execute(
    db,
  )
}
