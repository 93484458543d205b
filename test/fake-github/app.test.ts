import { generateKeyPairSync, sign } from 'node:crypto'

import { createAppAuth } from '@octokit/auth-app'
import { request } from '@octokit/request'
import examples from '@octokit/webhooks-examples'
import { expect, onTestFinished, test } from 'vitest'

import { createOpenApiValidators, type OpenApiValidators } from './openapi'
import { createFakeGitHub } from './server'

// The fake's GitHub App endpoints: a real RS256 JWT check, installation tokens that reach only
// their installation's repositories, and bodies checked against GitHub's OpenAPI description.

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
})
const otherKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
})

let validators: OpenApiValidators | undefined
const openApi = () => (validators ??= createOpenApiValidators())

function jwt(
  claims: Record<string, unknown>,
  privateKey = keys.privateKey,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
) {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${encode(header)}.${encode(claims)}`
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), privateKey).toString('base64url')}`
}

const now = () => Math.floor(Date.now() / 1000)

async function world() {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository('acme/app')
  github.addRepository('acme/lib')
  github.addRepository('acme/secret')
  github.addRepository('zeta/web')
  const app = github.app.register({ id: 77, publicKey: keys.publicKey })
  const acme = github.app.install('acme', ['acme/app', 'acme/lib'])
  const zeta = github.app.install('zeta', ['zeta/web'])
  return { github, app, acme, zeta }
}

async function call(url: string, token: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  })
  return { response, body: (await response.json()) as Record<string, unknown> }
}

test('a JWT signed with the app key reads /app; a wrong key, issuer, algorithm or expiry is a 401', async () => {
  const { github } = await world()
  const good = jwt({ iss: 77, iat: now() - 30, exp: now() + 540 })

  const answer = await call(`${github.url}/app`, good)
  const refusals = await Promise.all(
    [
      jwt({ iss: 77, iat: now() - 30, exp: now() + 540 }, otherKeys.privateKey),
      jwt({ iss: 78, iat: now() - 30, exp: now() + 540 }),
      jwt({ iss: 77, iat: now() - 700, exp: now() - 100 }),
      jwt({ iss: 77, iat: now(), exp: now() + 3600 }),
      jwt({ iss: 77, iat: now(), exp: now() + 60 }, keys.privateKey, { alg: 'none' }),
      'not.a.jwt',
    ].map((token) => call(`${github.url}/app`, token).then(({ response }) => response.status)),
  )

  expect(answer.response.status).toBe(200)
  expect(answer.body).toMatchObject({ id: 77, slug: 'pioneer-board' })
  const validate = openApi().response('GET', '/app', 200)
  expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true)
  expect(refusals).toEqual([401, 401, 401, 401, 401, 401])
})

test('@octokit/auth-app lists installations and mints tokens; the bodies match GitHub’s OpenAPI schema', async () => {
  const { github, acme } = await world()
  const auth = createAppAuth({
    appId: 77,
    privateKey: keys.privateKey,
    request: request.defaults({ baseUrl: github.url }),
  })
  const { token: appJwt } = await auth({ type: 'app' })

  const installations = await fetch(`${github.url}/app/installations`, {
    headers: { authorization: `Bearer ${appJwt}` },
  })
  const minted = await call(`${github.url}/app/installations/${acme.id}/access_tokens`, appJwt, {
    method: 'POST',
  })
  const token = String(minted.body.token)
  const listed = await call(`${github.url}/installation/repositories`, token)

  const list = (await installations.json()) as { account: { login: string } }[]
  expect(list.map((installation) => installation.account.login)).toEqual(['acme', 'zeta'])
  // The operation's inline item schema says the account is a user *and* an enterprise (allOf, a
  // known slip of the description); the named schema it was inlined from says either.
  const validateInstallation = openApi().schema('installation')
  for (const installation of list) {
    expect(validateInstallation(installation), JSON.stringify(validateInstallation.errors)).toBe(
      true,
    )
  }
  expect(minted.response.status).toBe(201)
  const validateToken = openApi().response(
    'POST',
    '/app/installations/{installation_id}/access_tokens',
    201,
  )
  expect(validateToken(minted.body), JSON.stringify(validateToken.errors)).toBe(true)
  expect(token).toMatch(/^ghs_/)
  const validateRepositories = openApi().response('GET', '/installation/repositories', 200)
  expect(validateRepositories(listed.body), JSON.stringify(validateRepositories.errors)).toBe(true)
  expect(
    (listed.body.repositories as { full_name: string }[]).map((repository) => repository.full_name),
  ).toEqual(['acme/app', 'acme/lib'])
})

