import type { ClaimOutcome, LanguageLevel } from '../../db/schema'
import { demoActionNote, demoShareNote, personName } from '../accounts/person'
import { STATUS_WORDS, type EffortStatus } from '../roadmap/effort-status'
import { interestText } from '../roadmap/plus-ones'
import { demoReportsNote } from '../starter/claim-feedback'
import { LANGUAGE_LEVEL_LABELS } from '../starter/finder'
import {
  NOTHING_RATED,
  NO_ONE_STAR_LEFT_IN,
  ONE_STAR_ON_BOTH_AXES,
  waitingForRatingList,
  type WaitingDomain,
} from '../starter/supply'
import { countOf } from '../utils/format'
import { escapeMarkdown, markdownLink } from '../utils/markdown-text'

import { boardUrl, digestPath, linkDigest, type LinkedDigest, type LinkedOutcome } from './links'
import { periodKey, type DigestPeriod } from './period'

// The call's agenda, composed from facts the loader read (digest.server.ts). Pure: the same
// facts give the same agenda, so the composition is tested without a database.

/** `isDemo` on an idea, round, decision or project: a demo person proposed, opened, took or
 * tagged it (a demo action); the agenda says so, as the pages do, here and when posted. */
export type DigestIdea = {
  id: number
  title: string
  area: string
  plusOnes: number
  /** How many of the +1s demo people gave (demo actions). */
  demoPlusOnes?: number
  createdAt: Date
  isDemo?: boolean
}
export type DigestRound = {
  id: number
  name: string
  /** Its release target's name: the agenda covers every target, and names are unique per target. */
  target: string
  opensAt: Date
  closesAt: Date
  status: string
  /** When a closed round was closed: early, once voting started, or after its closing date. */
  closedAt?: Date | null
  /** When a proposed round was proposed (the previous round's close). */
  createdAt?: Date
  /**
   * When a maintainer opened it, for its later day if scheduled; null where not known (rounds
   * opened before the board kept it, proposed ones, calls).
   */
  openedAt?: Date | null
  isDemo?: boolean
}
/** A shortlisted idea a decision agreed, or did not agree with the reason recorded for it. */
export type DigestOutcome = { ideaId: number; title: string; reason?: string | null }
export type DigestDecision = {
  id: number
  roundId: number
  roundName: string
  /** The round's release target's name, said beside the round's (`roundWithTarget`). */
  target: string
  decidedAt: Date
  /**
   * How many maintainers' ranked ballots it was made on (its `voter_logins`), as its round's page
   * says ("2 maintainers voted"), and how many of them were demo people's; null for a decision
   * taken on a call (`method` 'call'), which recorded none.
   */
  ballots?: { voters: number; demo: number } | null
  agreed: DigestOutcome[]
  /** The shortlisted ideas not agreed: a round that agreed nothing still decided something. */
  deferred?: DigestOutcome[]
  declined?: DigestOutcome[]
  isDemo?: boolean
}
export type DigestStaleRepository = {
  repo: string
  staleCount: number
  oldestUpdatedAt: Date
  /** False where the source records no times of activity (the demo): the date is a lower bound. */
  historyRecorded?: boolean
}
/** `isDemo`: a demo person's (a demo action); the agenda says so, here and when posted. */
export type DigestGapRequest = {
  id: number
  createdAt: Date
  level: LanguageLevel
  domains: string[]
  isDemo?: boolean
}
/**
 * A project with offers to mentor it that no maintainer has added or declined yet. Counted, not
 * named: the offers show to maintainers only (the project page), and the agenda is public.
 */
