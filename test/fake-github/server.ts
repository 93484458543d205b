import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import {
  appRoute,
  FakeAppState,
  installationRepositoriesWebhook,
  installationWebhook,
  type AppAuth,
  type InstallationWebhook,
} from './app'
import { FaultQueue, type Fault, type FaultHandle, type FaultKind, type FaultRule } from './faults'
import {
  fullRepositoryPayload,
  issuePayload,
  labelPayload,
  minimalRepositoryPayload,
  rateLimitPayload,
  type PayloadContext,
  type RateLimitWindow,
} from './payloads'
import { docs, error, json, messages, type FakeResponse } from './responses'
import {
  canonicalPath,
  resolveTarget,
  route,
  type AutoCreatedLabel,
  type ClobberingCall,
  type RouteContext,
} from './routes'
import {
  fullNameOf,
  GitHubState,
  isoSeconds,
  splitFullName,
  type IssueChanges,
  type IssueOptions,
  type IssueRecord,
  type LabelChanges,
  type LabelOptions,
  type LabelRecord,
  type OwnerType,
  type RepositoryChanges,
  type RepositoryOptions,
  type RepositoryRecord,
  type Timestamp,
} from './state'

// A real HTTP server that answers like api.github.com for the endpoints Pioneer Board uses, so
// the app's own Octokit (throttling, retry, paginate) can run against it unchanged:
//
//   const github = await createFakeGitHub({ tokens: ['t'] })
//   process.env.GITHUB_API_URL = github.url
//   github.addRepository('acme/app')
//   github.addIssue('acme/app', { title: 'Crash', labels: ['bug'] })
//   github.faults.add({ path: '/repos/acme/app/issues', page: 2, fault: { kind: 'server-error' } })
//   ... run the code under test, then read github.issues('acme/app'), github.requestLog ...
//   await github.close()
//
// Two clocks on purpose: the fake clock (github.clock) stamps created_at/updated_at so payloads
// are deterministic, while rate-limit windows follow the wall clock because clients compare
// x-ratelimit-reset with their own Date.now() to decide how long to wait.

export type {
  AutoCreatedLabel,
  ClobberingCall,
  Fault,
  FaultHandle,
  FaultKind,
  FaultRule,
  IssueChanges,
  IssueOptions,
  LabelChanges,
  LabelOptions,
  RateLimitWindow,
  RepositoryChanges,
  RepositoryOptions,
  Timestamp,
}

export type RateLimitSettings = {
  /** Requests per window (x-ratelimit-limit). Default 5000. */
  limit?: number
  /** Points left in the current window. Default: the limit. */
  remaining?: number
  /** When the current window ends (epoch ms or Date, wall-clock time). Default: now + windowMs. */
  resetAt?: Date | number
  /** Length of the windows that follow. Default one hour. */
  windowMs?: number
}

export type CreateFakeGitHubOptions = {
  /** Tokens the server accepts, sent as "token X" or "Bearer X". Default ['test-token']. */
  tokens?: string[]
  /**
   * Tokens accepted for reads only: a write to a repository answers 403 "Resource not accessible
   * by personal access token", as GitHub does for a token without write permission there.
   */
  readOnlyTokens?: string[]
  /** Login of the authenticated user (id 1). Default 'pioneer-bot'. */
  login?: string
  /** Start of the fake clock that stamps created_at / updated_at. Default 2024-01-01T00:00:00Z. */
  now?: Timestamp
  /** Base of html_url fields. Default https://github.com. */
  htmlUrl?: string
  rateLimit?: RateLimitSettings
}

export type RepositorySnapshot = {
  id: number
  owner: string
  ownerType: OwnerType
  name: string
  fullName: string
  description: string | null
  private: boolean
  fork: boolean
  archived: boolean
  hasIssues: boolean
  defaultBranch: string
  createdAt: string
  updatedAt: string
  pushedAt: string
}

export type LabelSnapshot = {
  id: number
  name: string
  color: string
  description: string | null
  default: boolean
}

