import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { defaultUserEmails, userEmailsPayload, type PayloadContext } from './payloads'
import { listAuthenticatedUserRepositories } from './routes'
import { GitHubState, type RepositoryPermission, type RepositoryRecord } from './state'

// GitHub's OAuth web flow as a real HTTP server, for sign-in tests: github.com's
// /login/oauth/authorize and /login/oauth/access_token, plus the API calls the board makes with a
// user's token (GET /user, GET /user/repos, GET /user/emails). Like GitHub, a refused code exchange
// answers 200 with an `error` field, codes work once, PKCE (S256) is checked when a challenge was
// sent, and a token only reads the addresses when the `user:email` (or `user`) scope was granted:
// without it GitHub answers /user/emails with a 404.

export type FakeOAuthUser = {
  id: number
  login: string
  name: string | null
  /**
   * The user's repositories, with their role on each (`push` may push, as `maintain` and `admin`
   * may; `triage` and `pull` may not), listed by GET /user/repos as GitHub lists them: paged,
   * each with its `permissions` object.
   */
  repositories?: { fullName: string; permission: RepositoryPermission }[]
  /** Their addresses (default: a primary verified `login@example.com` and the no-reply one). */
  emails?: { email: string; primary: boolean; verified: boolean }[]
}

type PendingCode = {
  user: FakeOAuthUser
  redirectUri: string
  challenge: string | null
  scopes: string[]
  used: boolean
}

export type FakeGitHubOAuth = {
  url: string
  /** Who "is signed in on GitHub": the next authorization approves as this user. */
  signInAs: (login: string) => void
  /** The next authorization is declined by the user (error=access_denied). */
  denyNext: () => void
  /** GitHub is down: every endpoint answers 503. */
  setDown: (isDown: boolean) => void
  /** Code exchanges, with whether each was granted. */
  exchanges: { code: string; granted: boolean; reason?: string }[]
  /** The scopes each authorization asked for, in order. */
  scopeRequests: string[][]
  /** Each API call made with a user's token (path and query), in order. */
  apiRequests: string[]
  close: () => Promise<void>
}

