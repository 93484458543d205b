import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { ForYou } from '../notifications/ui/for-you'
import { listSettingsToFix } from '../setup/to-fix.server'
import { parseEnv } from '../utils/env.server'

import { loader } from './_index'

// A board being set up for another community: a token and what to mirror, nothing else yet.
// Read once per file, as at start-up.
process.env.BOARD_REPOS = 'acme'
process.env.GITHUB_TOKEN = 'a-token'

const getDb = setupTestDatabase()

async function renderForYou(accountId: number) {
  const { forYou } = await (await callLoader(loader, '/', { accountId })).json()
  const html = await renderInRouter(createElement(ForYou, forYou))
  return { html, text: html.replace(/<[^>]+>/g, '') }
}

test('a maintainer setting up the board is sent to /setup with what still needs attention', async () => {
  // Nothing led to /setup once sync ran, and the card said "Nothing waits for maintainers".
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const { html, text } = await renderForYou(dana.id)
  expect(html).toContain('href="/setup"')
  expect(text).toContain(
    'The board’s setup: 2 settings need attention (GITHUB_WEBHOOK_SECRET; GITHUB_CLIENT_ID / GITHUB_CLIENT_SECRET)',
  )
  expect(text).not.toContain('Nothing waits for maintainers')
  // A contributor has no maintainers' queue, and no setup to do.
  const cam = await createAccount(getDb(), 'cam')
  expect((await renderForYou(cam.id)).html).not.toContain('href="/setup"')
})

test('the demo, which mirrors nothing, and a board whose setup is done name no setting', () => {
  expect(listSettingsToFix(parseEnv({}), null)).toEqual([])
  const done = parseEnv({
    BOARD_REPOS: 'acme',
    GITHUB_TOKEN: 'a-token',
    GITHUB_WEBHOOK_SECRET: 'w'.repeat(20),
    GITHUB_CLIENT_ID: 'id',
    GITHUB_CLIENT_SECRET: 'secret',
    SESSION_SECRET: 's'.repeat(32),
    PUBLIC_URL: 'https://board.example.org',
  })
  expect(listSettingsToFix(done, null)).toEqual([])
  // A token GitHub refused at the last sweep is named, as /setup shows it failing.
  expect(
    listSettingsToFix(done, {
      lastError: 'Bad credentials',
      isTokenRefused: true,
      lastSummary: null,
    }),
  ).toEqual(['GITHUB_TOKEN'])
})
