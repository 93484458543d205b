import { getDb, type Database } from '../../db/client.server'

import type { IssueFilters } from './issue-filters'
import { staleCutoff } from './issue.server'

// The other side of the stale view: open items touched within the window, newest first, so the
// page separates stale work from work that is moving (listStaleIssues lists the stale side).

export type FreshFilters = {
  months: number
  type: IssueFilters['type']
  limit: number
  now: Date
  /** One repository's fresh work only (the stale page's view of one repository). */
  repositoryId?: number
}

/** Open items updated since the stale cutoff: how many, and the newest `limit` of them. */
export async function listFreshIssues(filters: FreshFilters, db: Database = getDb()) {
  const cutoff = staleCutoff(filters.months, filters.now)
  const isPullRequest = filters.type === 'all' ? null : filters.type === 'pr'
  let query = db
    .selectFrom('issue as i')
    .innerJoin('repository as r', 'r.id', 'i.repository_id')
    .where('i.state', '=', 'open')
    .where('i.updated_at', '>=', cutoff)
  if (isPullRequest !== null) query = query.where('i.is_pull_request', '=', isPullRequest)
  if (filters.repositoryId !== undefined)
    query = query.where('i.repository_id', '=', filters.repositoryId)
  const [items, total] = await Promise.all([
    query
      .select([
        'i.id',
        'r.full_name as repo',
        'r.history_recorded',
        'i.number',
        'i.title',
        'i.is_pull_request',
        'i.updated_at',
      ])
      .orderBy('i.updated_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(filters.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { totalFresh: Number(total.n), items }
}
