import { getDb, type Database } from '../../db/client.server'
import { getStarterSettings } from '../starter/settings.server'

import { readIssueLabelStates, readRepositories, type IssueLabelState } from './board-state.server'
import { catalogueCreates, desiredLabels, isEmptyPlan, planIssue } from './plan'
import {
  defaultScheme,
  resolveScheme,
  validateScheme,
  type KnownValues,
  type LabelSpec,
  type SchemeDefaults,
  type SchemeOverrides,
  type SchemeProblem,
} from './scheme'
import { readKnownValues, readSchemeOverrides } from './schemes.server'

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
}

export type RepositoryLabelPlan = {
  repositoryId: number
  repo: string
  /** What is wrong with the repository's scheme; when any, it gets no creates nor issue plans. */
  problems: SchemeProblem[]
  creates: LabelSpec[]
  issues: IssueLabelPlanView[]
}

export type LabelPlans = {
  repositories: RepositoryLabelPlan[]
  /** Repositories named in the filter that are not in the mirror. */
  missing: string[]
  totals: { issues: number; adds: number; removes: number; creates: number }
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

function planRepository(
  repositoryId: number,
  repo: string,
  catalogue: { name: string }[],
  states: IssueLabelState[],
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
): RepositoryLabelPlan {
  // Validated first: a name GitHub would refuse (a very long area slug) is a problem to show,
  // never a request to send.
  const problems = validateScheme(defaults, overrides, known)
  if (problems.length > 0) return { repositoryId, repo, problems, creates: [], issues: [] }
  const scheme = resolveScheme(defaults, overrides, known)
  const issues = states.flatMap((state) => {
    const plan = planIssue({
      current: state.current,
      desired: desiredLabels(state.board, scheme),
      scheme,
    })
    if (isEmptyPlan(plan)) return []
    return [
      {
        issueId: state.issueId,
        number: state.number,
        title: state.title,
        url: state.url,
        ...plan,
        base: state.current.filter((name) => scheme.isManaged(name)),
      },
    ]
  })
  return {
    repositoryId,
    repo,
    problems: [],
    creates: catalogueCreates(issues, catalogue, scheme),
    issues,
  }
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
  const [states, known, stored] = await Promise.all([
    readIssueLabelStates(ids, db),
    // The same domains and areas the worker's schemes know: what one manages, the other plans.
    readKnownValues(db, domains),
    readSchemeOverrides(ids, db),
  ])
  const plans = repositories
    .map((repository) => ({
      repository,
      states: states.filter((state) => state.repositoryId === repository.id),
    }))
    .filter(({ states }) => options.repos !== undefined || states.length > 0)
    .map(({ repository, states }) =>
      planRepository(
        repository.id,
        repository.fullName,
        repository.catalogue,
        states,
        defaults,
        options.overrides?.(repository.fullName) ?? stored.get(repository.id) ?? {},
        known,
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
  }
}
