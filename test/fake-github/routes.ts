import {
  fullRepositoryPayload,
  issuePayload,
  labelPayload,
  labelUrl,
  minimalRepositoryPayload,
  defaultUserEmails,
  privateUserPayload,
  userEmailsPayload,
  userRepositoryPayload,
  type PayloadContext,
} from './payloads'
import {
  docs,
  error,
  json,
  messages,
  noContent,
  notFound,
  validationFailed,
  type FakeResponse,
  type ValidationIssue,
} from './responses'
import {
  fullNameOf,
  type IssueRecord,
  type LabelRecord,
  type RepositoryPermission,
  type RepositoryRecord,
  type UserRecord,
} from './state'

// GitHub's REST routes over the fake's state. Everything here is synchronous so that a request
// sees one consistent state; faults and "mutate before serving" hooks run before the router.

export type ClobberingCall = {
  kind: 'set-issue-labels' | 'remove-all-issue-labels' | 'update-issue-labels' | 'delete-label'
  method: string
  path: string
  repository: string
  issueNumber: number | null
  /** The label deleted from the catalogue (delete-label). */
  label: string | null
  /** The label names the call replaced the issue's labels with (set / update). */
  labels: string[] | null
  at: number
}

export type AutoCreatedLabel = {
  repository: string
  issueNumber: number
  name: string
  method: string
  path: string
  at: number
}

export type RouteRequest = {
  method: string
  url: URL
  body: unknown
  hasInvalidBody: boolean
}

export type RouteContext = PayloadContext & {
  recordClobbering(call: Omit<ClobberingCall, 'at'>): void
  recordAutoCreatedLabel(entry: Omit<AutoCreatedLabel, 'at'>): void
}

/** What a path points at, resolved before faults run so they can match canonical paths. */
export type Target =
  | { kind: 'repository'; repository: RepositoryRecord; rest: string[] }
  | { kind: 'moved'; repository: RepositoryRecord; rest: string[] }
  | { kind: 'missing-repository' }
  | { kind: 'other'; segments: string[] }

function rawSegments(url: URL) {
  return url.pathname.split('/').filter((segment) => segment !== '')
}

function decode(segment: string) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function resolveTarget(ctx: PayloadContext, url: URL): Target {
  const segments = rawSegments(url)
  const [first, second, third, ...more] = segments
  if (first === 'repos' && second !== undefined && third !== undefined) {
    const fullName = `${decode(second)}/${decode(third)}`
    const repository = ctx.state.findRepository(fullName)
    if (repository) return { kind: 'repository', repository, rest: more }
    const moved = ctx.state.findRedirect(fullName)
    if (moved) return { kind: 'moved', repository: moved, rest: more }
    return { kind: 'missing-repository' }
  }
  if (first === 'repositories' && second !== undefined) {
    const repository = /^\d+$/.test(second)
      ? ctx.state.findRepositoryById(Number(second))
      : undefined
    if (!repository) return { kind: 'missing-repository' }
    return { kind: 'repository', repository, rest: third === undefined ? [] : [third, ...more] }
  }
  return { kind: 'other', segments }
}

/** The /repos/{owner}/{repo}/... form of a path, whatever alias or old name it used. */
export function canonicalPath(target: Target, url: URL) {
  if (target.kind === 'repository' || target.kind === 'moved') {
    const rest = target.rest.map((segment) => `/${segment}`).join('')
    return `/repos/${fullNameOf(target.repository)}${rest}`
  }
  return url.pathname
}

