import { getEnv } from '~/utils/env.server'

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
