import { RequestError } from '@octokit/request-error'

import { createGitHubClient } from './client.server'
import { readEmails, readPushablePage, readUser } from './shapes'

// What GitHub says about the person signing in: who they are, where they may push, and (with the
// `user:email` scope) the address they chose as primary and verified.

/** The repositories (`owner/name`) the token's user can push to, as GitHub lists them. */
export async function listPushableRepositories(token: string, apiUrl: string) {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  const pushable: string[] = []
  for await (const page of octokit.paginate.iterator(octokit.rest.repos.listForAuthenticatedUser, {
    affiliation: 'owner,collaborator,organization_member',
    per_page: 100,
  })) {
    for (const repository of readPushablePage(page)) {
      if (repository.permissions?.push) pushable.push(repository.full_name)
    }
  }
  return pushable
}

export type GitHubUser = { id: number; login: string; name: string | null; avatar_url: string }

export async function getAuthenticatedUser(token: string, apiUrl: string): Promise<GitHubUser> {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  const data = readUser(await octokit.rest.users.getAuthenticated())
  return { id: data.id, login: data.login, name: data.name, avatar_url: data.avatar_url }
}

/**
 * The user's primary, verified address (GET /user/emails, which needs the `user:email` scope), or
 * null: none, only GitHub's no-reply address, or the scope not granted (GitHub answers 404 then).
 */
export async function getPrimaryVerifiedEmail(token: string, apiUrl: string) {
  const { octokit } = createGitHubClient({ token, baseUrl: apiUrl, retries: 1 })
  try {
    const data = readEmails(
      await octokit.rest.users.listEmailsForAuthenticatedUser({ per_page: 100 }),
    )
    const primary = data.find((entry) => entry.primary && entry.verified)
    if (!primary || /@users\.noreply\.github\.com$/i.test(primary.email)) return null
    return primary.email
  } catch (error) {
    if (error instanceof RequestError && [401, 403, 404].includes(error.status)) return null
    throw error
  }
}
