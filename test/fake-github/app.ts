import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto'

import type { components } from '@octokit/openapi-types'

import { fullRepositoryPayload, simpleUserPayload, type PayloadContext } from './payloads'
import { error, json, type FakeResponse } from './responses'
import { fullNameOf, isoSeconds, type RepositoryRecord } from './state'

// The GitHub App side of the fake: one registered app, its installations (an account and the
// repositories it was given), JWT-authenticated app endpoints and installation access tokens.
// As on GitHub: the app proves itself with an RS256 JWT signed by its private key (iss = app id,
// at most 10 minutes long), mints an hour-long `ghs_` token per installation, and that token
// reaches only the installation's repositories. Token lifetimes follow the wall clock, as the
// client compares expires_at with its own clock; tests end them early with expireTokens().

type Schemas = components['schemas']

export type InstallationRecord = {
  id: number
  account: string
  /** Repository ids the installation covers. */
  repositoryIds: Set<number>
  suspendedAt: number | null
}

type TokenRecord = { installationId: number; expiresAtMs: number; isRevoked: boolean }

export type AppAuth =
  { kind: 'jwt' } | { kind: 'installation'; installation: InstallationRecord } | { kind: 'token' }

const TOKEN_LIFETIME_MS = 3_600_000
const JWT_LEEWAY_S = 60

export const appDocs = {
  app: 'https://docs.github.com/rest/apps/apps#get-the-authenticated-app',
  installations:
    'https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app',
  accessTokens:
    'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  installationRepositories:
    'https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation',
} as const

function base64UrlJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

export class FakeAppState {
  app: { id: number; slug: string; name: string; owner: string; publicKey: KeyObject } | null = null
  readonly installations = new Map<number, InstallationRecord>()
  readonly #tokens = new Map<string, TokenRecord>()
  #nextInstallationId = 5000
  /** Tokens minted so far, for tests counting them. */
  mintedTokens = 0

  register(options: { id?: number; slug?: string; owner?: string; publicKey: string | KeyObject }) {
    const publicKey =
      typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey
    const slug = options.slug ?? 'pioneer-board'
    this.app = {
      id: options.id ?? 424242,
      slug,
      name: slug.replace(/-/g, ' '),
      owner: options.owner ?? 'pioneer-board',
      publicKey,
    }
    return { id: this.app.id, slug }
  }

  install(account: string, repositories: RepositoryRecord[], id?: number) {
    const record: InstallationRecord = {
      id: id ?? this.#nextInstallationId++,
      account,
      repositoryIds: new Set(repositories.map((repository) => repository.id)),
      suspendedAt: null,
    }
    this.installations.set(record.id, record)
    return record
  }

  requireInstallation(id: number) {
    const installation = this.installations.get(id)
    if (!installation) throw new Error(`fake GitHub: no installation ${id}`)
    return installation
  }

  expireTokens(installationId?: number) {
    for (const token of this.#tokens.values()) {
      if (installationId === undefined || token.installationId === installationId) {
        token.isRevoked = true
      }
    }
  }

  /** A valid RS256 JWT of the registered app, or why it is not one (GitHub's 401 messages). */
  checkJwt(jwt: string): true | string {
    if (!this.app) return 'A JSON web token could not be decoded'
    const [headerPart, payloadPart, signaturePart, ...extra] = jwt.split('.')
    if (!headerPart || !payloadPart || !signaturePart || extra.length > 0) {
      return 'A JSON web token could not be decoded'
    }
    const header = base64UrlJson(headerPart) as { alg?: string } | undefined
    const claims = base64UrlJson(payloadPart) as
      { iss?: string | number; iat?: number; exp?: number } | undefined
    if (!header || !claims || header.alg !== 'RS256') {
      return 'A JSON web token could not be decoded'
    }
    const isSigned = verify(
      'RSA-SHA256',
      Buffer.from(`${headerPart}.${payloadPart}`),
      this.app.publicKey,
      Buffer.from(signaturePart, 'base64url'),
    )
    if (!isSigned) return 'A JSON web token could not be decoded'
    if (String(claims.iss) !== String(this.app.id)) {
      return `Integration not found`
    }
    const now = Math.floor(Date.now() / 1000)
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') {
      return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued."
    }
    if (claims.iat > now + JWT_LEEWAY_S) {
      return "'Issued at' claim ('iat') must be an Integer representing a time in the past."
    }
    if (claims.exp <= now) {
      return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires."
    }
    if (claims.exp - claims.iat > 600 + JWT_LEEWAY_S) {
      return "'Expiration time' claim ('exp') is too far in the future"
    }
    return true
  }

  /** Which installation a `ghs_` token belongs to; null when the token is not one of them. */
  checkToken(token: string): InstallationRecord | 'expired' | null {
    const record = this.#tokens.get(token)
    if (!record) return null
    const installation = this.installations.get(record.installationId)
    if (!installation || record.isRevoked || Date.now() >= record.expiresAtMs) return 'expired'
    return installation
  }

  mint(installation: InstallationRecord) {
    const token = `ghs_${randomBytes(18).toString('base64url')}`
    const expiresAtMs = Date.now() + TOKEN_LIFETIME_MS
    this.#tokens.set(token, { installationId: installation.id, expiresAtMs, isRevoked: false })
    this.mintedTokens++
    return { token, expiresAt: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z') }
  }
}

