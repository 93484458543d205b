import { sql, type Kysely } from 'kysely'

// Notifications (issue 16): an inbox per person, what they follow or unfollowed, how they want
// each kind delivered, an optional email address, and the durable queue of email to send.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('email', 'text').execute()

  await db.schema
    .createTable('notification')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) => col.notNull())
    // Names the event (kind, subject, occurrence): one person is never told twice about it.
    .addColumn('event_key', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('link', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('notification_event_key', ['account_id', 'event_key'])
    .execute()
  await db.schema
    .createIndex('notification_inbox_idx')
    .on('notification')
    .columns(['account_id', 'created_at desc', 'id desc'])
    .execute()
  await sql`create index notification_unread_idx on notification (account_id) where read_at is null`.execute(
    db,
  )

  await db.schema
    .createTable('notification_follow')
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('subject_type', 'text', (col) =>
      col.notNull().check(sql`subject_type in ('idea', 'project')`),
    )
    .addColumn('subject_id', 'integer', (col) => col.notNull())
    // false: unfollowed, which also silences what one would hear as author or mentor.
    .addColumn('following', 'boolean', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_follow_pkey', [
      'account_id',
      'subject_type',
      'subject_id',
    ])
    .execute()
  await db.schema
    .createIndex('notification_follow_subject_idx')
    .on('notification_follow')
    .columns(['subject_type', 'subject_id'])
    .execute()

  await db.schema
    .createTable('notification_setting')
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('delivery', 'text', (col) =>
      col.notNull().check(sql`delivery in ('off', 'inbox', 'email')`),
    )
    .addPrimaryKeyConstraint('notification_setting_pkey', ['account_id', 'kind'])
    .execute()

  await db.schema
    .createTable('notification_email')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('notification_id', 'integer', (col) =>
      col.notNull().unique().references('notification.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index notification_email_waiting_idx on notification_email (account_id, next_attempt_at) where status in ('pending', 'sending')`.execute(
    db,
  )
  await db.schema
    .createIndex('notification_email_sent_idx')
    .on('notification_email')
    .columns(['account_id', 'sent_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_email').execute()
  await db.schema.dropTable('notification_setting').execute()
  await db.schema.dropTable('notification_follow').execute()
  await db.schema.dropTable('notification').execute()
  await db.schema.alterTable('account').dropColumn('email').execute()
}
