import type { Kysely } from 'kysely'

// Whether finishing asked her for the link to her pull request: true on every claim finished
// from now on (the confirmation asks, optionally), so maintainers can be shown "no link given"
// where she gave none, and know to ask. Claims finished before are left false: some were finished before
// the link was asked at all, and which is not known, so they keep what they had (their link, or
// nothing said).
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('starter_claim')
    .addColumn('finish_link_asked', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('starter_claim').dropColumn('finish_link_asked').execute()
}
