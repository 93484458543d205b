import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import { mentorOfferedKey, notifyMentorOffered } from '../notifications/notify.server'
import { refuse } from '../utils/refusal'

import { isMentorOf } from './project.server'

/**
 * "Offer to mentor this": only maintainers name mentors (the edit page), so a community member
 * offering tells every maintainer, once per project; the list changes only when one adds her.
 * Refused, nothing written: no such project (404), a maintainer (she names herself), a project
 * not open (done or set aside), or one she mentors already (409).
 */
export async function offerToMentor(
  projectId: number,
  person: Person & { isMaintainer: boolean },
  db: Database = getDb(),
): Promise<{ told: number; alreadyOffered: boolean }> {
  return inTransaction(db, async (trx) => {
    const project = await trx
      .selectFrom('starter_project')
      .select(['id', 'title', 'status'])
      .where('id', '=', projectId)
      .executeTakeFirst()
    if (!project) return refuse(`There is no starter project #${projectId}.`, 404)
    if (person.isMaintainer) {
      return refuse('You are a maintainer: name yourself a mentor under “Edit / tag”.', 409)
    }
    if (project.status !== 'open') {
      return refuse('This project is not open to newcomers now: it needs no mentor.', 409)
    }
    if (await isMentorOf(projectId, person.id, trx)) {
      return refuse('You mentor this project already.', 409)
    }
    const earlier = await trx
      .selectFrom('notification')
      .select('id')
      .where('event_key', '=', mentorOfferedKey(projectId, person.id))
      .executeTakeFirst()
    if (earlier) return { told: 0, alreadyOffered: true }
    return { told: await notifyMentorOffered(trx, project, person), alreadyOffered: false }
  })
}

/**
 * When she offered to mentor a project, for the page to say so instead of the button. The offer
 * is the notices it left the maintainers (one per maintainer, one event key), so they are its
 * record: no table of offers to keep in step with them. The earliest is when she offered; a demo
 * person's offer is a demo action. None when nobody was told (no maintainer then): the button
 * stays, and offering again tells whoever is a maintainer now.
 */
export async function getMentorOffer(
  projectId: number,
  accountId: number,
  db: Database = getDb(),
): Promise<{ offeredAt: Date; isDemo: boolean } | null> {
  const row = await db
    .selectFrom('notification')
    .select([
      sql<Date | null>`min(created_at)`.as('offered_at'),
      sql<boolean>`coalesce(bool_or(is_demo_action), false)`.as('is_demo'),
    ])
    .where('event_key', '=', mentorOfferedKey(projectId, accountId))
    .executeTakeFirstOrThrow()
  return row.offered_at ? { offeredAt: new Date(row.offered_at), isDemo: row.is_demo } : null
}
