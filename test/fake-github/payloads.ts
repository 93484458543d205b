import type { components } from '@octokit/openapi-types'

import {
  fullNameOf,
  isoSeconds,
  type GitHubState,
  type IssueRecord,
  type LabelRecord,
  type RepositoryPermission,
  type RepositoryRecord,
  type UserRecord,
} from './state'

// Records -> GitHub REST JSON, in the field order GitHub sends. The return types come from
// GitHub's OpenAPI description, and the tests validate the same bodies against its JSON schemas.

type Schemas = components['schemas']

// The OpenAPI types allow int64 ids as bigint; JSON bodies hold plain numbers, and the app's
// payload types (app/github/map.ts) say so.
type WithNumericId<T> = Omit<T, 'id'> & { id: number }

export type LabelBody = WithNumericId<Schemas['label']>
/** GitHub always sends full label objects on issues, never the legacy bare names. */
export type IssueBody = WithNumericId<Omit<Schemas['issue'], 'labels'>> & { labels: LabelBody[] }
export type FullRepositoryBody = WithNumericId<Schemas['full-repository']>
export type MinimalRepositoryBody = WithNumericId<Schemas['minimal-repository']>
export type RepositoryBody = WithNumericId<Schemas['repository']>

export type PayloadContext = {
  /** Base of API URLs in payloads: the fake's own URL, so clients can follow them. */
  apiUrl: string
  /** Base of html_url fields, https://github.com unless told otherwise. */
  htmlUrl: string
  state: GitHubState
}

// GitHub's legacy global node ids: base64 of "<length of type>:<type><id>", e.g. "04:User1".
function nodeId(type: string, id: number) {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64')
}

function iso(ms: number): string
function iso(ms: number | null): string | null
function iso(ms: number | null) {
  return ms === null ? null : isoSeconds(ms)
}

export function simpleUserPayload(ctx: PayloadContext, user: UserRecord): Schemas['simple-user'] {
  const url = `${ctx.apiUrl}/users/${user.login}`
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${ctx.htmlUrl}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  }
}

function userByLogin(ctx: PayloadContext, login: string | null) {
  return login === null ? null : simpleUserPayload(ctx, ctx.state.user(login))
}

export function privateUserPayload(ctx: PayloadContext, user: UserRecord): Schemas['private-user'] {
  const created = iso(user.createdAt)
  return {
    ...simpleUserPayload(ctx, user),
    user_view_type: 'private',
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  }
}

/** GET /user/emails: the addresses on an account, as GitHub lists them (primary first). */
export function userEmailsPayload(
  emails: { email: string; primary: boolean; verified: boolean }[],
): Schemas['email'][] {
  return [...emails]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map(({ email, primary, verified }) => ({
      email,
      primary,
      verified,
      visibility: primary ? 'private' : null,
    }))
}

/** The addresses the fake gives a user: a primary, verified one and GitHub's no-reply one. */
export function defaultUserEmails(user: Pick<UserRecord, 'id' | 'login'>) {
  return [
    { email: `${user.login.toLowerCase()}@example.com`, primary: true, verified: true },
    {
      email: `${user.id}+${user.login}@users.noreply.github.com`,
      primary: false,
      verified: true,
    },
  ]
}

export function labelUrl(ctx: PayloadContext, repository: RepositoryRecord, name: string) {
  return `${ctx.apiUrl}/repos/${fullNameOf(repository)}/labels/${encodeURIComponent(name)}`
}

export function labelPayload(
  ctx: PayloadContext,
  repository: RepositoryRecord,
  label: LabelRecord,
): LabelBody {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: labelUrl(ctx, repository, label.name),
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  }
}

