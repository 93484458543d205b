import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'

import { loader as newProjectLoader } from './starter.new'
import { loader } from './starter.triage'

// A board set up for another community (BOARD_REPOS names its repositories) that kept
// LANGUAGE_NAME and STARTER_DOMAINS at MirageOS's defaults. Read once per file, as at start-up.
process.env.BOARD_REPOS = 'acme'

const getDb = setupTestDatabase()

async function isOnDefaultAxes(path: string, accountId: number) {
  const response = await callLoader(path === '/starter/new' ? newProjectLoader : loader, path, {
    accountId,
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { isOnDefaultAxes: boolean }).isOnDefaultAxes
}

test('before the first rating, triage and the tagging form say the axes are still MirageOS’s', async () => {
  // The first triage recorded every rating as "OCaml difficulty" in MirageOS's areas, unwarned.
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await createProject(getDb(), { title: 'Unrated', languageStars: null, domainStars: null })
  expect(await isOnDefaultAxes('/starter/triage', dana.id)).toBe(true)
  expect(await isOnDefaultAxes('/starter/new', dana.id)).toBe(true)
})

test('once a project is rated, the axes are the board’s choice and the warning is gone', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await createProject(getDb(), { title: 'Rated', languageStars: 1, domainStars: null })
  expect(await isOnDefaultAxes('/starter/triage', dana.id)).toBe(false)
  expect(await isOnDefaultAxes('/starter/new', dana.id)).toBe(false)
})
