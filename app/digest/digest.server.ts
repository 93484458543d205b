import { getDb, type Database } from '../../db/client.server'
import { isDemoAccount } from '../accounts/account.server'
import { getBoardClock } from '../mirror/board-clock.server'
import { listStaleIssues } from '../mirror/issue.server'
import { listEffortStatusChanges } from '../roadmap/effort.server'
import { demoPlusOnesOf } from '../roadmap/idea.server'
import { demoVoterLogins } from '../roadmap/round.server'
import {
  listClaimsFinishedIn,
  listClaimsStartedIn,
  listClaimsLapsingIn,
  listProjectsCreatedIn,
} from '../starter/activity.server'
import { listDrift, listLoneDisagreements, type DriftRow } from '../starter/calibration.server'
import { listWaitingMentorOffersByProject } from '../starter/mentor-offer.server'
import { getStarterSettings } from '../starter/settings.server'
import { buildSupplyMatrix } from '../starter/supply'
import { isAnyProjectRated, listOpenSupplyGroups } from '../starter/supply.server'

import { composeDigest, type Digest, type DigestFacts, type DigestLabels } from './compose'
import { listDigestItems } from './items.server'
import type { DigestPeriod } from './period'

/** Open work untouched this long counts as stale in the digest (the stale page's default view). */
export const DIGEST_STALE_MONTHS = 6
/** The repositories the agenda lists: the call discusses the worst, not all of them. */
const STALE_REPOSITORIES = 10
/** Claims lapsing this long after the period still make the agenda: before the next call. */
const LAPSING_AHEAD_MS = 14 * 24 * 60 * 60 * 1000

/**
 * Reads what the agenda needs for `period` and composes it. The roadmap's own events (ideas,
 * rounds, decisions, requests) are read on the real clock of the period; stale work is measured
 * on the board clock, so a snapshot such as the demo reads as of its last activity. The starter
 * sections reuse the supply, calibration and activity queries of app/starter/. The label
 * write-back's counts come from the caller (the page, the CLI), which may read app/labels/.
 */
