import { sql } from 'kysely'
import { expect, test } from 'vitest'

import type { Database } from '../../db/client.server'
import { setupTestDatabase } from '../../test/database'
import { createAccount, createProject } from '../../test/starter-factories'
import { claimStarterProject, endClaim, releaseClaim } from '../starter/claim.server'
import { formatDate } from '../utils/format'

import { listNotifications, setDelivery, setFollowing } from './inbox.server'
import { LAPSED_NEWS_MS } from './kinds'
import { sendReminders } from './reminders.server'

// A project free again because its claim lapsed or a maintainer released it: its mentors and
// followers are told (kind project_freed), never the claimant nor the maintainer who released it,
// once per freeing however often the reminders job runs.

const getDb = setupTestDatabase()

const DAY_MS = 86_400_000

/** A project with a mentor, a follower and a claimant who follows it too; the claim's holder. */
async function claimedProject(db: Database, overrides: Parameters<typeof createProject>[1] = {}) {
  const mentor = await createAccount(db, 'mentor')
  const follower = await createAccount(db, 'follower')
  const holder = await createAccount(db, 'holder')
  const project = await createProject(db, {
    title: 'DNS resolver',
    mentors: ['@mentor'],
    ...overrides,
  })
  for (const person of [follower, holder]) {
    await setFollowing(person.id, { type: 'project', id: project }, true, db)
  }
  const claim = await claimStarterProject(project, holder, db, 30)
  return { mentor, follower, holder, project, claim }
}

async function freedNotices(accountId: number) {
  const { items } = await listNotifications(accountId, null, getDb())
  return items
    .filter((item) => item.kind === 'project_freed')
    .map(({ title, link }) => ({ title, link }))
}

