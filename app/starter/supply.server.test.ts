import fc from 'fast-check'
import { expect, test } from 'vitest'

import type { Stars } from '../../db/schema'
import { setupTestDatabase } from '../../test/database'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'

import { getGapDemand } from './gap-request.server'
import { buildSupplyMatrix, SUPPLY_AXES, SUPPLY_LEVELS, supplyLevel } from './supply'
import {
  countDemoRatedSupply,
  ensureSupplySnapshot,
  getSupplyDashboard,
  listOpenSupplyGroups,
  listSupplyHistory,
  recordSupplySnapshot,
} from './supply.server'

const getDb = setupTestDatabase()
const DOMAINS = ['networking', 'security', 'storage'] as const
const HOUR_MS = 3_600_000

async function addClaim(
  projectId: number,
  accountId: number,
  claim: { expiresAt: Date; endedAt?: Date },
) {
  await getDb()
    .insertInto('starter_claim')
    .values({
      project_id: projectId,
      account_id: accountId,
      expires_at: claim.expiresAt,
      ended_at: claim.endedAt ?? null,
      outcome: claim.endedAt ? 'abandoned' : null,
    })
    .execute()
}

test('the level is the harder axis, unrated when either axis is; each axis on its own too', () => {
  expect(supplyLevel('max', 1, 3)).toBe('3')
  expect(supplyLevel('max', 2, 1)).toBe('2')
  expect(supplyLevel('max', 1, null)).toBe('unrated')
  expect(supplyLevel('language', 1, null)).toBe('1')
  expect(supplyLevel('domain', 1, null)).toBe('unrated')
})

test('supply counts open projects without a running claim; lapsed and ended claims free them', async () => {
  const cam = await createAccount(getDb(), 'cam')
  const running = await createProject(getDb(), { title: 'running claim' })
  const lapsed = await createProject(getDb(), { title: 'lapsed claim' })
  const ended = await createProject(getDb(), { title: 'ended claim' })
  await createProject(getDb(), { title: 'done', status: 'done' })
  await createProject(getDb(), { title: 'inactive', status: 'inactive' })
  await createProject(getDb(), { title: 'free' })
  await addClaim(running, cam.id, { expiresAt: new Date(Date.now() + HOUR_MS) })
  await addClaim(lapsed, cam.id, { expiresAt: new Date(Date.now() - HOUR_MS) })
  await addClaim(ended, cam.id, {
    expiresAt: new Date(Date.now() + HOUR_MS),
    endedAt: new Date(),
  })

  const groups = await listOpenSupplyGroups(getDb())
  expect(groups).toEqual([
    { domain: 'networking', is_primary: true, language_stars: 1, domain_stars: 1, count: 3 },
  ])
})

test('the supply says how many of its projects a demo person rated; a claimed one is not counted', async () => {
  const db = getDb()
  const demo = await createAccount(db, 'demo-maintainer', 'maintainer')
  const real = await createGitHubAccount(db, 'hannesm')
  await createProject(db, { title: 'demo rated' }, demo)
  const claimed = await createProject(db, { title: 'demo rated, claimed' }, demo)
  await createProject(db, { title: 'really rated' }, real)
  await createProject(db, { title: 'unrated', languageStars: null, domainStars: null })
  await addClaim(claimed, real.id, { expiresAt: new Date(Date.now() + HOUR_MS) })

  expect(await countDemoRatedSupply(db)).toBe(1)
  expect((await getSupplyDashboard(DOMAINS, 'max', db)).demoRated).toBe(1)
})