test('an installation token reaches its repositories only, spends its own rate limit and stops when expired', async () => {
  const { github, acme } = await world()
  const auth = createAppAuth({
    appId: 77,
    privateKey: keys.privateKey,
    request: request.defaults({ baseUrl: github.url }),
  })
  const { token } = await auth({ type: 'installation', installationId: acme.id })

  const own = await call(`${github.url}/repos/acme/app/issues`, token)
  const other = await call(`${github.url}/repos/acme/secret/issues`, token)
  const jwtOnRepository = await call(
    `${github.url}/repos/acme/app`,
    (await auth({ type: 'app' })).token,
  )
  github.app.expireTokens()
  const expired = await call(`${github.url}/repos/acme/app/issues`, token)

  expect([own.response.status, other.response.status, jwtOnRepository.response.status]).toEqual([
    200, 404, 401,
  ])
  expect(own.response.headers.get('x-ratelimit-remaining')).toBe('4999')
  expect(github.app.rateLimit(acme.id).remaining).toBe(4998)
  expect(github.rateLimit.get().remaining).toBe(5000)
  expect(expired.response.status).toBe(401)
  expect(github.requestLog.at(-1)).toMatchObject({ installationId: null, status: 401 })
})

test('a suspended installation gets no token; a removed one is 404; the webhooks say so', async () => {
  const { github, acme, zeta } = await world()
  const auth = createAppAuth({
    appId: 77,
    privateKey: keys.privateKey,
    request: request.defaults({ baseUrl: github.url }),
  })
  const { token: appJwt } = await auth({ type: 'app' })

  const suspended = github.app.suspend(acme.id)
  const mintSuspended = await call(
    `${github.url}/app/installations/${acme.id}/access_tokens`,
    appJwt,
    { method: 'POST' },
  )
  const removed = github.app.uninstall(zeta.id)
  const mintRemoved = await call(
    `${github.url}/app/installations/${zeta.id}/access_tokens`,
    appJwt,
    { method: 'POST' },
  )

  expect(mintSuspended.response.status).toBe(403)
  expect(mintSuspended.body.message).toBe('This installation has been suspended')
  expect(mintRemoved.response.status).toBe(404)
  expect(suspended).toMatchObject({
    event: 'installation',
    payload: { action: 'suspend', installation: { id: acme.id, account: { login: 'acme' } } },
  })
  expect(removed.payload.repositories).toEqual([expect.objectContaining({ full_name: 'zeta/web' })])
  const added = github.app.addRepositories(acme.id, ['acme/secret'])
  expect(added.payload).toMatchObject({
    action: 'added',
    repositories_added: [{ full_name: 'acme/secret' }],
    repositories_removed: [],
  })
  expect(github.app.installation(acme.id).repositories).toEqual([
    'acme/app',
    'acme/lib',
    'acme/secret',
  ])
})

test('installation webhooks have the shape of GitHub’s documented examples', async () => {
  const { github, acme } = await world()
  const example = (event: string, action: string) => {
    const found = examples
      .find((definition) => definition.name === event)
      ?.examples.find((candidate) => 'action' in candidate && candidate.action === action)
    if (!found) throw new Error(`no example of ${event}.${action}`)
    return found as Record<string, unknown>
  }
  const keys = (value: unknown) => Object.keys(value as object).sort()
  const sent = [
    github.app.createdWebhook(acme.id),
    github.app.addRepositories(acme.id, ['acme/secret']),
    github.app.removeRepositories(acme.id, ['acme/secret']),
    github.app.suspend(acme.id),
    github.app.unsuspend(acme.id),
    github.app.uninstall(acme.id),
  ]
  for (const { event, payload } of sent) {
    const documented = example(event, String(payload.action))
    // Every field the board reads is there; `requester` is optional in GitHub's examples.
    expect(keys(payload).filter((key) => key !== 'requester')).toEqual(
      keys(documented).filter((key) => key !== 'requester'),
    )
    expect(keys(payload.installation)).toEqual(
      expect.arrayContaining(['id', 'account', 'app_id', 'repository_selection', 'suspended_at']),
    )
  }
})
