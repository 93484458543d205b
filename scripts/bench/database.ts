import { sql } from 'kysely'
import postgres from 'postgres'

import { createDatabase, type Database } from '../../db/client.server'

export const BENCH_DATABASE = 'pioneer_board_bench'

function databaseNameOf(url: string) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres'
}

export function withDatabaseName(url: string, name: string) {
  const next = new URL(url)
  next.pathname = `/${encodeURIComponent(name)}`
  return next.toString()
}

/**
 * Drops and creates the benchmark's own database on the server of `serverUrl`, and returns its
 * URL. The database named in `serverUrl` is only used to connect, never written to.
 */
export async function recreateDatabase(serverUrl: string, name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name`)
  if (databaseNameOf(serverUrl) === name) {
    throw new Error(
      `DATABASE_URL names the benchmark's own database "${name}"; point it at another database on the same server`,
    )
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    // WITH (FORCE) ends the sessions a previous, interrupted run may have left behind.
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  return withDatabaseName(serverUrl, name)
}

export async function dropDatabase(serverUrl: string, name: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
  } finally {
    await admin.end()
  }
}

export function openDatabase(url: string, poolSize = 4): Database {
  return createDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize })
}

export type DataSize = {
  rows: { repository: number; label: number; issue: number; issue_label: number }
  /** The issue table with its TOAST data and indexes. */
  issueTotalBytes: number
  issueTableBytes: number
  issueIndexesBytes: number
  issueIndexes: { name: string; bytes: number }[]
  databaseBytes: number
}

export async function measureDataSize(db: Database): Promise<DataSize> {
  const { rows: counts } = await sql<{ table: keyof DataSize['rows']; count: number }>`
    select 'repository' as table, count(*)::int as count from repository
    union all select 'label', count(*)::int from label
    union all select 'issue', count(*)::int from issue
    union all select 'issue_label', count(*)::int from issue_label
  `.execute(db)
  const { rows: sizes } = await sql<{
    total: number
    table: number
    indexes: number
    database: number
  }>`
    select pg_total_relation_size('issue')::int8 as total,
      pg_table_size('issue')::int8 as table,
      pg_indexes_size('issue')::int8 as indexes,
      pg_database_size(current_database())::int8 as database
  `.execute(db)
  const { rows: indexes } = await sql<{ name: string; bytes: number }>`
    select c.relname as name, pg_relation_size(c.oid)::int8 as bytes
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'issue'::regclass
    order by bytes desc, name
  `.execute(db)
  const size = sizes[0]!
  return {
    rows: Object.fromEntries(counts.map((row) => [row.table, row.count])) as DataSize['rows'],
    issueTotalBytes: size.total,
    issueTableBytes: size.table,
    issueIndexesBytes: size.indexes,
    issueIndexes: indexes,
    databaseBytes: size.database,
  }
}

export async function describeServer(db: Database) {
  const { rows } = await sql<{
    version: string
    shared_buffers: string
    fsync: string
    synchronous_commit: string
    full_page_writes: string
  }>`
    select current_setting('server_version') as version,
      current_setting('shared_buffers') as shared_buffers,
      current_setting('fsync') as fsync,
      current_setting('synchronous_commit') as synchronous_commit,
      current_setting('full_page_writes') as full_page_writes
  `.execute(db)
  return rows[0]!
}
