import { sql, type Kysely } from 'kysely'

// Starter projects for newcomers: two-axis difficulty (language, domain), an audit of every
// rating, claims instead of GitHub assignees, contributors' feedback after a claim ends,
// "nothing fits me" requests, saved finder settings and daily supply snapshots.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('starter_project')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // Where a demo project came from (e.g. pp-04); unique so re-seeding is an upsert.
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('primary_domain', 'text', (col) => col.notNull())
    .addColumn('secondary_domains', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    // null = unrated: never guessed.
    .addColumn('language_stars', 'smallint')
    .addColumn('domain_stars', 'smallint')
    // null = size unknown.
    .addColumn('size', 'text')
    // open / done / inactive; "claimed" is derived from active claims, which expire with time.
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    // Attached to a mirrored GitHub issue: its open/closed state follows the mirror (trigger).
    .addColumn('issue_id', 'bigint', (col) => col.references('issue.id').onDelete('set null'))
    .addColumn('repos', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('related_issues', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('read_first', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('legacy_note', 'text')
    .addColumn('created_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('rated_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('rated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'starter_project_language_stars_check',
      sql`language_stars is null or language_stars between 1 and 3`,
    )
    .addCheckConstraint(
      'starter_project_domain_stars_check',
      sql`domain_stars is null or domain_stars between 1 and 3`,
    )
    .addCheckConstraint(
      'starter_project_size_check',
      sql`size is null or size in ('day', 'week', 'month', 'elastic')`,
    )
    .addCheckConstraint('starter_project_status_check', sql`status in ('open', 'done', 'inactive')`)
    .execute()
  await sql`create unique index starter_project_issue_key on starter_project (issue_id)`.execute(db)
  await sql`create index starter_project_finder_idx on starter_project (status, primary_domain, language_stars, domain_stars)`.execute(
    db,
  )
  // The finder's scan of open projects within a level (its stars limits), e.g. a first visit.
  await sql`create index starter_project_open_stars_idx on starter_project (language_stars, domain_stars) where status = 'open'`.execute(
    db,
  )
  // The finder's "a secondary domain you know" tier and its domain filter (&&, @>).
  await sql`create index starter_project_secondary_domains_idx on starter_project using gin (secondary_domains)`.execute(
    db,
  )
  await sql`create index starter_project_created_idx on starter_project (created_at desc, id desc)`.execute(
    db,
  )

  // Candidates from the trackers read open, unassigned issues by recent activity; without this
  // the date condition cannot narrow a scan of every open issue (see docs/decisions/006).
  await sql`create index issue_starter_candidate_idx on issue (updated_at desc, id desc) where state = 'open' and not is_pull_request and assignee_logins = '{}'`.execute(
    db,
  )

  // Mentors are accounts or plain names (as the MirageOS notes wrote them).
  await db.schema
    .createTable('starter_project_mentor')
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('account_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('starter_project_mentor_pkey', ['project_id', 'position'])
    .execute()

  await db.schema
    .createTable('rating_audit')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('actor_login', 'text', (col) => col.notNull())
    .addColumn('axis', 'text', (col) => col.notNull())
    .addColumn('from_stars', 'smallint')
    .addColumn('to_stars', 'smallint')
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('rating_audit_axis_check', sql`axis in ('language', 'domain')`)
    .execute()
  await sql`create index rating_audit_project_idx on rating_audit (project_id, at desc)`.execute(db)

  await db.schema
    .createTable('starter_claim')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('claimed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('renewed_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ended_at', 'timestamptz')
    // done / abandoned by the contributor; released by a maintainer (stale claim).
    .addColumn('outcome', 'text')
    .addColumn('ended_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addCheckConstraint(
      'starter_claim_outcome_check',
      sql`(ended_at is null) = (outcome is null) and (outcome is null or outcome in ('done', 'abandoned', 'released'))`,
    )
    .execute()
  // One running claim per person and project; the model also keeps non-elastic projects to one.
  await sql`create unique index starter_claim_active_key on starter_claim (project_id, account_id) where ended_at is null`.execute(
    db,
  )
  await sql`create index starter_claim_account_idx on starter_claim (account_id, claimed_at desc)`.execute(
    db,
  )

  // What a contributor met when the claim ended; one per claim (double submissions refused).
  await db.schema
    .createTable('claim_feedback')
    .addColumn('claim_id', 'integer', (col) =>
      col.primaryKey().references('starter_claim.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('language_stars', 'smallint', (col) => col.notNull())
    .addColumn('domain_stars', 'smallint', (col) => col.notNull())
    .addColumn('time_taken', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'claim_feedback_stars_check',
      sql`language_stars between 1 and 3 and domain_stars between 1 and 3`,
    )
    .addCheckConstraint(
      'claim_feedback_time_check',
      sql`time_taken in ('day', 'week', 'month', 'longer')`,
    )
    .execute()
  await sql`create index claim_feedback_project_idx on claim_feedback (project_id)`.execute(db)

  // "Nothing fits me": a newcomer's background and note, until a maintainer answers it.
  await db.schema
    .createTable('gap_request')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('language_level', 'text', (col) => col.notNull())
    .addColumn('domains', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('time_available', 'text')
    .addColumn('wants_mentor', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('answer_project_id', 'integer', (col) =>
      col.references('starter_project.id').onDelete('set null'),
    )
    .addCheckConstraint(
      'gap_request_language_level_check',
      sql`language_level in ('none', 'some', 'comfortable')`,
    )
    .execute()
  await sql`create index gap_request_open_idx on gap_request (created_at desc) where answered_at is null`.execute(
    db,
  )

  // A signed-in newcomer's saved finder (the finder's URL query string).
  await db.schema
    .createTable('finder_preference')
    .addColumn('account_id', 'integer', (col) =>
      col.primaryKey().references('account.id').onDelete('cascade'),
    )
    .addColumn('query', 'text', (col) => col.notNull())
    .addColumn('saved_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  // Open, unclaimed supply per domain and level, recorded once a day for "supply over time".
  await db.schema
    .createTable('supply_snapshot')
    .addColumn('taken_on', 'date', (col) => col.notNull())
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('open_count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('supply_snapshot_pkey', ['taken_on', 'domain', 'level'])
    .execute()

  // An attached project follows its issue: closed on GitHub → done; reopened → open again.
  await sql`
    create function starter_project_follow_issue() returns trigger language plpgsql as $$
    begin
      if new.state is distinct from old.state then
        update starter_project
           set status = case when new.state = 'closed' then 'done' else 'open' end,
               updated_at = now()
         where issue_id = new.id
           and status <> 'inactive'
           and status <> case when new.state = 'closed' then 'done' else 'open' end;
      end if;
      return null;
    end
    $$
  `.execute(db)
  await sql`
    create trigger starter_project_follow_issue after update of state on issue
    for each row execute function starter_project_follow_issue()
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger starter_project_follow_issue on issue`.execute(db)
  await sql`drop function starter_project_follow_issue()`.execute(db)
  await sql`drop index issue_starter_candidate_idx`.execute(db)
  for (const table of [
    'supply_snapshot',
    'finder_preference',
    'gap_request',
    'claim_feedback',
    'starter_claim',
    'rating_audit',
    'starter_project_mentor',
    'starter_project',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
