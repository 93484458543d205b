import { getDb, type Database } from '../../../db/client.server'
import { countOpenConflicts } from '../outbox/apply.server'

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

/**
 * The plan's issue label changes not yet queued, and on how many issues: what the board's
 * decisions still have to put on GitHub, for "Waiting for maintainers" (the plan page's "Apply
 * all" counts the same). A plan nobody looks at leaves GitHub's labels behind the board's ratings
 * and decisions, and nothing else says it is there.
 */
export async function countLabelChangesToApply(db: Database = getDb()) {
  const [plans, waiting] = await Promise.all([buildLabelPlans({ db }), listWaitingChangeKeys(db)])
  const queued = new Set(waiting)
  let issues = 0
  let changes = 0
  for (const repository of plans.repositories) {
    for (const issue of repository.issues) {
      const unqueued = countUnqueuedChanges([{ repo: repository.repo, issues: [issue] }], queued)
      changes += unqueued
      if (unqueued > 0) issues += 1
    }
  }
  return { changes, issues }
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
    toApply: { changes: toApply.changes, issues: toApply.issues },
    openConflicts,
  }
}
