import { sql, type Kysely } from 'kysely'

// Which issues a pull request says it closes ("Fixes #12"), parsed from its body when it is
// mirrored (app/github/closing-references.ts), so that the finder can show an attached issue's
// open pull requests. The index holds open pull requests only: the few rows that lookup reads.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('issue')
    .addColumn('closes_numbers', sql`integer[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute()
  await sql`
    create index issue_open_pull_request_idx on issue (repository_id)
    where is_pull_request and state = 'open'
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index issue_open_pull_request_idx`.execute(db)
  await db.schema.alterTable('issue').dropColumn('closes_numbers').execute()
}
