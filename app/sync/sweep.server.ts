import { hostname } from 'node:os'

import { RequestError } from '@octokit/request-error'
import { sql } from 'kysely'
import PQueue from 'p-queue'

import { getDb, type Database } from '../../db/client.server'
import {
  InstallationUnavailableError,
  NotGitHubJsonError,
  tallyRequests,
  type GitHubClient,
  type GitHubCredential,
  type RequestStats,
  type RequestTally,
} from '../github/client.server'
import { hostFailureOf, notGitHubMessage, unreachableMessage } from '../github/failure.server'
import { mapIssue, mapLabel, type LabelPayload, type RepositoryPayload } from '../github/map'
import {
  readApiRoot,
  readIssuePage,
  readLabelPage,
  readRepository,
  readRepositoryPage,
  NotGitHubShapeError,
} from '../github/shapes'
import { mirrorIssues } from '../labels/learning/mirror-issues.server'
import { getIssueIdsByNumber, getStoredUpdateTimes } from '../mirror/issue.server'
import { replaceRepositoryLabels } from '../mirror/label.server'
import {
  getRepositoryByFullName,
  listRepositoriesByIds,
  setRepositoryStatus,
} from '../mirror/repository.server'
import {
  claimRepositorySync,
  holdSyncInstance,
  finishRepositorySync,
  getSyncState,
  getSyncTarget,
  renewRepositorySyncClaim,
  saveSyncTarget,
  type SyncOutcome,
} from '../mirror/sync-state.server'
import { GITHUB_FULL_NAME, GITHUB_LOGIN, nameFromGitHubUrl } from '../utils/github-names'
import { log } from '../utils/log.server'
import { readAhead } from '../utils/read-ahead'

import { moveRepository, storeRepository } from './repository-names.server'

// Incremental, rate-limit-frugal mirroring. Per repository and sweep:
// - issues are listed newest-updated first with `since` = the watermark (everything updated
//   before it is stored). Newest first, because an item updated during the walk jumps to the
//   front, pages already read, and the rest shift towards later pages: nothing is skipped
//   (oldest first would skip the item that shifts back across a page already read).
// - page 1 is a conditional request, so an unchanged repository costs one 304 and no rate-limit
//   point;
// - each page is stored in its own transaction, which commits without waiting for the disk; the
//   watermark and validators move only when the whole walk is stored, in a commit that does wait
//   (and so flushes every page before it), so a crash anywhere and a rerun converge without gaps
//   (upserts make the repeated pages harmless);
// - the label catalogue is re-listed (conditionally) when issues changed, or once a day.

export type SyncTarget = { kind: 'repository'; fullName: string } | { kind: 'owner'; owner: string }

/**
 * Reads `owner/name` and `org` words, or their github.com addresses (as in BOARD_REPOS or the
 * CLI); bad words are reported as typed.
 */
export function parseSyncTargets(words: string[]) {
  const targets: SyncTarget[] = []
  const invalid: string[] = []
  for (const typed of words.flatMap((value) => value.split(',')).map((value) => value.trim())) {
    if (typed === '') continue
    const word = nameFromGitHubUrl(typed) ?? typed
    if (GITHUB_FULL_NAME.test(word)) targets.push({ kind: 'repository', fullName: word })
    else if (GITHUB_LOGIN.test(word)) targets.push({ kind: 'owner', owner: word })
    else invalid.push(typed)
  }
  return { targets, invalid }
}

/**
 * Why BOARD_REPOS is refused, as start-up and `npm run sync` both say it, with commas suggested
 * when an entry is a list separated otherwise ("acme/app acme/lib" read as one name).
 */
export function invalidBoardReposMessage(invalid: string[]) {
  const entries = invalid.map((entry) => `“${entry}”`).join(', ')
  return `Invalid setting BOARD_REPOS: ${entries} ${invalid.length === 1 ? 'is' : 'are'} neither owner/name nor an organisation name (letters, digits and dashes; a repository name may also hold . and _), nor a github.com address of one${commaHint(invalid, 'BOARD_REPOS=')}`
}

/**
 * ". Separate names with commas: a,b" when an entry refused is names separated by spaces or
 * semicolons, each of them valid; empty otherwise.
 */
export function commaHint(invalid: string[], prefix = '') {
  for (const entry of invalid) {
    const parts = entry.split(/[\s;]+/).filter((part) => part !== '')
    if (parts.length > 1 && parseSyncTargets(parts).invalid.length === 0) {
      return `. Separate names with commas: ${prefix}${parts.join(',')}`
    }
  }
  return ''
}

