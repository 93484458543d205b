import { sql, type Kysely } from 'kysely'

// An issue's repository was checked row by row by a foreign key: a trigger call, an index probe
// and a row lock per issue, a few per cent of the database's work in an initial mirror. Every
// statement that inserts or updates issues already runs issue_counts_add once, whose update of the
// repositories it names locks each of them against deletion until commit (FOR NO KEY UPDATE
// conflicts with a delete, as the foreign key's FOR KEY SHARE did), and updates only the ones that
// exist. So that update does the check: a repository it did not find does not exist, and the
// statement fails as the foreign key would have failed it. The cascade the foreign key carried
// becomes one delete per statement, as for issue_label (migration 20261206000000).

const COUNTS = `
  update repository r set
    open_issue_count = r.open_issue_count + d.open_issues,
    closed_issue_count = r.closed_issue_count + d.closed_issues,
    open_pull_count = r.open_pull_count + d.open_pulls,
    closed_pull_count = r.closed_pull_count + d.closed_pulls
  from (
    select repository_id,
      count(*) filter (where state = 'open' and not is_pull_request) as open_issues,
      count(*) filter (where state = 'closed' and not is_pull_request) as closed_issues,
      count(*) filter (where state = 'open' and is_pull_request) as open_pulls,
      count(*) filter (where state = 'closed' and is_pull_request) as closed_pulls
    from new_rows
    group by repository_id
  ) d
  where r.id = d.repository_id;`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issue drop constraint issue_repository_id_fkey`.execute(db)
  await sql
    .raw(
      `create or replace function issue_counts_add() returns trigger language plpgsql as $$
      declare
        updated bigint;
        missing bigint;
      begin
        ${COUNTS}
        get diagnostics updated = row_count;
        if updated < (select count(distinct repository_id) from new_rows) then
          select n.repository_id into missing from new_rows n
          where not exists (select from repository r where r.id = n.repository_id)
          limit 1;
          raise foreign_key_violation using
            message = 'insert or update on table "issue" violates foreign key constraint "issue_repository_id_fkey"',
            detail = format('Key (repository_id)=(%s) is not present in table "repository".', missing);
        end if;
        return null;
      end
      $$`,
    )
    .execute(db)
  await sql
    .raw(
      `create function repository_drop_issues() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then
          delete from issue;
        else
          delete from issue i using gone where i.repository_id = gone.id;
        end if;
        return null;
      end
      $$`,
    )
    .execute(db)
  await sql`create trigger repository_drop_issues after delete on repository
    referencing old table as gone for each statement execute function repository_drop_issues()`.execute(
    db,
  )
  // TRUNCATE fires no delete trigger, and would otherwise leave every issue without a repository.
  await sql`create trigger repository_truncate_issues after truncate on repository
    for each statement execute function repository_drop_issues()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger repository_truncate_issues on repository`.execute(db)
  await sql`drop trigger repository_drop_issues on repository`.execute(db)
  await sql`drop function repository_drop_issues()`.execute(db)
  await sql
    .raw(
      `create or replace function issue_counts_add() returns trigger language plpgsql as $$
      begin
        ${COUNTS}
        return null;
      end
      $$`,
    )
    .execute(db)
  await sql`delete from issue i where not exists (select from repository r where r.id = i.repository_id)`.execute(
    db,
  )
  await sql`alter table issue add constraint issue_repository_id_fkey
    foreign key (repository_id) references repository (id) on delete cascade`.execute(db)
}
