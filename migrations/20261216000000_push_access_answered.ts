import type { Kysely } from 'kysely'

// Whether GitHub has ever answered an account's push-access check, and how many checks in a row
// it has failed to answer since it last did. Until it has answered once, a failed check is
// retried within minutes (backing off), not a day later: a failure at someone's very first
// sign-in left them a contributor for a day. For accounts checked before, whether GitHub ever
// answered is not known (null): their next answer sets it; should their checks fail meanwhile,
// the retries back off from minutes to the day within that day.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('account')
    .addColumn('push_access_answered_at', 'timestamptz')
    .addColumn('push_access_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema
    .alterTable('account')
    .dropColumn('push_access_answered_at')
    .dropColumn('push_access_failures')
    .execute()
}
