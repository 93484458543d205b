import { getDb, type Database } from '../../../db/client.server'
import { getStarterSettings } from '../../starter/settings.server'
import { listOpenRenames } from '../outbox/outbox.server'
import {
  defaultScheme,
  labelKey,
  resolveScheme,
  sameLabel,
  validateScheme,
  type KnownValues,
  type LabelSpec,
  type SchemeDefaults,
  type SchemeOverrides,
  type SchemeProblem,
} from '../scheme/scheme'
import { readKnownValues, readSchemeOverrides } from '../scheme/schemes.server'
import { suggestRepositoryLabel } from '../scheme/suggest'

import {
  readIssueLabelStates,
  readRepositories,
  type IssueLabelState,
  type MirroredRepository,
} from './board-state.server'
import {
  catalogueCreates,
  desiredLabels,
  ideasAddingNothing,
  isEmptyPlan,
  labelReasons,
  planIssue,
  replacementsOf,
  type LabelReason,
} from './plan'
import { describePersonsChange } from './review'
import {
  readGoneIssues,
  readOpenConflicts,
  readRepositoryRefusals,
  type WriteRefusal,
} from './write-history.server'

// Label plans computed from the database: per repository, the labels to create and, per issue,
// the labels to add and remove against what the mirror last saw. Nothing is sent from here.

export type IssueLabelPlanView = {
  issueId: number
  number: number
  title: string
  url: string
  add: string[]
  remove: string[]
  /** The managed labels the issue carries now: the base a conflict check compares against. */
  base: string[]
  /** The issue's other labels (`bug`, `help wanted`): outside the scheme, never touched. */
  leftAlone: string[]
  /** Why each added label is wanted, by the label as in `add`. */
  reasons: Record<string, LabelReason[]>
  /** Per removed label, the added ones that take its place (a changed rating); empty when none. */
  replacedBy: Record<string, string[]>
}

/** An idea linking an issue that adds no labels: still in ideation, not an agreed effort. */
export type QuietIdea = { id: number; title: string; issueNumber: number }

export type ExistingAlternative = { create: string; existing: string }

export type LeftOutIssue = { number: number; title: string; url: string; reason: string }

export type RepositoryLabelPlan = {
  repositoryId: number
  repo: string
  /** What is wrong with the repository's scheme; when any, it gets no creates nor issue plans. */
  problems: SchemeProblem[]
  /** Why GitHub would refuse any write there (archived, moved, gone); nothing is planned. */
  blocked: string | null
  /** What GitHub said the last time (the token was refused): shown before trying again. */
  warnings: string[]
  /**
   * Issues not planned: GitHub said they are gone or moved since the mirror last saw them, or a
   * person changed their labels there in a conflict no maintainer has settled yet.
   */
  leftOut: LeftOutIssue[]
  creates: LabelSpec[]
  /**
   * Labels to create beside one the repository already has for the same value ("starter" beside
   * "good first issue"): the scheme can adopt that one instead, before anything is applied.
   */
  existingAlternatives: ExistingAlternative[]
  issues: IssueLabelPlanView[]
  /** Ideas in ideation linking issues here: listed to show they put nothing on GitHub. */
  quietIdeas: QuietIdea[]
}

export type LabelPlans = {
  repositories: RepositoryLabelPlan[]
  /** Repositories named in the filter that are not in the mirror. */
  missing: string[]
  totals: { issues: number; adds: number; removes: number; creates: number }
  /**
   * How many issues of these repositories the board holds label state for (a starter project
   * tagged on it, a roadmap effort): 0 on first use, when an empty plan means nothing is decided
   * yet, not that GitHub already matches.
   */
  boardIssues: number
}

export type BuildLabelPlansOptions = {
  /** owner/name filter; every mirrored repository when absent. */
  repos?: string[]
  db?: Database
  /** A repository's own names for board values, by full name; the stored ones by default. */
  overrides?: (repo: string) => SchemeOverrides
  defaults?: SchemeDefaults
  /** Domains of the board; the community's settings by default. */
  domains?: readonly string[]
}

