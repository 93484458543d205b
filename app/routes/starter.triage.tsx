import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigate } from '@remix-run/react'
import { useRef } from 'react'
import { z } from 'zod'

import { requireUser } from '~/accounts/auth.server'
import { demoActionNote } from '~/accounts/person'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { getBoardClock } from '~/mirror/board-clock.server'
import { countRepositoriesAwaitingFirstSync } from '~/mirror/sync-state.server'
import { pageTitle } from '~/setup/board-name'
import { projectFieldLabel } from '~/starter/project-input'
import { getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { isRatingOnDefaultAxes } from '~/starter/supply.server'
import {
  describeNarrowedProgress,
  describeQueueProgress,
  parseSittingCount,
  parseTriageDomain,
  triageHref,
} from '~/starter/triage-progress'
import {
  countTriageByDomain,
  countTriageQueue,
  decodeTriagePosition,
  describeOutcome,
  dismissTriageItem,
  encodeTriagePosition,
  getTriageItem,
  getTriageQueue,
  saveTriage,
  TRIAGE_REASON_MAX,
  type TriageOutcome,
} from '~/starter/triage.server'
import { DefaultAxesNotice } from '~/starter/ui/default-axes-notice'
import { TriageItemView } from '~/starter/ui/triage-item'
import { KEYBOARD_ONLY, triageShortcuts, useTriageShortcuts } from '~/starter/ui/triage-shortcuts'
import { FirstSyncNotice } from '~/sync/ui/first-sync-notice'
import { getEnv } from '~/utils/env.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).default('')

const TriageActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('save'),
      position: z.string().max(200),
      version: text(40),
      languageStars: text(20),
      domainStars: text(20),
      size: text(20),
      primaryDomain: text(100),
      mentors: text(2_000),
      // Optional: a form without the field (from before it existed) leaves the contact as it is.
      mentorContact: z.string().max(1_000, 'must be at most 300 characters').optional(),
    }),
    z.object({
      intent: z.literal('dismiss'),
      position: z.string().max(200),
      version: text(40),
      // A guard on what is read; the real limit (TRIAGE_REASON_MAX) is the one to name.
      reason: z.string().max(5_000, `must be at most ${TRIAGE_REASON_MAX} characters`).default(''),
    }),
  ],
  {
    errorMap: (issue, context) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: 'That is not something the triage page can do; here is the item again.' }
        : { message: context.defaultError },
  },
)

/** Maintainers only; others get a 403 page that says what the page is. */
async function requireTriager(request: Request) {
  const user = await requireUser(request)
  if (user.role !== 'maintainer') {
    throw new Response(
      'The triage queue is for maintainers: it is where they rate and size starter projects. Browse the starter projects at /starter instead.',
      { status: 403 },
    )
  }
  return user
}

/** Candidates are "recent" as the candidates page counts it: by the board's clock. */
async function queueOptions() {
  return { activeMonths: getEnv().STALE_AFTER_MONTHS, now: (await getBoardClock()).now }
}

