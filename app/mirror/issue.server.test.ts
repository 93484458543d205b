import fc from 'fast-check'
import { sql } from 'kysely'
import { expect, test } from 'vitest'

import type { Database } from '../../db/client.server'
import { storableText } from '../../db/storable-text'
import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { mapIssue } from '../github/map'

import { DEFAULT_FILTERS, type IssueFilters } from './issue-filters'
import { deleteIssue, getIssue, listIssues, listStaleIssues, upsertIssues } from './issue.server'
import { deleteLabel, setIssueLabels } from './label.server'
import { listRepositoriesWithCounts } from './repository.server'

const getDb = setupTestDatabase()

function filters(overrides: Partial<IssueFilters> & { repositoryIds?: number[] } = {}) {
  return { ...DEFAULT_FILTERS, repositoryIds: [], ...overrides }
}

test('re-upserting an issue replaces its label set, so removed labels disappear', async () => {
  const repo = repositoryPayload('mirage/mirage')
  const bug = labelPayload('bug')
  const easy = labelPayload('easy')
  const issue = issuePayload(repo.full_name, 1, { labels: [bug, easy] })
  await mirror(getDb(), repo, [issue])
  await upsertIssues([mapIssue({ ...issue, labels: [easy] }, repo.id)], getDb())

  const stored = await getIssue('mirage/mirage', 1, getDb())
  expect(stored?.labels.map((label) => label.name)).toEqual(['easy'])
  const byBug = await listIssues(filters({ labels: ['bug'] }), getDb())
  expect(byBug.items).toEqual([])
})

test('deleting an issue, a label or a repository deletes their label links and nothing else', async () => {
  const a = repositoryPayload('mirage/links-a')
  const b = repositoryPayload('mirage/links-b')
  const bug = labelPayload('bug')
  const easy = labelPayload('easy')
  const one = issuePayload(a.full_name, 1, { labels: [bug, easy] })
  const two = issuePayload(a.full_name, 2, { labels: [bug, easy] })
  const three = issuePayload(a.full_name, 3, { labels: [easy] })
  const otherBug = labelPayload('bug')
  const other = issuePayload(b.full_name, 1, { labels: [otherBug] })
  await mirror(getDb(), a, [one, two, three])
  await mirror(getDb(), b, [other])
  const links = async () =>
    (
      await getDb()
        .selectFrom('issue_label')
        .select(['issue_id', 'label_id'])
        .orderBy('issue_id')
        .orderBy('label_id')
        .execute()
    ).map((link) => `${link.issue_id}-${link.label_id}`)

  await deleteIssue(a.id, one.id, 'deleted', getDb())
  expect(await links()).toEqual([
    `${two.id}-${bug.id}`,
    `${two.id}-${easy.id}`,
    `${three.id}-${easy.id}`,
    `${other.id}-${otherBug.id}`,
  ])
  await deleteLabel(a.id, bug.id, getDb())
  expect(await links()).toEqual([
    `${two.id}-${easy.id}`,
    `${three.id}-${easy.id}`,
    `${other.id}-${otherBug.id}`,
  ])
  // Through the repository's own cascade to its issues and labels.
  await getDb().deleteFrom('repository').where('id', '=', b.id).execute()
  expect(await links()).toEqual([`${two.id}-${easy.id}`, `${three.id}-${easy.id}`])
  await setIssueLabels(a.id, 2, [], getDb())
  expect(await links()).toEqual([`${three.id}-${easy.id}`])
})

test('the label filter needs every label, matching names in any case across repositories', async () => {
  const a = repositoryPayload('mirage/a')
  const b = repositoryPayload('mirage/b')
  const bug = labelPayload('Bug')
  await mirror(getDb(), a, [
    issuePayload(a.full_name, 1, { labels: [bug, labelPayload('help wanted')] }),
    issuePayload(a.full_name, 2, { labels: [bug] }),
  ])
  await mirror(getDb(), b, [
    issuePayload(b.full_name, 1, { labels: [labelPayload('bug'), labelPayload('Help Wanted')] }),
  ])
  const both = await listIssues(filters({ labels: ['BUG', 'help wanted'] }), getDb())
  expect(both.items.map((issue) => `${issue.repo}#${issue.number}`).sort()).toEqual([
    'mirage/a#1',
    'mirage/b#1',
  ])
})

