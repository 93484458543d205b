import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import type { GitHubClient } from '../../github/client.server'
import { refreshIssueLabelKeys, setIssueLabels, upsertLabels } from '../../mirror/label.server'
import { detectConflict } from '../plan/plan'
import { labelKey, type ResolvedScheme } from '../scheme/scheme'

import {
  claimLabelChanges,
  finishLabelChange,
  listIssueLabelChanges,
  type ClaimedLabelChange,
  type LabelChangeOutcome,
} from './outbox.server'

// Applies the outbox to GitHub. Per repository: create the catalogue labels the adds need (so
// GitHub never invents grey ones), then per issue one read of its labels to detect a person's
// changes since the plan, then one POST per added label and one DELETE per removed label. Never
// a PUT of the set nor a PATCH of the issue: labels people set meanwhile survive.

export type LabelWorkerRepository = { id: number; owner: string; name: string; full_name: string }

export type LabelWorkerOptions = {
  db?: Database
  client: { octokit: GitHubClient }
  workerId: string
  /**
   * The repository's scheme: what the board manages there, and the colours of new labels. A
   * string is why there is none (its scheme has problems): the changes wait, nothing is sent.
   */
  schemeFor: (
    repository: LabelWorkerRepository,
  ) => ResolvedScheme | string | Promise<ResolvedScheme | string>
  /** Called after each change is recorded (for progress bars). */
  onFinish?: (change: ClaimedLabelChange, outcome: Omit<LabelChangeOutcome, 'worker'>) => void
  /** Least time between two writes on this client's token (GitHub asks for one a second). */
  minIntervalMs?: number
  /** Only these repositories' changes; every repository's when absent. */
  repositoryIds?: readonly number[]
  /** Changes claimed at a time (with the other changes of their issues). */
  limit?: number
  leaseMs?: number
  signal?: AbortSignal
}

export type LabelWorkerSummary = {
  done: number
  conflicts: number
  failed: number
  skipped: number
  /** Given back to the outbox after a transient failure, for a later run. */
  retried: number
  /** Requests this run sent (a request the client retried counts once). */
  requests: number
  aborted: boolean
}

type WriteGate = { tail: Promise<void>; lastWriteAt: number }

// One gate per client, hence per token: every worker sharing the client queues its writes here.
const gates = new WeakMap<object, WriteGate>()

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves when this client may send its next write, at least minIntervalMs after the last. */
function writeSlot(client: object, minIntervalMs: number): Promise<void> {
  const gate = gates.get(client) ?? { tail: Promise.resolve(), lastWriteAt: -Infinity }
  gates.set(client, gate)
  const slot = gate.tail.then(async () => {
    const wait = gate.lastWriteAt + minIntervalMs - Date.now()
    if (wait > 0) await sleep(wait)
    gate.lastWriteAt = Date.now()
  })
  gate.tail = slot
  return slot
}

type GitHubError = {
  status?: number
  message?: string
  response?: { data?: unknown; headers?: Record<string, string | undefined> }
}

function statusOf(error: unknown) {
  const status = (error as GitHubError | null)?.status
  return typeof status === 'number' ? status : undefined
}

function githubMessage(error: unknown) {
  const data = (error as GitHubError | null)?.response?.data as { message?: string } | undefined
  return data?.message ?? (error instanceof Error ? error.message : String(error))
}

/** A rate limit the client's throttling gave up waiting out: transient, not a permission. */
function isRateLimited(error: unknown) {
  const status = statusOf(error)
  if (status === 429) return true
  const headers = (error as GitHubError | null)?.response?.headers ?? {}
  return (
    status === 403 &&
    (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(githubMessage(error)))
  )
}

function isAlreadyExists(error: unknown) {
  const errors = ((error as GitHubError | null)?.response?.data as { errors?: { code?: string }[] })
    ?.errors
  return statusOf(error) === 422 && (errors ?? []).some((entry) => entry.code === 'already_exists')
}

type Verdict = Omit<LabelChangeOutcome, 'worker'>

