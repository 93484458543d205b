import { afterEach, beforeEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'
import { APP_ID, appCredentials, appKeys, installApp } from '../../test/github-app'
import { mirror } from '../../test/mirror'
import { createGitHubClient } from '../github/client.server'
import { createSyncScheduler, type SchedulerOptions } from '../sync/scheduler.server'
import { GitHubAuthError, parseSyncTargets, sweep } from '../sync/sweep.server'
import { parseEnv } from '../utils/env.server'

import {
  appManifest,
  checkSettings,
  demoSignInWarning,
  noSignInWarning,
  syncOffWarning,
} from './checks'
import { checkDemoDatabase, checkGitHubApp, checkGitHubToken } from './checks.server'

const getDb = setupTestDatabase()

let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
})

afterEach(async () => {
  await github.close()
})

const statusOf = (env: Record<string, string>) =>
  Object.fromEntries(checkSettings(parseEnv(env)).map((check) => [check.id, check.status]))

test('a fresh board is told what is missing, setting by setting', () => {
  expect(statusOf({})).toEqual({
    'github-access': 'missing',
    'what-to-mirror': 'missing',
    webhooks: 'missing',
    'sign-in': 'missing',
    // On one's own machine (the default HOST, not production) neither is needed.
    sessions: 'optional',
    'public-url': 'optional',
    maintainers: 'optional',
    'starter-axes': 'optional',
    email: 'optional',
  })
  const [access] = checkSettings(parseEnv({}))
  // The token first, as the README leads with it; the app is the alternative.
  expect(access?.settings).toEqual(['GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'])
  expect(access?.message).toMatch(
    /^Nothing lets the board read GitHub: set GITHUB_TOKEN to a token /,
  )
  expect(access?.message).toContain(
    'Or create the GitHub App below and set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY',
  )
})

test('SESSION_SECRET and PUBLIC_URL are judged each on its own: a local board needs neither, production both', () => {
  const secret = 'x'.repeat(32)
  const flagged = (env: Record<string, string>) =>
    checkSettings(parseEnv(env))
      .filter((check) => check.status === 'missing')
      .flatMap((check) => check.settings)
      .filter((setting) => setting === 'SESSION_SECRET' || setting === 'PUBLIC_URL')
  // Development on localhost: the board's own secret and the request's address are fine.
  expect(flagged({})).toEqual([])
  expect(flagged({ HOST: 'localhost' })).toEqual([])
  // Listening beyond this machine, others reach it at an address only PUBLIC_URL can give.
  expect(flagged({ HOST: '0.0.0.0' })).toEqual(['PUBLIC_URL'])
  // Production: only the one missing is named (the pair was flagged for PUBLIC_URL alone).
  expect(flagged({ NODE_ENV: 'production', SESSION_SECRET: secret })).toEqual(['PUBLIC_URL'])
  expect(
    flagged({
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      PUBLIC_URL: 'https://board.example.org',
    }),
  ).toEqual([])
  const byId = (env: Record<string, string>) =>
    Object.fromEntries(checkSettings(parseEnv(env)).map((check) => [check.id, check]))
  expect(byId({}).sessions?.message).toMatch(/keeps in its database, so they last across restarts/)
  expect(byId({}).sessions?.message).not.toMatch(/^Required/)
  // Production refuses to start without it (env.server.ts); /setup still says why.
  const production = checkSettings({ ...parseEnv({}), NODE_ENV: 'production' })
  expect(production.find((check) => check.id === 'sessions')).toMatchObject({
    status: 'missing',
    message: expect.stringMatching(/^Required in production: .* Set SESSION_SECRET/),
  })
  // Each message is shown as a sentence of its own on /setup.
  for (const check of checkSettings(parseEnv({}))) expect(check.message).toMatch(/^[A-Z]/)
  expect(byId({ NODE_ENV: 'production', SESSION_SECRET: secret })['public-url']?.message).toMatch(
    /needed in production/,
  )
  expect(byId({ SESSION_SECRET: secret })).toMatchObject({
    sessions: { status: 'ok', settings: ['SESSION_SECRET'] },
    'public-url': { status: 'optional', settings: ['PUBLIC_URL'] },
  })
})

