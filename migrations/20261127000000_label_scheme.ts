import { sql, type Kysely } from 'kysely'

// Issue 8, second part: a repository's own label names for board values, scheme renames in the
// outbox (PATCH new_name on the repository's label), and how a maintainer settled a conflict.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('label_scheme_override')
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    // A board value key (`language:1`, `domain:networking`, `roadmap:storage`...).
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('updated_by_login', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('label_scheme_override_pkey', ['repository_id', 'value'])
    .execute()

  // A rename belongs to the repository, not to an issue: it has no issue number and names the
  // label's new name.
  await sql`alter table label_change alter column issue_number drop not null`.execute(db)
  await db.schema.alterTable('label_change').addColumn('new_label', 'text').execute()
  await sql`alter table label_change drop constraint label_change_action_check`.execute(db)
  await sql`alter table label_change add constraint label_change_action_check check (action in ('add', 'remove', 'rename'))`.execute(
    db,
  )
  await sql`alter table label_change add constraint label_change_rename_shape_check check ((action = 'rename') = (issue_number is null) and (action = 'rename') = (new_label is not null))`.execute(
    db,
  )
  await sql`create unique index label_change_open_rename_key on label_change (repository_id, lower(label)) where action = 'rename' and status in ('pending', 'running')`.execute(
    db,
  )

  // A conflict stays a conflict in the log; the maintainer's choice is recorded beside it.
  await db.schema
    .alterTable('label_change')
    .addColumn('resolution', 'text')
    .addColumn('resolved_by_login', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .execute()
  await sql`alter table label_change add constraint label_change_resolution_check check (resolution is null or (status = 'conflict' and resolution in ('kept-github', 'reapplied') and resolved_by_login is not null and resolved_at is not null))`.execute(
    db,
  )
  // The worker's last read of an issue's labels with its ETag: the conflict check before a write
  // is a conditional GET, and an unchanged issue answers 304 without using the rate limit.
  await db.schema
    .createTable('label_read_validator')
    .addColumn('repository_id', 'bigint', (col) =>
      col.notNull().references('repository.id').onDelete('cascade'),
    )
    .addColumn('issue_number', 'integer', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    .addColumn('labels', sql`text[]`, (col) => col.notNull())
    .addColumn('read_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('label_read_validator_pkey', ['repository_id', 'issue_number'])
    .execute()

  // The conflicts still waiting for a maintainer.
  await sql`create index label_change_open_conflict_idx on label_change (repository_id, id) where status = 'conflict' and resolution is null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index label_change_open_conflict_idx`.execute(db)
  await db.schema.dropTable('label_read_validator').execute()
  await sql`alter table label_change drop constraint label_change_resolution_check`.execute(db)
  await db.schema
    .alterTable('label_change')
    .dropColumn('resolution')
    .dropColumn('resolved_by_login')
    .dropColumn('resolved_at')
    .execute()
  await sql`drop index label_change_open_rename_key`.execute(db)
  await sql`delete from label_change where action = 'rename'`.execute(db)
  await sql`alter table label_change drop constraint label_change_rename_shape_check`.execute(db)
  await sql`alter table label_change drop constraint label_change_action_check`.execute(db)
  await sql`alter table label_change add constraint label_change_action_check check (action in ('add', 'remove'))`.execute(
    db,
  )
  await db.schema.alterTable('label_change').dropColumn('new_label').execute()
  await sql`alter table label_change alter column issue_number set not null`.execute(db)
  await db.schema.dropTable('label_scheme_override').execute()
}
