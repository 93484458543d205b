import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'

import { requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager } from '~/components/pager'
import { describeLearning } from '~/labels/learning/learning'
import {
  listLabelLearningRepositories,
  listLabelLearnings,
} from '~/labels/learning/learning.server'
import { resolveLabelConflict } from '~/labels/outbox/apply.server'
import { listLabelChanges } from '~/labels/outbox/outbox.server'
import { getLabelWorker } from '~/labels/outbox/runner.server'
import { LABEL_CHANGE_STATUSES, REPO_FULL_NAME } from '~/labels/plan/review'
import { findRepositoryByFullName, listLabelLogRepositories } from '~/labels/plan/review.server'
import { Refused } from '~/roadmap/refused'
import { FormResult } from '~/roadmap/ui/roadmap-ui'
import { formatDate } from '~/utils/format'

const PAGE_SIZE = 50

const LogFiltersSchema = z.object({
  // Left out: the outbox (what the board asked of GitHub); `learned`: what it learned from GitHub.
  view: z
    .enum(['learned'], {
      errorMap: () => ({
        message: 'Use view=learned for what the board learned from GitHub, or leave it out.',
      }),
    })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  repo: z
    .string()
    .trim()
    .regex(REPO_FULL_NAME, 'The repository must be given as owner/name.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: z
    .enum(LABEL_CHANGE_STATUSES, {
      errorMap: () => ({
        message: `The status must be one of ${LABEL_CHANGE_STATUSES.join(', ')}.`,
      }),
    })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  conflicts: z
    .enum(['open'], { errorMap: () => ({ message: 'Use conflicts=open for open conflicts.' }) })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  before: z
    .string()
    .regex(/^\d{1,12}$/, 'That is not a page of the log.')
    .transform(Number)
    .optional(),
})

const ResolveSchema = z.object({
  intent: z.literal('resolve', {
    errorMap: () => ({ message: 'Choose how to settle the conflict.' }),
  }),
  id: z
    .string({ required_error: 'Which change? The change number is missing.' })
    .regex(/^\d{1,12}$/, 'That is not a label change number.')
    .transform(Number),
  choice: z.enum(['kept-github', 'reapplied'], {
    errorMap: () => ({ message: "Choose to keep GitHub's labels or to apply the board's change." }),
  }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const params = new URL(request.url).searchParams
  const parsed = LogFiltersSchema.safeParse(Object.fromEntries(params))
  if (!parsed.success) {
    throw new Response(parsed.error.issues[0]!.message, { status: 400 })
  }
  const filters = parsed.data
  const repository = filters.repo ? await findRepositoryByFullName(filters.repo) : undefined
  if (filters.repo && !repository) {
    throw new Response(`No repository ${filters.repo} is mirrored.`, { status: 404 })
  }
  const pageLink = (before: number | null) => {
    const next = new URLSearchParams(params)
    if (before === null) next.delete('before')
    else next.set('before', String(before))
    return `?${next}`
  }
  const pages = (next: number | null) => ({
    isFirstPage: filters.before === undefined,
    firstPage: pageLink(null),
    nextPage: next === null ? null : pageLink(next),
  })
  if (filters.view === 'learned') {
    const [page, repositories] = await Promise.all([
      listLabelLearnings({
        repositoryId: repository?.id,
        before: filters.before === undefined ? undefined : { id: filters.before },
        limit: PAGE_SIZE,
      }),
      listLabelLearningRepositories(),
    ])
    return json({
      view: 'learned' as const,
      learnings: page.items,
      repositories,
      filters: { repo: repository?.full_name ?? '' },
      pages: pages(page.nextCursor?.id ?? null),
    })
  }
  const [page, repositories] = await Promise.all([
    listLabelChanges({
      repositoryId: repository?.id,
      status: filters.status,
      openConflicts: filters.conflicts === 'open',
      before: filters.before,
      limit: PAGE_SIZE,
    }),
    listLabelLogRepositories(),
  ])
  return json({
    view: 'changes' as const,
    items: page.items,
    repositories,
    filters: {
      repo: repository?.full_name ?? '',
      status: filters.status ?? '',
      conflicts: filters.conflicts ?? '',
    },
    pages: pages(page.next),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const parsed = ResolveSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) {
    return json({ ok: false, message: parsed.error.issues[0]!.message, id: null }, { status: 400 })
  }
  const { id, choice } = parsed.data
  await enforceWriteLimit(user, 'labels')
  try {
    const { requeued } = await resolveLabelConflict(id, choice, { id: user.id, login: user.login })
    if (requeued) getLabelWorker()?.kick()
    const message =
      choice === 'kept-github'
        ? `Change ${id} settled: GitHub's labels stay as they are.`
        : requeued
          ? `Change ${id} settled: the board's change is queued again against GitHub's labels.`
          : `Change ${id} settled: the board's change was already waiting in the outbox.`
    return json({ ok: true, message, id })
  } catch (error) {
    if (error instanceof Refused) {
      return json({ ok: false, message: error.message, id }, { status: 400 })
    }
    throw error
  }
}

const STATUS_STYLES: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700',
  running: 'bg-blue-100 text-blue-800',
  done: 'bg-green-100 text-green-800',
  conflict: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-800',
  skipped: 'bg-slate-100 text-slate-600',
}

function formatTime(value: string) {
  return `${formatDate(value)} ${new Date(value).toISOString().slice(11, 16)} UTC`
}

export default function LabelLogRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { filters, pages } = data
  const isLearned = data.view === 'learned'
  return (
    <div className="max-w-6xl">
      <h1 className="text-2xl font-bold">Label log</h1>
      <p className="mt-1 text-sm text-slate-600">
        {isLearned
          ? 'Every label change people made on GitHub to the labels the board manages, newest first: what the board learned from it, or why it did not.'
          : 'Every label change the board queued for GitHub, newest first: who asked, what became of it and what GitHub answered.'}
      </p>
      <ViewTabs isLearned={isLearned} repo={filters.repo} />
      <Form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        {isLearned ? <input type="hidden" name="view" value="learned" /> : null}
        <label className="flex flex-col">
          <span className="font-medium">Repository</span>
          <select
            name="repo"
            defaultValue={filters.repo}
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          >
            <option value="">Every repository</option>
            {data.repositories.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {data.view === 'changes' ? (
          <>
            <label className="flex flex-col">
              <span className="font-medium">Status</span>
              <select
                name="status"
                defaultValue={data.filters.status}
                className="mt-1 rounded border border-slate-300 px-2 py-1"
              >
                <option value="">Any status</option>
                {LABEL_CHANGE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 pb-1.5">
              <input
                type="checkbox"
                name="conflicts"
                value="open"
                defaultChecked={data.filters.conflicts === 'open'}
              />
              <span>Open conflicts only</span>
            </label>
          </>
        ) : null}
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold hover:bg-slate-100"
        >
          Filter
        </button>
      </Form>
      {data.view === 'learned' ? (
        <LearnedList entries={data.learnings} isFiltered={filters.repo !== ''} />
      ) : (
        <>
          <FormResult result={result} />
          {data.items.length === 0 ? (
            <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
              No label changes
              {data.filters.repo || data.filters.status || data.filters.conflicts
                ? ' match'
                : ' yet'}
              .
            </p>
          ) : (
            <ul
              aria-label="Label changes"
              className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
            >
              {data.items.map((item) => (
                <LogEntry key={item.id} item={item} />
              ))}
            </ul>
          )}
        </>
      )}
      <Pager
        isFirstPage={pages.isFirstPage}
        firstPage={pages.firstPage}
        nextPage={pages.nextPage}
        nextLabel={isLearned ? 'Older entries' : 'Older changes'}
      />
    </div>
  )
}

/** The outbox or what was learned from GitHub; switching keeps the repository filter only. */
function ViewTabs({ isLearned, repo }: { isLearned: boolean; repo: string }) {
  const link = (view: 'learned' | null) => {
    const search = new URLSearchParams()
    if (view) search.set('view', view)
    if (repo) search.set('repo', repo)
    return `?${search}`
  }
  const tab = (isCurrent: boolean) =>
    `rounded-t border-b-2 px-3 py-1 ${isCurrent ? 'border-blue-700 font-semibold' : 'border-transparent text-blue-700 underline'}`
  return (
    <nav aria-label="Label log views" className="mt-3 flex gap-2 border-b border-slate-200 text-sm">
      <Link
        to={link(null)}
        className={tab(!isLearned)}
        aria-current={!isLearned ? 'page' : undefined}
      >
        Queued for GitHub
      </Link>
      <Link
        to={link('learned')}
        className={tab(isLearned)}
        aria-current={isLearned ? 'page' : undefined}
      >
        Learned from GitHub
      </Link>
    </nav>
  )
}

type Learning = Extract<
  ReturnType<typeof useLoaderData<typeof loader>>,
  { view: 'learned' }
>['learnings'][number]

function LearnedList({ entries, isFiltered }: { entries: Learning[]; isFiltered: boolean }) {
  if (entries.length === 0) {
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
        Nothing learned from GitHub{isFiltered ? ' for this repository' : ' yet'}.
      </p>
    )
  }
  return (
    <ul
      aria-label="Learned from GitHub"
      className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
    >
      {entries.map((entry) => (
        <LearnedEntry key={entry.id} entry={entry} />
      ))}
    </ul>
  )
}

function LearnedEntry({ entry }: { entry: Learning }) {
  const isAdd = entry.action === 'add'
  // A sync sees only the new labels; a webhook names who changed them; "adopted" is a maintainer
  // settling a conflict by keeping GitHub's labels.
  const who = entry.github_login
    ? `@${entry.github_login} on GitHub`
    : entry.source === 'adopted'
      ? `${entry.actor_login} kept GitHub's labels`
      : 'someone on GitHub (seen by sync)'
  return (
    <li id={`learning-${entry.id}`} className="p-3 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <time dateTime={entry.learned_at} className="text-slate-600">
          {formatTime(entry.learned_at)}
        </time>
        <Link
          to={`/repos/${entry.repo}/issues/${entry.issue_number}`}
          className="text-blue-700 underline"
        >
          {entry.repo}#{entry.issue_number}
        </Link>
        <LearnedTarget entry={entry} />
        <span className={`font-mono ${isAdd ? 'text-green-800' : 'text-red-800'}`}>
          <span aria-hidden="true">{isAdd ? '+' : '−'}</span>
          <span className="sr-only">{isAdd ? 'add' : 'remove'}</span> {entry.label}
        </span>
        {entry.from_value !== null || entry.to_value !== null ? (
          <span className="font-mono text-slate-700">
            {entry.from_value ?? 'none'} → {entry.to_value ?? 'none'}
          </span>
        ) : null}
        <span className="text-slate-700">{who}</span>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${entry.outcome === 'learned' ? 'bg-green-100 text-green-800' : 'bg-slate-100 text-slate-600'}`}
        >
          {entry.outcome}
        </span>
      </div>
      <p className="mt-1 text-slate-700">{describeLearning(entry)}</p>
    </li>
  )
}

/** The starter project or roadmap idea the label belongs to, when the issue is one. */
function LearnedTarget({ entry }: { entry: Learning }) {
  if (entry.idea_id !== null) {
    return (
      <Link to={`/roadmap/ideas/${entry.idea_id}`} className="text-blue-700 underline">
        idea: {entry.idea_title ?? `#${entry.idea_id}`}
      </Link>
    )
  }
  if (entry.project_id !== null) {
    return (
      <Link to={`/starter/${entry.project_id}`} className="text-blue-700 underline">
        project: {entry.project_title ?? `#${entry.project_id}`}
      </Link>
    )
  }
  return <span className="text-slate-500">no project or idea</span>
}

type Entry = Extract<
  ReturnType<typeof useLoaderData<typeof loader>>,
  { view: 'changes' }
>['items'][number]

type ConflictVersions = {
  base?: string[]
  github?: string[]
  humanAdded?: string[]
  humanRemoved?: string[]
}

function LogEntry({ item }: { item: Entry }) {
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
          {formatTime(item.requested_at)}
        </time>
        <span className="text-slate-700">{item.requested_by_login}</span>
        {where}
        <ChangeText item={item} />
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLES[item.status] ?? ''}`}
        >
          {item.status}
        </span>
        <span className="text-xs text-slate-600">
          {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
          {item.github_status !== null ? ` · GitHub ${item.github_status}` : ''}
          {item.finished_at ? ` · finished ${formatTime(item.finished_at)}` : ''}
        </span>
      </div>
      {item.last_error ? <p className="mt-1 text-red-800">{item.last_error}</p> : null}
      {item.status === 'conflict' ? (
        <ConflictDetails
          item={item}
          versions={(item.github_response ?? {}) as ConflictVersions}
          isBusy={navigation.state !== 'idle'}
        />
      ) : null}
    </li>
  )
}

function ChangeText({ item }: { item: Entry }) {
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
  isBusy,
}: {
  item: Entry
  versions: ConflictVersions
  isBusy: boolean
}) {
  const changed = [
    versions.humanAdded?.length ? `added ${versions.humanAdded.join(', ')}` : '',
    versions.humanRemoved?.length ? `removed ${versions.humanRemoved.join(', ')}` : '',
  ].filter(Boolean)
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
      {changed.length > 0 ? (
        <p className="mt-1 text-slate-700">Someone on GitHub {changed.join(' and ')}.</p>
      ) : null}
      {item.resolution ? (
        <p className="mt-2 font-medium">
          Settled by {item.resolved_by_login}
          {item.resolved_at ? ` on ${formatTime(item.resolved_at)}` : ''}:{' '}
          {item.resolution === 'kept-github'
            ? "GitHub's labels were kept."
            : "the board's change was applied again."}
        </p>
      ) : (
        <Form method="post" className="mt-2 flex flex-wrap gap-2">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="id" value={item.id} />
          <button
            type="submit"
            name="choice"
            value="kept-github"
            disabled={isBusy}
            className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold hover:bg-slate-100 disabled:opacity-50"
          >
            Keep GitHub&rsquo;s labels
          </button>
          <button
            type="submit"
            name="choice"
            value="reapplied"
            disabled={isBusy}
            className="rounded bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
          >
            Apply the board&rsquo;s change
          </button>
        </Form>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Label log · Pioneer Board' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
