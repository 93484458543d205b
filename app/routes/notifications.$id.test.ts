import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { countUnread } from '../notifications/inbox.server'

import { loader } from './notifications.$id'

const getDb = setupTestDatabase()

async function notification(accountId: number, link: string) {
  const { id } = await getDb()
    .insertInto('notification')
    .values({ account_id: accountId, kind: 'claim-lapsing', event_key: link, title: 'T', link })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const open = (id: number | string, accountId?: number) =>
  callLoader(loader, `/notifications/${id}`, { params: { id: String(id) }, accountId })

test('opening one’s notification marks it read and leads to it; nobody else’s opens', async () => {
  const cam = await createAccount(getDb(), 'cam')
  const noor = await createAccount(getDb(), 'noor')
  const id = await notification(cam.id, '/starter/3')
  const offSite = await notification(cam.id, '//evil.example/x')

  const stranger = await open(id, noor.id)
  expect(stranger.status).toBe(404)
  expect(await countUnread(cam.id, getDb())).toBe(2)
  expect((await open(id)).headers.get('location')).toBe(
    `/login?returnTo=${encodeURIComponent(`/notifications/${id}`)}`,
  )
  expect((await open('x', cam.id)).status).toBe(404)
  expect((await open(99999, cam.id)).status).toBe(404)

  const opened = await open(id, cam.id)
  expect([opened.status, opened.headers.get('location')]).toEqual([302, '/starter/3'])
  expect(await countUnread(cam.id, getDb())).toBe(1)
  // A link that would leave the board leads to the inbox instead.
  expect((await open(offSite, cam.id)).headers.get('location')).toBe('/notifications')
})
