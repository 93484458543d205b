import { sql, type Kysely } from 'kysely'

// One can follow an area of the roadmap as one follows an idea or a project: told when a new
// idea is proposed in it or moved into it. Same table, so one follow and unfollow path, one list
// of follows; the area is `roadmap_area.id`, an integer like the other subjects.

export async function up(db: Kysely<unknown>) {
  await sql`alter table notification_follow drop constraint notification_follow_subject_type_check`.execute(
    db,
  )
  await sql`alter table notification_follow add constraint notification_follow_subject_type_check check (subject_type in ('idea', 'project', 'area'))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>) {
  await sql`delete from notification_follow where subject_type = 'area'`.execute(db)
  await sql`alter table notification_follow drop constraint notification_follow_subject_type_check`.execute(
    db,
  )
  await sql`alter table notification_follow add constraint notification_follow_subject_type_check check (subject_type in ('idea', 'project'))`.execute(
    db,
  )
}
