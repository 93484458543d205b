import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import {
  getDeliverySettings,
  listFollows,
  listNotifications,
  setDelivery,
  setFollowing,
} from '../notifications/inbox.server'
import { KIND_NAMES } from '../notifications/kinds'
import { sendReminders } from '../notifications/reminders.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { claimStarterProject } from '../starter/claim.server'

import SettingsRoute, { action, loader } from './me.settings'

// Following from an idea's or a project's page: the change is recorded and the person stays on
// that page (the Follow button is a side step); from the settings page itself, it answers there.

// A board with no email configured, as the demo is (me.settings.email.test.ts: one with email).
delete process.env.SMTP_URL

const getDb = setupTestDatabase()

/** Each kind's choices on the settings page, as `value:label`, the shown one marked with `*`. */
function deliveryChoicesIn(page: string) {
  return Object.fromEntries(
    [...page.matchAll(/<select id="delivery-(\w+)"[^>]*>(.*?)<\/select>/g)].map(
      ([, kind, body]) => [
        kind,
        [...body!.matchAll(/<option value="(\w+)"( selected="")?>([^<]*)<\/option>/g)].map(
          ([, value, selected, label]) => `${selected ? '*' : ''}${value}:${label}`,
        ),
      ],
    ),
  )
}

async function settingsPage(accountId: number) {
  return renderRouteWith(
    SettingsRoute,
    await (await callLoader(loader, '/me/settings', { accountId })).json(),
    '/me/settings',
  )
}

test('following from an idea’s page records it and goes back to that page', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const idea = await makeIdea(db, await makeTarget(db), 'Chart network-stack progress')
  const response = await callAction(
    action,
    '/me/settings',
    {
      intent: 'follow',
      subjectType: 'idea',
      subjectId: String(idea),
      following: 'yes',
      returnTo: `/roadmap/ideas/${idea}`,
    },
    { accountId: cam.id },
  )
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe(`/roadmap/ideas/${idea}`)
  expect(await listFollows(cam.id, db)).toMatchObject([
    { subject_type: 'idea', subject_id: idea, following: true },
  ])
})

test('a return path off the board is not followed: the settings page answers instead', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const idea = await makeIdea(db, await makeTarget(db), 'Chart network-stack progress')
  for (const returnTo of ['//evil.example/', 'https://evil.example/']) {
    const response = await callAction(
      action,
      '/me/settings',
      { intent: 'follow', subjectType: 'idea', subjectId: String(idea), following: 'no', returnTo },
      { accountId: cam.id },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, message: 'Unfollowed.' })
  }
})

test('following an area from its ideas list records it, goes back there, and unfollowing works too', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const { areas } = await makeTarget(db)
  const returnTo = '/roadmap/ideas?target=mirageos-3-0&area=quality-and-testing'
  const follow = (following: 'yes' | 'no') =>
    callAction(
      action,
      '/me/settings',
      {
        intent: 'follow',
        subjectType: 'area',
        subjectId: String(areas.quality),
        following,
        returnTo,
      },
      { accountId: cam.id },
    )
  const followed = await follow('yes')
  expect(followed.status).toBe(302)
  expect(followed.headers.get('Location')).toBe(returnTo)
  expect(await listFollows(cam.id, db)).toEqual([
    {
      subject_type: 'area',
      subject_id: areas.quality,
      following: true,
      title: 'Quality and testing (MirageOS 3.0)',
      link: returnTo,
    },
  ])
  expect((await follow('no')).status).toBe(302)
  expect(await listFollows(cam.id, db)).toMatchObject([
    { subject_type: 'area', subject_id: areas.quality, following: false },
  ])
})

test('following an unknown area, or by an id that is no number or too big for one, is refused with the reason', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const { areas } = await makeTarget(db)
  const cases: [Record<string, string>, number, string][] = [
    [
      { subjectId: String(areas.docs + 1000) },
      404,
      `There is no area ${areas.docs + 1000} on the roadmap.`,
    ],
    [{ subjectId: 'docs' }, 400, 'That is not an idea, project or area number.'],
    [{ subjectId: '99999999999999999999' }, 400, 'That is not an idea, project or area number.'],
    [{ subjectId: '2147483648' }, 400, 'That is not an idea, project or area number.'],
    [{ subjectId: '-1' }, 400, 'That is not an idea, project or area number.'],
    [{ subjectType: 'team' }, 400, 'Follow an idea, a project or an area.'],
  ]
  for (const [change, status, message] of cases) {
    const response = await callAction(
      action,
      '/me/settings',
      {
        intent: 'follow',
        subjectType: 'area',
        subjectId: String(areas.docs),
        following: 'yes',
        returnTo: '/roadmap/ideas',
        ...change,
      },
      { accountId: cam.id },
    )
    expect([response.status, await response.json()]).toEqual([status, { ok: false, message }])
  }
  expect(await listFollows(cam.id, db)).toEqual([])
})

test('a project free again is a kind of its own on the settings page; turned off there, a lapse tells her nothing', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const holder = await createAccount(db, 'holder')
  const project = await createProject(db, { mentors: ['@cam'] })
  const claim = await claimStarterProject(project, holder, db, 30)
  const page = await renderRouteWith(
    SettingsRoute,
    await (await callLoader(loader, '/me/settings', { accountId: cam.id })).json(),
    '/me/settings',
  )
  expect(page).toContain(
    '<label for="delivery-project_freed">A project I mentor or follow is free again (a claim lapsed or was released)</label>',
  )

  const deliveries = Object.fromEntries(KIND_NAMES.map((kind) => [kind, 'email']))
  const saved = await callAction(
    action,
    '/me/settings',
    { intent: 'deliveries', ...deliveries, project_freed: 'off' },
    { accountId: cam.id },
  )
  expect(saved.status).toBe(200)
  await sendReminders(new Date(claim.expires_at.getTime() + 60_000), db)
  const { items } = await listNotifications(cam.id, null, db)
  expect(items.map((item) => item.kind)).toEqual(['project_claimed'])
})

