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
import { Notice } from '~/components/notice'
import { queueLabelPlans, countOpenConflicts } from '~/labels/outbox/apply.server'
import { listDemoBlockedRepositories } from '~/labels/outbox/outbox.server'
import { getLabelWorker } from '~/labels/outbox/runner.server'
import { buildLabelPlans } from '~/labels/plan/plans.server'
import {
  applyAllOffer,
  countLeftOut,
  countUnqueuedChanges,
  describeOpenConflicts,
  describeQueuedPlan,
  emptyPlanMessage,
  PLAN_NOT_STARTED,
  readPlanSelection,
  REPO_FULL_NAME,
} from '~/labels/plan/review'
import { listWaitingChangeKeys } from '~/labels/plan/review.server'
import { RepositoryPlan } from '~/labels/ui/repository-plan'
import { holdsDemoRepositories } from '~/mirror/repository.server'
import { pageTitle } from '~/setup/board-name'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const ApplySchema = z.object({
  intent: z.enum(['apply-all', 'apply-selected'], {
    errorMap: () => ({ message: 'Choose "Apply all" or "Apply selected".' }),
  }),
})

type ApplyResult = { ok: boolean; message: string; queued: number }

/** The `?repo=owner/name` filter (repeatable); a malformed name is refused, not ignored. */
function readRepoFilter(names: string[]) {
  const repos = [...new Set(names.map((name) => name.trim()).filter(Boolean))]
  const bad = repos.find((name) => !REPO_FULL_NAME.test(name))
  if (bad !== undefined) {
    throw new Response(`"${bad}" is not a repository name (owner/name).`, { status: 400 })
  }
  return repos.length > 0 ? repos : undefined
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMaintainer(request)
  const repos = readRepoFilter(readQuery(request).getAll('repo'))
  const [plans, openConflicts, waiting] = await Promise.all([
    buildLabelPlans({ repos }),
    countOpenConflicts(),
    listWaitingChangeKeys(),
  ])
  // A demo person may look at the plan of a mirror, never send it: applying is refused there.
  const demoBlocked = await listDemoBlockedRepositories(
    user,
    plans.repositories.map((repository) => repository.repositoryId),
  )
  const changeCount = plans.totals.adds + plans.totals.removes
  // The demo's repositories are copies: their changes are never sent (decision 012).
  const holdsDemo = await holdsDemoRepositories()
  return json({
    plans,
    applyAll: applyAllOffer(
      changeCount,
      countUnqueuedChanges(plans.repositories, new Set(waiting)),
      { holdsDemo },
    ),
    repos: repos ?? [],
    openConflicts,
    waiting,
    hasWorker: getLabelWorker() !== null,
    holdsDemo,
    demoBlocked,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const form = await readForm(request)
  const parsed = ApplySchema.safeParse({ intent: form.get('intent') })
  if (!parsed.success) {
    return json<ApplyResult>(
      { ok: false, message: parsed.error.issues[0]!.message, queued: 0 },
      { status: 400 },
    )
  }
  const strings = (name: string) =>
    form.getAll(name).filter((value): value is string => typeof value === 'string')
  const formRepos = strings('repo')
  const repos = readRepoFilter(formRepos.length > 0 ? formRepos : readQuery(request).getAll('repo'))
  let selection: 'all' | { changes: readonly string[]; issues: readonly string[] } = 'all'
  if (parsed.data.intent === 'apply-selected') {
    const read = readPlanSelection({ changes: strings('change'), issues: strings('issue') })
    if (!read.ok) {
      return json<ApplyResult>({ ok: false, message: read.message, queued: 0 }, { status: 400 })
    }
    selection = read.selection
  }
  let result: Awaited<ReturnType<typeof queueLabelPlans>>
  try {
    await enforceWriteLimit(user, 'labels')
    result = await queueLabelPlans({
      selection,
      actor: { id: user.id, login: user.login },
      repos,
    })
  } catch (error) {
    // A demo person applying a mirror's plan: refused, nothing queued.
    if (!(error instanceof Refusal)) throw error
    return json<ApplyResult>({ ok: false, message: error.message, queued: 0 }, refusalInit(error))
  }
  const worker = getLabelWorker()
  if (result.queued > 0) worker?.kick()
  const isEmpty = result.plans.totals.adds + result.plans.totals.removes === 0
  const message =
    selection === 'all' && isEmpty
      ? emptyPlanMessage(result.plans.boardIssues, countLeftOut(result.plans.repositories))
      : describeQueuedPlan(result, {
          hasWorker: worker !== null,
          holdsDemo: await holdsDemoRepositories(),
        })
  return json<ApplyResult>({ ok: result.stale.length === 0, message, queued: result.queued })
}

export const headers = keepRetryAfter

export default function LabelPlanRoute() {
  const { plans, applyAll, repos, openConflicts, waiting, hasWorker, holdsDemo, demoBlocked } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const waitingKeys = new Set(waiting)
  const changeCount = plans.totals.adds + plans.totals.removes
  const hasProblems = plans.repositories.some((repository) => repository.problems.length > 0)
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Label plan</h1>
      <p className="mt-1 text-sm text-slate-600">
        What the board&rsquo;s decisions change on GitHub, computed against the labels the mirror
        last saw. Only labels in the board&rsquo;s namespaces are added or removed; labels people
        set by hand are never touched. Applied changes go to the outbox and are sent one a second;
        follow them in the{' '}
        <Link to="/labels/log" className="text-blue-700 underline">
          log
        </Link>
        .
      </p>
      {demoBlocked.length > 0 ? (
        <Notice tone="warning">
          You are a demo person: you can look at this plan, but not apply it.{' '}
          {demoBlocked.join(', ')} {demoBlocked.length === 1 ? 'is' : 'are'} mirrored from GitHub,
          and demo people&rsquo;s label changes are never sent to GitHub. A maintainer signed in
          with GitHub applies them, or the operator runs <code>npm run labels -- apply</code>.
        </Notice>
      ) : holdsDemo ? (
        <Notice tone="warning">
          These are the MirageOS demo’s copies of its repositories: changes you apply are queued and
          logged, and never sent to GitHub, whatever the token.
        </Notice>
      ) : !hasWorker ? (
        <Notice tone="warning">
          This server has no GitHub token: changes you apply are queued and wait until one is
          configured (<code>GITHUB_TOKEN</code>) or someone runs{' '}
          <code>npm run labels -- apply</code>.
        </Notice>
      ) : null}
      {openConflicts.issues > 0 ? (
        <Notice tone="warning">
          {describeOpenConflicts(openConflicts)}:{' '}
          <Link to="/labels/log?conflicts=open" className="text-blue-700 underline">
            review {openConflicts.issues === 1 ? 'it' : 'them'} in the log
          </Link>
          .
        </Notice>
      ) : null}
      {repos.length > 0 ? (
        <p className="mt-3 text-sm text-slate-700">
          Showing {repos.join(', ')} only.{' '}
          <Link to="/labels" className="text-blue-700 underline">
            Show every repository
          </Link>
        </p>
      ) : null}
      {plans.missing.length > 0 ? (
        <Notice tone="error">
          Not mirrored, so nothing is planned for {plans.missing.join(', ')}: sync{' '}
          {plans.missing.length === 1 ? 'it' : 'them'} first.
        </Notice>
      ) : null}
      {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {result && result.queued > 0 ? (
        <p className="mt-1 text-sm">
          <Link to="/labels/log" className="text-blue-700 underline">
            Follow the queued changes in the log
          </Link>
        </p>
      ) : null}

      {changeCount === 0 && !hasProblems ? (
        <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
          {plans.boardIssues > 0 ? (
            emptyPlanMessage(plans.boardIssues, countLeftOut(plans.repositories))
          ) : (
            <>
              {PLAN_NOT_STARTED.said}{' '}
              <Link to="/starter/triage" className="text-blue-700 underline">
                {PLAN_NOT_STARTED.link}
              </Link>
              .
            </>
          )}
        </p>
      ) : null}

      <Form method="post" className="mt-4">
        {repos.map((repo) => (
          <input key={repo} type="hidden" name="repo" value={repo} />
        ))}
        {plans.repositories.map((repository) => (
          <RepositoryPlan
            key={repository.repositoryId}
            plan={repository}
            waiting={waitingKeys}
            isDemoCopy={holdsDemo}
          />
        ))}
        {changeCount > 0 ? (
          // Pinned to the screen's bottom on a wide screen only: on a phone its buttons, note
          // and totals wrapped to a fifth of the screen, over the plan being read.
          <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3 sm:sticky sm:bottom-0">
            {applyAll.button && demoBlocked.length === 0 ? (
              <>
                <button
                  type="submit"
                  name="intent"
                  value="apply-selected"
                  disabled={navigation.state !== 'idle'}
                  className="rounded border border-slate-300 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100 disabled:opacity-50"
                >
                  Apply selected
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="apply-all"
                  disabled={navigation.state !== 'idle'}
                  className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
                >
                  {applyAll.button}
                </button>
              </>
            ) : null}
            {applyAll.note ? (
              <span className="text-sm font-medium text-slate-800">
                {applyAll.note}{' '}
                {applyAll.button ? null : (
                  <Link to="/labels/log" className="text-blue-700 underline">
                    Follow them in the log
                  </Link>
                )}
              </span>
            ) : null}
            <span className="text-sm text-slate-600">
              {plans.totals.issues} {plans.totals.issues === 1 ? 'issue' : 'issues'}, +
              {plans.totals.adds} −{plans.totals.removes}, {plans.totals.creates} new{' '}
              {plans.totals.creates === 1 ? 'label' : 'labels'}
            </span>
          </div>
        ) : null}
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Label plan · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
