import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

// Table types for Kysely. `npm run db:check-schema` (run in CI) compares them with the
// migrated database, so an edit to a migration that forgets this file fails the build.

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Defaulted<T> = ColumnType<T, T | undefined, T>

export type RepositoryStatus = 'active' | 'renamed' | 'transferred' | 'gone'

export type RepositoryTable = {
  id: number
  owner: string
  name: string
  full_name: string
  description: string | null
  html_url: string
  is_private: Defaulted<boolean>
  is_fork: Defaulted<boolean>
  is_archived: Defaulted<boolean>
  status: Defaulted<RepositoryStatus>
  pushed_at: Timestamp | null
  open_issue_count: Generated<number>
  closed_issue_count: Generated<number>
  open_pull_count: Generated<number>
  closed_pull_count: Generated<number>
  mirrored_at: Generated<Date>
}

export type LabelTable = {
  id: number
  repository_id: number
  name: string
  color: string
  description: string | null
}

export type IssueState = 'open' | 'closed'

export type IssueTable = {
  id: number
  repository_id: number
  number: number
  title: string
  body: string | null
  state: IssueState
  state_reason: string | null
  is_pull_request: boolean
  merged_at: Timestamp | null
  author_login: string | null
  assignee_logins: Defaulted<string[]>
  comment_count: Defaulted<number>
  plus_one_count: Defaulted<number>
  html_url: string
  created_at: Timestamp
  updated_at: Timestamp
  closed_at: Timestamp | null
  label_keys: Defaulted<string[]>
  // Generated from title and body by the database; never written.
  search: ColumnType<string | null, never, never>
}

export type IssueLabelTable = {
  issue_id: number
  label_id: number
}

export type RepositorySyncStateTable = {
  repository_id: number
  issues_watermark: Timestamp | null
  issues_etag: string | null
  issues_last_modified: string | null
  labels_etag: string | null
  labels_last_modified: string | null
  last_started_at: Timestamp | null
  last_finished_at: Timestamp | null
  last_outcome: string | null
  last_error: string | null
  rate_limit_remaining: number | null
  rate_limit_reset_at: Timestamp | null
  claimed_by: string | null
  claim_expires_at: Timestamp | null
  labels_checked_at: Timestamp | null
  last_requests: number | null
  last_not_modified: number | null
}

export type SyncTargetTable = {
  /** A lower-cased organisation or user name. */
  name: string
  etag: string | null
  repository_ids: Defaulted<number[]>
  checked_at: Defaulted<Date>
}

export type AccountTable = {
  id: Generated<number>
  github_id: number | null
  login: string
  name: string | null
  avatar_url: string | null
  demo_role: 'maintainer' | 'contributor' | null
  github_token: string | null
  has_push_access: Defaulted<boolean>
  push_access_checked_at: Timestamp | null
  created_at: Generated<Date>
  last_signed_in_at: Generated<Date>
}

export type MaintainerGrantTable = {
  /** Lower-cased GitHub login. */
  login: string
  granted_by: number | null
  granted_at: Generated<Date>
}

export type RoleAuditTable = {
  id: Generated<number>
  actor_id: number | null
  actor_login: string
  action: 'grant' | 'revoke'
  subject_login: string
  at: Generated<Date>
}

export type WriteQuotaTable = {
  account_id: number
  action: string
  window_start: Timestamp
  count: Defaulted<number>
}

export type DB = {
  repository: RepositoryTable
  label: LabelTable
  issue: IssueTable
  issue_label: IssueLabelTable
  repository_sync_state: RepositorySyncStateTable
  sync_target: SyncTargetTable
  account: AccountTable
  maintainer_grant: MaintainerGrantTable
  role_audit: RoleAuditTable
  write_quota: WriteQuotaTable
  webhook_delivery: WebhookDeliveryTable
}

export type Repository = Selectable<RepositoryTable>
export type NewRepository = Insertable<RepositoryTable>
export type RepositoryUpdate = Updateable<RepositoryTable>
export type Label = Selectable<LabelTable>
export type NewLabel = Insertable<LabelTable>
export type Issue = Selectable<IssueTable>
export type NewIssue = Insertable<IssueTable>

export type WebhookDeliveryStatus = 'pending' | 'done' | 'failed'

export type WebhookDeliveryTable = {
  id: Generated<number>
  hook_id: number
  delivery_id: string
  event: string
  action: string | null
  // jsonb, read back parsed. Written as JSON text with an explicit cast: postgres.js would
  // otherwise JSON-encode a string parameter a second time.
  payload: ColumnType<unknown, string, never>
  status: Defaulted<WebhookDeliveryStatus>
  error: string | null
  received_at: Generated<Date>
  processed_at: Timestamp | null
}
