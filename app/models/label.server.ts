import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { NewLabel } from '../../db/schema'

/**
 * Stores labels by GitHub id. A label deleted on GitHub and created again under the same name gets
 * a new id, so the stale row holding that name in the repository is dropped first.
 */
export async function upsertLabels(labels: NewLabel[], db: Database = getDb()) {
  const unique = [...new Map(labels.map((label) => [label.id, label])).values()]
  for (const repositoryId of new Set(unique.map((label) => label.repository_id))) {
    const ofRepository = unique.filter((label) => label.repository_id === repositoryId)
    await db
      .deleteFrom('label')
      .where('repository_id', '=', repositoryId)
      .where(
        sql`lower(name)`,
        'in',
        ofRepository.map((label) => label.name.toLowerCase()),
      )
      .where(
        'id',
        'not in',
        ofRepository.map((label) => label.id),
      )
      .execute()
  }
  if (unique.length === 0) return
  await db
    .insertInto('label')
    .values(unique)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        repository_id: eb.ref('excluded.repository_id'),
        name: eb.ref('excluded.name'),
        color: eb.ref('excluded.color'),
        description: eb.ref('excluded.description'),
      })),
    )
    .execute()
}

/** Distinct label names across every repository (case-insensitively), for the label filter. */
export async function listLabelNames(db: Database = getDb()) {
  const rows = await db
    .selectFrom('label')
    .select(sql<string>`min(name)`.as('name'))
    .groupBy(sql`lower(name)`)
    .orderBy(sql`lower(name)`)
    .execute()
  return rows.map((row) => row.name)
}
