import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'
import { expect, test } from 'vitest'

import {
  APP_EVENTS,
  APP_PERMISSIONS,
  appManifest,
  checkSettings,
  type SetupCheck,
} from '~/setup/checks'
import { parseEnv } from '~/utils/env.server'

import SetupRoute from './setup'

/** The page as the server renders it, with the loader's data for a fresh board's settings. */
async function renderSetup(env: Record<string, string>, ...replacing: SetupCheck[]) {
  const publicUrl = 'http://localhost:3000'
  const checks = checkSettings(parseEnv(env), null).map(
    (check) => replacing.find((other) => other.id === check.id) ?? check,
  )
  const data = {
    checks,
    manifest: JSON.stringify(appManifest(publicUrl), null, 2),
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    publicUrl,
  }
  const handler = createStaticHandler([
    { path: '/setup', loader: () => data, element: createElement(SetupRoute) },
  ])
  const context = await handler.query(new Request('http://localhost/setup'))
  if (context instanceof Response) throw new Error('The test route answered a Response.')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, { router, context, hydrate: false }),
  ).replaceAll('<!-- -->', '')
}

test('a fresh board is offered the token first, as the README does, and the GitHub App as the alternative', async () => {
  const page = await renderSetup({})
  // The first check: GITHUB_TOKEN leads, the app's settings follow.
  expect(page).toContain(
    '<code>GITHUB_TOKEN</code></span><span>, <code>GITHUB_APP_ID</code></span><span>, <code>GITHUB_APP_PRIVATE_KEY</code>',
  )
  expect(page).toContain('Nothing lets the board read GitHub: set GITHUB_TOKEN to a token')
  expect(page).not.toContain(
    'create the GitHub App below and set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY (or set GITHUB_TOKEN',
  )
  expect(page).toContain('GITHUB_TOKEN / GITHUB_APP_ID / GITHUB_APP_PRIVATE_KEY')
  // The app's section stays, every step of it, as the alternative.
  expect(page).toContain('Or create a GitHub App instead of a token</h2>')
  expect(page).toContain('Settings → Developer settings → GitHub Apps → New GitHub App')
  expect(page).toContain('with a rate limit per installation')
  expect(page).toContain('&quot;hook_attributes&quot;')
})

test('a token whose rate limit is used up reads "Used up", not "Set", and is no setting to fix', async () => {
  const page = await renderSetup(
    { GITHUB_TOKEN: 'test-token', BOARD_REPOS: 'acme/app' },
    {
      id: 'github-access',
      settings: ['GITHUB_TOKEN'],
      status: 'used-up',
      message: 'GitHub accepts the token, but its rate limit is used up …',
    },
  )
  expect(page).toMatch(/>Used up<\/span> <span><code>GITHUB_TOKEN<\/code>/)
  expect(page).not.toMatch(/>Set<\/span> <span><code>GITHUB_TOKEN<\/code>/)
  expect(page).not.toContain('GITHUB_TOKEN / ')
})

test('a read-only token is shown "Read-only" and counted among what needs attention', async () => {
  const complete = {
    GITHUB_TOKEN: 'ghp_x',
    BOARD_REPOS: 'acme/app',
    GITHUB_WEBHOOK_SECRET: 'secret',
    GITHUB_CLIENT_ID: 'id',
    GITHUB_CLIENT_SECRET: 'secret',
  }
  const readOnly: SetupCheck = {
    id: 'github-access',
    settings: ['GITHUB_TOKEN'],
    status: 'read-only',
    message: 'Label changes cannot be applied: …',
  }
  expect(await renderSetup(complete)).toContain('Every setting the board needs is there.')
  const page = await renderSetup(complete, readOnly)
  expect(page).toContain('>Read-only</span> <span><code>GITHUB_TOKEN</code>')
  expect(page).toContain('1 thing needs attention: GITHUB_TOKEN.')
})
