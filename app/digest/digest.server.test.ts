import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createAccount, createProject } from '../../test/starter-factories'
import { claimStarterProject, endClaim } from '../starter/claim.server'
import { Refusal } from '../utils/refusal'

import { digestMarkdown } from './compose'
import { loadDigest } from './digest.server'
import { DIGEST_ITEM_MAX_LENGTH } from './items'
import { createDigestItem, deleteDigestItem } from './items.server'
import { parseDigestPeriod, periodKey } from './period'

// The agenda read from a real database: the starter sections come from the starter queries,
// items added by hand from digest_item.

const getDb = setupTestDatabase()
const settings = { domains: ['networking', 'security'], driftThreshold: 0.75, driftMinReports: 2 }

test('the starter sections: dry domains, new and finished projects, claims lapsing', async () => {
  const db = getDb()
  const amy = await createAccount(db, 'amy')
  const open = await createProject(db, { title: 'Open one', primaryDomain: 'networking' })
  const finished = await createProject(db, { title: 'Done one', primaryDomain: 'security' })
  await claimStarterProject(open, amy, db, 5)
  const claim = await claimStarterProject(finished, amy, db, 30)
  await endClaim(finished, claim.id, amy, 'done', db)

  // A minute after the writes: the database stamps them with now() to the microsecond, so a
  // period ending at this very millisecond could end just before the claim did.
  const now = new Date(Date.now() + 60_000)
  const digest = await loadDigest(parseDigestPeriod('2w', now), db, settings)

  // The open networking project is claimed, the security one done: no 1★ left anywhere.
  expect(digest.starterSupply.dryDomains).toEqual(['networking', 'security'])
  expect(digest.starterSupply.newProjects.map((p) => p.title)).toEqual(['Open one', 'Done one'])
  expect(digest.starterSupply.finishedProjects).toMatchObject([{ title: 'Done one', login: 'amy' }])
  expect(digest.starterSupply.lapsingClaims).toMatchObject([{ title: 'Open one', login: 'amy' }])
  expect(digest.ratingDrift).toEqual({ shown: [], total: 0 })
})

test('items added by hand are filed under their period and head the agenda', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const period = parseDigestPeriod('2w', new Date())
  const item = await createDigestItem(periodKey(period), '  Release   date\nfor DNS ', mia, db)
  await createDigestItem('2020-01-01..2020-01-15', 'Another call', mia, db)

  const digest = await loadDigest(period, db, settings)

  expect(item.text).toBe('Release date for DNS')
  expect(digest.items).toMatchObject([{ text: 'Release date for DNS', login: 'mia' }])
  expect(digestMarkdown(digest)).toContain('## Added by hand\n\n- Release date for DNS (mia)')

  await deleteDigestItem(periodKey(period), item.id, db)
  expect((await loadDigest(period, db, settings)).items).toEqual([])
})

test.each([
  ['   ', /empty/],
  ['x'.repeat(DIGEST_ITEM_MAX_LENGTH + 1), /at most 500 characters; this one has 501/],
])('an item %# is refused with the reason, nothing stored', async (text, reason) => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const attempt = createDigestItem('2026-11-20..2026-12-04', text, mia, db)
  await expect(attempt).rejects.toThrow(Refusal)
  await expect(attempt).rejects.toThrow(reason)
  const rows = await db.selectFrom('digest_item').select('id').execute()
  expect(rows).toEqual([])
})

test('deleting an item of another period is a 404', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const item = await createDigestItem('2026-11-20..2026-12-04', 'Kept', mia, db)
  await expect(deleteDigestItem('2026-11-21..2026-12-05', item.id, db)).rejects.toMatchObject({
    status: 404,
  })
})
