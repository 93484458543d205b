import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../../db/client.server'
import type { Outcome, RepositoryStatus } from '../../../db/schema'
import { canReachMentors } from '../../starter/next-step'
import { priorityTierFor } from '../scheme/scheme'

import type { IssueBoardState, RoadmapLabelState, SetBy, StarterLabelState } from './plan'

// The board's state that becomes labels, read from the database for mirrored issues. Only issues
// the board holds state for are returned: an issue without any is never planned, so the board
// never strips labels from issues it knows nothing about (see plan.ts and decision 008).

export type MirroredRepository = {
  id: number
  fullName: string
  /** renamed, transferred or gone: the mirror follows GitHub there, the board does not write. */
  status: RepositoryStatus
  isArchived: boolean
  /** The repository's label catalogue as the mirror last saw it. */
  catalogue: { name: string }[]
}

export type IssueLabelState = {
  issueId: number
  repositoryId: number
  number: number
  title: string
  url: string
  /** Every label the mirror last saw on the issue, human ones included. */
  current: string[]
  board: IssueBoardState
}

/**
 * Mirrored repositories by full name (case-insensitive), or every mirrored repository without a
 * filter; names not in the mirror are returned as `missing`.
 */
export async function readRepositories(
  repos: readonly string[] | undefined,
  db: Database = getDb(),
): Promise<{ repositories: MirroredRepository[]; missing: string[] }> {
  const wanted = repos?.map((name) => name.toLowerCase())
  if (wanted && wanted.length === 0) return { repositories: [], missing: [] }
  const rows = await db
    .selectFrom('repository')
    .select(['id', 'full_name', 'status', 'is_archived'])
    .$if(wanted !== undefined, (qb) =>
      qb.where((eb) => eb(eb.fn('lower', ['full_name']), 'in', wanted!)),
    )
    .orderBy('full_name')
    .execute()
  const labels =
    rows.length === 0
      ? []
      : await db
          .selectFrom('label')
          .select(['repository_id', 'name'])
          .where(
            'repository_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('name')
          .execute()
  const found = new Set(rows.map((row) => row.full_name.toLowerCase()))
  return {
    repositories: rows.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      status: row.status,
      isArchived: row.is_archived,
      catalogue: labels
        .filter((label) => label.repository_id === row.id)
        .map((label) => ({ name: label.name })),
    })),
    missing: (repos ?? []).filter((name) => !found.has(name.toLowerCase())),
  }
}

/** Who set a value: a login and whether it is a demo account (demo actions say so). */
function setBy(login: string | null, demoRole: string | null, at: Date | string | null): SetBy {
  return {
    login,
    isDemo: demoRole !== null,
    at: at === null ? null : new Date(at).toISOString(),
  }
}

/** The latest rating of one axis of the project: who rated and when, from the rating audit. */
function latestRating(axis: 'language' | 'domain') {
  return sql<{ login: string; demo_role: string | null; at: string } | null>`(
    select json_build_object('login', ra.actor_login, 'demo_role', ac.demo_role, 'at', ra.at)
    from rating_audit ra left join account ac on ac.id = ra.actor_id
    where ra.project_id = p.id and ra.axis = ${axis}
    order by ra.at desc, ra.id desc limit 1)`
}

/**
 * Open starter projects attached to issues of these repositories. Done and inactive projects
 * are left out: the board no longer offers them, so it neither adds their labels nor removes
 * labels it may have set earlier (removing would need a record of what the board set, which the
 * outbox will give; until then the labels stay as people last saw them).
 */
async function readStarterStates(repositoryIds: number[], db: Database) {
  const rows = await db
    .selectFrom('starter_project as p')
    .innerJoin('issue as i', 'i.id', 'p.issue_id')
    .leftJoin('account as creator', 'creator.id', 'p.created_by')
    .leftJoin('account as rater', 'rater.id', 'p.rated_by')
    .select((eb) => [
      'i.id as issue_id',
      'p.id',
      'p.title',
      'p.primary_domain',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      'p.created_at',
      'p.updated_at',
      'p.rated_at',
      'creator.login as creator_login',
      'creator.demo_role as creator_demo_role',
      'rater.login as rater_login',
      'rater.demo_role as rater_demo_role',
      latestRating('language').as('language_rating'),
      latestRating('domain').as('domain_rating'),
      sql<boolean>`p.mentor_contact is not null`.as('has_mentor_contact'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_project_mentor as m')
          .select(['m.name', 'm.account_id'])
          .whereRef('m.project_id', '=', 'p.id'),
      ).as('mentors'),
    ])
    .where('p.status', '=', 'open')
    .where('i.repository_id', 'in', repositoryIds)
    .execute()
  return new Map<number, StarterLabelState>(
    rows.map((row) => {
      const created = setBy(row.creator_login, row.creator_demo_role, row.created_at)
      // Fields without an audit of their own: the creator's, unless the project was edited since
      // (then only when is known).
      const edited =
        new Date(row.updated_at).getTime() > new Date(row.created_at).getTime()
          ? setBy(null, null, row.updated_at)
          : created
      const rated = (rating: { login: string; demo_role: string | null; at: string } | null) =>
        rating
          ? setBy(rating.login, rating.demo_role, rating.at)
          : setBy(row.rater_login, row.rater_demo_role, row.rated_at)
      return [
        row.issue_id,
        {
          primary_domain: row.primary_domain,
          language_stars: row.language_stars,
          domain_stars: row.domain_stars,
          size: row.size,
          // "mentor available" on GitHub promises someone to ask: a mentor the project page
          // shows a way to reach (`canReachMentors`), not a name alone from an old list.
          has_mentor: canReachMentors({
            hasMentorContact: row.has_mentor_contact,
            mentors: row.mentors,
          }),
          source: {
            id: row.id,
            title: row.title,
            fields: {
              project: created,
              domain: edited,
              language: rated(row.language_rating),
              'domain-level': rated(row.domain_rating),
              size: edited,
              mentor: edited,
            },
          },
        },
      ]
    }),
  )
}

