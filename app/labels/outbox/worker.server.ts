import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import { personName } from '../../accounts/person'
import type { GitHubClient } from '../../github/client.server'
import { readIssue as readWholeIssue } from '../../github/issues.server'
import {
  addIssueLabels,
  createLabel,
  readIssueLabels,
  removeIssueLabel,
  renameLabel,
} from '../../github/labels.server'
import { mapIssue } from '../../github/map'
import { refreshIssueLabelKeys, setIssueLabels, upsertLabels } from '../../mirror/label.server'
import { mirrorIssues } from '../learning/mirror-issues.server'
import { detectConflict } from '../plan/plan'
import { describePersonsChange } from '../plan/review'
import { labelKey, type ResolvedScheme } from '../scheme/scheme'

import {
  claimLabelChanges,
  finishLabelChange,
  listIssueLabelChanges,
  type ClaimedLabelChange,
  type LabelChangeOutcome,
} from './outbox.server'
import { verdictFor, type Verdict } from './verdict'
import { systemClock, writeSlot, type WorkerClock } from './write-gate'

// Applies the outbox to GitHub. Per repository: renames first, then per issue one read of its
// labels to detect a person's changes since the plan, then the catalogue labels the adds need
// (so GitHub never invents grey ones), then one POST per added label and one DELETE per removed
// label. Never a PUT of the set nor a PATCH of the issue: labels people set meanwhile survive.
// The requests themselves are in app/github/labels.server.ts.

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
  /** Where the spacing between writes reads and waits its time; the system's by default. */
  clock?: WorkerClock
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

/** One run, as its phases share it. */
type WorkerRun = {
  db: Database
  octokit: GitHubClient
  options: LabelWorkerOptions
  summary: LabelWorkerSummary
  /**
   * Labels this run created or found there already (422), per repository: each is created at
   * most once per run even when the mirror has not learned it yet.
   */
  created: Set<string>
}

/** An issue's changes GitHub still needs, with its labels as GitHub has them. */
type IssueWork = { number: number; current: string[]; rows: ClaimedLabelChange[] }

class Aborted extends Error {}

/**
 * Drains the outbox: claims changes in batches until none is left that this run has not tried,
 * and applies them. Safe with several workers at once (each change is claimed by one) and after
 * a crash (a change whose write may have reached GitHub is checked against a fresh read first,
 * so it is never sent twice). Stops early, leaving its claims to expire, when `signal` aborts.
 */
export async function runLabelWorker(options: LabelWorkerOptions): Promise<LabelWorkerSummary> {
  const run: WorkerRun = {
    db: options.db ?? getDb(),
    octokit: options.client.octokit,
    options,
    summary: {
      done: 0,
      conflicts: 0,
      failed: 0,
      skipped: 0,
      retried: 0,
      requests: 0,
      aborted: false,
    },
    created: new Set(),
  }
  const tried: number[] = []
  try {
    for (;;) {
      const batch = await claimBatch(run, tried)
      if (!batch) break
      for (const { repository, rows: claimed } of batch) {
        const rows = await skipDemoRequests(run, claimed)
        if (rows.length === 0) continue
        if (await skipDemo(run, repository, rows)) continue
        const scheme = await schemeOrWait(run, repository, rows)
        if (!scheme) continue
        await sendRenames(run, repository, rows)
        const work = await readIssues(run, repository, scheme, rows)
        const blocked = await createMissingLabels(run, repository, scheme, work)
        await sendChanges(run, repository, work, blocked)
      }
    }
  } catch (error) {
    if (!(error instanceof Aborted)) throw error
    // As after a crash: the claims run out and another worker takes the changes again.
    run.summary.aborted = true
  }
  return run.summary
}

/** The next changes to apply, by repository; null when this run has tried them all. */
async function claimBatch(run: WorkerRun, tried: number[]) {
  const { db, options } = run
  if (options.signal?.aborted) throw new Aborted()
  const rows = await claimLabelChanges(options.workerId, options.limit ?? 20, db, {
    leaseMs: options.leaseMs,
    skipIds: tried,
    repositoryIds: options.repositoryIds,
  })
  if (rows.length === 0) return null
  tried.push(...rows.map((row) => row.id))
  const repositories = await db
    .selectFrom('repository')
    .select(['id', 'owner', 'name', 'full_name', 'history_recorded'])
    .where('id', 'in', [...new Set(rows.map((row) => row.repository_id))])
    .execute()
  return repositories.map((repository) => ({
    repository,
    rows: rows.filter((row) => row.repository_id === repository.id),
  }))
}

