import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'

import { loadDemoData, seedDemoIfEmpty } from './demo.server'
import { DEFAULT_FILTERS } from './issue-filters'
import { getIssue, listIssues } from './issue.server'
import { listRepositoriesWithCounts } from './repository.server'

const getDb = setupTestDatabase()

test('the MirageOS demo loads 99 issues from 14 repositories, with the right counts', async () => {
  expect(await seedDemoIfEmpty(getDb())).toEqual({ repositories: 14, issues: 99 })
  const repositories = await listRepositoriesWithCounts(getDb())
  expect(repositories).toHaveLength(14)
  const open = repositories.reduce((sum, r) => sum + r.open_issue_count + r.open_pull_count, 0)
  const closed = repositories.reduce(
    (sum, r) => sum + r.closed_issue_count + r.closed_pull_count,
    0,
  )
  // issues.json: 8 open, 47 closed, 44 merged.
  expect({ open, closed }).toEqual({ open: 8, closed: 91 })
})

test('demo issues keep their real titles, labels and merged state', async () => {
  await loadDemoData(getDb())
  const outreachy = await getIssue('mirage/mirage', 1402, getDb())
  expect(outreachy).toMatchObject({ title: 'Outreachy Summer 2023', state: 'open' })
  expect(outreachy?.labels.map((label) => label.name)).toEqual(['Outreachy'])
  const merged = await getIssue('mirage/charrua', 60, getDb())
  expect(merged).toMatchObject({ is_pull_request: true, state: 'closed' })
  expect(merged?.merged_at).toBeInstanceOf(Date)
})

test('seeding is idempotent and never touches a database that already mirrors something', async () => {
  await loadDemoData(getDb())
  await loadDemoData(getDb())
  expect(await seedDemoIfEmpty(getDb())).toBeNull()
  const all = await listIssues(
    { ...DEFAULT_FILTERS, state: 'all', limit: 100, repositoryIds: [] },
    getDb(),
  )
  expect(all.items).toHaveLength(99)
})
