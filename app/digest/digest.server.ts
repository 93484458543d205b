import { getDb, type Database } from '../../db/client.server'
import { getBoardClock } from '../mirror/board-clock.server'
import { listStaleIssues } from '../mirror/issue.server'

import { composeDigest, type Digest, type DigestFacts } from './compose'
import type { DigestPeriod } from './period'

/** Open work untouched this long counts as stale in the digest (the stale page's default view). */
export const DIGEST_STALE_MONTHS = 6
/** The repositories the agenda lists: the call discusses the worst, not all of them. */
const STALE_REPOSITORIES = 10

/**
 * Reads what the agenda needs for `period` and composes it. The roadmap's own events (ideas,
 * rounds, decisions, requests) are read on the real clock of the period; stale work is measured
 * on the board clock, so a snapshot such as the demo reads as of its last activity.
 */
export async function loadDigest(period: DigestPeriod, db: Database = getDb()): Promise<Digest> {
  const clock = await getBoardClock(db, period.until)
  const [ideas, rounds, decisions, outcomes, stale, gapRequests] = await Promise.all([
    db
      .selectFrom('idea as i')
      .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
      .select(['i.id', 'i.title', 'a.name as area', 'i.plus_one_count', 'i.created_at'])
      .where('i.created_at', '>=', period.since)
      .where('i.created_at', '<=', period.until)
      .where('i.status', '!=', 'merged')
      .execute(),
    db
      .selectFrom('round')
      .select(['id', 'name', 'opens_at', 'closes_at', 'status'])
      .where((eb) =>
        eb.or([
          eb.and([eb('opens_at', '>=', period.since), eb('opens_at', '<=', period.until)]),
          eb('closes_at', '>=', period.since),
        ]),
      )
      .where('status', '!=', 'proposed')
      .execute(),
    db
      .selectFrom('decision as d')
      .innerJoin('round as r', 'r.id', 'd.round_id')
      .select(['d.id', 'r.name as round_name', 'd.decided_at'])
      .where('d.decided_at', '>=', period.since)
      .where('d.decided_at', '<=', period.until)
      .execute(),
    db
      .selectFrom('decision_outcome as o')
      .innerJoin('decision as d', 'd.id', 'o.decision_id')
      .innerJoin('idea as i', 'i.id', 'o.idea_id')
      .select(['o.decision_id', 'i.title'])
      .where('o.outcome', '=', 'agreed')
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
        now: clock.now,
      },
      db,
    ),
    db
      .selectFrom('gap_request')
      .select(['id', 'created_at', 'language_level', 'domains'])
      .where('answered_at', 'is', null)
      .orderBy('created_at')
      .limit(50)
      .execute(),
  ])
  const agreedBy = new Map<number, string[]>()
  for (const outcome of outcomes) {
    agreedBy.set(outcome.decision_id, [...(agreedBy.get(outcome.decision_id) ?? []), outcome.title])
  }
  const facts: DigestFacts = {
    ideas: ideas.map((idea) => ({
      id: idea.id,
      title: idea.title,
      area: idea.area,
      plusOnes: idea.plus_one_count,
      createdAt: new Date(idea.created_at),
    })),
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      opensAt: new Date(round.opens_at),
      closesAt: new Date(round.closes_at),
      status: round.status,
    })),
    decisions: decisions.map((decision) => ({
      id: decision.id,
      roundName: decision.round_name,
      decidedAt: new Date(decision.decided_at),
      agreed: agreedBy.get(decision.id) ?? [],
    })),
    staleRepositories: stale.repositories.map((repository) => ({
      repo: repository.repo,
      staleCount: repository.stale_count,
      oldestUpdatedAt: new Date(repository.oldest_updated_at),
    })),
    gapRequests: gapRequests.map((request) => ({
      id: request.id,
      createdAt: new Date(request.created_at),
      level: request.language_level,
      domains: request.domains,
    })),
  }
  return composeDigest(facts, period)
}