export function route(ctx: RouteContext, request: RouteRequest, target: Target): FakeResponse {
  const method = request.method === 'HEAD' ? 'GET' : request.method
  if (target.kind === 'missing-repository') return notFound(docs.getRepository)
  if (target.kind === 'moved') return redirect(ctx, request, target)
  if (request.hasInvalidBody) return error(400, messages.problemsParsingJson)
  if (target.kind === 'repository') {
    return repositoryRoute(ctx, request, method, target.repository, target.rest)
  }
  const [first, second, third, fourth] = target.segments
  if (method === 'GET' && first === undefined) {
    // GitHub's root document: the addresses of its resources (a few of them here).
    return json(200, {
      current_user_url: `${ctx.apiUrl}/user`,
      issues_url: `${ctx.apiUrl}/issues`,
      organization_repositories_url: `${ctx.apiUrl}/orgs/{org}/repos{?type,page,per_page,sort}`,
      repository_url: `${ctx.apiUrl}/repos/{owner}/{repo}`,
      user_url: `${ctx.apiUrl}/users/{user}`,
    })
  }
  if (method === 'GET' && first === 'user' && second === undefined) {
    return json(200, privateUserPayload(ctx, ctx.state.viewer))
  }
  if (method === 'GET' && first === 'user' && second === 'emails' && third === undefined) {
    return json(200, userEmailsPayload(defaultUserEmails(ctx.state.viewer)))
  }
  if (method === 'GET' && first === 'user' && second === 'repos' && third === undefined) {
    const roles = ctx.state
      .repositories()
      .flatMap((repository) =>
        repository.viewerPermission
          ? [{ repository, permission: repository.viewerPermission }]
          : [],
      )
    return listAuthenticatedUserRepositories(ctx, request, ctx.state.viewer, roles)
  }
  if (method === 'GET' && third === 'repos' && fourth === undefined && second !== undefined) {
    if (first === 'orgs' || first === 'organizations') {
      const owner =
        first === 'orgs' ? ctx.state.findUser(decode(second)) : findUserById(ctx, second)
      if (!owner || owner.type !== 'Organization')
        return notFound(docs.listOrganizationRepositories)
      return listOwnerRepositories(ctx, request, owner, 'organization')
    }
    if (first === 'users' || first === 'user') {
      const owner =
        first === 'users' ? ctx.state.findUser(decode(second)) : findUserById(ctx, second)
      if (!owner) return notFound(docs.listUserRepositories)
      return listOwnerRepositories(ctx, request, owner, 'user')
    }
  }
  return notFound()
}

function findUserById(ctx: PayloadContext, id: string) {
  return /^\d+$/.test(id) ? ctx.state.findUserById(Number(id)) : undefined
}

// GitHub answers an old repository name with 301 for reads and 307 for writes, pointing at the
// /repositories/{id} form of the same path.
function redirect(
  ctx: RouteContext,
  request: RouteRequest,
  target: Extract<Target, { kind: 'moved' }>,
): FakeResponse {
  const rest = target.rest.map((segment) => `/${segment}`).join('')
  const location = `${ctx.apiUrl}/repositories/${target.repository.id}${rest}${request.url.search}`
  const isRead = request.method === 'GET' || request.method === 'HEAD'
  return json(
    isRead ? 301 : 307,
    {
      message: isRead ? 'Moved Permanently' : 'Temporary Redirect',
      url: location,
      documentation_url: docs.redirects,
    },
    { headers: { location } },
  )
}

