import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { IssueState } from '../../db/schema'

import { parseIssueRef } from './project-input'

// What a starter project's repositories and related issues point at: the board's own pages when
// the mirror has them (with the issue's live state), GitHub otherwise.

export type RepoLink = { name: string; isMirrored: boolean }

export type RelatedIssueLink = {
  ref: string
  repo: string
  number: number
  /** Present when the mirror has the issue. */
  mirrored: { title: string; state: IssueState; isPullRequest: boolean } | null
}

export async function getStarterProjectLinks(
  repos: readonly string[],
  relatedIssues: readonly string[],
  db: Database = getDb(),
): Promise<{ repos: RepoLink[]; relatedIssues: RelatedIssueLink[] }> {
  const refs = relatedIssues.flatMap((ref) => {
    const parsed = parseIssueRef(ref)
    return parsed ? [{ ref, ...parsed }] : []
  })
  const names = [...new Set([...repos, ...refs.map((ref) => ref.repo)].map((n) => n.toLowerCase()))]
  const mirroredRepos =
    names.length === 0
      ? []
      : await db
          .selectFrom('repository')
          .select(['id', 'full_name'])
          .where(sql`lower(full_name)`, 'in', names)
          .execute()
  const repoByName = new Map(mirroredRepos.map((repo) => [repo.full_name.toLowerCase(), repo]))

  const wanted = refs.flatMap((ref) => {
    const repo = repoByName.get(ref.repo.toLowerCase())
    return repo ? [{ repositoryId: repo.id, number: ref.number }] : []
  })
  const issues =
    wanted.length === 0
      ? []
      : await db
          .selectFrom('issue')
          .select(['repository_id', 'number', 'title', 'state', 'is_pull_request'])
          .where((eb) =>
            eb.or(
              wanted.map((w) =>
                eb.and([eb('repository_id', '=', w.repositoryId), eb('number', '=', w.number)]),
              ),
            ),
          )
          .execute()
  const issueByKey = new Map(
    issues.map((issue) => [`${issue.repository_id}#${issue.number}`, issue]),
  )

  return {
    repos: repos.map((name) => ({ name, isMirrored: repoByName.has(name.toLowerCase()) })),
    relatedIssues: refs.map((ref) => {
      const repo = repoByName.get(ref.repo.toLowerCase())
      const issue = repo ? issueByKey.get(`${repo.id}#${ref.number}`) : undefined
      return {
        ref: ref.ref,
        // The mirror's spelling, so links land on the right page whatever case was typed.
        repo: repo?.full_name ?? ref.repo,
        number: ref.number,
        mirrored: issue
          ? { title: issue.title, state: issue.state, isPullRequest: issue.is_pull_request }
          : null,
      }
    }),
  }
}