/**
 * Roadmap ideas linking issues of these repositories (links are stored as `owner/name#N`, matched
 * to the mirror case-insensitively): each idea's area slug and its standing decision. Only an
 * agreed effort gets a tier, so only it puts labels on GitHub: an idea agreed in a closed round
 * (the latest decision about it agreed it, and no later decision sent it back to ideation). Ideas
 * in ideation are read too, so the plan can say they add nothing. Merged and archived ideas are
 * left out: they are no longer on the roadmap.
 */
async function readRoadmapStates(repositoryIds: number[], db: Database) {
  const rows = await db
    .selectFrom('idea_link as l')
    .innerJoin('idea as idea', 'idea.id', 'l.idea_id')
    .innerJoin('roadmap_area as a', 'a.id', 'idea.area_id')
    .innerJoin('repository as r', (join) =>
      join.on((eb) =>
        eb(eb.fn('lower', ['r.full_name']), '=', eb.fn('lower', ['l.repo_full_name'])),
      ),
    )
    .innerJoin('issue as i', (join) =>
      join.onRef('i.repository_id', '=', 'r.id').onRef('i.number', '=', 'l.issue_number'),
    )
    .select([
      'i.id as issue_id',
      'idea.id as idea_id',
      'idea.title',
      'idea.status',
      'a.slug as area',
      'l.linked_at',
      (eb) =>
        eb
          .selectFrom('account as linker')
          .select(
            sql<{
              login: string
              demo_role: string | null
            }>`json_build_object('login', linker.login, 'demo_role', linker.demo_role)`.as('who'),
          )
          .whereRef('linker.id', '=', 'l.linked_by')
          .as('linker'),
      sql<{
        outcome: Outcome
        decided_at: string
        login: string | null
        demo_role: string | null
        round: string
      } | null>`(
        select json_build_object('outcome', o.outcome, 'decided_at', d.decided_at,
          'login', ac.login, 'demo_role', ac.demo_role, 'round', rd.name)
        from decision_outcome o
        join decision d on d.id = o.decision_id
        join round rd on rd.id = d.round_id
        left join account ac on ac.id = d.decided_by
        where o.idea_id = idea.id and rd.status = 'closed'
        order by d.decided_at desc, d.id desc limit 1)`.as('decision'),
    ])
    .where('idea.status', 'in', ['open', 'agreed'])
    .where('r.id', 'in', repositoryIds)
    .orderBy('a.slug')
    .orderBy('idea.id')
    .execute()
  const byIssue = new Map<number, RoadmapLabelState[]>()
  for (const row of rows) {
    const decision = row.decision
    const isEffort = row.status === 'agreed' && decision?.outcome === 'agreed'
    const tier = isEffort ? priorityTierFor(decision.outcome) : null
    const entry: RoadmapLabelState = {
      area: row.area,
      tier,
      source: {
        id: row.idea_id,
        title: row.title,
        decided: decision
          ? {
              ...setBy(decision.login, decision.demo_role, decision.decided_at),
              round: decision.round,
            }
          : null,
        linked: row.linker ? setBy(row.linker.login, row.linker.demo_role, row.linked_at) : null,
      },
    }
    byIssue.set(row.issue_id, [...(byIssue.get(row.issue_id) ?? []), entry])
  }
  return byIssue
}

/** The issues of these repositories the board holds label state for, with their labels now. */
export async function readIssueLabelStates(
  repositoryIds: number[],
  db: Database = getDb(),
): Promise<IssueLabelState[]> {
  if (repositoryIds.length === 0) return []
  const [starters, roadmap] = await Promise.all([
    readStarterStates(repositoryIds, db),
    readRoadmapStates(repositoryIds, db),
  ])
  const issueIds = [...new Set([...starters.keys(), ...roadmap.keys()])]
  if (issueIds.length === 0) return []
  // One grouped join, with the ids as one JSON parameter (any number of them): a label subquery per issue cost
  // ~0.75 s of the ~1 s of planning 10,000 changes.
  const issues = await db
    .selectFrom('issue as i')
    .leftJoin('issue_label as il', 'il.issue_id', 'i.id')
    .leftJoin('label as l', 'l.id', 'il.label_id')
    .select([
      'i.id',
      'i.repository_id',
      'i.number',
      'i.title',
      'i.html_url',
      sql<
        string[]
      >`coalesce(array_agg(l.name order by l.name) filter (where l.id is not null), '{}')`.as(
        'current',
      ),
    ])
    .where(
      'i.id',
      'in',
      sql<number>`(select value::bigint from json_array_elements_text(${JSON.stringify(issueIds)}::text::json))`,
    )
    .groupBy('i.id')
    .orderBy('i.repository_id')
    .orderBy('i.number')
    .execute()
  return issues.map((issue) => ({
    issueId: issue.id,
    repositoryId: issue.repository_id,
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    current: issue.current ?? [],
    board: { starter: starters.get(issue.id) ?? null, roadmap: roadmap.get(issue.id) ?? [] },
  }))
}

/** Every roadmap area's slug: the areas the scheme gives `roadmap/<slug>` labels. */
export async function listAreaSlugs(db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom('roadmap_area')
    .select('slug')
    .distinct()
    .orderBy('slug')
    .execute()
  return rows.map((row) => row.slug)
}
