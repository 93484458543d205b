import { afterEach, beforeEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../test/database'
import { createFakeGitHub, type FakeGitHub } from '../test/fake-github/server'
import { APP_ID, appKeys, installApp } from '../test/github-app'
import { runCommand } from '../test/run-command'
import { closeFakeGitHub } from '../test/sync-helpers'

import { runSync } from './sync'

// `npm run sync` as a GitHub App: no names needed, the installations say what to mirror. runSync
// runs in this process (scripts/sync.test.ts runs the command once as a real process).

const getDb = setupTestDatabase()
let github: FakeGitHub
let installations: ReturnType<typeof installApp>

beforeEach(async () => {
  github = await createFakeGitHub()
  installations = installApp(github, { mirage: ['mirage/mirage'], robur: ['robur/dns'] })
  github.addIssues('mirage/mirage', 30)
  github.addIssues('robur/dns', 3)
})

afterEach(async () => {
  await closeFakeGitHub(github)
})

function sync(args: string[], more: Parameters<typeof runCommand>[4] = {}) {
  return runCommand(
    runSync,
    args,
    {
      DATABASE_URL: '',
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: '',
      BOARD_REPOS: '',
      GITHUB_APP_ID: APP_ID,
      GITHUB_APP_PRIVATE_KEY: appKeys.privateKey.replace(/\n/g, '\\n'),
    },
    getDb(),
    more,
  )
}

test('as an app, a sync without names mirrors every installation; names narrow it', async () => {
  const all = await sync(['--json'])
  expect(all.code).toBe(0)
  expect(JSON.parse(all.stdout).repositories).toMatchObject([
    { repository: 'mirage/mirage', outcome: 'updated', added: 30 },
    { repository: 'robur/dns', outcome: 'updated', added: 3 },
  ])

  const narrowed = await sync(['robur', '--json'])
  expect(
    JSON.parse(narrowed.stdout).repositories.map((r: { repository: string }) => r.repository),
  ).toEqual(['robur/dns'])
})

test('as an app, a named repository no installation covers is reported and the sync exits 1, as a name not found does', async () => {
  const { code, stdout } = await sync(['mirage/mirage', 'robur/typo'])
  expect(code).toBe(1)
  expect(stdout).toContain('Repositories: 1')
  expect(stdout).toContain('robur/typo: no installation of the GitHub App covers it')
})

test('as an app GitHub refuses (an unknown id), the sync says which settings to check and exits 2', async () => {
  const result = await runCommand(
    runSync,
    [],
    {
      DATABASE_URL: '',
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: '',
      BOARD_REPOS: '',
      GITHUB_APP_ID: '999',
      GITHUB_APP_PRIVATE_KEY: appKeys.privateKey.replace(/\n/g, '\\n'),
    },
    getDb(),
  )
  expect(result.code).toBe(2)
  expect(result.stderr.trim()).toBe(
    "GitHub refuses the GitHub App's credentials (401): check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY",
  )
})

test('as an app, GitHub going while the installations are listed: the summary names those not listed', async () => {
  // The network goes as the second installation's token is asked for.
  github.faults.add({
    path: `/app/installations/${installations.robur!.id}/access_tokens`,
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  // No waits between the retries that find the port closed.
  const { code, stdout, stderr } = await sync([], { waitScale: 0 })
  expect(code).toBe(1)
  expect(stdout).toContain('Repositories: 0\n')
  expect(stdout).toContain(
    '\nInstallations not listed (GitHub stopped answering): robur\n\nNot reached (GitHub stopped answering): mirage/mirage\n',
  )
  expect(stderr.trim().split('\n').at(-1)).toMatch(/^Could not reach GitHub at /)
})
