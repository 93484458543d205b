import { sql, type Kysely } from 'kysely'

// "Offer to mentor this": who offered, when, whether as a demo person, and how a maintainer
// settled it ('added' as a mentor, or 'declined'; null while it waits). Before this the offer
// was only the notices it left the maintainers (event key `mentor-offered:<project>:<account>`),
// so nothing could list the offers still waiting. One offer per person and project.
//
// Earlier offers are copied from those notices: the earliest is when she offered, any of them a
// demo action makes the offer one. An offerer who mentors the project now was added: when and by
// whom is not known, so those stay null.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('mentor_offer')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'integer', (col) =>
      col.notNull().references('starter_project.id').onDelete('cascade'),
    )
    // Her offer goes with her account: nobody is left to add.
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('offered_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('is_demo_action', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('added', 'declined')`))
    .addColumn('settled_at', 'timestamptz')
    .addColumn('settled_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('settled_is_demo_action', 'boolean', (col) => col.notNull().defaultTo(false))
    .addCheckConstraint(
      'mentor_offer_settled_check',
      sql`settled_at is null or outcome is not null`,
    )
    .addUniqueConstraint('mentor_offer_project_account_key', ['project_id', 'account_id'])
    .execute()
  await sql`
    insert into mentor_offer (project_id, account_id, offered_at, is_demo_action, outcome)
    select o.project_id, o.account_id, o.offered_at, o.is_demo_action,
      case when exists (select 1 from starter_project_mentor m
        where m.project_id = o.project_id and m.account_id = o.account_id) then 'added' end
    from (
      select split_part(event_key, ':', 2)::int as project_id,
        split_part(event_key, ':', 3)::int as account_id,
        min(created_at) as offered_at, bool_or(is_demo_action) as is_demo_action
      from notification
      where event_key ~ '^mentor-offered:[0-9]{1,9}:[0-9]{1,9}$'
      group by 1, 2
    ) o
    where exists (select 1 from starter_project p where p.id = o.project_id)
      and exists (select 1 from account a where a.id = o.account_id)
  `.execute(db)
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('mentor_offer').execute()
}