test('filters by repository, state, type, author and text combine', async () => {
  const a = repositoryPayload('mirage/mirage-tcpip')
  const b = repositoryPayload('mirage/ocaml-dns')
  await mirror(getDb(), a, [
    issuePayload(a.full_name, 1, {
      title: 'TCP window scaling is broken',
      user: { login: 'Talex5' },
    }),
    issuePayload(a.full_name, 2, {
      title: 'Fix window scaling',
      pull_request: { merged_at: null },
      user: { login: 'talex5' },
    }),
    issuePayload(a.full_name, 3, { title: 'Closed window bug', state: 'closed' }),
  ])
  await mirror(getDb(), b, [
    issuePayload(b.full_name, 1, { title: 'DNS window', user: { login: 'talex5' } }),
  ])

  const numbers = async (overrides: Parameters<typeof filters>[0]) =>
    (await listIssues(filters(overrides), getDb())).items.map((i) => `${i.repo}#${i.number}`).sort()

  expect(await numbers({ repositoryIds: [a.id] })).toEqual([
    'mirage/mirage-tcpip#1',
    'mirage/mirage-tcpip#2',
  ])
  expect(await numbers({ repositoryIds: [a.id], state: 'all' })).toHaveLength(3)
  expect(await numbers({ state: 'closed' })).toEqual(['mirage/mirage-tcpip#3'])
  expect(await numbers({ type: 'pr' })).toEqual(['mirage/mirage-tcpip#2'])
  expect(await numbers({ type: 'issue', author: 'TALEX5' })).toEqual([
    'mirage/mirage-tcpip#1',
    'mirage/ocaml-dns#1',
  ])
  // Full-text search stems words: "scaling" finds "scale".
  expect(await numbers({ q: 'scale window' })).toEqual([
    'mirage/mirage-tcpip#1',
    'mirage/mirage-tcpip#2',
  ])
  expect(await numbers({ q: 'window -dns' })).toEqual([
    'mirage/mirage-tcpip#1',
    'mirage/mirage-tcpip#2',
  ])
})

test('keyset pages visit every matching issue exactly once, in sort order', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          hours: fc.integer({ min: 0, max: 30 }),
          open: fc.boolean(),
          created: fc.integer({ min: 0, max: 30 }),
        }),
        { maxLength: 25 },
      ),
      fc.constantFrom('updated' as const, 'newest' as const, 'oldest' as const),
      fc.integer({ min: 1, max: 7 }),
      async (specs, sort, limit) => {
        await sql`truncate repository cascade`.execute(getDb())
        const repo = repositoryPayload('mirage/pages')
        // Equal timestamps are common (bulk edits); the id breaks ties.
        const issues = specs.map((spec, index) =>
          issuePayload(repo.full_name, index + 1, {
            state: spec.open ? 'open' : 'closed',
            updated_at: new Date(Date.UTC(2020, 0, 1, spec.hours)).toISOString(),
            created_at: new Date(Date.UTC(2019, 0, 1, spec.created)).toISOString(),
          }),
        )
        await mirror(getDb(), repo, issues)

        const seen: number[] = []
        let cursor: IssueFilters['cursor'] = null
        for (let page = 0; page <= issues.length; page++) {
          const result = await listIssues(filters({ state: 'all', sort, limit, cursor }), getDb())
          seen.push(...result.items.map((item) => item.id))
          if (!result.nextCursor) break
          cursor = result.nextCursor
        }
        const key = (issue: (typeof issues)[number]) =>
          sort === 'updated' ? issue.updated_at : issue.created_at
        const expected = [...issues]
          .sort((x, y) => key(x).localeCompare(key(y)) || x.id - y.id)
          .map((issue) => issue.id)
        expect(seen).toEqual(sort === 'oldest' ? expected : expected.reverse())
      },
    ),
    { numRuns: 25 },
  )
})