/** Whether `targets` name the repository `fullName`, or its owner; GitHub's names ignore case. */
export function namesRepository(targets: SyncTarget[], fullName: string) {
  const lower = fullName.toLowerCase()
  return targets.some((target) =>
    target.kind === 'repository'
      ? target.fullName.toLowerCase() === lower
      : lower.startsWith(`${target.owner.toLowerCase()}/`),
  )
}

/**
 * Lookups and repository syncs running at once. Measured on the initial mirror against 2, 4 and 8
 * (docs/decisions/015); GitHub requests in flight stay at most 10 whatever this is.
 */
export const SWEEP_CONCURRENCY = 6
// Queue priorities: a repository found is synced before the next target is looked up.
const SYNC_FIRST = 1
const LOOK_UP_AFTER = 0

export type SyncOptions = {
  includeArchived?: boolean
  includeForks?: boolean
  /** Lookups and repository syncs running at once; SWEEP_CONCURRENCY by default. */
  concurrency?: number
  /** Names this process in sync claims, so other instances leave its repositories alone. */
  instance?: string
  /** How long a claim lasts without renewal (it is renewed after every page). */
  claimTtlMs?: number
  /** Labels checked this long ago or more are checked again (0: every sweep); a day by default. */
  labelsMaxAgeMs?: number
  onProgress?: (progress: RepositoryProgress) => void
  db?: Database
}

export type RepositoryProgress = {
  repository: string
  pages: number
  items: number
  done: boolean
  outcome?: RepositorySyncResult['outcome']
}

export type RepositorySyncResult = {
  repository: string
  outcome: SyncOutcome | 'busy'
  added: number
  updated: number
  unchanged: number
  pages: number
  error?: string
}

export type SweepSummary = {
  repositories: RepositorySyncResult[]
  /**
   * Targets that could not even be resolved to repositories (unknown, no access), and whether
   * GitHub gave no answer at all (the fix is then GITHUB_API_URL or the network, not the target).
   */
  unresolved: { target: string; error: string; isUnreachable: boolean }[]
  requests: number
  notModified: number
  rateLimit: RequestStats['rateLimit']
}

const DAY_MS = 86_400_000

/** Fails the whole sweep rather than each repository: the credentials themselves are wrong. */
export class GitHubAuthError extends Error {
  constructor(
    readonly status: number,
    credential: GitHubCredential = 'token',
  ) {
    super(
      credential === 'token'
        ? `GitHub refuses GITHUB_TOKEN (${status}): set it to a valid token that can read the repositories to mirror`
        : credential === 'app'
          ? `GitHub refuses the GitHub App's credentials (${status}): check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY`
          : `GitHub requires credentials (${status} without any): set GITHUB_TOKEN to a token that can read the repositories, or install the board as a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY)`,
    )
    this.name = 'GitHubAuthError'
  }
}

/**
 * Fails the whole sweep rather than each repository: GitHub cannot be reached at GITHUB_API_URL
 * at all (no such host, connection refused, a TLS failure), or what answers there is not GitHub's
 * API. Every repository would fail the same way, each after its retries: said once, tried once.
 */
export class GitHubUnreachableError extends Error {
  /**
   * What the sweep had done when GitHub went out of reach mid-run: the repositories it synced
   * and the names it never got to. Null when it stopped before any repository or name was done.
   */
  partial: PartialSweep | null = null

  constructor(message: string) {
    super(message)
    this.name = 'GitHubUnreachableError'
  }
}

/** A sweep stopped by GitHub going out of reach: what it did, and the names it did not reach. */
export type PartialSweep = {
  summary: SweepSummary
  notReached: string[]
  /** As a GitHub App: the accounts whose installation's repositories were never listed. */
  notListed?: string[]
}

/** `error` as GitHub out of reach at `client`'s address, when it is that; else null. */
export function unreachableErrorOf(client: GitHubClient, error: unknown) {
  const reason = hostFailureOf(error)
  return reason
    ? new GitHubUnreachableError(
        unreachableMessage(client.request.endpoint.DEFAULTS.baseUrl, reason),
      )
    : null
}

/**
 * After an answer of another shape: whether the API's root is GitHub's. Null when it is (the
 * answer was one address's own); otherwise the run's failure, said once.
 */