/** `?domain=`, narrowing the queue; an unknown one is refused (400) with the board's domains. */
function requireDomain(params: URLSearchParams, domains: readonly string[]) {
  const parsed = parseTriageDomain(params.get('domain'), domains)
  if ('problem' in parsed) throw new Response(parsed.problem, { status: 400 })
  return parsed.domain
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireTriager(request)
  const { domains, languageName } = getStarterSettings()
  const params = readQuery(request)
  const domain = requireDomain(params, domains)
  const atParam = params.get('at')
  const afterParam = params.get('after')
  const positionParam = atParam ?? afterParam
  const position = decodeTriagePosition(positionParam)
  const options = { ...(await queueOptions()), domain }

  let queue = await getTriageQueue(position, options)
  let movedOn = false
  let wrapped = false
  if (queue.outsideDomain !== null) {
    // Not in this narrowed queue: its top, already, with nothing skipped and no end reached.
  } else if (position !== null && atParam !== null) {
    // `at`: an item to show, which may have left the queue meanwhile.
    movedOn = queue.movedOn
  } else if (position !== null && !queue.movedOn) {
    // `after`: the item just saved or skipped is still in the queue; step past it.
    wrapped = queue.next === null
    queue = await getTriageQueue(queue.next, options)
  }
  // Past the end with items still waiting (skipped ones): back to the top.
  if (queue.current === null && queue.total.count > 0) {
    queue = await getTriageQueue(null, options)
    wrapped = position !== null
    movedOn = false
  }
  const item = queue.current && (await getTriageItem(queue.current, domains, languageName))
  const done = await describeOutcome(params.get('done'))
  return json({
    domain,
    // The whole queue, said beside a narrowed one ("3 waiting in storage · 18 in all").
    inAll: domain === null ? queue.total : await countTriageQueue(options),
    byDomain: await countTriageByDomain(domains),
    domains,
    languageName,
    rubric: getRubric(languageName, domains),
    reasonMax: TRIAGE_REASON_MAX,
    isOnDefaultAxes: await isRatingOnDefaultAxes(),
    viewerLogin: user.login,
    sitting: parseSittingCount(params.get('sitting')),
    left: queue.left,
    contents: queue.contents,
    position: queue.current ? encodeTriagePosition(queue.current) : null,
    skipTo: queue.next ? encodeTriagePosition(queue.next) : null,
    item: item && {
      ...item,
      summaryHtml: item.summary.trim() ? renderMarkdown(item.summary) : null,
      issueHtml: item.issue?.body?.trim() ? renderMarkdown(item.issue.body) : null,
    },
    reasons: queue.candidate?.reasons ?? [],
    firstSync: await countRepositoriesAwaitingFirstSync(),
    notices: {
      ignoredPosition: positionParam !== null && position === null,
      movedOn,
      // The item is in the whole queue, where the notice leads (a link to it at that position).
      outsideDomain: queue.outsideDomain && {
        kind: queue.outsideDomain,
        href: triageHref(null, { at: positionParam! }),
      },
      wrapped,
      // Just saved by the person looking: a demo person's save is a demo action, and says so.
      done: done && { ...done, isDemo: user.isDemo },
    },
  })
}

function outcomeParam(outcome: TriageOutcome) {
  return outcome.kind === 'dismissed'
    ? `dismissed:${outcome.issueId}`
    : `${outcome.kind}:${outcome.projectId}`
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTriager(request)
  const parsed = TriageActionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path[0]
    // The field named as the form labels it (people never see "primaryDomain").
    const label =
      field === 'reason' ? 'Reason' : projectFieldLabel(field, getStarterSettings().languageName)
    const message =
      field === 'intent' || !issue
        ? (issue?.message ?? 'That request was not understood.')
        : `${label}: ${issue.message}.`
    return json({ message }, { status: 400 })
  }
  const form = parsed.data
  const position = decodeTriagePosition(form.position)
  if (!position) {
    return json(
      { message: 'That queue position was not understood; here is the item to look at now.' },
      { status: 400 },
    )
  }
  const { domains } = getStarterSettings()
  const query = readQuery(request)
  const domain = requireDomain(query, domains)
  try {
    await enforceWriteLimit(user, 'rerate')
    const outcome =
      form.intent === 'save'
        ? await saveTriage(position, form.version, form, user, domains)
        : await dismissTriageItem(position, form.version, form.reason, user, domains)
    return redirect(
      triageHref(domain, {
        after: form.position,
        done: outcomeParam(outcome),
        // Nothing changed is nothing done: the sitting does not count it.
        sitting: String(
          parseSittingCount(query.get('sitting')) + (outcome.kind === 'unchanged' ? 0 : 1),
        ),
      }),
    )
  } catch (error) {
    if (error instanceof Refusal) {
      return json({ message: error.message }, refusalInit(error))
    }
    throw error
  }
}

