import { sql, type Kysely } from 'kysely'

// Answering a "nothing fits me" request now marks every maintainer's notice of it read, not only
// the answerer's. Requests answered before that left the other maintainers' notices unread, still
// counted in the header badge and "For you": read them as of the answer, when they stopped waiting.

export async function up(db: Kysely<unknown>) {
  await sql`
    update notification as n
    set read_at = g.answered_at
    from gap_request as g
    where n.event_key = 'gap-requested:' || g.id
      and n.read_at is null
      and g.answered_at is not null
  `.execute(db)
}

// Which notices this read is not recorded, and reading them again later is harmless: nothing to undo.
export async function down() {}