test('as an app, BOARD_REPOS is optional and the token is not needed', () => {
  const env = {
    GITHUB_APP_ID: '424242',
    GITHUB_APP_PRIVATE_KEY: appKeys.privateKey,
    GITHUB_WEBHOOK_SECRET: 'secret',
  }
  expect(statusOf(env)).toMatchObject({
    'github-access': 'ok',
    'what-to-mirror': 'optional',
    webhooks: 'ok',
  })
  expect(statusOf({ GITHUB_TOKEN: 't' })).toMatchObject({
    'github-access': 'ok',
    'what-to-mirror': 'missing',
  })
})

test('a token GitHub refused in the last sweep is failing, with GitHub’s answer', () => {
  const env = parseEnv({ GITHUB_TOKEN: 'bad', BOARD_REPOS: 'acme/app' })
  const refused = {
    lastError: new GitHubAuthError(401).message,
    isTokenRefused: true,
    lastSummary: null,
  }
  const [access] = checkSettings(env, refused)
  expect(access).toMatchObject({
    id: 'github-access',
    settings: ['GITHUB_TOKEN'],
    status: 'failing',
  })
  expect(access?.message).toContain(
    'GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
  )
  // Another failure (the database, say) says nothing of the token; nor does a sweep that passed.
  expect(
    checkSettings(env, {
      lastError: 'connect ECONNREFUSED',
      isTokenRefused: false,
      lastSummary: null,
    })[0]?.status,
  ).toBe('ok')
  expect(
    checkSettings(env, { lastError: null, isTokenRefused: false, lastSummary: null })[0]?.status,
  ).toBe('ok')
})

/** What a scheduled sweep of `options` left, as /setup reads it from the scheduler. */
async function sweptStatus(options: Omit<SchedulerOptions, 'intervalMs' | 'baseUrl'>) {
  const scheduler = createSyncScheduler({ ...options, intervalMs: 3_600_000, baseUrl: github.url })
  // Only the sweep triggered here runs.
  scheduler.stop()
  await scheduler.trigger()
  return scheduler.status()
}

test('a BOARD_REPOS name the last sweep could not find needs attention, and is named', async () => {
  github.addRepository('acme/docs')
  const env = parseEnv({ GITHUB_TOKEN: 'test-token', BOARD_REPOS: 'acme/widgest,acme/docs' })
  const status = await sweptStatus({
    targets: parseSyncTargets([env.BOARD_REPOS!]).targets,
    token: 'test-token',
  })
  const mirror = checkSettings(env, status).find((check) => check.id === 'what-to-mirror')
  expect(mirror).toMatchObject({ settings: ['BOARD_REPOS'], status: 'failing' })
  expect(mirror?.message).toBe(
    'BOARD_REPOS is acme/widgest,acme/docs, and the last sweep could not find acme/widgest (“no such repository (or the token cannot see it)”): correct that name in BOARD_REPOS and restart the board, or give the token access (the next sweep finds it).',
  )
  // A name GitHub never answered for says nothing of BOARD_REPOS (/sync points at the network).
  const unreachable = {
    ...status,
    lastSummary: {
      unresolved: [{ target: 'acme/widgest', error: 'no answer', isUnreachable: true }],
    },
  }
  expect(
    checkSettings(env, unreachable).find((check) => check.id === 'what-to-mirror')?.status,
  ).toBe('ok')
})

