import { sql, type Expression, type RawBuilder } from 'kysely'

import type { Database } from '../../db/client.server'
import type { NotificationDelivery, Outcome, OutcomeDisposition } from '../../db/schema'
import { getPersonName, isDemoActor, listMaintainerAccountIds } from '../accounts/account.server'
import { roundWithTarget } from '../roadmap/round-title'
import { getEnv } from '../utils/env.server'
import { formatDate } from '../utils/format'

import { DEFAULT_DELIVERY, LAPSED_NEWS_MS, type NotificationKind } from './kinds'

// Writes notifications. Event notifications are written by the feature that makes the event, in
// its own transaction (pass the transaction as `db`), so an event and its notices commit or roll
// back together. Each notice names its event (`eventKey`): a person is never told twice about
// one event, however often the writer runs (the reminders job runs every few minutes).
//
// This module reads the features' tables (mentors, authors, voters) but imports no feature, so
// starter and roadmap can call it.

export type Subject = { type: 'idea' | 'project' | 'area'; id: number }

export type NewNotification = {
  accountId: number
  kind: NotificationKind
  eventKey: string
  title: string
  link: string
  /** What the notice is about: an explicit unfollow of it silences the notice. */
  subject?: Subject
}

export function isEmailConfigured() {
  return Boolean(getEnv().SMTP_URL)
}

/**
 * Stores the notices people want (per-kind settings, unfollows), skipping the actor and any
 * event already told; queues an email for those who want email and have an address. Returns
 * how many notices were new.
 */