type WriteFacts = {
  blocked: string | null
  warnings: string[]
  gone: Map<number, WriteRefusal>
  /** What a person changed on GitHub, per issue with a conflict not settled yet. */
  conflicts: Map<number, { humanAdded: string[]; humanRemoved: string[] }>
  /** Renames of the repository's labels still waiting to be sent, oldest first. */
  renames: { from: string; to: string }[]
}

/** A label's name once the waiting renames are sent (they go before any issue change). */
function afterRenames(renames: readonly { from: string; to: string }[]) {
  return (name: string) =>
    renames.reduce(
      (current, rename) => (sameLabel(current, rename.from) ? rename.to : current),
      name,
    )
}

const GONE_WORDS: Record<number, string> = {
  301: 'moved (transferred to another repository)',
  307: 'moved (transferred to another repository)',
  404: 'not found (deleted, or hidden from the token)',
  410: 'deleted',
}

/** Why an issue in an open conflict is not planned, and what to do. */
function conflictWords(conflict: { humanAdded: string[]; humanRemoved: string[] }) {
  return `Someone on GitHub ${describePersonsChange(conflict)} since the board's last plan, so nothing was sent. Left out until you settle the conflict in the log: keep GitHub's labels or apply the board's change.`
}

function planRepository(
  repository: MirroredRepository,
  states: IssueLabelState[],
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
  facts: WriteFacts,
): RepositoryLabelPlan {
  const { id: repositoryId, fullName: repo } = repository
  const { blocked, warnings } = facts
  const renamed = afterRenames(facts.renames)
  const catalogue = repository.catalogue.map((label) => ({ name: renamed(label.name) }))
  const quietIdeas = states.flatMap((state) =>
    ideasAddingNothing(state.board).map((idea) => ({ ...idea, issueNumber: state.number })),
  )
  const empty = {
    repositoryId,
    repo,
    blocked,
    warnings,
    creates: [],
    existingAlternatives: [],
    issues: [],
    leftOut: [],
    quietIdeas,
  }
  // Validated first: a name GitHub would refuse (a very long area slug) is a problem to show,
  // never a request to send.
  const problems = validateScheme(defaults, overrides, known)
  if (problems.length > 0) return { ...empty, problems }
  if (blocked) return { ...empty, problems: [] }
  const scheme = resolveScheme(defaults, overrides, known)
  const leftOut: LeftOutIssue[] = []
  const issues = states.flatMap((state) => {
    const gone = facts.gone.get(state.issueId)
    const conflict = facts.conflicts.get(state.issueId)
    const leftOutBecause = gone
      ? `GitHub answered ${gone.status} on ${gone.at.toISOString().slice(0, 10)}: ${GONE_WORDS[gone.status] ?? 'gone'}. Left out until a sync sees it again.`
      : conflict
        ? conflictWords(conflict)
        : null
    if (leftOutBecause) {
      leftOut.push({
        number: state.number,
        title: state.title,
        url: state.url,
        reason: leftOutBecause,
      })
      return []
    }
    // Planned against the names GitHub will show once the waiting renames are sent.
    const current = state.current.map(renamed)
    const plan = planIssue({ current, desired: desiredLabels(state.board, scheme), scheme })
    if (isEmptyPlan(plan)) return []
    const why = labelReasons(state.board, scheme)
    return [
      {
        issueId: state.issueId,
        number: state.number,
        title: state.title,
        url: state.url,
        ...plan,
        base: current.filter((name) => scheme.isManaged(name)),
        leftAlone: current.filter((name) => !scheme.isManaged(name)),
        reasons: Object.fromEntries(plan.add.map((name) => [name, why.get(labelKey(name)) ?? []])),
        replacedBy: Object.fromEntries(replacementsOf(plan, scheme)),
      },
    ]
  })
  const creates = catalogueCreates(issues, catalogue, scheme)
  return {
    ...empty,
    problems: [],
    creates,
    existingAlternatives: creates.flatMap((label) => {
      const value = scheme.valueOf(label.name)
      // A name the maintainers chose in the scheme is theirs: nothing to suggest.
      if (!value || Object.hasOwn(overrides, value)) return []
      const existing = suggestRepositoryLabel(value, catalogue)
      return existing ? [{ create: label.name, existing }] : []
    }),
    issues,
    leftOut,
  }
}