const PERMISSIONS = { issues: 'write', metadata: 'read', members: 'read' } as const
const EVENTS = ['issues', 'label', 'repository']

function installationPayload(
  ctx: PayloadContext,
  app: NonNullable<FakeAppState['app']>,
  installation: InstallationRecord,
): Schemas['installation'] {
  const account = ctx.state.user(installation.account)
  const at = isoSeconds(ctx.state.clock.nowMs())
  return {
    id: installation.id,
    account: simpleUserPayload(ctx, account),
    repository_selection: 'selected',
    access_tokens_url: `${ctx.apiUrl}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${ctx.apiUrl}/installation/repositories`,
    html_url: `${ctx.htmlUrl}/organizations/${account.login}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: account.type,
    permissions: { ...PERMISSIONS },
    events: EVENTS,
    created_at: at,
    updated_at: at,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: installation.suspendedAt === null ? null : isoSeconds(installation.suspendedAt),
  }
}

function page<T>(url: URL, apiUrl: string, items: T[]) {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30))
  const current = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const at = (target: number) => {
    const query = new URLSearchParams(url.searchParams)
    query.set('page', String(target))
    return `<${apiUrl}${url.pathname}?${query.toString()}>`
  }
  const links: string[] = []
  if (current < last) links.push(`${at(current + 1)}; rel="next"`, `${at(last)}; rel="last"`)
  if (current > 1) links.push(`${at(current - 1)}; rel="prev"`, `${at(1)}; rel="first"`)
  return {
    slice: items.slice((current - 1) * perPage, current * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : ({} as Record<string, string>),
  }
}

/**
 * The app's own endpoints (JWT) and /installation/repositories (installation token); null for
 * every other path, which the repository router answers.
 */
export function appRoute(
  ctx: PayloadContext,
  apps: FakeAppState,
  request: { method: string; url: URL },
  auth: AppAuth,
): FakeResponse | null {
  const segments = request.url.pathname.split('/').filter(Boolean)
  const [first, second, third, fourth, ...more] = segments
  if (first === 'app' && segments.length <= 4) {
    if (auth.kind !== 'jwt' || !apps.app) {
      return error(401, 'A JSON web token could not be decoded', appDocs.app)
    }
    const app = apps.app
    if (request.method === 'GET' && second === undefined) {
      const owner = ctx.state.user(app.owner, 'Organization')
      const at = isoSeconds(ctx.state.clock.nowMs())
      return json(200, {
        id: app.id,
        slug: app.slug,
        node_id: Buffer.from(`012:Integration${app.id}`).toString('base64'),
        client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
        owner: simpleUserPayload(ctx, owner),
        name: app.name,
        description: 'Mirrors issues for Pioneer Board',
        external_url: 'https://board.example.org',
        html_url: `${ctx.htmlUrl}/apps/${app.slug}`,
        created_at: at,
        updated_at: at,
        permissions: { ...PERMISSIONS },
        events: EVENTS,
        installations_count: apps.installations.size,
      } satisfies Omit<NonNullable<Schemas['integration']>, 'id'> & { id: number })
    }
    if (request.method === 'GET' && second === 'installations' && third === undefined) {
      const all = [...apps.installations.values()].sort((a, b) => a.id - b.id)
      const { slice, headers } = page(request.url, ctx.apiUrl, all)
      return json(
        200,
        slice.map((installation) => installationPayload(ctx, app, installation)),
        { headers },
      )
    }
    if (second === 'installations' && third !== undefined && /^\d+$/.test(third)) {
      const installation = apps.installations.get(Number(third))
      if (!installation) return error(404, 'Not Found', appDocs.accessTokens)
      if (request.method === 'GET' && fourth === undefined) {
        return json(200, installationPayload(ctx, app, installation))
      }
      if (request.method === 'POST' && fourth === 'access_tokens' && more.length === 0) {
        if (installation.suspendedAt !== null) {
          return error(403, 'This installation has been suspended', appDocs.accessTokens)
        }
        const { token, expiresAt } = apps.mint(installation)
        return json(201, {
          token,
          expires_at: expiresAt,
          permissions: { ...PERMISSIONS },
          repository_selection: 'selected',
        } satisfies Schemas['installation-token'])
      }
    }
    return error(404, 'Not Found', appDocs.app)
  }
  if (first === 'installation' && second === 'repositories' && third === undefined) {
    if (auth.kind !== 'installation') {
      return error(403, 'You must authenticate with an installation access token', appDocs.app)
    }
    if (request.method !== 'GET') return error(404, 'Not Found')
    const repositories = [...auth.installation.repositoryIds]
      .map((id) => ctx.state.findRepositoryById(id))
      .filter((repository): repository is RepositoryRecord => repository !== undefined)
      .sort((a, b) => fullNameOf(a).localeCompare(fullNameOf(b)))
    const { slice, headers } = page(request.url, ctx.apiUrl, repositories)
    return json(
      200,
      {
        total_count: repositories.length,
        repository_selection: 'selected',
        repositories: slice.map((repository) => fullRepositoryPayload(ctx, repository)),
      },
      { headers },
    )
  }
  return null
}

export type InstallationWebhook = {
  event: 'installation' | 'installation_repositories'
  payload: Record<string, unknown>
}

function repositoryRef(repository: RepositoryRecord) {
  return {
    id: repository.id,
    node_id: Buffer.from(`010:Repository${repository.id}`).toString('base64'),
    name: repository.name,
    full_name: fullNameOf(repository),
    private: repository.isPrivate,
  }
}

/** The body GitHub posts to the app's webhook for an installation event. */
export function installationWebhook(
  ctx: PayloadContext,
  apps: FakeAppState,
  installation: InstallationRecord,
  action: 'created' | 'deleted' | 'suspend' | 'unsuspend',
): InstallationWebhook {
  const app = apps.app
  if (!app) throw new Error('fake GitHub: no app registered')
  const repositories = [...installation.repositoryIds]
    .map((id) => ctx.state.findRepositoryById(id))
    .filter((repository): repository is RepositoryRecord => repository !== undefined)
  return {
    event: 'installation',
    payload: {
      action,
      installation: installationPayload(ctx, app, installation),
      // As GitHub sends them: suspend and unsuspend name no repositories.
      ...(action === 'created' || action === 'deleted'
        ? { repositories: repositories.map(repositoryRef) }
        : {}),
      sender: simpleUserPayload(ctx, ctx.state.user(installation.account)),
    },
  }
}

/** The body GitHub posts when repositories are added to or removed from an installation. */
export function installationRepositoriesWebhook(
  ctx: PayloadContext,
  apps: FakeAppState,
  installation: InstallationRecord,
  action: 'added' | 'removed',
  changed: RepositoryRecord[],
): InstallationWebhook {
  const app = apps.app
  if (!app) throw new Error('fake GitHub: no app registered')
  return {
    event: 'installation_repositories',
    payload: {
      action,
      installation: installationPayload(ctx, app, installation),
      repository_selection: 'selected',
      repositories_added: action === 'added' ? changed.map(repositoryRef) : [],
      repositories_removed: action === 'removed' ? changed.map(repositoryRef) : [],
      requester: null,
      sender: simpleUserPayload(ctx, ctx.state.user(installation.account)),
    },
  }
}