export type DigestMentorOffers = {
  projectId: number
  title: string
  offers: number
  /** Of `offers`, a demo person's: demo actions. */
  demoOffers: number
  oldestAt: Date
}
export type DigestProject = {
  id: number
  title: string
  domain: string
  createdAt: Date
  isDemo?: boolean
}
export type DigestFinished = {
  projectId: number
  title: string
  login: string
  /** A demo person's claim: a demo action. */
  isDemo?: boolean
  finishedAt: Date
}
/** A claim made in the period: someone started work on a project. */
export type DigestStartedClaim = {
  projectId: number
  title: string
  login: string
  /** A demo person's claim: a demo action. */
  isDemo?: boolean
  claimedAt: Date
  /** What became of it since: still running (the claim panel's rule), lapsed, or how it ended. */
  now?: 'running' | 'lapsed' | ClaimOutcome
  /**
   * When a mentor or maintainer first answered it, by the period's end; null: nobody had.
   * Undefined where not read (the line then says nothing of answers).
   */
  answeredAt?: Date | null
  /** That first answer was a demo person's: a demo action. */
  isDemoAnswer?: boolean
}
export type DigestLapsingClaim = {
  projectId: number
  title: string
  login: string
  /** A demo person's claim: a demo action. */
  isDemo?: boolean
  expiresAt: Date
}
export type DigestDrift = {
  projectId: number
  title: string
  axis: string
  /** The project's primary domain: what its domain axis is named, as on its page. */
  domain?: string
  /** The maintainers' stars; null = unrated. */
  rating: number | null
  average: number
  reports: number
  /** Of `reports`, a demo person's: demo actions. */
  demoReports?: number
  /** Who rated that axis last, and whether a demo person did (a demo rating). */
  ratedBy?: string | null
  isDemoRating?: boolean
}
/** `asOf`: the board clock's now; `isSnapshot`: the data's last activity, not the real date. */
export type DigestStaleMeasure = { months: number; asOf: Date; isSnapshot: boolean }
/** An agreed effort whose status changed in the period (app/roadmap/effort.server.ts). */
export type DigestEffortChange = {
  id: number
  title: string
  area: string
  from: EffortStatus
  to: EffortStatus
  /** The maintainer who set the new status in the period, when not the linked issues: a demo
   * person's is a demo action. */
  setBy?: { login: string; isDemo: boolean } | null
}
/** Label changes and the issues they are on: counts only, for the agenda is public. */
export type DigestLabelCount = { changes: number; issues: number }
/**
 * The label write-back, as the labels pages count it now (whatever the period): the plan's changes
 * nobody has applied yet (`countLabelChangesToApply`) and the conflicts waiting for a decision
 * (`countOpenConflicts`). Read by the page and the CLI (digest imports nothing of labels).
 */
export type DigestLabels = {
  /** `onCopies`: of the changes, those on the demo's copies of repositories, never sent. */
  toApply: DigestLabelCount & { onCopies?: number }
  openConflicts: DigestLabelCount
}
/** An agenda item a maintainer added by hand, at `createdAt`. */
export type DigestItem = {
  id: number
  text: string
  login: string
  /** Added by a demo person, named by her demo name. */
  isDemo?: boolean
  createdAt: Date
}

export type DigestFacts = {
  ideas: DigestIdea[]
  rounds: DigestRound[]
  decisions: DigestDecision[]
  staleRepositories: DigestStaleRepository[]
  /** What "stale" meant: untouched this many months as of the board clock (decision 012). */
  staleMeasure?: DigestStaleMeasure
  gapRequests: DigestGapRequest[]
  /** The language the starter projects are rated in (STARTER_LANGUAGE_NAME), for the requests' level. */
  languageName: string
  /**
   * Whether any starter project has a rating (`isAnyProjectRated`); false: the supply page says
   * `NOTHING_RATED` instead of naming domains run dry, and so does the agenda. Unset: true.
   */
  isAnyRated?: boolean
  /** Configured domains run dry in the supply page's default view (`NO_ONE_STAR_LEFT_IN`). */
  dryDomains: string[]
  /** Configured domains with no 1★ project there only for want of a rating (`waitingForRatingList`). */
  waitingForRating: WaitingDomain[]
  newProjects: DigestProject[]
  startedClaims: DigestStartedClaim[]
  finishedProjects: DigestFinished[]
  /** Unended claims lapsing from the period's start up to 14 days after it. */
  lapsingClaims: DigestLapsingClaim[]
  drift: DigestDrift[]
  /**
   * Rated axes whose reports differ from the rating by the threshold or more but are too few for
   * the rule (`listLoneDisagreements`): never drift, listed apart as the calibration page does.
   */
  loneDisagreements?: DigestDrift[]
  /** Offers to mentor waiting now, whatever the period, as the unanswered requests are. */
  mentorOffers?: DigestMentorOffers[]
  /** The items added within the period (the latest, when there are more than an agenda lists). */
  items: DigestItem[]
  /** Items added within the period before those in `items`, not listed. */
  earlierItems?: number
  effortChanges?: DigestEffortChange[]
  /** The label write-back now; absent where not read (the agenda then has no Labels part). */
  labels?: DigestLabels | null
}

/** The flagged ratings the agenda lists; the rest are on /starter/calibration. */
export const DIGEST_DRIFT_SHOWN = 10

