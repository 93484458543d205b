import { stalePath } from '../mirror/stale-path'
import { triageHref } from '../starter/triage-progress'

import type {
  Digest,
  DigestDecision,
  DigestDrift,
  DigestEffortChange,
  DigestFinished,
  DigestGapRequest,
  DigestItem,
  DigestLabelCount,
  DigestLapsingClaim,
  DigestMentorOffers,
  DigestOutcome,
  DigestProject,
  DigestRound,
  DigestStaleRepository,
  DigestStartedClaim,
} from './compose'

// Where each thing the agenda names has its page on the board. One place for the paths, and one
// function (`linkDigest`) that puts the absolute address on every item: the markdown links what
// it reads from there and the JSON prints it, so the two cannot send a reader to different pages.

export const digestPath = {
  idea: (id: number) => `/roadmap/ideas/${id}`,
  round: (id: number) => `/roadmap/rounds/${id}`,
  // Its stale items only, all of them, oldest first, on the digest's measure (months untouched):
  // where the stale page sends "All N stale items in …".
  repository: (repo: string, months?: number) => stalePath({ repo, months }),
  project: (id: number) => `/starter/${id}`,
  /** Maintainers only: the offers are listed on the project's page to them alone. */
  mentorOffers: (id: number) => `/starter/${id}#mentor-offers-heading`,
  /**
   * Maintainers only: no public page shows a request, for the gap dashboard names the newcomer
   * and her note. The markdown says so beside each link; `supply` is what everyone can open.
   */
  request: (id: number) => `/starter/gaps#request-${id}`,
  effort: (id: number) => `/roadmap/efforts/${id}`,
  calibration: '/starter/calibration',
  /** Maintainers only: the calibration page's lone reports, listed apart from the drift. */
  tooFewReports: '/starter/calibration#too-few-heading',
  /** Maintainers only: one project axis's entry on the calibration page, with its re-rate form. */
  driftEntry: (id: number, axis: string) => `/starter/calibration#drift-${id}-${axis}`,
  /** Maintainers only: the label plan, where its changes are reviewed and applied. */
  labelPlan: '/labels',
  /** Maintainers only: the label log's conflicts waiting for a decision. */
  labelConflicts: '/labels/log?conflicts=open',
  supply: '/starter/supply',
  /** Maintainers only: the triage queue narrowed to one domain, where its projects are rated. */
  triage: (domain: string | null) => triageHref(domain),
}

/** `path` on the board at `origin` (absolute: the agenda is pasted and posted elsewhere). */
export function boardUrl(origin: string, path: string) {
  return `${origin.replace(/\/+$/, '')}${path}`
}

type Url = { url: string }
type Idea = Digest['ideasByArea'][number]['ideas'][number]
export type LinkedOutcome = DigestOutcome & Url
export type LinkedDecision = Omit<DigestDecision, 'agreed' | 'deferred' | 'declined'> &
  Url & { agreed: LinkedOutcome[]; deferred?: LinkedOutcome[]; declined?: LinkedOutcome[] }

/** The agenda with every item's page as an absolute `url` (null: an item added by hand has none). */
export type LinkedDigest = Omit<
  Digest,
  | 'items'
  | 'ideasByArea'
  | 'roundsOpening'
  | 'roundsClosing'
  | 'roundsProposed'
  | 'roundsScheduled'
  | 'decisions'
  | 'staleRepositories'
  | 'starterSupply'
  | 'unansweredRequests'
  | 'ratingDrift'
  | 'loneDisagreements'
  | 'effortChanges'
  | 'labels'
