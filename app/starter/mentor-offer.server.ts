import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { MentorOfferOutcome } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { isDemoActor, listMaintainerAccountIds } from '../accounts/account.server'
import { personName, type Person } from '../accounts/person'
import {
  legacyMentorOfferedKey,
  mentorOfferedKey,
  notifyMentorOffered,
  notifyMentorOfferSettled,
} from '../notifications/notify.server'
import { formatDate } from '../utils/format'
import { refuse } from '../utils/refusal'

import { addMentorAccount, isMentorOf } from './project.server'
import { isRunningClaim } from './running-claim.server'

// Offers to mentor a starter project (`mentor_offer`): only maintainers name mentors (the edit
// page), so a community member offers, every maintainer is told, and one settles the offer where
// she sees it (the project page and its edit page): "Add as mentor" or "Decline".

/**
 * "Offer to mentor this": recorded and told to every maintainer, once per person and project.
 * Refused, nothing written: no such project (404), a maintainer (she names herself), a project
 * not open (done or set aside), one she mentors already or one she is working on (409). With no maintainer on the board
 * there is nobody to settle it: nothing is recorded, and offering later tells whoever is one then.
 */
export async function offerToMentor(
  projectId: number,
  person: Person & { isMaintainer: boolean },
  db: Database = getDb(),
): Promise<{ outcome: 'offered' | 'offered-before' | 'no-maintainer' }> {
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
    // Her own work needs someone else's eye: a newcomer who just claimed it read the button as
    // something she was asked to do.
    const working = await trx
      .selectFrom('starter_claim')
      .select('id')
      .where('project_id', '=', projectId)
      .where('account_id', '=', person.id)
      .where(isRunningClaim())
      .executeTakeFirst()
    if (working) {
      return refuse(
        'You are working on this project: offer to mentor it once your claim has ended.',
        409,
      )
    }
    if ((await listMaintainerAccountIds(trx)).length === 0) return { outcome: 'no-maintainer' }
    // The unique key makes a double-submit one offer, told once. An offer settled as added is
    // gone once she is taken off the mentors (`writeMentors`), so she can offer again.
    const inserted = await trx
      .insertInto('mentor_offer')
      .values({
        project_id: projectId,
        account_id: person.id,
        is_demo_action: await isDemoActor(person.id, trx),
      })
      .onConflict((oc) => oc.columns(['project_id', 'account_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) return { outcome: 'offered-before' }
    await notifyMentorOffered(trx, project, person, inserted.id)
    return { outcome: 'offered' }
  })
}

/** Her offer to mentor a project, for the page to say so instead of the button; null if none. */
export async function getMentorOffer(
  projectId: number,
  accountId: number,
  db: Database = getDb(),
): Promise<{
  offeredAt: Date
  isDemo: boolean
  outcome: MentorOfferOutcome | null
} | null> {
  const row = await db
    .selectFrom('mentor_offer')
    .select(['offered_at', 'is_demo_action', 'outcome'])
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return row
    ? { offeredAt: row.offered_at, isDemo: row.is_demo_action, outcome: row.outcome }
    : null
}

/** The offers to mentor a project that wait for a maintainer, oldest first. */
export async function listOpenMentorOffers(projectId: number, db: Database = getDb()) {
  const rows = await db
    .selectFrom('mentor_offer as o')
    .innerJoin('account as a', 'a.id', 'o.account_id')
    .select([
      'o.id',
      'o.account_id',
      'a.login',
      sql<boolean>`a.demo_role is not null`.as('is_demo_person'),
      'o.offered_at',
      'o.is_demo_action',
    ])
    .where('o.project_id', '=', projectId)
    .where('o.outcome', 'is', null)
    .orderBy('o.offered_at')
    .orderBy('o.id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    name: personName({ login: row.login, isDemo: row.is_demo_person }),
    offeredAt: row.offered_at,
    isDemo: row.is_demo_action,
  }))
}

export type OpenMentorOffer = Awaited<ReturnType<typeof listOpenMentorOffers>>[number]

/**
 * The offers to mentor that wait for a maintainer across the board, for "Waiting for maintainers":
 * each is told once by a notice, and a notice read or marked read with the rest left the offer
 * with no reminder while the volunteer waited. Counted on open projects only, where the project
 * page offers "Add as mentor" and "Decline"; the first `limit` projects, oldest offer first.
 */
export async function getWaitingMentorOffers(
  limit: number,
  db: Database = getDb(),
  /** When "now" is for how long the oldest has waited; the database's clock if not given. */
  now?: Date,
) {
  const at = now ? sql<Date>`${now.toISOString()}::timestamptz` : sql<Date>`now()`
  const waiting = db
    .selectFrom('mentor_offer as o')
    .innerJoin('starter_project as p', 'p.id', 'o.project_id')
    .select(['o.project_id', 'p.title', 'o.offered_at', 'o.is_demo_action'])
    .where('o.outcome', 'is', null)
    .where('p.status', '=', 'open')
  const [counts, projects] = await Promise.all([
    db
      .selectFrom(waiting.as('w'))
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`(count(*) filter (where w.is_demo_action))::int`.as('demo'),
        sql<number>`count(distinct w.project_id)::int`.as('project_count'),
        sql<number | null>`floor(extract(epoch from ${at} - min(w.offered_at)) / 86400)::int`.as(
          'oldest_days',
        ),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(waiting.as('w'))
      .select(['w.project_id as id', 'w.title', sql<Date>`min(w.offered_at)`.as('oldest')])
      .groupBy(['w.project_id', 'w.title'])
      .orderBy('oldest')
      .orderBy('w.project_id')
      .limit(limit)
      .execute(),
  ])
  return {
    count: counts.count,
    demo: counts.demo,
    oldestDays: counts.oldest_days === null ? null : Math.max(0, counts.oldest_days),
    projectCount: counts.project_count,
    projects: projects.map(({ id, title }) => ({ id, title })),
  }
}