export async function notify(
  db: Database,
  notices: readonly NewNotification[],
  {
    actorId = null,
    email = isEmailConfigured(),
    now,
  }: {
    actorId?: number | null
    email?: boolean
    /** When the emails become due; the database's clock unless a caller's clock is injected. */
    now?: Date
  } = {},
): Promise<number> {
  const wanted = notices.filter((notice) => notice.accountId !== actorId)
  if (wanted.length === 0) return 0
  const accountIds = [...new Set(wanted.map((notice) => notice.accountId))]
  const [settings, unfollows, accounts] = await Promise.all([
    db
      .selectFrom('notification_setting')
      .select(['account_id', 'kind', 'delivery'])
      .where('account_id', 'in', accountIds)
      .execute(),
    db
      .selectFrom('notification_follow')
      .select(['account_id', 'subject_type', 'subject_id'])
      .where('account_id', 'in', accountIds)
      .where('following', '=', false)
      .execute(),
    db.selectFrom('account').select(['id', 'email']).where('id', 'in', accountIds).execute(),
  ])
  const deliveryOf = (accountId: number, kind: string): NotificationDelivery =>
    settings.find((s) => s.account_id === accountId && s.kind === kind)?.delivery ??
    DEFAULT_DELIVERY
  const unfollowed = new Set(
    unfollows.map((u) => `${u.account_id}:${u.subject_type}:${u.subject_id}`),
  )
  const hasAddress = new Set(accounts.filter((a) => a.email).map((a) => a.id))
  const isDemoAction = await isDemoActor(actorId, db)

  const rows = wanted.filter(
    (notice) =>
      deliveryOf(notice.accountId, notice.kind) !== 'off' &&
      !(
        notice.subject &&
        unfollowed.has(`${notice.accountId}:${notice.subject.type}:${notice.subject.id}`)
      ),
  )
  if (rows.length === 0) return 0
  const inserted = await db
    .insertInto('notification')
    .values(
      rows.map((notice) => ({
        account_id: notice.accountId,
        kind: notice.kind,
        event_key: notice.eventKey,
        title: notice.title,
        link: notice.link,
        is_demo_action: isDemoAction,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'event_key']).doNothing())
    .returning(['id', 'account_id', 'kind'])
    .execute()
  const toEmail = email
    ? inserted.filter(
        (row) => hasAddress.has(row.account_id) && deliveryOf(row.account_id, row.kind) === 'email',
      )
    : []
  if (toEmail.length > 0) {
    await db
      .insertInto('notification_email')
      .values(
        toEmail.map((row) => ({
          notification_id: row.id,
          account_id: row.account_id,
          ...(now ? { next_attempt_at: now } : {}),
        })),
      )
      .execute()
  }
  return inserted.length
}

/**
 * Everyone who hears about a project: its mentors with an account, addressed as its mentors, and
 * its followers. A mentor answers the project's claims, so its news is her work, not something
 * she follows: an unfollow of the project does not silence it (her per-kind setting still does),
 * as an unfollow does not silence a reply addressed to whoever answered (`notifyClaimReplied`).
 */
async function projectAudience(db: Database, projectId: number) {
  const [mentors, followers] = await Promise.all([
    db
      .selectFrom('starter_project_mentor')
      .select('account_id')
      .where('project_id', '=', projectId)
      .where('account_id', 'is not', null)
      .execute(),
    db
      .selectFrom('notification_follow')
      .select('account_id')
      .where('subject_type', '=', 'project')
      .where('subject_id', '=', projectId)
      .where('following', '=', true)
      .execute(),
  ])
  const mentorIds = new Set(mentors.map((row) => row.account_id!))
  return {
    mentorIds: [...mentorIds],
    followerIds: followers.map((row) => row.account_id).filter((id) => !mentorIds.has(id)),
  }
}

/** Everyone who hears about an idea: its author and its followers (and, if asked, its commenters). */
async function ideaAudience(db: Database, ideaId: number, withCommenters = false) {
  const rows = await db
    .selectFrom('idea')
    .select('author_id as account_id')
    .where('id', '=', ideaId)
    .where('author_id', 'is not', null)
    .union(
      db
        .selectFrom('notification_follow')
        .select('account_id')
        .where('subject_type', '=', 'idea')
        .where('subject_id', '=', ideaId)
        .where('following', '=', true),
    )
    .$if(withCommenters, (qb) =>
      qb.union(
        db
          .selectFrom('idea_comment')
          .select('author_id as account_id')
          .where('idea_id', '=', ideaId)
          .where('author_id', 'is not', null),
      ),
    )
    .execute()
  return rows.map((row) => row.account_id!)
}

export type ClaimEvent = 'claimed' | 'finished' | 'abandoned'

const CLAIM_EVENT_WORDS: Record<ClaimEvent, string> = {
  claimed: 'is working on',
  finished: 'finished',
  abandoned: 'stopped working on',
}

/**
 * Someone claimed, finished or stopped a project: its mentors (even one who unfollowed it) and its
 * followers are told.
 */
export async function notifyClaimEvent(
  db: Database,
  event: {
    projectId: number
    claimId: number
    event: ClaimEvent
    actor: { id: number; login: string }
    /** When the claim started (or restarted, claiming a lapsed claim again). */
    claimedAt?: Date
    /** Finished with this pull request or issue (`owner/repo#N`), named in the notice. */
    finishedWith?: string
  },
) {
  const project = await db
    .selectFrom('starter_project')
    .select('title')
    .where('id', '=', event.projectId)
    .executeTakeFirst()
  if (!project) return 0
  const { mentorIds, followerIds } = await projectAudience(db, event.projectId)
  // Claiming a lapsed claim again restarts it: a new occurrence, so the key carries its time.
  const occurrence = event.claimedAt ? `:${event.claimedAt.getTime()}` : ''
  const who = await getPersonName(event.actor, db)
  const notice = (accountId: number) => ({
    accountId,
    kind: `project_${event.event}` as const,
    eventKey: `project-${event.event}:${event.claimId}${occurrence}`,
    title: `${who} ${CLAIM_EVENT_WORDS[event.event]} “${project.title}”${
      event.finishedWith ? ` with ${event.finishedWith}` : ''
    }`,
    // A claim to its project's claims, where a mentor answers it: the top of the page is the
    // description, and the answer form sat a scroll away from the notice that asked for it.
    link: `/starter/${event.projectId}${event.event === 'claimed' ? '#claims-heading' : ''}`,
  })
  return notify(
    db,
    [
      // No subject for a mentor: addressed to her as its mentor, whatever she follows.
      ...mentorIds.map(notice),
      ...followerIds.map((accountId) => ({
        ...notice(accountId),
        subject: { type: 'project' as const, id: event.projectId },
      })),
    ],
    { actorId: event.actor.id },
  )
}

/**
 * How old a freeing may be and still be news, and the note when taking part made one follow
 * (`kinds.ts`): features import this module only.
 */
export { LAPSED_NEWS_MS, nowFollowingNote } from './kinds'

const PROJECT_FREED_PREFIX = 'project-freed:'

/**
 * A project's freeing by one claim: the claim and the expiry it had. A lapse and a maintainer's
 * later release of that lapsed claim are one event (whichever comes first tells), while a claim
 * claimed again by its holder and lapsing again is a new one. A claim released while running
 * never lapses after, so its expiry names the release as well.
 */
export function projectFreedKey(claim: { id: number; expires_at: Date }) {
  return `${PROJECT_FREED_PREFIX}${claim.id}:${claim.expires_at.getTime()}`
}

/**
 * A claim stopped, without its holder saying so, and left its project free (the rule:
 * `leftProjectFree`, app/starter/running-claim.server.ts): it lapsed (the reminders job) or a
 * maintainer released it (`releaseClaim`). Its mentors (even one who unfollowed it) and its
 * followers are told, as of a claim or a stop (`notifyClaimEvent`); never the claimant, told of
 * her lapse by `claim_lapsed`, nor the maintainer who released it. A lapse has no one acting but
 * the claimant, so a demo person's lapse is a demo action in the notice.
 */
export async function notifyProjectFreed(
  db: Database,
  freed: {
    projectId: number
    claim: { id: number; expires_at: Date }
    claimant: { id: number; login: string }
    /** Its expiry passed before it ended: it lapsed (and may have been released after). */
    lapsed: boolean
    /** The maintainer who released it; null when it lapsed and stays unended. */
    releasedBy: { id: number; login: string } | null
  },
  options: { email?: boolean } = {},
) {
  const project = await db
    .selectFrom('starter_project')
    .select('title')
    .where('id', '=', freed.projectId)
    .executeTakeFirst()
  if (!project) return 0
  const { mentorIds, followerIds } = await projectAudience(db, freed.projectId)
  const [claimant, releaser] = await Promise.all([
    getPersonName(freed.claimant, db),
    freed.releasedBy ? getPersonName(freed.releasedBy, db) : null,
  ])
  const lapsedOn = `the claim by ${claimant} lapsed on ${formatDate(freed.claim.expires_at)}`
  const why = !freed.lapsed
    ? `${releaser} released the claim by ${claimant}`
    : releaser
      ? `${lapsedOn} and ${releaser} released it`
      : lapsedOn
  const notice = (accountId: number) => ({
    accountId,
    kind: 'project_freed' as const,
    eventKey: projectFreedKey(freed.claim),
    title: `“${project.title}” is free again: ${why}`,
    link: `/starter/${freed.projectId}`,
  })
  const isClaimant = (accountId: number) => accountId === freed.claimant.id
  return notify(
    db,
    [
      // No subject for a mentor: addressed to her as its mentor, whatever she follows.
      ...mentorIds.filter((id) => !isClaimant(id)).map(notice),
      ...followerIds
        .filter((id) => !isClaimant(id))
        .map((accountId) => ({
          ...notice(accountId),
          subject: { type: 'project' as const, id: freed.projectId },
        })),
    ],
    { ...options, actorId: freed.releasedBy?.id ?? freed.claimant.id },
  )
}

/**
 * A maintainer released someone's claim (`releaseClaim`): she is told who did and that the project
 * is open to take again, so she does not learn it from a project page that no longer says she
 * works on it. A claim that lapsed longer ago than LAPSED_NEWS_MS is not news to her any more:
 * releasing it is tidying up, and an email about a claim she left months ago would only puzzle.
 */
export async function notifyClaimReleased(
  db: Database,
  released: { claimId: number; releasedBy: { id: number; login: string } },
) {
  // Asked of the database's clock, which ended the claim.
  const claim = await db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .select(['c.account_id', 'c.project_id', 'p.title'])
    .where('c.id', '=', released.claimId)
    .where('c.expires_at', '>', sql<Date>`now() - make_interval(secs => ${LAPSED_NEWS_MS / 1000})`)
    .executeTakeFirst()
  if (!claim) return 0
  const releaser = await getPersonName(released.releasedBy, db)
  return notify(
    db,
    [
      {
        accountId: claim.account_id,
        kind: 'claim_released',
        eventKey: `claim-released:${released.claimId}`,
        title: `${releaser} released your claim on “${claim.title}”: it is open to others now; claim it again if you are still on it`,
        link: `/starter/${claim.project_id}`,
      },
    ],
    { actorId: released.releasedBy.id },
  )
}

export const PROJECT_CLAIMED_PREFIX = 'project-claimed:'

/**
 * The claim a "X is working on …" notice is about, from its event key (`notifyClaimEvent`'s, with
 * or without the time of a claim taken up again); null for other notices.
 */
export function claimOfKey(eventKey: string) {
  if (!eventKey.startsWith(PROJECT_CLAIMED_PREFIX)) return null
  const id = Number(eventKey.slice(PROJECT_CLAIMED_PREFIX.length).split(':')[0])
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * Someone answered a claim: her own notices about it are read, in the answer's transaction, as
 * answering a gap request reads its notices (`notifyRequestAnswered`): "X is working on …" (each
 * time it was claimed again: `notifyClaimEvent`'s keys) and the claimant's replies to her
 * (`notifyClaimReplied`'s). Hers only: to the project's other mentors and its followers the
 * notice is news they have not read, and a reply was addressed to whoever it was sent to.
 */
export async function markClaimNoticesRead(db: Database, claimId: number, accountId: number) {
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('event_key', '=', `project-claimed:${claimId}`),
        eb('event_key', 'like', `project-claimed:${claimId}:%`),
        eb('event_key', 'in', answerKeys(db, claimId, 'claim-replied:', true)),
      ]),
    )
    .execute()
}

/** The event keys of a claim's answers: the claimant's replies, or the mentors' answers. */
function answerKeys(
  db: Database,
  claimId: number,
  prefix: 'claim-replied:' | 'claim-answered:',
  byClaimant: boolean,
) {
  return db
    .selectFrom('claim_answer')
    .select(sql<string>`concat(${prefix}::text, claim_answer.id)`.as('event_key'))
    .where('claim_answer.claim_id', '=', claimId)
    .where('claim_answer.by_claimant', '=', byClaimant)
}

/** The claimant's notices of the answers to her claim (`notifyClaimAnswered`'s keys), read. */
async function markClaimAnswerNoticesRead(db: Database, claimId: number, accountId: number) {
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .where('event_key', 'in', answerKeys(db, claimId, 'claim-answered:', false))
    .execute()
}

/**
 * A mentor (or a maintainer) answered a claim: the person who holds it is told, and only she: the
 * answer is addressed to her, so it reaches her whatever she follows (an unfollow of the project
 * silences its news, not a reply to her). A bare acknowledgement says so.
 */
export async function notifyClaimAnswered(
  db: Database,
  answer: {
    answerId: number
    claimId: number
    projectId: number
    message: string | null
    /** Answering the claimant's reply: a bare acknowledgement has seen the reply. */
    isAfterReply?: boolean
    actor: { id: number; login: string }
  },
) {
  const claim = await db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .select(['c.account_id', 'p.title'])
    .where('c.id', '=', answer.claimId)
    .executeTakeFirst()
  if (!claim) return 0
  const who = await getPersonName(answer.actor, db)
  return notify(
    db,
    [
      {
        accountId: claim.account_id,
        kind: 'claim_answered',
        eventKey: `claim-answered:${answer.answerId}`,
        // The whole answer is on the project page and My work; the notice carries its start.
        title:
          answer.message === null
            ? `${who} saw your ${answer.isAfterReply ? 'reply' : 'claim'} on “${claim.title}”`
            : `${who} answered your claim on “${claim.title}”: “${excerpt(answer.message)}”`,
        link: `/starter/${answer.projectId}#claims-heading`,
      },
    ],
    { actorId: answer.actor.id },
  )
}

/**
 * The claimant replied to the answers to her claim: everyone who answered it (with an account
 * still) is told, and only they: the reply is addressed to them, so an unfollow of the project
 * does not silence it, as it does not silence the answer.
 */
export async function notifyClaimReplied(
  db: Database,
  reply: {
    replyId: number
    claimId: number
    projectId: number
    message: string
    actor: { id: number; login: string }
  },
) {
  const [project, answerers] = await Promise.all([
    db
      .selectFrom('starter_project')
      .select('title')
      .where('id', '=', reply.projectId)
      .executeTakeFirst(),
    db
      .selectFrom('claim_answer')
      .select('author_id')
      .distinct()
      .where('claim_id', '=', reply.claimId)
      .where('by_claimant', '=', false)
      .execute(),
  ])
  if (!project) return 0
  // Replying, she has read what she replies to: the answers' notices need her no more, as an
  // answer reads the answerer's (markClaimNoticesRead). Left unread, the inbox and "For you" went
  // on calling the answer new after she had replied to it from My work or the project page.
  await markClaimAnswerNoticesRead(db, reply.claimId, reply.actor.id)
  const who = await getPersonName(reply.actor, db)
  return notify(
    db,
    answerers.flatMap(({ author_id }) =>
      author_id === null
        ? []
        : [
            {
              accountId: author_id,
              kind: 'claim_replied' as const,
              eventKey: `claim-replied:${reply.replyId}`,
              title: `${who} replied to your answer on “${project.title}”: “${excerpt(reply.message)}”`,
              link: `/starter/${reply.projectId}#claims-heading`,
            },
          ],
    ),
    { actorId: reply.actor.id },
  )
}

/** A "nothing fits me" request was answered: its sender is told, with the project made for it. */
export async function notifyRequestAnswered(
  db: Database,
  request: { id: number; projectId: number | null; note: string; actorId: number },
) {
  const row = await db
    .selectFrom('gap_request as g')
    .leftJoin('starter_project as p', 'p.id', 'g.answer_project_id')
    .select(['g.account_id', 'p.title'])
    .where('g.id', '=', request.id)
    .executeTakeFirst()
  // Answered, the request waits for no maintainer: every maintainer's notice of it is marked read
  // here, in the answer's transaction, rather than "answered" being worked out wherever unread
  // notices are counted. read_at is what the header's badge, "For you" and the email outbox (which
  // drops a notice read before its batch goes) all read, so one write keeps them telling the same
  // thing. Why it was read is not copied onto the notice: the inbox reads who answered, and when,
  // from the request itself (inbox.server.ts), the one record of the answer.
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('event_key', '=', gapRequestedKey(request.id))
    .where('read_at', 'is', null)
    .execute()
  if (!row?.account_id) return 0
  const answered = row.title
    ? `Your “nothing fits me” request is answered: try “${row.title}”`
    : 'Your “nothing fits me” request is answered'
  return notify(
    db,
    [
      {
        accountId: row.account_id,
        kind: 'request_answered',
        eventKey: `${REQUEST_ANSWERED_PREFIX}${request.id}`,
        // The whole note is on "My work"; the notice carries its start.
        title: request.note ? `${answered} — “${excerpt(request.note)}”` : answered,
        link: request.projectId ? `/starter/${request.projectId}` : '/me',
      },
    ],
    { actorId: request.actorId },
  )
}

const EXCERPT_MAX = 140

/** The text's start, cut at a word where it is longer than EXCERPT_MAX characters. */
function excerpt(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= EXCERPT_MAX) return flat
  const cut = flat.slice(0, EXCERPT_MAX)
  const atWord = cut.lastIndexOf(' ')
  return `${(atWord > EXCERPT_MAX / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`
}