export type Digest = {
  period: { since: string; until: string; label: string; key: string }
  items: DigestItem[]
  earlierItems: number
  ideasByArea: {
    area: string
    ideas: Pick<DigestIdea, 'id' | 'title' | 'plusOnes' | 'demoPlusOnes' | 'isDemo'>[]
  }[]
  roundsOpening: DigestRound[]
  roundsClosing: DigestRound[]
  /** Rounds proposed in the period (by a close) and waiting for a maintainer to open them. */
  roundsProposed: DigestRound[]
  /** Rounds a maintainer opened in the period for a day after it: voting starts later. */
  roundsScheduled: DigestRound[]
  decisions: DigestDecision[]
  staleRepositories: DigestStaleRepository[]
  staleMeasure: DigestStaleMeasure | null
  starterSupply: {
    /** False before the first rating: no domain is dry or waiting then (the supply page's rule). */
    isAnyRated: boolean
    dryDomains: string[]
    waitingForRating: WaitingDomain[]
    newProjects: DigestProject[]
    startedClaims: DigestStartedClaim[]
    finishedProjects: DigestFinished[]
    lapsingClaims: DigestLapsingClaim[]
    mentorOffers: DigestMentorOffers[]
  }
  unansweredRequests: DigestGapRequest[]
  languageName: string
  ratingDrift: { shown: DigestDrift[]; total: number }
  /** Reports too few to flag that disagree with the rating, listed apart from the drift. */
  loneDisagreements: { shown: DigestDrift[]; total: number }
  effortChanges: DigestEffortChange[]
  /** Null where not read. */
  labels: DigestLabels | null
}

const within = (date: Date, period: DigestPeriod) => date >= period.since && date <= period.until
const byTime =
  <T>(time: (item: T) => Date, id: (item: T) => number) =>
  (a: T, b: T) =>
    time(a).getTime() - time(b).getTime() || id(a) - id(b)

/**
 * What the fortnightly call needs, most pressing first within each section: ideas by area (in the
 * order proposed, never by +1s), rounds that opened or close in the period (a round closing soon
 * after `until` is news too: the call is where people are reminded to vote, so the next 14 days count), the
 * decisions taken, repositories by stale work (the most first), the starter supply (domains
 * with no 1★ project left, projects new, claimed and finished, claims lapsing before the next call),
 * requests nobody answered and the ratings calibration flags (largest disagreement first).
 * Items a maintainer added by hand come first, in the order they were added: those added within
 * the period, whichever period it is, so an item added on Monday is on Thursday's agenda too.
 */
export function composeDigest(facts: DigestFacts, period: DigestPeriod): Digest {
  const byArea = new Map<string, Digest['ideasByArea'][number]['ideas']>()
  for (const idea of facts.ideas) {
    if (!within(idea.createdAt, period)) continue
    const list = byArea.get(idea.area) ?? []
    list.push({
      id: idea.id,
      title: idea.title,
      plusOnes: idea.plusOnes,
      demoPlusOnes: idea.demoPlusOnes,
      isDemo: idea.isDemo,
    })
    byArea.set(idea.area, list)
  }
  const ideasByArea = [...byArea.entries()]
    .map(([area, ideas]) => ({
      area,
      // In the order proposed: new ideas are news, not a ranking (decision 007).
      ideas: ideas.sort((a, b) => a.id - b.id),
    }))
    .sort((a, b) => a.area.localeCompare(b.area))
  const closingHorizon: DigestPeriod = {
    ...period,
    until: new Date(period.until.getTime() + 14 * 24 * 60 * 60 * 1000),
  }
  const isAnyRated = facts.isAnyRated ?? true
  const byDate = (key: 'opensAt' | 'closesAt') => (a: DigestRound, b: DigestRound) =>
    a[key].getTime() - b[key].getTime() || a.id - b.id
  return {
    period: {
      since: period.since.toISOString(),
      until: period.until.toISOString(),
      label: period.label,
      key: periodKey(period),
    },
    items: facts.items
      .filter((item) => within(item.createdAt, period))
      .sort(
        byTime(
          (i) => i.createdAt,
          (i) => i.id,
        ),
      ),
    earlierItems: facts.earlierItems ?? 0,
    ideasByArea,
    roundsOpening: facts.rounds
      .filter((r) => r.status !== 'proposed' && within(r.opensAt, period))
      .sort(byDate('opensAt')),
    // A closed round by the day it closed (often before its closing date); the others by when
    // voting ends, up to 14 days ahead.
    roundsClosing: facts.rounds
      .filter((r) =>
        r.status === 'closed'
          ? within(r.closedAt ?? r.closesAt, period)
          : r.status === 'open' && within(r.closesAt, closingHorizon),
      )
      .sort(byDate('closesAt')),
    roundsProposed: facts.rounds
      .filter((r) => r.status === 'proposed' && r.createdAt && within(r.createdAt, period))
      .sort(byDate('opensAt')),
    // Opened in the period for a later day, it neither opened nor closed in it: without this, a
    // round scheduled at the call would be missing from the next agenda. When it was scheduled is
    // known only for rounds opened since the board records it (`openedAt`).
    roundsScheduled: facts.rounds
      .filter(
        (r) =>
          r.status !== 'proposed' &&
          r.openedAt &&
          within(r.openedAt, period) &&
          r.opensAt > period.until,
      )
      .sort(byDate('opensAt')),
    decisions: facts.decisions
      .filter((d) => within(d.decidedAt, period))
      .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.id - b.id),
    staleRepositories: facts.staleRepositories
      .filter((r) => r.staleCount > 0)
      .sort((a, b) => b.staleCount - a.staleCount || a.repo.localeCompare(b.repo)),
    staleMeasure: facts.staleMeasure ?? null,
    starterSupply: {
      isAnyRated,
      // Before the first rating every domain's 1★ column is 0: a shortage only in appearance.
      dryDomains: isAnyRated ? [...facts.dryDomains] : [],
      waitingForRating: isAnyRated ? facts.waitingForRating.map((row) => ({ ...row })) : [],
      newProjects: facts.newProjects
        .filter((p) => within(p.createdAt, period))
        .sort(
          byTime(
            (p) => p.createdAt,
            (p) => p.id,
          ),
        ),
      startedClaims: facts.startedClaims
        .filter((c) => within(c.claimedAt, period))
        .sort(
          byTime(
            (c) => c.claimedAt,
            (c) => c.projectId,
          ),
        ),
      finishedProjects: facts.finishedProjects
        .filter((p) => within(p.finishedAt, period))
        .sort(
          byTime(
            (p) => p.finishedAt,
            (p) => p.projectId,
          ),
        ),
      lapsingClaims: facts.lapsingClaims
        .filter((c) => c.expiresAt >= period.since && c.expiresAt <= closingHorizon.until)
        .sort(
          byTime(
            (c) => c.expiresAt,
            (c) => c.projectId,
          ),
        ),
      // Oldest first: the volunteer who has waited longest.
      mentorOffers: [...(facts.mentorOffers ?? [])].sort(
        byTime(
          (o) => o.oldestAt,
          (o) => o.projectId,
        ),
      ),
    },
    unansweredRequests: [...facts.gapRequests].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
    ),
    languageName: facts.languageName,
    ratingDrift: { shown: facts.drift.slice(0, DIGEST_DRIFT_SHOWN), total: facts.drift.length },
    loneDisagreements: {
      shown: (facts.loneDisagreements ?? []).slice(0, DIGEST_DRIFT_SHOWN),
      total: facts.loneDisagreements?.length ?? 0,
    },
    effortChanges: [...(facts.effortChanges ?? [])].sort(
      (a, b) => a.area.localeCompare(b.area) || a.id - b.id,
    ),
    labels: facts.labels
      ? { toApply: { ...facts.labels.toApply }, openConflicts: { ...facts.labels.openConflicts } }
      : null,
  }
}

