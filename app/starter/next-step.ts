import type { LanguageLevel, Stars } from '../../db/schema'
import { personName } from '../accounts/person'
import { listInWords } from '../utils/format'
import { GITHUB_FULL_NAME } from '../utils/github-names'

import {
  DEFAULT_BACKGROUND,
  DEFAULT_FILTERS,
  finderToSearchParams,
  githubLoginOf,
  LEVEL_MAX_LANGUAGE_STARS,
} from './finder'

// What a newcomer who has just claimed a project should do first, in words that name only what
// this project has: its reading guide ("Read first") holds only things to read (an old Pioneer
// Project's origin and sources are shown as its source, not there), and many projects have no
// mentor or attached issue.

/**
 * The reading guide's heading for whoever works on the project (`ui/project-reading.tsx`):
 * "Read first" is advice to someone choosing; she has started, and reads it as she works.
 */
export const READING_WHILE_WORKING = 'Reading for this project'

export type NextStepGuide = {
  hasReadFirst: boolean
  /** Someone can tell them (`canReachMentors`): "tell the mentors" with no way to is a dead end. */
  hasMentors: boolean
  /**
   * The mentors the board told of the claim as it was made (`mentorsToldOfClaims`): asking her
   * to tell them herself sent her looking for a way that a demo account, for one, does not have.
   */
  toldMentors: string[]
  issue: { repo: string; number: number } | null
  /**
   * Where to say so when neither a mentor nor an issue can hear it (`whereToAsk`'s repository):
   * "read the summary" alone left her claim known to nobody, waiting for an answer.
   */
  repository?: string | null
  /**
   * The claim is a demo person's: nobody outside the board knows of it. "Say in an issue on
   * hannesm/telnet that you have started" sent a demo visitor to announce a claim that does not
   * exist to a real project's real maintainers.
   */
  isDemoClaim?: boolean
}

/**
 * The mentors who hear of a claim from the board itself, by name as the project page shows them:
 * those with an account here (the project's audience, app/notifications notify.server.ts).
 */
export function mentorsToldOfClaims(
  mentors: readonly { name: string; account_id: number | null; is_demo: boolean }[],
) {
  return mentors
    .filter((mentor) => mentor.account_id !== null)
    .map((mentor) =>
      mentor.is_demo ? personName({ login: mentor.name, isDemo: true }) : `@${mentor.name}`,
    )
}

/**
 * Whether the project page shows a way to reach its mentors: a contact given for the project, a
 * mentor with an account on the board (who hears about the project) or a GitHub login ("@login",
 * linked to the profile). A name alone, as an old list wrote it, is no way to reach anyone.
 */
export function canReachMentors(project: {
  hasMentorContact: boolean
  mentors: { name: string; account_id: number | null }[]
}) {
  return (
    project.mentors.length > 0 &&
    (project.hasMentorContact ||
      project.mentors.some(
        (mentor) => mentor.account_id !== null || githubLoginOf(mentor.name) !== null,
      ))
  )
}

/**
 * Where someone can ask about a project before starting (how hard it is, where to begin): its
 * mentors when they can be reached, else its attached issue, else its repository on GitHub (where
 * its maintainers work), else nowhere this board knows of. Only what the project lists: the board
 * keeps no community channel of its own.
 */
export type AskPlace =
  | { kind: 'mentors' }
  | { kind: 'issue'; repo: string; number: number }
  | { kind: 'repository'; repo: string }
  | { kind: 'none' }

export function whereToAsk(project: {
  hasMentorContact: boolean
  mentors: { name: string; account_id: number | null }[]
  issue: { repo: string; number: number } | null
  repos: string[]
}): AskPlace {
  if (canReachMentors(project)) return { kind: 'mentors' }
  if (project.issue)
    return { kind: 'issue', repo: project.issue.repo, number: project.issue.number }
  // A repository written as owner/name is one on GitHub; other text names nothing to open.
  const repo = project.repos.find((name) => GITHUB_FULL_NAME.test(name))
  return repo ? { kind: 'repository', repo } : { kind: 'none' }
}

/** The repository a claimant tells she has started, when `whereToAsk` leads nowhere nearer. */
export function repositoryToTell(place: AskPlace) {
  return place.kind === 'repository' ? place.repo : null
}