test('an issue needs its repository stored, and a repository deleted or emptied takes its issues with it', async () => {
  const kept = repositoryPayload('mirage/kept')
  const gone = repositoryPayload('mirage/gone')
  const bug = labelPayload('bug')
  await mirror(getDb(), kept, [issuePayload(kept.full_name, 1, { labels: [bug] })])
  await mirror(getDb(), gone, [issuePayload(gone.full_name, 1), issuePayload(gone.full_name, 2)])
  const issues = async () =>
    (
      await getDb()
        .selectFrom('issue as i')
        .innerJoin('repository as r', 'r.id', 'i.repository_id')
        .select(['r.full_name', 'i.number'])
        .orderBy('r.full_name')
        .orderBy('i.number')
        .execute()
    ).map((row) => `${row.full_name}#${row.number}`)
  const allIssues = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from issue`.execute(getDb())).rows[0]!.n)

  // One statement naming a repository that is not stored fails as the foreign key did, whole.
  const fine = mapIssue(issuePayload(kept.full_name, 2), kept.id)
  const orphan = mapIssue(issuePayload('mirage/never-stored', 1), 987_654_321)
  await expect(upsertIssues([fine, orphan], getDb())).rejects.toMatchObject({ code: '23503' })
  // Moving a stored issue to such a repository fails too.
  const moved = mapIssue(
    issuePayload(kept.full_name, 1, { updated_at: '2030-01-01T00:00:00Z' }),
    987_654_321,
  )
  moved.issue.id = (await getIssue(kept.full_name, 1, getDb()))!.id
  await expect(upsertIssues([moved], getDb())).rejects.toMatchObject({ code: '23503' })
  expect(await issues()).toEqual(['mirage/gone#1', 'mirage/gone#2', 'mirage/kept#1'])
  const counts = await listRepositoriesWithCounts(getDb())
  expect(counts.map((repo) => [repo.full_name, repo.open_issue_count])).toEqual([
    ['mirage/gone', 2],
    ['mirage/kept', 1],
  ])

  await getDb().deleteFrom('repository').where('id', '=', gone.id).execute()
  expect(await issues()).toEqual(['mirage/kept#1'])
  expect(await allIssues()).toBe(1)
  // TRUNCATE fires no delete trigger: the repository's truncate trigger empties issue.
  await sql`truncate repository cascade`.execute(getDb())
  expect(await allIssues()).toBe(0)
  expect(await getDb().selectFrom('issue_label').selectAll().execute()).toEqual([])
})

test('a repository deleted while its issues are written never leaves them behind, in either order', async () => {
  const repo = repositoryPayload('mirage/racing')
  await mirror(getDb(), repo)
  // On PostgreSQL the second transaction blocks on the first's row lock: wait until it does, so
  // the first commits while the second waits (PGlite runs one transaction at a time anyway).
  const untilOneWaitsOnALock = async () => {
    if (!process.env.DATABASE_URL) return
    for (;;) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(getDb())
      if (rows[0]!.waiting > 0) return
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  const deleteRepository = () =>
    getDb().deleteFrom('repository').where('id', '=', repo.id).execute()
  const writeIssue = (number: number, db: Database = getDb()) =>
    upsertIssues([mapIssue(issuePayload(repo.full_name, number), repo.id)], db)
  const holding = <T>(work: (trx: Database) => Promise<T>) => {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let started!: () => void
    const startedWork = new Promise<void>((resolve) => (started = resolve))
    const done = getDb()
      .transaction()
      .execute(async (trx) => {
        const value = await work(trx)
        started()
        await released
        return value
      })
    return { done, started: startedWork, release }
  }

  // The issues are written first: the delete waits for their commit, then takes them with it.
  const writing = holding((trx) => writeIssue(1, trx))
  await writing.started
  const deleting = deleteRepository()
  await untilOneWaitsOnALock()
  writing.release()
  await writing.done
  await deleting
  expect(await getDb().selectFrom('issue').select('number').execute()).toEqual([])

  // The repository is deleted first: the write waits for that commit, then fails as a foreign key.
  await mirror(getDb(), repo)
  const removing = holding((trx) =>
    trx.deleteFrom('repository').where('id', '=', repo.id).execute(),
  )
  await removing.started
  const written = writeIssue(3).then(
    () => 'written',
    (error: { code?: string }) => error.code,
  )
  await untilOneWaitsOnALock()
  removing.release()
  await removing.done
  expect(await written).toBe('23503')
  expect(await getDb().selectFrom('issue').select('number').execute()).toEqual([])
})

test('per-repository counts stay equal to a recount through any sequence of upserts', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          repo: fc.integer({ min: 0, max: 2 }),
          number: fc.integer({ min: 1, max: 6 }),
          open: fc.boolean(),
          pull: fc.boolean(),
        }),
        { maxLength: 20 },
      ),
      async (steps) => {
        await sql`truncate repository cascade`.execute(getDb())
        const repos = [0, 1, 2].map((index) => repositoryPayload(`count/r${index}`))
        for (const repo of repos) await mirror(getDb(), repo)
        // Stable ids per (repo, number), as GitHub's are.
        const ids = new Map<string, number>()
        for (const step of steps) {
          const repo = repos[step.repo]!
          const key = `${step.repo}#${step.number}`
          const payload = issuePayload(repo.full_name, step.number, {
            state: step.open ? 'open' : 'closed',
            pull_request: step.pull ? { merged_at: null } : null,
            ...(ids.has(key) ? { id: ids.get(key) } : {}),
          })
          ids.set(key, payload.id)
          await upsertIssues([mapIssue(payload, repo.id)], getDb())
        }
        const counted = await sql<{
          full_name: string
          open_issue_count: number
          closed_issue_count: number
          open_pull_count: number
          closed_pull_count: number
        }>`
          select r.full_name,
            count(i.id) filter (where i.state = 'open' and not i.is_pull_request)::int as open_issue_count,
            count(i.id) filter (where i.state = 'closed' and not i.is_pull_request)::int as closed_issue_count,
            count(i.id) filter (where i.state = 'open' and i.is_pull_request)::int as open_pull_count,
            count(i.id) filter (where i.state = 'closed' and i.is_pull_request)::int as closed_pull_count
          from repository r left join issue i on i.repository_id = r.id
          group by r.full_name order by lower(r.full_name)
        `.execute(getDb())
        const maintained = await listRepositoriesWithCounts(getDb())
        expect(
          maintained.map(
            ({
              full_name,
              open_issue_count,
              closed_issue_count,
              open_pull_count,
              closed_pull_count,
            }) => ({
              full_name,
              open_issue_count,
              closed_issue_count,
              open_pull_count,
              closed_pull_count,
            }),
          ),
        ).toEqual(counted.rows)
      },
    ),
    { numRuns: 20 },
  )
})