function repositoryRoute(
  ctx: RouteContext,
  request: RouteRequest,
  method: string,
  repository: RepositoryRecord,
  rest: string[],
): FakeResponse {
  const [collection, id, sub, subId, ...more] = rest
  if (more.length > 0) return notFound()
  if (collection === undefined) {
    if (method !== 'GET') return notFound()
    return json(200, fullRepositoryPayload(ctx, repository), {
      lastModified: Math.max(repository.updatedAt, repository.pushedAt),
    })
  }
  const isWrite = method !== 'GET'
  if (collection === 'labels') {
    if (sub !== undefined) return notFound()
    if (isWrite && repository.isArchived) return error(403, messages.archived, docs.createLabel)
    if (id === undefined) {
      if (method === 'GET') return listLabels(ctx, request, repository)
      if (method === 'POST') return createLabel(ctx, request, repository)
      return notFound()
    }
    const label = ctx.state.findLabel(repository, decode(id))
    if (!label) return notFound(docs.getLabel)
    if (method === 'GET') return json(200, labelPayload(ctx, repository, label))
    if (method === 'PATCH') return updateLabel(ctx, request, repository, label)
    if (method === 'DELETE') {
      ctx.recordClobbering({
        kind: 'delete-label',
        method,
        path: request.url.pathname,
        repository: fullNameOf(repository),
        issueNumber: null,
        label: label.name,
        labels: null,
      })
      ctx.state.deleteLabel(repository, label)
      return noContent()
    }
    return notFound()
  }
  if (collection !== 'issues') return notFound()
  if (!repository.hasIssues) return error(410, messages.issuesDisabled, docs.listIssues)
  if (isWrite && repository.isArchived) return error(403, messages.archived, docs.updateIssue)
  if (id === undefined) {
    if (method === 'GET') return listIssues(ctx, request, repository)
    if (method === 'POST') return createIssue(ctx, request, repository)
    return notFound()
  }
  if (!/^\d+$/.test(id)) return notFound(docs.getIssue)
  const number = Number(id)
  const issue = ctx.state.findIssue(repository, number)
  if (!issue) {
    return repository.deletedIssueNumbers.has(number)
      ? error(410, messages.issueDeleted, docs.getIssue)
      : notFound(docs.getIssue)
  }
  if (sub === undefined) {
    if (method === 'GET') return singleIssue(ctx, repository, issue)
    if (method === 'PATCH') return updateIssue(ctx, request, repository, issue)
    return notFound()
  }
  if (sub !== 'labels') return notFound()
  const write = { ctx, request, repository, issue }
  if (subId !== undefined) {
    return method === 'DELETE' ? removeIssueLabel(write, decode(subId)) : notFound()
  }
  if (method === 'GET') {
    const labels = ctx.state.issueLabels(repository, issue)
    return paginated(ctx, request, labels, {
      resource: 'Label',
      linkPath: `/repositories/${repository.id}/issues/${issue.number}/labels`,
      render: (label) => labelPayload(ctx, repository, label),
    })
  }
  if (method === 'POST') return addIssueLabels(write)
  if (method === 'PUT') return setIssueLabels(write)
  if (method === 'DELETE') return removeAllIssueLabels(write)
  return notFound()
}

function singleIssue(ctx: RouteContext, repository: RepositoryRecord, issue: IssueRecord) {
  return json(200, issuePayload(ctx, repository, issue, { isSingle: true }), {
    lastModified: issue.updatedAt,
  })
}

// ---- list parameters and pagination ----

type ListSpec<T> = {
  resource: string
  /** Path of the canonical-by-id form GitHub puts in Link headers. */
  linkPath: string
  render: (item: T) => unknown
  lastModified?: (item: T) => number
}

function pageParams(request: RouteRequest, resource: string, issues: ValidationIssue[]) {
  const query = request.url.searchParams
  const integer = (field: string, fallback: number) => {
    const value = query.get(field)
    if (value === null || value === '') return fallback
    if (!/^-?\d+$/.test(value.trim())) {
      issues.push({ resource, field, code: 'invalid', value })
      return fallback
    }
    return Number(value)
  }
  const perPage = integer('per_page', 30)
  const page = integer('page', 1)
  // GitHub caps per_page at 100 and treats nonsense small values as the defaults.
  return { perPage: perPage < 1 ? 30 : Math.min(perPage, 100), page: Math.max(page, 1) }
}

function linkHeader(
  ctx: PayloadContext,
  request: RouteRequest,
  linkPath: string,
  page: number,
  last: number,
) {
  if (page === 1 && last <= 1) return undefined
  const at = (target: number) => {
    const query = new URLSearchParams(request.url.searchParams)
    query.set('page', String(target))
    return `<${ctx.apiUrl}${linkPath}?${query.toString()}>`
  }
  const links: string[] = []
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`)
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`)
  if (page > 1) links.push(`${at(1)}; rel="first"`)
  return links.join(', ')
}

