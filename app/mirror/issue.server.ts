import { expressionBuilder, sql, type Expression, type RawBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { z } from 'zod'

import { anyOf } from '../../db/array-parameter'
import { getDb, type Database } from '../../db/client.server'
import type { DB, Issue, NewIssue, NewLabel } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'

import type { IssueCursor, IssueFilters } from './issue-filters'
import { upsertLabels } from './label.server'
import { compileSearch, searchCondition } from './search.server'

/** An issue as the mirror stores it, with its labels (app/github/map.ts makes them from payloads). */
export type MappedIssue = { issue: NewIssue; labels: NewLabel[] }

// Every column an upsert writes, in the order of the select in upsertIssues.
const ISSUE_COLUMNS = [
  'id',
  'repository_id',
  'number',
  'title',
  'body',
  'state',
  'state_reason',
  'is_pull_request',
  'merged_at',
  'author_login',
  'assignee_logins',
  'comment_count',
  'plus_one_count',
  'html_url',
  'created_at',
  'updated_at',
  'closed_at',
  'label_keys',
  'closes_numbers',
] as const satisfies readonly (keyof NewIssue)[]

/** One entry per issue: where a payload repeats an issue (items shifting between pages), the newest wins. */
export function newestPerIssue(mapped: readonly MappedIssue[]): MappedIssue[] {
  const byId = new Map<number, MappedIssue>()
  for (const entry of mapped) {
    const known = byId.get(entry.issue.id)
    if (!known || new Date(known.issue.updated_at) <= new Date(entry.issue.updated_at)) {
      byId.set(entry.issue.id, entry)
    }
  }
  return [...byId.values()]
}

/**
 * Stores issues with their labels, and returns the ids it wrote. A payload older than the stored
 * row is skipped (webhook deliveries and sync pages arrive in any order); for the rest the label
 * set is replaced, so a label removed on GitHub disappears here too; a deleted issue (tombstone)
 * is never written again. Runs in one transaction
 * (the caller's, if it passes one). Sync and webhooks go through app/labels/learning/mirror-issues.server.ts,
 * which also lets the board learn label changes made on GitHub in the same transaction.
 */
export async function upsertIssues(
  mapped: MappedIssue[],
  db: Database = getDb(),
): Promise<number[]> {
  if (mapped.length === 0) return []
  return inTransaction(db, async (trx) => {
    const entries = newestPerIssue(mapped)
    return writeIssues(entries, trx)
  })
}

async function writeIssues(entries: MappedIssue[], db: Database): Promise<number[]> {
  await upsertLabels(
    entries.flatMap((entry) => entry.labels),
    db,
  )
  // The rows travel as one JSON parameter that PostgreSQL unpacks, not as 18 bound parameters
  // per row: for a sync page of 100 issues, building and binding 1,800 parameters cost the
  // process more CPU than anything but parsing GitHub's answers. Columns a caller left out get
  // their defaults, as with a plain VALUES list.
  const rows = sql<Omit<Issue, 'search'>>`json_populate_recordset(null::issue, ${JSON.stringify(
    entries.map((entry) => entry.issue),
  )}::text::json)`.as('r')
  const written = await db
    .insertInto('issue')
    .columns(ISSUE_COLUMNS)
    .expression(
      db
        .selectFrom(rows)
        .select((eb) => [
          'r.id',
          'r.repository_id',
          'r.number',
          'r.title',
          'r.body',
          'r.state',
          'r.state_reason',
          'r.is_pull_request',
          'r.merged_at',
          'r.author_login',
          eb.fn.coalesce('r.assignee_logins', sql<string[]>`'{}'`).as('assignee_logins'),
          eb.fn.coalesce('r.comment_count', sql<number>`0`).as('comment_count'),
          eb.fn.coalesce('r.plus_one_count', sql<number>`0`).as('plus_one_count'),
          'r.html_url',
          'r.created_at',
          'r.updated_at',
          'r.closed_at',
          eb.fn.coalesce('r.label_keys', sql<string[]>`'{}'`).as('label_keys'),
          eb.fn.coalesce('r.closes_numbers', sql<number[]>`'{}'`).as('closes_numbers'),
        ])
        // A deleted issue stays deleted, whatever arrives after.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('issue_tombstone as t').select('t.id').whereRef('t.id', '=', 'r.id')),
          ),
        ),
    )
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          repository_id: eb.ref('excluded.repository_id'),
          number: eb.ref('excluded.number'),
          title: eb.ref('excluded.title'),
          body: eb.ref('excluded.body'),
          state: eb.ref('excluded.state'),
          state_reason: eb.ref('excluded.state_reason'),
          is_pull_request: eb.ref('excluded.is_pull_request'),
          merged_at: eb.ref('excluded.merged_at'),
          author_login: eb.ref('excluded.author_login'),
          assignee_logins: eb.ref('excluded.assignee_logins'),
          comment_count: eb.ref('excluded.comment_count'),
          plus_one_count: eb.ref('excluded.plus_one_count'),
          html_url: eb.ref('excluded.html_url'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
          closed_at: eb.ref('excluded.closed_at'),
          label_keys: eb.ref('excluded.label_keys'),
          closes_numbers: eb.ref('excluded.closes_numbers'),
        }))
        .where('issue.updated_at', '<=', (eb) => eb.ref('excluded.updated_at')),
    )
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
    .execute()
  const writtenIds = written.map((row) => row.id)
  if (writtenIds.length === 0) return []
  // Only a row that already existed can have links to replace: a first mirror deletes nothing.
  const updatedIds = written.filter((row) => !row.inserted).map((row) => row.id)
  if (updatedIds.length > 0) {
    await db.deleteFrom('issue_label').where('issue_id', '=', anyOf(updatedIds, 'bigint')).execute()
  }
  const isWritten = new Set(writtenIds)
  const issueIds: number[] = []
  const labelIds: number[] = []
  for (const entry of entries) {
    if (!isWritten.has(entry.issue.id)) continue
    for (const labelId of new Set(entry.labels.map((label) => label.id))) {
      issueIds.push(entry.issue.id)
      labelIds.push(labelId)
    }
  }
  // Two array parameters rather than two per link: the statement's text stays the same whatever
  // the page holds, so PostgreSQL parses and plans it once per connection, not once per page.
  // Links have no foreign keys to check them row by row (migration 20261206000000): both ends
  // are locked by this transaction, the labels by the upsert above, the issues by their write.
  if (issueIds.length > 0) {
    await sql`insert into issue_label (issue_id, label_id)
      select * from unnest(${sql.val(issueIds)}::bigint[], ${sql.val(labelIds)}::bigint[])`.execute(
      db,
    )
  }
  return writtenIds
}

