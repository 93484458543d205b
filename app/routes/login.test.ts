import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'

import { loader } from './login'

const getDb = setupTestDatabase()

test('signed in, /login goes on to its safe returnTo, query included; a hostile one to /', async () => {
  const noor = await createAccount(getDb(), 'noor')
  const onward = await callLoader(loader, '/login?returnTo=/starter?x=1', { accountId: noor.id })
  expect(onward.status).toBe(302)
  expect(onward.headers.get('Location')).toBe('/starter?x=1')
  const hostile = await callLoader(loader, '/login?returnTo=//evil.example', {
    accountId: noor.id,
  })
  expect(hostile.headers.get('Location')).toBe('/')
})