function paginated<T>(
  ctx: PayloadContext,
  request: RouteRequest,
  items: T[],
  spec: ListSpec<T>,
  issues: ValidationIssue[] = [],
  documentationUrl?: string,
): FakeResponse {
  const { perPage, page } = pageParams(request, spec.resource, issues)
  if (issues.length > 0) return validationFailed(issues, documentationUrl)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const slice = items.slice((page - 1) * perPage, page * perPage)
  const link = linkHeader(ctx, request, spec.linkPath, page, last)
  const newest = spec.lastModified
    ? Math.max(...slice.map(spec.lastModified), Number.NEGATIVE_INFINITY)
    : Number.NEGATIVE_INFINITY
  return json(200, slice.map(spec.render), {
    headers: link ? { link } : {},
    ...(Number.isFinite(newest) ? { lastModified: newest } : {}),
  })
}

function enumParam<T extends string>(
  request: RouteRequest,
  field: string,
  allowed: readonly T[],
  fallback: T,
  resource: string,
  issues: ValidationIssue[],
): T {
  const value = request.url.searchParams.get(field)
  if (value === null || value === '') return fallback
  const match = allowed.find((candidate) => candidate === value)
  if (match === undefined) issues.push({ resource, field, code: 'invalid', value })
  return match ?? fallback
}

function compare(a: number, b: number, direction: 'asc' | 'desc') {
  return direction === 'asc' ? a - b : b - a
}

// ---- repositories ----

/**
 * A repository listing's order from its `sort` and `direction` parameters, as GitHub reads them:
 * by full name (ascending by default), or by a date (descending by default) with the id breaking
 * ties. A bad value is a validation issue.
 */
function repositoryOrder(
  request: RouteRequest,
  defaultSort: 'created' | 'full_name',
  resource: string,
  issues: ValidationIssue[],
) {
  const sort = enumParam(
    request,
    'sort',
    ['created', 'updated', 'pushed', 'full_name'] as const,
    defaultSort,
    resource,
    issues,
  )
  const direction = enumParam(
    request,
    'direction',
    ['asc', 'desc'] as const,
    sort === 'full_name' ? 'asc' : 'desc',
    resource,
    issues,
  )
  return (a: RepositoryRecord, b: RepositoryRecord) => {
    if (sort === 'full_name') {
      const order = fullNameOf(a).toLowerCase().localeCompare(fullNameOf(b).toLowerCase())
      return direction === 'asc' ? order : -order
    }
    const value = (repository: RepositoryRecord) =>
      sort === 'created'
        ? repository.createdAt
        : sort === 'updated'
          ? repository.updatedAt
          : repository.pushedAt
    return compare(value(a), value(b), direction) || compare(a.id, b.id, direction)
  }
}

function listOwnerRepositories(
  ctx: RouteContext,
  request: RouteRequest,
  owner: UserRecord,
  scope: 'organization' | 'user',
) {
  const issues: ValidationIssue[] = []
  const resource = 'Repository'
  const type =
    scope === 'organization'
      ? enumParam(
          request,
          'type',
          ['all', 'public', 'private', 'forks', 'sources', 'member'] as const,
          'all',
          resource,
          issues,
        )
      : enumParam(request, 'type', ['all', 'owner', 'member'] as const, 'owner', resource, issues)
  const order = repositoryOrder(
    request,
    scope === 'organization' ? 'created' : 'full_name',
    resource,
    issues,
  )
  const documentationUrl =
    scope === 'organization' ? docs.listOrganizationRepositories : docs.listUserRepositories
  const repositories = ctx.state
    .repositories()
    .filter((repository) => repository.owner.toLowerCase() === owner.login.toLowerCase())
    .filter((repository) => {
      if (type === 'public') return !repository.isPrivate
      if (type === 'private') return repository.isPrivate
      if (type === 'forks') return repository.isFork
      if (type === 'sources') return !repository.isFork
      return true
    })
    .sort(order)
  return paginated(
    ctx,
    request,
    repositories,
    {
      resource,
      linkPath:
        scope === 'organization' ? `/organizations/${owner.id}/repos` : `/user/${owner.id}/repos`,
      render: (repository) => minimalRepositoryPayload(ctx, repository),
      lastModified: (repository) => repository.updatedAt,
    },
    issues,
    documentationUrl,
  )
}