/**
 * Someone's words as plain text on one markdown line (app/utils/markdown-text.ts): no line break
 * (a heading or a list of its own), no HTML (a hidden comment could fake the agenda's marker), no
 * emphasis, link or image (a title must not restyle the agenda or hide where a link goes), and
 * @mentions as code, so that posting the agenda on GitHub pings nobody. A run such as `@a@b` is
 * one code span: GitHub would read the `@b` after a closed span as a mention.
 */
export function inlineText(text: string) {
  return escapeMarkdown(text).replace(
    /(^|[^\w])(@[A-Za-z0-9][A-Za-z0-9@-]*)/g,
    (_match, before: string, mention: string) => `${before}\`${mention}\``,
  )
}

const stars = (value: number | null) => (value === null ? 'unrated' : `${value}★`)

// The calibration page's and the project page's words for a drifting rating, so the agenda and
// the pages it links to say the same: the axis by its name ("OCaml", the project's domain), the
// reports' average as the calibration page rounds it ("3★", "2.67★", not "3.0★").
const driftAxisName = (drift: { axis: string; domain?: string }, languageName: string) =>
  drift.axis === 'language' ? languageName : (drift.domain ?? 'domain')
const averageStars = (value: number) => `${Math.round(value * 100) / 100}★`

/** A flagged rating or a lone report, as the calibration page says it, linked to its project. */
function driftLine(drift: DigestDrift & { url: string }, digest: { languageName: string }) {
  const reports = `${drift.reports} report${drift.reports === 1 ? '' : 's'}`
  return `${markdownLink(inlineText(drift.title), drift.url)} (project ${drift.projectId}), ${inlineText(driftAxisName(drift, digest.languageName))}: ${drift.rating === null ? 'unrated' : `rated ${stars(drift.rating)}`}, contributors say ${averageStars(drift.average)} over ${reports}${demoReportsNote({ reports: drift.reports, demoReports: drift.demoReports ?? 0 })}${drift.isDemoRating && drift.ratedBy ? `; rated by ${inlineText(personName({ login: drift.ratedBy, isDemo: true }))}, a demo rating` : ''}`
}

const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10)

