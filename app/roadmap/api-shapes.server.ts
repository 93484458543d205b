import type { listIdeas } from './idea.server'
import type { getPublicRoadmap, IdeaLinkState } from './roadmap.server'
import { roundPhase } from './round-phase'
import type { RoundDetail } from './round.server'
import { decisionVoters } from './voters'

// The JSON the roadmap's API answers with: camelCase, ISO dates, and nothing a ballot holds.

const iso = (value: Date | string) => new Date(value).toISOString()

function presentLink(link: IdeaLinkState) {
  return {
    ref: link.ref,
    url: link.url,
    kind: link.number === null ? ('repository' as const) : ('issue' as const),
    isMirrored: link.isMirrored,
    title: link.title,
    state: link.state,
    isPullRequest: link.isPullRequest,
  }
}

/** A decision's voters; a demo person's vote is a demo action. */
function presentVoters(decision: Parameters<typeof decisionVoters>[0]) {
  return decisionVoters(decision).map((voter) => ({
    login: voter.login,
    isDemoAction: voter.isDemo,
  }))
}

/** `origin`: the board's public address (publicOrigin), so each `url` is absolute, as GitHub's are. */
export function presentIdeas(
  ideas: Awaited<ReturnType<typeof listIdeas>>['items'],
  origin: string,
) {
  return ideas.map((idea) => ({
    id: idea.id,
    title: idea.title,
    description: idea.description,
    area: { slug: idea.area_slug, name: idea.area_name },
    originalArea: idea.original_area,
    stage: idea.stage,
    author: idea.author_login,
    // Proposed by a demo person: the idea is a demo action, as its page says.
    isDemoAction: idea.author_is_demo,
    attribution: idea.attribution,
    isVerbatim: idea.is_verbatim,
    mergedInto: idea.merged_into_id,
    plusOnes: idea.plus_one_count,
    // How many of plusOnes demo people gave: demo actions, never the community's.
    demoPlusOnes: idea.demo_plus_one_count,
    comments: idea.comment_count,
    createdAt: iso(idea.created_at),
    lastActivityAt: iso(idea.last_activity_at),
    links: idea.links.map(presentLink),
    url: `${origin}/roadmap/ideas/${idea.id}`,
  }))
}

/**
 * A round for anyone: after close its order, both matrices, the dot totals and the decision;
 * never a ballot, and nothing of the votes while the round runs.
 */
export function presentRound(
  round: RoundDetail,
  now: Date,
  dotTotals: { byIdea: Record<number, number>; participants: number } | null = null,
) {
  const titles = new Map(round.shortlist.map((idea) => [idea.id, idea.title]))
  const decision = round.decision
  const tally = decision?.tally ?? null
  return {
    id: round.id,
    name: round.name,
    kind: round.kind,
    status: round.status,
    phase: roundPhase(round, now),
    // Opened (or proposed) by a demo person: the round is a demo action, as its pages say.
    isDemoAction: round.is_demo,
    releaseTarget: { slug: round.target_slug, name: round.target_name },
    opensAt: iso(round.opens_at),
    closesAt: iso(round.closes_at),
    closedAt: round.closed_at ? iso(round.closed_at) : null,
    shortlist: round.shortlist.map((idea) => ({
      id: idea.id,
      title: idea.title,
      area: idea.area_name,
      // Deferred by an earlier round's decision and back: voters see it is not new.
      deferredIn: idea.deferred_in
        ? {
            roundId: idea.deferred_in.roundId,
            name: idea.deferred_in.round,
            isDemoAction: idea.deferred_in.isDemo,
          }
        : null,
    })),
    voters: round.voters.map((voter) => ({
      login: voter.login,
      votedAt: iso(voter.cast_at),
      isDemoAction: voter.is_demo,
    })),
    dots:
      round.status === 'closed' && dotTotals
        ? {
            participants: dotTotals.participants,
            byIdea: round.shortlist.map((idea) => ({
              id: idea.id,
              dots: dotTotals.byIdea[idea.id] ?? 0,
            })),
          }
        : null,
    result: tally
      ? {
          ballots: tally.ballots,
          candidates: tally.candidates.map((id) => ({ id, title: titles.get(id) ?? null })),
          order: tally.order.map((candidate) => ({
            ...candidate,
            title: titles.get(candidate.id) ?? null,
          })),
          winners: tally.winners,
          pairwise: tally.pairwise,
          strongest: tally.strongest,
          tieBreaks: tally.tieBreaks,
        }
      : null,
    decision: decision
      ? {
          decidedAt: iso(decision.decided_at),
          decidedBy: decision.decided_by_login,
          isDemoAction: decision.is_demo,
          method: decision.method,
          topN: decision.top_n,
          rationale: decision.rationale,
          hasRecordedBallots: tally !== null,
          voters: presentVoters(decision),
          agreed: decision.outcomes
            .filter((outcome) => outcome.outcome === 'agreed')
            .map((outcome) => ({ id: outcome.idea_id, title: outcome.title })),
          notAgreed: decision.outcomes
            .filter((outcome) => outcome.outcome !== 'agreed')
            .map((outcome) => ({
              id: outcome.idea_id,
              title: outcome.title,
              outcome: outcome.outcome,
              disposition: outcome.disposition,
              reason: outcome.reason,
            })),
          supersedes: decision.supersedes_round_id
            ? { roundId: decision.supersedes_round_id, name: decision.supersedes_round_name }
            : null,
          supersededByRoundId: decision.superseded_by_round_id,
        }
      : null,
  }
}

export function presentRoadmap(
  roadmap: Awaited<ReturnType<typeof getPublicRoadmap>>,
  origin: string,
) {
  return {
    areas: roadmap.areas.map((area) => ({
      slug: area.slug,
      name: area.name,
      efforts: area.efforts.map((effort) => ({
        id: effort.id,
        title: effort.title,
        description: effort.description,
        attribution: effort.attribution ?? effort.author_login,
        isVerbatim: effort.is_verbatim,
        decidedAt: iso(effort.decided_at),
        rationale: effort.rationale,
        round: {
          id: effort.round_id,
          name: effort.round_name,
          kind: effort.round_kind,
          isDemoAction: effort.is_demo_decision,
        },
        url: `${origin}/roadmap/efforts/${effort.id}`,
        status: effort.effort.status,
        derivedStatus: effort.effort.derivedStatus,
        statusOverride: effort.effort.override
          ? {
              status: effort.effort.override.status,
              by: effort.effort.override.by,
              at: iso(effort.effort.override.at),
              isDemoAction: effort.effort.override.isDemo,
            }
          : null,
        owners: effort.effort.owners.map((owner) => ({
          login: owner.login,
          isDemoAccount: owner.isDemo,
        })),
        targetDate: effort.effort.targetDate,
        links: effort.links.map((link) => ({
          ...presentLink(link),
          linkedBy: link.linkedBy
            ? { login: link.linkedBy.login, isDemoAction: link.linkedBy.isDemo }
            : null,
        })),
        progress: effort.effort.progress,
      })),
    })),
    history: roadmap.history.map((entry) => ({
      roundId: entry.round_id,
      name: entry.name,
      kind: entry.kind,
      decidedAt: iso(entry.decided_at),
      method: entry.method,
      rationale: entry.rationale,
      voters: presentVoters(entry),
      isDemoAction: entry.is_demo,
      outcomes: entry.outcomes.map((outcome) => ({
        id: outcome.idea_id,
        title: outcome.title,
        outcome: outcome.outcome,
        disposition: outcome.disposition,
        reason: outcome.reason,
      })),
      supersededByRoundId: entry.supersededBy,
    })),
  }
}