/**
 * A demo person's change is a demo action: it is never sent to GitHub, whatever the repository
 * and however it reached the outbox (queued before queueing refused it, or by a path that forgot
 * to). It is skipped with the reason; answers the rows left to apply.
 */
async function skipDemoRequests(run: WorkerRun, rows: ClaimedLabelChange[]) {
  const left: ClaimedLabelChange[] = []
  for (const row of rows) {
    if (!row.is_demo_request) {
      left.push(row)
      continue
    }
    const who = personName({ login: row.requested_by_login, isDemo: true })
    await settle(run, row, {
      status: 'skipped',
      error: `Asked for by ${who}, a demo action: demo people's label changes are never sent to GitHub.`,
    })
  }
  return left
}

/**
 * The MirageOS demo's repositories (history not recorded: loaded from a summary, never synced)
 * carry the real repositories' names and issue numbers, so a change queued on the demo would land
 * on someone's real issue once a token is set: it is skipped, never sent.
 */
async function skipDemo(
  run: WorkerRun,
  repository: LabelWorkerRepository & { history_recorded: boolean },
  rows: ClaimedLabelChange[],
) {
  if (repository.history_recorded) return false
  const error = `${repository.full_name} is the MirageOS demo's copy, not mirrored from GitHub: its label changes are never sent to GitHub.`
  for (const row of rows) await settle(run, row, { status: 'skipped', error })
  return true
}

/** The repository's scheme; without one (it has problems) its changes wait, nothing is sent. */
async function schemeOrWait(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  rows: ClaimedLabelChange[],
): Promise<ResolvedScheme | null> {
  const scheme = await run.options.schemeFor(repository)
  if (typeof scheme !== 'string') return scheme
  for (const row of rows) await settle(run, row, { status: 'pending', error: scheme })
  return null
}

/** Phase 0. Renames first: the adds after them may need a label under its new name. */
async function sendRenames(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  rows: ClaimedLabelChange[],
) {
  for (const row of rows.filter((row) => row.action === 'rename')) {
    await sendRename(run, repository, row)
  }
}

/** Renames a label of the scheme with PATCH new_name: every issue keeps it under its new name. */
async function sendRename(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  row: ClaimedLabelChange,
) {
  const { owner, name: repo, full_name: fullName } = repository
  const newName = row.new_label!
  const what = `Renaming "${row.label}" to "${newName}" in ${fullName}`
  const answer = await send(run, true, () =>
    renameLabel(run.octokit, {
      owner,
      repo,
      name: row.label,
      newName,
      signal: run.options.signal,
    }),
  )
  switch (answer.outcome) {
    case 'renamed':
      await run.db.transaction().execute(async (trx) => {
        // The mirror follows at once (same id, so issues keep it), and the next plans read the
        // new name.
        await upsertLabels([{ ...answer.label, repository_id: repository.id }], trx)
        await refreshIssueLabelKeys(repository.id, trx)
      })
      return settle(run, row, {
        status: 'done',
        githubStatus: answer.status,
        githubResponse: { name: answer.label.name },
      })
    case 'missing':
      return settle(run, row, {
        status: 'failed',
        githubStatus: 404,
        error: `${what}: there is no label "${row.label}" on GitHub any more; the new name will be created when an issue needs it.`,
      })
    case 'name-taken':
      return settle(run, row, {
        status: 'failed',
        githubStatus: 422,
        error: `${what}: a label "${newName}" already exists there; nothing was renamed (both labels are left as they are).`,
      })
    case 'failed':
      return settle(run, row, verdictFor(answer.failure, what, fullName))
  }
}

/**
 * Phase 1. Reads each issue once and keeps only the changes GitHub still needs: changes outside
 * the scheme are skipped, a person's change since the plan is a conflict, and what GitHub
 * already shows is done without a request.
 */