export type IdeaEvent =
  | {
      kind: 'idea_shortlisted'
      roundId: number
      /** A change to an open round's shortlist, an event of its own; none when the round opens. */
      at?: Date
      /** Taken off the shortlist. */
      off?: boolean
    }
  | {
      kind: 'idea_decided'
      decisionId: number
      roundId: number
      outcome: Outcome
      disposition: OutcomeDisposition
      reason: string | null
    }
  | { kind: 'idea_merged'; intoId: number; intoTitle: string }
  | { kind: 'idea_commented'; commentId: number; authorLogin: string }

/**
 * An idea was shortlisted, decided, merged or commented on: its author and followers are told;
 * of a comment, those who commented before too (they are in the conversation).
 */
export async function notifyIdeaEvent(
  db: Database,
  ideaIds: readonly number[],
  event: IdeaEvent,
  actorId: number | null,
) {
  if (ideaIds.length === 0) return 0
  const ideas = await db
    .selectFrom('idea')
    .select(['id', 'title'])
    .where('id', 'in', [...ideaIds])
    .execute()
  const notices = []
  // The round as named away from its target's pages: with its target.
  const roundTitle =
    event.kind === 'idea_shortlisted' || event.kind === 'idea_decided'
      ? await getRoundTitle(db, event.roundId)
      : ''
  // The commenter as every page names her (a demo person by her demo name).
  const commenter =
    event.kind === 'idea_commented'
      ? await getPersonName({ id: actorId, login: event.authorLogin }, db)
      : ''
  if (event.kind === 'idea_shortlisted') {
    await markShortlistNewsRead(db, event.roundId, ideaIds, event.off ? 'on' : 'off')
  }
  for (const idea of ideas) {
    const audience = await ideaAudience(db, idea.id, event.kind === 'idea_commented')
    const { eventKey, title } = describeIdeaEvent(idea, event, commenter || roundTitle)
    for (const accountId of audience) {
      notices.push({
        accountId,
        kind: event.kind,
        eventKey,
        title,
        link: ideaEventLink(idea.id, event),
        subject: { type: 'idea' as const, id: idea.id },
      })
    }
  }
  return notify(db, notices, { actorId })
}

