import type { SerializeFrom } from '@remix-run/node'
import { Form, Link, useNavigation } from '@remix-run/react'

import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'
import { formatDateTime, listInWords } from '~/utils/format'

import type { ConflictChoicePreview } from '../outbox/apply.server'
import type { LabelChangeEntry } from '../outbox/outbox.server'
import { describePersonsChange } from '../plan/review'

// The label log's "Queued for GitHub" view: every change the board queued, who asked, what
// became of it and what GitHub answered. A conflict shows both sides (what the plan was made
// against, what GitHub had) and the two ways to settle it; the worker's check that finds them
// is in app/labels/outbox/worker.server.ts.

export type LabelChangeRow = SerializeFrom<LabelChangeEntry>
type ChoicePreview = SerializeFrom<ConflictChoicePreview>

const STATUS_STYLES: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700',
  running: 'bg-blue-100 text-blue-800',
  done: 'bg-green-100 text-green-800',
  conflict: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-800',
  skipped: 'bg-slate-100 text-slate-600',
  cancelled: 'bg-slate-200 text-slate-700 line-through',
}

type ConflictVersions = {
  base?: string[]
  github?: string[]
  humanAdded?: string[]
  humanRemoved?: string[]
}

export function LabelChangeList({
  items,
  isFiltered,
  choices = {},
}: {
  items: LabelChangeRow[]
  isFiltered: boolean
  /** Per open conflict's id, what each way of settling it does (previewConflictChoices). */
  choices?: Record<number, ChoicePreview>
}) {
  if (items.length === 0) {
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
        No label changes
        {isFiltered ? ' match' : ' yet'}.
      </p>
    )
  }
  return (
    <ul
      aria-label="Label changes"
      className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
    >
      {items.map((item) => (
        <LogEntry key={item.id} item={item} choices={choices[item.id] ?? null} />
      ))}
    </ul>
  )
}

function LogEntry({ item, choices }: { item: LabelChangeRow; choices: ChoicePreview | null }) {
  const navigation = useNavigation()
  const where =
    item.issue_number === null ? (
      <span>{item.full_name}</span>
    ) : (
      <Link
        to={`/repos/${item.full_name}/issues/${item.issue_number}`}
        className="text-blue-700 underline"
      >
        {item.full_name}#{item.issue_number}
      </Link>
    )
  return (
    <li id={`change-${item.id}`} className="p-3 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <time dateTime={item.requested_at} className="text-slate-600">
          {formatDateTime(item.requested_at)}
        </time>
        <span className="text-slate-700">
          <ChangeActor login={item.requested_by_login} isDemo={item.is_demo_request} />
        </span>
        {where}
        <ChangeText item={item} />
        <ChangeState item={item} />
      </div>
      {item.last_error ? <p className="mt-1 text-red-800">{item.last_error}</p> : null}
      {item.status === 'cancelled' ? (
        <p className="mt-1 text-slate-700">
          {item.is_demo_copy ? 'Withdrawn' : 'Cancelled'} by{' '}
          <ChangeActor login={item.cancelled_by_login ?? ''} isDemo={item.is_demo_cancel} />
          {item.cancelled_at ? ` on ${formatDateTime(item.cancelled_at)}` : ''}: never sent.
        </p>
      ) : null}
      {item.status === 'pending' ? (
        <Form method="post" className="mt-1">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="id" value={item.id} />
          <CancelButton item={item} disabled={navigation.state !== 'idle'} />
        </Form>
      ) : null}
      {item.status === 'conflict' ? (
        <ConflictDetails
          item={item}
          versions={(item.github_response ?? {}) as ConflictVersions}
          choices={choices}
          isBusy={navigation.state !== 'idle'}
        />
      ) : null}
    </li>
  )
}

type ChangeStateFields = Pick<
  LabelChangeRow,
  'status' | 'attempts' | 'github_status' | 'finished_at' | 'is_demo_copy'
>

/**
 * What became of a change. One waiting on the demo's copies is never sent (the worker skips them,
 * and the demo has no worker at all): it says so, with no attempt counter that suggests a retry.
 */
export function ChangeState({ item }: { item: ChangeStateFields }) {
  if (item.status === 'pending' && item.is_demo_copy) {
    return (
      <span
        className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLES.skipped}`}
        title="The MirageOS demo’s copy of the repository: its label changes are never sent to GitHub."
      >
        not sent: demo
      </span>
    )
  }
  return (
    <>
      <span
        className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLES[item.status] ?? ''}`}
      >
        {item.status}
      </span>
      <span className="text-xs text-slate-600">
        {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
        {item.github_status !== null ? ` · GitHub ${item.github_status}` : ''}
        {item.finished_at ? ` · finished ${formatDateTime(item.finished_at)}` : ''}
      </span>
    </>
  )
}

/**
 * Takes a waiting change out of the queue. On the demo nothing is ever sent, so there is nothing
 * to cancel "before it is sent": it withdraws the change, which the plan then offers again.
 */
export function CancelButton({
  item,
  disabled,
}: {
  item: Pick<LabelChangeRow, 'id' | 'is_demo_copy'>
  disabled: boolean
}) {
  return (
    <button
      type="submit"
      disabled={disabled}
      aria-label={`${item.is_demo_copy ? 'Withdraw' : 'Cancel'} change ${item.id}`}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold hover:bg-slate-100 disabled:opacity-50"
    >
      {item.is_demo_copy ? 'Withdraw from the queue' : 'Cancel before it is sent'}
    </button>
  )
}

