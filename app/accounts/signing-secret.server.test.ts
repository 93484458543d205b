import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'

import { getCurrentUser, signInDemoPerson } from './auth.server'
import { ensureBoardSecret, signingSecrets } from './signing-secret.server'

const getDb = setupTestDatabase()

/** What a process that has just started holds: no secret and no session storage read yet. */
function asFreshProcess() {
  const globals = globalThis as Record<string, unknown>
  delete globals.__pioneerBoardSigningSecrets
  delete globals.__pioneerBoardSessionStorage
}

test('processes starting together agree on one secret, kept in one row', async () => {
  const secrets = await Promise.all([ensureBoardSecret(getDb()), ensureBoardSecret(getDb())])
  expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/)
  expect(secrets[1]).toBe(secrets[0])
  expect(await getDb().selectFrom('board_secret').select('secret').execute()).toEqual([
    { secret: secrets[0] },
  ])
})

test('without SESSION_SECRET, a restarted process signs with the secret the last one kept', async () => {
  asFreshProcess()
  const first = await signingSecrets()
  asFreshProcess()
  const second = await signingSecrets()
  expect(second).toEqual(first)
  expect(first).toEqual([await ensureBoardSecret(getDb())])
})

test('a session cookie made before a restart still signs its person in after it', async () => {
  asFreshProcess()
  const signedIn = await signInDemoPerson(new Request('http://localhost/login'), 'maintainer', '/')
  const cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]!
  asFreshProcess()
  const user = await getCurrentUser(
    new Request('http://localhost/', { headers: { Cookie: cookie } }),
  )
  expect(user?.login).toBe('demo-maintainer')
})