const SORT_COLUMNS = {
  updated: { column: 'i.updated_at', direction: 'desc' },
  newest: { column: 'i.created_at', direction: 'desc' },
  oldest: { column: 'i.created_at', direction: 'asc' },
} as const

export type IssueListFilters = Omit<IssueFilters, 'repos'> & {
  repositoryIds: number[]
  /** Stale work only, on this measure (the API's `stale` filter); null or absent: no such filter. */
  stale?: StaleMeasure | null
}

/** The board's issues for its filters (all but the page cursor): what a page lists and counts. */
async function filteredIssues(filters: IssueListFilters, db: Database) {
  let query = db.selectFrom('issue as i').innerJoin('repository as r', 'r.id', 'i.repository_id')
  if (filters.repositoryIds.length > 0) {
    query = query.where('i.repository_id', 'in', filters.repositoryIds)
  }
  if (filters.state !== 'all') query = query.where('i.state', '=', filters.state)
  if (filters.type !== 'all') query = query.where('i.is_pull_request', '=', filters.type === 'pr')
  if (filters.labels.length > 0) {
    const keys = filters.labels.map((label) => label.toLowerCase())
    query = query.where(sql<boolean>`i.label_keys @> ${sql.val(keys)}::text[]`)
  }
  if (filters.author) {
    query = query.where(sql`lower(i.author_login)`, '=', filters.author.toLowerCase())
  }
  if (filters.stale) query = query.where(isStaleWork(filters.stale, 'i'))
  const search = await compileSearch(filters.q, db)
  if (search) {
    query = query.where(
      searchCondition(search, sql.ref('i.search'), sql`(i.title || ' ' || coalesce(i.body, ''))`),
    )
  }
  return query
}

/** How many issues and pull requests the board's filters match, over every page. */
export async function countIssues(filters: IssueListFilters, db: Database = getDb()) {
  const query = await filteredIssues(filters, db)
  const row = await query.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow()
  return row.count
}

