import { sql, type Transaction } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { DB, EffortEventTable, EffortStatus, IdeaStatus } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { getPersonName, listMaintainerAccountIds } from '../accounts/account.server'
import { personName, type Person } from '../accounts/person'
import { getBoardClock } from '../mirror/board-clock.server'
import { GITHUB_LOGIN } from '../utils/github-names'
import { refuse } from '../utils/refusal'

import {
  burnUp,
  deriveEffortStatus,
  effectiveStatus,
  effortProgress,
  type EffortProgress,
  STATUS_WORDS,
  statusAt,
  targetDateProblem,
  type BurnUpPoint,
  type DerivedStatus,
  type LinkedIssueHistory,
} from './effort-status'
import { getIdea, lockIdea } from './idea.server'
import { parseIdeaLinks } from './links'

// Agreed efforts: what maintainers keep about them (a status override, owners, a target date,
// issues linked after the agreement) and what the roadmap reads back (status derived from the
// linked issues unless overridden, progress, burn-up). The rules are in effort-status.ts; every
// write refuses an idea that is not agreed, with the reason, and is kept in effort_event.

type EffortEventKind = EffortEventTable['kind']

export type EffortOwner = { login: string; name: string | null; isDemo: boolean }

export type EffortFacts = {
  status: EffortStatus
  derivedStatus: DerivedStatus
  override: { status: EffortStatus; by: string | null; isDemo: boolean; at: Date } | null
  owners: EffortOwner[]
  /** `YYYY-MM-DD`, or null. */
  targetDate: string | null
  progress: EffortProgress
  burnUp: BurnUpPoint[]
}

/** The mirror's open/close history of each effort's linked issues, by idea (an issue not mirrored: all null). */
async function linkedIssueHistories(ids: number[], db: Database) {
  const rows = await db
    .selectFrom('idea_link as l')
    .leftJoin('repository as lr', (join) =>
      join.on((eb) =>
        eb(eb.fn('lower', ['lr.full_name']), '=', eb.fn('lower', ['l.repo_full_name'])),
      ),
    )
    .leftJoin('issue as li', (join) =>
      join.onRef('li.repository_id', '=', 'lr.id').onRef('li.number', '=', 'l.issue_number'),
    )
    .select(['l.idea_id', 'li.state', 'li.created_at', 'li.closed_at', 'li.updated_at'])
    .where('l.idea_id', 'in', ids)
    .where('l.issue_number', 'is not', null)
    .execute()
  const byIdea = new Map<number, LinkedIssueHistory[]>()
  for (const row of rows) {
    const history: LinkedIssueHistory = {
      state: row.state,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      updatedAt: row.updated_at,
    }
    byIdea.set(row.idea_id, [...(byIdea.get(row.idea_id) ?? []), history])
  }
  return byIdea
}

/**
 * The facts of the given agreed efforts, by idea id: `agreedAt` is when the decision agreed each
 * one, `chartEnd` the day the burn-ups run to (the board clock: the data's "now").
 */