/** Whether a claim made in the period was answered, and when; nothing where it was not read. */
function answerWords(claim: DigestStartedClaim) {
  if (claim.answeredAt === undefined) return ''
  if (claim.answeredAt === null) return '; not answered'
  return `; answered ${day(claim.answeredAt)}${claim.isDemoAnswer ? ' (a demo answer, a demo action)' : ''}`
}

/** A claim made in the period, as it stands now: the project page's words for the same state. */
const CLAIM_NOW: Record<NonNullable<DigestStartedClaim['now']>, string> = {
  running: 'still claimed',
  lapsed: 'has since lapsed',
  done: 'since finished',
  abandoned: 'since stopped',
  released: 'since released by a maintainer',
}

/**
 * Markdown ready to paste into the call notes; every section says when it has nothing. Each idea,
 * round, decision, project, request, effort and repository links to its page on the board at
 * `origin` (its public address, publicOrigin): call notes are read away from the board.
 */
/**
 * What a decision was made on, in its round page's words: " (2 maintainers voted)", a demo
 * person's ballots said to be demo actions (unless the decision is one already); " (decided on
 * the call, no recorded ballots)" for a call. Nothing where it is not known (`undefined`).
 */
function ballotsNote(ballots: DigestDecision['ballots'], isDemoDecision = false) {
  if (ballots === undefined) return ''
  if (ballots === null) return ' (decided on the call, no recorded ballots)'
  const one = ballots.demo === 1
  // A decision demo people recorded is said to be a demo action right after: not twice.
  const demo =
    ballots.demo === 0 || isDemoDecision
      ? ''
      : `, ${ballots.demo === ballots.voters ? '' : `${ballots.demo} `}${one ? 'a demo ballot: a demo action' : 'demo ballots: demo actions'}`
  return ` (${countOf(ballots.voters, 'maintainer')} voted${demo})`
}

