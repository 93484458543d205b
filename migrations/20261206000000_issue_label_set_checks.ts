import { sql, type Kysely } from 'kysely'

// A link between an issue and a label checked both of its foreign keys row by row: two trigger
// calls, two index probes and two row locks per link, about a sixteenth of the database's work in
// an initial mirror (122,953 links for 100,000 issues). Links are written in two places only,
// writeIssues (app/mirror/issue.server.ts) and setIssueLabels (label.server.ts), and each holds
// both ends locked in its transaction when it writes them: the labels it has just upserted (ON
// CONFLICT DO UPDATE locks every conflicting row, changed or not), and the issues it has just
// inserted or updated, or selected FOR NO KEY UPDATE. So the row-by-row checks go, and the
// cascades they carried become one delete per statement.
const CASCADES = [
  { table: 'issue', column: 'issue_id' },
  { table: 'label', column: 'label_id' },
] as const

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issue_label
    drop constraint issue_label_issue_id_fkey,
    drop constraint issue_label_label_id_fkey`.execute(db)
  for (const { table, column } of CASCADES) {
    await sql
      .raw(
        `create function ${table}_drop_label_links() returns trigger language plpgsql as $$
        begin
          if tg_op = 'TRUNCATE' then
            -- Not TRUNCATE: the statement that fired this may be truncating issue_label too.
            delete from issue_label;
          else
            delete from issue_label il using gone where il.${column} = gone.id;
          end if;
          return null;
        end
        $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger ${table}_drop_label_links after delete on ${table}
        referencing old table as gone for each statement execute function ${table}_drop_label_links()`,
      )
      .execute(db)
    // Emptying either table (TRUNCATE fires no delete trigger) leaves every link without an end.
    await sql
      .raw(
        `create trigger ${table}_truncate_label_links after truncate on ${table}
        for each statement execute function ${table}_drop_label_links()`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, column } of CASCADES) {
    await sql.raw(`drop trigger ${table}_truncate_label_links on ${table}`).execute(db)
    await sql.raw(`drop trigger ${table}_drop_label_links on ${table}`).execute(db)
    await sql.raw(`drop function ${table}_drop_label_links()`).execute(db)
    await sql
      .raw(
        `delete from issue_label il where not exists (select from ${table} t where t.id = il.${column})`,
      )
      .execute(db)
  }
  await sql`alter table issue_label
    add constraint issue_label_issue_id_fkey foreign key (issue_id) references issue (id) on delete cascade,
    add constraint issue_label_label_id_fkey foreign key (label_id) references label (id) on delete cascade`.execute(
    db,
  )
}
