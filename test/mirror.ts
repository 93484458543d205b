import {
  mapIssue,
  mapRepository,
  type IssuePayload,
  type RepositoryPayload,
} from '../app/github/map'
import { upsertRepository } from '../app/mirror/repository.server'
import { mirrorIssues } from '../app/sync/mirror-issues.server'
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