/** A failure as the row's outcome: permanent ones fail, transient ones go back to the outbox. */
function verdictFor(error: unknown, what: string, fullName: string): Verdict {
  const status = statusOf(error)
  const detail = githubMessage(error)
  const answered = status === undefined ? detail : `GitHub answered ${status}: ${detail}`
  if (status === 403 && !isRateLimited(error)) {
    return {
      status: 'failed',
      githubStatus: status,
      error: `The token cannot write to ${fullName} (${answered}).`,
    }
  }
  if (status === 404 || status === 410) {
    return {
      status: 'failed',
      githubStatus: status,
      error: `${what} is gone from GitHub: deleted, transferred, or hidden from this token (${answered}).`,
    }
  }
  if (status === 301 || status === 307) {
    return {
      status: 'failed',
      githubStatus: status,
      error: `${what} has moved on GitHub (transferred or renamed); plan it again where it is now.`,
    }
  }
  if (status === 401) {
    return {
      status: 'pending',
      githubStatus: status,
      error: `The token was refused (${answered}).`,
    }
  }
  if (status !== undefined && status >= 400 && status < 500 && !isRateLimited(error)) {
    return { status: 'failed', githubStatus: status, error: `${what}: ${answered}.` }
  }
  return {
    status: 'pending',
    githubStatus: status ?? null,
    error: `${what} will be tried again: ${answered}.`,
  }
}

function names(data: unknown): string[] {
  return Array.isArray(data) ? data.map((label: { name: string }) => label.name) : []
}

function hasLabel(labels: readonly string[], label: string) {
  return labels.some((name) => labelKey(name) === labelKey(label))
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K) {
  const groups = new Map<K, T[]>()
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item])
  return groups
}

class Aborted extends Error {}

/**
 * Drains the outbox: claims changes in batches until none is left that this run has not tried,
 * and applies them. Safe with several workers at once (each change is claimed by one) and after
 * a crash (a change whose write may have reached GitHub is checked against a fresh read first,
 * so it is never sent twice). Stops early, leaving its claims to expire, when `signal` aborts.
 */
