import type { GitHubClient } from './client.server'
import { failed, isAlreadyExists, statusOf, type Failed } from './failure.server'
import { readLabel, readLabelPage } from './shapes'

export type { Failed, GitHubFailure } from './failure.server'

// The label worker's raw requests to GitHub, one function per request. Each answers a domain
// outcome instead of throwing Octokit's RequestError, so the worker decides on what GitHub meant
// (not modified, gone, forbidden, already there, try later) without knowing Octokit. Writes are
// deltas only: one label created, added, removed or renamed per request, never an issue's whole
// set (app/labels/no-clobbering.test.ts keeps it so).

/** A label as GitHub answers it, in the fields the mirror keeps. */
export type GitHubLabel = { id: number; name: string; color: string; description: string | null }

type IssueTarget = { owner: string; repo: string; issueNumber: number; signal?: AbortSignal }
type RepositoryTarget = { owner: string; repo: string; signal?: AbortSignal }

function toLabel(label: {
  id: number | bigint
  name: string
  color: string
  description?: string | null
}): GitHubLabel {
  return {
    id: Number(label.id),
    name: label.name,
    color: label.color,
    description: label.description ?? null,
  }
}

/**
 * An issue's labels as a label write answers them; null when the body is not a list (a write
 * answered without one). Labels in a list are checked: one of another shape throws.
 */
function labelsOf(response: { data: unknown; url: string }): GitHubLabel[] | null {
  return Array.isArray(response.data) ? readLabelPage(response).map(toLabel) : null
}

export type IssueLabelsRead =
  | { outcome: 'read'; labels: string[]; etag: string | null }
  /** 304 to the last read's ETag: unchanged, and free of rate limit. */
  | { outcome: 'unchanged'; labels: string[] }
  | Failed

/** One read of an issue's labels, conditional on the last read's ETag when there is one. */
export async function readIssueLabels(
  octokit: GitHubClient,
  target: IssueTarget & { lastRead?: { etag: string; labels: string[] } },
): Promise<IssueLabelsRead> {
  const { owner, repo, issueNumber, lastRead, signal } = target
  try {
    const response = await octokit.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
      {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        headers: lastRead ? { 'if-none-match': lastRead.etag } : {},
        request: { signal },
      },
    )
    return {
      outcome: 'read',
      // Checked: {} once read as an issue without labels.
      labels: readLabelPage(response).map((label) => label.name),
      etag: response.headers.etag ?? null,
    }
  } catch (error) {
    if (statusOf(error) === 304 && lastRead)
      return { outcome: 'unchanged', labels: lastRead.labels }
    return failed(error)
  }
}

export type LabelCreation =
  { outcome: 'created'; label: GitHubLabel } | { outcome: 'exists' } | Failed

/** Creates a label in the repository's catalogue; one already there (422) is no failure. */
export async function createLabel(
  octokit: GitHubClient,
  target: RepositoryTarget & { label: { name: string; color: string; description: string } },
): Promise<LabelCreation> {
  const { owner, repo, label, signal } = target
  try {
    const response = await octokit.request('POST /repos/{owner}/{repo}/labels', {
      owner,
      repo,
      name: label.name,
      color: label.color,
      description: label.description,
      request: { signal },
    })
    return { outcome: 'created', label: toLabel(readLabel(response)) }
  } catch (error) {
    // Created meanwhile, or the mirror is behind.
    if (isAlreadyExists(error)) return { outcome: 'exists' }
    return failed(error)
  }
}

export type IssueLabelWrite =
  /** The issue's labels as GitHub answered the write; null when it answered none. */
  { outcome: 'done'; status: number; labels: GitHubLabel[] | null } | Failed

/** Adds labels to an issue (POST): the labels it has already stay. */
export async function addIssueLabels(
  octokit: GitHubClient,
  target: IssueTarget & { labels: string[] },
): Promise<IssueLabelWrite> {
  const { owner, repo, issueNumber, labels, signal } = target
  try {
    const response = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      { owner, repo, issue_number: issueNumber, labels, request: { signal } },
    )
    return { outcome: 'done', status: response.status, labels: labelsOf(response) }
  } catch (error) {
    return failed(error)
  }
}

/** Removes one label from an issue (DELETE of that label only); 404: it is not on the issue. */
export async function removeIssueLabel(
  octokit: GitHubClient,
  target: IssueTarget & { label: string },
): Promise<IssueLabelWrite | { outcome: 'absent' }> {
  const { owner, repo, issueNumber, label, signal } = target
  try {
    const response = await octokit.request(
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      { owner, repo, issue_number: issueNumber, name: label, request: { signal } },
    )
    return { outcome: 'done', status: response.status, labels: labelsOf(response) }
  } catch (error) {
    if (statusOf(error) === 404) return { outcome: 'absent' }
    return failed(error)
  }
}

export type LabelRename =
  | { outcome: 'renamed'; status: number; label: GitHubLabel }
  /** 404: the repository has no label of the old name. */
  | { outcome: 'missing' }
  /** 422 already_exists: a label of the new name is there; nothing was renamed. */
  | { outcome: 'name-taken' }
  | Failed

/**
 * Renames a repository's label (PATCH new_name): every issue keeps it under its new name. Never
 * a delete and a create, which would strip it from every issue.
 */
export async function renameLabel(
  octokit: GitHubClient,
  target: RepositoryTarget & { name: string; newName: string },
): Promise<LabelRename> {
  const { owner, repo, name, newName, signal } = target
  try {
    const response = await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
      owner,
      repo,
      name,
      new_name: newName,
      request: { signal },
    })
    return { outcome: 'renamed', status: response.status, label: toLabel(readLabel(response)) }
  } catch (error) {
    if (statusOf(error) === 404) return { outcome: 'missing' }
    if (isAlreadyExists(error)) return { outcome: 'name-taken' }
    return failed(error)
  }
}
