import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { NewRepository } from '../../db/schema'

export async function upsertRepository(repository: NewRepository, db: Database = getDb()) {
  await db
    .insertInto('repository')
    .values(repository)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        owner: eb.ref('excluded.owner'),
        name: eb.ref('excluded.name'),
        full_name: eb.ref('excluded.full_name'),
        description: eb.ref('excluded.description'),
        html_url: eb.ref('excluded.html_url'),
        is_private: eb.ref('excluded.is_private'),
        is_fork: eb.ref('excluded.is_fork'),
        is_archived: eb.ref('excluded.is_archived'),
        status: eb.ref('excluded.status'),
        pushed_at: eb.ref('excluded.pushed_at'),
        // A repository written from GitHub has its history recorded, whatever loaded it before.
        history_recorded: eb.ref('excluded.history_recorded'),
        mirrored_at: sql<Date>`now()`,
      })),
    )
    .execute()
}

/** Every mirrored repository with its maintained counts, for the board's sidebar. */
export async function listRepositoriesWithCounts(db: Database = getDb()) {
  return db
    .selectFrom('repository')
    .select([
      'id',
      'full_name',
      'html_url',
      'status',
      'is_archived',
      'open_issue_count',
      'open_pull_count',
      'closed_issue_count',
      'closed_pull_count',
    ])
    .orderBy(sql`lower(full_name)`)
    .execute()
}

export async function getRepositoryByFullName(fullName: string, db: Database = getDb()) {
  return db
    .selectFrom('repository')
    .select([
      'id',
      'full_name',
      'html_url',
      'description',
      'status',
      'is_archived',
      'history_recorded',
    ])
    .where(sql`lower(full_name)`, '=', fullName.toLowerCase())
    .executeTakeFirst()
}

/** Resolves owner/name strings (any case) to ids; the names that match nothing come back apart. */
export async function resolveRepositoryIds(fullNames: string[], db: Database = getDb()) {
  if (fullNames.length === 0) return { ids: [], unknown: [] }
  const rows = await db
    .selectFrom('repository')
    .select(['id', 'full_name'])
    .where(
      sql`lower(full_name)`,
      'in',
      fullNames.map((name) => name.toLowerCase()),
    )
    .execute()
  const known = new Set(rows.map((row) => row.full_name.toLowerCase()))
  return {
    ids: rows.map((row) => row.id),
    unknown: fullNames.filter((name) => !known.has(name.toLowerCase())),
  }
}

export async function countRepositories(db: Database = getDb()) {
  const row = await db
    .selectFrom('repository')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * The names of the MirageOS demo's repositories (loaded from a summary, their history not
 * recorded), or of those written from GitHub: the two must never share a database.
 */
export async function listRepositoryNamesFrom(source: 'demo' | 'github', db: Database = getDb()) {
  const rows = await db
    .selectFrom('repository')
    .select('full_name')
    .where('history_recorded', '=', source === 'github')
    .orderBy('full_name')
    .execute()
  return rows.map((row) => row.full_name)
}

/** Whether the board holds the MirageOS demo's repositories (see listRepositoryNamesFrom). */
export async function holdsDemoRepositories(db: Database = getDb()) {
  const row = await db
    .selectFrom('repository')
    .select('id')
    .where('history_recorded', '=', false)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export async function listRepositoriesByIds(ids: number[], db: Database = getDb()) {
  if (ids.length === 0) return []
  return db
    .selectFrom('repository')
    .select(['id', 'full_name', 'status', 'is_archived', 'is_fork'])
    .where('id', 'in', ids)
    .orderBy(sql`lower(full_name)`)
    .execute()
}

/** A repository now answers under another name: renamed (same owner) or transferred. */
export async function recordRepositoryMove(
  id: number,
  newFullName: string,
  db: Database = getDb(),
) {
  const [owner = '', name = ''] = newFullName.split('/')
  await db
    .updateTable('repository')
    .set((eb) => ({
      status: eb
        .case()
        .when(sql<string>`lower(owner)`, '=', owner.toLowerCase())
        .then('renamed' as const)
        .else('transferred' as const)
        .end(),
      owner,
      name,
      full_name: newFullName,
      html_url: `https://github.com/${newFullName}`,
    }))
    .where('id', '=', id)
    .where(sql`lower(full_name)`, '!=', newFullName.toLowerCase())
    .execute()
}

/**
 * Frees a name GitHub now gives another repository: the row keeps its id and issues, marked
 * gone, under its old name with why and its id (which no name GitHub hands out can take).
 */
export async function releaseRepositoryName(id: number, db: Database = getDb()) {
  await db
    .updateTable('repository')
    .set({
      status: 'gone',
      full_name: sql<string>`full_name || ${` (deleted or hidden; GitHub id ${id})`}`,
    })
    .where('id', '=', id)
    .execute()
}

export async function setRepositoryStatus(
  id: number,
  status: 'active' | 'gone',
  db: Database = getDb(),
) {
  await db.updateTable('repository').set({ status }).where('id', '=', id).execute()
}

export async function setRepositoryArchived(
  id: number,
  isArchived: boolean,
  db: Database = getDb(),
) {
  await db.updateTable('repository').set({ is_archived: isArchived }).where('id', '=', id).execute()
}

/** A mirrored repository's name, first by name: forms show it as an example of what to type. */
export async function getExampleRepositoryName(db: Database = getDb()) {
  const row = await db
    .selectFrom('repository')
    .select('full_name')
    .where('status', '=', 'active')
    .orderBy(sql`lower(full_name)`)
    .limit(1)
    .executeTakeFirst()
  return row?.full_name ?? null
}