async function readIssues(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  scheme: ResolvedScheme,
  rows: ClaimedLabelChange[],
): Promise<IssueWork[]> {
  const fullName = repository.full_name
  const work: IssueWork[] = []
  const issueChanges = rows.flatMap((row) =>
    row.issue_number === null ? [] : [{ ...row, issue_number: row.issue_number }],
  )
  for (const [issueNumber, issueRows] of groupBy(issueChanges, (row) => row.issue_number)) {
    const outside = issueRows.filter((row) => !scheme.isManaged(row.label))
    for (const row of outside) {
      await settle(run, row, {
        status: 'skipped',
        error: `The board does not manage "${row.label}" in ${fullName}: it is left as it is.`,
      })
    }
    const managed = issueRows.filter((row) => scheme.isManaged(row.label))
    if (managed.length === 0) continue
    const current = await readIssue(run, repository, issueNumber, managed)
    if (!current) continue
    const needed: ClaimedLabelChange[] = []
    let hasConflict = false
    for (const row of managed) {
      const conflict = await conflictOf(run, repository, scheme, row, current)
      if (conflict) {
        hasConflict = true
        await settle(run, row, {
          status: 'conflict',
          error: `Someone on GitHub ${describePersonsChange(conflict)} on ${fullName}#${issueNumber} since the plan: nothing was sent.`,
          githubResponse: {
            base: row.base_labels.filter(scheme.isManaged),
            github: current.filter(scheme.isManaged),
            ...conflict,
          },
        })
      } else if ((row.action === 'add') === hasLabel(current, row.label)) {
        // Idempotent: what GitHub already shows is done without a request.
        await settle(run, row, { status: 'done', githubResponse: { labels: current } })
      } else {
        needed.push(row)
      }
    }
    // After the conflicts are recorded, so their writes (no longer waiting) do not count as the
    // board's newer change when the learning weighs the person's.
    if (hasConflict) await refreshMirroredIssue(run, repository, issueNumber)
    // Adds first, as requestsFor orders them: a crash leaves a label too many, not too few.
    needed.sort(
      (a, b) => Number(a.action === 'remove') - Number(b.action === 'remove') || a.id - b.id,
    )
    if (needed.length > 0) work.push({ number: issueNumber, current, rows: needed })
  }
  return work
}

