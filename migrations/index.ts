import type { Migration } from 'kysely/migration'

import * as mirrorSchema from './20261125000000_mirror_schema'
import * as syncClaims from './20261125010000_sync_claims'
import * as webhookDeliveries from './20261125020000_webhook_deliveries'
import * as accounts from './20261125030000_accounts'
import * as starterProjects from './20261126000000_starter_projects'
import * as roadmap from './20261126010000_roadmap'
import * as labelOutbox from './20261126020000_label_outbox'
import * as labelScheme from './20261127000000_label_scheme'
import * as labelLearning from './20261127010000_label_learning'
import * as issueTombstone from './20261203000000_issue_tombstone'
import * as accountSession from './20261203010000_account_session'
import * as starterTriage from './20261204030000_starter_triage'
import * as finderSearch from './20261204050000_finder_search'
import * as notifications from './20261204060000_notifications'
import * as cancelAndSimilarIdeas from './20261204080000_cancel_and_similar_ideas'
import * as digest from './20261204090000_digest'
import * as efforts from './20261204100000_efforts'
import * as githubInstallations from './20261205010000_github_installations'
import * as ideaMergeUndo from './20261205030000_idea_merge_undo'
import * as pullRequestCloses from './20261205040000_pull_request_closes'
import * as ideaTitleSearch from './20261205050000_idea_title_search'
import * as issueInlineRows from './20261205060000_issue_inline_rows'
import * as issueLabelSetChecks from './20261206000000_issue_label_set_checks'
import * as issueRepositorySetCheck from './20261207000000_issue_repository_set_check'
import * as notificationDemoAction from './20261208000000_notification_demo_action'
import * as gapAnswerNote from './20261209000000_gap_answer_note'
import * as starterProjectListedEra from './20261209100000_starter_project_listed_era'
import * as repositoryHistoryRecorded from './20261210000000_repository_history_recorded'
import * as labelActorAccounts from './20261211000000_label_actor_accounts'
import * as mentorsNamedAt from './20261212000000_mentors_named_at'
import * as ideaActivityByAccount from './20261213000000_idea_activity_by_account'
import * as mergeAddedFollows from './20261214000000_merge_added_follows'
import * as answeredRequestNoticesRead from './20261215000000_answered_request_notices_read'
import * as pushAccessAnswered from './20261216000000_push_access_answered'
import * as accountVisits from './20261217000000_account_visits'
import * as followAreas from './20261218000000_follow_areas'
import * as decisionRecordedAt from './20261219000000_decision_recorded_at'
import * as claimAnswer from './20261220000000_claim_answer'
import * as roundOpenedAt from './20261221000000_round_opened_at'
import * as claimReply from './20261223000000_claim_reply'
import * as boardSecret from './20261224200000_board_secret'
import * as claimFinishLink from './20261225000000_claim_finish_link'
import * as mentorOffer from './20261226000000_mentor_offer'
import * as claimFinishLinkAsked from './20261228000000_claim_finish_link_asked'

// Every migration, by name, in the order they run. Listed statically (not read from the folder)
// so the same list works under tsx, Vitest and bundlers; a test checks no file is left out.
export const migrations: Record<string, Migration> = {
  '20261125000000_mirror_schema': mirrorSchema,
  '20261125010000_sync_claims': syncClaims,
  '20261125020000_webhook_deliveries': webhookDeliveries,
  '20261125030000_accounts': accounts,
  '20261126000000_starter_projects': starterProjects,
  '20261126010000_roadmap': roadmap,
  '20261126020000_label_outbox': labelOutbox,
  '20261127000000_label_scheme': labelScheme,
  '20261127010000_label_learning': labelLearning,
  '20261203000000_issue_tombstone': issueTombstone,
  '20261203010000_account_session': accountSession,
  '20261204030000_starter_triage': starterTriage,
  '20261204050000_finder_search': finderSearch,
  '20261204060000_notifications': notifications,
  '20261204080000_cancel_and_similar_ideas': cancelAndSimilarIdeas,
  '20261204090000_digest': digest,
  '20261204100000_efforts': efforts,
  '20261205010000_github_installations': githubInstallations,
  '20261205030000_idea_merge_undo': ideaMergeUndo,
  '20261205040000_pull_request_closes': pullRequestCloses,
  '20261205050000_idea_title_search': ideaTitleSearch,
  '20261205060000_issue_inline_rows': issueInlineRows,
  '20261206000000_issue_label_set_checks': issueLabelSetChecks,
  '20261207000000_issue_repository_set_check': issueRepositorySetCheck,
  '20261208000000_notification_demo_action': notificationDemoAction,
  '20261209000000_gap_answer_note': gapAnswerNote,
  '20261209100000_starter_project_listed_era': starterProjectListedEra,
  '20261210000000_repository_history_recorded': repositoryHistoryRecorded,
  '20261211000000_label_actor_accounts': labelActorAccounts,
  '20261212000000_mentors_named_at': mentorsNamedAt,
  '20261213000000_idea_activity_by_account': ideaActivityByAccount,
  '20261214000000_merge_added_follows': mergeAddedFollows,
  '20261215000000_answered_request_notices_read': answeredRequestNoticesRead,
  '20261216000000_push_access_answered': pushAccessAnswered,
  '20261217000000_account_visits': accountVisits,
  '20261218000000_follow_areas': followAreas,
  '20261219000000_decision_recorded_at': decisionRecordedAt,
  '20261220000000_claim_answer': claimAnswer,
  '20261221000000_round_opened_at': roundOpenedAt,
  '20261223000000_claim_reply': claimReply,
  '20261224200000_board_secret': boardSecret,
  '20261225000000_claim_finish_link': claimFinishLink,
  '20261226000000_mentor_offer': mentorOffer,
  '20261228000000_claim_finish_link_asked': claimFinishLinkAsked,
}
