import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader, sessionCookieFor } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { getCurrentUser } from '../accounts/auth.server'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE } from '../accounts/person'
import { loadDemoData } from '../demo/demo.server'

import LoginRoute, { action, loader } from './login'

const getDb = setupTestDatabase()

// Route tests run the board in demo mode (no GitHub sign-in, not production); outside it a
// signed-in person is sent straight on (test/e2e/auth.test.ts, a board with GitHub sign-in).

test('in the demo, a signed-in person may become someone else, and comes back where she was', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const page = await callLoader(loader, '/login?returnTo=/starter?x=1', { accountId: noor.id })
  expect(page.status).toBe(200)
  expect(await page.json()).toMatchObject({
    returnTo: '/starter?x=1',
    current: { name: 'noor', login: 'noor' },
    demoPeople: expect.arrayContaining([expect.objectContaining({ id: 'maintainer' })]),
  })
  const hostile = await callLoader(loader, '/login?returnTo=//evil.example', {
    accountId: noor.id,
  })
  expect((await hostile.json()).returnTo).toBe('/')
})

test('becoming someone else ends the old session on the server, so its cookie opens nothing', async () => {
  const dana = await ensureDemoAccount(DEMO_PEOPLE[0], getDb())
  const oldCookie = await sessionCookieFor(dana)
  const switched = await action({
    request: new Request('http://localhost/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: oldCookie },
      body: new URLSearchParams({ intent: 'demo', person: 'newcomer', returnTo: '/starter' }),
    }),
    params: {},
    context: {},
  })
  expect(switched.status).toBe(302)
  expect(switched.headers.get('Location')).toBe('/starter')
  const newCookie = switched.headers.get('Set-Cookie')!.split(';')[0]!
  const as = (cookie: string) =>
    getCurrentUser(new Request('http://localhost/', { headers: { Cookie: cookie } }))
  expect((await as(newCookie))?.login).toBe('demo-newcomer')
  expect(await as(oldCookie)).toBeNull()
  // Anonymous sign-in is unchanged.
  const anonymous = await callAction(action, '/login', { intent: 'demo', person: 'maintainer' })
  expect(anonymous.status).toBe(302)
})

test("each demo person's role chip says what her name does: Noor, the demo newcomer, is a newcomer with a contributor's rights", async () => {
  const page = await (await callLoader(loader, '/login')).json()
  expect(
    page.demoPeople.map((person: { name: string; role: string }) => [person.name, person.role]),
  ).toEqual([
    ['Noor (demo newcomer)', 'newcomer (contributor)'],
    ['Cam (demo contributor)', 'contributor'],
    ['Dana (demo maintainer)', 'maintainer'],
    ['Ari (second demo maintainer)', 'maintainer'],
  ])
})

test('in the demo, the sign-in page names the seeded people the demo acted as, with what it did, and offers none of them', async () => {
  await loadDemoData(getDb())
  const page = await (await callLoader(loader, '/login')).json()
  expect(page.seededPeople.map((person: { name: string }) => person.name)).toEqual(
    DEMO_SEED_PEOPLE.map((person) => person.name),
  )
  expect(page.seededPeople[0]).toMatchObject({
    role: 'maintainer',
    deeds: expect.stringMatching(/^rated \d+ Pioneer Projects .* opened the demo round$/),
  })
  // Offered: only the people who start with no history; Dana's line says what is hers to see.
  expect(page.demoPeople.map((person: { id: string }) => person.id).sort()).toEqual(
    DEMO_PEOPLE.map((person) => person.id).sort(),
  )
  const dana = page.demoPeople.find((person: { id: string }) => person.id === 'maintainer')
  expect(dana.note).toMatch(
    /^A maintainer: .+\. Mentor of “.+” and “.+”, named so by Sam \(seeded demo maintainer\): a demo action\.$/,
  )
  // Nor can one sign in as a seeded person by posting the form by hand.
  const refused = await callAction(action, '/login', { intent: 'demo', person: 'seed-maintainer' })
  expect(refused.status).toBe(400)
})

test('the demo people come before the note for whoever runs a board: a newcomer meets names, not settings', async () => {
  const data = await (await callLoader(loader, '/login?returnTo=/starter/4')).json()
  const html = (await renderRouteWith(LoginRoute, data, '/login?returnTo=/starter/4')).replace(
    /<[^>]+>/g,
    ' ',
  )
  const lastPerson = html.indexOf('Ari (second demo maintainer)')
  expect(lastPerson).toBeGreaterThan(-1)
  expect(html.indexOf('GITHUB_CLIENT_ID')).toBeGreaterThan(lastPerson)
  expect(html.indexOf('Try it as a demo person')).toBeLessThan(lastPerson)
})

test('a newcomer sent to sign in finds the newcomer and the contributor first, each with a plain line, and the maintainers after', async () => {
  await loadDemoData(getDb())
  const data = await (await callLoader(loader, '/login?returnTo=/starter/4')).json()
  const html = (await renderRouteWith(LoginRoute, data, '/login?returnTo=/starter/4')).replace(
    /<[^>]+>/g,
    ' ',
  )
  const at = (text: string) => {
    const index = html.indexOf(text)
    expect(index, text).toBeGreaterThan(-1)
    return index
  }
  const order = [
    'Newcomers and contributors',
    'Noor (demo newcomer)',
    'A first visit: find a starter project',
    'Cam (demo contributor)',
    'Maintainers',
    'Dana (demo maintainer)',
    'Ari (second demo maintainer)',
  ].map(at)
  expect(order).toEqual([...order].sort((a, b) => a - b))
  // Every person offered is plainly a demo person, and no line reads like a tour script.
  for (const person of data.demoPeople) expect(person.name).toMatch(/\bdemo\b/)
  expect(html).not.toMatch(/come back as/)
})
