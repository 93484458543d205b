import type { Kysely } from 'kysely'

// A maintainer answering a "nothing fits me" request can say a word to the newcomer ("a networking
// task is coming next week", "ask on the list about …"), with or without a project made for it:
// an answer with no project was a bare "answered" the newcomer could make nothing of.

export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('gap_request')
    .addColumn('answer_note', 'text', (col) => col.notNull().defaultTo(''))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('gap_request').dropColumn('answer_note').execute()
}