test('the stale view lists open items untouched since the cutoff, oldest first, per repository', async () => {
  const now = new Date('2026-06-01T00:00:00Z')
  const a = repositoryPayload('mirage/old')
  const b = repositoryPayload('mirage/fresh')
  await mirror(getDb(), a, [
    issuePayload(a.full_name, 1, { updated_at: '2025-01-01T00:00:00Z' }),
    issuePayload(a.full_name, 2, {
      updated_at: '2024-01-01T00:00:00Z',
      pull_request: { merged_at: null },
    }),
    issuePayload(a.full_name, 3, { updated_at: '2023-01-01T00:00:00Z', state: 'closed' }),
    issuePayload(a.full_name, 4, { updated_at: '2026-04-15T00:00:00Z' }),
  ])
  await mirror(getDb(), b, [issuePayload(b.full_name, 1, { updated_at: '2026-05-30T00:00:00Z' })])

  const page = { limit: 10, offset: 0, now }
  const all = await listStaleIssues({ months: 6, type: 'all', perRepository: 10, ...page }, getDb())
  expect(all).toMatchObject({ totalRepositories: 1, totalStale: 2 })
  expect(all.repositories).toHaveLength(1)
  expect(all.repositories[0]).toMatchObject({ repo: 'mirage/old', stale_count: 2 })
  expect(all.repositories[0]!.issues.map((issue) => issue.number)).toEqual([2, 1])
  expect(all.repositories[0]!.issues[0]!.updated_at).toBeInstanceOf(Date)

  const issuesOnly = await listStaleIssues(
    { months: 6, type: 'issue', perRepository: 10, ...page },
    getDb(),
  )
  expect(issuesOnly.repositories[0]!.issues.map((issue) => issue.number)).toEqual([1])

  const limited = await listStaleIssues(
    { months: 1, type: 'all', perRepository: 1, ...page },
    getDb(),
  )
  expect(limited.repositories[0]).toMatchObject({ repo: 'mirage/old', stale_count: 3 })
  expect(limited.repositories[0]!.issues).toHaveLength(1)

  // Totals cover every repository even when the page shows fewer.
  const first = await listStaleIssues(
    { months: 0, type: 'all', perRepository: 1, limit: 1, offset: 0, now },
    getDb(),
  )
  expect(first).toMatchObject({ totalRepositories: 2, totalStale: 4 })
  expect(first.repositories.map((r) => r.repo)).toEqual(['mirage/old'])
  const second = await listStaleIssues(
    { months: 0, type: 'all', perRepository: 1, limit: 1, offset: 1, now },
    getDb(),
  )
  expect(second.repositories.map((r) => r.repo)).toEqual(['mirage/fresh'])
})