/** Moves a claim's expiry to `days` before the database's now: it lapsed then. */
async function lapsedDaysAgo(claimId: number, days: number) {
  await getDb()
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() - make_interval(days => ${days})` })
    .where('id', '=', claimId)
    .execute()
}

test('a lapsed claim tells the project’s mentors and followers it is free again, once, however often the job runs; never the claimant', async () => {
  const db = getDb()
  const { mentor, follower, holder, project, claim } = await claimedProject(db)
  const afterLapse = new Date(claim.expires_at.getTime() + 60_000)

  expect(
    (await sendReminders(new Date(claim.expires_at.getTime() - 60_000), db)).projectFreed,
  ).toBe(0)
  expect((await sendReminders(afterLapse, db)).projectFreed).toBe(2)
  // Again, and two servers at once: nobody is told twice.
  const again = await Promise.all([
    sendReminders(new Date(afterLapse.getTime() + 3_600_000), db),
    sendReminders(new Date(afterLapse.getTime() + 3_600_000), db),
  ])
  expect(again.map((summary) => summary.projectFreed)).toEqual([0, 0])

  const told = {
    title: `“DNS resolver” is free again: the claim by holder (demo person) lapsed on ${formatDate(claim.expires_at)}`,
    link: `/starter/${project}`,
  }
  expect(await freedNotices(mentor.id)).toEqual([told])
  expect(await freedNotices(follower.id)).toEqual([told])
  // Her own lapse is told her by claim_lapsed, not as a project free again.
  expect(await freedNotices(holder.id)).toEqual([])
  const { items } = await listNotifications(holder.id, null, db)
  expect(items.map((item) => item.kind)).toContain('claim_lapsed')
})

test('a lapse first seen longer than LAPSED_NEWS_MS after it is not news; a recent one is', async () => {
  const db = getDb()
  const { mentor, claim } = await claimedProject(db)
  const fresh = await createProject(db, { title: 'TLS bindings', mentors: ['@mentor'] })
  const other = await createAccount(db, 'other')
  const freshClaim = await claimStarterProject(fresh, other, db, 30)
  await lapsedDaysAgo(claim.id, LAPSED_NEWS_MS / DAY_MS + 1)
  await lapsedDaysAgo(freshClaim.id, 1)

  expect((await sendReminders(new Date(), db)).projectFreed).toBe(1)
  expect((await freedNotices(mentor.id)).map((notice) => notice.link)).toEqual([
    `/starter/${fresh}`,
  ])
})

test('a lapse is not news once the project is taken again, nor while someone else works on an elastic project; the last one to lapse frees it', async () => {
  const db = getDb()
  const { mentor, holder, project, claim } = await claimedProject(db, { size: 'elastic' })
  const second = await createAccount(db, 'second')
  const secondClaim = await claimStarterProject(project, second, db, 30)
  await lapsedDaysAgo(claim.id, 2)

  // Someone else still works on it: not free.
  expect((await sendReminders(new Date(), db)).projectFreed).toBe(0)
  expect(await freedNotices(mentor.id)).toEqual([])

  // The other claim lapses too: now it is free, told once, for that lapse only (to the mentor,
  // the follower, and the first holder, who follows it and whose claim this was not).
  await lapsedDaysAgo(secondClaim.id, 1)
  expect((await sendReminders(new Date(), db)).projectFreed).toBe(3)
  expect((await sendReminders(new Date(), db)).projectFreed).toBe(0)
  expect((await freedNotices(mentor.id)).map((notice) => notice.title)).toEqual([
    expect.stringMatching(
      /^“DNS resolver” is free again: the claim by second \(demo person\) lapsed/,
    ),
  ])

  // Taken again: the earlier lapses are no news any more, even to a follower not told yet.
  const newcomer = await createAccount(db, 'newcomer')
  await claimStarterProject(project, newcomer, db, 30)
  const watcher = await createAccount(db, 'watcher')
  await setFollowing(watcher.id, { type: 'project', id: project }, true, db)
  expect((await sendReminders(new Date(), db)).projectFreed).toBe(0)
  expect(await freedNotices(watcher.id)).toEqual([])
  expect(await freedNotices(holder.id)).toHaveLength(1)
})

test('a maintainer releasing a running claim tells the mentors and followers who released it; not the claimant nor the releaser', async () => {
  const db = getDb()
  const { mentor, follower, holder, project, claim } = await claimedProject(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  await setFollowing(maintainer.id, { type: 'project', id: project }, true, db)

  await releaseClaim(project, claim.id, maintainer, { confirmed: true }, db)

  const told = {
    title:
      '“DNS resolver” is free again: dana (demo person) released the claim by holder (demo person)',
    link: `/starter/${project}`,
  }
  expect(await freedNotices(mentor.id)).toEqual([told])
  expect(await freedNotices(follower.id)).toEqual([told])
  expect(await freedNotices(holder.id)).toEqual([])
  expect(await freedNotices(maintainer.id)).toEqual([])
  // Ended, the claim never lapses: the reminders job tells nobody again.
  expect(
    (await sendReminders(new Date(claim.expires_at.getTime() + DAY_MS), db)).projectFreed,
  ).toBe(0)
  expect(await freedNotices(mentor.id)).toHaveLength(1)
})

test('releasing a lapsed claim already told tells nobody twice; one not told yet says it lapsed and who released it', async () => {
  const db = getDb()
  const { mentor, project, claim } = await claimedProject(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  await lapsedDaysAgo(claim.id, 1)
  await sendReminders(new Date(), db)
  await releaseClaim(project, claim.id, maintainer, { confirmed: false }, db)
  expect(await freedNotices(mentor.id)).toHaveLength(1)

  const other = await createProject(db, { title: 'TLS bindings', mentors: ['@mentor'] })
  const holder2 = await createAccount(db, 'nia')
  const otherClaim = await claimStarterProject(other, holder2, db, 30)
  await lapsedDaysAgo(otherClaim.id, 1)
  const { expires_at } = await db
    .selectFrom('starter_claim')
    .select('expires_at')
    .where('id', '=', otherClaim.id)
    .executeTakeFirstOrThrow()
  await releaseClaim(other, otherClaim.id, maintainer, { confirmed: false }, db)
  expect((await freedNotices(mentor.id))[0]).toEqual({
    title: `“TLS bindings” is free again: the claim by nia (demo person) lapsed on ${formatDate(expires_at)} and dana (demo person) released it`,
    link: `/starter/${other}`,
  })
  expect(await sendReminders(new Date(), db)).toMatchObject({ projectFreed: 0 })
  expect(await freedNotices(mentor.id)).toHaveLength(2)
})

test('releasing one claim of an elastic project someone else still works on frees nothing; a stop or a finish is told as before, not as free again', async () => {
  const db = getDb()
  const { mentor, project, claim } = await claimedProject(db, { size: 'elastic' })
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  const second = await createAccount(db, 'second')
  const secondClaim = await claimStarterProject(project, second, db, 30)

  await releaseClaim(project, claim.id, maintainer, { confirmed: true }, db)
  expect(await freedNotices(mentor.id)).toEqual([])
  await endClaim(project, secondClaim.id, second, 'abandoned', db)
  expect(await freedNotices(mentor.id)).toEqual([])

  // Released when the other has stopped: free again.
  const third = await createAccount(db, 'third')
  const thirdClaim = await claimStarterProject(project, third, db, 30)
  await releaseClaim(project, thirdClaim.id, maintainer, { confirmed: true }, db)
  expect((await freedNotices(mentor.id)).map((notice) => notice.title)).toEqual([
    '“DNS resolver” is free again: dana (demo person) released the claim by third (demo person)',
  ])
})

test('a follower who turned the kind off, or unfollowed, is not told; a mentor who unfollowed is', async () => {
  const db = getDb()
  const { mentor, follower, project, claim } = await claimedProject(db)
  const leaver = await createAccount(db, 'leaver')
  await setFollowing(leaver.id, { type: 'project', id: project }, true, db)
  await setFollowing(leaver.id, { type: 'project', id: project }, false, db)
  await setFollowing(mentor.id, { type: 'project', id: project }, false, db)
  await setDelivery(follower.id, 'project_freed', 'off', db)

  await sendReminders(new Date(claim.expires_at.getTime() + 60_000), db)
  expect(await freedNotices(mentor.id)).toHaveLength(1)
  expect(await freedNotices(follower.id)).toEqual([])
  expect(await freedNotices(leaver.id)).toEqual([])
})

async function releasedNotices(accountId: number) {
  const { items } = await listNotifications(accountId, null, getDb())
  return items
    .filter((item) => item.kind === 'claim_released')
    .map(({ title, link }) => ({ title, link }))
}

test('a maintainer releasing a claim tells its holder who did and that she may claim it again; her settings can silence it', async () => {
  const db = getDb()
  const { mentor, holder, project, claim } = await claimedProject(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')

  await releaseClaim(project, claim.id, maintainer, { confirmed: true }, db)

  expect(await releasedNotices(holder.id)).toEqual([
    {
      title:
        'dana (demo person) released your claim on “DNS resolver”: it is open to others now; claim it again if you are still on it',
      link: `/starter/${project}`,
    },
  ])
  // Hers alone: the mentor hears that the project is free, not of her claim.
  expect(await releasedNotices(mentor.id)).toEqual([])

  const quiet = await createAccount(db, 'quiet')
  await setDelivery(quiet.id, 'claim_released', 'off', db)
  const quietProject = await createProject(db, { title: 'TLS bindings' })
  const quietClaim = await claimStarterProject(quietProject, quiet, db, 30)
  await releaseClaim(quietProject, quietClaim.id, maintainer, { confirmed: true }, db)
  expect(await releasedNotices(quiet.id)).toEqual([])
})

test('releasing a claim that lapsed longer than LAPSED_NEWS_MS ago is tidying up: its holder is not told', async () => {
  const db = getDb()
  const { holder, project, claim } = await claimedProject(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  await lapsedDaysAgo(claim.id, LAPSED_NEWS_MS / DAY_MS + 1)

  await releaseClaim(project, claim.id, maintainer, { confirmed: false }, db)

  expect(await releasedNotices(holder.id)).toEqual([])
})