/** One read of the issue's labels; null (and the rows settled) when it cannot be read. */
async function readIssue(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  issueNumber: number,
  rows: ClaimedLabelChange[],
): Promise<string[] | null> {
  const { db } = run
  const lastRead = await db
    .selectFrom('label_read_validator')
    .select(['etag', 'labels'])
    .where('repository_id', '=', repository.id)
    .where('issue_number', '=', issueNumber)
    .executeTakeFirst()
  const read = await send(run, false, () =>
    readIssueLabels(run.octokit, {
      owner: repository.owner,
      repo: repository.name,
      issueNumber,
      lastRead,
      signal: run.options.signal,
    }),
  )
  if (read.outcome === 'failed') {
    const what = `${repository.full_name}#${issueNumber}`
    const verdict = verdictFor(read.failure, what, repository.full_name)
    for (const row of rows) await settle(run, row, verdict)
    return null
  }
  // A 304 (unchanged since the last read, free of rate limit) leaves the stored read as it is.
  if (read.outcome === 'read' && read.etag) {
    const { labels, etag } = read
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
  return read.labels
}

/**
 * After a conflict the mirror takes the issue as GitHub has it now, through the path sync and
 * webhooks take: otherwise it kept the labels from before until the next sync, and once a
 * maintainer kept GitHub's labels the plan proposed the person's change back as the board's.
 * The learning rules see the person's change as sync would, with GitHub's updated_at, and an
 * older copy never replaces a newer one. One more request, on a conflict only: the labels read
 * carries no updated_at. A failed read changes nothing; the next sync brings the issue.
 */
async function refreshMirroredIssue(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  issueNumber: number,
) {
  const read = await send(run, false, () =>
    readWholeIssue(run.octokit, {
      owner: repository.owner,
      repo: repository.name,
      issueNumber,
      signal: run.options.signal,
    }),
  )
  if (read.outcome !== 'read') return
  // A transferred issue answers from its new repository: not this mirror's copy any more.
  const { repository_url: repositoryUrl, number } = read.issue
  const elsewhere =
    repositoryUrl !== undefined &&
    !repositoryUrl.toLowerCase().endsWith(`/repos/${repository.full_name.toLowerCase()}`)
  if (number !== issueNumber || elsewhere) return
  // The mirror's copy under that number must be this issue: another one there (a mirror loaded
  // from elsewhere) is sync's to sort out, not a reason to fail the run.
  const mirrored = await run.db
    .selectFrom('issue')
    .select('id')
    .where('repository_id', '=', repository.id)
    .where('number', '=', issueNumber)
    .executeTakeFirst()
  if (mirrored && Number(mirrored.id) !== read.issue.id) return
  await mirrorIssues([mapIssue(read.issue, repository.id)], run.db, { source: 'sync' })
}

/**
 * What a person changed in the managed labels since the row's plan. The board's own changes of
 * the same plan are no conflict: after a crash, the labels a dead worker already wrote must not
 * look like one, nor a person doing on GitHub just what the plan does. Once it is a conflict,
 * the person's change is named whole (lang/1★ removed as well as lang/3★ added, though the plan
 * removes lang/1★ too), but for what the board may have sent itself (done, or claimed by an
 * earlier run that may have written it before it died or gave it back).
 */
async function conflictOf(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  scheme: ResolvedScheme,
  row: ClaimedLabelChange & { issue_number: number },
  current: readonly string[],
) {
  const conflict = detectConflict({ base: row.base_labels, fresh: current, scheme })
  if (!conflict) return null
  const ownChanges = await listIssueLabelChanges(repository.id, row.issue_number, run.db)
  const samePlan = ownChanges.filter(
    (change) =>
      change.base_labels.length === row.base_labels.length &&
      change.base_labels.every((label) => hasLabel(row.base_labels, label)),
  )
  const notIn = (changes: typeof samePlan, action: string) => (label: string) =>
    !changes.some(
      (change) => change.action === action && labelKey(change.label) === labelKey(label),
    )
  const isConflict =
    conflict.humanAdded.some(notIn(samePlan, 'add')) ||
    conflict.humanRemoved.some(notIn(samePlan, 'remove'))
  if (!isConflict) return null
  const maybeSent = samePlan.filter((change) => change.status === 'done' || change.attempts > 1)
  return {
    humanAdded: conflict.humanAdded.filter(notIn(maybeSent, 'add')),
    humanRemoved: conflict.humanRemoved.filter(notIn(maybeSent, 'remove')),
  }
}

/**
 * Phase 2. Creates the catalogue labels the adds need, before any add: GitHub would create a
 * missing one itself, grey and without a description. Answers the changes that may not go out
 * because their label could not be created (every change, after a 403).
 */
async function createMissingLabels(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  scheme: ResolvedScheme,
  work: IssueWork[],
): Promise<Set<number>> {
  const { db, created } = run
  const { owner, name: repo, full_name: fullName } = repository
  const catalogue = await db
    .selectFrom('label')
    .select('name')
    .where('repository_id', '=', repository.id)
    .execute()
  const known = new Set(catalogue.map((label) => labelKey(label.name)))
  const createdKey = (label: string) => `${repository.id}\u0000${labelKey(label)}`
  const missing = [
    ...new Map(
      work
        .flatMap((issue) => issue.rows)
        .filter((row) => row.action === 'add' && !known.has(labelKey(row.label)))
        .filter((row) => !created.has(createdKey(row.label)))
        .map((row) => [labelKey(row.label), row.label]),
    ).values(),
  ]
  const blocked = new Set<number>()
  for (const label of missing) {
    const spec = scheme.specFor(scheme.valueOf(label)!)
    const answer = await send(run, true, () =>
      createLabel(run.octokit, { owner, repo, label: spec, signal: run.options.signal }),
    )
    if (answer.outcome === 'created') {
      await upsertLabels([{ ...answer.label, repository_id: repository.id }], db)
    } else if (answer.outcome === 'failed') {
      const what = `Creating the label "${label}" in ${fullName}`
      const verdict = verdictFor(answer.failure, what, fullName)
      // No add of this label may go out; a 403 stops every write to the repository.
      for (const issue of work) {
        for (const row of issue.rows) {
          const isBlocked =
            verdict.githubStatus === 403 ||
            (row.action === 'add' && labelKey(row.label) === labelKey(label))
          if (isBlocked && !blocked.has(row.id)) {
            blocked.add(row.id)
            await settle(run, row, verdict)
          }
        }
      }
      continue
    }
    // Created, or there already (422 already_exists: created meanwhile, or the mirror is behind).
    created.add(createdKey(label))
  }
  return blocked
}

/** Phase 3. One request per change, adds before removes on each issue. */
async function sendChanges(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  work: IssueWork[],
  blocked: ReadonlySet<number>,
) {
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
        await settle(run, row, {
          status: 'pending',
          error: `Waits until "${missingAdd}" is on ${repository.full_name}#${issue.number}: nothing was sent.`,
        })
        continue
      }
      issue.current = await sendChange(run, repository, issue.number, issue.current, row)
      if (row.action === 'add' && !hasLabel(issue.current, row.label)) missingAdd ??= row.label
    }
  }
}

