import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createAccount } from '../../test/starter-factories'
import { loader as staleLoader } from '../routes/issues.stale'
import { loader as candidatesLoader } from '../routes/starter.candidates'

import { loadDemoData } from './demo.server'

// The demo's newest open activity is from May 2024: its time-based pages measure from there
// (decision 012), and say so.

const getDb = setupTestDatabase()

test('the demo lists real MirageOS issues as candidates, with the reasons, as of its own time', async () => {
  await loadDemoData(getDb())
  const maintainer = await createAccount(getDb(), 'mara', 'maintainer')
  const response = await callLoader(candidatesLoader, '/starter/candidates', {
    accountId: maintainer.id,
  })
  const data = (await response.json()) as {
    clockNote: string | null
    candidates: { ref: string; title: string; reasons: string[] }[]
  }
  expect(data.candidates.length).toBeGreaterThan(0)
  expect(data.candidates[0]).toMatchObject({
    ref: 'mirage/mirage-www#837',
    title: 'Dead link /docs/papers',
    reasons: ['unassigned', 'updated 26 May 2024 or later', 'short and concrete'],
  })
  expect(data.clockNote).toMatch(/^Measured as of 26 May 2024/)
})

test('the demo’s stale view separates stale work from fresh work', async () => {
  await loadDemoData(getDb())
  const response = await callLoader(staleLoader, '/issues/stale')
  const data = (await response.json()) as {
    totalStale: number
    clockNote: string | null
    fresh: { totalFresh: number; items: { repo: string; number: number }[] }
    repositories: { repo: string; issues: { number: number }[] }[]
  }
  // 8 open items in the demo: the one from May 2024 is fresh, the 2014-2023 ones are stale.
  expect(data.fresh.items.map((item) => `${item.repo}#${item.number}`)).toEqual([
    'mirage/mirage-www#837',
  ])
  expect(data.totalStale).toBe(7)
  expect(data.repositories.map((r) => r.repo)).toContain('mirage/ocaml-git')
  expect(data.clockNote).toMatch(/^Measured as of 26 May 2024/)
  // A wider window takes the 2023 Outreachy call and the 2022 DNSSEC report out of "stale".
  const wider = (await (await callLoader(staleLoader, '/issues/stale?months=24')).json()) as {
    fresh: { totalFresh: number }
  }
  expect(wider.fresh.totalFresh).toBe(3)
})

test('a live board measures the same data from the real clock: everything is stale', async () => {
  await loadDemoData(getDb())
  const repository = await getDb()
    .selectFrom('repository')
    .select('id')
    .where('full_name', '=', 'mirage/mirage-www')
    .executeTakeFirstOrThrow()
  await getDb()
    .insertInto('repository_sync_state')
    .values({ repository_id: repository.id, last_started_at: new Date() })
    .execute()
  const data = (await (await callLoader(staleLoader, '/issues/stale')).json()) as {
    clockNote: string | null
    fresh: { totalFresh: number }
    totalStale: number
  }
  expect(data.clockNote).toBeNull()
  // The demo's newest open item is from 2024, so on the real clock (2026 or later) none is fresh.
  expect(data.fresh.totalFresh).toBe(0)
  expect(data.totalStale).toBe(8)
})