export const headers = keepRetryAfter

export default function StarterTriageRoute() {
  const data = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const navigate = useNavigate()
  const helpRef = useRef<HTMLDetailsElement>(null)
  // Skipping the last item steps past it (`after`), so the page says the queue wrapped.
  // Every link and form carries the narrowing and the sitting's count along (parseSittingCount).
  const sitting: Record<string, string> = data.sitting > 0 ? { sitting: String(data.sitting) } : {}
  const skipHref = data.skipTo
    ? triageHref(data.domain, { at: data.skipTo, ...sitting })
    : triageHref(data.domain, { after: data.position ?? '', ...sitting })
  const here = data.position
    ? triageHref(data.domain, { at: data.position, ...sitting })
    : triageHref(data.domain)
  const shortcuts = useTriageShortcuts({
    formId: 'triage-form',
    dismissFormId: 'triage-dismiss-form',
    skip: () => navigate(skipHref),
    showHelp: () => {
      if (helpRef.current) {
        helpRef.current.open = true
        helpRef.current.querySelector('summary')?.focus()
      }
    },
  })
  const { notices } = data
  return (
    <div className="max-w-5xl">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Triage</h1>
        <p className="text-sm font-medium text-slate-700" aria-label="Queue progress">
          {data.item
            ? data.domain !== null
              ? describeNarrowedProgress(
                  data.domain,
                  data.left,
                  data.contents.projects.total,
                  data.inAll,
                  data.sitting,
                )
              : describeQueueProgress(data.left, data.contents, data.sitting)
            : data.domain !== null
              ? `Nothing waiting in ${data.domain}`
              : data.firstSync.awaiting > 0
                ? 'Nothing yet'
                : 'Nothing left'}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        One item at a time: open starter projects missing a rating on either axis or a size, then
        those missing only a mentor one can reach (each oldest first), then issues from the trackers
        that look like starter material (best first). Each save is recorded with your name in the
        project’s rating history; “not a starter project” keeps your reason.{' '}
        {/* A related page, said as one: above the heading it read as the way back. */}
        <Link to="/starter/candidates" className="text-blue-700 underline">
          See all candidates from the trackers
        </Link>{' '}
        as a list, best first, to tag one directly.
      </p>
      <DomainNarrowing domain={data.domain} byDomain={data.byDomain} inAll={data.inAll} />
      {data.isOnDefaultAxes ? (
        <DefaultAxesNotice languageName={data.languageName} domains={data.domains} />
      ) : null}
      <details ref={helpRef} className={`mt-2 text-sm text-slate-700 ${KEYBOARD_ONLY}`}>
        <summary className="cursor-pointer font-medium">Keyboard shortcuts</summary>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {triageShortcuts(data.languageName).map((shortcut) => (
            <div key={shortcut.does} className="contents">
              <dt>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? ' ' : null}
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1">{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{shortcut.does}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-1 text-slate-600">
          Shortcuts need JavaScript; without it every choice is a plain form field.
        </p>
      </details>

      {notices.done?.kind === 'unchanged' ? (
        <Notice tone="warning">
          You chose nothing new for{' '}
          <Link to={`/starter/${notices.done.projectId}`} className="underline">
            “{notices.done.text}”
          </Link>
          , so nothing was saved: it stays in the queue, as “Skip for now” would leave it. Next
          item:
        </Notice>
      ) : notices.done ? (
        <Notice tone="success">
          {notices.done.kind === 'rated' ? 'Saved ' : null}
          {notices.done.kind === 'retired' ? 'Retired as not a starter project: ' : null}
          {notices.done.kind === 'dismissed' ? 'Set aside as not a starter project: ' : null}
          {notices.done.projectId !== null ? (
            <Link to={`/starter/${notices.done.projectId}`} className="underline">
              “{notices.done.text}”
            </Link>
          ) : (
            notices.done.text
          )}
          {demoActionNote(notices.done.isDemo)}. Next item:
        </Notice>
      ) : null}
      {notices.ignoredPosition ? (
        <Notice tone="warning">
          That queue position was not understood; starting from the top of the queue.
        </Notice>
      ) : null}
      {notices.movedOn ? (
        <Notice tone="warning">
          The item at that position no longer needs triage (someone dealt with it meanwhile); here
          is the next one.
        </Notice>
      ) : null}
      {notices.outsideDomain && data.domain !== null ? (
        <Notice tone="warning">
          {notices.outsideDomain.kind === 'issue'
            ? `That issue from the trackers is not in the ${data.domain} queue: issues have no domain until tagged.`
            : `That project is not offered in ${data.domain}, so it is not in this queue.`}{' '}
          Here is the top of the {data.domain} queue, or{' '}
          <Link to={notices.outsideDomain.href} className="underline">
            see the {notices.outsideDomain.kind === 'issue' ? 'issue' : 'project'} in the whole
            queue
          </Link>
          .
        </Notice>
      ) : null}
      {notices.wrapped ? (
        <Notice tone="info">
          You reached the end of the queue; back to the top for the items you skipped.
        </Notice>
      ) : null}
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      {/* The candidates come from the mirror: until it is read, fewer, or none, show here. */}
      <FirstSyncNotice progress={data.firstSync} />
      <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm text-amber-800">
        {shortcuts.message}
      </p>

      {data.item && data.position ? (
        <TriageItemView
          // A new version (someone saved it meanwhile) redraws the form as the item is now: with
          // the same key, a refused save kept some typed choices beside the fresh ones.
          key={`${data.position}@${data.item.version}`}
          item={data.item}
          reasons={data.reasons}
          position={data.position}
          action={here}
          skipHref={skipHref}
          rubric={data.rubric}
          domains={data.domains}
          languageName={data.languageName}
          reasonMax={data.reasonMax}
          viewerLogin={data.viewerLogin}
        />
      ) : (
        <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
          {data.domain !== null
            ? `Nothing in ${data.domain} needs triage: its open starter projects are rated on both axes, sized and have a mentor one can reach.`
            : data.firstSync.awaiting > 0
              ? 'Nothing to triage yet: issues that look like starter material appear here as the first sync reads the trackers.'
              : 'Nothing needs triage: every open starter project is rated on both axes, sized and has a mentor one can reach, and no issue in the trackers looks like starter material right now.'}
        </p>
      )}
    </div>
  )
}

/** Which part of the queue is shown, and the way to the others: one domain, or all of it. */
function DomainNarrowing({
  domain,
  byDomain,
  inAll,
}: {
  domain: string | null
  byDomain: { domain: string; count: number }[]
  inAll: { count: number; isCapped: boolean }
}) {
  const others = byDomain.filter((row) => row.domain !== domain)
  if (domain === null && others.length === 0) return null
  return (
    <nav aria-label="Narrow the queue" className="mt-2 text-sm text-slate-700">
      {domain !== null ? (
        <>
          Showing only projects offered in <strong>{domain}</strong> (issues from the trackers have
          no domain until tagged).{' '}
          <Link to="/starter/triage" className="text-blue-700 underline">
            Show the whole queue ({inAll.isCapped ? 'more than ' : ''}
            {inAll.count.toLocaleString('en')})
          </Link>
          {others.length > 0 ? ' or narrow to ' : '.'}
        </>
      ) : (
        'Narrow to the projects of one domain: '
      )}
      {others.map((row, index) => (
        <span key={row.domain}>
          {index > 0 ? ', ' : null}
          <Link to={triageHref(row.domain)} className="text-blue-700 underline">
            {row.domain}
          </Link>{' '}
          ({row.count.toLocaleString('en')})
        </span>
      ))}
      {others.length > 0 ? '.' : null}
    </nav>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Triage · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
