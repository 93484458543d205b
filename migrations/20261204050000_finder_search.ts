import { sql, type Kysely } from 'kysely'

// The finder's search and the mentor contact. A starter project's words (title, summary, and its
// repositories with owner and name as separate words) are kept as a tsvector the database
// maintains, so a text search over 10,000 projects is an index lookup. How to reach the mentors
// (a chat room, a mailing list, a URL) is shown to signed-in people only.
export async function up(db: Kysely<any>): Promise<void> {
  // A generated column may only call immutable functions; array_to_string is stable in general
  // (element types' output may vary) but not for text[].
  await sql`
    create function starter_project_repo_words(repos text[]) returns text
    language sql immutable parallel safe
    as $$ select translate(array_to_string(repos, ' '), '/', ' ') $$
  `.execute(db)
  await db.schema
    .alterTable('starter_project')
    .addColumn('mentor_contact', 'text')
    .addColumn('search', sql`tsvector`, (col) =>
      col
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', starter_project_repo_words(repos)), 'C')`,
        )
        .stored(),
    )
    .execute()
  await sql`create index starter_project_search_idx on starter_project using gin (search)`.execute(
    db,
  )
  // The repository filter: "has this repository", case as GitHub writes it.
  await sql`create index starter_project_repos_idx on starter_project using gin (repos)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('starter_project')
    .dropColumn('search')
    .dropColumn('mentor_contact')
    .execute()
  await sql`drop function starter_project_repo_words(text[])`.execute(db)
}
