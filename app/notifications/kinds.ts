import type { NotificationDelivery } from '../../db/schema'
import { RENEWAL_WINDOW_MS } from '../starter/claim-time'

// What a person can be told about, and how each kind is delivered unless they chose otherwise.
// Pure, so the settings page, the inbox and the email composer name kinds the same way.

export const NOTIFICATION_KINDS = {
  claim_lapsing: { label: 'My claim lapses in 3 days', group: 'My claims' },
  claim_lapsed: { label: 'My claim lapsed', group: 'My claims' },
  claim_released: { label: 'A maintainer releases my claim', group: 'My claims' },
  claim_answered: { label: 'A mentor answers my claim', group: 'My claims' },
  request_answered: { label: 'My “nothing fits me” request is answered', group: 'My requests' },
  mentor_offer_answered: {
    label: 'A maintainer answers my offer to mentor a project',
    group: 'My requests',
  },
  idea_proposed: {
    label: 'A new idea is proposed in (or moved into) an area I follow',
    group: 'Ideas',
  },
  idea_shortlisted: {
    label: 'An idea I wrote or follow is shortlisted (or taken off a shortlist)',
    group: 'Ideas',
  },
  idea_decided: { label: 'An idea I wrote or follow is decided', group: 'Ideas' },
  idea_merged: { label: 'An idea I wrote or follow is merged', group: 'Ideas' },
  idea_commented: {
    label: 'Someone comments on an idea I wrote, follow or commented on',
    group: 'Ideas',
  },
  project_claimed: { label: 'Someone claims a project I mentor or follow', group: 'Projects' },
  claim_replied: {
    label: 'Someone replies to my answer to their claim',
    group: 'Projects',
  },
  project_finished: { label: 'Someone finishes a project I mentor or follow', group: 'Projects' },
  project_abandoned: { label: 'Someone stops a project I mentor or follow', group: 'Projects' },
  project_freed: {
    label: 'A project I mentor or follow is free again (a claim lapsed or was released)',
    group: 'Projects',
  },
  report_disagrees: {
    label: 'A report disagrees with the rating of a project I mentor (maintainers: any project)',
    group: 'Projects',
  },
  mentor_named: { label: 'A maintainer names me a mentor of a project', group: 'Projects' },
  round_opened: { label: 'A round I vote in opens', group: 'Rounds' },
  gap_requested: {
    label: 'A newcomer says no starter project fits (maintainers)',
    group: 'Maintainers',
  },
  mentor_offered: {
    label: 'Someone offers to mentor a starter project (maintainers)',
    group: 'Maintainers',
  },
  round_closing: { label: 'A round I vote in closes in 2 days', group: 'Rounds' },
} as const

export type NotificationKind = keyof typeof NOTIFICATION_KINDS

export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[]

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value)
}

/** Inbox and, when the person has an address and the board sends email, email too. */
export const DEFAULT_DELIVERY: NotificationDelivery = 'email'

export const DELIVERIES: readonly NotificationDelivery[] = ['email', 'inbox', 'off']

export const DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  email: 'Inbox and email',
  inbox: 'Inbox only',
  off: 'Off',
}

/** How far ahead the reminders look: a claim's, from when renewing it opens. */
export const CLAIM_LAPSING_WINDOW_MS = RENEWAL_WINDOW_MS
export const ROUND_CLOSING_WINDOW_MS = 2 * 86_400_000
/** A lapse older than this when first seen (a board just upgraded) is not news any more. */
export const LAPSED_NEWS_MS = 7 * 86_400_000

/** What an answer adds when taking part made one follow (inbox.server.ts followUnlessChosen). */
export function nowFollowingNote(followed: boolean) {
  return followed ? ' You follow it now: its news comes to your Inbox.' : ''
}