export function issuePayload(
  ctx: PayloadContext,
  repository: RepositoryRecord,
  issue: IssueRecord,
  options: { isSingle?: boolean } = {},
): IssueBody {
  const repositoryUrl = `${ctx.apiUrl}/repos/${fullNameOf(repository)}`
  const url = `${repositoryUrl}/issues/${issue.number}`
  const htmlRepository = `${ctx.htmlUrl}/${fullNameOf(repository)}`
  const assignees = issue.assignees.map((login) => simpleUserPayload(ctx, ctx.state.user(login)))
  const pullUrl = `${repositoryUrl}/pulls/${issue.number}`
  const pullHtmlUrl = `${htmlRepository}/pull/${issue.number}`
  return {
    url,
    repository_url: repositoryUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: issue.isPullRequest ? pullHtmlUrl : `${htmlRepository}/issues/${issue.number}`,
    id: issue.id,
    node_id: nodeId(issue.isPullRequest ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: userByLogin(ctx, issue.user),
    labels: ctx.state
      .issueLabels(repository, issue)
      .map((label) => labelPayload(ctx, repository, label)),
    state: issue.state,
    locked: issue.isLocked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_at: iso(issue.closedAt),
    author_association: issue.authorAssociation,
    active_lock_reason: null,
    ...(issue.isPullRequest
      ? {
          draft: issue.isDraft,
          pull_request: {
            url: pullUrl,
            html_url: pullHtmlUrl,
            diff_url: `${pullHtmlUrl}.diff`,
            patch_url: `${pullHtmlUrl}.patch`,
            merged_at: iso(issue.mergedAt),
          },
        }
      : {}),
    body: issue.body,
    ...(options.isSingle ? { closed_by: userByLogin(ctx, issue.closedBy) } : {}),
    reactions: {
      url: `${url}/reactions`,
      total_count: issue.plusOnes,
      '+1': issue.plusOnes,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    ...(issue.isPullRequest
      ? {}
      : { sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 } }),
  }
}

function openIssuesCount(repository: RepositoryRecord) {
  return [...repository.issues.values()].filter((issue) => issue.state === 'open').length
}

function repositoryCommon(ctx: PayloadContext, repository: RepositoryRecord) {
  const fullName = fullNameOf(repository)
  const url = `${ctx.apiUrl}/repos/${fullName}`
  const htmlUrl = `${ctx.htmlUrl}/${fullName}`
  const host = new URL(ctx.htmlUrl).host
  const owner = ctx.state.user(repository.owner)
  const openIssues = openIssuesCount(repository)
  return {
    id: repository.id,
    node_id: nodeId('Repository', repository.id),
    name: repository.name,
    full_name: fullName,
    private: repository.isPrivate,
    owner: simpleUserPayload(ctx, owner),
    html_url: htmlUrl,
    description: repository.description,
    fork: repository.isFork,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: iso(repository.createdAt),
    updated_at: iso(repository.updatedAt),
    pushed_at: iso(repository.pushedAt),
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${htmlUrl}.git`,
    svn_url: htmlUrl,
    homepage: repository.homepage,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: repository.language,
    has_issues: repository.hasIssues,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: repository.isArchived,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repository.topics,
    visibility: repository.isPrivate ? 'private' : 'public',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repository.defaultBranch,
    permissions: permissionsOf(repository.viewerPermission),
  }
}

const PERMISSION_RANKS: RepositoryPermission[] = ['pull', 'triage', 'push', 'maintain', 'admin']

/**
 * GitHub's `permissions` object for a user with `permission` on a repository: true for that role
 * and every lesser one. Without a role, a (public) repository is only read.
 */
export function permissionsOf(permission: RepositoryPermission | null) {
  const rank = permission === null ? 0 : PERMISSION_RANKS.indexOf(permission)
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: true }
}

/** A repository as GET /user/repos lists it: with the user's own permissions on it. */
export function userRepositoryPayload(
  ctx: PayloadContext,
  repository: RepositoryRecord,
  permission: RepositoryPermission,
): RepositoryBody {
  return { ...repositoryCommon(ctx, repository), permissions: permissionsOf(permission) }
}

export function minimalRepositoryPayload(
  ctx: PayloadContext,
  repository: RepositoryRecord,
): MinimalRepositoryBody {
  return repositoryCommon(ctx, repository)
}

export function fullRepositoryPayload(
  ctx: PayloadContext,
  repository: RepositoryRecord,
): FullRepositoryBody {
  const owner = ctx.state.user(repository.owner)
  return {
    ...repositoryCommon(ctx, repository),
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
    ...(owner.type === 'Organization' ? { organization: simpleUserPayload(ctx, owner) } : {}),
    network_count: 0,
    subscribers_count: 0,
  }
}

export type RateLimitWindow = { limit: number; used: number; remaining: number; reset: number }

export function rateLimitPayload(core: RateLimitWindow): Schemas['rate-limit-overview'] {
  const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: core.reset })
  return {
    resources: {
      core,
      search: other(30),
      graphql: other(5000),
      integration_manifest: other(5000),
      source_import: other(100),
      code_scanning_autofix: other(10),
      actions_runner_registration: other(10000),
      scim: other(15000),
      dependency_snapshots: other(100),
      dependency_sbom: other(100),
      code_search: other(10),
    },
    rate: core,
  }
}
