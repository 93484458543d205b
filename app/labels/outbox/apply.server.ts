import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import type { Actor } from '../../accounts/person'
import { refuse } from '../../utils/refusal'
import {
  adoptGitHubLabels,
  previewGitHubLabels,
  type AdoptionPreview,
} from '../learning/learning.server'
import { applyChanges } from '../plan/plan'
import { buildLabelPlans, type LabelPlans } from '../plan/plans.server'
import { changeKey, isSelected, issueKey, type PlanSelection } from '../plan/selection'
import { labelKey } from '../scheme/scheme'
import type { SchemeSettings } from '../scheme/schemes.server'

import { enqueueLabelChanges, type LabelChangeEntry, type NewLabelChange } from './outbox.server'

// Applying a plan: the part of it a maintainer selected goes into the outbox, computed again now
// rather than trusted from the form, so nothing the board or GitHub changed since the review is
// sent by mistake. The worker (runner.server.ts) then sends the rows.

export type QueuedPlan = {
  /** Rows added to the outbox. */
  queued: number
  /** Changes that were already waiting in the outbox. */
  alreadyQueued: number
  /** Selected keys no longer in the plan (the board or the mirror changed since the review). */
  stale: string[]
  /** Repositories left out: their label scheme has problems, or GitHub would refuse writes. */
  blocked: string[]
  /** The plan as it was when queued. */
  plans: LabelPlans
}

/**
 * Queues the selected changes of the current plan (of `repos`, or of every repository) with the
 * managed labels each issue's plan was computed against. Nothing is queued for a repository
 * whose scheme has problems.
 */
export async function queueLabelPlans(input: {
  selection: PlanSelection
  actor: Actor
  repos?: string[]
  db?: Database
  /** The community's settings the plan is built with; the process's when absent. */
  settings?: SchemeSettings
}): Promise<QueuedPlan> {
  const db = input.db ?? getDb()
  const plans = await buildLabelPlans({ ...input.settings, repos: input.repos, db })
  const changes: NewLabelChange[] = []
  const matched = new Set<string>()
  for (const repository of plans.repositories) {
    for (const issue of repository.issues) {
      const planned = [
        ...issue.add.map((label) => ({ action: 'add' as const, label })),
        ...issue.remove.map((label) => ({ action: 'remove' as const, label })),
      ]
      for (const { action, label } of planned) {
        const change = { repo: repository.repo, number: issue.number, action, label }
        if (!isSelected(input.selection, change)) continue
        matched.add(changeKey(change))
        matched.add(issueKey(repository.repo, issue.number))
        changes.push({
          repositoryId: repository.repositoryId,
          issueNumber: issue.number,
          issueId: issue.issueId,
          label,
          action,
          baseLabels: issue.base,
        })
      }
    }
  }
  const selected =
    input.selection === 'all' ? [] : [...input.selection.changes, ...input.selection.issues]
  const { queued, alreadyQueued } = await enqueueLabelChanges(changes, input.actor, db)
  return {
    queued,
    alreadyQueued,
    stale: [...new Set(selected.filter((key) => !matched.has(key.toLowerCase())))],
    blocked: plans.repositories
      .filter((r) => r.problems.length > 0 || r.blocked !== null)
      .map((r) => r.repo),
    plans,
  }
}

export type ConflictChoice = 'kept-github' | 'reapplied'

type ConflictVersions = { base?: string[]; github?: string[] }

/**
 * Settles a conflict. `kept-github` records that GitHub's labels stand (nothing is sent) and
 * the board's tags take their values, as when learning from GitHub;
 * `reapplied` queues the board's change again, this time against the labels GitHub showed, so
 * the worker's check passes unless someone changes them yet again. The other changes of the same
 * plan on the issue met the same edit: they are settled with the same choice (`settled`), so
 * keeping GitHub's labels for one never leaves another to be applied against them. Refused
 * (nothing changes) when the row is not an open conflict.
 */
export async function resolveLabelConflict(
  id: number,
  choice: ConflictChoice,
  actor: Actor,
  db: Database = getDb(),
): Promise<{ requeued: boolean; settled: number[] }> {
  if (choice !== 'kept-github' && choice !== 'reapplied') {
    refuse(`"${String(choice)}" is not a choice: keep GitHub's labels or apply the board's.`)
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('label_change')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!row) refuse(`There is no label change ${id}.`)
    if (row.status !== 'conflict' || row.issue_number === null) {
      refuse(`Label change ${id} is not a conflict (it is ${row.status}).`)
    }
    if (row.resolution !== null) {
      refuse(`Label change ${id} was already settled by ${row.resolved_by_login}.`)
    }
    const rows = await openConflictsOfPlan({ ...row, issue_number: row.issue_number! }, trx, {
      lock: true,
    })
    await trx
      .updateTable('label_change')
      .set({
        resolution: choice,
        resolved_by_login: actor.login,
        resolved_by: actor.id,
        resolved_at: sql<Date>`now()`,
      })
      .where(
        'id',
        'in',
        rows.map((each) => each.id),
      )
      .execute()
    const settled = rows.map((each) => each.id)
    const versions = (row.github_response ?? {}) as ConflictVersions
    if (choice === 'kept-github') {
      // The board's tags take GitHub's values, so the next plan does not propose the change again.
      const issue = await trx
        .selectFrom('issue')
        .select('id')
        .where('repository_id', '=', row.repository_id)
        .where('number', '=', row.issue_number)
        .executeTakeFirst()
      // A scheme with problems refuses the adoption, and the transaction with it.
      if (issue && versions.github) await adoptGitHubLabels(issue.id, versions.github, actor, trx)
      return { requeued: false, settled }
    }
    const { queued } = await enqueueLabelChanges(
      rows.map((each) => ({
        repositoryId: each.repository_id,
        issueNumber: row.issue_number!,
        issueId: each.issue_id,
        label: each.label,
        action: each.action,
        baseLabels: ((each.github_response ?? {}) as ConflictVersions).github ?? each.base_labels,
      })),
      actor,
      trx,
    )
    return { requeued: queued > 0, settled }
  })
}

