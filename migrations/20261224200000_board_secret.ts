import { sql, type Kysely } from 'kysely'

// Without SESSION_SECRET (a board run on one's own machine) the board signs session cookies and
// unsubscribe links with a secret of its own. It was made at each start, so a restart signed
// everyone out and broke links already mailed; kept here, it lasts as long as the database. One
// row (id 1): the first process to start writes it, and every process reads the same one back.
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('board_secret')
    .addColumn('id', 'smallint', (col) =>
      col
        .primaryKey()
        .defaultTo(1)
        .check(sql`id = 1`),
    )
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('board_secret').execute()
}