test('an issue is found by repository name in any case and number', async () => {
  const repo = repositoryPayload('Mirage/Mirage-WWW')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 837, { title: 'Dead link /docs/papers' }),
  ])
  expect((await getIssue('mirage/mirage-www', 837, getDb()))?.title).toBe('Dead link /docs/papers')
  expect(await getIssue('mirage/mirage-www', 838, getDb())).toBeUndefined()
})

test('an older payload never overwrites a newer one, whatever order they arrive in', async () => {
  const repo = repositoryPayload('mirage/order')
  const bug = labelPayload('bug')
  const newer = issuePayload(repo.full_name, 1, {
    title: 'Newer title',
    labels: [bug],
    updated_at: '2024-02-01T00:00:00Z',
  })
  const older = { ...newer, title: 'Older title', labels: [], updated_at: '2024-01-01T00:00:00Z' }
  await mirror(getDb(), repo, [newer])
  expect(await upsertIssues([mapIssue(older, repo.id)], getDb())).toEqual([])
  const stored = await getIssue('mirage/order', 1, getDb())
  expect(stored?.title).toBe('Newer title')
  expect(stored?.labels.map((label) => label.name)).toEqual(['bug'])
  // The same instant again is applied: a re-delivery of the same state changes nothing visible.
  expect(await upsertIssues([mapIssue(newer, repo.id)], getDb())).toEqual([newer.id])
})

test('every column survives the round trip, and columns left out get their defaults', async () => {
  const repo = repositoryPayload('mirage/columns')
  const full = issuePayload(repo.full_name, 1, {
    title: 'Quotes "and" \\ backslashes, émoji 🐫',
    body: null,
    state: 'closed',
    state_reason: 'not_planned',
    assignees: [{ login: 'avsm' }, { login: 'talex5' }],
    comments: 12,
    reactions: { '+1': 5 },
    closed_at: '2024-01-03T00:00:00Z',
  })
  await mirror(getDb(), repo, [full])
  const { issue } = mapIssue(issuePayload(repo.full_name, 2), repo.id)
  const {
    assignee_logins: _,
    comment_count: __,
    plus_one_count: ___,
    label_keys: ____,
    ...bare
  } = issue
  await upsertIssues([{ issue: bare, labels: [] }], getDb())

  const stored = await getIssue('mirage/columns', 1, getDb())
  expect(stored).toMatchObject({
    title: 'Quotes "and" \\ backslashes, émoji 🐫',
    body: null,
    state: 'closed',
    state_reason: 'not_planned',
    assignee_logins: ['avsm', 'talex5'],
    comment_count: 12,
    plus_one_count: 5,
    closed_at: new Date('2024-01-03T00:00:00Z'),
  })
  expect(await getIssue('mirage/columns', 2, getDb())).toMatchObject({
    assignee_logins: [],
    comment_count: 0,
    plus_one_count: 0,
    labels: [],
  })
})