export function digestMarkdown(unlinked: Digest, origin: string): string {
  // Each item's address as the JSON gives it (links.ts): the two cannot disagree.
  const digest = linkDigest(unlinked, origin)
  const lines = [`# Call agenda: ${day(digest.period.since)} to ${day(digest.period.until)}`, '']
  // A snapshot's stale work is dated years before the period, beside claims and requests dated
  // this week: said once, up front, so no section's dates read as the other clock's. A live
  // board has one clock and says nothing.
  const measure = digest.staleMeasure
  if (measure?.isSnapshot)
    lines.push(
      `Two clocks: stale work is measured as of ${day(measure.asOf)}, the data's last activity (this board does not sync from GitHub); every other section, claims and requests included, on the real date, ${day(digest.period.until)}.`,
      '',
    )
  lines.push('## Added by hand', '')
  if (digest.items.length === 0) lines.push('Nothing added by hand.')
  for (const item of digest.items)
    lines.push(
      `- ${inlineText(item.text)} (${inlineText(nameOf(item))}${afterDemoName(item.isDemo)})`,
    )
  if (digest.earlierItems > 0)
    lines.push(`- and ${digest.earlierItems} added earlier in the period, not listed`)
  lines.push('', '## New ideas')
  if (digest.ideasByArea.length === 0) lines.push('', 'No new ideas.')
  for (const { area, ideas } of digest.ideasByArea) {
    lines.push('', `### ${inlineText(area)}`)
    for (const idea of ideas) {
      // Interest in words, none for an idea nobody +1'd yet: "+0" read as a score.
      const interest = interestText(idea.plusOnes, idea.demoPlusOnes ?? 0)
      lines.push(
        `- ${markdownLink(inlineText(idea.title), idea.url)} (idea ${idea.id}${interest ? `, ${interest}` : ''})${demoActionNote(idea.isDemo)}`,
      )
    }
  }
  lines.push('', '## Rounds', '')
  lines.push(...roundLines(digest))
  lines.push('', '## Decisions', '')
  if (digest.decisions.length === 0) lines.push('No decisions.')
  for (const decision of digest.decisions) {
    const outcomes = [
      // Each outcome group is named alike ("agreed: …", "deferred: …"): unnamed, the agreed ideas
      // read as part of the round's line rather than one of its outcomes.
      decision.agreed.length > 0
        ? `agreed: ${decision.agreed.map(ideaLink).join('; ')}`
        : 'nothing agreed',
      notAgreed('deferred', decision.deferred),
      notAgreed('declined', decision.declined),
    ]
    lines.push(
      `- ${markdownLink(inlineText(decision.roundName), decision.url)} ${targetOf(decision.target)}, ${day(decision.decidedAt)}${ballotsNote(decision.ballots, decision.isDemo)}${demoActionNote(decision.isDemo)}: ${outcomes.filter(Boolean).join(' · ')}`,
    )
  }
  lines.push('', '## Stale work (most first)', '')
  // A count of "stale" means nothing without the measure, and a snapshot is measured at its
  // last activity, not on the period's dates (why: the two clocks' line above).
  if (measure)
    lines.push(
      `Open items untouched for ${measure.months} months or more as of ${day(measure.asOf)}${measure.isSnapshot ? ", the data's last activity" : ''}.`,
      '',
    )
  if (digest.staleRepositories.length === 0) lines.push('No stale work.')
  for (const repo of digest.staleRepositories)
    lines.push(
      `- ${markdownLink(inlineText(repo.repo), repo.url)}: ${countOf(repo.staleCount, 'stale item')}, oldest untouched since ${day(repo.oldestUpdatedAt)}${repo.historyRecorded === false ? ' or later' : ''}`,
    )
  const supply = digest.starterSupply
  lines.push('', '## Starter projects', '')
  // What the supply page says before the first rating, and where the first ratings are made.
  if (!supply.isAnyRated)
    lines.push(
      `- ${NOTHING_RATED} ${markdownLink('Rate some in triage', boardUrl(origin, digestPath.triage(null)))} (maintainers only).`,
    )
  else if (supply.dryDomains.length === 0 && supply.waitingForRating.length === 0)
    lines.push(`- Every domain has an open, unclaimed project ${ONE_STAR_ON_BOTH_AXES}.`)
  // Linked as the home page links the same words: the supply page shows what is left.
  if (supply.dryDomains.length > 0)
    lines.push(
      `- ${markdownLink('1★ supply has run dry', boardUrl(origin, digestPath.supply))}: ${NO_ONE_STAR_LEFT_IN} ${supply.dryDomains.map(inlineText).join(', ')}`,
    )
  // Unrated projects may be easy: such a domain needs rating, not new projects.
  if (supply.waitingForRating.length > 0)
    lines.push(
      // "rate them" opens triage on the first domain named: its projects only, not the whole queue.
      `- ${markdownLink('1★ supply waits for ratings', boardUrl(origin, digestPath.supply))} in ${inlineText(waitingForRatingList(supply.waitingForRating))}: ${markdownLink('rate them', boardUrl(origin, digestPath.triage(supply.waitingForRating[0]!.domain)))} (maintainers only) before writing new projects.`,
    )
  lines.push('', '### New starter projects', '')
  if (supply.newProjects.length === 0) lines.push('None.')
  for (const project of supply.newProjects)
    lines.push(
      `- ${markdownLink(inlineText(project.title), project.url)} (project ${project.id}, ${inlineText(project.domain)})${demoActionNote(project.isDemo)}`,
    )
  // Who started work: the call is where a newcomer's first project gets its welcome. Claims made
  // in the period, so each says whether it still holds: the project page may say "Nobody yet".
  lines.push('', '### Claimed in the period', '')
  if (supply.startedClaims.length === 0) lines.push('None.')
  else {
    // A claim nobody answered leaves a newcomer wondering whether anyone saw: the call counts them.
    const answered = supply.startedClaims.filter((claim) => claim.answeredAt).length
    const read = supply.startedClaims.filter((claim) => claim.answeredAt !== undefined)
    // Demo people's claims are demo actions: the count says so, as each claim's line does.
    const demo = demoShareNote(read.length, read.filter((claim) => claim.isDemo).length)
    if (read.length > 0)
      lines.push(
        `${answered} of ${countOf(read.length, 'claim')}${demo ? ` (${demo})` : ''} answered by a mentor or maintainer by ${day(digest.period.until)}; ${read.length - answered} not.`,
        '',
      )
  }
  for (const claim of supply.startedClaims)
    lines.push(
      `- ${markdownLink(inlineText(claim.title), claim.url)} (project ${claim.projectId}), by ${inlineText(nameOf(claim))} on ${day(claim.claimedAt)}${afterDemoName(claim.isDemo)}${claim.now ? `; ${CLAIM_NOW[claim.now]}` : ''}${answerWords(claim)}`,
    )
  lines.push('', '### Finished', '')
  if (supply.finishedProjects.length === 0) lines.push('None.')
  for (const project of supply.finishedProjects)
    lines.push(
      `- ${markdownLink(inlineText(project.title), project.url)} (project ${project.projectId}), by ${inlineText(nameOf(project))} on ${day(project.finishedAt)}${afterDemoName(project.isDemo)}`,
    )
  lines.push('', '### Claims lapsing', '')
  if (supply.lapsingClaims.length === 0) lines.push('None.')
  for (const claim of supply.lapsingClaims)
    lines.push(
      `- ${markdownLink(inlineText(claim.title), claim.url)} (project ${claim.projectId}), claimed by ${inlineText(nameOf(claim))}${afterDemoName(claim.isDemo)}: lapses ${day(claim.expiresAt)}`,
    )
  // Someone offered to guide newcomers and waits to hear: the call is where to say yes or no.
  lines.push('', '### Offers to mentor waiting', '')
  if (supply.mentorOffers.length === 0) lines.push('None.')
  else
    lines.push(
      'Maintainers add or decline each offer on the project’s page (maintainers only).',
      '',
    )
  for (const project of supply.mentorOffers) {
    const demo = demoShareNote(project.offers, project.demoOffers)
    lines.push(
      `- ${markdownLink(inlineText(project.title), project.url)} (project ${project.projectId}): ${countOf(project.offers, 'offer')}${demo ? ` (${demo})` : ''}, ${project.offers === 1 ? 'made' : 'the oldest made'} ${day(project.oldestAt)}`,
    )
  }
  lines.push('', '## Unanswered "nothing fits me" requests', '')
  if (digest.unansweredRequests.length === 0) lines.push('None.')
  else
    // The agenda is read by everyone on the call; the gap dashboard opens to maintainers only,
    // for it names each newcomer and her note. No public page shows a request: say so plainly.
    lines.push(
      `Each request links to the gap dashboard, which only maintainers can open. Everyone can see what the board offers by domain and level on ${markdownLink('starter project supply', boardUrl(origin, digestPath.supply))}.`,
      '',
    )
  for (const request of digest.unansweredRequests) {
    // The gap dashboard's words (app/routes/starter.gaps.tsx), not the stored codes.
    const domains =
      request.domains.length > 0 ? request.domains.map(inlineText).join(', ') : 'no domain named'
    lines.push(
      `- ${markdownLink(`request ${request.id}`, request.url)} (${day(request.createdAt)}, maintainers only): ${inlineText(digest.languageName)}: ${LANGUAGE_LEVEL_LABELS[request.level]} · knows ${domains}${request.isDemo ? ' (a demo person’s request)' : ''}`,
    )
  }
  lines.push('', '## Rating drift (calibration)', '')
  if (digest.ratingDrift.total === 0) lines.push('No rating flagged.')
  // Each entry opens its project; the re-rating is done on the calibration page.
  else
    lines.push(
      `Maintainers re-rate these on ${markdownLink('calibration', boardUrl(origin, digestPath.calibration))} (maintainers only).`,
      '',
    )
  for (const drift of digest.ratingDrift.shown) lines.push(`- ${driftLine(drift, digest)}`)
  const hidden = digest.ratingDrift.total - digest.ratingDrift.shown.length
  if (hidden > 0)
    lines.push(
      `- and ${hidden} more on ${markdownLink(digestPath.calibration, boardUrl(origin, digestPath.calibration))}`,
    )
  // Not drift, yet a project one person finished may get no second report: without this the
  // call never heard of it (the calibration page's "Too few reports to flag yet").
  const lone = digest.loneDisagreements
  if (lone.total > 0) {
    const listed = boardUrl(origin, digestPath.tooFewReports)
    lines.push(
      '',
      `Too few reports to flag yet, each far from the rating (${markdownLink('listed apart on calibration', listed)}, maintainers only): a project one person finished may get no other report.`,
      '',
    )
    for (const drift of lone.shown)
      lines.push(
        `- ${driftLine(drift, digest)}; ${markdownLink('re-rate it', boardUrl(origin, digestPath.driftEntry(drift.projectId, drift.axis)))}`,
      )
    if (lone.total > lone.shown.length)
      lines.push(
        `- and ${lone.total - lone.shown.length} more on ${markdownLink(digestPath.calibration, listed)}`,
      )
  }
  lines.push('', '## Efforts whose status changed', '')
  if (digest.effortChanges.length === 0) lines.push('No effort changed status.')
  for (const change of digest.effortChanges)
    lines.push(
      `- ${markdownLink(inlineText(change.title), change.url)} (effort ${change.id}, ${inlineText(change.area)}): ${STATUS_WORDS[change.from]} → ${STATUS_WORDS[change.to]}${change.setBy ? `, set by ${inlineText(nameOf(change.setBy))}${afterDemoName(change.setBy.isDemo)}` : ''}`,
    )
  if (digest.labels) lines.push('', '## Labels', '', ...labelLines(digest.labels))
  return lines.join('\n') + '\n'
}