/**
 * GET /user/repos: the repositories `user` has a role on (their own, their organisations', those
 * they collaborate on), each with the user's permissions, filtered (by `type`, or by `visibility`
 * and `affiliation`: never both), sorted and paged as GitHub does (by full name, 30 a page, at
 * most 100). The fake's viewer here; each OAuth user's in the
 * OAuth fake (./oauth.ts).
 */
export function listAuthenticatedUserRepositories(
  ctx: PayloadContext,
  request: RouteRequest,
  user: UserRecord,
  roles: { repository: RepositoryRecord; permission: RepositoryPermission }[],
) {
  const query = request.url.searchParams
  // `type` is the older filter: with either of the newer ones GitHub refuses the request before
  // reading any value, with a body of its own (measured: no errors list, no documentation_url).
  if (query.has('type') && (query.has('visibility') || query.has('affiliation'))) {
    return json(422, {
      message: 'If you specify visibility or affiliation, you cannot specify type.',
      status: '422',
    })
  }
  const issues: ValidationIssue[] = []
  const resource = 'Repository'
  const type = enumParam(
    request,
    'type',
    ['all', 'owner', 'public', 'private', 'member'] as const,
    'all',
    resource,
    issues,
  )
  const visibility =
    type === 'public' || type === 'private'
      ? type
      : enumParam(
          request,
          'visibility',
          ['all', 'public', 'private'] as const,
          'all',
          resource,
          issues,
        )
  const affiliations = ['owner', 'collaborator', 'organization_member'] as const
  const affiliationOfType: Partial<Record<typeof type, string>> = {
    owner: 'owner',
    member: 'collaborator,organization_member',
  }
  const affiliation = (
    affiliationOfType[type] ||
    query.get('affiliation') ||
    affiliations.join(',')
  )
    .split(',')
    .map((value) => value.trim())
  for (const value of affiliation) {
    if (!affiliations.some((known) => known === value)) {
      issues.push({ resource, field: 'affiliation', code: 'invalid', value })
    }
  }
  const order = repositoryOrder(request, 'full_name', resource, issues)
  const affiliationOf = (repository: RepositoryRecord) => {
    if (repository.owner.toLowerCase() === user.login.toLowerCase()) return 'owner'
    const owner = ctx.state.findUser(repository.owner)
    return owner?.type === 'Organization' ? 'organization_member' : 'collaborator'
  }
  const listed = roles
    .filter(({ repository }) => affiliation.includes(affiliationOf(repository)))
    .filter(({ repository }) => {
      if (visibility === 'public') return !repository.isPrivate
      if (visibility === 'private') return repository.isPrivate
      return true
    })
    .sort((a, b) => order(a.repository, b.repository))
  return paginated(
    ctx,
    request,
    listed,
    {
      resource,
      linkPath: '/user/repos',
      render: ({ repository, permission }) => userRepositoryPayload(ctx, repository, permission),
    },
    issues,
    docs.listAuthenticatedUserRepositories,
  )
}

// ---- issues ----

