import fc from 'fast-check'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'

import {
  changeMaintainerGrant,
  listRoleAudit,
  recordPushAccess,
  upsertGitHubAccount,
} from './account.server'
import { getCurrentUser, safeReturnTo, signIn, signInDemoPerson, signOut } from './auth.server'
import { consumeWriteQuota } from './write-quota.server'

const getDb = setupTestDatabase()

/** A request carrying the cookie a sign-in response set. */
function withCookieFrom(response: Response) {
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  return new Request('http://localhost/', { headers: { Cookie: cookie } })
}

test('anonymous visitors and tampered cookies are nobody', async () => {
  expect(await getCurrentUser(new Request('http://localhost/'))).toBeNull()
  const signedIn = await signInDemoPerson(new Request('http://localhost/login'), 'maintainer', '/')
  const cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]!
  const [name, value] = cookie.split('=') as [string, string]
  const tampered = `${name}=${value.slice(0, -3)}abc`
  expect(
    await getCurrentUser(new Request('http://localhost/', { headers: { Cookie: tampered } })),
  ).toBeNull()
})

test('demo people sign in without a password and get their role', async () => {
  const asMaintainer = await signInDemoPerson(
    new Request('http://localhost/login'),
    'maintainer',
    '/x',
  )
  expect(asMaintainer.headers.get('Location')).toBe('/x')
  expect(asMaintainer.headers.get('Set-Cookie')).toMatch(/HttpOnly/i)
  expect(asMaintainer.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i)
  expect(await getCurrentUser(withCookieFrom(asMaintainer))).toMatchObject({
    login: 'demo-maintainer',
    role: 'maintainer',
    isDemo: true,
  })
  const asContributor = await signInDemoPerson(
    new Request('http://localhost/login'),
    'newcomer',
    '/',
  )
  expect(await getCurrentUser(withCookieFrom(asContributor))).toMatchObject({
    login: 'demo-newcomer',
    role: 'contributor',
  })
  await expect(
    signInDemoPerson(new Request('http://localhost/login'), 'somebody-else', '/'),
  ).rejects.toMatchObject({ status: 400 })
})

test('a GitHub account is a contributor until granted, pushing, or configured', async () => {
  const id = await gitHubAccount(
    { id: 42, login: 'Hannesm', name: 'Hannes', avatar_url: null },
    'gho_secret',
  )
  const request = withCookieFrom(await signIn(new Request('http://localhost/'), id, '/'))
  expect((await getCurrentUser(request))?.role).toBe('contributor')

  const actor = { id, login: 'hannesm' }
  expect(await changeMaintainerGrant(actor, 'grant', 'HANNESM')).toBe(true)
  expect(await changeMaintainerGrant(actor, 'grant', 'hannesm')).toBe(false)
  expect((await getCurrentUser(request))?.role).toBe('maintainer')
  expect(await changeMaintainerGrant(actor, 'revoke', 'hannesm')).toBe(true)
  expect((await getCurrentUser(request))?.role).toBe('contributor')
  expect((await listRoleAudit(10, getDb())).map((e) => [e.action, e.subject_login])).toEqual([
    ['revoke', 'hannesm'],
    ['grant', 'hannesm'],
  ])

  await recordPushAccess(id, true)
  expect((await getCurrentUser(request))?.role).toBe('maintainer')
})

test('a grant a demo person made makes nobody a maintainer, before or after GitHub sign-in', async () => {
  const dana = await getCurrentUser(
    withCookieFrom(
      await signInDemoPerson(new Request('http://localhost/login'), 'maintainer', '/'),
    ),
  )
  // Anyone may be the demo maintainer: the grant is kept as a record of a demo action, no more.
  expect(await changeMaintainerGrant(dana!, 'grant', 'mallory')).toBe(true)
  const id = await gitHubAccount(
    { id: 7, login: 'mallory', name: null, avatar_url: null },
    'gho_secret',
  )
  const request = withCookieFrom(await signIn(new Request('http://localhost/'), id, '/'))
  expect((await getCurrentUser(request))?.role).toBe('contributor')

  const hannes = await gitHubAccount(
    { id: 8, login: 'hannesm', name: null, avatar_url: null },
    'gho_other',
  )
  // Granted again by a real maintainer, the grant is theirs and counts.
  expect(await changeMaintainerGrant(dana!, 'grant', 'mallory')).toBe(false)
  expect(await changeMaintainerGrant({ id: hannes, login: 'hannesm' }, 'grant', 'mallory')).toBe(
    true,
  )
  expect((await getCurrentUser(request))?.role).toBe('maintainer')
  expect(await changeMaintainerGrant({ id: hannes, login: 'hannesm' }, 'grant', 'mallory')).toBe(
    false,
  )
})

