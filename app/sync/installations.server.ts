import { getDb, type Database } from '../../db/client.server'
import { InstallationUnavailableError, type createGitHubClient } from '../github/client.server'
import {
  listAppInstallations,
  listRepositoriesOfInstallation,
  type AppInstallation,
} from '../github/installations.server'
import {
  assignRepositoriesToInstallation,
  getInstallation,
  listInstallationRepositories,
  listLiveInstallationIds,
  markRepositoriesLeftInstallation,
  recordInstallationUsage,
  saveInstallationListing,
  setInstallationStatus,
  upsertInstallation,
} from '../mirror/installation.server'

import { storeRepository } from './repository-names.server'
import {
  GitHubAuthError,
  GitHubUnreachableError,
  namesRepository,
  sweep,
  unreachableErrorOf,
  type SweepSummary,
  type SyncOptions,
  type SyncTarget,
} from './sweep.server'

// A board installed as a GitHub App mirrors what its installations cover: each sweep lists the
// installations (with the app's JWT) and each installation's repositories (with its token),
// both conditionally, so an unchanged board costs a 304 per listing and per repository and no
// rate-limit point. BOARD_REPOS, when set, narrows that to the repositories and accounts it
// names. Then the ordinary sweep runs over them; the gatekeeper gives each request its
// installation's token. An installation suspended or removed before or during the sweep has its
// repositories marked (nothing is deleted) and the others go on.

export type AppClient = ReturnType<typeof createGitHubClient>

export type InstallationSweepResult = {
  installationId: number
  account: string
  status: 'active' | 'suspended' | 'removed'
  repositories: number
  listing: 'listed' | 'not-modified' | 'skipped'
  error?: string
}

export type AppSweepSummary = SweepSummary & { installations: InstallationSweepResult[] }

/** Between sweeps: the ETag of the installations listing (per process; a miss costs one list). */
export type AppSweepMemory = { installationsEtag: string | null }

export function createAppSweepMemory(): AppSweepMemory {
  return { installationsEtag: null }
}

function matchesNarrowing(fullName: string, narrow: SyncTarget[]) {
  return narrow.length === 0 || namesRepository(narrow, fullName)
}

/**
 * The BOARD_REPOS names no installation offered: narrowed to them, the mirror would silently
 * hold nothing of them. A name of an account whose installation could not be listed (suspended,
 * or gone while listing) is left out: its repositories are unknown, and that installation's own
 * status says why they do not sync (an installation only ever covers its account's repositories).
 */
function uncoveredNames(
  narrow: SyncTarget[],
  offered: SyncTarget[],
  installations: InstallationSweepResult[],
): SweepSummary['unresolved'] {
  const unlisted = new Set(
    installations
      .filter((installation) => installation.status !== 'active')
      .map((installation) => installation.account.toLowerCase()),
  )
  const names = offered.flatMap((target) => (target.kind === 'repository' ? [target.fullName] : []))
  return narrow.flatMap((target) => {
    const owner =
      target.kind === 'repository' ? (target.fullName.split('/')[0] ?? '') : target.owner
    if (unlisted.has(owner.toLowerCase())) return []
    if (names.some((name) => matchesNarrowing(name, [target]))) return []
    return [
      {
        target: target.kind === 'repository' ? target.fullName : target.owner,
        error:
          target.kind === 'repository'
            ? 'no installation of the GitHub App covers it'
            : 'no installation of the GitHub App covers any of its repositories',
        isUnreachable: false,
      },
    ]
  })
}

