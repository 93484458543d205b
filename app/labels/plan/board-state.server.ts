import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import type { Outcome, RepositoryStatus } from '../../../db/schema'
import { priorityTierFor } from '../scheme/scheme'

import type { IssueBoardState, RoadmapLabelState, StarterLabelState } from './plan'

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
    .select((eb) => [
      'i.id as issue_id',
      'p.primary_domain',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      eb
        .exists(
          eb
            .selectFrom('starter_project_mentor as m')
            .select('m.project_id')
            .whereRef('m.project_id', '=', 'p.id'),
        )
        .as('has_mentor'),
    ])
    .where('p.status', '=', 'open')
    .where('i.repository_id', 'in', repositoryIds)
    .execute()
  return new Map<number, StarterLabelState>(
    rows.map(({ issue_id, has_mentor, ...starter }) => [
      issue_id,
      { ...starter, has_mentor: Boolean(has_mentor) },
    ]),
  )
}

/**
 * Roadmap ideas linking issues of these repositories (links are stored as `owner/name#N`, matched
 * to the mirror case-insensitively): each idea's area slug and the priority tier of its latest
 * decision. Merged and archived ideas are left out: they are no longer on the roadmap.
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
    .select((eb) => [
      'i.id as issue_id',
      'a.slug as area',
      eb
        .selectFrom('decision_outcome as o')
        .innerJoin('decision as d', 'd.id', 'o.decision_id')
        .select('o.outcome')
        .whereRef('o.idea_id', '=', 'idea.id')
        .orderBy('d.decided_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('outcome'),
    ])
    .where('idea.status', 'in', ['open', 'agreed'])
    .where('r.id', 'in', repositoryIds)
    .orderBy('a.slug')
    .execute()
  const byIssue = new Map<number, RoadmapLabelState[]>()
  for (const row of rows) {
    const tier = row.outcome ? priorityTierFor(row.outcome as Outcome) : null
    byIssue.set(row.issue_id, [...(byIssue.get(row.issue_id) ?? []), { area: row.area, tier }])
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
