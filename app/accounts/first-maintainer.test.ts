import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'

import { changeMaintainerGrant, recordPushAccess, upsertGitHubAccount } from './account.server'
import { requireMaintainer, signIn } from './auth.server'

// A board with GitHub sign-in has no demo maintainer to fall back on: the operator who signs in
// first, before anyone is named, must be told how to become its first maintainer.
process.env.GITHUB_CLIENT_ID = 'board-client'
process.env.GITHUB_CLIENT_SECRET = 'board-secret'

const getDb = setupTestDatabase()

async function refusalFor(login: string, githubId: number) {
  const id = await upsertGitHubAccount(
    { id: githubId, login, name: null, avatar_url: null },
    'gho_secret',
  )
  // Checked at sign-in, as GitHub sign-in does: no request starts a check in the background.
  await recordPushAccess(id, false, getDb())
  const cookie = (await signIn(new Request('http://localhost/'), id, '/')).headers
    .get('Set-Cookie')!
    .split(';')[0]!
  const thrown = await requireMaintainer(
    new Request('http://localhost/setup', { headers: { Cookie: cookie } }),
  ).catch((error: unknown) => error)
  expect(thrown).toBeInstanceOf(Response)
  const response = thrown as Response
  expect(response.status).toBe(403)
  return { id, message: await response.text() }
}

test('on a board with no maintainer yet, the refusal says how to name the first one', async () => {
  const { message } = await refusalFor('Alice', 1)
  expect(message).toBe(
    'Only maintainers can do that, and this board has none yet. To be its first, set ' +
      'BOARD_MAINTAINERS=alice (your GitHub login) and restart the board. People who can push to ' +
      'a mirrored repository are maintainers too, checked as they sign in: if you can, sign out ' +
      'and in again once a sync has mirrored that repository.',
  )
})

test('once the board has a maintainer, others are simply refused', async () => {
  const hannes = await upsertGitHubAccount(
    { id: 2, login: 'hannesm', name: null, avatar_url: null },
    'gho_other',
  )
  await recordPushAccess(hannes, true, getDb())
  expect((await refusalFor('bob', 3)).message).toBe('Only maintainers can do that.')

  await recordPushAccess(hannes, false, getDb())
  await changeMaintainerGrant({ id: hannes, login: 'hannesm' }, 'grant', 'carol')
  expect((await refusalFor('dave', 4)).message).toBe('Only maintainers can do that.')
})
