import { createGitHubClient } from '../github/client.server'
import { listAppInstallations } from '../github/installations.server'
import { githubAppOf, type Env } from '../utils/env.server'

import type { SetupCheck } from './checks'

/**
 * What GitHub says of the configured app: whether it accepts the app, and where it is installed
 * (without an installation there is nothing to mirror). Null without an app.
 */
export async function checkGitHubApp(env: Env): Promise<SetupCheck | null> {
  const app = githubAppOf(env)
  if (!app) return null
  const settings = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY']
  const { octokit } = createGitHubClient({ app, baseUrl: env.GITHUB_API_URL, retries: 0 })
  try {
    const listing = await listAppInstallations(octokit, null)
    const installations = listing.kind === 'listed' ? listing.items : []
    if (installations.length === 0) {
      return {
        id: 'installations',
        settings,
        status: 'missing',
        message:
          'GitHub accepts the app, but it is installed nowhere: install it on the organisations or repositories to mirror (the app’s page on GitHub, “Install App”).',
      }
    }
    const names = installations.map(
      (installation) => `${installation.account}${installation.isSuspended ? ' (suspended)' : ''}`,
    )
    return {
      id: 'installations',
      settings,
      status: 'ok',
      message: `GitHub accepts the app; it is installed on ${names.join(', ')}.`,
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    return {
      id: 'installations',
      settings,
      status: 'missing',
      message:
        status === 401 || status === 404
          ? `GitHub refuses the app (${status}): check GITHUB_APP_ID and that GITHUB_APP_PRIVATE_KEY is that app’s key.`
          : `GitHub could not be asked about the app: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
}
