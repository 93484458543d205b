import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createGitHubAccount } from '../../test/starter-factories'
import { spendWriteBudget } from '../../test/write-budget'

import NothingFitsRoute, { action, loader } from './starter.nothing-fits'

const getDb = setupTestDatabase()

const post = (form: [string, string][], accountId?: number) =>
  callAction(action, '/starter/nothing-fits', form, { accountId })

const gapRows = () => getDb().selectFrom('gap_request').selectAll().execute()

const FROM_FINDER: [string, string][] = [
  ['languageLevel', 'some'],
  ['domains', 'networking'],
  ['domains', 'security'],
  ['time', 'week'],
  ['wantsMentor', 'on'],
  ['note', 'I wrote a TCP stack in C once'],
  ['returnTo', '/starter?level=some&know=networking'],
]

test('anonymous visitors must sign in first, and nothing is stored', async () => {
  const response = await post(FROM_FINDER)
  expect(response.status).toBe(401)
  expect(await gapRows()).toEqual([])
})

test('a request is stored and the sender is sent back to the finder with a thank-you', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const response = await post(FROM_FINDER, noor.id)
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe(
    '/starter?level=some&know=networking&nothingFits=sent',
  )
  expect(await gapRows()).toMatchObject([
    {
      account_id: noor.id,
      language_level: 'some',
      domains: ['networking', 'security'],
      time_available: 'week',
      wants_mentor: true,
      note: 'I wrote a TCP stack in C once',
    },
  ])

  // The same request again at once (a double click) is refused and stored once.
  const again = await post(FROM_FINDER, noor.id)
  expect(again.status).toBe(409)
  expect(((await again.json()) as { message: string }).message).toMatch(/a moment ago/)
  expect(await gapRows()).toHaveLength(1)
})

test('a request over the write budget answers 429 with Retry-After, keeps what was typed and stores nothing', async () => {
  const noor = await createAccount(getDb(), 'noor')
  await spendWriteBudget(getDb(), noor.id, 'gap-request')
  const response = await post(FROM_FINDER, noor.id)
  expect(response.status).toBe(429)
  expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
  const body = (await response.json()) as { message: string; values: Record<string, unknown> }
  expect(body.message).toMatch(/^You have reached the limit for this \(10 in a row\)/)
  expect(body.values).toEqual({
    languageLevel: 'some',
    domains: ['networking', 'security'],
    time: 'week',
    wantsMentor: 'on',
    note: 'I wrote a TCP stack in C once',
    returnTo: '/starter?level=some&know=networking',
  })
  expect(await gapRows()).toEqual([])
})

test('bad input is refused field by field, keeps what was typed and stores nothing', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const response = await post(
    [
      ['languageLevel', 'expert'],
      ['domains', 'cooking'],
      ['time', 'forever'],
      ['note', 'x'.repeat(2001)],
    ],
    noor.id,
  )
  expect(response.status).toBe(400)
  const body = (await response.json()) as {
    errors: Record<string, string>
    values: { domains: string[]; time: string }
  }
  expect(Object.keys(body.errors).sort()).toEqual(['domains', 'languageLevel', 'note', 'time'])
  expect(body.errors.domains).toMatch(/unknown domain "cooking"/)
  expect(body.values).toMatchObject({ domains: ['cooking'], time: 'forever' })
  expect(await gapRows()).toEqual([])
})

test('an empty request asks for the level in the words the form shows, not its stored values', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const response = await post([['time', 'forever']], noor.id)
  expect(response.status).toBe(400)
  const { errors } = (await response.json()) as { errors: Record<string, string> }
  expect(errors.languageLevel).toBe('choose one of “New to it”, “Some experience”, “Comfortable”')
  expect(errors.time).toBe(
    'choose one of “About a day”, “About a week”, “About a month”, “Any amount”',
  )
  expect(await gapRows()).toEqual([])
})

test('a foreign return address falls back to this page', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const response = await post(
    [
      ['languageLevel', 'none'],
      ['returnTo', '//evil.example/phish'],
    ],
    noor.id,
  )
  expect(response.headers.get('Location')).toBe('/starter/nothing-fits?nothingFits=sent')
})

test("the page fills in the finder's background from its link", async () => {
  const response = await callLoader(
    loader,
    '/starter/nothing-fits?level=comfortable&know=storage&know=cooking&time=month&wantsMentor=yes',
  )
  const data = await response.json()
  expect(data.values).toMatchObject({
    languageLevel: 'comfortable',
    domains: ['storage'],
    time: 'month',
    wantsMentor: 'on',
  })
  expect(data.isSignedIn).toBe(false)
})

test('the thanks on this page say a demo person’s request is a demo request, and how to see it answered', async () => {
  const at = '/starter/nothing-fits?nothingFits=sent'
  const thanks = async (accountId: number) => {
    const data = await (await callLoader(loader, at, { accountId })).json()
    return (await renderRouteWith(NothingFitsRoute, data, at))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  }
  expect(await thanks((await createAccount(getDb(), 'noor')).id)).toContain(
    'It is a demo request: in this demo the maintainers are demo accounts, so an answer comes when someone signs in as one. Be a demo maintainer to answer it from the Gap dashboard.',
  )
  expect(await thanks((await createGitHubAccount(getDb(), 'nia')).id)).not.toContain('demo request')
})
