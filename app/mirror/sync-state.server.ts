import { sql, type RawBuilder } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

export type SyncOutcome =
  | 'updated'
  | 'unchanged'
  // The first walk of a repository that has no issues: synced, nothing to copy. "unchanged"
  // read as if an earlier sync had copied something.
  | 'synced_empty'
  | 'failed'
  | 'gone'
  | 'issues_disabled'
  // The name answered with another repository's issues: they went to that repository's own row.
  | 'name_reused'

export async function getSyncState(repositoryId: number, db: Database = getDb()) {
  return db
    .selectFrom('repository_sync_state')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .executeTakeFirst()
}

/** The database's clock decides expiry, so instances with skewed clocks still agree. */
function claimExpiry(ttlMs: number) {
  return sql<Date>`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval`
}

// A claim's holder is alive while it holds a session-level advisory lock named after its instance
// (holdSyncInstance). PostgreSQL releases that lock the moment the holder's connection closes, so
// the claims of a killed process free at once instead of after their time-to-live.
const HOLDER_LOCK_SPACE = 0x5059
const holderKey = (instance: string | RawBuilder<unknown>) =>
  sql<number>`(hashtext(${instance}) & 2147483647)`

/**
 * Runs a sweep as `instance`, holding the advisory lock that says it is alive on a connection of
 * its own, released when the work ends or the process dies. Embedded PGlite has one session for
 * the whole process (reserving it would lock the sweep out of its own database), so there the
 * lock is taken on that session: it too ends with the process.
 */
export async function holdSyncInstance<T>(
  instance: string,
  work: () => Promise<T>,
  db: Database = getDb(),
): Promise<T> {
  const hold = db.getExecutor().adapter.supportsMultipleConnections
    ? <R>(body: (session: Database) => Promise<R>) => db.connection().execute(body)
    : <R>(body: (session: Database) => Promise<R>) => body(db)
  return hold(async (connection) => {
    await sql`select pg_advisory_lock(${HOLDER_LOCK_SPACE}, ${holderKey(instance)})`.execute(
      connection,
    )
    try {
      return await work()
    } finally {
      await sql`select pg_advisory_unlock(${HOLDER_LOCK_SPACE}, ${holderKey(instance)})`
        .execute(connection)
        .catch(() => {
          // The connection is gone, and the lock with it.
        })
    }
  })
}

/**
 * Claims a repository's sync for `instance` until `ttlMs` from now. Returns false when another
 * live instance holds an unexpired claim: several servers sharing one database then never sync
 * the same repository at once, so scaling out never multiplies GitHub traffic. A claim whose
 * holder no longer holds its liveness lock (a killed process) is taken over at once.
 */
