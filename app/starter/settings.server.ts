import { getDb, type Database } from '../../db/client.server'
import { getEnv, hasMirageStarterAxes, mirrorsOwnRepositories } from '../utils/env.server'

/** The community's own words for the starter-project pages (settings with MirageOS defaults). */
export function getStarterSettings() {
  const env = getEnv()
  return {
    domains: env.STARTER_DOMAINS,
    languageName: env.LANGUAGE_NAME,
    learningResources: env.LEARNING_RESOURCES,
    claimDays: env.CLAIM_DAYS,
    driftThreshold: env.DRIFT_THRESHOLD,
    driftMinReports: env.DRIFT_MIN_REPORTS,
  }
}

export type StarterSettings = ReturnType<typeof getStarterSettings>

/**
 * Whether the maintainers of a board mirroring their own repositories are about to rate on
 * MirageOS's axes (OCaml, its domains) because nobody changed the defaults: said where ratings are
 * made, until the first rating, after which the axes are the board's own choice. Every rating is
 * recorded on the axes of its day, so finding out later means rating everything again.
 */
export async function isRatingOnDefaultAxes(db: Database = getDb()) {
  const env = getEnv()
  if (!mirrorsOwnRepositories(env) || !hasMirageStarterAxes(env)) return false
  const rated = await db
    .selectFrom('starter_project')
    .select('id')
    .where((eb) =>
      eb.or([eb('language_stars', 'is not', null), eb('domain_stars', 'is not', null)]),
    )
    .limit(1)
    .executeTakeFirst()
  return rated === undefined
}
