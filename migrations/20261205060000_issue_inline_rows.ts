import { sql, type Kysely } from 'kysely'

// An issue row is kept whole in its heap page up to 8 kB instead of 2 kB. Its stored search vector
// makes a quarter of the rows of a typical mirror larger than 2 kB, and each of those was
// compressed and moved out to the TOAST table on insert, read back by every ANALYZE and every
// search: about a tenth of the database's CPU time in an initial mirror. The table is about as
// large either way; only bodies of several kB still go to TOAST.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issue set (toast_tuple_target = 8160)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table issue reset (toast_tuple_target)`.execute(db)
}