// A project now counts in the row of each of its domains (primary or secondary, what the finder
// offers), so the rows no longer add up to the whole supply: the totals add the primary groups,
// one per project.
test('rows are the configured domains; cells add up to each row, and the primary groups to the whole supply', () => {
  const group = fc.record({
    domain: fc.constantFrom(...DOMAINS, 'retired-domain'),
    is_primary: fc.boolean(),
    language_stars: fc.constantFrom<Stars | null>(1, 2, 3, null),
    domain_stars: fc.constantFrom<Stars | null>(1, 2, 3, null),
    count: fc.integer({ min: 1, max: 50 }),
  })
  fc.assert(
    fc.property(
      fc.array(group, { maxLength: 30 }),
      fc.constantFrom(...SUPPLY_AXES),
      (groups, axis) => {
        const matrix = buildSupplyMatrix(groups, DOMAINS, axis)
        const total = groups.filter((g) => g.is_primary).reduce((sum, g) => sum + g.count, 0)
        expect(matrix.total).toBe(total)
        expect(matrix.rows.slice(0, 3).map((row) => row.domain)).toEqual([...DOMAINS])
        for (const row of matrix.rows) {
          expect(SUPPLY_LEVELS.reduce((sum, level) => sum + row.cells[level], 0)).toBe(row.total)
        }
        expect(SUPPLY_LEVELS.reduce((sum, level) => sum + matrix.columnTotals[level], 0)).toBe(
          total,
        )
        expect(matrix.rows.reduce((sum, row) => sum + row.total, 0)).toBe(
          groups.reduce((sum, g) => sum + g.count, 0),
        )
        // The retired domain is shown (it still has projects) but never flagged.
        expect(
          matrix.dryDomains.every((domain) => (DOMAINS as readonly string[]).includes(domain)),
        ).toBe(true)
        // A domain with projects a rating may make 1★ has not run dry: it waits for a rating
        // instead, counting no more projects than its unrated cell.
        for (const { domain, unrated } of matrix.waitingForRating) {
          const row = matrix.rows.find((candidate) => candidate.domain === domain)!
          expect(matrix.dryDomains).not.toContain(domain)
          expect(unrated).toBeGreaterThan(0)
          expect(unrated).toBeLessThanOrEqual(row.cells.unrated)
        }
      },
    ),
  )
})

test("a domain is flagged as run dry in a view when that view's 1★ column is 0 and nothing there is unrated", async () => {
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 2, domainStars: 2 })
  await createProject(getDb(), { primaryDomain: 'security', languageStars: 3, domainStars: 1 })
  await createProject(getDb(), { primaryDomain: 'storage', languageStars: 1, domainStars: null })
  // Unrated in its domain, but 2★ in the language already: no rating makes it 1★ on both axes.
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 2, domainStars: null })
  const matrix = buildSupplyMatrix(await listOpenSupplyGroups(getDb()), DOMAINS, 'max')
  expect(matrix.rows.map((row) => [row.domain, row.cells])).toEqual([
    ['networking', { '1': 0, '2': 1, '3': 0, unrated: 1 }],
    ['security', { '1': 0, '2': 0, '3': 1, unrated: 0 }],
    ['storage', { '1': 0, '2': 0, '3': 0, unrated: 1 }],
  ])
  // The harder axis shows 0 in every 1★ cell, though security and storage each hold a project
  // rated 1★ on one axis; storage's is unrated on the other, so it may yet prove easy: storage
  // waits for a rating and has not run dry. Networking's unrated project cannot be easy: dry.
  expect(matrix.dryDomains).toEqual(['networking', 'security'])
  expect(matrix.waitingForRating).toEqual([{ domain: 'storage', unrated: 1 }])
  const byLanguage = buildSupplyMatrix(await listOpenSupplyGroups(getDb()), DOMAINS, 'language')
  expect(byLanguage.columnTotals).toEqual({ '1': 1, '2': 2, '3': 1, unrated: 0 })
  expect(byLanguage.dryDomains).toEqual(['networking', 'security'])
  expect(byLanguage.waitingForRating).toEqual([])
  // On one axis, any project unrated on it may be rated 1★ there.
  const byDomain = buildSupplyMatrix(await listOpenSupplyGroups(getDb()), DOMAINS, 'domain')
  expect(byDomain.dryDomains).toEqual([])
  expect(byDomain.waitingForRating).toEqual([
    { domain: 'networking', unrated: 1 },
    { domain: 'storage', unrated: 1 },
  ])
  // Each row whose 1★ cell is 0 is either dry or waiting for a rating, never both: the marks
  // agree with the map.
  for (const view of [matrix, byLanguage, byDomain]) {
    const zero = view.rows.filter((row) => row.cells['1'] === 0)
    expect(zero.filter((row) => row.awaitingRating === 0).map((row) => row.domain)).toEqual(
      view.dryDomains,
    )
    expect(
      zero
        .filter((row) => row.awaitingRating > 0)
        .map((row) => ({ domain: row.domain, unrated: row.awaitingRating })),
    ).toEqual(view.waitingForRating)
  }
})