export type IssueSnapshot = {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: IssueRecord['stateReason']
  isPullRequest: boolean
  draft: boolean
  mergedAt: string | null
  user: string | null
  assignees: string[]
  /** Label names in the order GitHub lists them on the issue. */
  labels: string[]
  comments: number
  plusOnes: number
  locked: boolean
  closedBy: string | null
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export type RequestLogEntry = {
  /** Arrival order, from 1. */
  seq: number
  method: string
  /** The path as requested. */
  path: string
  /** The /repos/{owner}/{repo}/... form for repository paths (aliases and old names resolved). */
  canonicalPath: string
  query: Record<string, string>
  page: number
  /** null when the connection was reset instead of answered. */
  status: number | null
  /** Sent If-None-Match or If-Modified-Since. */
  isConditional: boolean
  /** Answered 304 Not Modified. */
  isNotModified: boolean
  /** Used one point of the primary (core) rate limit. */
  hasConsumedRateLimit: boolean
  /** Refused with 403 because the primary rate limit was exhausted. */
  isRateLimited: boolean
  /** x-ratelimit-remaining after this request. */
  rateLimitRemaining: number
  fault: FaultKind | null
  /** The client went away (timeout, abort) before the answer could be written. */
  isAbandoned: boolean
  token: string | null
  /** The installation whose access token made the request; null for other credentials. */
  installationId: number | null
  /** Made with the app's JWT (the /app endpoints). */
  isApp: boolean
  body: unknown
  /** Wall-clock epoch ms. */
  startedAt: number
  durationMs: number
}

export type FakeInstallation = {
  id: number
  account: string
  repositories: string[]
  suspended: boolean
}

export type RequestCounters = {
  requests: number
  byStatus: Record<number, number>
  notModified: number
  consumedRateLimit: number
  rateLimited: number
  faults: number
  connectionResets: number
}

export type FakeGitHub = {
  /** Base URL, no trailing slash: use it as GITHUB_API_URL. */
  readonly url: string
  readonly login: string
  close(): Promise<void>
  /**
   * The viewer's token `token` works from now on (until then: 401 Bad credentials), as a token
   * GitHub has just minted may be refused for a moment.
   */
  acceptToken(token: string): void
  /** The token `token` stops working now (401 Bad credentials), as one revoked on GitHub. */
  refuseToken(token: string): void

  /** The fake clock stamping timestamps. It stands still unless set or advanced. */
  readonly clock: {
    now(): Date
    set(at: Timestamp): Date
    advance(ms: number): Date
  }

  addRepository(fullName: string, options?: RepositoryOptions): RepositorySnapshot
  /** Applies changes and bumps updated_at (unless given). */
  updateRepository(fullName: string, changes: RepositoryChanges): RepositorySnapshot
  /** The old name then answers 301 (reads) / 307 (writes) to /repositories/{id}/... */
  renameRepository(fullName: string, newFullName: string): RepositorySnapshot
  transferRepository(fullName: string, newOwner: string): RepositorySnapshot
  archiveRepository(fullName: string, archived?: boolean): RepositorySnapshot
  /** Issue endpoints then answer 410 "Issues are disabled for this repo". */
  disableIssues(fullName: string, disabled?: boolean): RepositorySnapshot
  /** Every path of the repository then answers 404. */
  deleteRepository(fullName: string): void
  repository(fullName: string): RepositorySnapshot | undefined
  repositories(): RepositorySnapshot[]

  addLabel(fullName: string, label: LabelOptions | string): LabelSnapshot
  updateLabel(fullName: string, name: string, changes: LabelChanges): LabelSnapshot
  /** Also takes the label off every issue (without touching their updated_at). */
  deleteLabel(fullName: string, name: string): void
  labels(fullName: string): LabelSnapshot[]

  addIssue(fullName: string, options?: IssueOptions): IssueSnapshot
  /** Adds count issues; options(i) for i = 0..count-1 tailors each. */
  addIssues(
    fullName: string,
    count: number,
    options?: (index: number) => IssueOptions,
  ): IssueSnapshot[]
  /** Applies changes and bumps updated_at to the clock (unless changes.updatedAt is given). */
  updateIssue(fullName: string, number: number, changes: IssueChanges): IssueSnapshot
  /** The number then answers 410 "This issue was deleted". */
  deleteIssue(fullName: string, number: number): void
  issue(fullName: string, number: number): IssueSnapshot | undefined
  /** Issues and pull requests, by number. */
  issues(fullName: string): IssueSnapshot[]

  /** The exact JSON the API would serve for the current state. */
  readonly payloads: {
    repository(fullName: string): ReturnType<typeof fullRepositoryPayload>
    minimalRepository(fullName: string): ReturnType<typeof minimalRepositoryPayload>
    issue(fullName: string, number: number): ReturnType<typeof issuePayload>
    issues(fullName: string): ReturnType<typeof issuePayload>[]
    label(fullName: string, name: string): ReturnType<typeof labelPayload>
    labels(fullName: string): ReturnType<typeof labelPayload>[]
  }

  /** The primary (core) rate limit. Windows follow wall-clock time, as clients read them. */
  readonly rateLimit: {
    get(): RateLimitWindow
    set(settings: RateLimitSettings): RateLimitWindow
    /** Starts a fresh, full window now. */
    reset(): RateLimitWindow
  }

  readonly faults: {
    add(rule: FaultRule): FaultHandle
    clear(): void
    pending(): FaultRule[]
  }

  /**
   * The GitHub App side: register an app with its public key, install it on accounts with some
   * of their repositories, then let the client mint installation tokens with its JWT. Each
   * installation has its own rate limit, as on GitHub.
   */
  readonly app: {
    register(options: { id?: number; slug?: string; publicKey: string }): {
      id: number
      slug: string
    }
    install(account: string, repositories: string[], options?: { id?: number }): FakeInstallation
    installation(id: number): FakeInstallation
    addRepositories(id: number, repositories: string[]): InstallationWebhook
    removeRepositories(id: number, repositories: string[]): InstallationWebhook
    suspend(id: number): InstallationWebhook
    unsuspend(id: number): InstallationWebhook
    uninstall(id: number): InstallationWebhook
    /** The webhook GitHub posts when the installation is created. */
    createdWebhook(id: number): InstallationWebhook
    /** Every token minted so far stops working now (GitHub answers 401 Bad credentials). */
    expireTokens(installationId?: number): void
    readonly mintedTokens: number
    rateLimit(id: number): RateLimitWindow
  }

  readonly requestLog: readonly RequestLogEntry[]
  readonly counters: RequestCounters
  readonly inFlight: number
  readonly maxConcurrent: number
  /** PUT/DELETE all issue labels, PATCH issue with labels, DELETE repository label. */
  readonly clobberingCalls: readonly ClobberingCall[]
  /** Labels GitHub created because an issue write named a label the catalogue lacked. */
  readonly autoCreatedLabels: readonly AutoCreatedLabel[]
  /** Empties the request log, clobbering calls, auto-created labels and maxConcurrent. */
  clearLog(): void
}

class RateLimit {
  limit: number
  remaining: number
  resetAtMs: number
  windowMs: number

  constructor(settings: RateLimitSettings = {}) {
    this.limit = settings.limit ?? 5000
    this.windowMs = settings.windowMs ?? 3_600_000
    this.remaining = settings.remaining ?? this.limit
    this.resetAtMs =
      settings.resetAt === undefined ? Date.now() + this.windowMs : Number(settings.resetAt)
  }

  refresh() {
    if (Date.now() >= this.resetAtMs) this.reset()
  }

  reset() {
    this.remaining = this.limit
    this.resetAtMs = Date.now() + this.windowMs
  }

  set(settings: RateLimitSettings) {
    if (settings.windowMs !== undefined) this.windowMs = settings.windowMs
    if (settings.limit !== undefined) {
      this.limit = settings.limit
      this.remaining = Math.min(this.remaining, this.limit)
    }
    if (settings.remaining !== undefined) this.remaining = settings.remaining
    if (settings.resetAt !== undefined) this.resetAtMs = Number(settings.resetAt)
  }

  window(): RateLimitWindow {
    return {
      limit: this.limit,
      used: this.limit - this.remaining,
      remaining: this.remaining,
      // Rounded up so that a client waiting until the header's second never arrives early.
      reset: Math.ceil(this.resetAtMs / 1000),
    }
  }

  headers(): Record<string, string> {
    const window = this.window()
    return {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-reset': String(window.reset),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-resource': 'core',
    }
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function tokenOf(authorization: string | undefined) {
  const match = authorization?.match(/^(?:token|bearer)\s+(\S+)\s*$/i)
  return match?.[1] ?? null
}

function pageOf(url: URL) {
  const page = Number(url.searchParams.get('page') ?? '1')
  return Number.isInteger(page) && page > 0 ? page : 1
}

function matchesEtag(ifNoneMatch: string, etag: string) {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

function faultResponse(fault: Fault): FakeResponse | undefined {
  switch (fault.kind) {
    case 'secondary-rate-limit':
      return {
        ...error(403, messages.secondaryRateLimit, docs.secondaryRateLimits),
        headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      }
    case 'too-many-requests':
      return {
        ...error(429, messages.secondaryRateLimit, docs.secondaryRateLimits),
        headers: { 'retry-after': String(fault.retryAfter ?? 1) },
      }
    case 'server-error': {
      const status = fault.status ?? 500
      const message =
        status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'Server Error'
      return json(status, { message })
    }
    case 'not-the-api':
      return { status: 200, headers: { 'content-type': fault.contentType }, rawBody: fault.body }
    default:
      return undefined
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export async function createFakeGitHub(options: CreateFakeGitHubOptions = {}): Promise<FakeGitHub> {
  const readOnlyTokens = new Set(options.readOnlyTokens ?? [])
  const tokens = new Set([...(options.tokens ?? ['test-token']), ...readOnlyTokens])
  const state = new GitHubState({
    now: options.now ?? '2024-01-01T00:00:00Z',
    viewerLogin: options.login ?? 'pioneer-bot',
  })
  const rateLimit = new RateLimit(options.rateLimit)
  const apps = new FakeAppState()
  const appRateLimit = new RateLimit()
  const installationRateLimits = new Map<number, RateLimit>()
  const installationRateLimit = (id: number) => {
    let limit = installationRateLimits.get(id)
    if (!limit) {
      limit = new RateLimit()
      installationRateLimits.set(id, limit)
    }
    return limit
  }
  const faults = new FaultQueue()
  let requestLog: RequestLogEntry[] = []
  let clobberingCalls: ClobberingCall[] = []
  let autoCreatedLabels: AutoCreatedLabel[] = []
  let inFlight = 0
  let maxConcurrent = 0
  let sequence = 0

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => {
      // A bug in the fake itself: answer 500 so the test fails loudly rather than hangs.
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        response.end(JSON.stringify({ message: `fake GitHub: ${String(cause)}` }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`

  const ctx: RouteContext = {
    apiUrl: url,
    htmlUrl: (options.htmlUrl ?? 'https://github.com').replace(/\/$/, ''),
    state,
    recordClobbering: (call) => clobberingCalls.push({ ...call, at: Date.now() }),
    recordAutoCreatedLabel: (entry) => autoCreatedLabels.push({ ...entry, at: Date.now() }),
  }
  const payloadContext: PayloadContext = ctx

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const startedAt = Date.now()
    const seq = ++sequence
    inFlight++
    maxConcurrent = Math.max(maxConcurrent, inFlight)
    response.on('close', () => inFlight--)

    const method = (request.method ?? 'GET').toUpperCase()
    const requestUrl = new URL(request.url ?? '/', url)
    const text = await readBody(request)
    let body: unknown = undefined
    let hasInvalidBody = false
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        hasInvalidBody = true
      }
    }
    const ifNoneMatch = request.headers['if-none-match']
    const ifModifiedSince = request.headers['if-modified-since']
    const token = tokenOf(request.headers.authorization)
    // Whose rate limit this request spends: the token's, an installation's or the app's.
    let limiter = rateLimit
    let auth: AppAuth = { kind: 'token' }
    const entry: RequestLogEntry = {
      seq,
      method,
      path: requestUrl.pathname,
      canonicalPath: requestUrl.pathname,
      query: Object.fromEntries(requestUrl.searchParams),
      page: pageOf(requestUrl),
      status: null,
      isConditional: ifNoneMatch !== undefined || ifModifiedSince !== undefined,
      isNotModified: false,
      hasConsumedRateLimit: false,
      isRateLimited: false,
      rateLimitRemaining: rateLimit.remaining,
      fault: null,
      isAbandoned: false,
      token,
      installationId: null,
      isApp: false,
      body: hasInvalidBody ? text : body,
      startedAt,
      durationMs: 0,
    }
    const finish = (answer: FakeResponse | null) => {
      entry.status = answer?.status ?? null
      entry.rateLimitRemaining = limiter.remaining
      entry.durationMs = Date.now() - startedAt
      requestLog.push(entry)
      if (answer === null) {
        request.socket.destroy()
        return
      }
      if (response.destroyed) {
        entry.isAbandoned = true
        return
      }
      const payload =
        method === 'HEAD'
          ? undefined
          : (answer.rawBody ??
            (answer.body === undefined ? undefined : JSON.stringify(answer.body)))
      response.writeHead(answer.status, {
        ...(answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': `FAKE:${seq}`,
        'x-oauth-scopes': 'repo',
        'x-accepted-oauth-scopes': 'repo',
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
        ...limiter.headers(),
        ...answer.headers,
        ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }),
      })
      response.end(payload)
    }

    if (token !== null && token.startsWith('ghs_')) {
      const installation = apps.checkToken(token)
      if (installation === null || installation === 'expired') {
        return finish(error(401, messages.badCredentials))
      }
      entry.installationId = installation.id
      limiter = installationRateLimit(installation.id)
      if (installation.suspendedAt !== null) {
        return finish(error(403, 'This installation has been suspended'))
      }
      auth = { kind: 'installation', installation }
    } else if (token !== null && token.split('.').length === 3 && !tokens.has(token)) {
      const verdict = apps.checkJwt(token)
      if (verdict !== true) return finish(error(401, verdict))
      entry.isApp = true
      limiter = appRateLimit
      auth = { kind: 'jwt' }
    } else if (token === null || !tokens.has(token)) {
      finish(error(401, messages.badCredentials))
      return
    }
    limiter.refresh()
    entry.canonicalPath = canonicalPath(resolveTarget(ctx, requestUrl), requestUrl)

    const fault = faults.take(method, [entry.path, entry.canonicalPath], entry.page)
    if (fault) {
      entry.fault = fault.kind
      if (fault.kind === 'connection-reset') return finish(null)
      if (fault.kind === 'delay') await sleep(fault.ms)
      if (fault.kind === 'mutate') await fault.run(github)
      const faulty = faultResponse(fault)
      if (faulty) return finish(faulty)
    }

    if (method === 'GET' && requestUrl.pathname.replace(/\/$/, '') === '/rate_limit') {
      // Free, like GitHub's: it never uses a point.
      return finish(json(200, rateLimitPayload(rateLimit.window())))
    }
    if (limiter.remaining <= 0) {
      entry.isRateLimited = true
      return finish(error(403, messages.primaryRateLimit, docs.rateLimits))
    }

    const target = resolveTarget(ctx, requestUrl)
    entry.canonicalPath = canonicalPath(target, requestUrl)
    const appAnswer = appRoute(ctx, apps, { method, url: requestUrl }, auth)
    const isOutsideInstallation =
      auth.kind === 'installation' &&
      (target.kind === 'repository' || target.kind === 'moved') &&
      !auth.installation.repositoryIds.has(target.repository.id)
    const isReadOnlyWrite =
      token !== null &&
      readOnlyTokens.has(token) &&
      method !== 'GET' &&
      method !== 'HEAD' &&
      target.kind === 'repository'
    const answer =
      appAnswer ??
      (auth.kind === 'jwt'
        ? error(401, 'A JSON web token could not be decoded')
        : isOutsideInstallation
          ? error(404, messages.notFound, docs.getRepository)
          : isReadOnlyWrite
            ? error(403, messages.notAccessible, docs.rest)
            : route(ctx, { method, url: requestUrl, body, hasInvalidBody }, target))
    if (fault?.kind === 'reshape' && answer.body !== undefined) {
      answer.body = fault.change(structuredClone(answer.body))
    }
    if (
      (method === 'GET' || method === 'HEAD') &&
      answer.status === 200 &&
      answer.body !== undefined
    ) {
      const etag = `W/"${createHash('sha256').update(JSON.stringify(answer.body)).digest('hex')}"`
      const lastModified =
        answer.lastModified === undefined ? undefined : new Date(answer.lastModified).toUTCString()
      const cacheHeaders = {
        etag,
        'cache-control': 'private, max-age=60, s-maxage=60',
        ...(lastModified === undefined ? {} : { 'last-modified': lastModified }),
      }
      answer.headers = { ...answer.headers, ...cacheHeaders }
      const since = ifModifiedSince === undefined ? Number.NaN : Date.parse(ifModifiedSince)
      // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110).
      const isNotModified =
        ifNoneMatch !== undefined
          ? matchesEtag(ifNoneMatch, etag)
          : answer.lastModified !== undefined &&
            !Number.isNaN(since) &&
            answer.lastModified <= since
      if (isNotModified) {
        entry.isNotModified = true
        return finish({ status: 304, headers: cacheHeaders })
      }
    }
    limiter.remaining--
    entry.hasConsumedRateLimit = true
    finish(answer)
  }

  const repository = (fullName: string) => state.requireRepository(fullName)

  const installationSnapshot = (id: number): FakeInstallation => {
    const record = apps.requireInstallation(id)
    return {
      id: record.id,
      account: record.account,
      repositories: [...record.repositoryIds]
        .map((repositoryId) => state.findRepositoryById(repositoryId))
        .filter((found) => found !== undefined)
        .map(fullNameOf)
        .sort(),
      suspended: record.suspendedAt !== null,
    }
  }
  const recordsOf = (names: string[]) => names.map((name) => state.requireRepository(name))

  const repositorySnapshot = (record: RepositoryRecord): RepositorySnapshot => ({
    id: record.id,
    owner: record.owner,
    ownerType: state.findUser(record.owner)?.type === 'User' ? 'User' : 'Organization',
    name: record.name,
    fullName: fullNameOf(record),
    description: record.description,
    private: record.isPrivate,
    fork: record.isFork,
    archived: record.isArchived,
    hasIssues: record.hasIssues,
    defaultBranch: record.defaultBranch,
    createdAt: isoSeconds(record.createdAt),
    updatedAt: isoSeconds(record.updatedAt),
    pushedAt: isoSeconds(record.pushedAt),
  })

  const labelSnapshot = (label: LabelRecord): LabelSnapshot => ({
    id: label.id,
    name: label.name,
    color: label.color,
    description: label.description,
    default: label.isDefault,
  })

  const issueSnapshot = (record: RepositoryRecord, issue: IssueRecord): IssueSnapshot => ({
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    stateReason: issue.stateReason,
    isPullRequest: issue.isPullRequest,
    draft: issue.isDraft,
    mergedAt: issue.mergedAt === null ? null : isoSeconds(issue.mergedAt),
    user: issue.user,
    assignees: [...issue.assignees],
    labels: state.issueLabels(record, issue).map((label) => label.name),
    comments: issue.comments,
    plusOnes: issue.plusOnes,
    locked: issue.isLocked,
    closedBy: issue.closedBy,
    createdAt: isoSeconds(issue.createdAt),
    updatedAt: isoSeconds(issue.updatedAt),
    closedAt: issue.closedAt === null ? null : isoSeconds(issue.closedAt),
  })

  const issuesOf = (record: RepositoryRecord) =>
    [...record.issues.values()].sort((a, b) => a.number - b.number)

  const github: FakeGitHub = {
    url,
    login: state.viewer.login,
    acceptToken: (token) => void tokens.add(token),
    refuseToken: (token) => void tokens.delete(token),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((cause) => (cause ? reject(cause) : resolve()))
        server.closeAllConnections()
      }),

    clock: {
      now: () => state.clock.now(),
      set: (at) => state.clock.set(at),
      advance: (ms) => state.clock.advance(ms),
    },

    addRepository: (fullName, repositoryOptions) =>
      repositorySnapshot(state.addRepository(fullName, repositoryOptions)),
    updateRepository: (fullName, changes) => {
      const record = repository(fullName)
      state.updateRepository(record, changes)
      return repositorySnapshot(record)
    },
    renameRepository: (fullName, newFullName) => {
      const record = repository(fullName)
      state.renameRepository(record, newFullName)
      return repositorySnapshot(record)
    },
    transferRepository: (fullName, newOwner) => {
      const record = repository(fullName)
      state.renameRepository(record, `${newOwner}/${splitFullName(fullName)[1]}`)
      return repositorySnapshot(record)
    },
    archiveRepository: (fullName, archived = true) =>
      github.updateRepository(fullName, { archived }),
    disableIssues: (fullName, disabled = true) =>
      github.updateRepository(fullName, { hasIssues: !disabled }),
    deleteRepository: (fullName) => state.deleteRepository(repository(fullName)),
    repository: (fullName) => {
      const record = state.findRepository(fullName)
      return record && repositorySnapshot(record)
    },
    repositories: () => state.repositories().map(repositorySnapshot),

    addLabel: (fullName, label) =>
      labelSnapshot(
        state.addLabel(repository(fullName), typeof label === 'string' ? { name: label } : label),
      ),
    updateLabel: (fullName, name, changes) => {
      const record = repository(fullName)
      const label = state.requireLabel(record, name)
      state.updateLabel(record, label, changes)
      return labelSnapshot(label)
    },
    deleteLabel: (fullName, name) => {
      const record = repository(fullName)
      state.deleteLabel(record, state.requireLabel(record, name))
    },
    labels: (fullName) => repository(fullName).labels.map(labelSnapshot),

    addIssue: (fullName, issueOptions) => {
      const record = repository(fullName)
      return issueSnapshot(record, state.addIssue(record, issueOptions))
    },
    addIssues: (fullName, count, issueOptions) =>
      Array.from({ length: count }, (_, index) =>
        github.addIssue(fullName, issueOptions?.(index) ?? {}),
      ),
    updateIssue: (fullName, number, changes) => {
      const record = repository(fullName)
      const issue = state.requireIssue(record, number)
      state.updateIssue(record, issue, changes)
      return issueSnapshot(record, issue)
    },
    deleteIssue: (fullName, number) => {
      const record = repository(fullName)
      state.deleteIssue(record, state.requireIssue(record, number))
    },
    issue: (fullName, number) => {
      const record = repository(fullName)
      const issue = state.findIssue(record, number)
      return issue && issueSnapshot(record, issue)
    },
    issues: (fullName) => {
      const record = repository(fullName)
      return issuesOf(record).map((issue) => issueSnapshot(record, issue))
    },

    payloads: {
      repository: (fullName) => fullRepositoryPayload(payloadContext, repository(fullName)),
      minimalRepository: (fullName) =>
        minimalRepositoryPayload(payloadContext, repository(fullName)),
      issue: (fullName, number) => {
        const record = repository(fullName)
        return issuePayload(payloadContext, record, state.requireIssue(record, number), {
          isSingle: true,
        })
      },
      issues: (fullName) => {
        const record = repository(fullName)
        return issuesOf(record).map((issue) => issuePayload(payloadContext, record, issue))
      },
      label: (fullName, name) => {
        const record = repository(fullName)
        return labelPayload(payloadContext, record, state.requireLabel(record, name))
      },
      labels: (fullName) => {
        const record = repository(fullName)
        return record.labels.map((label) => labelPayload(payloadContext, record, label))
      },
    },

    rateLimit: {
      get: () => {
        rateLimit.refresh()
        return rateLimit.window()
      },
      set: (settings) => {
        rateLimit.set(settings)
        return rateLimit.window()
      },
      reset: () => {
        rateLimit.reset()
        return rateLimit.window()
      },
    },

    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      pending: () => faults.pending(),
    },

    app: {
      register: (appOptions) => apps.register(appOptions),
      install: (account, names, installOptions) =>
        installationSnapshot(apps.install(account, recordsOf(names), installOptions?.id).id),
      installation: installationSnapshot,
      addRepositories: (id, names) => {
        const installation = apps.requireInstallation(id)
        const records = recordsOf(names)
        for (const record of records) installation.repositoryIds.add(record.id)
        return installationRepositoriesWebhook(ctx, apps, installation, 'added', records)
      },
      removeRepositories: (id, names) => {
        const installation = apps.requireInstallation(id)
        const records = recordsOf(names)
        for (const record of records) installation.repositoryIds.delete(record.id)
        return installationRepositoriesWebhook(ctx, apps, installation, 'removed', records)
      },
      suspend: (id) => {
        const installation = apps.requireInstallation(id)
        installation.suspendedAt = state.clock.nowMs()
        return installationWebhook(ctx, apps, installation, 'suspend')
      },
      unsuspend: (id) => {
        const installation = apps.requireInstallation(id)
        installation.suspendedAt = null
        return installationWebhook(ctx, apps, installation, 'unsuspend')
      },
      uninstall: (id) => {
        const installation = apps.requireInstallation(id)
        const webhook = installationWebhook(ctx, apps, installation, 'deleted')
        apps.installations.delete(id)
        return webhook
      },
      createdWebhook: (id) =>
        installationWebhook(ctx, apps, apps.requireInstallation(id), 'created'),
      expireTokens: (installationId) => apps.expireTokens(installationId),
      get mintedTokens() {
        return apps.mintedTokens
      },
      rateLimit: (id) => {
        const limit = installationRateLimit(id)
        limit.refresh()
        return limit.window()
      },
    },

    get requestLog() {
      return requestLog
    },
    get counters() {
      const byStatus: Record<number, number> = {}
      for (const entry of requestLog) {
        if (entry.status !== null) byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1
      }
      const count = (predicate: (entry: RequestLogEntry) => boolean) =>
        requestLog.filter(predicate).length
      return {
        requests: requestLog.length,
        byStatus,
        notModified: count((entry) => entry.isNotModified),
        consumedRateLimit: count((entry) => entry.hasConsumedRateLimit),
        rateLimited: count((entry) => entry.isRateLimited),
        faults: count((entry) => entry.fault !== null),
        connectionResets: count((entry) => entry.fault === 'connection-reset'),
      }
    },
    get inFlight() {
      return inFlight
    },
    get maxConcurrent() {
      return maxConcurrent
    },
    get clobberingCalls() {
      return clobberingCalls
    },
    get autoCreatedLabels() {
      return autoCreatedLabels
    },
    clearLog: () => {
      requestLog = []
      clobberingCalls = []
      autoCreatedLabels = []
      maxConcurrent = inFlight
    },
  }
  return github
}