test('batches of payloads in any order and deletions leave each issue at its newest payload, labels included', async () => {
  const labels = ['bug', 'easy', 'docs'].map((name) => labelPayload(name))
  const payload = fc.record({
    issue: fc.integer({ min: 1, max: 3 }),
    hour: fc.integer({ min: 0, max: 4 }),
    labels: fc.subarray([0, 1, 2]),
  })
  const step = fc.oneof(
    { arbitrary: fc.array(payload, { minLength: 1, maxLength: 4 }), weight: 5 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
  )
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
      await sql`truncate repository, issue_tombstone cascade`.execute(getDb())
      const repo = repositoryPayload('mirage/merge')
      await mirror(getDb(), repo)
      const ids = new Map([1, 2, 3].map((number) => [number, 900_000 + number]))
      // The model: applied one by one, a payload wins unless the stored one is newer; a deleted
      // issue never comes back.
      const expected = new Map<number, { hour: number; labels: number[] }>()
      const deleted = new Set<number>()
      for (const entry of steps) {
        if (typeof entry === 'number') {
          await deleteIssue(repo.id, ids.get(entry)!, 'deleted', getDb())
          deleted.add(entry)
          expected.delete(entry)
          continue
        }
        await upsertIssues(
          entry.map((each) =>
            mapIssue(
              {
                ...issuePayload(repo.full_name, each.issue, {
                  labels: each.labels.map((index) => labels[index]!),
                  updated_at: new Date(Date.UTC(2024, 0, 1, each.hour)).toISOString(),
                }),
                id: ids.get(each.issue)!,
              },
              repo.id,
            ),
          ),
          getDb(),
        )
        for (const each of entry) {
          const known = expected.get(each.issue)
          if (deleted.has(each.issue) || (known && known.hour > each.hour)) continue
          expected.set(each.issue, { hour: each.hour, labels: each.labels })
        }
      }
      for (const number of [1, 2, 3]) {
        const stored = await getIssue('mirage/merge', number, getDb())
        const want = expected.get(number)
        if (!want) {
          expect(stored).toBeUndefined()
          continue
        }
        expect(stored?.updated_at).toEqual(new Date(Date.UTC(2024, 0, 1, want.hour)))
        expect(stored?.labels.map((label) => label.name).sort()).toEqual(
          want.labels.map((index) => labels[index]!.name).sort(),
        )
      }
      // label_keys, the filter's copy of the links, agrees with them, and no link outlives its
      // issue or its label.
      const { rows } = await sql<{ mismatched: number; orphans: number }>`
        select
          (select count(*)::int from issue i
            where i.label_keys is distinct from (
              select coalesce(array_agg(lower(l.name) order by lower(l.name)), '{}')
              from issue_label il join label l on l.id = il.label_id where il.issue_id = i.id)
          ) as mismatched,
          (select count(*)::int from issue_label il
            where not exists (select from issue i where i.id = il.issue_id)
              or not exists (select from label l where l.id = il.label_id)
          ) as orphans
      `.execute(getDb())
      expect(rows[0]).toEqual({ mismatched: 0, orphans: 0 })
    }),
    { numRuns: 30 },
  )
})

test('any text GitHub may send in an issue is stored, as storable text, and read back', async () => {
  const repo = repositoryPayload('mirage/any-text')
  await mirror(getDb(), repo)
  // UTF-16 code units of every kind: NULs, unpaired surrogates, backslashes, quotes, long words.
  const text = fc.string({ unit: 'binary', maxLength: 300 })
  let number = 0
  await fc.assert(
    fc.asyncProperty(text, fc.option(text), text, async (title, body, labelName) => {
      number++
      const label = labelPayload(`${labelName}#${number}`, { description: labelName })
      const payload = issuePayload(repo.full_name, number, { title, body, labels: [label] })
      await upsertIssues([mapIssue(payload, repo.id)], getDb())

      const stored = await getDb()
        .selectFrom('issue as i')
        .innerJoin('issue_label as il', 'il.issue_id', 'i.id')
        .innerJoin('label as l', 'l.id', 'il.label_id')
        .select(['i.title', 'i.body', 'l.name', 'l.description'])
        .where('i.id', '=', payload.id)
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({
        title: storableText(title),
        body: body === null ? null : storableText(body),
        name: storableText(label.name),
        description: storableText(labelName) || null,
      })
    }),
    { numRuns: 60 },
  )
})