/**
 * Where an idea's notice lands. A comment's, on that comment, not the top of a long idea page. A
 * decision's, on the page's top, which says under the title what the round decided, when and
 * why, and what comes next (roadmap/ui/idea-decision.tsx): its History is further down.
 */
function ideaEventLink(ideaId: number, event: IdeaEvent) {
  switch (event.kind) {
    case 'idea_commented':
      return `/roadmap/ideas/${ideaId}#comment-${event.commentId}`
    default:
      return `/roadmap/ideas/${ideaId}`
  }
}

/**
 * An idea's place on a round's shortlist changed again: what the earlier notice said ("is
 * shortlisted", or "is no longer shortlisted") is not true now, so it stops waiting unread beside
 * the notice that corrects it. The inbox keeps both.
 */
async function markShortlistNewsRead(
  db: Database,
  roundId: number,
  ideaIds: readonly number[],
  which: 'on' | 'off',
) {
  const prefix = which === 'on' ? 'idea-shortlisted' : 'idea-unshortlisted'
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('read_at', 'is', null)
    .where((eb) =>
      eb.or(
        ideaIds.flatMap((ideaId) => {
          const key = `${prefix}:${roundId}:${ideaId}`
          // The key alone (the round's opening) or with the change's time after it.
          return [eb('event_key', '=', key), eb('event_key', 'like', `${key}:%`)]
        }),
      ),
    )
    .execute()
}