function listIssues(ctx: RouteContext, request: RouteRequest, repository: RepositoryRecord) {
  const issues: ValidationIssue[] = []
  const query = request.url.searchParams
  const state = enumParam(
    request,
    'state',
    ['open', 'closed', 'all'] as const,
    'open',
    'Issue',
    issues,
  )
  const sort = enumParam(
    request,
    'sort',
    ['created', 'updated', 'comments'] as const,
    'created',
    'Issue',
    issues,
  )
  const direction = enumParam(
    request,
    'direction',
    ['asc', 'desc'] as const,
    'desc',
    'Issue',
    issues,
  )
  const sinceText = query.get('since')
  let since: number | null = null
  if (sinceText !== null && sinceText !== '') {
    const parsed = Date.parse(sinceText)
    if (Number.isNaN(parsed)) {
      issues.push({ resource: 'Issue', field: 'since', code: 'invalid', value: sinceText })
    } else {
      since = parsed
    }
  }
  const labelNames = (query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
  const creator = query.get('creator')?.toLowerCase()
  const assignee = query.get('assignee')?.toLowerCase()
  const matches = [...repository.issues.values()].filter((issue) => {
    if (state !== 'all' && issue.state !== state) return false
    if (since !== null && issue.updatedAt < since) return false
    if (creator && issue.user?.toLowerCase() !== creator) return false
    if (assignee === 'none' && issue.assignees.length > 0) return false
    if (assignee === '*' && issue.assignees.length === 0) return false
    if (
      assignee &&
      assignee !== 'none' &&
      assignee !== '*' &&
      !issue.assignees.some((login) => login.toLowerCase() === assignee)
    ) {
      return false
    }
    if (labelNames.length > 0) {
      const names = ctx.state
        .issueLabels(repository, issue)
        .map((label) => label.name.toLowerCase())
      if (!labelNames.every((name) => names.includes(name))) return false
    }
    return true
  })
  matches.sort((a, b) => {
    const primary =
      sort === 'created'
        ? compare(a.createdAt, b.createdAt, direction)
        : sort === 'updated'
          ? compare(a.updatedAt, b.updatedAt, direction)
          : compare(a.comments, b.comments, direction) ||
            compare(a.createdAt, b.createdAt, direction)
    return primary || compare(a.number, b.number, direction)
  })
  return paginated(
    ctx,
    request,
    matches,
    {
      resource: 'Issue',
      linkPath: `/repositories/${repository.id}/issues`,
      render: (issue) => issuePayload(ctx, repository, issue),
      lastModified: (issue) => issue.updatedAt,
    },
    issues,
    docs.listIssues,
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Opened as the token's user; labels and assignees as on an update (unknown labels created).
function createIssue(ctx: RouteContext, request: RouteRequest, repository: RepositoryRecord) {
  const body = isRecord(request.body) ? request.body : {}
  const title =
    typeof body.title === 'string' || typeof body.title === 'number' ? String(body.title) : ''
  if (title.trim() === '') {
    return validationFailed(
      [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      docs.createIssue,
    )
  }
  if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') {
    return validationFailed(
      [{ resource: 'Issue', field: 'body', code: 'invalid' }],
      docs.createIssue,
    )
  }
  const labels = 'labels' in body ? labelNames(body.labels) : []
  if (labels === null) {
    return validationFailed(
      [{ resource: 'Issue', field: 'labels', code: 'invalid' }],
      docs.createIssue,
    )
  }
  const issue = ctx.state.addIssue(repository, {
    title,
    body: typeof body.body === 'string' ? body.body : null,
    labels,
    assignees: Array.isArray(body.assignees)
      ? body.assignees.filter((login): login is string => typeof login === 'string')
      : [],
    user: ctx.state.viewer.login,
  })
  const payload = issuePayload(ctx, repository, issue, { isSingle: true })
  return json(201, payload, { headers: { location: payload.url } })
}

function updateIssue(
  ctx: RouteContext,
  request: RouteRequest,
  repository: RepositoryRecord,
  issue: IssueRecord,
) {
  const body = isRecord(request.body) ? request.body : {}
  const issues: ValidationIssue[] = []
  const state = body.state
  if (state !== undefined && state !== 'open' && state !== 'closed') {
    issues.push({ resource: 'Issue', field: 'state', code: 'invalid', value: String(state) })
  }
  const stateReason = body.state_reason
  const stateReasons = ['completed', 'not_planned', 'reopened', 'duplicate'] as const
  const reason = stateReasons.find((candidate) => candidate === stateReason)
  if (stateReason !== undefined && stateReason !== null && reason === undefined) {
    issues.push({
      resource: 'Issue',
      field: 'state_reason',
      code: 'invalid',
      value: String(stateReason),
    })
  }
  const labels = 'labels' in body ? labelNames(body.labels) : undefined
  if (labels === null) issues.push({ resource: 'Issue', field: 'labels', code: 'invalid' })
  if (issues.length > 0) return validationFailed(issues, docs.updateIssue)

  if (labels) {
    ctx.recordClobbering({
      kind: 'update-issue-labels',
      method: request.method,
      path: request.url.pathname,
      repository: fullNameOf(repository),
      issueNumber: issue.number,
      label: null,
      labels,
    })
  }
  const wasOpen = issue.state === 'open'
  const { created } = ctx.state.updateIssue(repository, issue, {
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.body === 'string' || body.body === null ? { body: body.body } : {}),
    ...(state === 'open' || state === 'closed' ? { state } : {}),
    ...(labels ? { labels } : {}),
    ...(Array.isArray(body.assignees)
      ? { assignees: body.assignees.filter((login) => typeof login === 'string') }
      : {}),
  })
  if (state === 'closed' && wasOpen) issue.closedBy = ctx.state.viewer.login
  if (reason !== undefined || stateReason === null) issue.stateReason = reason ?? null
  recordCreated(ctx, request, repository, issue, created)
  return singleIssue(ctx, repository, issue)
}

// ---- labels ----

function listLabels(ctx: RouteContext, request: RouteRequest, repository: RepositoryRecord) {
  return paginated(
    ctx,
    request,
    repository.labels,
    {
      resource: 'Label',
      linkPath: `/repositories/${repository.id}/labels`,
      render: (label) => labelPayload(ctx, repository, label),
    },
    [],
    docs.listLabels,
  )
}

const colorPattern = /^[0-9a-f]{6}$/i

function labelFields(body: Record<string, unknown>, issues: ValidationIssue[]) {
  const color = body.color
  if (color !== undefined && (typeof color !== 'string' || !colorPattern.test(color))) {
    issues.push({ resource: 'Label', field: 'color', code: 'invalid', value: String(color) })
  }
  const description = body.description
  if (
    description !== undefined &&
    description !== null &&
    (typeof description !== 'string' || description.length > 100)
  ) {
    issues.push({ resource: 'Label', field: 'description', code: 'invalid' })
  }
  return {
    color: typeof color === 'string' ? color : undefined,
    description:
      typeof description === 'string' ? description : description === null ? null : undefined,
  }
}

function createLabel(ctx: RouteContext, request: RouteRequest, repository: RepositoryRecord) {
  const body = isRecord(request.body) ? request.body : {}
  const name = typeof body.name === 'string' ? body.name.trim() : ''
  if (name === '') {
    return json(422, {
      message: 'Invalid request.\n\n"name" wasn\'t supplied.',
      documentation_url: docs.createLabel,
      status: '422',
    })
  }
  const issues: ValidationIssue[] = []
  const fields = labelFields(body, issues)
  if (ctx.state.findLabel(repository, name)) {
    issues.push({ resource: 'Label', code: 'already_exists', field: 'name' })
  }
  if (issues.length > 0) return validationFailed(issues, docs.createLabel)
  const label = ctx.state.addLabel(repository, {
    name,
    ...(fields.color !== undefined ? { color: fields.color } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
  })
  return json(201, labelPayload(ctx, repository, label), {
    headers: { location: labelUrl(ctx, repository, label.name) },
  })
}

function updateLabel(
  ctx: RouteContext,
  request: RouteRequest,
  repository: RepositoryRecord,
  label: LabelRecord,
) {
  const body = isRecord(request.body) ? request.body : {}
  const issues: ValidationIssue[] = []
  const fields = labelFields(body, issues)
  const newName = typeof body.new_name === 'string' ? body.new_name.trim() : undefined
  if (newName === '') issues.push({ resource: 'Label', field: 'name', code: 'missing_field' })
  if (newName) {
    const clash = ctx.state.findLabel(repository, newName)
    if (clash && clash !== label) {
      issues.push({ resource: 'Label', code: 'already_exists', field: 'name' })
    }
  }
  if (issues.length > 0) return validationFailed(issues, docs.updateLabel)
  ctx.state.updateLabel(repository, label, {
    ...(newName ? { name: newName } : {}),
    ...(fields.color !== undefined ? { color: fields.color } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
  })
  return json(200, labelPayload(ctx, repository, label))
}

// ---- labels on an issue ----

type IssueWrite = {
  ctx: RouteContext
  request: RouteRequest
  repository: RepositoryRecord
  issue: IssueRecord
}

// The label endpoints accept {labels: [...]}, a bare array, or a single string, with names or
// {name} objects (GitHub's documented and undocumented forms alike).
function labelNames(value: unknown): string[] | null {
  const list = isRecord(value) ? value.labels : value
  const items = typeof list === 'string' ? [list] : list
  if (!Array.isArray(items)) return null
  const names: string[] = []
  for (const item of items) {
    const name = typeof item === 'string' ? item : isRecord(item) ? item.name : undefined
    if (typeof name !== 'string' || name.trim() === '') return null
    names.push(name.trim())
  }
  return names
}

function issueLabelsResponse({ ctx, repository, issue }: IssueWrite) {
  return json(
    200,
    ctx.state.issueLabels(repository, issue).map((label) => labelPayload(ctx, repository, label)),
  )
}

function recordCreated(
  ctx: RouteContext,
  request: RouteRequest,
  repository: RepositoryRecord,
  issue: IssueRecord,
  created: LabelRecord[],
) {
  for (const label of created) {
    ctx.recordAutoCreatedLabel({
      repository: fullNameOf(repository),
      issueNumber: issue.number,
      name: label.name,
      method: request.method,
      path: request.url.pathname,
    })
  }
}

function invalidLabels(documentationUrl: string) {
  return validationFailed(
    [{ resource: 'Label', field: 'labels', code: 'invalid' }],
    documentationUrl,
  )
}

// Only a real change touches updated_at: re-adding a label GitHub already has is a no-op there.
function applyLabelIds(write: IssueWrite, ids: number[]) {
  const { ctx, repository, issue } = write
  const isSame =
    ids.length === issue.labelIds.length && ids.every((id, i) => issue.labelIds[i] === id)
  if (isSame) return
  ctx.state.updateIssue(repository, issue, {})
  issue.labelIds = ids
}

function resolveNames(write: IssueWrite, names: string[]) {
  const ids: number[] = []
  const created: LabelRecord[] = []
  for (const name of names) {
    const result = write.ctx.state.ensureLabel(write.repository, name)
    if (result.created) created.push(result.label)
    if (!ids.includes(result.label.id)) ids.push(result.label.id)
  }
  recordCreated(write.ctx, write.request, write.repository, write.issue, created)
  return ids
}

function addIssueLabels(write: IssueWrite) {
  const names = labelNames(write.request.body)
  if (names === null || names.length === 0) return invalidLabels(docs.addIssueLabels)
  const added = resolveNames(write, names).filter((id) => !write.issue.labelIds.includes(id))
  applyLabelIds(write, [...write.issue.labelIds, ...added])
  return issueLabelsResponse(write)
}

function setIssueLabels(write: IssueWrite) {
  const names = labelNames(write.request.body)
  if (names === null) return invalidLabels(docs.setIssueLabels)
  write.ctx.recordClobbering({
    kind: 'set-issue-labels',
    method: write.request.method,
    path: write.request.url.pathname,
    repository: fullNameOf(write.repository),
    issueNumber: write.issue.number,
    label: null,
    labels: names,
  })
  applyLabelIds(write, resolveNames(write, names))
  return issueLabelsResponse(write)
}

function removeAllIssueLabels(write: IssueWrite) {
  write.ctx.recordClobbering({
    kind: 'remove-all-issue-labels',
    method: write.request.method,
    path: write.request.url.pathname,
    repository: fullNameOf(write.repository),
    issueNumber: write.issue.number,
    label: null,
    labels: [],
  })
  applyLabelIds(write, [])
  return noContent()
}

function removeIssueLabel(write: IssueWrite, name: string) {
  const label = write.ctx.state.findLabel(write.repository, name)
  if (!label || !write.issue.labelIds.includes(label.id)) {
    return error(404, messages.labelNotOnIssue, docs.removeIssueLabel)
  }
  applyLabelIds(
    write,
    write.issue.labelIds.filter((id) => id !== label.id),
  )
  return issueLabelsResponse(write)
}