/**
 * On the demo the plan comes from demo people's ratings and links, on copies where applying sends
 * nothing (decision 012): said as the waiting card says it.
 */
function copiesNote(onCopies: number, changes: number) {
  if (onCopies === 0) return ''
  if (onCopies === changes) return '; demo: the demo’s repositories are copies, nothing is sent'
  return `; ${onCopies} of them on the demo’s copies, never sent`
}

/**
 * What the board's ratings and decisions still have to put on GitHub's labels, and the conflicts
 * a maintainer must settle first: counted, never named (the pages are maintainers' own).
 */
function labelLines({ toApply, openConflicts }: NonNullable<LinkedDigest['labels']>) {
  if (toApply.changes === 0 && openConflicts.changes === 0)
    return ['No label changes to apply and no open label conflicts.']
  const lines: string[] = []
  if (toApply.changes > 0)
    lines.push(
      `- ${markdownLink(`${countOf(toApply.changes, 'label change')} on ${countOf(toApply.issues, 'issue')} to review and apply`, toApply.url)} (maintainers only)${copiesNote(toApply.onCopies ?? 0, toApply.changes)}`,
    )
  if (openConflicts.changes > 0) {
    // As the labels pages word it (describeOpenConflicts): the issues are the decisions.
    const on =
      openConflicts.issues === openConflicts.changes
        ? ''
        : ` on ${countOf(openConflicts.issues, 'issue')}`
    lines.push(
      `- ${markdownLink(countOf(openConflicts.changes, 'open label conflict'), openConflicts.url)}${on} ${openConflicts.changes === 1 ? 'waits' : 'wait'} for a decision (maintainers only)`,
    )
  }
  return lines
}