/** `named`: the commenter of a comment, the round (with its target) of a shortlist or decision. */
function describeIdeaEvent(idea: { id: number; title: string }, event: IdeaEvent, named: string) {
  switch (event.kind) {
    case 'idea_shortlisted': {
      const change = event.at ? `:${event.at.getTime()}` : ''
      return event.off
        ? {
            eventKey: `idea-unshortlisted:${event.roundId}:${idea.id}${change}`,
            title: `“${idea.title}” is no longer shortlisted for ${named}: it stays in ideation`,
          }
        : {
            eventKey: `idea-shortlisted:${event.roundId}:${idea.id}${change}`,
            title: `“${idea.title}” is shortlisted for ${named}`,
          }
    }
    case 'idea_decided':
      return {
        eventKey: `idea-decided:${event.decisionId}:${idea.id}`,
        title: `“${idea.title}” is ${event.outcome} in ${named}${whereDecidedGoes(event)}`,
      }
    case 'idea_commented':
      return {
        eventKey: `idea-commented:${event.commentId}`,
        title: `${named} commented on “${idea.title}”`,
      }
    case 'idea_merged':
      return {
        eventKey: `idea-merged:${idea.id}:${event.intoId}`,
        title: `“${idea.title}” is merged into “${event.intoTitle}”`,
      }
  }
}

/**
 * Where a decided idea goes, and why: her idea's author reads what became of it, and whether she
 * can bring it back (back in ideation, it can be shortlisted again; archived, it cannot).
 */
function whereDecidedGoes(event: { disposition: OutcomeDisposition; reason: string | null }) {
  const why = event.reason ? `: ${event.reason}` : ''
  switch (event.disposition) {
    case 'roadmap':
      return `: it is an effort on the roadmap now${why}`
    case 'ideation':
      return `, back to ideation${why}`
    case 'archived':
      return ` and archived${why}`
  }
}

/**
 * A new idea was proposed in an area, or an idea moved into one: the area's followers are told,
 * never the idea's author (her own idea is no news to her) nor whoever proposed or moved it. One
 * event per idea, whatever happens to it: someone who follows both the area an idea was proposed
 * in and the one it is moved to is told once. Ideation ranks nothing, so the notice names the
 * idea and its area, nothing else (no +1s, no standing).
 */