/** Why GitHub would refuse every label write to the repository; null when it would not. */
function blockedReason(repository: MirroredRepository): string | null {
  if (repository.status !== 'active') {
    return `${repository.fullName} was ${repository.status === 'gone' ? 'deleted or hidden from the token' : repository.status} on GitHub: nothing is planned there (sync to follow it to its new name).`
  }
  if (repository.isArchived) {
    return `${repository.fullName} is archived on GitHub, so it is read-only: nothing is planned there.`
  }
  return null
}

function warningsFor(repository: MirroredRepository, refusals: Map<number, WriteRefusal>) {
  const refusal = refusals.get(repository.id)
  if (!refusal) return []
  return [
    `The last label write to ${repository.fullName} (${refusal.at.toISOString().slice(0, 10)}) was refused: ${refusal.error} Check the token's access before applying.`,
  ]
}

/**
 * The label plans of the mirrored repositories (or those named): only repositories with issues the
 * board holds state for, or named ones, are listed; issues whose labels already match are left out.
 */
export async function buildLabelPlans(options: BuildLabelPlansOptions = {}): Promise<LabelPlans> {
  const db = options.db ?? getDb()
  const defaults = options.defaults ?? defaultScheme(getStarterSettings().languageName)
  const domains = options.domains ?? getStarterSettings().domains
  const { repositories, missing } = await readRepositories(options.repos, db)
  const ids = repositories.map((repository) => repository.id)
  const [states, known, stored, refusals, renames] = await Promise.all([
    readIssueLabelStates(ids, db),
    // The same domains and areas the worker's schemes know: what one manages, the other plans.
    readKnownValues(db, domains),
    readSchemeOverrides(ids, db),
    readRepositoryRefusals(ids, db),
    listOpenRenames(ids, db),
  ])
  const issueIds = states.map((state) => state.issueId)
  const [gone, conflicts] = await Promise.all([
    readGoneIssues(issueIds, db),
    readOpenConflicts(issueIds, db),
  ])
  const statesByRepository = new Map<number, IssueLabelState[]>()
  for (const state of states) {
    statesByRepository.set(state.repositoryId, [
      ...(statesByRepository.get(state.repositoryId) ?? []),
      state,
    ])
  }
  const plans = repositories
    .map((repository) => ({
      repository,
      states: statesByRepository.get(repository.id) ?? [],
    }))
    .filter(({ states }) => options.repos !== undefined || states.length > 0)
    .map(({ repository, states }) =>
      planRepository(
        repository,
        states,
        defaults,
        options.overrides?.(repository.fullName) ?? stored.get(repository.id) ?? {},
        known,
        {
          blocked: blockedReason(repository),
          warnings: warningsFor(repository, refusals),
          gone,
          conflicts,
          renames: renames.get(repository.id) ?? [],
        },
      ),
    )
  const issues = plans.flatMap((plan) => plan.issues)
  return {
    repositories: plans,
    missing,
    totals: {
      issues: issues.length,
      adds: issues.reduce((sum, issue) => sum + issue.add.length, 0),
      removes: issues.reduce((sum, issue) => sum + issue.remove.length, 0),
      creates: plans.reduce((sum, plan) => sum + plan.creates.length, 0),
    },
    boardIssues: states.length,
  }
}

export type IssueLabelStatus = {
  /** The issue's changes in the current plan (empty when its labels match the board). */
  add: string[]
  remove: string[]
  /** Why nothing can be planned for it (scheme problems, blocked repository, gone issue). */
  notice: string | null
}

/** One issue's place in the label plan, for the pages where its board state is edited. */
export async function labelStatusOfIssue(
  repo: string,
  number: number,
  db: Database = getDb(),
): Promise<IssueLabelStatus> {
  const plans = await buildLabelPlans({ repos: [repo], db })
  const repository = plans.repositories[0]
  if (!repository) return { add: [], remove: [], notice: `${repo} is not in the mirror.` }
  const issue = repository.issues.find((each) => each.number === number)
  const leftOut = repository.leftOut.find((each) => each.number === number)
  const notice =
    repository.blocked ??
    (repository.problems.length > 0
      ? `The label scheme of ${repo} has problems, so nothing is planned there.`
      : (leftOut?.reason ?? null))
  return { add: issue?.add ?? [], remove: issue?.remove ?? [], notice }
}