/** The open conflicts of the plan `row` belongs to: its issue's, made against the same base. */
async function openConflictsOfPlan(
  row: { repository_id: number; issue_number: number; base_labels: string[] },
  db: Database,
  { lock = false } = {},
) {
  const openOfIssue = await db
    .selectFrom('label_change')
    .selectAll()
    .where('repository_id', '=', row.repository_id)
    .where('issue_number', '=', row.issue_number)
    .where('status', '=', 'conflict')
    .where('resolution', 'is', null)
    .orderBy('id')
    .$if(lock, (qb) => qb.forUpdate())
    .execute()
  return openOfIssue.filter((other) => sameLabelSet(other.base_labels, row.base_labels))
}

export type ConflictChoicePreview = {
  /** What "apply the board's change" sends: every change of the plan on the issue. */
  sends: { action: 'add' | 'remove'; label: string }[]
  /** Managed labels GitHub would still carry after those that the board does not ask for. */
  leftForNextPlan: string[]
  /** What "keep GitHub's labels" changes on the board (see previewGitHubLabels). */
  keeps: AdoptionPreview
}

/**
 * For each open conflict among `items` (a page of the log), what each way of settling it would
 * do, so the buttons can say it before anyone presses them. Nothing is written. Conflicts of one
 * plan share one preview: settling one settles them all.
 */
export async function previewConflictChoices(
  items: readonly Pick<
    LabelChangeEntry,
    | 'id'
    | 'repository_id'
    | 'issue_number'
    | 'status'
    | 'resolution'
    | 'base_labels'
    | 'github_response'
  >[],
  db: Database = getDb(),
): Promise<Record<number, ConflictChoicePreview>> {
  const previews: Record<number, ConflictChoicePreview> = {}
  const byPlan = new Map<string, ConflictChoicePreview | null>()
  for (const item of items) {
    if (item.status !== 'conflict' || item.resolution !== null || item.issue_number === null) {
      continue
    }
    const row = { ...item, issue_number: item.issue_number }
    const planKey = `${row.repository_id}#${row.issue_number} ${labelSetKey(row.base_labels)}`
    if (!byPlan.has(planKey)) byPlan.set(planKey, await previewPlan(row, db))
    const preview = byPlan.get(planKey)
    if (preview) previews[item.id] = preview
  }
  return previews
}

async function previewPlan(
  row: {
    repository_id: number
    issue_number: number
    base_labels: string[]
    github_response: unknown
  },
  db: Database,
): Promise<ConflictChoicePreview | null> {
  const issue = await db
    .selectFrom('issue')
    .select('id')
    .where('repository_id', '=', row.repository_id)
    .where('number', '=', row.issue_number)
    .executeTakeFirst()
  if (!issue) return null
  const github = ((row.github_response ?? {}) as ConflictVersions).github ?? []
  const sends = (await openConflictsOfPlan(row, db)).flatMap((each) =>
    each.action === 'add' || each.action === 'remove'
      ? [{ action: each.action, label: each.label }]
      : [],
  )
  const keeps = await previewGitHubLabels(issue.id, github, db)
  const after = applyChanges(github, {
    add: sends.filter((each) => each.action === 'add').map((each) => each.label),
    remove: sends.filter((each) => each.action === 'remove').map((each) => each.label),
  })
  const wanted = new Set(keeps.boardLabels.map(labelKey))
  // GitHub's labels are the managed ones the worker compared (github_response keeps only those).
  const leftForNextPlan = keeps.refused ? [] : after.filter((label) => !wanted.has(labelKey(label)))
  return { sends, leftForNextPlan, keeps }
}

/** A set of labels as one key: case-insensitive, in any order. */
function labelSetKey(labels: readonly string[]) {
  return [...new Set(labels.map(labelKey))].sort().join('\n')
}

/** Whether two plans' bases hold the same labels (case-insensitive, in any order). */
function sameLabelSet(a: readonly string[], b: readonly string[]) {
  return labelSetKey(a) === labelSetKey(b)
}

/**
 * Conflicts still waiting for a maintainer, for the plan page, the log and the CLI: the changes,
 * and the issues they are on (of these repositories only, when named). A maintainer settles an
 * issue's plan at once, so the issues are the decisions.
 */
export async function countOpenConflicts(
  db: Database = getDb(),
  repositoryIds?: readonly number[],
): Promise<{ changes: number; issues: number }> {
  if (repositoryIds?.length === 0) return { changes: 0, issues: 0 }
  let query = db
    .selectFrom('label_change')
    .select([
      sql<number>`count(*)::int`.as('changes'),
      sql<number>`count(distinct (repository_id, issue_number))::int`.as('issues'),
    ])
    .where('status', '=', 'conflict')
    .where('resolution', 'is', null)
  if (repositoryIds) query = query.where('repository_id', 'in', repositoryIds)
  const row = await query.executeTakeFirstOrThrow()
  return { changes: Number(row.changes), issues: Number(row.issues) }
}
