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
  round_opened: { label: 'A round I vote in opens', group: 'Rounds', forMaintainersOnly: true },
  gap_requested: {
    label: 'A newcomer says no starter project fits (maintainers)',
    group: 'Maintainers',
    forMaintainersOnly: true,
  },
  mentor_offered: {
    label: 'Someone offers to mentor a starter project (maintainers)',
    group: 'Maintainers',
    forMaintainersOnly: true,
  },
  round_closing: {
    label: 'A round I vote in closes in 2 days',
    group: 'Rounds',
    forMaintainersOnly: true,
  },
} as const

export type NotificationKind = keyof typeof NOTIFICATION_KINDS

export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[]

/**
 * The kinds that can reach someone of `role`, which the settings page offers her: rounds are told
 * to the maintainers, who alone vote (`listRoundVoterIds`), and "nothing fits me" requests and
 * offers to mentor to every maintainer; a contributor was offered settings for notices she never
 * gets. The settings of the others stay saved as they are, for a role that changes later.
 */
export function kindsFor(role: string): NotificationKind[] {
  return KIND_NAMES.filter(
    (kind) => role === 'maintainer' || !('forMaintainersOnly' in NOTIFICATION_KINDS[kind]),
  )
}

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

// A board with no email configured (SMTP_URL unset, as in the demo) delivers every kind kept on
// to the inbox only: the settings page offers what is true ("Inbox" or "Off") while the saved
// setting keeps email, by choice or by default, for when the operator configures it.

/** What the settings page offers for a kind: email only where the board sends it. */
export function deliveryChoices(sendsEmail: boolean): readonly NotificationDelivery[] {
  return sendsEmail ? DELIVERIES : ['inbox', 'off']
}

/** A choice's words: without email, "Inbox" is all a kind kept on gets, not "only" one way. */
export function deliveryLabel(delivery: NotificationDelivery, sendsEmail: boolean) {
  return !sendsEmail && delivery === 'inbox' ? 'Inbox' : DELIVERY_LABELS[delivery]
}

/** The choice the page shows for a saved setting: without email, "email" reaches the inbox only. */
export function deliveryShown(saved: NotificationDelivery, sendsEmail: boolean) {
  return !sendsEmail && saved === 'email' ? 'inbox' : saved
}

/**
 * The setting to save when the page posts `chosen` for a kind saved as `saved`. Without email,
 * "Inbox" means the kind is on: one saved on email (or inbox only) keeps it for when email is
 * configured, and one turned back on from "Off" gets the default again, as if never turned off.
 * With email, the choice is saved as posted.
 */
export function deliveryToSave(
  chosen: NotificationDelivery,
  saved: NotificationDelivery,
  sendsEmail: boolean,
): NotificationDelivery {
  if (sendsEmail || chosen !== 'inbox') return chosen
  return saved === 'off' ? DEFAULT_DELIVERY : saved
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