/**
 * A maintainer settles an offer to mentor: "added" names the offerer a mentor the way the edit
 * page does (`addMentorAccount`: when and by whom recorded, the version moved on), "declined"
 * leaves the mentors as they are. Either way the offerer is told, and the maintainers' notices of
 * the offer are read: it waits for nobody now. Refused, nothing written: not a maintainer (403),
 * no such project or no such offer on it (404), an offer settled already or a project done or set
 * aside (409). Returns the offerer's name, as the page shows it.
 */
export async function settleMentorOffer(
  projectId: number,
  offerId: number,
  outcome: MentorOfferOutcome,
  actor: Person & { isMaintainer: boolean },
  db: Database = getDb(),
): Promise<{ name: string }> {
  if (!actor.isMaintainer) {
    return refuse('Only maintainers name mentors: a maintainer settles offers to mentor.', 403)
  }
  return inTransaction(db, async (trx) => {
    // Locked as the edit page's save locks it: a save in between is refused, not lost.
    const project = await trx
      .selectFrom('starter_project')
      .select(['id', 'title', 'status'])
      .where('id', '=', projectId)
      .forUpdate()
      .executeTakeFirst()
    if (!project) return refuse(`There is no starter project #${projectId}.`, 404)
    const offer = await trx
      .selectFrom('mentor_offer as o')
      .innerJoin('account as a', 'a.id', 'o.account_id')
      .select([
        'o.id',
        'o.account_id',
        'o.outcome',
        'o.settled_at',
        'a.login',
        sql<boolean>`a.demo_role is not null`.as('is_demo_person'),
      ])
      .where('o.id', '=', offerId)
      .where('o.project_id', '=', projectId)
      .forUpdate()
      .executeTakeFirst()
    if (!offer) return refuse('There is no such offer to mentor this project.', 404)
    const name = personName({ login: offer.login, isDemo: offer.is_demo_person })
    if (offer.outcome !== null) {
      const when = offer.settled_at ? ` on ${formatDate(offer.settled_at)}` : ''
      return refuse(
        offer.outcome === 'added'
          ? `${name}’s offer is settled already: they were added as a mentor${when}.`
          : `${name}’s offer is settled already: it was declined${when}.`,
        409,
      )
    }
    if (project.status !== 'open') {
      return refuse(
        `This project is ${project.status === 'done' ? 'done' : 'set aside'}: it needs no mentor now, so the offer stays as it is.`,
        409,
      )
    }
    if (outcome === 'added') {
      await addMentorAccount(projectId, { id: offer.account_id, login: offer.login }, actor, trx)
    }
    await trx
      .updateTable('mentor_offer')
      .set({
        outcome,
        settled_at: sql<Date>`now()`,
        settled_by: actor.id,
        settled_is_demo_action: await isDemoActor(actor.id, trx),
      })
      .where('id', '=', offer.id)
      .execute()
    // Settled, the offer waits for no maintainer (as an answered "nothing fits me" request).
    await trx
      .updateTable('notification')
      .set({ read_at: sql<Date>`now()` })
      .where('event_key', 'in', [
        mentorOfferedKey(projectId, offer.account_id, offer.id),
        legacyMentorOfferedKey(projectId, offer.account_id),
      ])
      .where('read_at', 'is', null)
      .execute()
    await notifyMentorOfferSettled(trx, {
      offerId: offer.id,
      project,
      offererId: offer.account_id,
      outcome,
      actor,
    })
    return { name }
  })
}

/**
 * The projects with offers to mentor waiting (open projects, as `getWaitingMentorOffers`), each
 * with how many, how many were demo people's, and when the oldest was made: the call's agenda
 * counts them per project and names nobody, for the offers show to maintainers only.
 */
export async function listWaitingMentorOffersByProject(db: Database = getDb(), limit = 50) {
  const rows = await db
    .selectFrom('mentor_offer as o')
    .innerJoin('starter_project as p', 'p.id', 'o.project_id')
    .select([
      'p.id',
      'p.title',
      sql<number>`count(*)::int`.as('offers'),
      sql<number>`(count(*) filter (where o.is_demo_action))::int`.as('demo_offers'),
      sql<Date>`min(o.offered_at)`.as('oldest_at'),
    ])
    .where('o.outcome', 'is', null)
    .where('p.status', '=', 'open')
    .groupBy(['p.id', 'p.title'])
    .orderBy('oldest_at')
    .orderBy('p.id')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    projectId: row.id,
    title: row.title,
    offers: row.offers,
    demoOffers: row.demo_offers,
    oldestAt: new Date(row.oldest_at),
  }))
}
