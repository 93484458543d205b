import { getSyncScheduler } from '../sync/scheduler.server'
import { getEnv, hasGitHubCredentials, mirrorsOwnRepositories, type Env } from '../utils/env.server'

import { checkSettings, type LastSweep } from './checks'

/**
 * The settings /setup lists as missing or failing, as the board knows them without asking GitHub
 * (the settings and the last sweep), on a board being set up to mirror GitHub; none on the demo,
 * which is not set up this way. "Waiting for maintainers" names them: nothing else in the board
 * led to /setup once sync ran, and it said "Nothing waits for maintainers" meanwhile.
 */
export function listSettingsToFix(
  env: Env = getEnv(),
  lastSweep: LastSweep = getSyncScheduler()?.status() ?? null,
): string[] {
  if (!mirrorsOwnRepositories(env) && !hasGitHubCredentials(env)) return []
  return checkSettings(env, lastSweep)
    .filter((check) => check.status === 'missing' || check.status === 'failing')
    .map((check) => check.settings.join(' / '))
}
