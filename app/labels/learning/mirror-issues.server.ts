import { getDb, type Database } from '../../../db/client.server'
import { inTransaction } from '../../../db/transaction'
import { newestPerIssue, upsertIssues, type MappedIssue } from '../../mirror/issue.server'

import {
  learnFromMirroredLabels,
  readLabelsBeforeUpdate,
  type MirrorUpdateSource,
} from './learning.server'

// What GitHub's issues do to the board, for sweeps, webhooks and the label worker's fresh read of
// an issue in a conflict alike: the mirror stores them, and label changes people made on GitHub
// in the board's namespaces are learned, both in one transaction so a crash never leaves a
// stored change unlearned. The mirror itself knows nothing of features; this is where the two
// meet (here, not in app/sync/, so the label worker takes the same path sync does).

/** Mirrors the issues and learns their label changes; returns the ids the mirror wrote. */
export async function mirrorIssues(
  mapped: MappedIssue[],
  db: Database = getDb(),
  source: MirrorUpdateSource = {},
): Promise<number[]> {
  if (mapped.length === 0) return []
  return inTransaction(db, async (trx) => {
    const entries = newestPerIssue(mapped)
    // The old labels must be read before the upsert replaces them.
    const labelsBefore = await readLabelsBeforeUpdate(
      entries.map((entry) => entry.issue.id),
      trx,
    )
    const writtenIds = await upsertIssues(entries, trx)
    const isWritten = new Set(writtenIds)
    await learnFromMirroredLabels(
      labelsBefore,
      entries
        .filter((entry) => isWritten.has(entry.issue.id))
        .map((entry) => ({
          issueId: entry.issue.id,
          labels: entry.labels.map((label) => label.name),
          updatedAt: entry.issue.updated_at,
        })),
      source,
      trx,
    )
    return writtenIds
  })
}