export async function notifyIdeaInArea(
  db: Database,
  event: { ideaId: number; how: 'proposed' | 'moved' },
  actorId: number | null,
) {
  const idea = await db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .select(['i.id', 'i.title', 'i.author_id', 'a.id as area_id', 'a.name as area_name'])
    .where('i.id', '=', event.ideaId)
    .executeTakeFirst()
  if (!idea) return 0
  const followers = await db
    .selectFrom('notification_follow')
    .select('account_id')
    .where('subject_type', '=', 'area')
    .where('subject_id', '=', idea.area_id)
    .where('following', '=', true)
    .$if(idea.author_id !== null, (qb) => qb.where('account_id', '!=', idea.author_id!))
    .execute()
  const title =
    event.how === 'proposed'
      ? `New idea in ${idea.area_name}: “${idea.title}”`
      : `“${idea.title}” is moved into ${idea.area_name}`
  return notify(
    db,
    followers.map(({ account_id }) => ({
      accountId: account_id,
      kind: 'idea_proposed' as const,
      eventKey: `idea-in-area:${idea.id}`,
      title,
      link: `/roadmap/ideas/${idea.id}`,
      // Moved in, an idea one explicitly unfollowed stays silent.
      subject: { type: 'idea' as const, id: idea.id },
    })),
    { actorId },
  )
}

/**
 * Who votes in a round: the maintainers, whom alone a ballot accepts (roadmap/ballot.server.ts).
 * Not those who voted in an earlier round: a target's first round would tell nobody, and the
 * closing reminder would skip the very maintainers who have not voted yet.
 */
export function listRoundVoterIds(db: Database) {
  return listMaintainerAccountIds(db)
}

/**
 * A round opened: the maintainers, who vote in it, are told (not the one who opened it). One
 * scheduled for a later day is not open for voting yet: the notice says when voting opens.
 */
export async function notifyRoundOpened(
  db: Database,
  round: { id: number; opensAt: Date },
  actorId: number | null,
  now: Date,
) {
  const voters = await listRoundVoterIds(db)
  const name = await getRoundTitle(db, round.id)
  const title =
    round.opensAt > now
      ? `${name} is scheduled: voting opens on ${formatDate(round.opensAt)}`
      : `${name} is open for voting`
  return notify(
    db,
    voters.map((accountId) => ({
      accountId,
      kind: 'round_opened' as const,
      eventKey: roundOpenedKey(round.id),
      title,
      link: `/roadmap/rounds/${round.id}`,
    })),
    { actorId },
  )
}

/** A round's name with its target's (`roundWithTarget`), read in the writer's transaction. */
async function getRoundTitle(db: Database, roundId: number) {
  const round = await db
    .selectFrom('round as r')
    .innerJoin('release_target as t', 't.id', 'r.release_target_id')
    .select(['r.name', 't.name as target_name'])
    .where('r.id', '=', roundId)
    .executeTakeFirstOrThrow()
  return roundWithTarget(round.name, round.target_name)
}

const ROUND_OPENED_PREFIX = 'round-opened:'

function roundOpenedKey(roundId: number) {
  return `${ROUND_OPENED_PREFIX}${roundId}`
}

const ROUND_VOTING_PREFIX = 'round-voting:'

/**
 * A scheduled round's "voting has begun" reminder (reminders.server.ts): the round and the day it
 * opened, so moving it to another day and reaching that one is news again.
 */
export function roundVotingKey(round: { id: number; opens_at: Date }) {
  return `${ROUND_VOTING_PREFIX}${round.id}:${round.opens_at.getTime()}`
}

const ROUND_CLOSING_PREFIX = 'round-closing:'

/** A round's "closes in 2 days" reminder: the round and its closing, so moving it is news again. */
export function roundClosingKey(round: { id: number; closes_at: Date }) {
  return `${ROUND_CLOSING_PREFIX}${round.id}:${round.closes_at.getTime()}`
}

/**
 * A round closed: its calls to vote (open for voting, voting has begun, closes in 2 days) ask
 * nothing of anyone any more, so every maintainer's notice of them is marked read, in the close's
 * transaction, as an answered request's are. Left unread, "For you" listed "… is open for voting"
 * among a maintainer's new notices after the round had closed. The inbox keeps them, saying voting
 * is over and where the decision is.
 */
export async function markRoundNoticesRead(db: Database, roundId: number) {
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('read_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('event_key', '=', roundOpenedKey(roundId)),
        eb('event_key', 'like', `${ROUND_VOTING_PREFIX}${roundId}:%`),
        eb('event_key', 'like', `${ROUND_CLOSING_PREFIX}${roundId}:%`),
      ]),
    )
    .execute()
}

/**
 * The round a "round is open for voting" notice (on opening, or when a scheduled round's voting
 * begins) is about, from its event key; null otherwise.
 */
