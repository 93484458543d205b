import { sql, type Expression, type RawBuilder } from 'kysely'
import { z } from 'zod'

import { getDb, type Database } from '../../db/client.server'
import type { NotificationDelivery } from '../../db/schema'
import { isDemoAccount } from '../accounts/account.server'
import { personName } from '../accounts/person'
import { axisNameInSentence } from '../starter/axes'
import { isRunningClaim } from '../starter/running-claim.server'
import { getStarterSettings } from '../starter/settings.server'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { refuse } from '../utils/refusal'

import { DEFAULT_DELIVERY, KIND_NAMES, type NotificationKind } from './kinds'
import {
  claimOfKey,
  gapRequestOfKey,
  isAboutWaitingWork,
  PROJECT_CLAIMED_PREFIX,
  reportClaimOfKey,
  roundOfKey,
  type Subject,
} from './notify.server'

// A person's inbox, what they follow, and how they want each kind delivered.

/**
 * Which notices are about what "Waiting for maintainers" lists: `true` for isAboutWaitingWork, or
 * a wider rule of the caller's (the home page adds the reports the calibration page lists, which
 * needs the starter settings).
 */
export type WaitingWorkRule = boolean | ((eventKey: Expression<string>) => RawBuilder<boolean>)

function aboutWaitingWork(rule: WaitingWorkRule, eventKey: Expression<string>) {
  if (rule === false) return sql<boolean>`false`
  return rule === true ? isAboutWaitingWork(eventKey) : rule(eventKey)
}

export const INBOX_PAGE_SIZE = 30

export async function countUnread(accountId: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row.count
}

/**
 * How many notices are unread, how many of those a demo person's act caused and, with
 * `countWaitingWork`, how many are about what "Waiting for maintainers" lists (else 0).
 */
export async function getUnreadSummary(
  accountId: number,
  db: Database = getDb(),
  { countWaitingWork = false }: { countWaitingWork?: WaitingWorkRule } = {},
) {
  return db
    .selectFrom('notification')
    .select((eb) => [
      sql<number>`count(*)::int`.as('count'),
      sql<number>`(count(*) filter (where is_demo_action))::int`.as('demo'),
      countWaitingWork
        ? sql<number>`(count(*) filter (where ${aboutWaitingWork(countWaitingWork, eb.ref('event_key'))}))::int`.as(
            'aboutWaitingWork',
          )
        : sql<number>`0`.as('aboutWaitingWork'),
    ])
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
}

/**
 * Whether a notice, by its event key, is "X is working on …" about a claim that runs no more
 * (finished, stopped, released or lapsed): superseded, as the project page and My work say nobody
 * works on it. The claim by its id, read from the notice's key (`claimOfKey`'s rule): no scan.
 */
function isAboutStoppedClaim(eventKey: Expression<string>) {
  return sql<boolean>`exists (select 1 from starter_claim sc
    where sc.id = (case when ${eventKey} ~ ${`^${PROJECT_CLAIMED_PREFIX}[0-9]{1,9}(:|$)`}
      then substring(${eventKey} from ${`^${PROJECT_CLAIMED_PREFIX}([0-9]{1,9})`})::int end)
    and not ${isRunningClaim('sc')})`
}

/**
 * The newest unread notices, for the home page to name what is new rather than only count it:
 * coming back after a week, "1 new notice" says nothing about whether it needs one.
 * `besidesWaitingWork`: leaves out those about what "Waiting for maintainers" lists;
 * `besidesStoppedClaims`: those saying someone works on a project she works on no more. Each
 * with the answer the inbox names under it (`withAnswers`).
 */
