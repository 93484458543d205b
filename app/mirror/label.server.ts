import { sql } from 'kysely'

import { allOf, anyOf } from '../../db/array-parameter'
import { getDb, type Database } from '../../db/client.server'
import type { NewLabel } from '../../db/schema'
import { inTransaction } from '../../db/transaction'

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
        sql<string>`lower(name)`,
        '=',
        anyOf(
          ofRepository.map((label) => label.name.toLowerCase()),
          'text',
        ),
      )
      .where(
        'id',
        '<>',
        allOf(
          ofRepository.map((label) => label.id),
          'bigint',
        ),
      )
      .execute()
  }
  if (unique.length === 0) return
  await db
    .insertInto('label')
    .values(unique)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          repository_id: eb.ref('excluded.repository_id'),
          name: eb.ref('excluded.name'),
          color: eb.ref('excluded.color'),
          description: eb.ref('excluded.description'),
        }))
        // Every sync page names its issues' labels: an unchanged label is not written again
        // (a new row version, its WAL and its index entries, page after page).
        .where(
          sql<boolean>`(label.repository_id, label.name, label.color, label.description) is distinct from (excluded.repository_id, excluded.name, excluded.color, excluded.description)`,
        ),
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

/**
 * Makes a repository's label catalogue exactly `labels`: upserts them, drops the others, and
 * brings every issue's label_keys in step (a renamed or deleted label changes them).
 */
export async function replaceRepositoryLabels(
  repositoryId: number,
  labels: NewLabel[],
  db: Database = getDb(),
) {
  // All or nothing, inside the caller's transaction when there is one.
  return inTransaction(db, async (db) => {
    // Only a label renamed (other than in case) or gone changes an issue's label_keys. A sweep
    // ends with this for every repository it changed: recomputing the keys of all of a
    // repository's issues when neither happened cost an initial mirror a few per cent of its
    // database time.
    const stored = await db
      .selectFrom('label')
      .select(['id', sql<string>`lower(name)`.as('key')])
      .where('repository_id', '=', repositoryId)
      .execute()
    const keyOf = new Map(labels.map((label) => [Number(label.id), label.name.toLowerCase()]))
    const keysChange = stored.some((label) => keyOf.get(Number(label.id)) !== label.key)
    await upsertLabels(labels, db)
    let removal = db.deleteFrom('label').where('repository_id', '=', repositoryId)
    if (labels.length > 0) {
      removal = removal.where(
        'id',
        'not in',
        labels.map((label) => label.id),
      )
    }
    await removal.execute()
    if (keysChange) await refreshIssueLabelKeys(repositoryId, db)
  })
}

/** Recomputes label_keys from issue_label for the issues of a repository whose keys drifted. */
export async function refreshIssueLabelKeys(repositoryId: number, db: Database = getDb()) {
  await sql`
    update issue i set label_keys = k.keys
    from (
      select i2.id, coalesce(
        array_agg(distinct lower(l.name) order by lower(l.name)) filter (where l.id is not null),
        '{}'
      ) as keys
      from issue i2
      left join issue_label il on il.issue_id = i2.id
      left join label l on l.id = il.label_id
      where i2.repository_id = ${repositoryId}
      group by i2.id
    ) k
    where i.id = k.id and i.label_keys is distinct from k.keys
  `.execute(db)
}

/**
 * Deletes a label and drops its name from the label_keys of the issues that carried it, which
 * the cascade on issue_label alone would leave behind.
 */
export async function deleteLabel(repositoryId: number, labelId: number, db: Database = getDb()) {
  // All or nothing, inside the caller's transaction when there is one.
  return inTransaction(db, async (db) => {
    await db
      .deleteFrom('label')
      .where('id', '=', labelId)
      .where('repository_id', '=', repositoryId)
      .execute()
    await refreshIssueLabelKeys(repositoryId, db)
  })
}

type GitHubLabel = { id: number | bigint; name: string; color: string; description?: string | null }

/**
 * Makes the mirror show an issue's labels as GitHub answered a label write of the board's: the
 * plans then see the change at once, not after the next sync. The issue's updated_at is left as
 * it was, so the next payload from sync or a webhook still replaces this.
 */
export async function setIssueLabels(
  repositoryId: number,
  issueNumber: number,
  labels: readonly GitHubLabel[],
  db: Database = getDb(),
) {
  // All or nothing, inside the caller's transaction when there is one.
  return inTransaction(db, async (db) => {
    const issue = await db
      .selectFrom('issue')
      .select('id')
      .where('repository_id', '=', repositoryId)
      .where('number', '=', issueNumber)
      // Held until the links below are written: nothing else keeps them from outliving the issue.
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!issue) return
    await upsertLabels(
      labels.map((label) => ({
        id: Number(label.id),
        repository_id: repositoryId,
        name: label.name,
        color: label.color,
        description: label.description ?? null,
      })),
      db,
    )
    await db.deleteFrom('issue_label').where('issue_id', '=', issue.id).execute()
    if (labels.length > 0) {
      await db
        .insertInto('issue_label')
        .values(
          [...new Set(labels.map((label) => Number(label.id)))].map((labelId) => ({
            issue_id: issue.id,
            label_id: labelId,
          })),
        )
        .execute()
    }
    await db
      .updateTable('issue')
      .set({
        label_keys: [...new Set(labels.map((label) => label.name.toLowerCase()))].sort(),
      })
      .where('id', '=', issue.id)
      .execute()
  })
}