async function checkApiRoot(client: GitHubClient): Promise<GitHubUnreachableError | null> {
  try {
    readApiRoot(await client.request('GET /'))
    return null
  } catch (error) {
    const unreachable = unreachableErrorOf(client, error)
    if (unreachable) return unreachable
    if (error instanceof NotGitHubJsonError || error instanceof NotGitHubShapeError) {
      return new GitHubUnreachableError(
        notGitHubMessage(client.request.endpoint.DEFAULTS.baseUrl, error),
      )
    }
    // Any HTTP answer (a 401 for the token, a 5xx): GitHub, or nothing the root can tell.
    return null
  }
}

function statusOf(error: unknown) {
  return error instanceof RequestError ? error.status : undefined
}

/**
 * The pages of a walk, ending it at a later page GitHub answers 304: the conditional header goes
 * with every page, and GitHub answers any page so whose items are none newer than
 * If-Modified-Since (a bulk edit can fill pages with one second's items). Sorted newest first,
 * nothing after it is newer either. Read as the walk's failure, such a sweep kept its watermark,
 * called the repository unchanged, and read the same pages again on every sweep. A first page's
 * 304 still means nothing changed.
 */
async function* endAtNotModified<T>(pages: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  let hasPage = false
  try {
    for await (const page of pages) {
      hasPage = true
      yield page
    }
  } catch (error) {
    if (!hasPage || statusOf(error) !== 304) throw error
  }
}

/** True when GitHub never answered (no such host, connection refused or dropped). */
function isUnreachable(error: unknown): error is RequestError {
  return error instanceof RequestError && !error.response
}

function describe(error: unknown) {
  if (isUnreachable(error)) {
    // Where it tried, and the setting that says so: a mistyped GITHUB_API_URL looks just like
    // an outage otherwise.
    const origin = URL.canParse(error.request.url) ? new URL(error.request.url).origin : null
    return `could not reach GitHub${origin ? ` at ${origin}` : ''}: ${error.message}; check GITHUB_API_URL and that this machine can reach it`
  }
  if (error instanceof RequestError) {
    const message = (error.response?.data as { message?: string } | undefined)?.message
    return `GitHub answered ${error.status}${message ? `: ${message}` : ''}`
  }
  if (error instanceof Error) return error.message
  return String(error)
}

/** Failures of a repository's label listing that fail that repository, not the whole sweep. */
function isRepositoryFailure(error: unknown) {
  return error instanceof InstallationUnavailableError || error instanceof NotGitHubShapeError
}

function rethrowAuth(error: unknown): void {
  const status = statusOf(error)
  if (status === 401) throw new GitHubAuthError(status)
}

type ResolvedRepository = { id: number; fullName: string }

async function resolveRepository(
  client: GitHubClient,
  fullName: string,
  db: Database,
): Promise<ResolvedRepository> {
  const stored = await getRepositoryByFullName(fullName, db)
  // Already mirrored: its id is all a sweep needs, so an unchanged sweep costs no lookup.
  if (stored && stored.status !== 'gone') return { id: stored.id, fullName: stored.full_name }
  const payload = await lookUpName(client, fullName)
  await storeRepository(client, payload, db)
  return { id: payload.id, fullName: payload.full_name }
}

async function resolveOwner(
  client: GitHubClient,
  owner: string,
  options: SyncOptions,
  db: Database,
): Promise<ResolvedRepository[]> {
  // The stored listing is the filtered one, so each filter combination keeps its own.
  const listingKey = [
    owner,
    options.includeArchived ? '+archived' : '',
    options.includeForks ? '+forks' : '',
  ].join('')
  const known = await getSyncTarget(listingKey, db)
  const list = async (kind: 'organisation' | 'user') => {
    const payloads: RepositoryPayload[] = []
    let etag: string | null = null
    const headers = known?.etag ? { 'if-none-match': known.etag } : {}
    const pages =
      kind === 'organisation'
        ? client.paginate.iterator(client.rest.repos.listForOrg, {
            org: owner,
            type: 'all',
            per_page: 100,
            headers,
          })
        : client.paginate.iterator(client.rest.repos.listForUser, {
            username: owner,
            type: 'owner',
            per_page: 100,
            headers,
          })
    for await (const page of pages) {
      etag ??= page.headers.etag ?? null
      payloads.push(...readRepositoryPage(page))
    }
    return { payloads, etag }
  }
  let listing: Awaited<ReturnType<typeof list>>
  try {
    try {
      listing = await list('organisation')
    } catch (error) {
      // Not an organisation: maybe a user account.
      if (statusOf(error) !== 404) throw error
      listing = await list('user')
    }
  } catch (error) {
    if (statusOf(error) === 304 && known) {
      const stored = await listRepositoriesByIds(known.repository_ids, db)
      return stored.map((repo) => ({ id: repo.id, fullName: repo.full_name }))
    }
    throw error
  }
  const wanted = listing.payloads.filter(
    (repo) => (options.includeArchived || !repo.archived) && (options.includeForks || !repo.fork),
  )
  for (const payload of wanted) await storeRepository(client, payload, db)
  await saveSyncTarget(
    listingKey,
    listing.etag,
    wanted.map((repo) => repo.id),
    db,
  )
  return wanted.map((repo) => ({ id: repo.id, fullName: repo.full_name }))
}

