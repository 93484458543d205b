import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { loadDemoData } from '../demo/demo.server'

import { getBoardClock } from './board-clock.server'

const getDb = setupTestDatabase()
const realNow = new Date('2026-12-04T05:00:00Z')

test('an empty board uses the real clock', async () => {
  expect(await getBoardClock(getDb(), realNow)).toEqual({ kind: 'real', now: realNow })
})

test('the demo, which never synced, reads as of its newest open item (mirage-www#837, May 2024)', async () => {
  await loadDemoData(getDb())
  expect(await getBoardClock(getDb(), realNow)).toEqual({
    kind: 'snapshot',
    now: new Date('2024-05-26T12:00:00Z'),
  })
})

test('once a sweep has started, the same data is a live board on the real clock', async () => {
  await loadDemoData(getDb())
  const repository = await getDb()
    .selectFrom('repository')
    .select('id')
    .where('full_name', '=', 'mirage/mirage')
    .executeTakeFirstOrThrow()
  await getDb()
    .insertInto('repository_sync_state')
    .values({ repository_id: repository.id, last_started_at: new Date('2026-12-01T00:00:00Z') })
    .execute()
  expect(await getBoardClock(getDb(), realNow)).toEqual({ kind: 'real', now: realNow })
})

test('a board fed only by webhooks is live too', async () => {
  await loadDemoData(getDb())
  await getDb()
    .insertInto('webhook_delivery')
    .values({ hook_id: 1, delivery_id: 'd-1', event: 'issues', action: 'opened', payload: '{}' })
    .execute()
  expect(await getBoardClock(getDb(), realNow)).toEqual({ kind: 'real', now: realNow })
})
