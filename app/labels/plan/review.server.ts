import { getDb, type Database } from '../../../db/client.server'
import type { Actor } from '../../accounts/person'
import { countOpenConflicts } from '../outbox/apply.server'
import { listDemoBlockedRepositories } from '../outbox/outbox.server'

import { buildLabelPlans } from './plans.server'
import { countUnqueuedChanges } from './review'
import { changeKey } from './selection'

// Reads the maintainers' label pages need beside the plan and the log themselves.

/**
 * The change keys (selection.ts) of issue label changes queued but not yet sent: the plan page
 * marks them, as the mirror shows the old labels until the worker has written the new ones.
 */
export async function listWaitingChangeKeys(db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom('label_change as c')
    .innerJoin('repository as r', 'r.id', 'c.repository_id')
    .select(['r.full_name', 'c.issue_number', 'c.action', 'c.label'])
    .where('c.status', 'in', ['pending', 'running'])
    .where('c.action', 'in', ['add', 'remove'])
    .where('c.issue_number', 'is not', null)
    .execute()
  return rows.map((row) =>
    changeKey({
      repo: row.full_name,
      number: row.issue_number!,
      action: row.action === 'add' ? 'add' : 'remove',
      label: row.label,
    }),
  )
}

/** The mirrored repository of that full name (any case), or undefined. */
export async function findRepositoryByFullName(fullName: string, db: Database = getDb()) {
  return db
    .selectFrom('repository')
    .select(['id', 'full_name'])
    .where((eb) => eb(eb.fn('lower', ['full_name']), '=', fullName.toLowerCase()))
    .executeTakeFirst()
}

/** Repositories with label changes in the outbox, for the log's filter. */
export async function listLabelLogRepositories(db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom('repository as r')
    .select('r.full_name')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('label_change as c').select('c.id').whereRef('c.repository_id', '=', 'r.id'),
      ),
    )
    .orderBy('r.full_name')
    .execute()
  return rows.map((row) => row.full_name)
}

type LabelCount = { changes: number; issues: number }

/**
 * The plan's issue label changes not yet queued, and on how many issues: what the board's
 * decisions still have to put on GitHub, for "Waiting for maintainers" (the plan page's "Apply
 * all" counts the same). A plan nobody looks at leaves GitHub's labels behind the board's ratings
 * and decisions, and nothing else says it is there.
 *
 * Of these, `onCopies`: on the demo's copies of repositories (history not recorded), whose
 * changes are never sent (the worker skips them, decision 012); `refused`: on repositories
 * mirrored from GitHub when `actor` is a demo person, who may review them but is refused applying
 * them (`listDemoBlockedRepositories`). The two never overlap.
 */
export async function countLabelChangesToApply(db: Database = getDb(), actor?: Actor | null) {
  const [plans, waiting] = await Promise.all([buildLabelPlans({ db }), listWaitingChangeKeys(db)])
  const ids = plans.repositories.map((repository) => repository.repositoryId)
  const [copies, refusedRepos] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('repository')
          .select('id')
          .where('id', 'in', ids)
          .where('history_recorded', '=', false)
          .execute(),
    actor ? listDemoBlockedRepositories(actor, ids, db) : [],
  ])
  const copyIds = new Set(copies.map((row) => row.id))
  const refusedNames = new Set(refusedRepos)
  const queued = new Set(waiting)
  const total: LabelCount = { changes: 0, issues: 0 }
  const onCopies: LabelCount = { changes: 0, issues: 0 }
  const refused: LabelCount = { changes: 0, issues: 0 }
  for (const repository of plans.repositories) {
    const tallies = [total]
    if (copyIds.has(repository.repositoryId)) tallies.push(onCopies)
    if (refusedNames.has(repository.repo)) tallies.push(refused)
    for (const issue of repository.issues) {
      const unqueued = countUnqueuedChanges([{ repo: repository.repo, issues: [issue] }], queued)
      if (unqueued === 0) continue
      for (const tally of tallies) {
        tally.changes += unqueued
        tally.issues += 1
      }
    }
  }
  return { ...total, onCopies, refused }
}

/**
 * The label write-back in figures, for the call's agenda (the page and `npm run digest`): the
 * plan's changes nobody has applied yet and the conflicts waiting for a decision. Counts only.
 */
export async function countLabelWriteBack(db: Database = getDb()) {
  const [toApply, openConflicts] = await Promise.all([
    countLabelChangesToApply(db),
    countOpenConflicts(db),
  ])
  return {
    toApply: {
      changes: toApply.changes,
      issues: toApply.issues,
      onCopies: toApply.onCopies.changes,
    },
    openConflicts,
  }
}