export async function claimRepositorySync(
  repositoryId: number,
  instance: string,
  ttlMs: number,
  db: Database = getDb(),
) {
  const expires = claimExpiry(ttlMs)
  const claimed = await db
    .insertInto('repository_sync_state')
    .values({
      repository_id: repositoryId,
      claimed_by: instance,
      claim_expires_at: expires,
      last_started_at: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc
        .column('repository_id')
        .doUpdateSet({
          claimed_by: instance,
          claim_expires_at: expires,
          last_started_at: sql<Date>`now()`,
        })
        .where((eb) =>
          eb.or([
            eb('repository_sync_state.claimed_by', 'is', null),
            eb('repository_sync_state.claimed_by', '=', instance),
            eb('repository_sync_state.claim_expires_at', '<', sql<Date>`now()`),
            sql<boolean>`not exists (
              select 1 from pg_locks
              where locktype = 'advisory' and granted and objsubid = 2
                and database = (select oid from pg_database where datname = current_database())
                and classid = ${HOLDER_LOCK_SPACE}
                and objid = ${holderKey(sql.ref('repository_sync_state.claimed_by'))}::oid
            )`,
          ]),
        ),
    )
    .returning('repository_id')
    .executeTakeFirst()
  return claimed !== undefined
}

export async function renewRepositorySyncClaim(
  repositoryId: number,
  instance: string,
  ttlMs: number,
  db: Database = getDb(),
) {
  await db
    .updateTable('repository_sync_state')
    .set({ claim_expires_at: claimExpiry(ttlMs) })
    .where('repository_id', '=', repositoryId)
    .where('claimed_by', '=', instance)
    .execute()
}

export type SyncRecord = {
  outcome: SyncOutcome
  error?: string | null
  /** Only set when the walk that covers it completed: the mirror then holds everything before. */
  issuesWatermark?: Date
  issuesEtag?: string | null
  issuesLastModified?: string | null
  labelsEtag?: string | null
  labelsCheckedAt?: Date
  requests: number
  notModified: number
  rateLimitRemaining: number | null
  rateLimitResetAt: Date | null
}

/** Records how a sync ended and releases the claim, in one statement. */
export async function finishRepositorySync(
  repositoryId: number,
  instance: string,
  record: SyncRecord,
  db: Database = getDb(),
) {
  await db
    .updateTable('repository_sync_state')
    .set({
      last_outcome: record.outcome,
      last_error: record.error ?? null,
      last_finished_at: sql<Date>`now()`,
      last_requests: record.requests,
      last_not_modified: record.notModified,
      rate_limit_remaining: record.rateLimitRemaining,
      rate_limit_reset_at: record.rateLimitResetAt,
      claimed_by: null,
      claim_expires_at: null,
      ...(record.issuesWatermark !== undefined ? { issues_watermark: record.issuesWatermark } : {}),
      ...(record.issuesEtag !== undefined ? { issues_etag: record.issuesEtag } : {}),
      ...(record.issuesLastModified !== undefined
        ? { issues_last_modified: record.issuesLastModified }
        : {}),
      ...(record.labelsEtag !== undefined ? { labels_etag: record.labelsEtag } : {}),
      ...(record.labelsCheckedAt !== undefined
        ? { labels_checked_at: record.labelsCheckedAt }
        : {}),
    })
    .where('repository_id', '=', repositoryId)
    .where('claimed_by', '=', instance)
    .execute()
}

/** Every mirrored repository with how its last sync went, for the status page. */
export async function listSyncStatus(db: Database = getDb()) {
  return db
    .selectFrom('repository as r')
    .leftJoin('repository_sync_state as s', 's.repository_id', 'r.id')
    .select([
      'r.id',
      'r.full_name',
      'r.status',
      'r.is_archived',
      'r.left_installation_at',
      's.last_started_at',
      's.last_finished_at',
      's.last_outcome',
      's.last_error',
      's.last_requests',
      's.last_not_modified',
      's.rate_limit_remaining',
      's.rate_limit_reset_at',
      's.claimed_by',
      's.claim_expires_at',
      's.issues_watermark',
      // One of the demo's copies, never synced (the rule of listRepositoryNamesFrom).
      sql<boolean>`not r.history_recorded`.as('is_demo_copy'),
    ])
    .orderBy(sql`lower(r.full_name)`)
    .execute()
}

export async function getSyncTarget(name: string, db: Database = getDb()) {
  return db
    .selectFrom('sync_target')
    .select(['name', 'etag', 'repository_ids'])
    .where('name', '=', name.toLowerCase())
    .executeTakeFirst()
}

export async function saveSyncTarget(
  name: string,
  etag: string | null,
  repositoryIds: number[],
  db: Database = getDb(),
) {
  await db
    .insertInto('sync_target')
    .values({ name: name.toLowerCase(), etag, repository_ids: repositoryIds })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        etag,
        repository_ids: repositoryIds,
        checked_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

/**
 * How many repositories mirrored from GitHub have never finished a sync, of how many: until then
 * their issues are at most partly mirrored (a first sweep of a large organisation takes minutes),
 * and pages showing few or none must not read as "there are none".
 */
export async function countRepositoriesAwaitingFirstSync(db: Database = getDb()) {
  return (
    db
      .selectFrom('repository as r')
      .leftJoin('repository_sync_state as s', 's.repository_id', 'r.id')
      // The demo's copies are never synced: they are complete as loaded.
      .where('r.history_recorded', '=', true)
      .where('r.status', '=', 'active')
      .select([
        sql<number>`(count(*) filter (where s.last_finished_at is null))::int`.as('awaiting'),
        sql<number>`count(*)::int`.as('total'),
      ])
      .executeTakeFirstOrThrow()
  )
}
