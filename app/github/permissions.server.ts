import { createGitHubClient } from './client.server'

type RepositoryWithPermissions = { full_name: string; permissions?: { push?: boolean } }

/** The repositories (`owner/name`) the token's user can push to, as GitHub lists them. */
export async function listPushableRepositories(token: string, apiUrl: string) {
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
  return pushable
}

export type GitHubUser = { id: number; login: string; name: string | null; avatar_url: string }

export async function getAuthenticatedUser(token: string, apiUrl: string): Promise<GitHubUser> {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  const { data } = await octokit.rest.users.getAuthenticated()
  return { id: data.id, login: data.login, name: data.name, avatar_url: data.avatar_url }
}
