import type { GitHubClient } from './client.server'
import { failed, statusOf, type Failed } from './failure.server'
import type { IssuePayload } from './map'
import { readFoundIssuePage, readIssuePayload, readPostedIssue, readViewerLogin } from './shapes'

// Raw requests that open, read and edit an issue (the call's agenda posts itself as one), and find an
// issue by a marker in its body. One function per request, each answering a domain outcome
// instead of throwing Octokit's RequestError.

type RepositoryTarget = { owner: string; repo: string; signal?: AbortSignal }

/** An issue as these requests answer it, in the fields callers keep. */
export type PostedIssue = { number: number; htmlUrl: string }

const posted = (data: { number: number; html_url: string }): PostedIssue => ({
  number: data.number,
  htmlUrl: data.html_url,
})

export type IssueCreation = { outcome: 'created'; issue: PostedIssue } | Failed

/** Opens an issue with a title and a markdown body. */
export async function createIssue(
  octokit: GitHubClient,
  target: RepositoryTarget & { title: string; body: string },
): Promise<IssueCreation> {
  const { owner, repo, title, body, signal } = target
  try {
    const response = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      owner,
      repo,
      title,
      body,
      request: { signal },
    })
    return { outcome: 'created', issue: posted(readPostedIssue(response)) }
  } catch (error) {
    return failed(error)
  }
}

export type IssueRead =
  { outcome: 'read'; issue: IssuePayload & { repository_url?: string } } | Failed

/** Reads one issue whole, as sync stores it (labels, and GitHub's updated_at of them). */
export async function readIssue(
  octokit: GitHubClient,
  target: RepositoryTarget & { issueNumber: number },
): Promise<IssueRead> {
  const { owner, repo, issueNumber, signal } = target
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner,
      repo,
      issue_number: issueNumber,
      request: { signal },
    })
    return { outcome: 'read', issue: readIssuePayload(response) }
  } catch (error) {
    return failed(error)
  }
}

export type IssueEdit =
  | { outcome: 'updated'; issue: PostedIssue }
  /** 404 or 410: deleted, transferred, or never there. */
  | { outcome: 'missing' }
  | Failed

/** Replaces an issue's title and body (its state, labels and comments stay as they are). */
export async function editIssue(
  octokit: GitHubClient,
  target: RepositoryTarget & { issueNumber: number; title: string; body: string },
): Promise<IssueEdit> {
  const { owner, repo, issueNumber, title, body, signal } = target
  try {
    const response = await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      owner,
      repo,
      issue_number: issueNumber,
      title,
      body,
      request: { signal },
    })
    return { outcome: 'updated', issue: posted(readPostedIssue(response)) }
  } catch (error) {
    const status = statusOf(error)
    if (status === 404 || status === 410) return { outcome: 'missing' }
    return failed(error)
  }
}

export type IssueSearch = { outcome: 'found'; issue: PostedIssue } | { outcome: 'none' } | Failed

/**
 * The first issue (not pull request) opened by `creator` and updated since `since` whose body
 * contains `marker`: the repository's issue list filtered by GitHub, a page of 100 at a time.
 */
export async function findIssueByMarker(
  octokit: GitHubClient,
  target: Omit<RepositoryTarget, 'signal'> & { creator: string; since: Date; marker: string },
): Promise<IssueSearch> {
  const { owner, repo, creator, since, marker } = target
  try {
    for await (const page of octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', {
      owner,
      repo,
      creator,
      state: 'all',
      since: since.toISOString(),
      per_page: 100,
    })) {
      const match = readFoundIssuePage(page).find(
        (issue) => !issue.pull_request && (issue.body ?? '').includes(marker),
      )
      if (match) return { outcome: 'found', issue: posted(match) }
    }
    return { outcome: 'none' }
  } catch (error) {
    return failed(error)
  }
}

export type Viewer = { outcome: 'read'; login: string } | Failed

/** Who the token is (GET /user). */
export async function readViewer(octokit: GitHubClient): Promise<Viewer> {
  try {
    // Checked: a login of another shape (missing, empty) would search for issues by no one.
    return { outcome: 'read', login: readViewerLogin(await octokit.request('GET /user')) }
  } catch (error) {
    return failed(error)
  }
}
