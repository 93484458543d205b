import { sql, type Kysely } from 'kysely'

// People who sign in (with GitHub, or as a demo person), the maintainers granted in the admin
// page with their audit trail, and per-account write counters for abuse limits.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('github_id', 'bigint', (col) => col.unique())
    .addColumn('login', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('avatar_url', 'text')
    // Demo people exist only in demo mode; their role is fixed.
    .addColumn('demo_role', 'text')
    // The user's OAuth token: server-side only, used to re-check push permission daily.
    .addColumn('github_token', 'text')
    .addColumn('has_push_access', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('push_access_checked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_signed_in_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'account_demo_role_check',
      sql`demo_role is null or demo_role in ('maintainer', 'contributor')`,
    )
    .execute()
  await sql`create unique index account_login_key on account (lower(login))`.execute(db)

  await db.schema
    .createTable('maintainer_grant')
    .addColumn('login', 'text', (col) => col.primaryKey())
    .addColumn('granted_by', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('role_audit')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('actor_id', 'integer', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('actor_login', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_login', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('role_audit_action_check', sql`action in ('grant', 'revoke')`)
    .execute()

  await db.schema
    .createTable('write_quota')
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('window_start', 'timestamptz', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('write_quota_pkey', ['account_id', 'action', 'window_start'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('write_quota').execute()
  await db.schema.dropTable('role_audit').execute()
  await db.schema.dropTable('maintainer_grant').execute()
  await db.schema.dropTable('account').execute()
}
