import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callAction } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { listFollows } from '../notifications/inbox.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'

import { action } from './me.settings'

// Following from an idea's or a project's page: the change is recorded and the person stays on
// that page (the Follow button is a side step); from the settings page itself, it answers there.

const getDb = setupTestDatabase()

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