export function roundOfKey(eventKey: string) {
  const rest = eventKey.startsWith(ROUND_OPENED_PREFIX)
    ? eventKey.slice(ROUND_OPENED_PREFIX.length)
    : eventKey.startsWith(ROUND_VOTING_PREFIX)
      ? eventKey.slice(ROUND_VOTING_PREFIX.length).split(':')[0]!
      : null
  if (rest === null) return null
  const id = Number(rest)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

const GAP_REQUESTED_PREFIX = 'gap-requested:'
const MENTOR_OFFERED_PREFIX = 'mentor-offered:'

function gapRequestedKey(requestId: number) {
  return `${GAP_REQUESTED_PREFIX}${requestId}`
}

const REQUEST_ANSWERED_PREFIX = 'request-answered:'

/**
 * The request a "nothing fits me" notice is about, from its event key: a maintainer's notice of
 * it, or its sender's notice that it is answered (whose inbox then names who answered: the person
 * to ask next); null for other notices.
 */
export function gapRequestOfKey(eventKey: string) {
  const prefix = [GAP_REQUESTED_PREFIX, REQUEST_ANSWERED_PREFIX].find((p) => eventKey.startsWith(p))
  if (!prefix) return null
  const id = Number(eventKey.slice(prefix.length))
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * Whether a notice, by its event key, is about what "Waiting for maintainers" lists for as long as
 * it waits: a ballot round not closed yet (opened, voting begun, closing soon), a "nothing fits
 * me" request nobody has answered yet, or an offer to mentor an open project nobody has added or
 * declined yet (its notice's key with the offer, or the project and person only for an offer
 * made before offers had their own row).
 */
export function isAboutWaitingWork(eventKey: RawBuilder<string> | Expression<string>) {
  return sql<boolean>`(exists (select 1 from round r where r.status = 'open' and r.kind = 'ballot'
      and (${eventKey} = concat(${ROUND_OPENED_PREFIX}::text, r.id)
        or ${eventKey} like concat(${ROUND_VOTING_PREFIX}::text, r.id, ':%')
        or ${eventKey} like concat(${ROUND_CLOSING_PREFIX}::text, r.id, ':%')))
    or exists (select 1 from gap_request g where g.answered_at is null
      and ${eventKey} = concat(${GAP_REQUESTED_PREFIX}::text, g.id))
    or exists (select 1 from mentor_offer o
      join starter_project p on p.id = o.project_id and p.status = 'open'
      where o.outcome is null
      and ${eventKey} in (concat(${MENTOR_OFFERED_PREFIX}::text, o.project_id, ':', o.account_id, ':', o.id),
        concat(${MENTOR_OFFERED_PREFIX}::text, o.project_id, ':', o.account_id))))`
}

/** A newcomer said nothing fits her: every maintainer is told, so someone answers while she waits. */
export async function notifyGapRequested(
  db: Database,
  request: { id: number; domains: readonly string[] },
  sender: { id: number; login: string },
) {
  const [maintainers, name] = await Promise.all([
    listMaintainerAccountIds(db),
    getPersonName(sender, db),
  ])
  const knows = request.domains.length > 0 ? ` (knows ${request.domains.join(', ')})` : ''
  return notify(
    db,
    maintainers.map((accountId) => ({
      accountId,
      kind: 'gap_requested' as const,
      eventKey: gapRequestedKey(request.id),
      title: `${name} says no starter project fits${knows}`,
      // The request itself, open or answered by then (its row on /starter/gaps has this id).
      link: `/starter/gaps#request-${request.id}`,
    })),
    { actorId: sender.id },
  )
}

/**
 * One event per offer (its `mentor_offer` row): a double-submit tells nobody twice, while a mentor
 * taken off who offers again (a new row) is news. Notices from before the offer's id was in the
 * key carry the project and the person only (`legacyMentorOfferedKey`).
 */
export const mentorOfferedKey = (projectId: number, accountId: number, offerId: number) =>
  `${MENTOR_OFFERED_PREFIX}${projectId}:${accountId}:${offerId}`

export const legacyMentorOfferedKey = (projectId: number, accountId: number) =>
  `${MENTOR_OFFERED_PREFIX}${projectId}:${accountId}`

/**
 * Someone offers to mentor a starter project: every maintainer is told, since only they name
 * mentors (the offer waits on the project's edit page, where the notice leads, and on its page). No project subject: unfollowing
 * a project silences its news, not a question put to the maintainers. 0 when nobody new was told.
 */
export async function notifyMentorOffered(
  db: Database,
  project: { id: number; title: string },
  person: { id: number; login: string },
  offerId: number,
) {
  const [maintainers, name] = await Promise.all([
    listMaintainerAccountIds(db),
    getPersonName(person, db),
  ])
  return notify(
    db,
    maintainers.map((accountId) => ({
      accountId,
      kind: 'mentor_offered' as const,
      eventKey: mentorOfferedKey(project.id, person.id, offerId),
      title: `${name} offers to mentor “${project.title}”`,
      link: `/starter/${project.id}/edit`,
    })),
    { actorId: person.id },
  )
}

export const REPORT_DISAGREES_PREFIX = 'report-disagrees:'
/** One report per claim: its notices are keyed by the claim. */
export const reportDisagreesKey = (claimId: number) => `${REPORT_DISAGREES_PREFIX}${claimId}`

/**
 * A contributor's report is the drift threshold or more away from the project's rating (the rule:
 * `reportDisagreements`, app/starter/calibration.ts): the maintainers, who alone re-rate, and the
 * project's mentors with an account are told, once per report, never the reporter. A maintainer
 * lands on the calibration page's entry when the project is listed there (`calibrationLink`),
 * else on the report itself on the project page, where a mentor always lands (the calibration
 * page is the maintainers'). No project subject: unfollowing a project silences its news, not a
 * question put to the people who rate and guide it. 0 when nobody new was told.
 */
export async function notifyReportDisagrees(
  db: Database,
  report: {
    claimId: number
    projectId: number
    /** After "nia found “Window scaling” ": "harder than rated: OCaml 3★ met, rated 1★". */
    finding: string
    calibrationLink: string | null
    actor: { id: number; login: string }
  },
) {
  const [project, maintainers, mentors, who] = await Promise.all([
    db
      .selectFrom('starter_project')
      .select('title')
      .where('id', '=', report.projectId)
      .executeTakeFirst(),
    listMaintainerAccountIds(db),
    db
      .selectFrom('starter_project_mentor')
      .select('account_id')
      .where('project_id', '=', report.projectId)
      .where('account_id', 'is not', null)
      .execute(),
    getPersonName(report.actor, db),
  ])
  if (!project) return 0
  const reportLink = `/starter/${report.projectId}#claim-${report.claimId}`
  const linkOf = new Map<number, string>()
  for (const { account_id } of mentors) linkOf.set(account_id!, reportLink)
  for (const accountId of maintainers) linkOf.set(accountId, report.calibrationLink ?? reportLink)
  return notify(
    db,
    [...linkOf].map(([accountId, link]) => ({
      accountId,
      kind: 'report_disagrees' as const,
      eventKey: reportDisagreesKey(report.claimId),
      title: `${who} found “${project.title}” ${report.finding}`,
      link,
    })),
    { actorId: report.actor.id },
  )
}

/**
 * A re-rate answered these reports (`answerReportDisagreements`, app/starter/project.server.ts):
 * every notice of them is marked read, everyone's (the maintainers' and the mentors'), in the
 * re-rate's transaction, as answering a "nothing fits me" request reads its notices. Left unread,
 * "For you" named "nia found … harder than rated" among a maintainer's newest notices once the
 * project was re-rated and no longer waited for maintainers. The inbox keeps them, saying how the
 * project was re-rated (`listReratesSince`, inbox.server.ts).
 */
export async function markReportDisagreesRead(db: Database, claimIds: readonly number[]) {
  if (claimIds.length === 0) return
  await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('event_key', 'in', claimIds.map(reportDisagreesKey))
    .where('read_at', 'is', null)
    .execute()
}

/** The claim whose report a "report disagrees" notice is about, from its event key; else null. */
export function reportClaimOfKey(eventKey: string) {
  if (!eventKey.startsWith(REPORT_DISAGREES_PREFIX)) return null
  const id = Number(eventKey.slice(REPORT_DISAGREES_PREFIX.length))
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * A maintainer settled an offer to mentor: the offerer is told, addressed to her (no project
 * subject: an answer to her offer, not the project's news), politely when it is declined.
 */
export async function notifyMentorOfferSettled(
  db: Database,
  settled: {
    offerId: number
    project: { id: number; title: string }
    offererId: number
    outcome: 'added' | 'declined'
    actor: { id: number; login: string }
  },
) {
  const who = await getPersonName(settled.actor, db)
  const { project } = settled
  return notify(
    db,
    [
      {
        accountId: settled.offererId,
        kind: 'mentor_offer_answered',
        eventKey: `mentor-offer-settled:${settled.offerId}`,
        title:
          settled.outcome === 'added'
            ? `${who} added you as a mentor of “${project.title}”: you hear of its claims and answer them`
            : `Thank you for offering to mentor “${project.title}”: ${who} is not adding a mentor there for now`,
        link: `/starter/${project.id}`,
      },
    ],
    { actorId: settled.actor.id },
  )
}

/**
 * A maintainer named these accounts mentors of a project (its edit page, the triage queue): each
 * is told, addressed to her (no project subject: its claims reach her whether she follows it or
 * not). Each naming is its own event (`mentor-named:<project>:<account>:<n>`, n counting her
 * earlier notices of it), so one taken off and named again is told again.
 */
export async function notifyMentorNamed(
  db: Database,
  project: { id: number; title: string },
  accountIds: readonly number[],
  actor: { id: number; login: string },
) {
  if (accountIds.length === 0) return 0
  const keyOf = (accountId: number) => `mentor-named:${project.id}:${accountId}:`
  const [who, earlier] = await Promise.all([
    getPersonName(actor, db),
    db
      .selectFrom('notification')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('account_id', 'in', accountIds)
      .where('event_key', 'like', `mentor-named:${project.id}:%`)
      .groupBy('account_id')
      .execute(),
  ])
  const countOf = (accountId: number) =>
    Number(earlier.find((row) => row.account_id === accountId)?.count ?? 0)
  return notify(
    db,
    accountIds.map((accountId) => ({
      accountId,
      kind: 'mentor_named' as const,
      eventKey: `${keyOf(accountId)}${countOf(accountId) + 1}`,
      title: `${who} named you a mentor of “${project.title}”: claims on it reach you, and it shows on your My work`,
      link: `/starter/${project.id}`,
    })),
    { actorId: actor.id },
  )
}

/**
 * Taking part (a +1, a comment) follows what one took part in, as GitHub subscribes a commenter,
 * unless one chose already: an explicit unfollow stays. True when this made one a follower.
 */
export async function followUnlessChosen(db: Database, accountId: number, subject: Subject) {
  const row = await db
    .insertInto('notification_follow')
    .values({
      account_id: accountId,
      subject_type: subject.type,
      subject_id: subject.id,
      following: true,
    })
    .onConflict((oc) => oc.columns(['account_id', 'subject_type', 'subject_id']).doNothing())
    .returning('account_id')
    .executeTakeFirst()
  if (row !== undefined) return true
  // A follow that was there already (or an unfollow) is left as chosen, but counted as written
  // again: taking part now would have made one follow, so an undone idea merge that added this
  // follow must not take it back (its revision is no longer the merge's first).
  await db
    .updateTable('notification_follow')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('account_id', '=', accountId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .execute()
  return false
}
