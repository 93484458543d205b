import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { getDeliverySettings } from '../notifications/inbox.server'
import { KIND_NAMES } from '../notifications/kinds'

import SettingsRoute, { action, loader } from './me.settings'

// A board that sends email (SMTP_URL set; read once per file, as at start-up): the settings offer
// email, "Inbox and email" by default, and save each choice as made. Without email:
// me.settings.test.ts.
process.env.SMTP_URL = 'smtp://127.0.0.1:9'

const getDb = setupTestDatabase()

test('with email configured, every kind offers Inbox and email (the default), Inbox only or Off, and saves the choice made', async () => {
  const cam = await createAccount(getDb(), 'cam')
  const page = await renderRouteWith(
    SettingsRoute,
    await (await callLoader(loader, '/me/settings', { accountId: cam.id })).json(),
    '/me/settings',
  )
  expect(page).toContain(
    '<option value="email" selected="">Inbox and email</option><option value="inbox">Inbox only</option><option value="off">Off</option>',
  )
  expect(page).not.toContain('This board sends no email yet')

  const chosen = Object.fromEntries(KIND_NAMES.map((kind) => [kind, 'email']))
  const saved = await callAction(
    action,
    '/me/settings',
    { intent: 'deliveries', ...chosen, claim_answered: 'inbox' },
    { accountId: cam.id },
  )
  expect(saved.status).toBe(200)
  expect(await getDeliverySettings(cam.id, getDb())).toMatchObject({
    claim_answered: 'inbox',
    claim_lapsing: 'email',
  })
})