export async function listEffortFacts(
  efforts: readonly { id: number; agreedAt: Date | string }[],
  chartEnd: Date,
  db: Database = getDb(),
) {
  const facts = new Map<number, EffortFacts>()
  if (efforts.length === 0) return facts
  const ids = efforts.map((effort) => effort.id)
  const [rows, owners, links] = await Promise.all([
    db
      .selectFrom('effort as e')
      .leftJoin('account as ob', 'ob.id', 'e.override_by')
      .select([
        'e.idea_id',
        'e.status_override',
        'e.override_at',
        sql<string | null>`e.target_date::text`.as('target_date'),
        'ob.login as override_login',
        'ob.demo_role as override_demo_role',
      ])
      .where('e.idea_id', 'in', ids)
      .execute(),
    db
      .selectFrom('effort_owner as o')
      .innerJoin('account as a', 'a.id', 'o.account_id')
      .select(['o.idea_id', 'a.login', 'a.name', 'a.demo_role'])
      .where('o.idea_id', 'in', ids)
      .orderBy('o.added_at')
      .orderBy('a.login')
      .execute(),
    linkedIssueHistories(ids, db),
  ])
  for (const effort of efforts) {
    const row = rows.find((candidate) => candidate.idea_id === effort.id)
    const histories = links.get(effort.id) ?? []
    const derivedStatus = deriveEffortStatus(histories, effort.agreedAt)
    // An override set before the latest agreement (the effort was superseded, then agreed
    // again) belongs to the earlier effort: the status is derived again.
    const override =
      row?.status_override &&
      row.override_at &&
      new Date(row.override_at) >= new Date(effort.agreedAt)
        ? row.status_override
        : null
    facts.set(effort.id, {
      status: effectiveStatus(derivedStatus, override),
      derivedStatus,
      override:
        override && row
          ? {
              status: override,
              by: row.override_login,
              isDemo: row.override_demo_role !== null,
              at: row.override_at!,
            }
          : null,
      owners: owners
        .filter((owner) => owner.idea_id === effort.id)
        .map((owner) => ({
          login: owner.login,
          name: owner.name,
          isDemo: owner.demo_role !== null,
        })),
      targetDate: row?.target_date ?? null,
      progress: effortProgress(histories),
      burnUp: burnUp(histories, effort.agreedAt, chartEnd),
    })
  }
  return facts
}

function notAgreedReason(
  ideaId: number,
  idea: { status: IdeaStatus; merged_into_id: number | null },
  what = 'a status, owners or a target date',
) {
  const stage = {
    open: 'still in ideation',
    agreed: 'not agreed by any decision',
    archived: 'archived',
    merged: `merged into idea ${idea.merged_into_id}`,
  }[idea.status]
  return `Idea ${ideaId} is not an agreed effort (it is ${stage}): only an idea agreed in a round's decision has ${what}.`
}

/** Locks the idea and refuses unless it is an agreed effort. */
async function lockAgreedEffort(trx: Transaction<DB>, ideaId: number, what: string) {
  const idea = await lockIdea(trx, ideaId)
  if (idea.status !== 'agreed') refuse(notAgreedReason(ideaId, idea, what))
  return idea
}

async function recordEffortEvent(
  trx: Transaction<DB>,
  ideaId: number,
  actor: Person,
  kind: EffortEventKind,
  detail: string,
) {
  await trx
    .insertInto('effort_event')
    .values({ idea_id: ideaId, actor_id: actor.id, kind, detail })
    .execute()
}