export async function loadDigest(
  period: DigestPeriod,
  db: Database = getDb(),
  settings: Pick<
    ReturnType<typeof getStarterSettings>,
    'domains' | 'driftThreshold' | 'driftMinReports'
  > &
    Partial<Pick<ReturnType<typeof getStarterSettings>, 'languageName'>> = getStarterSettings(),
  /** Read by the caller, maybe still being read: the agenda's other reads go on meanwhile. */
  labels: DigestLabels | null | Promise<DigestLabels | null> = null,
): Promise<Digest> {
  const clock = await getBoardClock(db, period.until)
  const span = { from: period.since, to: period.until }
  const [
    [ideas, rounds, decisions, outcomes, stale, gapRequests],
    [
      supplyGroups,
      newProjects,
      started,
      finished,
      lapsing,
      drift,
      loneDisagreements,
      items,
      mentorOffers,
      isAnyRated,
    ],
    labelCounts,
  ] = await Promise.all([
    loadRoadmapFacts(period, db, clock.now),
    Promise.all([
      listOpenSupplyGroups(db),
      listProjectsCreatedIn(span, db),
      listClaimsStartedIn(span, db),
      listClaimsFinishedIn(span, db),
      listClaimsLapsingIn(
        { from: period.since, to: new Date(period.until.getTime() + LAPSING_AHEAD_MS) },
        db,
      ),
      listDrift({ threshold: settings.driftThreshold, minReports: settings.driftMinReports }, db),
      listLoneDisagreements(
        { threshold: settings.driftThreshold, minReports: settings.driftMinReports },
        db,
      ),
      listDigestItems(period, db),
      listWaitingMentorOffersByProject(db),
      isAnyProjectRated(db),
    ]),
    labels,
  ])

  const effortChanges = await listEffortStatusChanges(period, db)
  // The supply page's default view: dry domains and those waiting for a rating, by its one rule.
  const supply = buildSupplyMatrix(supplyGroups, settings.domains, 'max')
  // Each decision's ideas by outcome, in the decision's order, with their recorded reasons.
  const outcomesBy = new Map<string, { ideaId: number; title: string; reason: string | null }[]>()
  const outcomesOf = (decisionId: number, outcome: string) =>
    outcomesBy.get(`${decisionId}:${outcome}`) ?? []
  for (const { decision_id, outcome, idea_id, title, reason } of outcomes) {
    outcomesBy.set(`${decision_id}:${outcome}`, [
      ...outcomesOf(decision_id, outcome),
      { ideaId: idea_id, title, reason },
    ])
  }
  const facts: DigestFacts = {
    ideas: ideas.map((idea) => ({
      id: idea.id,
      title: idea.title,
      area: idea.area,
      plusOnes: idea.plus_one_count,
      demoPlusOnes: idea.demo_plus_one_count,
      createdAt: new Date(idea.created_at),
      isDemo: idea.is_demo,
    })),
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      target: round.target_name,
      opensAt: new Date(round.opens_at),
      closesAt: new Date(round.closes_at),
      status: round.status,
      closedAt: round.closed_at ? new Date(round.closed_at) : null,
      createdAt: new Date(round.created_at),
      openedAt: round.opened_at ? new Date(round.opened_at) : null,
      isDemo: round.is_demo,
    })),
    decisions: decisions.map((decision) => ({
      id: decision.id,
      roundId: decision.round_id,
      roundName: decision.round_name,
      target: decision.target_name,
      decidedAt: new Date(decision.decided_at),
      ballots:
        decision.method === 'call'
          ? null
          : { voters: decision.voter_logins.length, demo: decision.demo_voter_logins.length },
      agreed: outcomesOf(decision.id, 'agreed'),
      deferred: outcomesOf(decision.id, 'deferred'),
      declined: outcomesOf(decision.id, 'declined'),
      isDemo: decision.is_demo,
    })),
    staleRepositories: stale.repositories.map((repository) => ({
      repo: repository.repo,
      staleCount: repository.stale_count,
      oldestUpdatedAt: new Date(repository.oldest_updated_at),
      // As the stale page says it (app/mirror/ui/recorded-history.tsx): "or later", not a fact.
      historyRecorded: repository.history_recorded,
    })),
    staleMeasure: {
      months: DIGEST_STALE_MONTHS,
      asOf: clock.now,
      isSnapshot: clock.kind === 'snapshot',
    },
    gapRequests: gapRequests.map((request) => ({
      id: request.id,
      createdAt: new Date(request.created_at),
      level: request.language_level,
      domains: request.domains,
      isDemo: request.is_demo,
    })),
    languageName: settings.languageName ?? getStarterSettings().languageName,
    isAnyRated,
    dryDomains: supply.dryDomains,
    waitingForRating: supply.waitingForRating,
    newProjects: newProjects.map((project) => ({
      id: project.id,
      title: project.title,
      domain: project.primary_domain,
      createdAt: new Date(project.created_at),
      isDemo: project.is_demo,
    })),
    startedClaims: started.map((claim) => ({
      projectId: claim.project_id,
      title: claim.title,
      login: claim.login,
      isDemo: claim.is_demo,
      claimedAt: new Date(claim.claimed_at),
      now: claim.is_running ? 'running' : (claim.outcome ?? 'lapsed'),
      answeredAt: claim.first_answer ? new Date(claim.first_answer.at) : null,
      isDemoAnswer: claim.first_answer?.is_demo ?? false,
    })),
    finishedProjects: finished.map((claim) => ({
      projectId: claim.project_id,
      title: claim.title,
      login: claim.login,
      isDemo: claim.is_demo,
      finishedAt: new Date(claim.ended_at ?? period.until),
    })),
    lapsingClaims: lapsing.map((claim) => ({
      projectId: claim.project_id,
      title: claim.title,
      login: claim.login,
      isDemo: claim.is_demo,
      expiresAt: new Date(claim.expires_at),
    })),
    drift: drift.map(digestDrift),
    loneDisagreements: loneDisagreements.map(digestDrift),
    items: items.items.map((item) => ({
      id: item.id,
      text: item.text,
      login: item.created_by_login,
      isDemo: item.is_demo,
      createdAt: new Date(item.created_at),
    })),
    earlierItems: items.earlier,
    effortChanges,
    mentorOffers,
    labels: labelCounts,
  }
  return composeDigest(facts, period)
}

