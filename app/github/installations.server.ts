import { RequestError } from '@octokit/request-error'

import { INSTALLATION_HEADER } from './app-auth.server'
import type { GitHubClient } from './client.server'
import type { RepositoryPayload } from './map'
import { readInstallationPage, readRepositoryPage } from './shapes'

// The app's own listings, conditional so that an unchanged one costs a 304: the installations
// (with the app's JWT) and the repositories of one installation (with its token; each page
// costs what GitHub charges for it).

export type AppInstallation = {
  id: number
  account: string
  isSuspended: boolean
}

export type Listing<T> =
  { kind: 'not-modified' } | { kind: 'listed'; items: T[]; etag: string | null }

function isNotModified(error: unknown) {
  return error instanceof RequestError && error.status === 304
}

export async function listAppInstallations(
  octokit: GitHubClient,
  etag: string | null,
): Promise<Listing<AppInstallation>> {
  const items: AppInstallation[] = []
  let newEtag: string | null = null
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.apps.listInstallations, {
      per_page: 100,
      headers: etag ? { 'if-none-match': etag } : {},
    })) {
      newEtag ??= page.headers.etag ?? null
      for (const installation of readInstallationPage(page)) {
        if (!installation.account) continue
        items.push({
          id: installation.id,
          account: installation.account.login,
          isSuspended: Boolean(installation.suspended_at),
        })
      }
    }
  } catch (error) {
    if (isNotModified(error)) return { kind: 'not-modified' }
    throw error
  }
  return { kind: 'listed', items, etag: newEtag }
}

export async function listRepositoriesOfInstallation(
  octokit: GitHubClient,
  installationId: number,
  etag: string | null,
): Promise<Listing<RepositoryPayload>> {
  const items: RepositoryPayload[] = []
  let newEtag: string | null = null
  try {
    for await (const page of octokit.paginate.iterator(
      octokit.rest.apps.listReposAccessibleToInstallation,
      {
        per_page: 100,
        headers: {
          [INSTALLATION_HEADER]: String(installationId),
          ...(etag ? { 'if-none-match': etag } : {}),
        },
      },
    )) {
      newEtag ??= page.headers.etag ?? null
      // paginate flattens the { total_count, repositories } pages into the repositories.
      items.push(...readRepositoryPage(page))
    }
  } catch (error) {
    if (isNotModified(error)) return { kind: 'not-modified' }
    throw error
  }
  return { kind: 'listed', items, etag: newEtag }
}
