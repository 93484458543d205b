import { afterEach, beforeEach, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { appCredentials, installApp } from '../../test/github-app'

import { createGitHubClient, InstallationUnavailableError } from './client.server'

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

function appClient(now?: () => number) {
  return createGitHubClient({ app: appCredentials, baseUrl: github.url, waitScale: 0, now })
}

test('each repository is read with its own installation’s token, minted once and cached', async () => {
  const installations = installApp(github, { acme: ['acme/app', 'acme/lib'], zeta: ['zeta/web'] })
  const { octokit, installations: router } = appClient()

  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  await octokit.rest.repos.get({ owner: 'acme', repo: 'lib' })
  await octokit.rest.repos.get({ owner: 'zeta', repo: 'web' })

  const reads = github.requestLog.filter((entry) => entry.path.startsWith('/repos/'))
  expect(reads.map((entry) => [entry.path, entry.installationId])).toEqual([
    ['/repos/acme/app', installations.acme!.id],
    ['/repos/acme/lib', installations.acme!.id],
    ['/repos/zeta/web', installations.zeta!.id],
  ])
  expect(github.app.mintedTokens).toBe(2)
  expect(github.requestLog.filter((entry) => entry.isApp).map((entry) => entry.path)).toEqual([
    '/app/installations',
    `/app/installations/${installations.acme!.id}/access_tokens`,
    `/app/installations/${installations.zeta!.id}/access_tokens`,
  ])
  expect(router?.usage.get(installations.zeta!.id)).toMatchObject({
    requests: 1,
    rateLimit: { remaining: 4999 },
  })
})

test('a token that expires mid-walk is replaced and the walk resumes on the same page', async () => {
  installApp(github, { acme: ['acme/app'] })
  github.addIssues('acme/app', 250)
  github.faults.add({
    path: '/repos/acme/app/issues',
    page: 2,
    fault: { kind: 'mutate', run: (fake) => fake.app.expireTokens() },
  })
  const { octokit } = appClient()

  const ids: number[] = []
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner: 'acme',
    repo: 'app',
    state: 'all',
    per_page: 100,
  })) {
    ids.push(...page.data.map((issue) => issue.id))
  }

  expect(ids).toHaveLength(250)
  expect(new Set(ids).size).toBe(250)
  const pages = github.requestLog.filter((entry) => entry.canonicalPath.endsWith('/issues'))
  expect(pages.map((entry) => [entry.page, entry.status])).toEqual([
    [1, 200],
    [2, 200],
    [3, 401],
    [3, 200],
  ])
  expect(github.app.mintedTokens).toBe(2)
})

test('a token is minted again before it expires, by the injected clock', async () => {
  installApp(github, { acme: ['acme/app'] })
  let now = Date.now()
  const { octokit } = appClient(() => now)

  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  now += 50 * 60_000
  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
  now += 6 * 60_000
  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })

  expect(github.app.mintedTokens).toBe(2)
  expect(github.requestLog.some((entry) => entry.status === 401)).toBe(false)
})

test('a suspended or removed installation fails with InstallationUnavailableError, others go on', async () => {
  const installations = installApp(github, {
    acme: ['acme/app'],
    zeta: ['zeta/web'],
    kilo: ['kilo/x'],
  })
  const { octokit } = appClient()
  await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })

  github.app.suspend(installations.acme!.id)
  github.app.uninstall(installations.kilo!.id)

  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({
    name: 'InstallationUnavailableError',
    reason: 'suspended',
  })
  const removed = await octokit.rest.repos.get({ owner: 'kilo', repo: 'x' }).catch((e) => e)
  expect(removed).toBeInstanceOf(InstallationUnavailableError)
  expect(removed).toMatchObject({ reason: 'removed' })
  const { data } = await octokit.rest.repos.get({ owner: 'zeta', repo: 'web' })
  expect(data.full_name).toBe('zeta/web')
})

test('an account the app is not installed on is a 404 without a token request', async () => {
  installApp(github, { acme: ['acme/app'] })
  github.addRepository('other/repo')
  const { octokit } = appClient()

  await expect(octokit.rest.repos.get({ owner: 'other', repo: 'repo' })).rejects.toMatchObject({
    status: 404,
  })
  expect(github.app.mintedTokens).toBe(0)
})

test('an installations listing of another shape fails the request saying so, asked for once', async () => {
  installApp(github, { acme: ['acme/app'] })
  // {} in place of the list: it was once asked for page after page, for ever.
  github.faults.add({
    path: '/app/installations',
    times: Infinity,
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{}' },
  })
  const { octokit } = appClient()
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toThrow(
    `${github.url} answered /app/installations with JSON not shaped as GitHub's (a list of installations was expected, not an object)`,
  )
  expect(github.requestLog.filter((entry) => entry.path === '/app/installations')).toHaveLength(1)
})

test('an access token of another shape fails the request saying so', async () => {
  const installations = installApp(github, { acme: ['acme/app'] })
  github.faults.add({
    path: `/app/installations/${installations.acme!.id}/access_tokens`,
    fault: { kind: 'reshape', change: (body) => ({ ...(body as object), token: undefined }) },
  })
  const { octokit } = appClient()
  await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toThrow(
    '(access token: token is missing)',
  )
})
