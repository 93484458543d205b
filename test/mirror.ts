import {
  mapIssue,
  mapRepository,
  type IssuePayload,
  type RepositoryPayload,
} from '../app/github/map'
import { mirrorIssues } from '../app/labels/learning/mirror-issues.server'
import { upsertRepository } from '../app/mirror/repository.server'
import { finishRepositorySync } from '../app/mirror/sync-state.server'
import type { Database } from '../db/client.server'

import { issuePayload, repositoryPayload } from './factories'

/** Stores a repository and its issues through the same mapping and mirroring sync uses. */
export async function mirror(
  db: Database,
  repository: RepositoryPayload,
  issues: IssuePayload[] = [],
) {
  await upsertRepository(mapRepository(repository), db)
  await mirrorIssues(
    issues.map((issue) => mapIssue(issue, repository.id)),
    db,
  )
}

/**
 * A fresh install's tracker: one repository with two issues that look like starter material (a
 * newcomer label, a short concrete body) and no starter project yet.
 */
export async function mirrorTwoStarterCandidates(db: Database) {
  const repo = repositoryPayload('acme/app')
  const easy = { id: 1, name: 'good first issue', color: 'ededed', description: null }
  await mirror(db, repo, [
    issuePayload(repo.full_name, 1, { body: 'Rename the flag.', labels: [easy] }),
    issuePayload(repo.full_name, 2, { body: 'Fix the typo in the README.' }),
  ])
}

/** Ends a sync that `holder` claimed of the repository as a plain success: its first sync is done. */
export async function finishSyncAsUpdated(db: Database, repositoryId: number, holder = 'test') {
  await finishRepositorySync(
    repositoryId,
    holder,
    {
      outcome: 'updated',
      requests: 1,
      notModified: 0,
      rateLimitRemaining: null,
      rateLimitResetAt: null,
    },
    db,
  )
}
