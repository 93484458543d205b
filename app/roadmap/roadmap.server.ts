import { expressionBuilder, sql, type Expression } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, isUniqueViolation, type Database } from '../../db/client.server'
import type { DB, IssueState } from '../../db/schema'
import { isDemoAccount } from '../accounts/account.server'
import { getBoardClock } from '../mirror/board-clock.server'
import { refuse } from '../utils/refusal'

import { listEffortFacts } from './effort.server'
import { githubUrlFor } from './links'
import { demoVoterLogins } from './round.server'

export function slugify(text: string) {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'area'
  )
}

// ---- Release targets and their areas of focus ----

export async function listReleaseTargets(db: Database = getDb()) {
  return db
    .selectFrom('release_target')
    .select(['id', 'slug', 'name', 'description'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export type ReleaseTarget = Awaited<ReturnType<typeof listReleaseTargets>>[number]

/** The target named by `slug`, or the newest one when no slug is given; null when none fits. */
export async function findReleaseTarget(slug: string | null, db: Database = getDb()) {
  const targets = await listReleaseTargets(db)
  if (slug === null) return targets[0] ?? null
  return targets.find((target) => target.slug === slug) ?? null
}

export async function createReleaseTarget(
  input: { name: string; description?: string | null },
  db: Database = getDb(),
) {
  const name = input.name.trim()
  if (name.length < 2 || name.length > 80) {
    refuse('A release target needs a name of 2 to 80 characters, e.g. "MirageOS 3.0".')
  }
  const slug = slugify(name)
  const clash = await db
    .selectFrom('release_target')
    .select('name')
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (clash) refuse(`There is already a release target called "${clash.name}".`)
  try {
    const row = await db
      .insertInto('release_target')
      .values({ slug, name, description: input.description?.trim() || null })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (error) {
    // Created by a request that checked at the same moment (the form sent twice).
    if (isUniqueViolation(error)) refuse(`There is already a release target called "${name}".`)
    throw error
  }
}

/**
 * A release target's areas by name, A to Z: an order every reader sees. Their stored `position`
 * is only the order they were added in, which no page can show or explain.
 */
export async function listAreas(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('roadmap_area')
    .select(['id', 'slug', 'name', 'original_names', 'position'])
    .where('release_target_id', '=', releaseTargetId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute()
}

export async function getArea(areaId: number, db: Database = getDb()) {
  return db
    .selectFrom('roadmap_area')
    .select(['id', 'slug', 'name', 'release_target_id'])
    .where('id', '=', areaId)
    .executeTakeFirst()
}

export async function findAreaByName(
  releaseTargetId: number,
  name: string,
  db: Database = getDb(),
) {
  return db
    .selectFrom('roadmap_area')
    .select(['id', 'slug', 'name', 'release_target_id'])
    .where('release_target_id', '=', releaseTargetId)
    .where(sql`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst()
}

export function checkAreaName(name: string) {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  if (trimmed.length < 2 || trimmed.length > 60) {
    refuse('An area of focus needs a name of 2 to 60 characters, e.g. "Quality and testing".')
  }
  return trimmed
}

/** Adds an area of focus to a release target (maintainers); refuses a name already in use. */
export async function createArea(
  input: { releaseTargetId: number; name: string; originalNames?: string[] },
  db: Database = getDb(),
) {
  const name = checkAreaName(input.name)
  const target = await db
    .selectFrom('release_target')
    .select('id')
    .where('id', '=', input.releaseTargetId)
    .executeTakeFirst()
  if (!target) refuse('That release target does not exist.')
  const existing = await findAreaByName(input.releaseTargetId, name, db)
  if (existing) refuse(`The area "${existing.name}" already exists.`)
  let slug = slugify(name)
  const slugTaken = await db
    .selectFrom('roadmap_area')
    .select('id')
    .where('release_target_id', '=', input.releaseTargetId)
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (slugTaken) slug = `${slug}-${Date.now().toString(36)}`
  const last = await db
    .selectFrom('roadmap_area')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('position'))
    .where('release_target_id', '=', input.releaseTargetId)
    .executeTakeFirstOrThrow()
  try {
    const row = await db
      .insertInto('roadmap_area')
      .values({
        release_target_id: input.releaseTargetId,
        slug,
        name,
        original_names: input.originalNames ?? [],
        position: Number(last.position) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (error) {
    // Created by a request that checked at the same moment (the form sent twice).
    if (isUniqueViolation(error)) refuse(`The area "${name}" already exists.`)
    throw error
  }
}

// ---- Links to the mirror ----

export type IdeaLinkState = {
  ref: string
  repo: string
  number: number | null
  url: string
  /** Null when the repository or issue is not in the mirror. */
  isMirrored: boolean
  title: string | null
  state: IssueState | null
  isPullRequest: boolean
  /** A maintainer who linked it to the agreed effort later; null when it came with the idea. */
  linkedBy: { login: string; isDemo: boolean } | null
}

/** An idea's links, each with the live state of what it points at in the mirror. */
export function ideaLinksJson(ideaId: Expression<number>) {
  return jsonArrayFrom(
    expressionBuilder<DB, never>()
      .selectFrom('idea_link as l')
      .leftJoin('repository as lr', (join) =>
        join.on((eb) =>
          eb(eb.fn('lower', ['lr.full_name']), '=', eb.fn('lower', ['l.repo_full_name'])),
        ),
      )
      .leftJoin('issue as li', (join) =>
        join.onRef('li.repository_id', '=', 'lr.id').onRef('li.number', '=', 'l.issue_number'),
      )
      .leftJoin('account as la', 'la.id', 'l.linked_by')
      .select([
        'la.login as linked_by_login',
        'la.demo_role as linked_by_demo_role',
        'l.ref',
        'l.repo_full_name',
        'l.issue_number',
        'lr.id as repository_id',
        'lr.full_name as mirrored_name',
        'li.id as issue_id',
        'li.title',
        'li.state',
        'li.is_pull_request',
      ])
      .where('l.idea_id', '=', ideaId)
      .orderBy('l.position')
      .orderBy('l.ref'),
  )
}

type RawLink = {
  ref: string
  repo_full_name: string
  issue_number: number | null
  repository_id: number | null
  mirrored_name: string | null
  issue_id: number | null
  title: string | null
  state: IssueState | null
  is_pull_request: boolean | null
  linked_by_login: string | null
  linked_by_demo_role: string | null
}

export function toLinkStates(raw: RawLink[]): IdeaLinkState[] {
  return raw.map((link) => {
    const repo = link.mirrored_name ?? link.repo_full_name
    const isMirrored =
      link.issue_number === null ? link.repository_id !== null : link.issue_id !== null
    return {
      ref: link.ref,
      repo,
      number: link.issue_number,
      url: githubUrlFor({ repo, number: link.issue_number }),
      isMirrored,
      title: link.title,
      state: link.state,
      isPullRequest: link.is_pull_request ?? false,
      linkedBy: link.linked_by_login
        ? { login: link.linked_by_login, isDemo: link.linked_by_demo_role !== null }
        : null,
    }
  })
}

/**
 * Ideas and efforts that link one issue, for its page: where the roadmap uses it. A merged idea's
 * links moved to its survivor, so it is left out.
 */
export async function listIdeasLinkingIssue(
  issue: { repo: string; number: number },
  db: Database = getDb(),
) {
  return db
    .selectFrom('idea_link as l')
    .innerJoin('idea as i', 'i.id', 'l.idea_id')
    .select(['i.id', 'i.title', 'i.status'])
    .where(sql`lower(l.repo_full_name)`, '=', issue.repo.toLowerCase())
    .where('l.issue_number', '=', issue.number)
    .where('i.status', '<>', 'merged')
    .orderBy('i.id')
    .execute()
}

/** Linked issues closed / total; issues not in the mirror count in the total as not closed. */
export function progressOf(links: IdeaLinkState[]) {
  const issues = links.filter((link) => link.number !== null)
  return {
    closed: issues.filter((link) => link.state === 'closed').length,
    total: issues.length,
    unknown: issues.filter((link) => !link.isMirrored).length,
  }
}

// ---- How we plan ----

export async function listProcessNotes(releaseTargetId: number, db: Database = getDb()) {
  return db
    .selectFrom('process_note')
    .select(['id', 'kind', 'noted_at', 'body', 'attribution', 'source_url'])
    .where('release_target_id', '=', releaseTargetId)
    .orderBy('noted_at')
    .orderBy('id')
    .execute()
}

// ---- The public roadmap ----

type DecisionSummaryRow = { id: number; supersedes_id: number | null }

/** Decisions later ones superseded, by id, with the round that superseded them. */
function supersededIds(decisions: DecisionSummaryRow[]) {
  return new Set(decisions.flatMap((decision) => decision.supersedes_id ?? []))
}

/**
 * The public roadmap of a release target: the agreed efforts grouped by area (each with the
 * decision that agreed it, the live state of its linked issues, and its status, owners, target
 * date and burn-up up to the board clock), and the history of rounds.
 */
export async function getPublicRoadmap(
  releaseTargetId: number,
  db: Database = getDb(),
  realNow: Date = new Date(),
) {
  const [areas, efforts, history] = await Promise.all([
    listAreas(releaseTargetId, db),
    db
      .selectFrom('idea as i')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('decision_outcome as o')
            .innerJoin('decision as d', 'd.id', 'o.decision_id')
            .innerJoin('round as r', 'r.id', 'd.round_id')
            .select((eb) => [
              'd.id as decision_id',
              'd.decided_at',
              'd.rationale',
              'd.method',
              'r.id as round_id',
              'r.name as round_name',
              'r.kind as round_kind',
              isDemoAccount(eb.ref('d.decided_by')).as('is_demo_decision'),
            ])
            .whereRef('o.idea_id', '=', 'i.id')
            .where('o.outcome', '=', 'agreed')
            .orderBy('d.decided_at', 'desc')
            .orderBy('d.id', 'desc')
            .limit(1)
            .as('agreed'),
        (join) => join.onTrue(),
      )
      .leftJoin('account as au', 'au.id', 'i.author_id')
      .select((eb) => [
        'i.id',
        'i.title',
        'i.description',
        'i.area_id',
        'i.attribution',
        'i.is_verbatim',
        'i.created_at',
        'au.login as author_login',
        sql<boolean>`coalesce(au.demo_role is not null, false)`.as('author_is_demo'),
        'agreed.decision_id',
        'agreed.decided_at',
        'agreed.rationale',
        'agreed.method',
        'agreed.round_id',
        'agreed.round_name',
        'agreed.round_kind',
        'agreed.is_demo_decision',
        ideaLinksJson(eb.ref('i.id')).as('links'),
      ])
      .where('i.release_target_id', '=', releaseTargetId)
      .where('i.status', '=', 'agreed')
      .orderBy('agreed.decided_at')
      .orderBy('i.id')
      .execute(),
    listRoundHistory(releaseTargetId, db),
  ])
  const clock = await getBoardClock(db, realNow)
  const facts = await listEffortFacts(
    efforts.map((effort) => ({ id: effort.id, agreedAt: effort.decided_at })),
    clock.now,
    db,
  )
  const withProgress = efforts.map(({ links, ...effort }) => {
    const states = toLinkStates(links as RawLink[])
    return { ...effort, links: states, progress: progressOf(states), effort: facts.get(effort.id)! }
  })
  return {
    areas: areas
      .map((area) => ({
        id: area.id,
        slug: area.slug,
        name: area.name,
        efforts: withProgress.filter((effort) => effort.area_id === area.id),
      }))
      .filter((area) => area.efforts.length > 0),
    // Ideas are proposed in an area: without one, nothing can reach this roadmap yet.
    hasAreas: areas.length > 0,
    history,
  }
}

/** Closed rounds of a release target, newest first, with what each decided. */
export async function listRoundHistory(releaseTargetId: number, db: Database = getDb()) {
  const rows = await db
    .selectFrom('round as r')
    .innerJoin('decision as d', 'd.round_id', 'r.id')
    .select((eb) => [
      'r.id as round_id',
      'r.name',
      'r.kind',
      'r.opens_at',
      'r.closes_at',
      'r.source_url',
      'd.id',
      'd.decided_at',
      'd.method',
      'd.rationale',
      'd.voter_logins',
      demoVoterLogins(eb.ref('r.id')).as('demo_voter_logins'),
      'd.supersedes_id',
      isDemoAccount(eb.ref('d.decided_by')).as('is_demo'),
      isDemoAccount(eb.ref('r.created_by')).as('round_is_demo'),
      jsonArrayFrom(
        eb
          .selectFrom('decision_outcome as o')
          .innerJoin('idea as oi', 'oi.id', 'o.idea_id')
          .select(['o.idea_id', 'oi.title', 'o.outcome', 'o.disposition', 'o.reason'])
          .whereRef('o.decision_id', '=', 'd.id')
          .orderBy('o.position'),
      ).as('outcomes'),
    ])
    .where('r.release_target_id', '=', releaseTargetId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute()
  const superseded = supersededIds(rows)
  return rows.map((row) => ({
    ...row,
    supersededBy: superseded.has(row.id)
      ? (rows.find((other) => other.supersedes_id === row.id)?.round_id ?? null)
      : null,
  }))
}
