import { sql, type Kysely } from 'kysely'

// The roadmap, in two stages kept apart on purpose: ideation (release targets, their areas of
// focus, ideas, +1s, comments, area suggestions) and prioritisation (rounds, their shortlists,
// secret ranked ballots, dot votes, and immutable decisions with their per-idea outcomes).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('release_target')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('roadmap_area')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('release_target_id', 'integer', (col) =>
      col.notNull().references('release_target.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    // The area names as first written down (demo data), kept verbatim beside the normalised one.
    .addColumn('original_names', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('roadmap_area_target_slug_key', ['release_target_id', 'slug'])
    .execute()
  await sql`create unique index roadmap_area_target_name_key on roadmap_area (release_target_id, lower(name))`.execute(
    db,
  )

  await db.schema
    .createTable('idea')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('release_target_id', 'integer', (col) =>
      col.notNull().references('release_target.id').onDelete('cascade'),
    )
    .addColumn('area_id', 'integer', (col) => col.notNull().references('roadmap_area.id'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('author_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    // Who the idea came from when it is not an account: "call attendees", a named person.
    .addColumn('attribution', 'text')
    .addColumn('is_verbatim', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('original_area', 'text')
    // open: in ideation; agreed: on the roadmap; archived: declined for good; merged: a duplicate.
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('merged_into_id', 'integer', (col) => col.references('idea.id'))
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('source_url', 'text')
    // Kept by the model in the same transaction as the rows they count.
    .addColumn('plus_one_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_activity_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'idea_status_check',
      sql`status in ('open', 'agreed', 'archived', 'merged')`,
    )
    .addCheckConstraint(
      'idea_merged_check',
      sql`(status = 'merged') = (merged_into_id is not null) and merged_into_id is distinct from id`,
    )
    .execute()
  // The ideation page: the newest or most +1'd open ideas of each area.
  await sql`create index idea_area_newest_idx on idea (area_id, created_at desc, id desc) where status = 'open'`.execute(
    db,
  )
  await sql`create index idea_area_plus_one_idx on idea (area_id, plus_one_count desc, created_at desc, id desc) where status = 'open'`.execute(
    db,
  )
  await sql`create index idea_target_created_idx on idea (release_target_id, created_at desc, id desc)`.execute(
    db,
  )

  await db.schema
    .createTable('idea_link')
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    // "owner/name#number" for an issue or pull request, "owner/name" for a repository. Resolved
    // against the mirror when read, so a link to something not (yet) mirrored is kept as such.
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('repo_full_name', 'text', (col) => col.notNull())
    .addColumn('issue_number', 'integer')
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('idea_link_pkey', ['idea_id', 'ref'])
    .execute()

  await db.schema
    .createTable('idea_plus_one')
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idea_plus_one_pkey', ['idea_id', 'account_id'])
    .execute()

  await db.schema
    .createTable('idea_comment')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('idea_comment_idea_idx')
    .on('idea_comment')
    .columns(['idea_id', 'id'])
    .execute()

  await db.schema
    .createTable('idea_area_suggestion')
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    // An existing area, or the name of one that does not exist yet.
    .addColumn('area_id', 'integer', (col) => col.references('roadmap_area.id').onDelete('cascade'))
    .addColumn('area_name', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idea_area_suggestion_pkey', ['idea_id', 'account_id'])
    .addCheckConstraint(
      'idea_area_suggestion_target_check',
      sql`(area_id is null) <> (area_name is null)`,
    )
    .execute()

  // Moves and merges, so an idea's page can say what maintainers did to it and when.
  await db.schema
    .createTable('idea_event')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('idea_id', 'integer', (col) =>
      col.notNull().references('idea.id').onDelete('cascade'),
    )
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'idea_event_kind_check',
      sql`kind in ('moved', 'merged', 'absorbed', 'decided')`,
    )
    .execute()
  await db.schema
    .createIndex('idea_event_idea_idx')
    .on('idea_event')
    .columns(['idea_id', 'id'])
    .execute()

  // How the community plans: the process as it was agreed, and the steps that led to it.
  await db.schema
    .createTable('process_note')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('release_target_id', 'integer', (col) =>
      col.notNull().references('release_target.id').onDelete('cascade'),
    )
    // summary: the process in force; history: a step on the way to it.
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('noted_at', 'timestamptz', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('attribution', 'text')
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('source_url', 'text')
    .addCheckConstraint('process_note_kind_check', sql`kind in ('summary', 'history')`)
    .execute()

  await db.schema
    .createTable('round')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('release_target_id', 'integer', (col) =>
      col.notNull().references('release_target.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    // ballot: maintainers rank the shortlist; call: decided on a community call, no ballots.
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('ballot'))
    // proposed: suggested automatically when the previous round closed; open: voting runs
    // between opens_at and closes_at; closed: decided.
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('opens_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closes_at', 'timestamptz', (col) => col.notNull())
    .addColumn('dot_budget', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('source_url', 'text')
    .addColumn('created_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('round_kind_check', sql`kind in ('ballot', 'call')`)
    .addCheckConstraint('round_status_check', sql`status in ('proposed', 'open', 'closed')`)
    .addCheckConstraint('round_dates_check', sql`closes_at > opens_at`)
    .addCheckConstraint('round_closed_check', sql`(status = 'closed') = (closed_at is not null)`)
    .addCheckConstraint('round_dot_budget_check', sql`dot_budget between 0 and 50`)
    .execute()
  await sql`create index round_target_opens_idx on round (release_target_id, opens_at desc, id desc)`.execute(
    db,
  )

  await db.schema
    .createTable('round_shortlist')
    .addColumn('round_id', 'integer', (col) =>
      col.notNull().references('round.id').onDelete('cascade'),
    )
    .addColumn('idea_id', 'integer', (col) => col.notNull().references('idea.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('round_shortlist_pkey', ['round_id', 'idea_id'])
    .execute()
  await db.schema
    .createIndex('round_shortlist_idea_idx')
    .on('round_shortlist')
    .column('idea_id')
    .execute()

  // A ballot is one maintainer's ranking of one round's shortlist; rows here are never returned
  // to anyone but their voter (only the tally and the list of voters are shown).
  await db.schema
    .createTable('ballot')
    .addColumn('round_id', 'integer', (col) =>
      col.notNull().references('round.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) => col.notNull().references('account.id'))
    .addColumn('cast_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ballot_pkey', ['round_id', 'account_id'])
    .execute()

  // One row per ranked idea: the key makes "the same idea twice" impossible, the foreign key to
  // the shortlist makes "an idea not on the shortlist" impossible. Unranked ideas have no row.
  await db.schema
    .createTable('ballot_rank')
    .addColumn('round_id', 'integer', (col) => col.notNull())
    .addColumn('account_id', 'integer', (col) => col.notNull())
    .addColumn('idea_id', 'integer', (col) => col.notNull())
    .addColumn('rank', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('ballot_rank_pkey', ['round_id', 'account_id', 'idea_id'])
    .addForeignKeyConstraint(
      'ballot_rank_ballot_fkey',
      ['round_id', 'account_id'],
      'ballot',
      ['round_id', 'account_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'ballot_rank_shortlist_fkey',
      ['round_id', 'idea_id'],
      'round_shortlist',
      ['round_id', 'idea_id'],
    )
    .addCheckConstraint('ballot_rank_rank_check', sql`rank >= 1`)
    .execute()

  // The optional temperature check: kept apart from ballots so it never feeds the tally.
  await db.schema
    .createTable('dot_vote')
    .addColumn('round_id', 'integer', (col) => col.notNull())
    .addColumn('account_id', 'integer', (col) => col.notNull().references('account.id'))
    .addColumn('idea_id', 'integer', (col) => col.notNull())
    .addColumn('dots', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('dot_vote_pkey', ['round_id', 'account_id', 'idea_id'])
    .addForeignKeyConstraint(
      'dot_vote_shortlist_fkey',
      ['round_id', 'idea_id'],
      'round_shortlist',
      ['round_id', 'idea_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('dot_vote_dots_check', sql`dots between 1 and 2`)
    .execute()

  await db.schema
    .createTable('decision')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('round_id', 'integer', (col) => col.notNull().unique().references('round.id'))
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull())
    .addColumn('decided_by', 'integer', (col) => col.references('account.id'))
    // top-n: the first N of the Schulze order; picked: chosen from the order; call: on a call.
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('top_n', 'integer')
    .addColumn('rationale', 'text', (col) => col.notNull())
    .addColumn('voter_logins', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    // The full tally as it stood at the close (null when decided on a call without ballots).
    .addColumn('tally', 'jsonb')
    .addColumn('supersedes_id', 'integer', (col) => col.unique().references('decision.id'))
    .addCheckConstraint('decision_method_check', sql`method in ('top-n', 'picked', 'call')`)
    .addCheckConstraint(
      'decision_top_n_check',
      sql`(method = 'top-n') = (top_n is not null) and (method = 'call') = (tally is null)`,
    )
    .execute()

  await db.schema
    .createTable('decision_outcome')
    .addColumn('decision_id', 'integer', (col) => col.notNull().references('decision.id'))
    .addColumn('idea_id', 'integer', (col) => col.notNull().references('idea.id'))
    .addColumn('outcome', 'text', (col) => col.notNull())
    // Where a declined or deferred idea went: back to ideation, or archived.
    .addColumn('disposition', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('decision_outcome_pkey', ['decision_id', 'idea_id'])
    .addCheckConstraint(
      'decision_outcome_outcome_check',
      sql`outcome in ('agreed', 'declined', 'deferred')`,
    )
    .addCheckConstraint(
      'decision_outcome_disposition_check',
      sql`(outcome = 'agreed' and disposition = 'roadmap') or (outcome <> 'agreed' and disposition in ('ideation', 'archived') and reason is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('decision_outcome_idea_idx')
    .on('decision_outcome')
    .column('idea_id')
    .execute()

  // Decisions are a record: once written they never change. A later round supersedes one by
  // pointing at it from a new decision, so nothing here ever needs an UPDATE or a DELETE.
  await sql`create function refuse_decision_change() returns trigger language plpgsql as $$
    begin
      raise exception 'decisions are immutable: % on % refused', tg_op, tg_table_name
        using errcode = 'P0001';
    end
  $$`.execute(db)
  for (const table of ['decision', 'decision_outcome']) {
    await sql
      .raw(
        `create trigger ${table}_immutable before update or delete on ${table} for each row execute function refuse_decision_change()`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'decision_outcome',
    'decision',
    'dot_vote',
    'ballot_rank',
    'ballot',
    'round_shortlist',
    'round',
    'idea_event',
    'idea_area_suggestion',
    'idea_comment',
    'idea_plus_one',
    'idea_link',
    'idea',
    'process_note',
    'roadmap_area',
    'release_target',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await sql`drop function refuse_decision_change()`.execute(db)
}