test('as an app, a BOARD_REPOS name no installation covers needs attention, and is named with the remedy', async () => {
  installApp(github, { acme: ['acme/app'] })
  const env = parseEnv({
    GITHUB_APP_ID: APP_ID,
    GITHUB_APP_PRIVATE_KEY: appKeys.privateKey,
    BOARD_REPOS: 'acme/app,acme/widgest',
  })
  const status = await sweptStatus({
    targets: parseSyncTargets([env.BOARD_REPOS!]).targets,
    app: appCredentials,
  })
  expect(status.lastSummary?.repositories.map((r) => r.repository)).toEqual(['acme/app'])
  const mirror = checkSettings(env, status).find((check) => check.id === 'what-to-mirror')
  expect(mirror).toMatchObject({ settings: ['BOARD_REPOS'], status: 'failing' })
  expect(mirror?.message).toBe(
    'BOARD_REPOS is acme/app,acme/widgest, and the last sweep could not find acme/widgest (“no installation of the GitHub App covers it”): install the app on it (on GitHub, the app’s “Install App”, or “Configure” on an installation to add repositories; the next sweep finds it), or correct that name in BOARD_REPOS and restart the board.',
  )
})

test('a GitHub App the last sweep found GitHub refusing is failing, not working', async () => {
  // The fake knows no app 7: listing its installations is refused with 401.
  github.app.register({ id: 424242, publicKey: appKeys.publicKey })
  const env = parseEnv({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: appKeys.privateKey })
  const status = await sweptStatus({
    targets: [],
    app: { appId: '7', privateKey: appKeys.privateKey },
  })
  expect(status.isTokenRefused).toBe(true)
  const [access] = checkSettings(env, status)
  expect(access).toMatchObject({
    id: 'github-access',
    settings: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'],
    status: 'failing',
  })
  expect(access?.message).toContain(
    "GitHub refuses the GitHub App's credentials (401): check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY",
  )
  // An app whose sweep passed works.
  expect(
    checkSettings(env, { lastError: null, isTokenRefused: false, lastSummary: null })[0]?.status,
  ).toBe('ok')
})

test('the manifest asks for exactly issues write, metadata read, members read and three events', () => {
  expect(appManifest('https://board.example.org/')).toMatchObject({
    hook_attributes: { url: 'https://board.example.org/webhooks/github' },
    default_permissions: { issues: 'write', metadata: 'read', members: 'read' },
    default_events: ['issues', 'label', 'repository'],
  })
})

test('GitHub is asked where the app is installed; a refused app or no installation is missing', async () => {
  const env = (appId: string) =>
    parseEnv({
      GITHUB_APP_ID: appId,
      GITHUB_APP_PRIVATE_KEY: appKeys.privateKey,
      GITHUB_API_URL: github.url,
    })
  github.app.register({ id: 424242, publicKey: appKeys.publicKey })
  expect(await checkGitHubApp(env('424242'))).toMatchObject({ status: 'missing' })

  installApp(github, { acme: ['acme/app'], zeta: ['zeta/web'] })
  expect(await checkGitHubApp(env('424242'))).toMatchObject({
    status: 'ok',
    message: 'GitHub accepts the app; it is installed on acme, zeta.',
  })
  expect((await checkGitHubApp(env('7')))?.message).toMatch(/^GitHub refuses the app \(401\)/)
  expect(await checkGitHubApp(parseEnv({}))).toBeNull()
})

