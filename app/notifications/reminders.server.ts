import { getDb, type Database } from '../../db/client.server'
import { roundWithTarget } from '../roadmap/round-title'
import { leftProjectFree } from '../starter/running-claim.server'
import { formatDate } from '../utils/format'

import { CLAIM_LAPSING_WINDOW_MS, LAPSED_NEWS_MS, ROUND_CLOSING_WINDOW_MS } from './kinds'
import {
  listRoundVoterIds,
  notify,
  notifyProjectFreed,
  roundClosingKey,
  roundVotingKey,
  type NewNotification,
} from './notify.server'

// The notices that come from time passing rather than from an event: a claim lapsing in 3 days
// or lapsed (its holder told, and its project's mentors and followers when that left it free), a
// round scheduled for a later day whose voting has begun, a round closing in 2 days.
// The scheduled job runs this every few minutes with the
// server's clock; every notice names its occurrence (the claim's expiry, the round's closing
// time), so running it again, or in two processes at once, tells nobody twice, while a claim
// renewed and then lapsing again is a new occurrence.

/**
 * A claim reminder's event: the claim and the expiry it warns of. "For you" reads it too, to leave
 * out of the newest notices a reminder its claim line already says.
 */
export function claimReminderKey(
  kind: 'claim_lapsing' | 'claim_lapsed',
  claim: { id: number; expires_at: Date },
) {
  return `${kind}:${claim.id}:${claim.expires_at.getTime()}`
}

export type ReminderSummary = {
  claimLapsing: number
  claimLapsed: number
  /** Lapses that left their project free: notices to its mentors and followers. */
  projectFreed: number
  roundVoting: number
  roundClosing: number
}

export async function sendReminders(
  now: Date,
  db: Database = getDb(),
  options: { email?: boolean } = {},
): Promise<ReminderSummary> {
  const at = now.getTime()
  const [lapsing, lapsed, votingBegun, closing] = await Promise.all([
    db
      .selectFrom('starter_claim as c')
      .innerJoin('starter_project as p', 'p.id', 'c.project_id')
      .select(['c.id', 'c.account_id', 'c.project_id', 'c.expires_at', 'p.title'])
      .where('c.ended_at', 'is', null)
      .where('c.expires_at', '>', now)
      .where('c.expires_at', '<=', new Date(at + CLAIM_LAPSING_WINDOW_MS))
      .execute(),
    db
      .selectFrom('starter_claim as c')
      .innerJoin('starter_project as p', 'p.id', 'c.project_id')
      .innerJoin('account as a', 'a.id', 'c.account_id')
      .select(['c.id', 'c.account_id', 'c.project_id', 'c.expires_at', 'p.title', 'a.login'])
      // Asked at the job's `now`, as the lapse is: free still, so not taken again since.
      .select(leftProjectFree(now).as('left_free'))
      .where('c.ended_at', 'is', null)
      .where('c.expires_at', '<=', now)
      .where('c.expires_at', '>', new Date(at - LAPSED_NEWS_MS))
      .execute(),
    // Scheduled: opened on the board before its opening day, so its opening notice said "voting
    // opens on …" and nobody has been told since. A round opened on its day said "open" already;
    // one whose opening time is unknown (opened_at null, before it was recorded) is left alone.
    db
      .selectFrom('round as r')
      .innerJoin('release_target as t', 't.id', 'r.release_target_id')
      .select(['r.id', 'r.name', 't.name as target_name', 'r.opens_at', 'r.closes_at'])
      .where('r.status', '=', 'open')
      .where('r.opened_at', 'is not', null)
      .whereRef('r.opened_at', '<', 'r.opens_at')
      .where('r.opens_at', '<=', now)
      .where('r.opens_at', '>', new Date(at - LAPSED_NEWS_MS))
      .where('r.closes_at', '>', now)
      .execute(),
    db
      .selectFrom('round as r')
      .innerJoin('release_target as t', 't.id', 'r.release_target_id')
      .select(['r.id', 'r.name', 't.name as target_name', 'r.closes_at'])
      .where('r.status', '=', 'open')
      .where('r.closes_at', '>', now)
      .where('r.closes_at', '<=', new Date(at + ROUND_CLOSING_WINDOW_MS))
      .execute(),
  ])

  const claimNotices = (
    rows: typeof lapsing,
    kind: 'claim_lapsing' | 'claim_lapsed',
  ): NewNotification[] =>
    rows.map((claim) => ({
      accountId: claim.account_id,
      kind,
      eventKey: claimReminderKey(kind, claim),
      // Each says what to do, as a released claim's notice does: read in an email or a week on,
      // "lapsed on …" alone left her to find out that claiming again is how to go on.
      title:
        kind === 'claim_lapsing'
          ? `Your claim on “${claim.title}” lapses on ${formatDate(claim.expires_at)}: renew it if you are still on it`
          : `Your claim on “${claim.title}” lapsed on ${formatDate(claim.expires_at)}: it is open to others now; claim it again if you are still on it`,
      link: `/starter/${claim.project_id}`,
    }))

  const votingNotices: NewNotification[] = []
  const roundNotices: NewNotification[] = []
  const voters = closing.length + votingBegun.length > 0 ? await listRoundVoterIds(db) : []
  for (const round of votingBegun) {
    for (const accountId of voters) {
      votingNotices.push({
        accountId,
        kind: 'round_opened',
        eventKey: roundVotingKey(round),
        title: `${roundWithTarget(round.name, round.target_name)} is open for voting until ${formatDate(round.closes_at)}`,
        link: `/roadmap/rounds/${round.id}`,
      })
    }
  }
  for (const round of closing) {
    for (const accountId of voters) {
      roundNotices.push({
        accountId,
        kind: 'round_closing',
        eventKey: roundClosingKey(round),
        title: `${roundWithTarget(round.name, round.target_name)} closes on ${formatDate(round.closes_at)}: vote or check your ballot`,
        link: `/roadmap/rounds/${round.id}`,
      })
    }
  }

  // One call per lapse: each names its own claimant, who is never told (`claim_lapsed` is hers).
  let projectFreed = 0
  for (const claim of lapsed) {
    if (!claim.left_free) continue
    projectFreed += await notifyProjectFreed(
      db,
      {
        projectId: claim.project_id,
        claim,
        claimant: { id: claim.account_id, login: claim.login },
        lapsed: true,
        releasedBy: null,
      },
      options,
    )
  }

  return {
    claimLapsing: await notify(db, claimNotices(lapsing, 'claim_lapsing'), options),
    claimLapsed: await notify(db, claimNotices(lapsed, 'claim_lapsed'), options),
    projectFreed,
    roundVoting: await notify(db, votingNotices, options),
    roundClosing: await notify(db, roundNotices, options),
  }
}
