import { getSyncScheduler } from '../sync/scheduler.server'
import { getWebhookSecretMismatch } from '../sync/webhooks.server'
import { getEnv, hasGitHubCredentials, mirrorsOwnRepositories, type Env } from '../utils/env.server'

import { checkSettings, type LastSweep, type WebhookSecretMismatch } from './checks'

/**
 * The settings /setup lists as missing or failing, as the board knows them without asking GitHub
 * (the settings and the last sweep), on a board being set up to mirror GitHub; none on the demo,
 * which is not set up this way. "Waiting for maintainers" names them: nothing else in the board
 * led to /setup once sync ran, and it said "Nothing waits for maintainers" meanwhile.
 */
export function listSettingsToFix(
  env: Env = getEnv(),
  lastSweep: LastSweep = getSyncScheduler()?.status() ?? null,
  webhookMismatch: WebhookSecretMismatch = getWebhookSecretMismatch(),
): string[] {
  if (!mirrorsOwnRepositories(env) && !hasGitHubCredentials(env)) return []
  return checkSettings(env, lastSweep, webhookMismatch)
    .filter((check) => check.status === 'missing' || check.status === 'failing')
    .map((check) => check.settings.join(' / '))
}

/**
 * Start-up's line after "is running at" while settings need attention, or null: an operator
 * following the README saw the board start and had nothing saying where setting up goes on.
 */
export function setupNextStepLine(toFix: readonly string[], origin: string) {
  if (toFix.length === 0) return null
  return `Next: ${toFix.length} ${toFix.length === 1 ? 'setting needs' : 'settings need'} attention (${toFix.join('; ')}): sign in as a maintainer and open ${origin}/setup`
}