async function refreshInstallations(client: AppClient, memory: AppSweepMemory, db: Database) {
  const listing = await listAppInstallations(client.octokit, memory.installationsEtag).catch(
    (error: unknown) => {
      // The app's own JWT refused (an unknown id, or a key not the app's): nothing can sync, and
      // GitHub's words ("A JSON web token could not be decoded") name no setting to fix.
      if ((error as { status?: unknown }).status === 401) throw new GitHubAuthError(401, 'app')
      // Said as a token sweep says it, naming GITHUB_API_URL, rather than as fetch's "fetch failed".
      throw unreachableErrorOf(client.octokit, error) ?? error
    },
  )
  if (listing.kind === 'not-modified') return listLiveInstallationIds(db)
  const seen = new Set<number>()
  for (const installation of listing.items) {
    seen.add(installation.id)
    await upsertInstallation(
      {
        id: installation.id,
        account: installation.account,
        status: installation.isSuspended ? 'suspended' : 'active',
      },
      db,
    )
    client.installations?.rememberInstallation(installation.id, installation.account)
  }
  // Installations GitHub no longer lists were removed: their repositories are marked.
  for (const id of await listLiveInstallationIds(db)) {
    if (seen.has(id)) continue
    await markInstallationGone(client, id, 'removed', db)
  }
  memory.installationsEtag = listing.etag
  return listing.items.map((installation: AppInstallation) => installation.id)
}

async function markInstallationGone(
  client: AppClient,
  installationId: number,
  reason: 'suspended' | 'removed',
  db: Database,
) {
  client.installations?.forgetInstallation(installationId)
  await setInstallationStatus(installationId, reason, db)
  // A removed installation's repositories left it; a suspended one's stay assigned, and the
  // installation's status says why they do not sync.
  if (reason === 'removed') await markRepositoriesLeftInstallation(installationId, {}, db)
  // The next listing of a reinstated installation must be a full one.
  await saveInstallationListing(installationId, null, db)
}

async function repositoriesOf(
  client: AppClient,
  installationId: number,
  db: Database,
): Promise<{ names: string[]; listing: 'listed' | 'not-modified' }> {
  const stored = await getInstallation(installationId, db)
  const listing = await listRepositoriesOfInstallation(
    client.octokit,
    installationId,
    stored?.repositories_etag ?? null,
  )
  if (listing.kind === 'not-modified') {
    const repositories = await listInstallationRepositories(installationId, db)
    for (const repository of repositories) {
      const owner = repository.full_name.split('/')[0] ?? ''
      client.installations?.rememberRepository(repository.id, owner, installationId)
    }
    return {
      names: repositories.map((repository) => repository.full_name),
      listing: 'not-modified',
    }
  }
  const ids = listing.items.map((payload) => payload.id)
  for (const payload of listing.items) {
    await storeRepository(client.octokit, payload, db)
    client.installations?.rememberRepository(payload.id, payload.owner.login, installationId)
  }
  await assignRepositoriesToInstallation(installationId, ids, db)
  await markRepositoriesLeftInstallation(installationId, { keepIds: ids }, db)
  await saveInstallationListing(installationId, listing.etag, db)
  return { names: listing.items.map((payload) => payload.full_name), listing: 'listed' }
}

/**
 * One sweep of a board authenticated as a GitHub App: the installations' repositories, narrowed
 * by `narrow` (BOARD_REPOS) when it names anything.
 */
