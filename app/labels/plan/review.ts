import { listInWords } from '../../utils/format'

import { changeKey, type PlanSelection } from './selection'

// The maintainers' label pages in plain code (no database), shared by their routes and
// components: reading what a reviewer ticked, and saying what applying it did.

export const LABEL_CHANGE_STATUSES = [
  'pending',
  'running',
  'done',
  'conflict',
  'failed',
  'skipped',
  'cancelled',
] as const

/** `owner/name`, as GitHub allows it. */
export const REPO_FULL_NAME = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/

// The shapes of selection.ts's keys: `owner/name#12` and `owner/name#12 +label`.
const ISSUE_KEY = /^[a-z0-9_.-]+\/[a-z0-9_.-]+#[1-9]\d{0,9}$/
const CHANGE_KEY = /^[a-z0-9_.-]+\/[a-z0-9_.-]+#[1-9]\d{0,9} [+-]\S.{0,99}$/u

/** More keys than any page shows: a form carrying more was not made by the page. */
export const MAX_SELECTED_KEYS = 5000

/**
 * What a reviewer selected on the plan page, checked before anything is queued: the keys must
 * have the shape the page gives them (a key no longer in the plan is reported after queueing,
 * not refused here).
 */
export function readPlanSelection(input: {
  changes: readonly string[]
  issues: readonly string[]
}): { ok: true; selection: PlanSelection } | { ok: false; message: string } {
  const changes = input.changes.map((key) => key.toLowerCase())
  const issues = input.issues.map((key) => key.toLowerCase())
  if (changes.length === 0 && issues.length === 0) {
    return {
      ok: false,
      message: 'Nothing was selected: tick the changes or issues to apply, or apply all.',
    }
  }
  if (changes.length + issues.length > MAX_SELECTED_KEYS) {
    return { ok: false, message: `At most ${MAX_SELECTED_KEYS} changes can be applied at once.` }
  }
  const badChange = changes.find((key) => !CHANGE_KEY.test(key))
  if (badChange !== undefined) {
    return { ok: false, message: `"${badChange}" is not a change of the plan; nothing was queued.` }
  }
  const badIssue = issues.find((key) => !ISSUE_KEY.test(key))
  if (badIssue !== undefined) {
    return { ok: false, message: `"${badIssue}" is not an issue of the plan; nothing was queued.` }
  }
  return { ok: true, selection: { changes, issues } }
}