/** One page of the cross-repository board, newest activity first by default. */
export async function listIssues(filters: IssueListFilters, db: Database = getDb()) {
  const { column, direction } = SORT_COLUMNS[filters.sort]
  let query = (await filteredIssues(filters, db)).select((eb) => [
    'i.id',
    'r.full_name as repo',
    'r.history_recorded',
    'i.number',
    'i.title',
    'i.state',
    'i.state_reason',
    'i.is_pull_request',
    'i.merged_at',
    'i.author_login',
    'i.comment_count',
    'i.html_url',
    'i.created_at',
    'i.updated_at',
    jsonArrayFrom(
      eb
        .selectFrom('issue_label as il')
        .innerJoin('label as l', 'l.id', 'il.label_id')
        .select(['l.name', 'l.color'])
        .whereRef('il.issue_id', '=', 'i.id')
        .orderBy(sql`lower(l.name)`),
    ).as('labels'),
  ])

  if (filters.cursor) {
    const comparison = direction === 'desc' ? '<' : '>'
    query = query.where((eb) =>
      eb(
        eb.refTuple(column, 'i.id'),
        comparison,
        eb.tuple(new Date(filters.cursor!.at), filters.cursor!.id),
      ),
    )
  }

  const rows = await query
    .orderBy(column, direction)
    .orderBy('i.id', direction)
    .limit(filters.limit + 1)
    .execute()

  const items = rows.slice(0, filters.limit)
  const last = items.at(-1)
  const nextCursor: IssueCursor | null =
    rows.length > filters.limit && last
      ? {
          sort: filters.sort,
          at: (filters.sort === 'updated' ? last.updated_at : last.created_at).toISOString(),
          id: last.id,
        }
      : null
  return { items, nextCursor }
}

export type IssueListItem = Awaited<ReturnType<typeof listIssues>>['items'][number]

/** An issue's labels (name, colour, description) by name, as a JSON array, for one issue row. */
export function issueLabelsJson(issueId: Expression<number>) {
  return jsonArrayFrom(
    expressionBuilder<DB, never>()
      .selectFrom('issue_label as il')
      .innerJoin('label as l', 'l.id', 'il.label_id')
      .select(['l.name', 'l.color', 'l.description'])
      .where('il.issue_id', '=', issueId)
      .orderBy(sql`lower(l.name)`),
  )
}

export async function getIssue(fullName: string, number: number, db: Database = getDb()) {
  return db
    .selectFrom('issue as i')
    .innerJoin('repository as r', 'r.id', 'i.repository_id')
    .select((eb) => [
      'i.id',
      'r.full_name as repo',
      'r.html_url as repo_url',
      'r.history_recorded',
      'i.number',
      'i.title',
      'i.body',
      'i.state',
      'i.state_reason',
      'i.is_pull_request',
      'i.merged_at',
      'i.author_login',
      'i.assignee_logins',
      'i.comment_count',
      'i.plus_one_count',
      'i.html_url',
      'i.created_at',
      'i.updated_at',
      'i.closed_at',
      issueLabelsJson(eb.ref('i.id')).as('labels'),
    ])
    .where(sql`lower(r.full_name)`, '=', fullName.toLowerCase())
    .where('i.number', '=', number)
    .executeTakeFirst()
}

export type StaleFilters = {
  months: number
  type: IssueFilters['type']
  /** How many of the oldest items to list under each repository. */
  perRepository: number
  /** A page of repositories, most stale first; the page stays small enough to render fast. */
  limit: number
  offset: number
  now?: Date
}

export function staleCutoff(months: number, now = new Date()) {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return cutoff
}

/** How staleness is measured: untouched for `months`, as of `now` (the board clock; decision 012). */
export type StaleMeasure = { months: number; now?: Date }

/**
 * What "stale" means, written once: open work nobody has touched for `months` before `now`. The
 * stale page (grouped and one repository's), the home page, the digest and the API's `stale`
 * filter all ask this, so they never disagree on which items are stale.
 */
export function isStaleWork(measure: StaleMeasure, table: 'issue' | 'i' = 'issue') {
  const cutoff = staleCutoff(measure.months, measure.now)
  return sql<boolean>`(${sql.ref(`${table}.state`)} = 'open' and ${sql.ref(`${table}.updated_at`)} < ${cutoff})`
}

