import type { Kysely } from 'kysely'
import { expect, test } from 'vitest'

import * as mentorOfferMigration from '../../migrations/20261226000000_mentor_offer'
import { setupTestDatabase } from '../../test/database'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'

import { getMentorOffer, listOpenMentorOffers, settleMentorOffer } from './mentor-offer.server'

const getDb = setupTestDatabase()

test('offers made before the table are read from their notices: the earliest is when, any demo notice makes it a demo action, one she mentors now was added', async () => {
  const db = getDb()
  const [cam, nia, dana, kit] = [
    await createGitHubAccount(db, 'cam'),
    await createAccount(db, 'nia'),
    await createMaintainer(db, 'dana'),
    await createMaintainer(db, 'kit'),
  ]
  const id = await createProject(db, { title: 'TCP tests', mentors: [] })
  const other = await createProject(db, { title: 'DNS tests', mentors: ['@cam'] })
  const notice = (accountId: number, eventKey: string, at: string, isDemo = false) => ({
    account_id: accountId,
    kind: 'mentor_offered',
    event_key: eventKey,
    title: 'offers to mentor',
    link: '/',
    created_at: new Date(at),
    is_demo_action: isDemo,
  })
  const migrations = db as unknown as Kysely<unknown>
  await mentorOfferMigration.down(migrations)
  try {
    await db
      .insertInto('notification')
      .values([
        notice(dana.id, `mentor-offered:${id}:${cam.id}`, '2026-12-02T10:00:00Z'),
        notice(kit.id, `mentor-offered:${id}:${cam.id}`, '2026-12-01T10:00:00Z'),
        notice(dana.id, `mentor-offered:${id}:${nia.id}`, '2026-12-03T10:00:00Z', true),
        notice(dana.id, `mentor-offered:${other}:${cam.id}`, '2026-12-04T10:00:00Z'),
        // Neither an offer nor one on a project or account still there: nothing to copy.
        notice(dana.id, 'mentor-offered:x:1', '2026-12-05T10:00:00Z'),
        notice(dana.id, `mentor-offered:999999:${cam.id}`, '2026-12-05T10:00:00Z'),
        notice(dana.id, `mentor-offered:${id}:999999`, '2026-12-05T10:00:00Z'),
      ])
      .execute()
  } finally {
    await mentorOfferMigration.up(migrations)
  }
  expect(await getMentorOffer(id, cam.id, db)).toEqual({
    offeredAt: new Date('2026-12-01T10:00:00Z'),
    isDemo: false,
    outcome: null,
  })
  expect(await getMentorOffer(id, nia.id, db)).toMatchObject({ isDemo: true, outcome: null })
  // Added (she mentors it), when and by whom unknown: it waits for nobody.
  const added = await db
    .selectFrom('mentor_offer')
    .select(['outcome', 'settled_at', 'settled_by'])
    .where('project_id', '=', other)
    .execute()
  expect(added).toEqual([{ outcome: 'added', settled_at: null, settled_by: null }])
  expect((await listOpenMentorOffers(id, db)).map((offer) => offer.name)).toEqual([
    'cam',
    'nia (demo person)',
  ])
  expect(await listOpenMentorOffers(other, db)).toEqual([])
  expect(await db.selectFrom('mentor_offer').select('id').execute()).toHaveLength(3)

  // Settling a copied offer reads the maintainers' notices of it, keyed before offers had ids.
  const [camOffer] = await listOpenMentorOffers(id, db)
  await settleMentorOffer(id, camOffer!.id, 'declined', { ...dana, isMaintainer: true }, db)
  const unread = await db
    .selectFrom('notification')
    .select('event_key')
    .where('kind', '=', 'mentor_offered')
    .where('read_at', 'is', null)
    .where('event_key', 'in', [`mentor-offered:${id}:${cam.id}`, `mentor-offered:${id}:${nia.id}`])
    .execute()
  expect(unread).toEqual([{ event_key: `mentor-offered:${id}:${nia.id}` }])
})
