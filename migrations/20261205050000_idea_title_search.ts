import { sql, type Kysely } from 'kysely'

// Similar ideas at 5,000 ideas within 50 ms: the lookup first takes the ideas whose titles match
// (a tsvector of the title alone, indexed) and ranks only those, reaching for descriptions only
// when titles give too few. Ranking every idea a description mentions was the dear part.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('idea')
    .addColumn('title_search', sql`tsvector`, (col) =>
      col.generatedAlwaysAs(sql`to_tsvector('english', title)`).stored(),
    )
    .execute()
  await sql`create index idea_title_search_idx on idea using gin (title_search)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idea').dropColumn('title_search').execute()
}
