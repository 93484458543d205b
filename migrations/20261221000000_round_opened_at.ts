import type { Kysely } from 'kysely'

// When a maintainer opened a round on the board, which its `opens_at` need not be: a round opened
// today for a later day is scheduled until then, and the call's agenda lists it in the period it
// was scheduled in. Rows from before this migration keep null (when they were opened is not
// known), as do proposed rounds until a maintainer opens them and rounds recorded from calls. No
// default: `openRound` stamps it with its own clock.

export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('round').addColumn('opened_at', 'timestamptz').execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('round').dropColumn('opened_at').execute()
}