test('a mentor who unfollowed her project still hears of its claims, and the settings say so rather than “unless you unfollow them”', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const noor = await createAccount(db, 'noor')
  const project = await createProject(db, { title: 'Window scaling', mentors: ['cam'] })
  await setFollowing(cam.id, { type: 'project', id: project }, false, db)
  await claimStarterProject(project, noor, db, 30)
  const told = await db
    .selectFrom('notification')
    .select('title')
    .where('account_id', '=', cam.id)
    .execute()
  expect(told.map((row) => row.title)).toEqual([
    expect.stringMatching(/is working on “Window scaling”/),
  ])

  const data = await (await callLoader(loader, '/me/settings', { accountId: cam.id })).json()
  const text = (await renderRouteWith(SettingsRoute, data, '/me/settings'))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  expect(text).not.toContain('unless you unfollow them')
  expect(text).toContain(
    'the claims, finishes, stops and freeings (free again) of the projects you mentor, which an unfollow does not silence: turn those kinds off above instead.',
  )
})

test('without email configured, each kind is shown as Inbox by default, offered Inbox or Off, and the page says when email comes', async () => {
  // A maintainer, offered every kind.
  const cam = await createAccount(getDb(), 'cam', 'maintainer')
  await setDelivery(cam.id, 'claim_lapsing', 'inbox', getDb())
  await setDelivery(cam.id, 'round_opened', 'off', getDb())
  const page = await settingsPage(cam.id)
  const choices = deliveryChoicesIn(page)
  expect(Object.keys(choices)).toEqual(KIND_NAMES)
  // "Inbox and email" was the default shown on a page that says no email is sent.
  expect(page).not.toContain('Inbox and email</option>')
  expect(choices.claim_answered).toEqual(['*inbox:Inbox', 'off:Off'])
  expect(choices.claim_lapsing).toEqual(['*inbox:Inbox', 'off:Off'])
  expect(choices.round_opened).toEqual(['inbox:Inbox', '*off:Off'])
  expect(page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(
    'This board sends no email yet, so what you keep on comes to your Inbox. Email becomes a choice here once the board’s operator configures it',
  )
})

test('without email configured, saving the page keeps each kind’s email setting for when email is configured', async () => {
  const cam = await createAccount(getDb(), 'cam', 'maintainer')
  await setDelivery(cam.id, 'claim_lapsing', 'inbox', getDb())
  await setDelivery(cam.id, 'idea_decided', 'off', getDb())
  // What the page posts as shown: every kind "Inbox", but one turned off now.
  const shown = Object.fromEntries(KIND_NAMES.map((kind) => [kind, 'inbox']))
  const saved = await callAction(
    action,
    '/me/settings',
    { intent: 'deliveries', ...shown, round_opened: 'off' },
    { accountId: cam.id },
  )
  expect(saved.status).toBe(200)
  expect(await getDeliverySettings(cam.id, getDb())).toMatchObject({
    // Never chosen: the default, email, is kept; chosen inbox only before: still so.
    claim_answered: 'email',
    claim_lapsing: 'inbox',
    // Turned off now; turned back on from off: on as by default.
    round_opened: 'off',
    idea_decided: 'email',
  })
})

test('the settings offer each person only the kinds that can reach her; a maintainer-only setting survives her role changing', async () => {
  const db = getDb()
  const maintainerOnly = ['round_opened', 'round_closing', 'gap_requested', 'mentor_offered']
  const dana = await createAccount(db, 'dana', 'maintainer')
  expect(Object.keys(deliveryChoicesIn(await settingsPage(dana.id)))).toEqual(KIND_NAMES)

  // Dana turned off rounds closing as a maintainer, then became a contributor.
  await setDelivery(dana.id, 'round_closing', 'off', db)
  await db
    .updateTable('account')
    .set({ demo_role: 'contributor' })
    .where('id', '=', dana.id)
    .execute()
  const page = await settingsPage(dana.id)
  const offered = Object.keys(deliveryChoicesIn(page))
  expect(offered).toEqual(KIND_NAMES.filter((kind) => !maintainerOnly.includes(kind)))
  expect(page).not.toContain('A round I vote in')
  expect(page).not.toContain('(maintainers)</label>')

  // Her page posts her kinds only: saved, and the maintainer-only setting is kept as it was.
  const posted = Object.fromEntries(offered.map((kind) => [kind, 'inbox']))
  const saved = await callAction(
    action,
    '/me/settings',
    { intent: 'deliveries', ...posted, claim_answered: 'off' },
    { accountId: dana.id },
  )
  expect(saved.status).toBe(200)
  expect(await getDeliverySettings(dana.id, db)).toMatchObject({
    claim_answered: 'off',
    round_closing: 'off',
    round_opened: 'email',
  })
  // A kind of hers left out is refused with the reason, not saved by half.
  const { claim_answered: _left, ...short } = posted
  const refused = await callAction(
    action,
    '/me/settings',
    { intent: 'deliveries', ...short },
    { accountId: dana.id },
  )
  expect([refused.status, await refused.json()]).toEqual([
    400,
    { ok: false, message: 'Choose email, inbox or off for each kind.' },
  ])
})
