import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { setFollowing } from '../notifications/inbox.server'
import { claimStarterProject } from '../starter/claim.server'

import NotificationsRoute, { loader } from './notifications._index'

const getDb = setupTestDatabase()

async function inboxText(accountId: number) {
  const data = await (await callLoader(loader, '/notifications', { accountId })).json()
  const html = await renderRouteWith(NotificationsRoute, data, '/notifications')
  return { data, text: html.replaceAll('<!-- -->', '').replace(/<[^>]+>/g, '') }
}

test('an empty inbox right after a claim names the project followed, not “claim a starter project”', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const before = await inboxText(cam.id)
  expect(before.text).toContain('Nothing here yet. Claim a starter project or follow an idea')

  const id = await createProject(db, { title: 'DHCP client', mentors: ['@hannesm'] })
  await claimStarterProject(id, cam, db)
  const after = await inboxText(cam.id)
  expect(after.text).toContain(
    'Nothing here yet. You follow DHCP client: what happens to it comes here. My work lists them all.',
  )
  expect(after.data.following).toEqual([{ title: 'DHCP client', link: `/starter/${id}` }])
})

test('an empty inbox names three followed things and counts the rest; unfollowed ones are left out', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const ids = []
  for (const title of ['One', 'Two', 'Three', 'Four', 'Five']) {
    const id = await createProject(db, { title })
    ids.push(id)
    await setFollowing(cam.id, { type: 'project', id }, true, db)
  }
  await setFollowing(cam.id, { type: 'project', id: ids[4]! }, false, db)
  const { text } = await inboxText(cam.id)
  expect(text).toMatch(
    /^.*Nothing here yet\. You follow \w+, \w+, \w+ and 1 more: what happens to them comes here\./s,
  )
  expect(text).not.toContain('Five')
})
