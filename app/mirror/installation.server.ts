import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { InstallationStatus } from '../../db/schema'

// GitHub App installations as the board last saw them, and which repositories each covers. A
// repository taken out of its installation, or whose installation went away, is marked, never
// deleted: its issues stay on the board, it just stops syncing.

export async function upsertInstallation(
  installation: { id: number; account: string; status: InstallationStatus },
  db: Database = getDb(),
) {
  await db
    .insertInto('github_installation')
    .values(installation)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        account: eb.ref('excluded.account'),
        status: eb.ref('excluded.status'),
        status_changed_at: sql<Date>`case when github_installation.status = excluded.status
          then github_installation.status_changed_at else now() end`,
      })),
    )
    .execute()
}

export async function setInstallationStatus(
  id: number,
  status: InstallationStatus,
  db: Database = getDb(),
) {
  await db
    .updateTable('github_installation')
    .set({ status, status_changed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '!=', status)
    .execute()
}

export async function listInstallations(db: Database = getDb()) {
  return db
    .selectFrom('github_installation as i')
    .select([
      'i.id',
      'i.account',
      'i.status',
      'i.repositories_etag',
      'i.last_requests',
      'i.rate_limit_remaining',
      'i.rate_limit_limit',
      'i.rate_limit_reset_at',
      'i.checked_at',
      'i.status_changed_at',
      (eb) =>
        eb
          .selectFrom('repository as r')
          .whereRef('r.installation_id', '=', 'i.id')
          .where('r.left_installation_at', 'is', null)
          .select(sql<number>`count(*)::int`.as('count'))
          .as('repository_count'),
    ])
    .orderBy(sql`lower(i.account)`)
    .orderBy('i.id')
    .execute()
}

/** Installations whose status is not `removed`, with the ids GitHub knows them by. */
export async function listLiveInstallationIds(db: Database = getDb()) {
  const rows = await db
    .selectFrom('github_installation')
    .select('id')
    .where('status', '!=', 'removed')
    .execute()
  return rows.map((row) => Number(row.id))
}

export async function getInstallation(id: number, db: Database = getDb()) {
  return db
    .selectFrom('github_installation')
    .select(['id', 'account', 'status', 'repositories_etag'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The repositories an installation covers now (not taken out of it). */
export async function listInstallationRepositories(installationId: number, db: Database = getDb()) {
  return db
    .selectFrom('repository')
    .select(['id', 'full_name', 'status', 'is_archived', 'is_fork'])
    .where('installation_id', '=', installationId)
    .where('left_installation_at', 'is', null)
    .orderBy(sql`lower(full_name)`)
    .execute()
}

/**
 * Repositories an installation webhook says were added: a row for each one not mirrored yet
 * (its details come with the next sweep's listing), all assigned to the installation.
 */
export async function addInstallationRepositories(
  installationId: number,
  repositories: { id: number; full_name: string }[],
  db: Database = getDb(),
) {
  if (repositories.length === 0) return
  await db
    .insertInto('repository')
    .values(
      repositories.map((repository) => {
        const [owner = '', name = ''] = repository.full_name.split('/')
        return {
          id: repository.id,
          owner,
          name,
          full_name: repository.full_name,
          description: null,
          html_url: `https://github.com/${repository.full_name}`,
          pushed_at: null,
        }
      }),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  await assignRepositoriesToInstallation(
    installationId,
    repositories.map((repository) => repository.id),
    db,
  )
}

/** These repositories are covered by the installation (again). */
export async function assignRepositoriesToInstallation(
  installationId: number,
  repositoryIds: number[],
  db: Database = getDb(),
) {
  if (repositoryIds.length === 0) return
  await db
    .updateTable('repository')
    .set({ installation_id: installationId, left_installation_at: null })
    .where('id', 'in', repositoryIds)
    .execute()
}

/**
 * Marks the installation's repositories that are not in `keepIds` as taken out of it (all of
 * them without `keepIds`). Returns how many were newly marked.
 */
export async function markRepositoriesLeftInstallation(
  installationId: number,
  options: { keepIds?: number[]; onlyIds?: number[] } = {},
  db: Database = getDb(),
) {
  let query = db
    .updateTable('repository')
    .set({ left_installation_at: sql<Date>`now()` })
    .where('installation_id', '=', installationId)
    .where('left_installation_at', 'is', null)
  if (options.keepIds && options.keepIds.length > 0)
    query = query.where('id', 'not in', options.keepIds)
  if (options.onlyIds) {
    if (options.onlyIds.length === 0) return 0
    query = query.where('id', 'in', options.onlyIds)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function saveInstallationListing(
  id: number,
  etag: string | null,
  db: Database = getDb(),
) {
  await db
    .updateTable('github_installation')
    .set({ repositories_etag: etag, checked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
}

export async function recordInstallationUsage(
  id: number,
  usage: {
    requests: number
    rateLimit: { remaining: number; limit: number; resetAt: Date } | null
  },
  db: Database = getDb(),
) {
  await db
    .updateTable('github_installation')
    .set({
      last_requests: usage.requests,
      ...(usage.rateLimit
        ? {
            rate_limit_remaining: usage.rateLimit.remaining,
            rate_limit_limit: usage.rateLimit.limit,
            rate_limit_reset_at: usage.rateLimit.resetAt,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute()
}
