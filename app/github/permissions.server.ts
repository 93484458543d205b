import { resolveRepositoryIds } from '../mirror/repository.server'

import { createGitHubClient } from './client.server'

type RepositoryWithPermissions = { full_name: string; permissions?: { push?: boolean } }

/**
 * True when the token's user can push to at least one mirrored repository: such people
 * maintain the project on GitHub, so they maintain it on the board too.
 */
export async function hasPushAccessToMirroredRepository(token: string, apiUrl: string) {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  const pushable: string[] = []
  for await (const page of octokit.paginate.iterator(octokit.rest.repos.listForAuthenticatedUser, {
    affiliation: 'owner,collaborator,organization_member',
    per_page: 100,
  })) {
    for (const repository of page.data as RepositoryWithPermissions[]) {
      if (repository.permissions?.push) pushable.push(repository.full_name)
    }
  }
  const { ids } = await resolveRepositoryIds(pushable)
  return ids.length > 0
}

export type GitHubUser = { id: number; login: string; name: string | null; avatar_url: string }

export async function getAuthenticatedUser(token: string, apiUrl: string): Promise<GitHubUser> {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  const { data } = await octokit.rest.users.getAuthenticated()
  return { id: data.id, login: data.login, name: data.name, avatar_url: data.avatar_url }
}