/** Who asked for, cancelled or settled a change, named as on every page; a demo person's act says so. */
export function ChangeActor({ login, isDemo }: { login: string; isDemo: boolean }) {
  return (
    <>
      {personName({ login, isDemo })}
      {isDemo ? <DemoBadge>demo action</DemoBadge> : null}
    </>
  )
}

function ChangeText({ item }: { item: LabelChangeRow }) {
  if (item.action === 'rename') {
    return (
      <span className="font-mono">
        rename {item.label} → {item.new_label}
      </span>
    )
  }
  const isAdd = item.action === 'add'
  return (
    <span className={`font-mono ${isAdd ? 'text-green-800' : 'text-red-800'}`}>
      <span aria-hidden="true">{isAdd ? '+' : '−'}</span>
      <span className="sr-only">{isAdd ? 'add' : 'remove'}</span> {item.label}
    </span>
  )
}

/** One side of a conflict; labels the other side lacks are marked, so the difference stands out. */
function LabelList({
  labels,
  other,
  marker,
}: {
  labels: string[] | undefined
  other: string[] | undefined
  marker: string
}) {
  if (!labels || labels.length === 0) return <p className="text-slate-500">none</p>
  const others = new Set((other ?? []).map((label) => label.toLowerCase()))
  return (
    <ul className="font-mono">
      {labels.map((label) => (
        <li key={label}>
          {others.has(label.toLowerCase()) ? (
            label
          ) : (
            <>
              <strong>{label}</strong>{' '}
              <span className="font-sans text-xs text-amber-900">({marker})</span>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}

function ConflictDetails({
  item,
  versions,
  choices,
  isBusy,
}: {
  item: LabelChangeRow
  versions: ConflictVersions
  choices: ChoicePreview | null
  isBusy: boolean
}) {
  const changed = versions.humanAdded?.length || versions.humanRemoved?.length
  const base = versions.base ?? item.base_labels
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2">
      <div className="grid gap-3 sm:grid-cols-2">
        <section aria-label={`The plan's labels for change ${item.id}`}>
          <h3 className="font-semibold">The plan was made against</h3>
          <LabelList labels={base} other={versions.github} marker="no longer on GitHub" />
        </section>
        <section aria-label={`GitHub's labels for change ${item.id}`}>
          <h3 className="font-semibold">GitHub had</h3>
          <LabelList labels={versions.github} other={base} marker="new on GitHub" />
        </section>
      </div>
      {changed ? (
        <p className="mt-1 text-slate-700">Someone on GitHub {describePersonsChange(versions)}.</p>
      ) : null}
      {item.resolution ? (
        <p className="mt-2 font-medium">
          Settled by{' '}
          <ChangeActor login={item.resolved_by_login ?? ''} isDemo={item.is_demo_resolution} />
          {item.resolved_at ? ` on ${formatDateTime(item.resolved_at)}` : ''}:{' '}
          {item.resolution === 'kept-github'
            ? "GitHub's labels were kept."
            : "the board's change was applied again."}
        </p>
      ) : (
        <Form method="post" className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="id" value={item.id} />
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <button
              type="submit"
              name="choice"
              value="kept-github"
              disabled={isBusy}
              aria-describedby={choices ? `keep-${item.id}` : undefined}
              className="shrink-0 rounded border border-slate-300 bg-white px-3 py-1 font-semibold hover:bg-slate-100 disabled:opacity-50"
            >
              Keep GitHub&rsquo;s labels
            </button>
            {choices ? (
              <div id={`keep-${item.id}`} className="min-w-0 flex-1 basis-60 text-slate-700">
                {keepWords(choices.keeps).map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            ) : null}
          </div>
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <button
              type="submit"
              name="choice"
              value="reapplied"
              disabled={isBusy}
              aria-describedby={choices ? `apply-${item.id}` : undefined}
              className="shrink-0 rounded bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
            >
              Apply the board&rsquo;s change
            </button>
            {choices ? (
              <p id={`apply-${item.id}`} className="min-w-0 flex-1 basis-60 text-slate-700">
                {applyWords(choices, item.is_demo_copy)}
              </p>
            ) : null}
          </div>
        </Form>
      )}
    </div>
  )
}

/** What keeping GitHub's labels does: nothing sent, and what the board's tags take from them. */
export function keepWords(keeps: ChoicePreview['keeps']): string[] {
  if (keeps.refused) return [`Refused for now: ${keeps.refused}`]
  return [
    keeps.takes.length > 0
      ? `Sends nothing; the board takes ${keeps.takes.join('; ')}.`
      : 'Sends nothing, and nothing on the board changes.',
    ...keeps.leaves.map((leave) => `Not taken: ${leave}`),
  ]
}

/** What applying the board's change sends, and what it leaves on GitHub for the next plan. */
export function applyWords(choices: ChoicePreview, isDemoCopy: boolean) {
  const changes = listInWords(
    choices.sends.map((change) => `${change.action === 'add' ? '+' : '−'} ${change.label}`),
  )
  const sent = isDemoCopy
    ? `Queues ${changes} again, never sent: the demo’s copy.`
    : `Sends ${changes} to GitHub, queued again against the labels it had.`
  const left = choices.leftForNextPlan
  return left.length > 0
    ? `${sent} ${listInWords(left)} ${left.length === 1 ? 'stays' : 'stay'} on GitHub until the next plan removes ${left.length === 1 ? 'it' : 'them'}.`
    : sent
}
