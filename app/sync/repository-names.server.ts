import { RequestError } from '@octokit/request-error'

import type { Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { GitHubClient } from '../github/client.server'
import { mapRepository, type RepositoryPayload } from '../github/map'
import { readRepositoryName } from '../github/shapes'
import {
  getRepositoryByFullName,
  recordRepositoryMove,
  releaseRepositoryName,
  upsertRepository,
} from '../mirror/repository.server'
import { log } from '../utils/log.server'

// GitHub identifies repositories by id; names move. A repository renamed or transferred away (or
// deleted) leaves its name free, and a new repository can take it. The mirror follows: before a
// repository is stored under a name another row holds, that row is looked up by id on GitHub
// and takes its current name, or is marked gone; then everything is written in one transaction.

type Release = { id: number; from: string; to: string | null }

/** The repository's current name on GitHub; null when GitHub no longer shows it (404). */
async function currentName(client: GitHubClient, id: number) {
  try {
    return readRepositoryName(
      await client.request('GET /repositories/{repository_id}', { repository_id: id }),
    )
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return null
    throw error
  }
}

async function planReleases(
  client: GitHubClient | null,
  fullName: string,
  keepId: number,
  db: Database,
  plan: Release[],
) {
  const holder = await getRepositoryByFullName(fullName, db)
  if (!holder || holder.id === keepId || plan.some((release) => release.id === holder.id)) return
  const release: Release = { id: holder.id, from: holder.full_name, to: null }
  plan.push(release)
  // Without a client (a webhook), the holder is only known to have lost the name.
  const name = client === null ? null : await currentName(client, holder.id)
  if (name !== null && name.toLowerCase() !== fullName.toLowerCase()) {
    release.to = name
    // Its new name may be held by yet another row (names swapped, chains of renames).
    await planReleases(client, name, holder.id, db, plan)
  }
}

/**
 * Stores a repository as GitHub described it, first freeing its name from any row holding it
 * under another id. Network errors from the lookups are thrown before anything is written.
 */
export async function storeRepository(
  client: GitHubClient,
  payload: RepositoryPayload,
  db: Database,
) {
  const plan = await planNameFor(client, payload.full_name, payload.id, db)
  await inTransaction(db, async (trx) => {
    await applyReleases(plan, trx)
    await upsertRepository({ ...mapRepository(payload), status: 'active' }, trx)
  })
  logReleases(plan)
}

/**
 * Records that repository `id` is now called `newFullName` (a rename or transfer GitHub followed
 * with a 301, or announced by webhook), first freeing the name from any row holding it under
 * another id, as storeRepository does. In the caller's transaction when it passes one.
 */
export async function moveRepository(
  client: GitHubClient | null,
  id: number,
  newFullName: string,
  db: Database,
) {
  const plan = await planNameFor(client, newFullName, id, db)
  await inTransaction(db, async (trx) => {
    await applyReleases(plan, trx)
    await recordRepositoryMove(id, newFullName, trx)
  })
  logReleases(plan)
}

async function planNameFor(
  client: GitHubClient | null,
  fullName: string,
  keepId: number,
  db: Database,
) {
  const plan: Release[] = []
  await planReleases(client, fullName, keepId, db, plan)
  return plan
}

async function applyReleases(plan: readonly Release[], trx: Database) {
  // Every row involved gives its name up first, so swapped names never collide midway.
  for (const release of plan) await releaseRepositoryName(release.id, trx)
  for (const release of plan) {
    if (release.to !== null) await recordRepositoryMove(release.id, release.to, trx)
  }
}

function logReleases(plan: readonly Release[]) {
  for (const release of plan) {
    log.warn('a mirrored repository gave its name up: GitHub gives it another repository', {
      name: release.from,
      id: release.id,
      ...(release.to !== null
        ? { movedTo: release.to }
        : { outcome: 'marked gone (deleted, hidden or moved on GitHub); its issues are kept' }),
    })
  }
}
