import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { Person } from '../accounts/person'
import { mentorOfferedKey, notifyMentorOffered } from '../notifications/notify.server'
import { refuse } from '../utils/refusal'

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
    const mentor = await trx
      .selectFrom('starter_project_mentor')
      .select('project_id')
      .where('project_id', '=', projectId)
      .where('account_id', '=', person.id)
      .executeTakeFirst()
    if (mentor) return refuse('You mentor this project already.', 409)
    const earlier = await trx
      .selectFrom('notification')
      .select('id')
      .where('event_key', '=', mentorOfferedKey(projectId, person.id))
      .executeTakeFirst()
    if (earlier) return { told: 0, alreadyOffered: true }
    return { told: await notifyMentorOffered(trx, project, person), alreadyOffered: false }
  })
}
