import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { Pager } from '~/components/pager'
import {
  listLabelLearningRepositories,
  listLabelLearnings,
} from '~/labels/learning/learning.server'
import {
  countOpenConflicts,
  previewConflictChoices,
  resolveLabelConflict,
} from '~/labels/outbox/apply.server'
import { cancelLabelChange, listLabelChanges } from '~/labels/outbox/outbox.server'
import { getLabelWorker } from '~/labels/outbox/runner.server'
import { describeOpenConflicts, LABEL_CHANGE_STATUSES, REPO_FULL_NAME } from '~/labels/plan/review'
import { findRepositoryByFullName, listLabelLogRepositories } from '~/labels/plan/review.server'
import { LabelChangeList } from '~/labels/ui/change-log'
import { LearnedList } from '~/labels/ui/learned-list'
import { LogFilters, LogViewTabs } from '~/labels/ui/log-filters'
import { holdsDemoRepositories } from '~/mirror/repository.server'
import { pageTitle } from '~/setup/board-name'
import { listInWords } from '~/utils/format'
import { idField } from '~/utils/id'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

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
  // The id of the last entry of the previous page: a row id, never beyond PostgreSQL's integer.
  before: idField('That is not a page of the log.').optional(),
})

const ResolveSchema = z.object({
  intent: z.literal('resolve', {
    errorMap: () => ({ message: 'Choose how to settle the conflict.' }),
  }),
  id: z
    .string({ required_error: 'Which change? The change number is missing.' })
    .pipe(idField('That is not a label change number.')),
  choice: z.enum(['kept-github', 'reapplied'], {
    errorMap: () => ({ message: "Choose to keep GitHub's labels or to apply the board's change." }),
  }),
})

const CancelSchema = z.object({
  intent: z.literal('cancel'),
  id: z
    .string({ required_error: 'Which change? The change number is missing.' })
    .pipe(idField('That is not a label change number.')),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const params = readQuery(request)
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
  const [page, repositories, holdsDemo, openConflicts] = await Promise.all([
    listLabelChanges({
      repositoryId: repository?.id,
      status: filters.status,
      openConflicts: filters.conflicts === 'open',
      before: filters.before,
      limit: PAGE_SIZE,
    }),
    listLabelLogRepositories(),
    holdsDemoRepositories(),
    countOpenConflicts(),
  ])
  // What each way of settling an open conflict on this page would do, said on its buttons.
  const choices = await previewConflictChoices(page.items)
  return json({
    view: 'changes' as const,
    items: page.items,
    choices,
    repositories,
    // Pending changes on the demo's copies wait forever: the log says so, as the plan does.
    holdsDemo,
    openConflicts,
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
  const fields = Object.fromEntries(await readForm(request))
  if (fields.intent === 'cancel') {
    const cancel = CancelSchema.safeParse(fields)
    if (!cancel.success) {
      return json(
        { ok: false, message: cancel.error.issues[0]!.message, id: null },
        { status: 400 },
      )
    }
    try {
      await enforceWriteLimit(user, 'labels')
      await cancelLabelChange(cancel.data.id, { id: user.id, login: user.login })
      // The demo's copies send nothing anyway: there the change is withdrawn, not saved from sending.
      const message = (await holdsDemoRepositories())
        ? `Change ${cancel.data.id} withdrawn from the queue: the plan offers it again (nothing is ever sent from the demo).`
        : `Change ${cancel.data.id} cancelled: it will not be sent.`
      return json({ ok: true, message, id: cancel.data.id })
    } catch (error) {
      if (error instanceof Refusal) {
        return json({ ok: false, message: error.message, id: cancel.data.id }, refusalInit(error))
      }
      throw error
    }
  }
  const parsed = ResolveSchema.safeParse(fields)
  if (!parsed.success) {
    return json({ ok: false, message: parsed.error.issues[0]!.message, id: null }, { status: 400 })
  }
  const { id, choice } = parsed.data
  try {
    await enforceWriteLimit(user, 'labels')
    const { requeued, settled } = await resolveLabelConflict(id, choice, {
      id: user.id,
      login: user.login,
    })
    if (requeued) getLabelWorker()?.kick()
    const changes =
      settled.length > 1 ? `Changes ${listInWords(settled.map(String))}` : `Change ${id}`
    const message =
      choice === 'kept-github'
        ? `${changes} settled: GitHub's labels stay as they are.`
        : requeued
          ? `${changes} settled: the board's ${settled.length > 1 ? 'changes are' : 'change is'} queued again against GitHub's labels.`
          : `${changes} settled: the board's change was already waiting in the outbox.`
    return json({ ok: true, message, id })
  } catch (error) {
    if (error instanceof Refusal) {
      return json({ ok: false, message: error.message, id }, refusalInit(error))
    }
    throw error
  }
}

export const headers = keepRetryAfter

export default function LabelLogRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { pages } = data
  const isLearned = data.view === 'learned'
  return (
    <div className="max-w-6xl">
      <h1 className="text-2xl font-bold">Label log</h1>
      <p className="mt-1 text-sm text-slate-600">
        {isLearned
          ? 'Every label change people made on GitHub to the labels the board manages, newest first: what the board learned from it, or why it did not.'
          : 'Every label change the board queued for GitHub, newest first: who asked, what became of it and what GitHub answered.'}
      </p>
      <LogViewTabs isLearned={isLearned} repo={data.filters.repo} />
      <LogFilters
        repositories={data.repositories}
        filters={
          data.view === 'changes'
            ? { repo: data.filters.repo, changes: data.filters }
            : { repo: data.filters.repo }
        }
      />
      {data.view === 'learned' ? (
        <LearnedList entries={data.learnings} isFiltered={data.filters.repo !== ''} />
      ) : (
        <>
          {data.holdsDemo ? (
            <Notice tone="warning">
              These are the MirageOS demo’s copies of its repositories: the changes queued here are
              logged and never sent to GitHub, whatever the token.
            </Notice>
          ) : null}
          {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
          {data.openConflicts.issues > 0 ? (
            <Notice tone="warning">
              {describeOpenConflicts(data.openConflicts)}. One decision settles all of a
              plan&rsquo;s changes on an issue.
              {data.filters.conflicts === 'open' ? null : (
                <>
                  {' '}
                  <Link to="?conflicts=open" className="text-blue-700 underline">
                    Show open conflicts only
                  </Link>
                </>
              )}
            </Notice>
          ) : null}
          <LabelChangeList
            items={data.items}
            choices={data.choices}
            isFiltered={Boolean(data.filters.repo || data.filters.status || data.filters.conflicts)}
          />
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

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Label log · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