/** Sends one change and records it; answers the issue's labels as GitHub now has them. */
async function sendChange(
  run: WorkerRun,
  repository: LabelWorkerRepository,
  issueNumber: number,
  current: string[],
  row: ClaimedLabelChange,
): Promise<string[]> {
  const { owner, name: repo, full_name: fullName } = repository
  const target = { owner, repo, issueNumber, signal: run.options.signal }
  const answer =
    row.action === 'add'
      ? await send(run, true, () => addIssueLabels(run.octokit, { ...target, labels: [row.label] }))
      : await send(run, true, () => removeIssueLabel(run.octokit, { ...target, label: row.label }))
  switch (answer.outcome) {
    case 'done': {
      const labels = (answer.labels ?? []).map((label) => label.name)
      await settle(run, row, {
        status: 'done',
        githubStatus: answer.status,
        githubResponse: { labels },
      })
      // After the row is done, so learning from GitHub sees this as the board's own change.
      if (answer.labels) await setIssueLabels(repository.id, issueNumber, answer.labels, run.db)
      return labels
    }
    case 'absent':
      // The label is already off the issue (someone removed it meanwhile): done.
      await settle(run, row, { status: 'done', githubStatus: 404 })
      return current.filter((label) => labelKey(label) !== labelKey(row.label))
    case 'failed': {
      const verb = row.action === 'add' ? 'Adding' : 'Removing'
      const what = `${verb} "${row.label}" on ${fullName}#${issueNumber}`
      await settle(run, row, verdictFor(answer.failure, what, fullName))
      return current
    }
  }
}

/**
 * Sends one request. Writes wait for the token's next slot; an abort ends the run before a
 * request, or after one that failed (it may have been cut short), as a crash would.
 */
async function send<T extends { outcome: string }>(
  run: WorkerRun,
  isWrite: boolean,
  request: () => Promise<T>,
): Promise<T> {
  const { signal } = run.options
  if (signal?.aborted) throw new Aborted()
  if (isWrite) {
    await writeSlot(
      run.octokit,
      run.options.minIntervalMs ?? 1000,
      run.options.clock ?? systemClock,
    )
  }
  if (signal?.aborted) throw new Aborted()
  run.summary.requests++
  const answer = await request()
  if (answer.outcome === 'failed' && signal?.aborted) throw new Aborted()
  return answer
}

/** Records what became of a change, unless its claim was lost meanwhile, and counts it. */
async function settle(run: WorkerRun, row: ClaimedLabelChange, verdict: Verdict) {
  const { summary, options } = run
  const recorded = await finishLabelChange(row.id, { ...verdict, worker: options.workerId }, run.db)
  if (!recorded) return
  options.onFinish?.(row, verdict)
  if (verdict.status === 'done') summary.done++
  else if (verdict.status === 'conflict') summary.conflicts++
  else if (verdict.status === 'failed') summary.failed++
  else if (verdict.status === 'skipped') summary.skipped++
  else summary.retried++
}

function hasLabel(labels: readonly string[], label: string) {
  return labels.some((name) => labelKey(name) === labelKey(label))
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K) {
  const groups = new Map<K, T[]>()
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item])
  return groups
}