test('GitHub is asked whether it accepts the token, before any sweep has run; a refused one is failing', async () => {
  // No BOARD_REPOS, as after the README's first `npm run sync`: no scheduled sweep to read.
  const env = (token: string, apiUrl = github.url) =>
    parseEnv({ GITHUB_TOKEN: token, GITHUB_API_URL: apiUrl })
  expect(await checkGitHubToken(env('test-token'))).toMatchObject({
    id: 'github-access',
    status: 'ok',
    message: expect.stringMatching(/^GitHub accepts the token \(5000 of 5000 requests left/),
  })
  expect(await checkGitHubToken(env('mistyped'))).toMatchObject({
    id: 'github-access',
    settings: ['GITHUB_TOKEN'],
    status: 'failing',
    message: expect.stringMatching(
      /^GitHub refuses the token \(401 Bad credentials\): set GITHUB_TOKEN/,
    ),
  })
  // Asking is free: /rate_limit uses no point of the token's limit.
  expect(github.rateLimit.get().remaining).toBe(5000)

  const closed = await createFakeGitHub()
  await closed.close()
  expect(await checkGitHubToken(env('test-token', closed.url))).toMatchObject({
    status: 'failing',
    message: expect.stringContaining(`Check GITHUB_API_URL`),
  })
  expect(await checkGitHubToken(parseEnv({}))).toBeNull()
})

test('a token whose account cannot push to the first repository of BOARD_REPOS is read-only: label changes cannot be applied', async () => {
  github.addRepository('acme/app', { viewerPermission: 'triage' })
  github.addRepository('acme/lib')
  const env = (repos: string) =>
    parseEnv({ GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, BOARD_REPOS: repos })
  const check = await checkGitHubToken(env('acme/app,acme/lib'))
  expect(check).toMatchObject({
    id: 'github-access',
    settings: ['GITHUB_TOKEN'],
    status: 'read-only',
  })
  expect(check?.message).toMatch(
    /^Label changes cannot be applied: GitHub accepts the token, but its account cannot push to acme\/app, and the board’s labels need write access \(reading and syncing work\)\. Give the token’s account write access/,
  )
  // Push access (the fake's viewer is admin by default) is set; so is a name not found, which
  // the BOARD_REPOS check names, and owners alone, which are not looked up.
  for (const repos of ['acme/lib,acme/app', 'acme/typo', 'acme']) {
    expect(await checkGitHubToken(env(repos))).toMatchObject({ status: 'ok' })
  }
})

test('a token whose rate limit is used up is said so, with when it resets, not plainly set', async () => {
  github.rateLimit.set({ remaining: 0, resetAt: Date.parse('2099-01-01T10:00:00Z') })
  const check = await checkGitHubToken(
    parseEnv({ GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }),
  )
  expect(check).toMatchObject({
    id: 'github-access',
    settings: ['GITHUB_TOKEN'],
    status: 'used-up',
  })
  expect(check?.message).toMatch(
    /^GitHub accepts the token, but its rate limit is used up \(0 of 5000 requests left\) until 1 Jan 2099 10:00 UTC: syncs and label changes wait until then\. /,
  )
})

test('GitHub out of reach or not GitHub at all: /setup says it in the words npm run sync uses', async () => {
  /** What a sweep against `apiUrl` stops with: the line `npm run sync` prints. */
  const sweepSays = async (apiUrl: string) => {
    const client = createGitHubClient({ baseUrl: apiUrl, token: 'test-token', waitScale: 0 })
    const { targets } = parseSyncTargets(['acme/app'])
    return sweep(client, targets, { db: getDb() }).then(
      () => 'synced',
      (error: unknown) => (error as Error).message,
    )
  }
  const token = (apiUrl: string) => parseEnv({ GITHUB_TOKEN: 'test-token', GITHUB_API_URL: apiUrl })
  const app = (apiUrl: string) =>
    parseEnv({
      GITHUB_APP_ID: '424242',
      GITHUB_APP_PRIVATE_KEY: appKeys.privateKey,
      GITHUB_API_URL: apiUrl,
    })

  // A port fetch refuses to use: it never even tries to connect.
  const blocked = 'http://127.0.0.1:1'
  const blockedLine = `Could not reach GitHub at ${blocked}: the port is one browsers and Node refuse to use. Check GITHUB_API_URL and that this machine can reach it.`
  expect(await sweepSays(blocked)).toBe(blockedLine)
  expect(await checkGitHubToken(token(blocked))).toMatchObject({
    status: 'failing',
    message: blockedLine,
  })
  expect((await checkGitHubApp(app(blocked)))?.message).toBe(blockedLine)

  // A port nothing listens on.
  const closed = await createFakeGitHub()
  await closed.close()
  expect((await checkGitHubToken(token(closed.url)))?.message).toBe(await sweepSays(closed.url))
  expect((await checkGitHubToken(token(closed.url)))?.message).toMatch(/: connection refused\. /)

  // Something that answers, but not GitHub's API (a web page at GITHUB_API_URL).
  github.faults.add({
    path: '**',
    times: Infinity,
    fault: { kind: 'not-the-api', contentType: 'text/html', body: '<html>Sign in</html>' },
  })
  expect((await checkGitHubToken(token(github.url)))?.message).toBe(
    `Not GitHub's API at ${github.url}: ${github.url} answered /rate_limit with text/html, not GitHub's JSON: set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
  )
  expect(await sweepSays(github.url)).toMatch(new RegExp(`^Not GitHub's API at ${github.url}: `))
})

test('a GitHub that does not answer cannot hang /setup: each question gives up and says so', async () => {
  // GitHub hangs for far longer than the checks wait; the test waits only for their timeout.
  github.faults.add({ path: '**', times: Infinity, fault: { kind: 'delay', ms: 60_000 } })
  github.app.register({ id: 424242, publicKey: appKeys.publicKey })
  const token = parseEnv({ GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url })
  expect(await checkGitHubToken(token, { timeoutMs: 20 })).toMatchObject({
    status: 'failing',
    message: expect.stringMatching(
      /^GitHub did not answer within 0\.02 s when asked whether it accepts the token/,
    ),
  })
  const app = parseEnv({
    GITHUB_APP_ID: '424242',
    GITHUB_APP_PRIVATE_KEY: appKeys.privateKey,
    GITHUB_API_URL: github.url,
  })
  expect(await checkGitHubApp(app, { timeoutMs: 20 })).toMatchObject({
    status: 'missing',
    message: expect.stringMatching(
      /^GitHub did not answer within 0\.02 s when asked about the app/,
    ),
  })
})

test("the starter axes say when they are still MirageOS's, and what they are once set", () => {
  const axes = (env: Record<string, string>) =>
    checkSettings(parseEnv(env)).find((check) => check.id === 'starter-axes')
  expect(axes({})).toMatchObject({ status: 'optional' })
  expect(axes({})?.message).toMatch(/set LANGUAGE_NAME and STARTER_DOMAINS/)
  expect(axes({ LANGUAGE_NAME: 'Rust', STARTER_DOMAINS: 'cli,docs' })).toMatchObject({
    status: 'ok',
    message: 'Starter projects are rated on Rust and in cli, docs.',
  })
})

test('demo sign-in on a board that writes to GitHub is named as the risk it is, and warned of when others can reach it', () => {
  const signIn = (env: Record<string, string>) =>
    checkSettings(parseEnv(env)).find((check) => check.id === 'sign-in')?.message
  expect(signIn({})).toMatch(/^Sign-in is in demo mode: set GITHUB_CLIENT_ID/)
  expect(signIn({ GITHUB_TOKEN: 'ghp_x' })).toMatch(
    /^Sign-in is in demo mode: anyone who reaches the board can sign in as a demo maintainer and run syncs with its GitHub credentials \(label changes demo people apply are never sent to GitHub\)\. Set GITHUB_CLIENT_ID/,
  )

  const warning = (env: Record<string, string>) => demoSignInWarning(parseEnv(env))
  // Only this machine can reach the default HOST; nothing to write without credentials; no demo
  // sign-in with GitHub sign-in or in production.
  expect(warning({ GITHUB_TOKEN: 'ghp_x' })).toBeNull()
  expect(warning({ GITHUB_TOKEN: 'ghp_x', HOST: '::1' })).toBeNull()
  expect(warning({ HOST: '0.0.0.0' })).toBeNull()
  expect(
    warning({
      GITHUB_TOKEN: 'ghp_x',
      HOST: '0.0.0.0',
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
    }),
  ).toBeNull()
  expect(warning({ GITHUB_TOKEN: 'ghp_x', HOST: '0.0.0.0' })).toBe(
    'Demo sign-in is on and the board listens on 0.0.0.0: anyone who reaches the board can sign in as a demo maintainer and run syncs with its GitHub credentials (label changes demo people apply are never sent to GitHub). Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET for GitHub sign-in, or NODE_ENV=production.',
  )
})

test('BOARD_REPOS without a token: /setup says nothing mirrors it, not that it is mirrored, nor that sweeps run', () => {
  const message = (env: Record<string, string>, id: string) =>
    checkSettings(parseEnv(env)).find((check) => check.id === id)?.message
  expect(message({ BOARD_REPOS: 'mirage' }, 'what-to-mirror')).toBe(
    'Names mirage; nothing mirrors it until GitHub access is set (above).',
  )
  expect(message({ BOARD_REPOS: 'mirage', GITHUB_TOKEN: 't' }, 'what-to-mirror')).toBe(
    'Mirroring mirage.',
  )
  expect(message({ BOARD_REPOS: 'mirage' }, 'webhooks')).not.toContain('Sweeps still run')
  expect(message({ BOARD_REPOS: 'mirage', GITHUB_TOKEN: 't' }, 'webhooks')).toMatch(
    /Sweeps still run\.$/,
  )
})

test('BOARD_REPOS without a token or an app: start-up warns that the server never syncs it', () => {
  const warning = (env: Record<string, string>) => syncOffWarning(parseEnv(env))
  expect(warning({ BOARD_REPOS: 'mirage' })).toBe(
    'BOARD_REPOS is set, but without GITHUB_TOKEN (or a GitHub App) the server never syncs it: set GITHUB_TOKEN to a token that can read those repositories and restart, or sync once with npm run sync (unauthenticated: 60 requests an hour).',
  )
  // The server syncs with a token; nothing is named to sync without BOARD_REPOS (/setup says so).
  expect(warning({ BOARD_REPOS: 'mirage', GITHUB_TOKEN: 'ghp_x' })).toBeNull()
  expect(warning({})).toBeNull()
})

test('in production without GitHub sign-in, start-up warns that nobody can sign in, in one line', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }
  const warning = noSignInWarning(parseEnv(production))
  expect(warning).toMatch(
    /^Nobody can sign in: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are not set, and demo sign-in is off with NODE_ENV=production, so the board can only be read/,
  )
  expect(warning).not.toContain('\n')
  // /setup says the same, not that sign-in is in demo mode.
  expect(
    checkSettings(parseEnv(production)).find((check) => check.id === 'sign-in')?.message,
  ).toMatch(/^Nobody can sign in: demo sign-in is off with NODE_ENV=production/)
  // With GitHub sign-in, or outside production (demo sign-in), somebody can.
  expect(
    noSignInWarning(
      parseEnv({ ...production, GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret' }),
    ),
  ).toBeNull()
  expect(noSignInWarning(parseEnv({}))).toBeNull()
})

test('on the demo’s database, /setup says first that a board of one’s own needs a database of its own', async () => {
  // Following /setup's other checks on the demo's database ended at a refused start-up.
  const settings = { DATABASE_URL: undefined, DATA_DIR: '.data/pglite' }
  expect(await checkDemoDatabase(settings, getDb())).toBeNull()
  const payload = repositoryPayload('mirage/mirage')
  await mirror(getDb(), payload)
  // As the demo loader marks its copies (app/demo/demo.server.ts).
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  expect(await checkDemoDatabase(settings, getDb())).toEqual({
    id: 'database',
    settings: ['DATA_DIR', 'DATABASE_URL'],
    status: 'missing',
    message:
      'This database holds the MirageOS demo (1 repository: mirage/mirage), which must not be mixed with issues mirrored from GitHub. Mirror into a database of its own: set DATA_DIR to a new folder (or delete the demo’s, .data/pglite), or DATABASE_URL to an empty database; with BOARD_REPOS set, start-up loads no demo.',
  })
  expect(
    (await checkDemoDatabase({ DATABASE_URL: 'postgres://db/board', DATA_DIR: '' }, getDb()))
      ?.settings,
  ).toEqual(['DATABASE_URL'])
})
