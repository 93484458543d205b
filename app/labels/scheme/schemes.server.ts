import { getDb, type Database } from '../../../db/client.server'
import { getStarterSettings } from '../../starter/settings.server'
import { listAreaSlugs } from '../plan/board-state.server'

import {
  defaultScheme,
  resolveScheme,
  validateScheme,
  type KnownValues,
  type ResolvedScheme,
  type SchemeDefaults,
  type SchemeOverrides,
  type SchemeProblem,
} from './scheme'

// Each repository's label scheme as stored: the community's defaults, the repository's own names
// (label_scheme_override), and the domains and areas the board knows. Plans, the worker, the
// settings page and learning from GitHub all read schemes from here, so they agree on what the
// board manages.

export type RepositoryScheme =
  | { problems: []; scheme: ResolvedScheme; overrides: SchemeOverrides }
  | { problems: SchemeProblem[]; scheme: null; overrides: SchemeOverrides }

/** The stored overrides of these repositories, by repository id (`{}` when none). */
export async function readSchemeOverrides(
  repositoryIds: readonly number[],
  db: Database = getDb(),
): Promise<Map<number, SchemeOverrides>> {
  const result = new Map<number, SchemeOverrides>(repositoryIds.map((id) => [id, {}]))
  if (repositoryIds.length === 0) return result
  const rows = await db
    .selectFrom('label_scheme_override')
    .select(['repository_id', 'value', 'label'])
    .where('repository_id', 'in', [...repositoryIds])
    .orderBy('value')
    .execute()
  for (const row of rows) {
    result.set(row.repository_id, { ...result.get(row.repository_id), [row.value]: row.label })
  }
  return result
}

/**
 * The domains and areas that get labels: the settings' domains, any domain a starter project
 * still carries after the settings dropped it, and every roadmap area.
 */
export async function readKnownValues(
  db: Database = getDb(),
  domains: readonly string[] = getStarterSettings().domains,
): Promise<KnownValues> {
  const [projectDomains, areas] = await Promise.all([
    db.selectFrom('starter_project').select('primary_domain').distinct().execute(),
    listAreaSlugs(db),
  ])
  return {
    domains: [...new Set([...domains, ...projectDomains.map((row) => row.primary_domain)])],
    areas,
  }
}

export function communityDefaults(): SchemeDefaults {
  return defaultScheme(getStarterSettings().languageName)
}

/** A scheme from its parts; null with the problems when the board must not plan with it. */
export function schemeFrom(
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
): RepositoryScheme {
  const problems = validateScheme(defaults, overrides, known)
  if (problems.length > 0) return { problems, scheme: null, overrides }
  return { problems: [], scheme: resolveScheme(defaults, overrides, known), overrides }
}

/**
 * The community's settings schemes are built from (the language's name in `defaults`, the
 * domains); each one absent is the process's own (getStarterSettings). A command passes its own.
 */
export type SchemeSettings = { defaults?: SchemeDefaults; domains?: readonly string[] }

/** The schemes of these repositories, by id. */
export async function loadRepositorySchemes(
  repositoryIds: readonly number[],
  db: Database = getDb(),
  options: SchemeSettings & { known?: KnownValues } = {},
): Promise<Map<number, RepositoryScheme>> {
  const [overrides, known] = await Promise.all([
    readSchemeOverrides(repositoryIds, db),
    options.known ? Promise.resolve(options.known) : readKnownValues(db, options.domains),
  ])
  const defaults = options.defaults ?? communityDefaults()
  return new Map(
    repositoryIds.map((id) => [id, schemeFrom(defaults, overrides.get(id) ?? {}, known)]),
  )
}