export function nextStepAfterClaim(guide: NextStepGuide) {
  const below = [
    // Said to her just after claiming: the guide is headed as she sees it now, under her claim.
    guide.hasReadFirst ? `“${READING_WHILE_WORKING}”` : null,
    guide.issue ? `the attached issue, ${guide.issue.repo}#${guide.issue.number},` : null,
  ].filter((part) => part !== null)
  // A real reading guide comes first; otherwise the summary is where the project is explained.
  // This is said above the summary (the claim panel sits under the title, where a phone's first
  // screen shows it), so everything it points to is below.
  const reading = !guide.hasReadFirst
    ? ['the summary below', ...below].join(', then ')
    : `${below.join(' and ')} below`
  // Where the sentence ends at the issue's reference, no comma before its full stop.
  const readingEnded = reading.replace(/,$/, '')
  if (guide.toldMentors.length > 0) {
    const told = guide.toldMentors.length === 1 ? 'has been told' : 'have been told'
    return `Next: read ${readingEnded}. ${listInWords(guide.toldMentors)} ${told} you have started.`
  }
  const tell = guide.hasMentors
    ? 'tell the mentors you have started'
    : guide.issue
      ? 'say on the issue that you have started'
      : guide.repository
        ? `say in an issue on ${guide.repository} that you have started`
        : null
  if (tell === null) return `Next: read ${reading}.`
  // What she would do on a real board, said as that: the mentors, the issue and the repository
  // are the community's own, outside the demo.
  if (guide.isDemoClaim)
    return `Next: read ${readingEnded}. On a real board you would then ${tell}; this is a demo claim, unknown outside this demo, so post nothing about it.`
  return `Next: read ${reading}${guide.hasMentors || guide.issue ? ' and' : ', then'} ${tell}.`
}

/**
 * Where a contributor who finished a project and reported on it looks next: the finder set one
 * step up from what she has done, in this project's domains. A bare /starter showed her the
 * background she came with (often "new to it, no domain"), so the 1★ projects she has outgrown
 * came first and the domain she now knows counted for nothing.
 *
 * The language level allows one star above the project's rating (what she met, when she met
 * more: she coped with it), at most 3★; the project's domains become domains she knows, so a
 * harder project there fits her. A project she stopped gets no such step: null.
 */
export type NextProjectStep = {
  href: string
  level: LanguageLevel
  maxLanguageStars: Stars
  /** Whether the level allows more than the project was rated (not past 3★). */
  isStepUp: boolean
  knownDomains: string[]
}

export function nextProjectStep({
  outcome,
  languageStars,
  metLanguageStars,
  projectDomains,
  boardDomains,
}: {
  outcome: 'done' | 'abandoned' | 'released'
  /** The maintainers' rating of the project's language axis (null: unrated). */
  languageStars: Stars | null
  /** What she reported meeting on it. */
  metLanguageStars: Stars
  /** The project's primary and secondary domains. */
  projectDomains: readonly string[]
  /** The board's domains, in the order the finder lists them. */
  boardDomains: readonly string[]
}): NextProjectStep | null {
  if (outcome !== 'done') return null
  const done = languageStars ?? metLanguageStars
  const cap = Math.min(3, Math.max(metLanguageStars, done + 1)) as Stars
  const level = (Object.keys(LEVEL_MAX_LANGUAGE_STARS) as LanguageLevel[]).find(
    (candidate) => LEVEL_MAX_LANGUAGE_STARS[candidate] === cap,
  )!
  // A domain the board no longer offers would make the finder's address refuse.
  const knownDomains = boardDomains.filter((domain) => projectDomains.includes(domain))
  // The finder then lists those a step up from what she did first, the easier ones after them;
  // at the top already (3★) there is no step to put first.
  const isStepUp = cap > done
  const params = finderToSearchParams({
    background: { ...DEFAULT_BACKGROUND, level, knownDomains },
    filters: { ...DEFAULT_FILTERS, stepUpFrom: isStepUp ? done : null },
  })
  return {
    href: `/starter?${params}`,
    level,
    maxLanguageStars: cap,
    isStepUp,
    knownDomains,
  }
}

/** What the finder is set to for the next project, said beside its link. */
export function describeNextProjectStep(step: NextProjectStep, languageName: string) {
  const domains =
    step.knownDomains.length > 0
      ? ` and ${listInWords(step.knownDomains)} as domain${step.knownDomains.length === 1 ? '' : 's'} you know`
      : ''
  return `the finder opens set to ${languageName} up to ${step.maxLanguageStars}★${domains}.`
}
