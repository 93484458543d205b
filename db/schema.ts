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
  /** The GitHub App installation covering it (app mode); null on a board using a token. */
  installation_id: number | null
  /** When it was taken out of its installation: it no longer syncs, its data stays. */
  left_installation_at: Timestamp | null
  /**
   * False for a repository loaded from a summary (the MirageOS demo) that records no comments,
   * reactions or times of activity: its counts are not facts and `updated_at` is a lower bound.
   */
  history_recorded: Defaulted<boolean>
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
  /** A pull request's closing references to issues of its own repository ("Fixes #12"). */
  closes_numbers: Defaulted<number[]>
  // Generated from title and body by the database; never written.
  search: ColumnType<string | null, never, never>
}

/** An issue deleted on GitHub or transferred away: never mirrored again. */
export type IssueTombstoneTable = {
  id: number
  repository_id: number
  reason: 'deleted' | 'transferred'
  removed_at: Defaulted<Timestamp>
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

export type InstallationStatus = 'active' | 'suspended' | 'removed'

/** A GitHub App installation the board has seen (migrations/20261205010000). */
export type GitHubInstallationTable = {
  id: number
  account: string
  status: Defaulted<InstallationStatus>
  repositories_etag: string | null
  last_requests: number | null
  rate_limit_remaining: number | null
  rate_limit_limit: number | null
  rate_limit_reset_at: Timestamp | null
  checked_at: Timestamp | null
  status_changed_at: Defaulted<Date>
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
  /** The last attempt to ask GitHub for push access, answered or not. */
  push_access_checked_at: Timestamp | null
  /** When GitHub last answered it; null: never (or not known, for accounts checked before). */
  push_access_answered_at: Timestamp | null
  /** Checks in a row GitHub has not answered since it last did. */
  push_access_failures: Defaulted<number>
  created_at: Generated<Date>
  last_signed_in_at: Generated<Date>
  /** Where notifications are emailed (from GitHub sign-in or the settings page); null: none. */
  email: string | null
  /** When a request of hers was last seen, at most every few minutes (migration 20261217000000). */
  last_seen_at: Timestamp | null
  /** When her previous visit ended: what "since your last visit" counts from; null: not known. */
  previous_visit_at: Timestamp | null
}

/** A signed-in session; the cookie names it, and deleting the row ends it. */
export type AccountSessionTable = {
  id: string
  account_id: number
  created_at: Defaulted<Timestamp>
  expires_at: Timestamp
}

/**
 * The board's own signing secret, used when SESSION_SECRET is unset (migration
 * 20261224200000_board_secret): one row, made by the first process to start.
 */
export type BoardSecretTable = {
  id: Defaulted<number>
  secret: string
  created_at: Defaulted<Date>
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
  issue_tombstone: IssueTombstoneTable
  repository_sync_state: RepositorySyncStateTable
  sync_target: SyncTargetTable
  github_installation: GitHubInstallationTable
  account: AccountTable
  account_session: AccountSessionTable
  board_secret: BoardSecretTable
  maintainer_grant: MaintainerGrantTable
  role_audit: RoleAuditTable
  write_quota: WriteQuotaTable
  webhook_delivery: WebhookDeliveryTable
} & StarterProjectTables &
  RoadmapTables &
  LabelOutboxTables &
  NotificationTables &
  DigestTables

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

// ---- Starter projects (migration 20261126000000_starter_projects) ----

export type Stars = 1 | 2 | 3
export type ProjectSize = 'day' | 'week' | 'month' | 'elastic'
/** Stored lifecycle; "claimed" is derived from running claims, which expire. */
export type ProjectStatus = 'open' | 'done' | 'inactive'
export type RatingAxis = 'language' | 'domain'
export type ClaimOutcome = 'done' | 'abandoned' | 'released'
export type TimeTaken = 'day' | 'week' | 'month' | 'longer'
export type LanguageLevel = 'none' | 'some' | 'comfortable'

export type StarterProjectTable = {
  id: Generated<number>
  source_key: string | null
  title: string
  summary: Defaulted<string>
  primary_domain: string
  secondary_domains: Defaulted<string[]>
  language_stars: Stars | null
  domain_stars: Stars | null
  size: ProjectSize | null
  status: Defaulted<ProjectStatus>
  issue_id: number | null
  repos: Defaulted<string[]>
  related_issues: Defaulted<string[]>
  read_first: Defaulted<string>
  legacy_note: string | null
  /** Only the era is known ("2016-2018"): `created_at` is its first day, for ordering only. */
  listed_era: string | null
  created_by: number | null
  rated_by: number | null
  rated_at: Timestamp | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
  /** How to reach the mentors (chat room, mailing list, URL); shown to signed-in people only. */
  mentor_contact: string | null
  /** When the mentors were last changed, and by whom (migration 20261212000000); null: at listing. */
  mentors_named_at: Timestamp | null
  mentors_named_by: number | null
  /** Title, summary and repositories as words (generated, migration 20261204050000). */
  search: ColumnType<string | null, never, never>
}

export type StarterProjectMentorTable = {
  project_id: number
  position: number
  account_id: number | null
  name: string
}

export type RatingAuditTable = {
  id: Generated<number>
  project_id: number
  actor_id: number | null
  actor_login: string
  axis: RatingAxis
  from_stars: Stars | null
  to_stars: Stars | null
  at: Defaulted<Date>
}

export type StarterClaimTable = {
  id: Generated<number>
  project_id: number
  account_id: number
  claimed_at: Defaulted<Date>
  renewed_at: Timestamp | null
  expires_at: Timestamp
  ended_at: Timestamp | null
  outcome: ClaimOutcome | null
  ended_by: number | null
  /**
   * The pull request or issue she gave on finishing (migration 20261225000000), as
   * `formatFinishLink` writes it (app/starter/finish-link.ts); null if none.
   */
  finish_link: string | null
  /**
   * Finished from migration 20261228000000 on, when the confirmation asks for the link: with
   * `finish_link` null, maintainers read "no link given". False on claims finished before.
   */
  finish_link_asked: Defaulted<boolean>
}

export type ClaimFeedbackTable = {
  claim_id: number
  project_id: number
  account_id: number
  language_stars: Stars
  domain_stars: Stars
  time_taken: TimeTaken
  note: Defaulted<string>
  created_at: Defaulted<Date>
}

/**
 * The short thread on a claim (migrations 20261220000000, 20261223000000): a mentor's or
 * maintainer's answer (a message, or null for "acknowledged" with no words) or, `by_claimant`,
 * the claimant's reply (always words). `round` counts the claimant's replies up to the row: one
 * answer per person per round, one reply per round.
 */
export type ClaimAnswerTable = {
  id: Generated<number>
  claim_id: number
  project_id: number
  author_id: number | null
  message: string | null
  created_at: Defaulted<Date>
  by_claimant: Defaulted<boolean>
  round: Defaulted<number>
}

/** An offer to mentor a starter project, waiting (`outcome` null) or settled by a maintainer. */
export type MentorOfferTable = {
  id: Generated<number>
  project_id: number
  account_id: number
  offered_at: Defaulted<Date>
  is_demo_action: Defaulted<boolean>
  outcome: MentorOfferOutcome | null
  /** Null while it waits, and for an offer settled before this was recorded. */
  settled_at: Date | null
  settled_by: number | null
  settled_is_demo_action: Defaulted<boolean>
}

export type MentorOfferOutcome = 'added' | 'declined'

export type GapRequestTable = {
  id: Generated<number>
  account_id: number | null
  language_level: LanguageLevel
  domains: Defaulted<string[]>
  time_available: string | null
  wants_mentor: Defaulted<boolean>
  note: Defaulted<string>
  created_at: Defaulted<Date>
  answered_at: Timestamp | null
  answered_by: number | null
  answer_project_id: number | null
  answer_note: Defaulted<string>
}

export type FinderPreferenceTable = {
  account_id: number
  query: string
  saved_at: Defaulted<Date>
}

export type SupplySnapshotTable = {
  // date columns come back as Date on both drivers.
  taken_on: ColumnType<Date, string, string>
  domain: string
  level: string
  open_count: number
}

export type StarterProjectTables = {
  starter_project: StarterProjectTable
  starter_project_mentor: StarterProjectMentorTable
  rating_audit: RatingAuditTable
  starter_claim: StarterClaimTable
  claim_feedback: ClaimFeedbackTable
  claim_answer: ClaimAnswerTable
  mentor_offer: MentorOfferTable
  gap_request: GapRequestTable
  finder_preference: FinderPreferenceTable
  supply_snapshot: SupplySnapshotTable
  starter_triage_dismissal: StarterTriageDismissalTable
}

/** "Not a starter project" from the triage queue: a candidate issue or a project, and why. */
export type StarterTriageDismissalTable = {
  id: Generated<number>
  issue_id: number | null
  project_id: number | null
  reason: string
  actor_id: number | null
  actor_login: string
  at: Defaulted<Date>
}

export type StarterProject = Selectable<StarterProjectTable>

// ---- Roadmap (migration 20261126010000_roadmap) ----

export type IdeaStatus = 'open' | 'agreed' | 'archived' | 'merged'
export type RoundStatus = 'proposed' | 'open' | 'closed'
export type RoundKind = 'ballot' | 'call'
export type DecisionMethod = 'top-n' | 'picked' | 'call'
export type Outcome = 'agreed' | 'declined' | 'deferred'
export type OutcomeDisposition = 'roadmap' | 'ideation' | 'archived'

export type ReleaseTargetTable = {
  id: Generated<number>
  slug: string
  name: string
  description: string | null
  created_at: Generated<Date>
}

export type RoadmapAreaTable = {
  id: Generated<number>
  release_target_id: number
  slug: string
  name: string
  original_names: Defaulted<string[]>
  position: Defaulted<number>
  created_at: Generated<Date>
}

export type IdeaTable = {
  id: Generated<number>
  release_target_id: number
  area_id: number
  title: string
  description: Defaulted<string>
  author_id: number | null
  attribution: string | null
  is_verbatim: Defaulted<boolean>
  original_area: string | null
  status: Defaulted<IdeaStatus>
  merged_into_id: number | null
  source_key: string | null
  source_url: string | null
  plus_one_count: Defaulted<number>
  comment_count: Defaulted<number>
  created_at: ColumnType<Date, Date | string | undefined, Date | string>
  last_activity_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** Title and description as a tsvector the database maintains, for similar ideas. */
  search: ColumnType<string | null, never, never>
  /** The title alone as a tsvector (generated, migration 20261205050000): similar ideas' first pass. */
  title_search: ColumnType<string | null, never, never>
}

export type IdeaLinkTable = {
  idea_id: number
  ref: string
  repo_full_name: string
  issue_number: number | null
  position: Defaulted<number>
  /** Who linked it to an agreed effort, and when; null when it came with the idea. */
  linked_by: number | null
  linked_at: Timestamp | null
}

export type ProcessNoteTable = {
  id: Generated<number>
  release_target_id: number
  kind: 'summary' | 'history'
  noted_at: Timestamp
  body: string
  attribution: string | null
  source_key: string | null
  source_url: string | null
}

/** Keyed by idea; also indexed by (account_id, created_at) for one person's +1s (and idea_comment by author). */
export type IdeaPlusOneTable = {
  idea_id: number
  account_id: number
  created_at: Generated<Date>
}

export type IdeaCommentTable = {
  id: Generated<number>
  idea_id: number
  author_id: number | null
  body: string
  created_at: Generated<Date>
}

export type IdeaAreaSuggestionTable = {
  idea_id: number
  account_id: number
  area_id: number | null
  area_name: string | null
  created_at: Generated<Date>
}

export type IdeaEventTable = {
  id: Generated<number>
  idea_id: number
  actor_id: number | null
  kind: 'moved' | 'merged' | 'absorbed' | 'decided' | 'unmerged'
  detail: string
  at: Generated<Date>
}

/** One merge of a duplicate idea, with what it moved, so that it can be undone. */
export type IdeaMergeTable = {
  id: Generated<number>
  duplicate_id: number
  survivor_id: number
  merged_by: number | null
  merged_at: Generated<Date>
  /**
   * Every +1 the duplicate had: [{account_id, created_at, moved, survivor_created_at?}]; moved:
   * survivor lacked it, or had it (at survivor_created_at) only from a standing merge.
   */
  plus_ones: ColumnType<unknown, string, never>
  /** Every link the duplicate had: [{ref, repo_full_name, issue_number, position, moved}]. */
  links: ColumnType<unknown, string, never>
  /** Whom the merge made follow the survivor; null for merges made before it recorded them. */
  added_follows: number[] | null
  undone_by: number | null
  undone_at: Date | null
}

export type RoundTable = {
  id: Generated<number>
  release_target_id: number
  name: string
  kind: Defaulted<RoundKind>
  status: RoundStatus
  opens_at: Timestamp
  closes_at: Timestamp
  dot_budget: Defaulted<number>
  source_key: string | null
  source_url: string | null
  created_by: number | null
  created_at: Generated<Date>
  closed_at: Timestamp | null
  /** When a maintainer opened it (for its later day, if scheduled); null when not known. */
  opened_at: Timestamp | null
}

export type RoundShortlistTable = {
  round_id: number
  idea_id: number
  position: number
}

export type BallotTable = {
  round_id: number
  account_id: number
  cast_at: Generated<Date>
  updated_at: Generated<Date>
}

export type BallotRankTable = {
  round_id: number
  account_id: number
  idea_id: number
  rank: number
}

export type DotVoteTable = {
  round_id: number
  account_id: number
  idea_id: number
  dots: number
}

export type DecisionTable = {
  id: Generated<number>
  round_id: number
  decided_at: Timestamp
  decided_by: number | null
  method: DecisionMethod
  top_n: number | null
  rationale: string
  voter_logins: Defaulted<string[]>
  // jsonb, read back parsed; written as JSON text with an explicit cast (see webhook_delivery).
  tally: ColumnType<unknown, string | null, never> | null
  supersedes_id: number | null
  /**
   * When the board recorded it (migration 20261219000000): the database's clock, which the app
   * leaves it to. Null for decisions recorded before that migration: when is not known.
   */
  recorded_at: ColumnType<Date | null, Date | null | undefined, never>
}

export type DecisionOutcomeTable = {
  decision_id: number
  idea_id: number
  outcome: Outcome
  disposition: OutcomeDisposition
  reason: string | null
  position: number
}

// ---- Efforts (migration 20261204100000_efforts) ----

export type EffortStatus = 'planned' | 'in-progress' | 'done' | 'dropped'

/** An agreed idea's maintainer-kept facts; its status is derived unless overridden. */
export type EffortTable = {
  idea_id: number
  status_override: EffortStatus | null
  override_by: number | null
  override_at: Timestamp | null
  /** A plain date (`YYYY-MM-DD` when selected as text). */
  target_date: ColumnType<Date | null, string | null | undefined, string | null>
  updated_at: Defaulted<Date>
}

export type EffortOwnerTable = {
  idea_id: number
  account_id: number
  added_by: number | null
  added_at: Defaulted<Date>
}

/** What a maintainer changed on an effort, for its history (and the digest). */
export type EffortEventTable = {
  id: Generated<number>
  idea_id: number
  actor_id: number | null
  kind: 'status' | 'owners' | 'target' | 'link'
  detail: string
  at: Defaulted<Date>
}

export type RoadmapTables = {
  effort: EffortTable
  effort_owner: EffortOwnerTable
  effort_event: EffortEventTable
  release_target: ReleaseTargetTable
  roadmap_area: RoadmapAreaTable
  idea: IdeaTable
  idea_link: IdeaLinkTable
  idea_plus_one: IdeaPlusOneTable
  idea_comment: IdeaCommentTable
  idea_area_suggestion: IdeaAreaSuggestionTable
  idea_event: IdeaEventTable
  idea_merge: IdeaMergeTable
  process_note: ProcessNoteTable
  round: RoundTable
  round_shortlist: RoundShortlistTable
  ballot: BallotTable
  ballot_rank: BallotRankTable
  dot_vote: DotVoteTable
  decision: DecisionTable
  decision_outcome: DecisionOutcomeTable
}

// ---- label write-back (issue 8) ----

export type LabelChangeAction = 'add' | 'remove' | 'rename'
export type LabelConflictResolution = 'kept-github' | 'reapplied'
export type LabelChangeStatus =
  'pending' | 'running' | 'done' | 'conflict' | 'failed' | 'skipped' | 'cancelled'

export type LabelChangeTable = {
  id: Generated<number>
  repository_id: number
  /** Null for a rename, which belongs to the repository's label, not to an issue. */
  issue_number: number | null
  issue_id: number | null
  label: string
  action: LabelChangeAction
  /** A rename's new name. */
  new_label: string | null
  base_labels: Defaulted<string[]>
  requested_by: number | null
  requested_by_login: string
  requested_at: Generated<Date>
  status: Defaulted<LabelChangeStatus>
  attempts: Defaulted<number>
  last_error: string | null
  github_status: number | null
  // jsonb, read back parsed; written as JSON text with an explicit cast (see webhook_delivery).
  github_response: ColumnType<unknown, string | null, string | null> | null
  claimed_by: string | null
  claimed_until: Timestamp | null
  finished_at: Timestamp | null
  resolution: LabelConflictResolution | null
  resolved_by_login: string | null
  resolved_at: Timestamp | null
  /** A queued change someone cancelled before it was sent (migration 20261204080000). */
  cancelled_by_login: string | null
  cancelled_at: Timestamp | null
  /** The accounts behind `cancelled_by_login` and `resolved_by_login` (migration 20261211000000). */
  cancelled_by: number | null
  resolved_by: number | null
}

/** A repository's own name for a board value (`language:1` → `E-easy`). */
export type LabelSchemeOverrideTable = {
  repository_id: number
  value: string
  label: string
  updated_by_login: string
  updated_at: Generated<Date>
}

export type LabelLearningSource = 'sync' | 'webhook' | 'adopted'
export type LabelLearningOutcome = 'learned' | 'ignored'

/** A label change seen on GitHub in the board's namespaces, and what the board did with it. */
export type LabelLearningTable = {
  id: Generated<number>
  repository_id: number
  issue_id: number
  issue_number: number
  project_id: number | null
  idea_id: number | null
  value: string
  label: string
  action: 'add' | 'remove'
  from_value: string | null
  to_value: string | null
  github_at: Timestamp
  github_login: string | null
  actor_login: string
  /** The account behind `actor_login`, when a person acted (migration 20261211000000). */
  actor_id: number | null
  source: LabelLearningSource
  outcome: LabelLearningOutcome
  reason: string | null
  learned_at: Generated<Date>
}

/** The worker's last read of an issue's labels, for a conditional GET before writing. */
export type LabelReadValidatorTable = {
  repository_id: number
  issue_number: number
  etag: string
  labels: string[]
  read_at: Generated<Date>
}

export type LabelOutboxTables = {
  label_change: LabelChangeTable
  label_read_validator: LabelReadValidatorTable
  label_scheme_override: LabelSchemeOverrideTable
  label_learning: LabelLearningTable
}

// ---- Notifications (migration 20261204060000_notifications) ----

export type NotificationDelivery = 'off' | 'inbox' | 'email'
export type NotificationEmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled'

export type NotificationTable = {
  id: Generated<number>
  account_id: number
  kind: string
  event_key: string
  title: string
  link: string
  /** Caused by a demo person's act: a demo action, and the inbox says so. */
  is_demo_action: Defaulted<boolean>
  created_at: Defaulted<Date>
  read_at: Timestamp | null
}

export type NotificationFollowTable = {
  account_id: number
  /** 'area' (migration 20261218000000): a roadmap area, whose new ideas one is told of. */
  subject_type: 'idea' | 'project' | 'area'
  subject_id: number
  following: boolean
  updated_at: Defaulted<Date>
  /** Writes of this row: 1 until someone chooses again (an idea merge's undo relies on it). */
  revision: Defaulted<number>
}

export type NotificationSettingTable = {
  account_id: number
  kind: string
  delivery: NotificationDelivery
}

/** The email outbox: one row per notification to email, claimed under a lease by a sender. */
export type NotificationEmailTable = {
  id: Generated<number>
  notification_id: number
  account_id: number
  status: Defaulted<NotificationEmailStatus>
  attempts: Defaulted<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  claimed_by: string | null
  claimed_until: Timestamp | null
  last_error: string | null
  message_id: string | null
  sent_at: Timestamp | null
  created_at: Defaulted<Date>
}

export type NotificationTables = {
  notification: NotificationTable
  notification_follow: NotificationFollowTable
  notification_setting: NotificationSettingTable
  notification_email: NotificationEmailTable
}

// ---- The call's agenda (migration 20261204090000_digest) ----

/** An agenda item a maintainer added by hand for one period (`2026-11-20..2026-12-04`). */
export type DigestItemTable = {
  id: Generated<number>
  period: string
  text: string
  created_by: number | null
  created_by_login: string
  created_at: Defaulted<Date>
}

/** The GitHub issue a period's agenda was posted as, in one mirrored repository. */
export type DigestPostTable = {
  repository_id: number
  period: string
  issue_number: number
  html_url: string
  posted_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

export type DigestTables = {
  digest_item: DigestItemTable
  digest_post: DigestPostTable
}