/**
 * What happened to each round in the period, one line per round in the tense of the period's
 * end (a digest of a past period reads as history): opened, closed (its decision listed below),
 * voting ended or closing soon, the round a close proposed, which waits to be opened, and a
 * round opened for a later day (scheduled to open then).
 */
/**
 * A round's release target, after the round's link: the agenda covers every target, and two may
 * each have a "January 2027 round". Outside the link, so the pasted text needs no escaped
 * parentheses in it.
 */
function targetOf(target: string) {
  return `(${inlineText(target)})`
}

function roundLines(digest: LinkedDigest) {
  const until = Date.parse(digest.period.until)
  const events = new Map<number, { round: LinkedRound; said: string[] }>()
  const add = (round: LinkedRound, words: string) => {
    const entry = events.get(round.id) ?? { round, said: [] }
    entry.said.push(words)
    events.set(round.id, entry)
  }
  for (const round of digest.roundsOpening) add(round, `opened ${day(round.opensAt)}`)
  for (const round of digest.roundsClosing) {
    if (round.status === 'closed') {
      const closed = day(round.closedAt ?? round.closesAt)
      // Closed before its closing day, voting was cut short: the call hears it, as the round's
      // page says it, for a maintainer who meant to vote by then no longer could.
      const early = closed < day(round.closesAt) ? ` (planned to close ${day(round.closesAt)})` : ''
      add(round, `closed ${closed}${early}, decision below`)
    } else
      add(
        round,
        `${round.closesAt.getTime() <= until ? 'voting ended' : 'closes'} ${day(round.closesAt)}`,
      )
  }
  for (const round of digest.roundsProposed)
    add(round, `proposed, to open ${day(round.opensAt)} once a maintainer picks its shortlist`)
  for (const round of digest.roundsScheduled)
    add(round, `scheduled to open on ${day(round.opensAt)}`)
  if (events.size === 0) return ['No round was opened, closed or proposed.']
  return [...events.values()].map(
    ({ round, said }) =>
      `- ${markdownLink(inlineText(round.name), round.url)} ${targetOf(round.target)}${demoActionNote(round.isDemo)} ${said.join(', ')}`,
  )
}

/**
 * The ideas a decision deferred or declined, with the reasons recorded: once after the word
 * when several share one (the close form's shared reason), else after each idea.
 */
function notAgreed(word: string, outcomes: LinkedOutcome[] | undefined) {
  if (!outcomes?.length) return null
  const quoted = (reason: string | null | undefined) => (reason ? ` (“${inlineText(reason)}”)` : '')
  const reasons = new Set(outcomes.map((outcome) => outcome.reason ?? ''))
  if (reasons.size === 1 && outcomes.length > 1)
    return `${word}${quoted([...reasons][0])}: ${outcomes.map(ideaLink).join('; ')}`
  return `${word}: ${outcomes.map((o) => `${ideaLink(o)}${quoted(o.reason)}`).join('; ')}`
}

type LinkedRound = LinkedDigest['roundsOpening'][number]

/** An idea a decision agreed, deferred or declined, by its title, linked to its page. */
function ideaLink(idea: LinkedOutcome) {
  return markdownLink(inlineText(idea.title), idea.url)
}

/**
 * A person as every page names her (a demo person by her demo name), never an @-mention: the
 * markdown is posted to GitHub, where a demo login may be someone else's.
 */
/**
 * The demo marker after a person's name: a demo name carries its own brackets ("Cam (demo
 * contributor)"), and a second pair after them read as a stutter.
 */
function afterDemoName(isDemo: boolean | undefined) {
  return isDemo ? ', a demo action' : ''
}

function nameOf(person: { login: string; isDemo?: boolean }) {
  return personName({ login: person.login, isDemo: person.isDemo ?? false })
}