export async function runLabelWorker(options: LabelWorkerOptions): Promise<LabelWorkerSummary> {
  const db = options.db ?? getDb()
  const { octokit } = options.client
  const { workerId, signal } = options
  const minIntervalMs = options.minIntervalMs ?? 1000
  const summary: LabelWorkerSummary = {
    done: 0,
    conflicts: 0,
    failed: 0,
    skipped: 0,
    retried: 0,
    requests: 0,
    aborted: false,
  }
  const tried: number[] = []
  // Labels this run created or found there already (422), per repository: each is created at
  // most once per run even when the mirror has not learned it yet.
  const created = new Set<string>()

  const finish = async (row: ClaimedLabelChange, verdict: Verdict) => {
    const recorded = await finishLabelChange(row.id, { ...verdict, worker: workerId }, db)
    if (!recorded) return
    options.onFinish?.(row, verdict)
    if (verdict.status === 'done') summary.done++
    else if (verdict.status === 'conflict') summary.conflicts++
    else if (verdict.status === 'failed') summary.failed++
    else if (verdict.status === 'skipped') summary.skipped++
    else summary.retried++
  }

  const send = async <T>(isWrite: boolean, call: () => Promise<T>) => {
    if (signal?.aborted) throw new Aborted()
    if (isWrite) await writeSlot(octokit, minIntervalMs)
    if (signal?.aborted) throw new Aborted()
    summary.requests++
    try {
      return await call()
    } catch (error) {
      if (signal?.aborted) throw new Aborted()
      throw error
    }
  }

  /** One read of the issue's labels; null (and the rows finished) when it cannot be read. */
  const readIssue = async (
    repository: LabelWorkerRepository,
    issueNumber: number,
    rows: ClaimedLabelChange[],
  ) => {
    const { owner, name: repo, full_name: fullName } = repository
    const known = await db
      .selectFrom('label_read_validator')
      .select(['etag', 'labels'])
      .where('repository_id', '=', repository.id)
      .where('issue_number', '=', issueNumber)
      .executeTakeFirst()
    try {
      const response = await send(false, () =>
        octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
          headers: known ? { 'if-none-match': known.etag } : {},
          request: { signal },
        }),
      )
      const labels = names(response.data)
      const etag = response.headers.etag
      if (etag) {
        await db
          .insertInto('label_read_validator')
          .values({ repository_id: repository.id, issue_number: issueNumber, etag, labels })
          .onConflict((oc) =>
            oc.columns(['repository_id', 'issue_number']).doUpdateSet({
              etag,
              labels,
              read_at: sql<Date>`now()`,
            }),
          )
          .execute()
      }
      return labels
    } catch (error) {
      if (error instanceof Aborted) throw error
      // Unchanged since the last read: GitHub's 304 costs no rate limit.
      if (statusOf(error) === 304 && known) return known.labels
      const verdict = verdictFor(error, `${fullName}#${issueNumber}`, fullName)
      for (const row of rows) await finish(row, verdict)
      return null
    }
  }

  /**
   * What a person changed in the managed labels since the row's plan. The board's own changes of
   * the same plan are not a person's: after a crash, the labels a dead worker already wrote must
   * not look like a conflict.
   */
  const conflictOf = async (
    repository: LabelWorkerRepository,
    scheme: ResolvedScheme,
    row: ClaimedLabelChange & { issue_number: number },
    current: readonly string[],
  ) => {
    const conflict = detectConflict({ base: row.base_labels, fresh: current, scheme })
    if (!conflict) return null
    const ownChanges = await listIssueLabelChanges(repository.id, row.issue_number, db)
    const samePlan = ownChanges.filter(
      (change) =>
        change.base_labels.length === row.base_labels.length &&
        change.base_labels.every((label) => hasLabel(row.base_labels, label)),
    )
    const own = (action: string) =>
      samePlan.filter((change) => change.action === action).map((change) => change.label)
    const humanAdded = conflict.humanAdded.filter((label) => !hasLabel(own('add'), label))
    const humanRemoved = conflict.humanRemoved.filter((label) => !hasLabel(own('remove'), label))
    return humanAdded.length || humanRemoved.length ? { humanAdded, humanRemoved } : null
  }

  /**
   * Renames a label of the scheme with PATCH new_name: every issue keeps it under its new name.
   * Never a delete and a create, which would strip it from every issue.
   */
  const applyRename = async (repository: LabelWorkerRepository, row: ClaimedLabelChange) => {
    const { owner, name: repo, full_name: fullName } = repository
    const newName = row.new_label!
    const what = `Renaming "${row.label}" to "${newName}" in ${fullName}`
    try {
      const response = await send(true, () =>
        octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
          owner,
          repo,
          name: row.label,
          new_name: newName,
          request: { signal },
        }),
      )
      const renamed = response.data
      await db.transaction().execute(async (trx) => {
        // The mirror follows at once (same id, so issues keep it), and the next plans read the
        // new name.
        await upsertLabels(
          [
            {
              id: Number(renamed.id),
              repository_id: repository.id,
              name: renamed.name,
              color: renamed.color,
              description: renamed.description,
            },
          ],
          trx,
        )
        await refreshIssueLabelKeys(repository.id, trx)
      })
      await finish(row, {
        status: 'done',
        githubStatus: response.status,
        githubResponse: { name: renamed.name },
      })
    } catch (error) {
      if (error instanceof Aborted) throw error
      if (statusOf(error) === 404) {
        await finish(row, {
          status: 'failed',
          githubStatus: 404,
          error: `${what}: there is no label "${row.label}" on GitHub any more; the new name will be created when an issue needs it.`,
        })
      } else if (isAlreadyExists(error)) {
        await finish(row, {
          status: 'failed',
          githubStatus: 422,
          error: `${what}: a label "${newName}" already exists there; nothing was renamed (both labels are left as they are).`,
        })
      } else {
        await finish(row, verdictFor(error, what, fullName))
      }
    }
  }

  const applyRepository = async (repository: LabelWorkerRepository, rows: ClaimedLabelChange[]) => {
    const scheme = await options.schemeFor(repository)
    const { owner, name: repo, full_name: fullName } = repository
    if (typeof scheme === 'string') {
      for (const row of rows) await finish(row, { status: 'pending', error: scheme })
      return
    }

    // 0. Renames first: the adds below may need the label under its new name.
    for (const row of rows.filter((row) => row.action === 'rename')) {
      await applyRename(repository, row)
    }

    // 1. Read each issue once and keep only the changes GitHub still needs.
    type IssueWork = { number: number; current: string[]; rows: ClaimedLabelChange[] }
    const work: IssueWork[] = []
    const issueChanges = rows.flatMap((row) =>
      row.issue_number === null ? [] : [{ ...row, issue_number: row.issue_number }],
    )
    for (const [issueNumber, issueRows] of groupBy(issueChanges, (row) => row.issue_number)) {
      const outside = issueRows.filter((row) => !scheme.isManaged(row.label))
      for (const row of outside) {
        await finish(row, {
          status: 'skipped',
          error: `The board does not manage "${row.label}" in ${fullName}: it is left as it is.`,
        })
      }
      const managed = issueRows.filter((row) => scheme.isManaged(row.label))
      if (managed.length === 0) continue
      const current = await readIssue(repository, issueNumber, managed)
      if (!current) continue
      const needed: ClaimedLabelChange[] = []
      for (const row of managed) {
        const conflict = await conflictOf(repository, scheme, row, current)
        if (conflict) {
          const changed = [
            conflict.humanAdded.length ? `added ${conflict.humanAdded.join(', ')}` : '',
            conflict.humanRemoved.length ? `removed ${conflict.humanRemoved.join(', ')}` : '',
          ].filter(Boolean)
          await finish(row, {
            status: 'conflict',
            error: `Someone ${changed.join(' and ')} on ${fullName}#${issueNumber} since the plan: nothing was sent.`,
            githubResponse: {
              base: row.base_labels.filter(scheme.isManaged),
              github: current.filter(scheme.isManaged),
              ...conflict,
            },
          })
        } else if ((row.action === 'add') === hasLabel(current, row.label)) {
          // Idempotent: what GitHub already shows is done without a request.
          await finish(row, { status: 'done', githubResponse: { labels: current } })
        } else {
          needed.push(row)
        }
      }
      // Adds first, as requestsFor orders them: a crash leaves a label too many, not too few.
      needed.sort(
        (a, b) => Number(a.action === 'remove') - Number(b.action === 'remove') || a.id - b.id,
      )
      if (needed.length > 0) work.push({ number: issueNumber, current, rows: needed })
    }

    // 2. Create the catalogue labels those adds need, before any add: GitHub would create a
    // missing one itself, grey and without a description.
    const catalogue = await db
      .selectFrom('label')
      .select('name')
      .where('repository_id', '=', repository.id)
      .execute()
    const known = new Set(catalogue.map((label) => labelKey(label.name)))
    const missing = [
      ...new Map(
        work
          .flatMap((issue) => issue.rows)
          .filter((row) => row.action === 'add' && !known.has(labelKey(row.label)))
          .filter((row) => !created.has(`${repository.id}\u0000${labelKey(row.label)}`))
          .map((row) => [labelKey(row.label), row.label]),
      ).values(),
    ]
    const blocked = new Set<number>()
    for (const label of missing) {
      const spec = scheme.specFor(scheme.valueOf(label)!)
      try {
        const response = await send(true, () =>
          octokit.request('POST /repos/{owner}/{repo}/labels', {
            owner,
            repo,
            name: spec.name,
            color: spec.color,
            description: spec.description,
            request: { signal },
          }),
        )
        const made = response.data
        await upsertLabels(
          [
            {
              id: Number(made.id),
              repository_id: repository.id,
              name: made.name,
              color: made.color,
              description: made.description,
            },
          ],
          db,
        )
      } catch (error) {
        if (error instanceof Aborted) throw error
        // 422 already_exists: the label is there (created meanwhile, or the mirror is behind).
        if (!isAlreadyExists(error)) {
          const verdict = verdictFor(
            error,
            `Creating the label "${label}" in ${fullName}`,
            fullName,
          )
          // No add of this label may go out; a 403 stops every write to the repository.
          for (const issue of work) {
            for (const row of issue.rows) {
              const isBlocked =
                verdict.githubStatus === 403 ||
                (row.action === 'add' && labelKey(row.label) === labelKey(label))
              if (isBlocked && !blocked.has(row.id)) {
                blocked.add(row.id)
                await finish(row, verdict)
              }
            }
          }
          continue
        }
      }
      created.add(`${repository.id}\u0000${labelKey(label)}`)
    }

    // 3. One request per change.
    for (const issue of work) {
      // An add that did not happen holds back the issue's removes until a later run, so the
      // issue is never left with its old rating gone and no new one.
      let missingAdd: string | null = null
      for (const row of issue.rows) {
        if (blocked.has(row.id)) {
          if (row.action === 'add') missingAdd ??= row.label
          continue
        }
        if (row.action === 'remove' && missingAdd !== null) {
          await finish(row, {
            status: 'pending',
            error: `Waits until "${missingAdd}" is on ${fullName}#${issue.number}: nothing was sent.`,
          })
          continue
        }
        issue.current = await applyChange(repository, issue.number, issue.current, row)
        if (row.action === 'add' && !hasLabel(issue.current, row.label)) missingAdd ??= row.label
      }
    }
  }

  /** Sends one change and records it; answers the issue's labels as GitHub now has them. */
  const applyChange = async (
    repository: LabelWorkerRepository,
    issueNumber: number,
    current: string[],
    row: ClaimedLabelChange,
  ): Promise<string[]> => {
    const { owner, name: repo, full_name: fullName } = repository
    try {
      const response =
        row.action === 'add'
          ? await send(true, () =>
              octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
                owner,
                repo,
                issue_number: issueNumber,
                labels: [row.label],
                request: { signal },
              }),
            )
          : await send(true, () =>
              octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
                owner,
                repo,
                issue_number: issueNumber,
                name: row.label,
                request: { signal },
              }),
            )
      const labels = names(response.data)
      await finish(row, {
        status: 'done',
        githubStatus: response.status,
        githubResponse: { labels },
      })
      // After the row is done, so learning from GitHub sees this as the board's own change.
      if (Array.isArray(response.data)) {
        await setIssueLabels(repository.id, issueNumber, response.data, db)
      }
      return labels
    } catch (error) {
      if (error instanceof Aborted) throw error
      if (row.action === 'remove' && statusOf(error) === 404) {
        // The label is already off the issue (someone removed it meanwhile): done.
        await finish(row, { status: 'done', githubStatus: 404 })
        return current.filter((label) => labelKey(label) !== labelKey(row.label))
      }
      const verb = row.action === 'add' ? 'Adding' : 'Removing'
      await finish(
        row,
        verdictFor(error, `${verb} "${row.label}" on ${fullName}#${issueNumber}`, fullName),
      )
      return current
    }
  }

  try {
    for (;;) {
      if (signal?.aborted) throw new Aborted()
      const rows = await claimLabelChanges(workerId, options.limit ?? 20, db, {
        leaseMs: options.leaseMs,
        skipIds: tried,
        repositoryIds: options.repositoryIds,
      })
      if (rows.length === 0) break
      tried.push(...rows.map((row) => row.id))
      const repositories = await db
        .selectFrom('repository')
        .select(['id', 'owner', 'name', 'full_name'])
        .where('id', 'in', [...new Set(rows.map((row) => row.repository_id))])
        .execute()
      for (const repository of repositories) {
        await applyRepository(
          repository,
          rows.filter((row) => row.repository_id === repository.id),
        )
      }
    }
  } catch (error) {
    if (!(error instanceof Aborted)) throw error
    // As after a crash: the claims run out and another worker takes the changes again.
    summary.aborted = true
  }
  return summary
}