type RepositoryFromUrl = string | null

/** `https://api.github.com/repos/{owner}/{name}` → `owner/name`. */
function repositoryOfIssue(payload: { repository_url?: string }): RepositoryFromUrl {
  const match = payload.repository_url?.match(/\/repos\/([^/]+\/[^/]+)$/)
  return match?.[1] ?? null
}

async function syncLabels(
  client: GitHubClient,
  repository: ResolvedRepository,
  etag: string | null,
  db: Database,
) {
  const [owner = '', repo = ''] = repository.fullName.split('/')
  const labels: LabelPayload[] = []
  let newEtag: string | null = null
  try {
    for await (const page of client.paginate.iterator(client.rest.issues.listLabelsForRepo, {
      owner,
      repo,
      per_page: 100,
      headers: etag ? { 'if-none-match': etag } : {},
    })) {
      newEtag ??= page.headers.etag ?? null
      labels.push(...readLabelPage(page))
    }
  } catch (error) {
    if (statusOf(error) === 304) return etag
    throw error
  }
  await replaceRepositoryLabels(
    repository.id,
    labels.map((label) => mapLabel(label, repository.id)),
    db,
  )
  return newEtag
}

/** A server date in whole seconds; GitHub's timestamps have no finer precision. */
function toHttpDate(date: Date) {
  return date.toUTCString()
}

// An issue can still be updated within the second of the newest one we saw; a validator that
// close to "now" could hide it behind a 304, so it is only trusted once that second has passed.
const SAME_SECOND_MARGIN_MS = 2_000

/** Why a walk's answers are another repository's, and that repository when already looked up. */
type NameReused = { evidence: string; payload?: RepositoryPayload }

/**
 * Compares a page with what the row holds. A repository never reuses a number: one the row
 * holds under another issue id means the name now answers for another repository.
 */
async function compareWithStored(
  repositoryId: number,
  mapped: readonly { issue: { id: number; number: number } }[],
  db: Database,
) {
  const stored = await getIssueIdsByNumber(
    repositoryId,
    mapped.map((entry) => entry.issue.number),
    db,
  )
  let holdsOne = false
  for (const { issue } of mapped) {
    const storedId = stored.get(issue.number)
    if (storedId === undefined) continue
    if (storedId !== issue.id) {
      return {
        holdsOne,
        clash: `#${issue.number} is issue ${issue.id} on GitHub, ${storedId} here`,
      }
    }
    holdsOne = true
  }
  return { holdsOne, clash: null }
}

const hasNextPage = (headers: { link?: string }) => /rel="next"/.test(headers.link ?? '')

async function lookUpName(client: GitHubClient, fullName: string) {
  const [owner = '', repo = ''] = fullName.split('/')
  return readRepository(await client.rest.repos.get({ owner, repo }))
}

/**
 * `fullName` answered with another repository's issues (renamed, transferred or deleted on
 * GitHub, and a new repository created under the name). The name is stored as GitHub now gives
 * it (storeRepository: row `id` takes its current name or is marked gone); the caller syncs the
 * repository now under it under its own id.
 */
