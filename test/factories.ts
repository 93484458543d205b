import type { IssuePayload, LabelPayload, RepositoryPayload } from '../app/github/map'

// Small builders for GitHub REST payloads, so tests state only what matters to them.

let nextId = 1_000

export function repositoryPayload(fullName: string, overrides: Partial<RepositoryPayload> = {}) {
  const [owner = 'owner', name = 'repo'] = fullName.split('/')
  return {
    id: nextId++,
    name,
    full_name: fullName,
    owner: { login: owner },
    description: null,
    html_url: `https://github.com/${fullName}`,
    private: false,
    fork: false,
    archived: false,
    pushed_at: null,
    ...overrides,
  } satisfies RepositoryPayload
}

export function labelPayload(name: string, overrides: Partial<LabelPayload> = {}) {
  return {
    id: nextId++,
    name,
    color: 'ededed',
    description: null,
    ...overrides,
  } satisfies LabelPayload
}

export function issuePayload(
  fullName: string,
  number: number,
  overrides: Partial<IssuePayload> = {},
): IssuePayload {
  const at = new Date(Date.UTC(2020, 0, 1) + number * 3_600_000).toISOString()
  return {
    id: nextId++,
    number,
    title: `Issue ${number} of ${fullName}`,
    body: null,
    state: 'open',
    state_reason: null,
    html_url: `https://github.com/${fullName}/issues/${number}`,
    comments: 0,
    created_at: at,
    updated_at: at,
    closed_at: null,
    user: { login: 'octocat' },
    assignees: [],
    labels: [],
    pull_request: null,
    reactions: { '+1': 0 },
    ...overrides,
  }
}