/** Open issues nobody has touched for `months`, grouped by repository, most stale repository first. */
export async function listStaleIssues(filters: StaleFilters, db: Database = getDb()) {
  const isPullRequest = filters.type === 'all' ? null : filters.type === 'pr'

  const staleOf = (outerRepositoryId?: RawBuilder<number>) => {
    let query = db.selectFrom('issue').where(isStaleWork(filters))
    if (isPullRequest !== null) query = query.where('is_pull_request', '=', isPullRequest)
    if (outerRepositoryId) query = query.where('repository_id', '=', outerRepositoryId)
    return query
  }

  const rows = await db
    .selectFrom(
      staleOf()
        .select((eb) => [
          'repository_id',
          eb.fn.countAll<number>().as('stale_count'),
          eb.fn.min('updated_at').as('oldest_updated_at'),
        ])
        .groupBy('repository_id')
        .as('s'),
    )
    .innerJoin('repository as r', 'r.id', 's.repository_id')
    .select([
      'r.full_name as repo',
      'r.html_url as repo_url',
      'r.history_recorded',
      sql<number>`s.stale_count::int`.as('stale_count'),
      's.oldest_updated_at',
      // Totals over every repository, computed before the page is cut.
      sql<number>`(count(*) over ())::int`.as('total_repositories'),
      sql<number>`(sum(s.stale_count) over ())::int`.as('total_stale'),
    ])
    .select(() => [
      jsonArrayFrom(
        staleOf(sql<number>`s.repository_id`)
          .select([
            'id',
            'number',
            'title',
            'is_pull_request',
            'author_login',
            'html_url',
            'updated_at',
            'created_at',
          ])
          .orderBy('updated_at', 'asc')
          .orderBy('id', 'asc')
          .limit(filters.perRepository),
      ).as('issues'),
    ])
    .orderBy('stale_count', 'desc')
    .orderBy(sql`lower(r.full_name)`)
    .limit(filters.limit)
    .offset(filters.offset)
    .execute()
  return {
    totalRepositories: rows[0]?.total_repositories ?? 0,
    totalStale: rows[0]?.total_stale ?? 0,
    // Timestamps nested in JSON arrive as strings.
    repositories: rows.map(({ total_repositories: _, total_stale: __, ...row }) => ({
      ...row,
      issues: row.issues.map((issue) => ({
        ...issue,
        updated_at: new Date(issue.updated_at),
        created_at: new Date(issue.created_at),
      })),
    })),
  }
}

/** Where a page of one repository's stale items ends: the last item's update time and id. */
export type StaleCursor = { at: string; id: number }

const StaleCursorSchema = z
  .tuple([cursorPart.time, cursorPart.githubId])
  .transform(([at, id]): StaleCursor => ({ at, id }))

export function encodeStaleCursor(cursor: StaleCursor) {
  return encodeCursor([cursor.at, cursor.id])
}

export function decodeStaleCursor(value: string | null) {
  return decodeCursor(value, StaleCursorSchema)
}

/**
 * Every stale item of one repository, oldest first, a page at a time (the grouped list shows
 * only the oldest few of each): how many there are, one page, and where the next page starts.
 */
export async function listStaleIssuesIn(
  filters: Pick<StaleFilters, 'months' | 'type' | 'now'> & {
    repositoryId: number
    limit: number
    cursor: StaleCursor | null
  },
  db: Database = getDb(),
) {
  let query = db
    .selectFrom('issue')
    .where('repository_id', '=', filters.repositoryId)
    .where(isStaleWork(filters))
  if (filters.type !== 'all') query = query.where('is_pull_request', '=', filters.type === 'pr')
  const cursor = filters.cursor
  const [rows, total] = await Promise.all([
    (cursor
      ? query.where((eb) =>
          eb(eb.refTuple('updated_at', 'id'), '>', eb.tuple(new Date(cursor.at), cursor.id)),
        )
      : query
    )
      .select(['id', 'number', 'title', 'is_pull_request', 'html_url', 'updated_at'])
      .orderBy('updated_at', 'asc')
      .orderBy('id', 'asc')
      .limit(filters.limit + 1)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const items = rows.slice(0, filters.limit)
  const last = items.at(-1)
  return {
    total: Number(total.n),
    items,
    nextCursor:
      rows.length > filters.limit && last
        ? { at: last.updated_at.toISOString(), id: last.id }
        : null,
  }
}

/** The stored updated_at of each of these issues, to tell new, changed and unchanged apart. */
export async function getStoredUpdateTimes(ids: number[], db: Database = getDb()) {
  if (ids.length === 0) return new Map<number, Date>()
  const rows = await db
    .selectFrom('issue')
    .select(['id', 'updated_at'])
    .where('id', '=', anyOf(ids, 'bigint'))
    .execute()
  return new Map(rows.map((row) => [row.id, row.updated_at]))
}

/** The stored issue id under each of these numbers in one repository (numbers not stored are absent). */
export async function getIssueIdsByNumber(
  repositoryId: number,
  numbers: number[],
  db: Database = getDb(),
) {
  if (numbers.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('issue')
    .select(['number', 'id'])
    .where('repository_id', '=', repositoryId)
    .where('number', '=', anyOf(numbers, 'bigint'))
    .execute()
  return new Map(rows.map((row) => [row.number, row.id]))
}

/**
 * Removes an issue (deleted on GitHub, or transferred away) from one repository's mirror and
 * leaves a tombstone, so an older payload of it applied later never brings it back.
 */
export async function deleteIssue(
  repositoryId: number,
  issueId: number,
  reason: 'deleted' | 'transferred',
  db: Database = getDb(),
) {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('issue_tombstone')
      .values({ id: issueId, repository_id: repositoryId, reason })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .deleteFrom('issue')
      .where('id', '=', issueId)
      .where('repository_id', '=', repositoryId)
      .execute()
  })
}