async function handOverName(
  client: GitHubClient,
  id: number,
  fullName: string,
  reused: NameReused,
  db: Database,
): Promise<{ rowName: string; to: ResolvedRepository | null; message: string }> {
  let payload: RepositoryPayload
  try {
    payload = reused.payload ?? (await lookUpName(client, fullName))
  } catch (error) {
    rethrowAuth(error)
    return {
      rowName: fullName,
      to: null,
      message: `${fullName} answers with another repository's issues (${reused.evidence}); nothing of them was stored, and looking the name up failed: ${describe(error)}`,
    }
  }
  if (payload.id === id) {
    // Cannot happen on GitHub (numbers are never reused); store nothing rather than guess.
    return {
      rowName: fullName,
      to: null,
      message: `${fullName} answers with issues whose numbers this repository holds under other ids (${reused.evidence}); nothing of them was stored`,
    }
  }
  await storeRepository(client, payload, db)
  const [row] = await listRepositoriesByIds([id], db)
  const rowName = row?.full_name ?? fullName
  const message = `GitHub now gives ${fullName} to another repository (id ${payload.id}; ${reused.evidence}): its issues are mirrored under its own id, none here; this repository is now ${rowName}`
  log.warn('a mirrored name answers for another repository: its issues go to their own row', {
    name: fullName,
    id,
    newId: payload.id,
    evidence: reused.evidence,
    nowNamed: rowName,
  })
  return { rowName, to: { id: payload.id, fullName: payload.full_name }, message }
}

type RepositorySyncOptions = Required<
  Pick<SyncOptions, 'instance' | 'claimTtlMs' | 'labelsMaxAgeMs'>
> &
  SyncOptions

/** One repository's sync, with the requests it made itself (others run beside it on the client). */
function syncRepository(
  client: GitHubClient,
  stats: RequestStats,
  repository: ResolvedRepository,
  options: RepositorySyncOptions,
  db: Database,
) {
  return tallyRequests((tally) =>
    syncRepositoryTallied(client, stats, tally, repository, options, db),
  )
}

