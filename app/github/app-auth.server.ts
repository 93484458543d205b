import { createAppAuth } from '@octokit/auth-app'
import { RequestError } from '@octokit/request-error'
import type { EndpointOptions, RequestInterface, RequestParameters, Route } from '@octokit/types'

import { readAccessToken, readInstallationPage } from './shapes'

// Authenticating as a GitHub App, for the one Octokit client.server.ts builds. Every request
// goes out with the credential its path needs: the app's JWT (signed by @octokit/auth-app) for
// /app/..., otherwise the access token of the installation that covers the repository, found by
// owner (/repos/{owner}/...), by repository id (/repositories/{id}/..., GitHub's form of the
// next-page links) or named by the caller (INSTALLATION_HEADER). Tokens are minted
// per installation, cached, and minted again 5 minutes before they expire; a token GitHub
// refuses (401: expired or revoked early) is replaced and the same request sent once more, so a
// page walk resumes on the page it was at. Callers above never see any of it.

/**
 * Names the installation a request is for when its path does not say (/installation/...). A
 * header rather than a request option because paginate keeps only headers for the next pages;
 * the hook takes it off before the request is sent.
 */
export const INSTALLATION_HEADER = 'x-board-installation-id'

export type GitHubAppCredentials = { appId: string; privateKey: string }

/** An installation that can no longer be used: uninstalled, or suspended by its owner. */
export class InstallationUnavailableError extends Error {
  constructor(
    readonly installationId: number,
    readonly reason: 'suspended' | 'removed',
  ) {
    super(
      reason === 'suspended'
        ? `the GitHub App's installation ${installationId} is suspended`
        : `the GitHub App's installation ${installationId} was removed`,
    )
    this.name = 'InstallationUnavailableError'
  }
}

// Minted again this long before GitHub says a token expires, so no request carries a token
// that lapses on the way.
const REFRESH_MARGIN_MS = 5 * 60_000
// An owner GitHub does not list among the installations is looked up again at most this often.
const MISS_RETRY_MS = 60_000

export type InstallationUsage = {
  installationId: number
  account: string | null
  requests: number
  rateLimit: { remaining: number; limit: number; resetAt: Date } | null
}

type Token = { token: string; expiresAtMs: number }

type AuthHook = (
  request: RequestInterface,
  route: Route | EndpointOptions,
  parameters?: RequestParameters,
) => Promise<unknown>

export type InstallationAuth = {
  hook: AuthHook
  /** Usage per installation, for the sync status page. */
  usage: Map<number, InstallationUsage>
  /** Tells the router which installation covers a repository (from a listing). */
  rememberRepository(repositoryId: number, owner: string, installationId: number): void
  /** Tells the router an installation's account (from /app/installations). */
  rememberInstallation(installationId: number, account: string): void
  /** Drops a cached token (an installation that went away). */
  forgetInstallation(installationId: number): void
  /** Installations found suspended or removed while requests were made, since created. */
  unavailable: Map<number, 'suspended' | 'removed'>
  /** Tokens minted so far (tests and the summary read it). */
  mintedTokens(): number
}

type InstallationListing = { id: number; account: { login: string } | null }

function headerValue(headers: Record<string, unknown>, name: string) {
  const value = headers[name]
  return typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN
}