> & {
  items: (DigestItem & { url: null })[]
  ideasByArea: { area: string; ideas: (Idea & Url)[] }[]
  roundsOpening: (DigestRound & Url)[]
  roundsClosing: (DigestRound & Url)[]
  roundsProposed: (DigestRound & Url)[]
  roundsScheduled: (DigestRound & Url)[]
  decisions: LinkedDecision[]
  staleRepositories: (DigestStaleRepository & Url)[]
  starterSupply: {
    isAnyRated: boolean
    dryDomains: string[]
    waitingForRating: Digest['starterSupply']['waitingForRating']
    newProjects: (DigestProject & Url)[]
    startedClaims: (DigestStartedClaim & Url)[]
    finishedProjects: (DigestFinished & Url)[]
    lapsingClaims: (DigestLapsingClaim & Url)[]
    mentorOffers: (DigestMentorOffers & Url)[]
  }
  unansweredRequests: (DigestGapRequest & Url)[]
  ratingDrift: { shown: (DigestDrift & Url)[]; total: number }
  loneDisagreements: { shown: (DigestDrift & Url)[]; total: number }
  effortChanges: (DigestEffortChange & Url)[]
  labels: {
    toApply: NonNullable<Digest['labels']>['toApply'] & Url
    openConflicts: DigestLabelCount & Url
  } | null
}

/** Every item of the agenda with the absolute address of its page on the board at `origin`. */
export function linkDigest(digest: Digest, origin: string): LinkedDigest {
  const at = (path: string) => boardUrl(origin, path)
  const round = (r: DigestRound) => ({ ...r, url: at(digestPath.round(r.id)) })
  const outcome = (o: DigestOutcome) => ({ ...o, url: at(digestPath.idea(o.ideaId)) })
  const project = <T extends { projectId: number }>(p: T) => ({
    ...p,
    url: at(digestPath.project(p.projectId)),
  })
  const supply = digest.starterSupply
  return {
    ...digest,
    items: digest.items.map((item) => ({ ...item, url: null })),
    ideasByArea: digest.ideasByArea.map(({ area, ideas }) => ({
      area,
      ideas: ideas.map((idea) => ({ ...idea, url: at(digestPath.idea(idea.id)) })),
    })),
    roundsOpening: digest.roundsOpening.map(round),
    roundsClosing: digest.roundsClosing.map(round),
    roundsProposed: digest.roundsProposed.map(round),
    roundsScheduled: digest.roundsScheduled.map(round),
    decisions: digest.decisions.map((decision) => ({
      ...decision,
      // A decision is read on its round's page.
      url: at(digestPath.round(decision.roundId)),
      agreed: decision.agreed.map(outcome),
      deferred: decision.deferred?.map(outcome),
      declined: decision.declined?.map(outcome),
    })),
    staleRepositories: digest.staleRepositories.map((repo) => ({
      ...repo,
      url: at(digestPath.repository(repo.repo, digest.staleMeasure?.months)),
    })),
    starterSupply: {
      isAnyRated: supply.isAnyRated,
      dryDomains: supply.dryDomains,
      waitingForRating: supply.waitingForRating,
      newProjects: supply.newProjects.map((p) => ({ ...p, url: at(digestPath.project(p.id)) })),
      startedClaims: supply.startedClaims.map(project),
      finishedProjects: supply.finishedProjects.map(project),
      lapsingClaims: supply.lapsingClaims.map(project),
      mentorOffers: supply.mentorOffers.map((p) => ({
        ...p,
        url: at(digestPath.mentorOffers(p.projectId)),
      })),
    },
    unansweredRequests: digest.unansweredRequests.map((request) => ({
      ...request,
      url: at(digestPath.request(request.id)),
    })),
    ratingDrift: { ...digest.ratingDrift, shown: digest.ratingDrift.shown.map(project) },
    loneDisagreements: {
      ...digest.loneDisagreements,
      shown: digest.loneDisagreements.shown.map(project),
    },
    effortChanges: digest.effortChanges.map((change) => ({
      ...change,
      url: at(digestPath.effort(change.id)),
    })),
    labels: digest.labels && {
      toApply: { ...digest.labels.toApply, url: at(digestPath.labelPlan) },
      openConflicts: { ...digest.labels.openConflicts, url: at(digestPath.labelConflicts) },
    },
  }
}
