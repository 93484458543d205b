import { afterAll, beforeAll, expect, test } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'
import { APP_ID, appKeys } from '../github-app'

import { runStartScript } from './harness'

// A board set up as a GitHub App with settings GitHub cannot accept stops at start-up with one
// line naming the setting, as for every other setting.

let github: FakeGitHub

beforeAll(async () => {
  github = await createFakeGitHub()
  github.app.register({ id: Number(APP_ID), publicKey: appKeys.publicKey })
})

afterAll(async () => {
  await github?.close()
})

test('a malformed private key stops start-up with one line naming GITHUB_APP_PRIVATE_KEY', async () => {
  const { code, stderr } = await runStartScript({
    GITHUB_APP_ID: APP_ID,
    GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
    GITHUB_API_URL: github.url,
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toBe(
    'Invalid setting GITHUB_APP_PRIVATE_KEY: is not a valid RSA private key in PEM form (the .pem file GitHub generated)',
  )
  expect(stderr).not.toContain('not a key')
})

test('a key path that cannot be read stops start-up naming the setting', async () => {
  const { code, stderr } = await runStartScript({
    GITHUB_APP_ID: APP_ID,
    GITHUB_APP_PRIVATE_KEY: '/no/such/key.pem',
    GITHUB_API_URL: github.url,
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toMatch(/^Invalid setting GITHUB_APP_PRIVATE_KEY: /)
})

test('an app id GitHub refuses stops start-up with one line naming GITHUB_APP_ID', async () => {
  const { code, stderr } = await runStartScript({
    GITHUB_APP_ID: '999',
    GITHUB_APP_PRIVATE_KEY: appKeys.privateKey.replace(/\n/g, '\\n'),
    GITHUB_API_URL: github.url,
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toBe(
    "Invalid setting GITHUB_APP_ID: GitHub refuses app 999 (401); check the id and that GITHUB_APP_PRIVATE_KEY is that app's key",
  )
  expect(github.requestLog.map((entry) => [entry.path, entry.status])).toEqual([['/app', 401]])
})
