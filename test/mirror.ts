import {
  mapIssue,
  mapRepository,
  type IssuePayload,
  type RepositoryPayload,
} from '../app/github/map'
import { upsertRepository } from '../app/mirror/repository.server'
import { mirrorIssues } from '../app/sync/mirror-issues.server'
import type { Database } from '../db/client.server'

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