function count(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`
}

/** An empty plan on a board that holds labels for some issues: GitHub already matches. */
export const PLAN_MATCHES = 'Nothing to apply: the labels on GitHub already match the board.'

/**
 * An empty plan on first use: no issue carries anything the board decided (a starter project
 * tagged and rated, an agreed roadmap effort), so there is nothing to match yet. The page links
 * the last words to triage.
 */
export const PLAN_NOT_STARTED = {
  said: 'Nothing to apply yet: the board’s labels come from its decisions (starter projects tagged on issues and rated, agreed roadmap efforts), and none is recorded yet. The plan fills once starter projects are tagged and rated',
  link: 'in triage',
} as const

/**
 * What an empty plan means, from how many issues the board holds label state for and how many of
 * them the plan left out (gone on GitHub, or in a conflict not settled yet): those do not match.
 */
export function emptyPlanMessage(boardIssues: number, leftOut = 0) {
  if (leftOut > 0) {
    const others = boardIssues > leftOut ? ', and the others already match the board' : ''
    return `Nothing to apply now: ${count(leftOut, 'issue is', 'issues are')} left out (see why below)${others}.`
  }
  return boardIssues > 0 ? PLAN_MATCHES : `${PLAN_NOT_STARTED.said} ${PLAN_NOT_STARTED.link}.`
}

/** How many issues the plans left out, for `emptyPlanMessage`. */
export function countLeftOut(repositories: readonly { leftOut: readonly unknown[] }[]) {
  return repositories.reduce((sum, repository) => sum + repository.leftOut.length, 0)
}

/**
 * The open conflicts as decisions: "1 conflict waits for a decision" when each issue has one
 * change in conflict, else "2 changes on 1 issue wait for a decision" (settling one settles the
 * issue's others). Null when none waits.
 */
export function describeOpenConflicts({ changes, issues }: { changes: number; issues: number }) {
  if (changes === 0) return null
  const waits = changes === 1 ? 'waits' : 'wait'
  return changes === issues
    ? `${count(changes, 'conflict', 'conflicts')} ${waits} for a decision`
    : `${count(changes, 'change', 'changes')} on ${count(issues, 'issue', 'issues')} ${waits} for a decision`
}

/**
 * What a person changed on GitHub in a conflict, additions and removals alike: "added lang/3★ and
 * removed lang/1★". For "Someone on GitHub …" in the worker's message, the log and the plan.
 */
export function describePersonsChange(change: {
  humanAdded?: readonly string[]
  humanRemoved?: readonly string[]
}) {
  const parts = [
    change.humanAdded?.length ? `added ${listInWords(change.humanAdded)}` : '',
    change.humanRemoved?.length ? `removed ${listInWords(change.humanRemoved)}` : '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' and ') : 'changed its labels'
}

/** "12 changes queued, 2 already waiting; 1 selected change is no longer in the plan: …". */
export function describeQueuedPlan(
  result: { queued: number; alreadyQueued: number; stale: readonly string[] },
  options: { hasWorker: boolean; holdsDemo: boolean },
) {
  let message =
    result.queued === 0
      ? result.alreadyQueued === 0
        ? 'No change was queued'
        : `Nothing new was queued: ${count(result.alreadyQueued, 'change was', 'changes were')} already waiting`
      : `${count(result.queued, 'change', 'changes')} queued` +
        (result.alreadyQueued > 0 ? `, ${result.alreadyQueued} already waiting` : '')
  if (result.stale.length > 0) {
    const what = count(result.stale.length, 'selected change is', 'selected changes are')
    message += `; ${what} no longer in the plan (${result.stale.join(', ')}): review the plan again`
  }
  message += '.'
  // The demo's copies are never sent, token or not: "until a token" would promise otherwise.
  if (result.queued > 0 && options.holdsDemo) {
    message +=
      ' They are logged and never sent to GitHub: these are the MirageOS demo’s copies of its repositories.'
  } else if (result.queued > 0 && !options.hasWorker) {
    message +=
      ' They wait in the outbox until the server has a GitHub token (GITHUB_TOKEN) or someone runs `npm run labels -- apply`.'
  }
  return message
}

type PlannedRepository = {
  repo: string
  issues: readonly { number: number; add: readonly string[]; remove: readonly string[] }[]
}

/** The plan's issue label changes not yet waiting in the outbox: what "Apply all" would queue. */
export function countUnqueuedChanges(
  repositories: readonly PlannedRepository[],
  waiting: ReadonlySet<string>,
) {
  let unqueued = 0
  for (const { repo, issues } of repositories) {
    for (const issue of issues) {
      const changes = [
        ...issue.add.map((label) => ({ action: 'add' as const, label })),
        ...issue.remove.map((label) => ({ action: 'remove' as const, label })),
      ]
      for (const change of changes) {
        if (!waiting.has(changeKey({ repo, number: issue.number, ...change }))) unqueued += 1
      }
    }
  }
  return unqueued
}

/**
 * What the plan page offers to apply all: a button counting only the changes not yet queued
 * (queueing the rest again does nothing), or, once every change waits in the outbox, no button
 * but a sentence saying so. On the demo's copies nothing in the outbox is ever sent, so the
 * sentence does not say the changes wait.
 */
export function applyAllOffer(total: number, unqueued: number, { holdsDemo = false } = {}) {
  if (total === 0) return { button: null, note: null }
  if (unqueued === 0) {
    const queued = total === 1 ? 'The change is queued' : `All ${total} changes are queued`
    return {
      button: null,
      note: holdsDemo
        ? `${queued}, and never sent: these are the demo’s copies.`
        : `${queued}: ${total === 1 ? 'it waits' : 'they wait'} in the outbox.`,
    }
  }
  const queued = total - unqueued
  return {
    button: `Apply all (${count(unqueued, 'change', 'changes')})`,
    note: queued > 0 ? `${count(queued, 'other is', 'others are')} already queued.` : null,
  }
}