async function upsertEffort(
  trx: Transaction<DB>,
  ideaId: number,
  values: {
    status_override?: EffortStatus | null
    override_by?: number | null
    override_at?: Date | null
    target_date?: string | null
  },
) {
  await trx
    .insertInto('effort')
    .values({ idea_id: ideaId, ...values, updated_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.column('idea_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
    )
    .execute()
}

/** A maintainer sets an agreed effort's status (any, dropped included), or clears it (null). */
export async function setEffortStatus(
  ideaId: number,
  status: EffortStatus | null,
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
  return inTransaction(db, async (trx) => {
    await lockAgreedEffort(trx, ideaId, 'a status')
    await upsertEffort(trx, ideaId, {
      status_override: status,
      override_by: status ? actor.id : null,
      override_at: status ? now : null,
    })
    await recordEffortEvent(
      trx,
      ideaId,
      actor,
      'status',
      status
        ? `Status set to “${STATUS_WORDS[status]}” by ${await getPersonName(actor, trx)}.`
        : `Status override cleared by ${await getPersonName(actor, trx)}: derived from the linked issues again.`,
    )
  })
}

/** Someone the owners form suggests: an account, and why the board offers it first. */
export type OwnerSuggestion = {
  login: string
  name: string | null
  isDemo: boolean
  /** Author or assignee of a mirrored issue linked from an idea in the effort's area. */
  worksInArea: boolean
  isMaintainer: boolean
}

/** At most this many suggestions: a datalist narrows them as one types. */
export const OWNER_SUGGESTIONS_MAX = 100

/**
 * The logins seen on the mirrored issues linked from the ideas of an area (their authors and
 * assignees), lower-cased: the people who work there, as far as the board knows without asking
 * GitHub.
 */
function areaIssuePeople(areaId: number, db: Database) {
  return db
    .selectFrom('idea as x')
    .innerJoin('idea_link as l', 'l.idea_id', 'x.id')
    .innerJoin('repository as r', (join) =>
      join.on((eb) =>
        eb(eb.fn('lower', ['r.full_name']), '=', eb.fn('lower', ['l.repo_full_name'])),
      ),
    )
    .innerJoin('issue as i', (join) =>
      join.onRef('i.repository_id', '=', 'r.id').onRef('i.number', '=', 'l.issue_number'),
    )
    .innerJoin(
      sql<{
        login: string
      }>`lateral (select unnest(i.assignee_logins || array[i.author_login]) as login)`.as('p'),
      (join) => join.onTrue(),
    )
    .select(sql<string>`lower(p.login)`.as('login'))
    .where('x.area_id', '=', areaId)
    .where('p.login', 'is not', null)
    .distinct()
}

/**
 * Whom the owners form of an effort suggests, from what the board already holds (never GitHub):
 * accounts only, since owners must be accounts; first those who work on the issues linked from
 * the effort's area, then the maintainers, then whoever signed in last; each group by login.
 */
export async function listOwnerSuggestions(
  ideaId: number,
  db: Database = getDb(),
): Promise<OwnerSuggestion[]> {
  const idea = await db
    .selectFrom('idea')
    .select('area_id')
    .where('id', '=', ideaId)
    .executeTakeFirst()
  if (!idea) return []
  const maintainers = await listMaintainerAccountIds(db)
  const rows = await db
    .selectFrom('account as a')
    .select((eb) => [
      'a.login',
      'a.name',
      'a.demo_role',
      eb(sql<string>`lower(a.login)`, 'in', areaIssuePeople(idea.area_id, db)).as('works_in_area'),
      // `in ()` is no SQL: with no maintainer, nobody is one.
      (maintainers.length > 0 ? eb('a.id', 'in', maintainers) : eb.lit(false)).as('is_maintainer'),
    ])
    .orderBy('works_in_area', 'desc')
    .orderBy('is_maintainer', 'desc')
    .orderBy('a.last_signed_in_at', 'desc')
    .orderBy('a.login')
    .limit(OWNER_SUGGESTIONS_MAX)
    .execute()
  return rows.map((row) => ({
    login: row.login,
    name: row.name,
    isDemo: row.demo_role !== null,
    worksInArea: Boolean(row.works_in_area),
    isMaintainer: Boolean(row.is_maintainer),
  }))
}

/**
 * A maintainer names an agreed effort's owners (replacing the list; empty clears it). Every name
 * must be a GitHub login (refused with GitHub's rule otherwise) and an account of the board;
 * refuses naming every one that is not, with a hint where the board knows better.
 */
export async function setEffortOwners(
  ideaId: number,
  logins: readonly string[],
  actor: Person,
  db: Database = getDb(),
) {
  const wanted = [...new Set(logins.map((login) => login.trim().replace(/^@/, '')).filter(Boolean))]
  if (wanted.length > 20) refuse('An effort has at most 20 owners.')
  const malformed = wanted.filter((login) => !GITHUB_LOGIN.test(login))
  if (malformed.length > 0)
    refuse(
      `${malformed.map((login) => `“${login.length > 40 ? `${login.slice(0, 40)}…` : login}”`).join(', ')} ${malformed.length === 1 ? 'is not a GitHub login' : 'are not GitHub logins'}: a login has letters, digits and hyphens only, at most 39, and does not start with a hyphen.`,
      400,
      // The owners form has one box per login: it marks the boxes holding these.
      { owners: malformed.join(' ') },
    )
  return inTransaction(db, async (trx) => {
    await lockAgreedEffort(trx, ideaId, 'owners')
    const accounts =
      wanted.length === 0
        ? []
        : await trx
            .selectFrom('account')
            .select(['id', 'login', 'demo_role'])
            .where(
              sql`lower(login)`,
              'in',
              wanted.map((login) => login.toLowerCase()),
            )
            .execute()
    const missing = wanted.filter(
      (login) => !accounts.some((account) => account.login.toLowerCase() === login.toLowerCase()),
    )
    if (missing.length > 0) {
      // People type a name they see on the board ("Noor"): point them to its login.
      const named = await trx
        .selectFrom('account')
        .select(['login', 'name'])
        .where(
          sql`lower(name)`,
          'in',
          missing.map((login) => login.toLowerCase()),
        )
        .orderBy('login')
        .execute()
      const nameHints = named.map((account) => `“${account.login}” is ${account.name}’s login`)
      const hints = nameHints.length > 0 ? [`${nameHints.join('; ')}.`] : []
      // A login typed in part ("hann"): the accounts it begins.
      for (const login of missing) {
        const begun = await trx
          .selectFrom('account')
          .select('login')
          .where(sql<string>`lower(login)`, 'like', `${login.toLowerCase()}%`)
          .orderBy('login')
          .limit(3)
          .execute()
        if (begun.length > 0)
          hints.push(
            `Did you mean ${begun.map((account) => `“${account.login}”`).join(' or ')} for “${login}”?`,
          )
      }
      // Someone the mirror knows from GitHub who never signed in here: say so, not "unknown".
      const seen = await trx
        .selectFrom('issue as i')
        .innerJoin(
          sql<{
            login: string
          }>`lateral (select unnest(i.assignee_logins || array[i.author_login]) as login)`.as('p'),
          (join) => join.onTrue(),
        )
        .select(sql<string>`lower(p.login)`.as('login'))
        .where(
          sql<string>`lower(p.login)`,
          'in',
          missing.map((login) => login.toLowerCase()),
        )
        .distinct()
        .execute()
      const onGitHub = missing.filter((login) =>
        seen.some((row) => row.login === login.toLowerCase()),
      )
      if (onGitHub.length > 0)
        hints.push(
          `${onGitHub.map((login) => `“${login}”`).join(', ')} ${onGitHub.length === 1 ? 'is' : 'are'} in the mirrored issues but ${onGitHub.length === 1 ? 'has' : 'have'} not signed in here yet.`,
        )
      refuse(
        `${missing.map((login) => `“${login}”`).join(', ')} ${missing.length === 1 ? 'is not an account' : 'are not accounts'} of the board: owners must have signed in at least once.${hints.map((hint) => ` ${hint}`).join('')}`,
        400,
        { owners: missing.join(' ') },
      )
    }
    await trx.deleteFrom('effort_owner').where('idea_id', '=', ideaId).execute()
    if (accounts.length > 0) {
      await trx
        .insertInto('effort_owner')
        .values(
          accounts.map((account) => ({
            idea_id: ideaId,
            account_id: account.id,
            added_by: actor.id,
          })),
        )
        .execute()
    }
    await upsertEffort(trx, ideaId, {})
    await recordEffortEvent(
      trx,
      ideaId,
      actor,
      'owners',
      accounts.length > 0
        ? `Owners set to ${[...accounts]
            .sort((a, b) => a.login.localeCompare(b.login))
            .map((owner) => personName({ login: owner.login, isDemo: owner.demo_role !== null }))
            .join(', ')} by ${await getPersonName(actor, trx)}.`
        : `Owners cleared by ${await getPersonName(actor, trx)}.`,
    )
    return accounts.map((account) => account.login).sort()
  })
}

/** A maintainer sets an agreed effort's target date (`YYYY-MM-DD`, today or later) or clears it. */
export async function setEffortTarget(
  ideaId: number,
  day: string | null,
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
  if (day !== null) {
    const problem = targetDateProblem(day, now)
    if (problem) refuse(problem)
  }
  return inTransaction(db, async (trx) => {
    await lockAgreedEffort(trx, ideaId, 'a target date')
    await upsertEffort(trx, ideaId, { target_date: day })
    await recordEffortEvent(
      trx,
      ideaId,
      actor,
      'target',
      day
        ? `Target date set to ${day} by ${await getPersonName(actor, trx)}.`
        : `Target date cleared by ${await getPersonName(actor, trx)}.`,
    )
  })
}

/**
 * A maintainer links more issues to an agreed effort (`owner/name#12`, one per line or comma
 * separated); links already there are skipped. Returns the refs added, and which of them the
 * mirror lacks.
 */
export async function linkEffortIssues(
  ideaId: number,
  text: string,
  actor: Person,
  now = new Date(),
  db: Database = getDb(),
) {
  const { links, problems } = parseIdeaLinks(text)
  if (problems.length > 0) refuse(problems.join(' '))
  const issues = links.flatMap(({ ref, repo, number }) =>
    number === null ? [] : [{ ref, repo, number }],
  )
  if (issues.length < links.length) {
    refuse('Link issues or pull requests (owner/name#123) to an effort, not whole repositories.')
  }
  if (issues.length === 0) refuse('Give at least one issue to link, as owner/name#123.')
  return inTransaction(db, async (trx) => {
    await lockAgreedEffort(trx, ideaId, 'linked issues to add')
    const existing = await trx
      .selectFrom('idea_link')
      .select(['ref', 'position'])
      .where('idea_id', '=', ideaId)
      .execute()
    const fresh = issues.filter(
      (link) => !existing.some((row) => row.ref.toLowerCase() === link.ref.toLowerCase()),
    )
    if (fresh.length === 0) refuse('Those issues are already linked to this effort.')
    if (existing.length + fresh.length > 50) refuse('An effort links at most 50 issues.')
    const last = Math.max(-1, ...existing.map((row) => row.position))
    await trx
      .insertInto('idea_link')
      .values(
        fresh.map((link, index) => ({
          idea_id: ideaId,
          ref: link.ref,
          repo_full_name: link.repo,
          issue_number: link.number,
          position: last + 1 + index,
          linked_by: actor.id,
          linked_at: now,
        })),
      )
      .execute()
    await recordEffortEvent(
      trx,
      ideaId,
      actor,
      'link',
      `Linked ${fresh.map((link) => link.ref).join(', ')} by ${await getPersonName(actor, trx)}.`,
    )
    // Not refused (an issue may be mirrored later), but named: a mistyped reference is one the
    // mirror lacks, and linking it quietly hid the typo.
    const mirrored = await trx
      .selectFrom('issue as i')
      .innerJoin('repository as r', 'r.id', 'i.repository_id')
      .select((eb) => [eb.fn<string>('lower', ['r.full_name']).as('repo'), 'i.number'])
      .where((eb) =>
        eb.or(
          fresh.map((link) =>
            eb.and([
              eb(eb.fn('lower', ['r.full_name']), '=', link.repo.toLowerCase()),
              eb('i.number', '=', link.number),
            ]),
          ),
        ),
      )
      .execute()
    const isMirrored = (link: (typeof fresh)[number]) =>
      mirrored.some((row) => row.repo === link.repo.toLowerCase() && row.number === link.number)
    return {
      linked: fresh.map((link) => link.ref),
      notMirrored: fresh.filter((link) => !isMirrored(link)).map((link) => link.ref),
    }
  })
}

/**
 * An agreed effort for its page: the idea (with its links and the decision that agreed it), its
 * facts up to the board clock, and what maintainers changed on it. Null when there is no such
 * idea; `notAgreed` (the reason) when the idea is not an agreed effort.
 */
export async function getEffort(ideaId: number, db: Database = getDb(), realNow = new Date()) {
  const idea = await getIdea(ideaId, null, db)
  if (!idea) return null
  if (idea.status !== 'agreed' || !idea.decision || idea.decision.outcome !== 'agreed') {
    return { notAgreed: notAgreedReason(ideaId, idea) }
  }
  const clock = await getBoardClock(db, realNow)
  const facts = await listEffortFacts(
    [{ id: ideaId, agreedAt: idea.decision.decided_at }],
    clock.now,
    db,
  )
  const events = await db
    .selectFrom('effort_event as e')
    .leftJoin('account as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.detail', 'e.at', 'a.demo_role'])
    .where('e.idea_id', '=', ideaId)
    .orderBy('e.id', 'desc')
    .limit(100)
    .execute()
  return {
    idea,
    decision: idea.decision,
    facts: facts.get(ideaId)!,
    events: events.map(({ demo_role, ...event }) => ({ ...event, isDemo: demo_role !== null })),
  }
}

/**
 * Agreed efforts whose status differs between the start and the end of a period (for the call's
 * agenda), agreed before the period started (newly agreed ones are the period's decisions).
 * `setBy` is the maintainer whose override set the new status in the period (null when the linked
 * issues moved it): the agenda names her, and says when she is a demo person (a demo action).
 */
export async function listEffortStatusChanges(
  period: { since: Date; until: Date },
  db: Database = getDb(),
) {
  const efforts = await db
    .selectFrom('idea as i')
    .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
    .innerJoin('decision_outcome as o', (join) =>
      join.onRef('o.idea_id', '=', 'i.id').on('o.outcome', '=', 'agreed'),
    )
    .innerJoin('decision as d', 'd.id', 'o.decision_id')
    .select((eb) => [
      'i.id',
      'i.title',
      'a.name as area',
      eb.fn.max('d.decided_at').as('agreed_at'),
    ])
    .where('i.status', '=', 'agreed')
    .groupBy(['i.id', 'i.title', 'a.name'])
    .having((eb) => eb.fn.max('d.decided_at'), '<', period.since)
    .execute()
  if (efforts.length === 0) return []
  const ids = efforts.map((effort) => effort.id)
  const [overrides, links] = await Promise.all([
    db
      .selectFrom('effort as e')
      .leftJoin('account as ob', 'ob.id', 'e.override_by')
      .select([
        'e.idea_id',
        'e.status_override',
        'e.override_at',
        'ob.login as override_login',
        'ob.demo_role as override_demo_role',
      ])
      .where('e.idea_id', 'in', ids)
      .where('e.status_override', 'is not', null)
      .execute(),
    linkedIssueHistories(ids, db),
  ])
  return efforts.flatMap((effort) => {
    const row = overrides.find((candidate) => candidate.idea_id === effort.id)
    const agreedAt = new Date(effort.agreed_at as Date | string)
    const override =
      row?.status_override && row.override_at && new Date(row.override_at) >= agreedAt
        ? { status: row.status_override, at: row.override_at }
        : null
    const histories = links.get(effort.id) ?? []
    const from = statusAt(histories, agreedAt, period.since, override)
    const to = statusAt(histories, agreedAt, period.until, override)
    const isSetInPeriod =
      override !== null &&
      row?.override_login != null &&
      new Date(override.at) > period.since &&
      new Date(override.at) <= period.until
    const setBy = isSetInPeriod
      ? { login: row!.override_login!, isDemo: row!.override_demo_role !== null }
      : null
    return from === to
      ? []
      : [{ id: effort.id, title: effort.title, area: effort.area, from, to, setBy }]
  })
}