async function syncRepositoryTallied(
  client: GitHubClient,
  stats: RequestStats,
  tally: RequestTally,
  repository: ResolvedRepository,
  options: RepositorySyncOptions,
  db: Database,
): Promise<RepositorySyncResult & { handOver?: ResolvedRepository; failedWith?: unknown }> {
  const result: RepositorySyncResult = {
    repository: repository.fullName,
    outcome: 'unchanged',
    added: 0,
    updated: 0,
    unchanged: 0,
    pages: 0,
  }
  if (!(await claimRepositorySync(repository.id, options.instance, options.claimTtlMs, db))) {
    return { ...result, outcome: 'busy' }
  }
  const state = await getSyncState(repository.id, db)
  const progress = (done: boolean) =>
    options.onProgress?.({
      repository: repository.fullName,
      pages: result.pages,
      items: result.added + result.updated + result.unchanged,
      done,
      outcome: done ? result.outcome : undefined,
    })
  const finish = async (
    record: Omit<
      Parameters<typeof finishRepositorySync>[2],
      'requests' | 'notModified' | 'rateLimitRemaining' | 'rateLimitResetAt'
    >,
  ) => {
    await finishRepositorySync(
      repository.id,
      options.instance,
      {
        ...record,
        requests: tally.requests,
        notModified: tally.notModified,
        rateLimitRemaining: stats.rateLimit?.remaining ?? null,
        rateLimitResetAt: stats.rateLimit?.resetAt ?? null,
      },
      db,
    )
    progress(true)
  }

  let fullName = repository.fullName
  let watermark: Date | null = null
  let firstPage: { etag: string | null; date: number } | null = null
  let reused: NameReused | null = null
  try {
    const conditional: Record<string, string> = state?.issues_etag
      ? { 'if-none-match': state.issues_etag }
      : state?.issues_last_modified
        ? { 'if-modified-since': state.issues_last_modified }
        : {}
    const [owner = '', repo = ''] = fullName.split('/')
    const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
      owner,
      repo,
      state: 'all',
      sort: 'updated',
      direction: 'desc',
      per_page: 100,
      ...(state?.issues_watermark ? { since: new Date(state.issues_watermark).toISOString() } : {}),
      headers: conditional,
    })
    for await (const page of readAhead(endAtNotModified(pages))) {
      firstPage ??= {
        etag: page.headers.etag ?? null,
        date: Date.parse(page.headers.date ?? '') || Date.now(),
      }
      const payloads = readIssuePage(page)
      result.pages++
      const movedTo = payloads.map(repositoryOfIssue).find((name) => name !== null)
      if (movedTo && movedTo.toLowerCase() !== fullName.toLowerCase()) {
        // GitHub followed a rename or transfer for us (301); record the new name.
        await moveRepository(client, repository.id, movedTo, db)
        fullName = movedTo
        result.repository = movedTo
      }
      const mapped = payloads.map((payload) => mapIssue(payload, repository.id))
      // Nothing of another repository is stored under this row's id, not even a first page. A
      // first walk (no watermark) has no earlier sweep's issues to clash with and skips the
      // check: the initial mirror's pages cost no extra read.
      const compared = state?.issues_watermark
        ? await compareWithStored(repository.id, mapped, db)
        : { holdsOne: false, clash: null }
      if (compared.clash) {
        reused = { evidence: compared.clash }
        break
      }
      if (
        result.pages === 1 &&
        !compared.holdsOne &&
        state?.issues_watermark &&
        hasNextPage(page.headers)
      ) {
        // More than a page of issues this row has never seen: the numbers could clash only on a
        // later page, after this one was stored. Rare enough to ask GitHub which repository
        // answers (one request); a walk that touches a known issue never asks.
        let payload: RepositoryPayload
        try {
          payload = await lookUpName(client, fullName)
        } catch (error) {
          rethrowAuth(error)
          throw new Error(
            `${fullName} answers with more than a page of unknown issues, and looking the name up failed: ${describe(error)}`,
          )
        }
        if (payload.id !== repository.id) {
          reused = { evidence: 'more than a page of issues it never held', payload }
          break
        }
      }
      await db.transaction().execute(async (trx) => {
        // A page's commit does not wait for its WAL to reach the disk. A crash may then lose the
        // last pages stored (never part of one: each is still atomic), but never the watermark
        // past them: it is committed later with the server's own setting (synchronous by
        // default), which flushes all WAL before it. The next sweep reads those pages again.
        await sql`set local synchronous_commit = off`.execute(trx)
        const stored = await getStoredUpdateTimes(
          mapped.map((entry) => entry.issue.id),
          trx,
        )
        const changed = mapped.filter((entry) => {
          const known = stored.get(entry.issue.id)
          if (!known) {
            result.added++
            return true
          }
          if (known < new Date(entry.issue.updated_at)) {
            result.updated++
            return true
          }
          result.unchanged++
          return false
        })
        await mirrorIssues(changed, trx)
        await renewRepositorySyncClaim(repository.id, options.instance, options.claimTtlMs, trx)
      })
      for (const entry of mapped) {
        const updatedAt = new Date(entry.issue.updated_at)
        if (!watermark || updatedAt > watermark) watermark = updatedAt
      }
      progress(false)
    }
  } catch (error) {
    rethrowAuth(error)
    const status = statusOf(error)
    if (status === 304) {
      const labelsAreOld =
        !state?.labels_checked_at ||
        // At least as old as allowed: 0 re-checks on every sweep, even in the same millisecond.
        Date.now() - new Date(state.labels_checked_at).getTime() >= options.labelsMaxAgeMs
      let labelsEtag: string | null | undefined
      try {
        labelsEtag = labelsAreOld
          ? await syncLabels(client, { ...repository, fullName }, state?.labels_etag ?? null, db)
          : undefined
      } catch (labelsError) {
        rethrowAuth(labelsError)
        if (!isRepositoryFailure(labelsError)) throw labelsError
        result.outcome = 'failed'
        result.error = describe(labelsError)
        await finish({ outcome: 'failed', error: result.error })
        return { ...result, failedWith: labelsError }
      }
      await finish({
        outcome: 'unchanged',
        ...(labelsAreOld ? { labelsEtag, labelsCheckedAt: new Date() } : {}),
      })
      return result
    }
    if (status === 410) {
      result.outcome = 'issues_disabled'
      await finish({ outcome: 'issues_disabled', error: describe(error) })
      return result
    }
    if (status === 404) {
      await setRepositoryStatus(repository.id, 'gone', db)
      result.outcome = 'gone'
      result.error = 'the repository no longer exists or is no longer visible to this token'
      await finish({ outcome: 'gone', error: result.error })
      return result
    }
    // Anything else (5xx storms, dropped connections, rate limits not worth waiting for): what
    // was stored stays, the watermark does not move, and the next sweep picks up from it.
    result.outcome = 'failed'
    result.error = describe(error)
    await finish({ outcome: 'failed', error: result.error })
    // The sweep tells whether GitHub itself is out of reach (GitHubUnreachableError).
    return { ...result, failedWith: error }
  }

  if (reused) {
    const handedOver = await handOverName(client, repository.id, fullName, reused, db)
    result.repository = handedOver.rowName
    result.outcome = handedOver.to ? 'name_reused' : 'failed'
    result.error = handedOver.message
    // The walk is abandoned: watermark and validators stay as they were.
    await finish({ outcome: result.outcome, error: result.error })
    return { ...result, ...(handedOver.to ? { handOver: handedOver.to } : {}) }
  }

  const changed = result.added + result.updated > 0
  let labelsEtag: string | null
  try {
    labelsEtag = await syncLabels(
      client,
      { ...repository, fullName },
      changed ? (state?.labels_etag ?? null) : null,
      db,
    )
  } catch (error) {
    rethrowAuth(error)
    // A GitHub App installation suspended or removed since the walk, or labels answered in
    // another shape: this repository fails (its watermark stays, so the next sweep rereads it),
    // the rest of the sweep goes on.
    if (!isRepositoryFailure(error)) throw error
    result.outcome = 'failed'
    result.error = describe(error)
    await finish({ outcome: 'failed', error: result.error })
    return { ...result, failedWith: error }
  }
  const previous = state?.issues_watermark ? new Date(state.issues_watermark) : null
  const newWatermark = watermark ?? previous
  const hasMoved = newWatermark?.getTime() !== previous?.getTime()
  // Next sweep asks `since` the new watermark. The page-1 ETag belongs to this sweep's URL, so it
  // is only kept when that URL does not change; otherwise If-Modified-Since carries the newest
  // time we hold, which GitHub compares with the newest item of the next answer.
  const isSettled =
    newWatermark !== null &&
    firstPage !== null &&
    firstPage.date - newWatermark.getTime() >= SAME_SECOND_MARGIN_MS
  // Nothing held before (no watermark, no validators): this walk is the repository's first copy.
  const isFirstCopy = previous === null && !state?.issues_etag && !state?.issues_last_modified
  result.outcome = changed ? 'updated' : isFirstCopy ? 'synced_empty' : 'unchanged'
  await finish({
    outcome: result.outcome,
    ...(newWatermark ? { issuesWatermark: newWatermark } : {}),
    issuesEtag: !hasMoved ? (firstPage?.etag ?? null) : null,
    issuesLastModified: isSettled && newWatermark ? toHttpDate(newWatermark) : null,
    labelsEtag,
    labelsCheckedAt: new Date(),
  })
  return result
}