export async function listNewestUnread(
  accountId: number,
  limit: number,
  db: Database = getDb(),
  {
    besidesWaitingWork = false,
    besidesStoppedClaims = false,
  }: { besidesWaitingWork?: WaitingWorkRule; besidesStoppedClaims?: boolean } = {},
) {
  const rows = await db
    .selectFrom('notification')
    .select(['id', 'event_key', 'title', 'is_demo_action', 'created_at'])
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .$if(besidesWaitingWork !== false, (query) =>
      query.where((eb) => eb.not(aboutWaitingWork(besidesWaitingWork, eb.ref('event_key')))),
    )
    .$if(besidesStoppedClaims, (query) =>
      query.where((eb) => eb.not(isAboutStoppedClaim(eb.ref('event_key')))),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return withAnswers(rows, accountId, db)
}

/**
 * Notices with who answered since what each is about, if anyone did: a "nothing fits me" request
 * (from the request) or a claim (`listClaimAnswersSince`). One truth for the inbox and "For you".
 */
async function withAnswers<T extends { event_key: string; created_at: Date }>(
  rows: T[],
  accountId: number,
  db: Database,
) {
  const [answers, claimAnswers] = await Promise.all([
    listRequestAnswers(
      rows.flatMap((row) => gapRequestOfKey(row.event_key) ?? []),
      accountId,
      db,
    ),
    listClaimAnswersSince(
      rows.flatMap((row) => {
        const claimId = claimOfKey(row.event_key)
        return claimId === null ? [] : [{ claimId, since: row.created_at }]
      }),
      accountId,
      db,
    ),
  ])
  return rows.map((row) => {
    const requestId = gapRequestOfKey(row.event_key)
    const claimId = claimOfKey(row.event_key)
    return {
      ...row,
      answer:
        (requestId !== null && answers.get(requestId)) ||
        (claimId !== null && claimAnswers.get(`${claimId}:${row.created_at.getTime()}`)) ||
        null,
    }
  })
}

// Ids grow with time (one sequence), so the newest first is the highest id first.
const InboxCursor = z.tuple([cursorPart.id])

/** Newest first, a page at a time (keyset); `after` is the previous page's cursor. */
export async function listNotifications(
  accountId: number,
  after: string | null,
  db: Database = getDb(),
  limit = INBOX_PAGE_SIZE,
) {
  const cursor = decodeCursor(after, InboxCursor)
  let query = db
    .selectFrom('notification')
    .select(['id', 'kind', 'event_key', 'title', 'link', 'is_demo_action', 'created_at', 'read_at'])
    .where('account_id', '=', accountId)
  if (cursor) query = query.where('id', '<', cursor[0])
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = await withAnswers(rows.slice(0, limit), accountId, db)
  const rounds = await listRoundsNow(
    page.flatMap((row) => roundOfKey(row.event_key) ?? []),
    accountId,
    db,
  )
  const rerates = await listReratesSince(
    page.flatMap((row) => reportClaimOfKey(row.event_key) ?? []),
    accountId,
    db,
  )
  const items = page.map(({ event_key, ...item }) => {
    const roundId = roundOfKey(event_key)
    const reportClaimId = reportClaimOfKey(event_key)
    return {
      ...item,
      round: (roundId !== null && rounds.get(roundId)) || null,
      rerate: (reportClaimId !== null && rerates.get(reportClaimId)) || null,
    }
  })
  const last = items.at(-1)
  return { items, next: rows.length > limit && last ? encodeCursor([last.id]) : null }
}

export type RequestAnswer = {
  answeredAt: Date
  /** Who answered as every page names her; null when the account is gone (unknown stays so). */
  byName: string | null
  byYou: boolean
  /** A demo person answered: a demo action, and the inbox says so. */
  isDemo: boolean
  /**
   * The answer: the project made for the request, else the request's answered row; for a claim,
   * the claims on its project's page.
   */
  link: string
}

/**
 * Of the "nothing fits me" requests some notices are about, those answered since: read from the
 * request, so a notice always says how its request stands now, whoever answered and whenever.
 */
async function listRequestAnswers(requestIds: number[], accountId: number, db: Database) {
  const answers = new Map<number, RequestAnswer>()
  if (requestIds.length === 0) return answers
  const rows = await db
    .selectFrom('gap_request as g')
    .leftJoin('account as a', 'a.id', 'g.answered_by')
    .select((eb) => [
      'g.id',
      'g.answered_at',
      'g.answered_by',
      'g.answer_project_id',
      'a.login',
      isDemoAccount(eb.ref('g.answered_by')).as('is_demo'),
    ])
    .where('g.id', 'in', [...new Set(requestIds)])
    .where('g.answered_at', 'is not', null)
    .execute()
  for (const row of rows) {
    answers.set(row.id, {
      answeredAt: row.answered_at!,
      byName: row.login === null ? null : personName({ login: row.login, isDemo: row.is_demo }),
      byYou: row.answered_by === accountId,
      isDemo: row.is_demo,
      link:
        row.answer_project_id === null
          ? `/starter/gaps#request-${row.id}`
          : `/starter/${row.answer_project_id}`,
    })
  }
  return answers
}

/**
 * Of the claims some "X is working on …" notices are about, the first answer by a mentor or a
 * maintainer since each notice (a claim taken up again is told again; an answer to its earlier
 * run is not this one's), keyed `claimId:noticeTime`: a mentor back after a week reads that
 * another mentor welcomed the newcomer already, rather than an unread claim seeming to wait for
 * her. Read from the answers, so the notice says how the claim stands now.
 */
async function listClaimAnswersSince(
  notices: { claimId: number; since: Date }[],
  accountId: number,
  db: Database,
) {
  const answers = new Map<string, RequestAnswer>()
  if (notices.length === 0) return answers
  const rows = await db
    .selectFrom('claim_answer as ca')
    .leftJoin('account as a', 'a.id', 'ca.author_id')
    .select((eb) => [
      'ca.claim_id',
      'ca.project_id',
      'ca.author_id',
      'ca.created_at',
      'a.login',
      isDemoAccount(eb.ref('ca.author_id')).as('is_demo'),
    ])
    .where('ca.claim_id', 'in', [...new Set(notices.map((notice) => notice.claimId))])
    .where('ca.by_claimant', '=', false)
    .orderBy('ca.created_at')
    .orderBy('ca.id')
    .execute()
  for (const { claimId, since } of notices) {
    const row = rows.find((answer) => answer.claim_id === claimId && answer.created_at >= since)
    if (!row) continue
    answers.set(`${claimId}:${since.getTime()}`, {
      answeredAt: row.created_at,
      byName: row.login === null ? null : personName({ login: row.login, isDemo: row.is_demo }),
      byYou: row.author_id === accountId,
      isDemo: row.is_demo,
      link: `/starter/${row.project_id}#claims-heading`,
    })
  }
  return answers
}

export type Rerate = {
  /** Each axis re-rated since the report, first rating to last: "OCaml difficulty 1★ → 3★". */
  changes: string[]
  /** The latest re-rate's time and who made it, as every page names her (null: account gone). */
  at: Date
  byName: string | null
  byYou: boolean
  /** Some re-rate since was a demo person's: a demo action, and the inbox says so. */
  isDemo: boolean
  /** The project's page, whose rating history lists every change. */
  link: string
}

/**
 * Of the reports some "report disagrees" notices are about, how their project was re-rated since
 * each was sent (rating_audit after the report): a re-rate answers the report and reads its
 * notices (`answerReportDisagreements`, starter/project.server.ts), and the notice says how, as an
 * answered request's says who answered. Nothing when nobody re-rated since.
 */
async function listReratesSince(claimIds: number[], accountId: number, db: Database) {
  const rerates = new Map<number, Rerate>()
  if (claimIds.length === 0) return rerates
  const rows = await db
    .selectFrom('claim_feedback as f')
    .innerJoin('rating_audit as ra', (join) =>
      join.onRef('ra.project_id', '=', 'f.project_id').onRef('ra.at', '>', 'f.created_at'),
    )
    .leftJoin('account as a', 'a.id', 'ra.actor_id')
    .select((eb) => [
      'f.claim_id',
      'f.project_id',
      'ra.axis',
      'ra.from_stars',
      'ra.to_stars',
      'ra.at',
      'ra.actor_id',
      'a.login',
      isDemoAccount(eb.ref('ra.actor_id')).as('is_demo'),
    ])
    .where('f.claim_id', 'in', [...new Set(claimIds)])
    .orderBy('ra.at')
    .orderBy('ra.id')
    .execute()
  const { languageName } = getStarterSettings()
  const stars = (value: number | null) => (value === null ? 'unrated' : `${value}★`)
  for (const claimId of new Set(rows.map((row) => row.claim_id))) {
    const changes = rows.filter((row) => row.claim_id === claimId)
    const latest = changes.at(-1)!
    const axes = [...new Set(changes.map((change) => change.axis))]
    rerates.set(claimId, {
      changes: axes.flatMap((axis) => {
        const ofAxis = changes.filter((change) => change.axis === axis)
        const from = ofAxis[0]!.from_stars
        const to = ofAxis.at(-1)!.to_stars
        // Re-rated and put back: the rating the report disagreed with stands.
        return from === to
          ? []
          : [`${axisNameInSentence(axis, languageName)} ${stars(from)} → ${stars(to)}`]
      }),
      at: latest.at,
      byName:
        latest.login === null ? null : personName({ login: latest.login, isDemo: latest.is_demo }),
      byYou: latest.actor_id === accountId,
      isDemo: changes.some((change) => change.is_demo),
      link: `/starter/${latest.project_id}`,
    })
  }
  return rerates
}

export type RoundNow = {
  /** When the round closed (its decision is on its page); null while it is still open. */
  closedAt: Date | null
  /** When the reader last cast or changed a ballot in it; null when they have not voted. */
  votedAt: Date | null
}

/**
 * Of the rounds some "open for voting" notices are about, how each stands now: a notice read
 * after the round closed must not still send a maintainer off to vote in it.
 */
async function listRoundsNow(roundIds: number[], accountId: number, db: Database) {
  const rounds = new Map<number, RoundNow>()
  if (roundIds.length === 0) return rounds
  const rows = await db
    .selectFrom('round as r')
    .leftJoin('ballot as b', (join) =>
      join.onRef('b.round_id', '=', 'r.id').on('b.account_id', '=', accountId),
    )
    .select(['r.id', 'r.closed_at', 'b.updated_at'])
    .where('r.id', 'in', [...new Set(roundIds)])
    .execute()
  for (const row of rows) rounds.set(row.id, { closedAt: row.closed_at, votedAt: row.updated_at })
  return rounds
}

/** Marks some (or, with null, all) of a person's notifications read; returns how many changed. */
export async function markRead(
  accountId: number,
  ids: readonly number[] | null,
  db: Database = getDb(),
) {
  let query = db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
  if (ids) {
    if (ids.length === 0) return 0
    query = query.where('id', 'in', [...ids])
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Opening a notification from the inbox: marks it read and gives where it leads, or null when it
 * is not this person's.
 */
export async function openNotification(accountId: number, id: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('notification')
    .select('link')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (!row) return null
  await markRead(accountId, [id], db)
  return row.link
}

/** Following (true), unfollowed (false) or neither (null: one hears as author or mentor only). */
export async function getFollowing(accountId: number, subject: Subject, db: Database = getDb()) {
  const row = await db
    .selectFrom('notification_follow')
    .select('following')
    .where('account_id', '=', accountId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst()
  return row?.following ?? null
}

/** Of some subjects of one type (the areas a page shows), those the person follows. */
export async function listFollowedIds(
  accountId: number,
  type: Subject['type'],
  ids: readonly number[],
  db: Database = getDb(),
) {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('notification_follow')
    .select('subject_id')
    .where('account_id', '=', accountId)
    .where('subject_type', '=', type)
    .where('subject_id', 'in', [...ids])
    .where('following', '=', true)
    .execute()
  return rows.map((row) => row.subject_id)
}

export async function setFollowing(
  accountId: number,
  subject: Subject,
  following: boolean,
  db: Database = getDb(),
) {
  // An area is never removed, so one that is not there was never one: a follow of it would
  // list as a nameless row and tell nobody anything.
  if (subject.type === 'area') {
    const area = await db
      .selectFrom('roadmap_area')
      .select('id')
      .where('id', '=', subject.id)
      .executeTakeFirst()
    if (!area) refuse(`There is no area ${subject.id} on the roadmap.`, 404)
  }
  await db
    .insertInto('notification_follow')
    .values({
      account_id: accountId,
      subject_type: subject.type,
      subject_id: subject.id,
      following,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'subject_type', 'subject_id']).doUpdateSet((eb) => ({
        following,
        updated_at: sql<Date>`now()`,
        revision: eb('notification_follow.revision', '+', 1),
      })),
    )
    .execute()
}

/** What a person follows or unfollowed, with titles and where each is, most recent first. */
export async function listFollows(accountId: number, db: Database = getDb()) {
  const rows = await db
    .selectFrom('notification_follow as f')
    .leftJoin('idea as i', (join) =>
      join.onRef('i.id', '=', 'f.subject_id').on('f.subject_type', '=', 'idea'),
    )
    .leftJoin('starter_project as p', (join) =>
      join.onRef('p.id', '=', 'f.subject_id').on('f.subject_type', '=', 'project'),
    )
    .leftJoin('roadmap_area as a', (join) =>
      join.onRef('a.id', '=', 'f.subject_id').on('f.subject_type', '=', 'area'),
    )
    .leftJoin('release_target as t', 't.id', 'a.release_target_id')
    .select([
      'f.subject_type',
      'f.subject_id',
      'f.following',
      // An area is named with its release target: each target has its own areas.
      sql<string | null>`coalesce(i.title, p.title, a.name || ' (' || t.name || ')')`.as('title'),
      'a.slug as area_slug',
      't.slug as target_slug',
    ])
    .where('f.account_id', '=', accountId)
    .orderBy('f.updated_at', 'desc')
    .execute()
  return rows.map(({ area_slug, target_slug, ...follow }) => ({
    ...follow,
    link: followLink(follow.subject_type, follow.subject_id, area_slug, target_slug),
  }))
}

function followLink(
  type: Subject['type'],
  id: number,
  areaSlug: string | null,
  targetSlug: string | null,
) {
  switch (type) {
    case 'idea':
      return `/roadmap/ideas/${id}`
    case 'project':
      return `/starter/${id}`
    case 'area':
      // The area's own list of ideas, where its Follow button is.
      return areaSlug && targetSlug
        ? `/roadmap/ideas?${new URLSearchParams({ target: targetSlug, area: areaSlug })}`
        : '/roadmap/ideas'
  }
}

export async function getDeliverySettings(
  accountId: number,
  db: Database = getDb(),
): Promise<Record<NotificationKind, NotificationDelivery>> {
  const rows = await db
    .selectFrom('notification_setting')
    .select(['kind', 'delivery'])
    .where('account_id', '=', accountId)
    .execute()
  const settings = Object.fromEntries(KIND_NAMES.map((kind) => [kind, DEFAULT_DELIVERY]))
  for (const row of rows) if (row.kind in settings) settings[row.kind] = row.delivery
  return settings as Record<NotificationKind, NotificationDelivery>
}

export async function setDelivery(
  accountId: number,
  kind: NotificationKind,
  delivery: NotificationDelivery,
  db: Database = getDb(),
) {
  await db
    .insertInto('notification_setting')
    .values({ account_id: accountId, kind, delivery })
    .onConflict((oc) => oc.columns(['account_id', 'kind']).doUpdateSet({ delivery }))
    .execute()
}