test('signing out ends the session on the server: a cookie kept from before opens nothing', async () => {
  const login = () => signInDemoPerson(new Request('http://localhost/login'), 'maintainer', '/')
  const kept = withCookieFrom(await login())
  const otherDevice = withCookieFrom(await login())
  expect((await getCurrentUser(kept))?.role).toBe('maintainer')

  await signOut(kept)
  expect(await getCurrentUser(kept)).toBeNull()
  // Another device's session goes on until it is signed out too.
  expect((await getCurrentUser(otherDevice))?.role).toBe('maintainer')
})

test('signing out everywhere ends every session of the person, and only theirs', async () => {
  const login = (person: string) =>
    signInDemoPerson(new Request('http://localhost/login'), person, '/')
  const laptop = withCookieFrom(await login('maintainer'))
  const phone = withCookieFrom(await login('maintainer'))
  const someoneElse = withCookieFrom(await login('newcomer'))

  await signOut(phone, { everywhere: true })
  expect(await getCurrentUser(laptop)).toBeNull()
  expect(await getCurrentUser(phone)).toBeNull()
  expect((await getCurrentUser(someoneElse))?.login).toBe('demo-newcomer')
  // A cookie already signed out cannot sign anyone out again.
  const fresh = withCookieFrom(await login('maintainer'))
  await signOut(laptop, { everywhere: true })
  expect((await getCurrentUser(fresh))?.login).toBe('demo-maintainer')
})

test('the OAuth token never appears in what a request can read about its user', async () => {
  const id = await gitHubAccount(
    { id: 7, login: 'talex5', name: null, avatar_url: null },
    'gho_do_not_leak',
  )
  const user = await getCurrentUser(withCookieFrom(await signIn(new Request('http://l/'), id, '/')))
  expect(JSON.stringify(user)).not.toContain('gho_do_not_leak')
})

test('returnTo only ever leads to a path of this board', () => {
  fc.assert(
    fc.property(fc.string(), (value) => {
      const target = safeReturnTo(value)
      expect(target.startsWith('/')).toBe(true)
      expect(target.startsWith('//')).toBe(false)
      expect(target).not.toContain('\\')
    }),
  )
  expect(safeReturnTo('/issues?state=all')).toBe('/issues?state=all')
  expect(safeReturnTo('https://evil.example')).toBe('/')
  expect(safeReturnTo('//evil.example')).toBe('/')
  expect(safeReturnTo('/\\evil.example')).toBe('/')
})

test('return paths that a browser would read as another site fall back to the board', () => {
  const corpus = [
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '/./\u002f/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/\\/evil.example',
    '/ /evil.example'.replace(' ', '\u000b'),
    'http://evil.example',
    'javascript:alert(1)',
    '',
  ]
  for (const value of corpus) expect(safeReturnTo(value), JSON.stringify(value)).toBe('/')
  // Encoded slashes stay encoded: a browser reads them as one path segment on this site.
  expect(safeReturnTo('/%2F/evil.example')).toBe('/%2F/evil.example')
  expect(safeReturnTo('/starter?domain=networking#results')).toBe(
    '/starter?domain=networking#results',
  )
})

test('a write quota allows `limit` writes per window, then refuses until the next one', async () => {
  const id = await gitHubAccount({ id: 9, login: 'x', name: null, avatar_url: null }, 't')
  const limit = { limit: 3, windowMs: 60_000 }
  // Half way through a minute's window, whatever the clock says.
  const now = new Date('2026-01-01T10:00:30Z')
  const results = []
  for (let i = 0; i < 4; i++) results.push(await consumeWriteQuota(id, 'idea', limit, now))
  expect(results.map((result) => result.allowed)).toEqual([true, true, true, false])
  expect(results[3]!.retryAfterMs).toBe(30_000)
  // Another action has its own budget.
  expect((await consumeWriteQuota(id, 'claim', limit, now)).allowed).toBe(true)
  // The next window starts afresh.
  const next = new Date('2026-01-01T10:01:00Z')
  expect(await consumeWriteQuota(id, 'idea', limit, next)).toMatchObject({ allowed: true, used: 1 })
})

/**
 * An account as GitHub sign-in leaves it: push access is checked at sign-in (here found none), so
 * no request of the test starts a check in the background that would outlive its database.
 */
async function gitHubAccount(...args: Parameters<typeof upsertGitHubAccount>) {
  const id = await upsertGitHubAccount(...args)
  await recordPushAccess(id, false)
  return id
}