/**
 * One sweep over the targets: looks each one up (an organisation lists its repositories) and syncs
 * every repository found, each as soon as it is found. A failing repository does not stop the
 * others; bad credentials stop everything (GitHubAuthError), and so does a GitHub out of reach
 * (GitHubUnreachableError): no such host, connection refused, a TLS failure, or an API root that
 * is not GitHub's.
 */
export async function sweep(
  client: { octokit: GitHubClient; stats: RequestStats; credential?: GitHubCredential },
  targets: SyncTarget[],
  options: SyncOptions = {},
): Promise<SweepSummary> {
  const db = options.db ?? getDb()
  const settings = {
    instance: options.instance ?? `${hostname()}-${process.pid}`,
    claimTtlMs: options.claimTtlMs ?? 5 * 60_000,
    labelsMaxAgeMs: options.labelsMaxAgeMs ?? DAY_MS,
    ...options,
  }
  const start = { requests: client.stats.requests, notModified: client.stats.notModified }
  const concurrency = options.concurrency ?? SWEEP_CONCURRENCY
  const unresolvedByTarget: (SweepSummary['unresolved'][number] | null)[] = targets.map(() => null)
  const results: RepositorySyncResult[] = []
  // What was done, for the summary of a sweep GitHub stops answering part-way.
  const lookedUp = new Set<number>()
  const scheduledNames = new Map<number, string>()
  const finished = new Set<number>()
  // One queue for both kinds of work, `concurrency` at a time: looking targets up and syncing
  // repositories. A repository found starts syncing at once, ahead of the lookups still waiting,
  // instead of after every target has been looked up (a first sweep of 200 repositories spent
  // its first seconds on lookups alone, half the machine idle; on GitHub, far longer).
  const queue = new PQueue({ concurrency })
  const scheduled = new Set<number>()
  let stop: unknown = null
  const enqueue = (work: () => Promise<void>, priority: number) => {
    void queue.add(
      async () => {
        // Checked as each task starts: the queue starts the next one before a failed one's
        // promise is handled.
        if (stop) return
        try {
          await work()
        } catch (error) {
          // Bad credentials (GitHubAuthError), GitHub out of reach (GitHubUnreachableError) or a
          // database failure: nothing new starts.
          stop ??= error
          queue.clear()
        }
      },
      { priority },
    )
  }
  let rootCheck: Promise<GitHubUnreachableError | null> | null = null
  /**
   * Throws when `error` is GitHub out of reach for the whole run, which stops the sweep: the
   * repositories not tried yet would each fail the same way, after their retries.
   */
  const stopIfUnreachable = async (error: unknown) => {
    const unreachable = unreachableErrorOf(client.octokit, error)
    if (unreachable) throw unreachable
    if (error instanceof NotGitHubJsonError || error instanceof NotGitHubShapeError) {
      // Asked once per sweep: one odd answer keeps its repository's own line.
      rootCheck ??= checkApiRoot(client.octokit)
      const unreachable = await rootCheck
      if (unreachable) throw unreachable
    }
  }
  const syncOne = (repository: ResolvedRepository) => async () => {
    const { handOver, failedWith, ...result } = await syncRepository(
      client.octokit,
      client.stats,
      repository,
      settings,
      db,
    )
    if (failedWith !== undefined) await stopIfUnreachable(failedWith)
    results.push(result)
    finished.add(repository.id)
    // The name now answers for another repository: it is synced under its own id, now.
    if (handOver && !scheduled.has(handOver.id)) {
      scheduled.add(handOver.id)
      scheduledNames.set(handOver.id, handOver.fullName)
      enqueue(syncOne(handOver), SYNC_FIRST)
    }
  }
  const lookUp = (target: SyncTarget, index: number) => async () => {
    let resolved: ResolvedRepository[]
    try {
      resolved =
        target.kind === 'repository'
          ? [await resolveRepository(client.octokit, target.fullName, db)]
          : await resolveOwner(client.octokit, target.owner, options, db)
    } catch (error) {
      rethrowAuth(error)
      await stopIfUnreachable(error)
      const status = statusOf(error)
      unresolvedByTarget[index] = {
        target: target.kind === 'repository' ? target.fullName : target.owner,
        error:
          status === 404
            ? target.kind === 'repository'
              ? 'no such repository (or the token cannot see it)'
              : 'no such organisation or user'
            : describe(error),
        isUnreachable: isUnreachable(error),
      }
      lookedUp.add(index)
      return
    }
    lookedUp.add(index)
    // A repository named by two targets (an organisation and one of its repositories) syncs once.
    for (const repository of resolved) {
      if (scheduled.has(repository.id)) continue
      scheduled.add(repository.id)
      scheduledNames.set(repository.id, repository.fullName)
      enqueue(syncOne(repository), SYNC_FIRST)
    }
  }
  const summarise = (): SweepSummary => ({
    repositories: [...results].sort((a, b) => a.repository.localeCompare(b.repository)),
    unresolved: unresolvedByTarget.filter((entry) => entry !== null),
    requests: client.stats.requests - start.requests,
    notModified: client.stats.notModified - start.notModified,
    rateLimit: client.stats.rateLimit,
  })
  /** The targets never looked up and the repositories found but not synced, by name. */
  const notReached = () => [
    ...targets
      .filter((_, index) => !lookedUp.has(index))
      .map((target) => (target.kind === 'repository' ? target.fullName : target.owner)),
    ...[...scheduledNames]
      .filter(([id]) => !finished.has(id))
      .map(([, fullName]) => fullName)
      .sort((a, b) => a.localeCompare(b)),
  ]

  // While this instance holds its liveness lock, its claims stand; if the process dies, they free.
  await holdSyncInstance(
    settings.instance,
    async () => {
      targets.forEach((target, index) => enqueue(lookUp(target, index), LOOK_UP_AFTER))
      await queue.onIdle()
      // The refusal names what to set, which only the client knows.
      if (stop instanceof GitHubAuthError) throw new GitHubAuthError(stop.status, client.credential)
      // Part of the run was done before GitHub went: its summary is owed all the same.
      if (stop instanceof GitHubUnreachableError) {
        const summary = summarise()
        if (summary.repositories.length + summary.unresolved.length > 0) {
          stop.partial = { summary, notReached: notReached() }
        }
      }
      if (stop) throw stop
    },
    db,
  )
  return summarise()
}