/** A calibration row as the agenda reads it. */
function digestDrift(row: DriftRow) {
  return {
    projectId: row.projectId,
    title: row.title,
    axis: row.axis,
    domain: row.primaryDomain,
    rating: row.rating,
    average: row.average,
    reports: row.reports,
    demoReports: row.demoReports,
    ratedBy: row.maintainerLogin,
    isDemoRating: row.isDemoRating,
  }
}

/** The roadmap's events in the period, the stale work and the open requests. */
function loadRoadmapFacts(period: DigestPeriod, db: Database, boardNow: Date) {
  return Promise.all([
    db
      .selectFrom('idea as i')
      .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
      .select((eb) => [
        'i.id',
        'i.title',
        'a.name as area',
        'i.plus_one_count',
        demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_one_count'),
        'i.created_at',
        isDemoAccount(eb.ref('i.author_id')).as('is_demo'),
      ])
      .where('i.created_at', '>=', period.since)
      .where('i.created_at', '<=', period.until)
      .where('i.status', '!=', 'merged')
      .execute(),
    db
      .selectFrom('round as r')
      .innerJoin('release_target as t', 't.id', 'r.release_target_id')
      .select((eb) => [
        'r.id',
        'r.name',
        't.name as target_name',
        'r.opens_at',
        'r.closes_at',
        'r.closed_at',
        'r.created_at',
        'r.opened_at',
        'r.status',
        isDemoAccount(eb.ref('r.created_by')).as('is_demo'),
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('r.opens_at', '>=', period.since), eb('r.opens_at', '<=', period.until)]),
          // Also every round scheduled in the period for a later day: it closes later still.
          eb('r.closes_at', '>=', period.since),
          eb('r.closed_at', '>=', period.since),
          eb.and([eb('r.status', '=', 'proposed'), eb('r.created_at', '>=', period.since)]),
        ]),
      )
      .execute(),
    db
      .selectFrom('decision as d')
      .innerJoin('round as r', 'r.id', 'd.round_id')
      .innerJoin('release_target as t', 't.id', 'r.release_target_id')
      .select((eb) => [
        'd.id',
        'r.id as round_id',
        'r.name as round_name',
        't.name as target_name',
        'd.decided_at',
        'd.method',
        'd.voter_logins',
        demoVoterLogins(eb.ref('d.round_id')).as('demo_voter_logins'),
        isDemoAccount(eb.ref('d.decided_by')).as('is_demo'),
      ])
      .where('d.decided_at', '>=', period.since)
      .where('d.decided_at', '<=', period.until)
      .execute(),
    db
      .selectFrom('decision_outcome as o')
      .innerJoin('decision as d', 'd.id', 'o.decision_id')
      .innerJoin('idea as i', 'i.id', 'o.idea_id')
      .select(['o.decision_id', 'o.outcome', 'o.idea_id', 'i.title', 'o.reason'])
      .where('d.decided_at', '>=', period.since)
      .where('d.decided_at', '<=', period.until)
      .orderBy('o.position')
      .execute(),
    listStaleIssues(
      {
        months: DIGEST_STALE_MONTHS,
        type: 'all',
        perRepository: 0,
        limit: STALE_REPOSITORIES,
        offset: 0,
        now: boardNow,
      },
      db,
    ),
    db
      .selectFrom('gap_request as g')
      .select((eb) => [
        'g.id',
        'g.created_at',
        'g.language_level',
        'g.domains',
        isDemoAccount(eb.ref('g.account_id')).as('is_demo'),
      ])
      .where('g.answered_at', 'is', null)
      .orderBy('g.created_at')
      .orderBy('g.id')
      .limit(50)
      .execute(),
  ])
}

/**
 * The roadmap's latest decision before `date`: where a quiet period's agenda points, so the call
 * (or a first visitor of a board whose decisions are years old, as the demo's) finds the last one.
 */
export async function getLatestDecisionBefore(date: Date, db: Database = getDb()) {
  return db
    .selectFrom('decision as d')
    .innerJoin('round as r', 'r.id', 'd.round_id')
    .innerJoin('release_target as t', 't.id', 'r.release_target_id')
    .select(['r.id as round_id', 'r.name as round_name', 't.name as target_name', 'd.decided_at'])
    .where('d.decided_at', '<', date)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}