export async function sweepInstallations(
  client: AppClient,
  options: SyncOptions & { narrow?: SyncTarget[]; memory?: AppSweepMemory } = {},
): Promise<AppSweepSummary> {
  const db = options.db ?? getDb()
  const memory = options.memory ?? createAppSweepMemory()
  const start = { requests: client.stats.requests, notModified: client.stats.notModified }
  const usageBefore = new Map(
    [...(client.installations?.usage.values() ?? [])].map((usage) => [
      usage.installationId,
      usage.requests,
    ]),
  )
  client.installations?.unavailable.clear()
  const installationIds = await refreshInstallations(client, memory, db)

  const results: InstallationSweepResult[] = []
  const targets: SyncTarget[] = []
  const owners = new Map<string, number>()
  const counted = () => ({
    requests: client.stats.requests - start.requests,
    notModified: client.stats.notModified - start.notModified,
  })
  for (const [index, installationId] of installationIds.entries()) {
    const stored = await getInstallation(installationId, db)
    const account = stored?.account ?? String(installationId)
    if (stored?.status === 'suspended') {
      results.push({
        installationId,
        account,
        status: 'suspended',
        repositories: 0,
        listing: 'skipped',
      })
      continue
    }
    try {
      const { names, listing } = await repositoriesOf(client, installationId, db)
      const wanted = names.filter((name) => matchesNarrowing(name, options.narrow ?? []))
      for (const name of wanted) {
        targets.push({ kind: 'repository', fullName: name })
        owners.set(name.toLowerCase(), installationId)
      }
      results.push({
        installationId,
        account,
        status: 'active',
        repositories: wanted.length,
        listing,
      })
    } catch (error) {
      if (!(error instanceof InstallationUnavailableError)) {
        const unreachable = unreachableErrorOf(client.octokit, error)
        if (!unreachable) throw error
        // GitHub went while the installations were being listed: what was listed is stored, and
        // the summary says which installations were not, as a sweep names what it did not reach.
        if (results.length > 0) {
          const listed: AppSweepSummary = {
            repositories: [],
            unresolved: [],
            ...counted(),
            rateLimit: client.stats.rateLimit,
            installations: results,
          }
          unreachable.partial = {
            summary: listed,
            notReached: targets.flatMap((target) =>
              target.kind === 'repository' ? [target.fullName] : [],
            ),
            notListed: await listableAccounts(installationIds.slice(index), db),
          }
        }
        throw unreachable
      }
      await markInstallationGone(client, installationId, error.reason, db)
      results.push({
        installationId,
        account,
        status: error.reason,
        repositories: 0,
        listing: 'skipped',
        error: error.message,
      })
    }
  }

  const summary = await sweep(client, targets, options).catch((error: unknown) => {
    // Cut off while sweeping: the installations were all listed; the summary says so too.
    if (error instanceof GitHubUnreachableError && error.partial) {
      const swept: AppSweepSummary = {
        ...error.partial.summary,
        ...counted(),
        installations: results,
      }
      error.partial.summary = swept
    }
    throw error
  })
  const uncovered = uncoveredNames(options.narrow ?? [], targets, results)

  // An installation that went away while its repositories were being swept: those that failed
  // for it are marked now; the others' results stand.
  const lost = new Map(client.installations?.unavailable ?? [])
  // Those found gone while listing are marked already.
  for (const result of results) {
    if (result.status !== 'active') lost.delete(result.installationId)
  }
  for (const [installationId, reason] of lost) {
    await markInstallationGone(client, installationId, reason, db)
    const result = results.find((entry) => entry.installationId === installationId)
    if (result) {
      result.status = reason
      result.error = `the installation was ${reason === 'suspended' ? 'suspended' : 'removed'} during the sweep`
    }
  }

  for (const usage of client.installations?.usage.values() ?? []) {
    const requests = usage.requests - (usageBefore.get(usage.installationId) ?? 0)
    if (requests === 0) continue
    await recordInstallationUsage(
      usage.installationId,
      { requests, rateLimit: usage.rateLimit },
      db,
    )
  }

  return {
    ...summary,
    // Recorded as a token sweep records a name GitHub does not know: /sync and /setup name it,
    // and `npm run sync` does not call the run a success.
    unresolved: [...uncovered, ...summary.unresolved],
    ...counted(),
    installations: results,
  }
}

/** The accounts of these installations whose repositories a sweep lists (not the suspended). */
async function listableAccounts(installationIds: number[], db: Database) {
  const accounts: string[] = []
  for (const installationId of installationIds) {
    const stored = await getInstallation(installationId, db)
    if (stored?.status === 'suspended') continue
    accounts.push(stored?.account ?? String(installationId))
  }
  return accounts
}
