import { sql } from 'kysely'

import { mapIssue, mapLabel, mapRepository } from '../../app/github/map'
import type { MappedIssue } from '../../app/mirror/issue.server'
import { upsertIssues } from '../../app/mirror/issue.server'
import { upsertLabels } from '../../app/mirror/label.server'
import { upsertRepository } from '../../app/mirror/repository.server'
import type { Database } from '../../db/client.server'

import { generateIssues, type SyntheticOrganisation } from './generate'

export type SeedResult = {
  issues: number
  repositories: number
  labels: number
  batches: number
  seconds: number
  issuesPerSecond: number
  analyzeSeconds: number
}

/**
 * Stores the organisation through the same mapping and upserts the GitHub sync uses, one
 * transaction per batch of issues, then refreshes the planner statistics.
 */
export async function seedOrganisation(
  db: Database,
  organisation: SyntheticOrganisation,
  { batchSize = 1000, log = () => {} }: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<SeedResult> {
  const started = performance.now()
  let labels = 0
  await db.transaction().execute(async (trx) => {
    for (const repository of organisation.repositories) {
      const repositoryId = Number(repository.payload.id)
      await upsertRepository(mapRepository(repository.payload), trx)
      await upsertLabels(
        repository.labels.map((label) => mapLabel(label, repositoryId)),
        trx,
      )
      labels += repository.labels.length
    }
  })

  const total = organisation.options.issues
  const reportEvery = Math.max(batchSize, Math.ceil(total / 10 / batchSize) * batchSize)
  let batch: MappedIssue[] = []
  let batches = 0
  let stored = 0
  let pending: Promise<void> = Promise.resolve()
  const flush = async () => {
    // Generating the next batch overlaps with the database storing this one.
    await pending
    const entries = batch
    batch = []
    batches += 1
    pending = upsertIssues(entries, db).then(() => {
      stored += entries.length
      if (stored % reportEvery === 0 || stored === total) {
        const seconds = (performance.now() - started) / 1000
        log(
          `  stored ${stored.toLocaleString('en')} of ${total.toLocaleString('en')} issues (${Math.round(stored / seconds).toLocaleString('en')}/s)`,
        )
      }
    })
    // Awaited on the next flush; this only keeps an early failure from counting as unhandled.
    pending.catch(() => {})
  }
  for (const { repositoryId, payload } of generateIssues(organisation)) {
    batch.push(mapIssue(payload, repositoryId))
    if (batch.length === batchSize) await flush()
  }
  if (batch.length > 0) await flush()
  await pending
  const seconds = (performance.now() - started) / 1000

  // VACUUM as well as ANALYZE: after a bulk load the visibility map is empty, and index-only scans
  // would visit the heap until autovacuum caught up, which a live board has long since done.
  const analyzeStarted = performance.now()
  await sql`vacuum (analyze)`.execute(db)
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000

  return {
    issues: stored,
    repositories: organisation.repositories.length,
    labels,
    batches,
    seconds,
    issuesPerSecond: stored / seconds,
    analyzeSeconds,
  }
}