export function createInstallationAuth(options: {
  credentials: GitHubAppCredentials
  /** The client's own request (with its throttling and retries); app endpoints use the JWT. */
  request: RequestInterface
  now: () => number
}): InstallationAuth {
  const appAuth = createAppAuth({
    appId: options.credentials.appId,
    privateKey: options.credentials.privateKey,
  })
  const tokens = new Map<number, Token>()
  const minting = new Map<number, Promise<Token>>()
  const installationByOwner = new Map<string, number>()
  const installationByRepository = new Map<number, number>()
  const usage = new Map<number, InstallationUsage>()
  const lastMiss = new Map<string, number>()
  const unavailable = new Map<number, 'suspended' | 'removed'>()
  const lose = (installationId: number, reason: 'suspended' | 'removed') => {
    tokens.delete(installationId)
    unavailable.set(installationId, reason)
    return new InstallationUnavailableError(installationId, reason)
  }
  let minted = 0

  const usageOf = (installationId: number) => {
    let entry = usage.get(installationId)
    if (!entry) {
      const account = [...installationByOwner].find(([, id]) => id === installationId)?.[0] ?? null
      entry = { installationId, account, requests: 0, rateLimit: null }
      usage.set(installationId, entry)
    }
    return entry
  }

  const mint = async (installationId: number): Promise<Token> => {
    try {
      const data = readAccessToken(
        await options.request('POST /app/installations/{installation_id}/access_tokens', {
          installation_id: installationId,
        }),
      )
      minted++
      const token = { token: data.token, expiresAtMs: Date.parse(data.expires_at) }
      tokens.set(installationId, token)
      return token
    } catch (error) {
      if (error instanceof RequestError && error.status === 404) {
        throw lose(installationId, 'removed')
      }
      if (error instanceof RequestError && error.status === 403) {
        throw lose(installationId, 'suspended')
      }
      throw error
    }
  }

  /** The installation's token, minted when there is none or it is about to expire. */
  const tokenFor = async (installationId: number, refused?: string): Promise<Token> => {
    const cached = tokens.get(installationId)
    if (
      cached &&
      cached.token !== refused &&
      cached.expiresAtMs - options.now() > REFRESH_MARGIN_MS
    ) {
      return cached
    }
    // Requests in flight together share one mint.
    let pending = minting.get(installationId)
    if (!pending) {
      pending = mint(installationId).finally(() => minting.delete(installationId))
      minting.set(installationId, pending)
    }
    return pending
  }

  const learnInstallations = async () => {
    const installations: InstallationListing[] = []
    for (let page = 1; ; page++) {
      // Checked: {} in place of the list once asked for page after page, for ever.
      const data = readInstallationPage(
        await options.request('GET /app/installations', { per_page: 100, page }),
      )
      installations.push(...data)
      if (data.length < 100) break
    }
    for (const installation of installations) {
      if (installation.account) {
        installationByOwner.set(installation.account.login.toLowerCase(), installation.id)
      }
    }
  }

  const installationOf = async (
    endpoint: EndpointOptions & { headers: Record<string, string> },
    path: string,
  ): Promise<number | null> => {
    const explicit = endpoint.headers[INSTALLATION_HEADER]
    if (explicit !== undefined) {
      delete endpoint.headers[INSTALLATION_HEADER]
      return Number(explicit)
    }
    const byId = path.match(/^(?:\/api\/v3)?\/repositories\/(\d+)(?:\/|$)/)
    if (byId) {
      const found = installationByRepository.get(Number(byId[1]))
      if (found !== undefined) return found
      return null
    }
    const byOwner = path.match(/^(?:\/api\/v3)?\/(?:repos|orgs|users)\/([^/]+)/)
    if (!byOwner) return null
    const owner = decodeURIComponent(byOwner[1]!).toLowerCase()
    if (
      !installationByOwner.has(owner) &&
      options.now() - (lastMiss.get(owner) ?? -Infinity) > MISS_RETRY_MS
    ) {
      await learnInstallations()
      if (!installationByOwner.has(owner)) lastMiss.set(owner, options.now())
    }
    return installationByOwner.get(owner) ?? null
  }

  const record = (installationId: number, headers: Record<string, unknown>, link?: unknown) => {
    const entry = usageOf(installationId)
    entry.requests++
    const remaining = headerValue(headers, 'x-ratelimit-remaining')
    const limit = headerValue(headers, 'x-ratelimit-limit')
    const reset = headerValue(headers, 'x-ratelimit-reset')
    if (Number.isFinite(remaining) && Number.isFinite(reset)) {
      entry.rateLimit = { remaining, limit, resetAt: new Date(reset * 1000) }
    }
    // Next-page links use /repositories/{id}/...: they belong to the same installation.
    if (typeof link === 'string') {
      for (const match of link.matchAll(/\/repositories\/(\d+)\//g)) {
        installationByRepository.set(Number(match[1]), installationId)
      }
    }
  }

  const hook: AuthHook = async (request, route, parameters) => {
    const endpoint = request.endpoint.merge(route as string, parameters) as EndpointOptions & {
      url: string
      headers: Record<string, string>
    }
    // The merged options may still hold a URL template (/repos/{owner}/{repo}); parse expands it.
    const path = new URL(request.endpoint(endpoint).url, 'http://localhost').pathname
    if (/^(?:\/api\/v3)?\/app(?:\/|$)/.test(path)) {
      const { token } = await appAuth({ type: 'app' })
      endpoint.headers.authorization = `bearer ${token}`
      return request(endpoint)
    }
    const installationId = await installationOf(endpoint, path)
    if (installationId === null) {
      throw new RequestError(
        `the GitHub App is not installed where ${path} points (no installation covers it)`,
        404,
        { request: { method: endpoint.method, url: endpoint.url, headers: endpoint.headers } },
      )
    }
    const send = async (refused?: string) => {
      const { token } = await tokenFor(installationId, refused)
      endpoint.headers.authorization = `token ${token}`
      try {
        const response = (await request(endpoint)) as {
          headers: Record<string, unknown>
        }
        record(installationId, response.headers, response.headers.link)
        return { response, token }
      } catch (error) {
        const response = (
          error as { response?: { headers: Record<string, unknown>; data?: unknown } }
        ).response
        if (response) record(installationId, response.headers)
        const message = (response?.data as { message?: string } | undefined)?.message ?? ''
        if (error instanceof RequestError && error.status === 403 && /suspended/i.test(message)) {
          throw lose(installationId, 'suspended')
        }
        throw Object.assign(error as object, { sentToken: token })
      }
    }
    try {
      return (await send()).response
    } catch (error) {
      // An installation token GitHub refuses has expired or been revoked: mint another and send
      // the same request again, once. A second refusal is the caller's to see.
      if (error instanceof RequestError && error.status === 401) {
        const refused = (error as RequestError & { sentToken?: string }).sentToken
        return (await send(refused)).response
      }
      throw error
    }
  }

  return {
    hook,
    usage,
    rememberRepository(repositoryId, owner, installationId) {
      installationByRepository.set(repositoryId, installationId)
      installationByOwner.set(owner.toLowerCase(), installationId)
    },
    rememberInstallation(installationId, account) {
      installationByOwner.set(account.toLowerCase(), installationId)
      usageOf(installationId).account = account
    },
    forgetInstallation(installationId) {
      tokens.delete(installationId)
    },
    unavailable,
    mintedTokens: () => minted,
  }
}
