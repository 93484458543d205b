import type { Kysely } from 'kysely'

// When a signed-in person was last seen (updated at most every few minutes), and when her previous
// visit ended: what the home page's "since your last visit" counts from. Both start unknown (null)
// for every account: visits before this migration were never recorded, so nothing is shown as
// "since" until a second visit is.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('account')
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('previous_visit_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema
    .alterTable('account')
    .dropColumn('last_seen_at')
    .dropColumn('previous_visit_at')
    .execute()
}