test("a domain's supply counts projects whose secondary domain it is, as the gap dashboard does", async () => {
  // The walkthrough's case: the networking project is claimed; a security project that also
  // touches networking is what the finder offers a newcomer who knows networking.
  const cam = await createAccount(getDb(), 'cam')
  const telnet = await createProject(getDb(), { primaryDomain: 'networking' })
  await addClaim(telnet, cam.id, { expiresAt: new Date(Date.now() + HOUR_MS) })
  await createProject(getDb(), {
    primaryDomain: 'security',
    secondaryDomains: ['networking'],
    languageStars: 1,
    domainStars: 2,
  })

  const matrix = buildSupplyMatrix(await listOpenSupplyGroups(getDb()), DOMAINS, 'max')
  expect(matrix.rows.map((row) => [row.domain, row.total, row.oneStar])).toEqual([
    ['networking', 1, 1],
    ['security', 1, 1],
    ['storage', 0, 0],
  ])
  // 1★ in the language but 2★ in the domain: 2★ on the harder axis, so no domain has a 1★.
  expect(matrix.dryDomains).toEqual(['networking', 'security', 'storage'])
  expect(matrix.total).toBe(1)
  const demand = await getGapDemand(DOMAINS, getDb())
  const networking = demand.find((row) => row.domain === 'networking')!
  expect(networking.cells.none.fitting).toBe(1)

  // The daily history still counts the project once.
  const recorded = await recordSupplySnapshot(getDb(), '2026-01-10', DOMAINS)
  expect(recorded).toEqual({ day: '2026-01-10', total: 1, oneStar: 1 })
  expect(await listSupplyHistory(getDb(), { today: '2026-01-10' })).toEqual([
    { day: '2026-01-10', total: 1, oneStar: 1 },
  ])
})

test('a day is recorded once per domain and level; recording again the same day replaces it', async () => {
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 1, domainStars: 2 })
  await recordSupplySnapshot(getDb(), '2026-01-10', DOMAINS)
  await createProject(getDb(), { primaryDomain: 'security', languageStars: 3, domainStars: 3 })
  await recordSupplySnapshot(getDb(), '2026-01-11', DOMAINS)
  await recordSupplySnapshot(getDb(), '2026-01-11', DOMAINS)

  const rows = await getDb().selectFrom('supply_snapshot').selectAll().execute()
  // 3 domains × (4 levels + the 1★ count) per day, zeros included.
  expect(rows).toHaveLength(2 * 3 * 5)
  expect(await listSupplyHistory(getDb(), { today: '2026-01-11' })).toEqual([
    { day: '2026-01-10', total: 1, oneStar: 1 },
    { day: '2026-01-11', total: 2, oneStar: 1 },
  ])
  // The window ends at `today` and reaches back `days` days.
  expect(await listSupplyHistory(getDb(), { today: '2026-01-11', days: 1 })).toEqual([
    { day: '2026-01-11', total: 2, oneStar: 1 },
  ])
  await expect(recordSupplySnapshot(getDb(), '11/01/2026', DOMAINS)).rejects.toThrow(/YYYY-MM-DD/)
})

test("the dashboard records today's snapshot when missing and shows today live", async () => {
  // One day throughout, so the test cannot straddle midnight.
  const today = '2026-01-11'
  await createProject(getDb(), { primaryDomain: 'storage', languageStars: 1, domainStars: 1 })
  expect(await ensureSupplySnapshot(DOMAINS, getDb(), today)).toBe(true)
  expect(await ensureSupplySnapshot(DOMAINS, getDb(), today)).toBe(false)
  await createProject(getDb(), { primaryDomain: 'storage', languageStars: 2, domainStars: 2 })

  const dashboard = await getSupplyDashboard(DOMAINS, 'max', getDb(), today)
  expect(dashboard.history).toEqual([{ day: today, total: 2, oneStar: 1 }])
  expect(dashboard.matrix.dryDomains).toEqual(['networking', 'security'])
})
