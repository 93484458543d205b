import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { DEFAULT_FILTERS } from '../mirror/issue-filters'
import { getIssue, listIssues } from '../mirror/issue.server'
import { listRepositoriesWithCounts, upsertRepository } from '../mirror/repository.server'

import { loadDemoData, seedDemo, seedDemoIfEmpty } from './demo.server'

const getDb = setupTestDatabase()

test('the MirageOS demo loads 99 issues from 14 repositories, with the right counts', async () => {
  expect(await seedDemoIfEmpty(getDb())).toMatchObject({ repositories: 14, issues: 99 })
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

test('the demo says its activity was not recorded; a repository written from GitHub has it again', async () => {
  await loadDemoData(getDb())
  const outreachy = await getIssue('mirage/mirage', 1402, getDb())
  // The summary records no comments, reactions or activity times: its zeros are not facts.
  expect(outreachy).toMatchObject({ history_recorded: false, comment_count: 0 })
  const repositories = await getDb()
    .selectFrom('repository')
    .select(['full_name', 'history_recorded'])
    .execute()
  expect(repositories.filter((repository) => repository.history_recorded)).toEqual([])

  const mirage = await getDb()
    .selectFrom('repository')
    .selectAll()
    .where('full_name', '=', 'mirage/mirage')
    .executeTakeFirstOrThrow()
  const { history_recorded: _, ...fromGitHub } = mirage
  await upsertRepository(fromGitHub, getDb())
  expect((await getIssue('mirage/mirage', 1402, getDb()))?.history_recorded).toBe(true)
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

test('npm run db:seed never loads the demo into a database that mirrors GitHub', async () => {
  await mirror(getDb(), repositoryPayload('mirage/mirage'))
  await expect(seedDemo(getDb())).rejects.toThrow(
    'This database mirrors GitHub (1 repository: mirage/mirage): the demo is never loaded into it. Load the demo into a database of its own: a new DATA_DIR folder, or an empty database in DATABASE_URL.',
  )
  const names = await getDb().selectFrom('repository').select('full_name').execute()
  expect(names).toEqual([{ full_name: 'mirage/mirage' }])
  const accounts = await getDb().selectFrom('account').select('id').execute()
  expect(accounts).toEqual([])
})

test('npm run db:seed reloads the demo into a database that holds only the demo', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  expect(await seedDemo(getDb(), { triaged: false })).toMatchObject({
    repositories: 14,
    issues: 99,
  })
})

test('untriaged, the 48 Pioneer Projects become starter projects: unrated, with their history visible', async () => {
  expect(await loadDemoData(getDb(), undefined, { triaged: false })).toMatchObject({
    starterProjects: 48,
    ratedProjects: 0,
  })
  const projects = await getDb()
    .selectFrom('starter_project')
    .select(['source_key', 'language_stars', 'domain_stars', 'legacy_note', 'status'])
    .orderBy('source_key')
    .execute()
  expect(projects).toHaveLength(48)
  // The history had one mixed scale, not our two axes: nothing is rated, nothing is audited,
  // and no demo person has claimed, reported or asked anything.
  expect(projects.every((p) => p.language_stars === null && p.domain_stars === null)).toBe(true)
  expect(await getDb().selectFrom('rating_audit').selectAll().execute()).toEqual([])
  expect(await getDb().selectFrom('starter_claim').selectAll().execute()).toEqual([])
  expect(await getDb().selectFrom('claim_feedback').selectAll().execute()).toEqual([])
  expect(await getDb().selectFrom('gap_request').selectAll().execute()).toEqual([])
  const dhcp = projects.find((p) => p.source_key === 'pp-04')
  expect(dhcp?.legacy_note).toMatch(/5★.*outside/)
  expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['open', 'done', 'inactive']))
})

test('a Pioneer Project’s origin and sources are its source, in its history note, not its “Read first”', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  const projects = await getDb()
    .selectFrom('starter_project')
    .select(['source_key', 'read_first', 'legacy_note'])
    .execute()
  // The old list gave no reading guide: "Read first" holds only things to read.
  expect(projects.filter((p) => p.read_first !== '').map((p) => p.source_key)).toEqual([])
  for (const project of projects) {
    expect(project.legacy_note).toMatch(/\n\nSource: .+\n(.+\n)*- .*https:\/\//)
  }
})

test("re-seeding keeps a maintainer's edits to a demo project", async () => {
  await loadDemoData(getDb())
  await getDb()
    .updateTable('starter_project')
    .set({ language_stars: 2 })
    .where('source_key', '=', 'pp-13')
    .execute()
  expect(await loadDemoData(getDb())).toMatchObject({ starterProjects: 0 })
  const edited = await getDb()
    .selectFrom('starter_project')
    .select('language_stars')
    .where('source_key', '=', 'pp-13')
    .executeTakeFirstOrThrow()
  expect(edited.language_stars).toBe(2)
  const count = await getDb()
    .selectFrom('starter_project')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  expect(Number(count.n)).toBe(48)
})
