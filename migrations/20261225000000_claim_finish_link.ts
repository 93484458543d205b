import { sql, type Kysely } from 'kysely'

// The pull request (or issue) a newcomer gives when she says she finished a starter project:
// `https://github.com/owner/repo/pull/N` or `owner/repo#N`, checked by the app
// (app/starter/finish-link.ts). Null for every claim before, and whenever she gives none: it is
// optional. The length check is the app's cap, kept here too.
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('starter_claim')
    .addColumn('finish_link', 'text', (col) =>
      col.check(sql`char_length(finish_link) between 1 and 200`),
    )
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('starter_claim').dropColumn('finish_link').execute()
}