export async function createFakeGitHubOAuth(options: {
  clientId: string
  clientSecret: string
  users: FakeOAuthUser[]
  /**
   * The token a granted exchange mints for a user (a random gho_ one by default): name it when
   * another fake (the API fake of the label journeys) must accept it.
   */
  tokenFor?: (user: FakeOAuthUser) => string
}): Promise<FakeGitHubOAuth> {
  let current = options.users[0]
  let denyNext = false
  let isDown = false
  const codes = new Map<string, PendingCode>()
  const tokens = new Map<string, { user: FakeOAuthUser; scopes: string[] }>()
  const exchanges: FakeGitHubOAuth['exchanges'] = []
  const scopeRequests: string[][] = []
  const apiRequests: string[] = []
  // The server's own address, known once it listens: the base of the Link headers it sends.
  let baseUrl = ''

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  // Every user's repositories in one state, as on GitHub: one repository, whoever lists it.
  const state = new GitHubState({ now: Date.now(), viewerLogin: options.users[0]?.login ?? '' })
  const logins = new Set(options.users.map((user) => user.login.toLowerCase()))
  for (const user of options.users) state.user(user.login, 'User')
  const rolesOf = new Map<
    FakeOAuthUser,
    { repository: RepositoryRecord; permission: RepositoryPermission }[]
  >()
  for (const user of options.users) {
    const roles = (user.repositories ?? []).map(({ fullName, permission }) => {
      const owner = fullName.split('/')[0]!.toLowerCase()
      const repository =
        state.findRepository(fullName) ??
        state.addRepository(fullName, { ownerType: logins.has(owner) ? 'User' : 'Organization' })
      return { repository, permission }
    })
    rolesOf.set(user, roles)
  }
  const readBody = async (req: IncomingMessage) => {
    let text = ''
    for await (const chunk of req) text += chunk
    return new URLSearchParams(text)
  }

  const authorize = (url: URL, res: ServerResponse) => {
    const redirectUri = url.searchParams.get('redirect_uri')
    const state = url.searchParams.get('state')
    if (url.searchParams.get('client_id') !== options.clientId || !redirectUri) {
      res.writeHead(404, { 'Content-Type': 'text/plain' })
      return res.end('Not Found')
    }
    const back = new URL(redirectUri)
    if (state) back.searchParams.set('state', state)
    // GitHub takes scopes separated by spaces (or commas).
    const scopes = (url.searchParams.get('scope') ?? '').split(/[\s,]+/).filter(Boolean)
    scopeRequests.push(scopes)
    if (denyNext || !current) {
      denyNext = false
      back.searchParams.set('error', 'access_denied')
      back.searchParams.set('error_description', 'The user has denied your application access.')
    } else {
      const code = randomBytes(10).toString('hex')
      const method = url.searchParams.get('code_challenge_method')
      codes.set(code, {
        user: current,
        redirectUri,
        challenge: method === 'S256' ? url.searchParams.get('code_challenge') : null,
        scopes,
        used: false,
      })
      back.searchParams.set('code', code)
    }
    res.writeHead(302, { Location: back.toString() })
    res.end()
  }

  const exchange = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req)
    const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1]
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [body.get('client_id'), body.get('client_secret')]
    const code = body.get('code') ?? ''
    const refuse = (error: string, description: string) => {
      exchanges.push({ code, granted: false, reason: error })
      send(res, 200, {
        error,
        error_description: description,
        error_uri: 'https://docs.github.com',
      })
    }
    if (id !== options.clientId || secret !== options.clientSecret) {
      return refuse(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
      )
    }
    const pending = codes.get(code)
    if (!pending || pending.used) {
      return refuse('bad_verification_code', 'The code passed is incorrect or expired.')
    }
    pending.used = true
    if (body.get('redirect_uri') && body.get('redirect_uri') !== pending.redirectUri) {
      return refuse(
        'redirect_uri_mismatch',
        'The redirect_uri MUST match the registered callback URL for this application.',
      )
    }
    if (pending.challenge) {
      const verifier = body.get('code_verifier') ?? ''
      const computed = createHash('sha256').update(verifier).digest('base64url')
      if (computed !== pending.challenge) {
        return refuse(
          'bad_verification_code',
          'The code_verifier does not match the code_challenge.',
        )
      }
    }
    const token = options.tokenFor?.(pending.user) ?? `gho_${randomBytes(16).toString('hex')}`
    tokens.set(token, { user: pending.user, scopes: pending.scopes })
    exchanges.push({ code, granted: true })
    send(res, 200, { access_token: token, token_type: 'bearer', scope: pending.scopes.join(',') })
  }

  const api = (req: IncomingMessage, url: URL, res: ServerResponse) => {
    apiRequests.push(`${url.pathname}${url.search}`)
    const token = req.headers.authorization?.match(/^(?:token|bearer)\s+(\S+)$/i)?.[1]
    const grant = token ? tokens.get(token) : undefined
    const user = grant?.user
    if (!grant || !user)
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      })
    if (url.pathname === '/user') {
      return send(res, 200, {
        login: user.login,
        id: user.id,
        avatar_url: `https://avatars.githubusercontent.com/u/${user.id}`,
        name: user.name,
        type: 'User',
      })
    }
    if (url.pathname === '/user/emails') {
      if (!grant.scopes.includes('user:email') && !grant.scopes.includes('user')) {
        return send(res, 404, {
          message: 'Not Found',
          documentation_url:
            'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user',
          status: '404',
        })
      }
      return send(res, 200, userEmailsPayload(user.emails ?? defaultUserEmails(user)))
    }
    if (url.pathname === '/user/repos') {
      const ctx: PayloadContext = { apiUrl: baseUrl, htmlUrl: 'https://github.com', state }
      const request = { method: 'GET', url, body: null, hasInvalidBody: false }
      const account = state.user(user.login, 'User')
      const listed = listAuthenticatedUserRepositories(ctx, request, account, rolesOf.get(user)!)
      return send(res, listed.status, listed.body, listed.headers)
    }
    send(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    if (isDown) return send(res, 503, { message: 'Service unavailable' })
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize')
      return authorize(url, res)
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      return void exchange(req, res)
    }
    return api(req, url, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    signInAs: (login) => {
      current = options.users.find((user) => user.login === login)
    },
    denyNext: () => {
      denyNext = true
    },
    setDown: (down) => {
      isDown = down
    },
    exchanges,
    scopeRequests,
    apiRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
