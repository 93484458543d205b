import {
  mapIssue,
  mapRepository,
  type IssuePayload,
  type RepositoryPayload,
} from '../app/github/map'
import { upsertIssues } from '../app/mirror/issue.server'
import { upsertRepository } from '../app/mirror/repository.server'
import type { Database } from '../db/client.server'

/** Stores a repository and its issues through the same mapping and upserts sync uses. */
export async function mirror(
  db: Database,
  repository: RepositoryPayload,
  issues: IssuePayload[] = [],
) {
  await upsertRepository(mapRepository(repository), db)
  await upsertIssues(
    issues.map((issue) => mapIssue(issue, repository.id)),
    db,
  )
}
