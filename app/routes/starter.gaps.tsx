import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { requireMaintainer } from '~/accounts/auth.server'
import { demoActionNote, personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pageTitle } from '~/setup/board-name'
import { axisName, axisNameInSentence } from '~/starter/axes'
import { LANGUAGE_LEVEL_LABELS, LANGUAGE_LEVELS, TIME_LABELS } from '~/starter/finder'
import {
  ANSWER_PROJECT_HINT,
  demandCellText,
  FIT_RULE,
  GAP_ANSWERS_PARAM,
  GAP_NOTE_MAX,
  parseProjectReference,
  unratedSupplyNote,
} from '~/starter/gap-request-input'
import {
  answerGapRequest,
  decodeGapCursor,
  encodeGapCursor,
  getGapDashboard,
  listRecentProjects,
} from '~/starter/gap-request.server'
import { getStarterSettings } from '~/starter/settings.server'
import { SUPPLY_DOMAIN_RULE } from '~/starter/supply'
import { HeatMap } from '~/starter/ui/heat-map'
import { NothingRatedNotice } from '~/starter/ui/nothing-rated'
import { formatDate } from '~/utils/format'
import { idField } from '~/utils/id'
import { Refusal } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const GapActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('answer'),
    requestId: z
      .string({ required_error: 'Which request? The request number is missing.' })
      .pipe(idField('That is not a request number.')),
    // Blank: answered without a project; else its number or its page's address.
    projectId: z
      .string()
      .default('')
      .transform((value, context) => {
        const id = parseProjectReference(value)
        if (id !== undefined) return id
        context.addIssue({
          code: 'custom',
          message: `That names no starter project. Give the project as ${ANSWER_PROJECT_HINT}.`,
        })
        return z.NEVER
      }),
    note: z
      .string()
      .trim()
      .max(
        GAP_NOTE_MAX,
        `The word to the newcomer must be at most ${GAP_NOTE_MAX.toLocaleString('en')} characters.`,
      )
      .default(''),
  }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const params = readQuery(request)
  const { domains, languageName } = getStarterSettings()
  const openCursor = decodeGapCursor(params.get('open'))
  const answeredCursor = decodeGapCursor(params.get('answered'))
  const [dashboard, recentProjects] = await Promise.all([
    getGapDashboard(domains, { openCursor, answeredCursor }),
    listRecentProjects(),
  ])
  const pageLink = (name: 'open' | 'answered', cursor: string | null) => {
    const next = new URLSearchParams(params)
    if (cursor) next.set(name, cursor)
    else next.delete(name)
    return `?${next}`
  }
  // People by name as every page names them (a demo person by her demo name).
  const named = <Item extends (typeof dashboard.answered.items)[number]>(page: {
    items: Item[]
    nextCursor: unknown
  }) => ({
    ...page,
    items: page.items.map((item) => ({
      ...item,
      name: item.login === null ? null : personName({ login: item.login, isDemo: item.is_demo }),
      answered_by_name:
        item.answered_by_login === null
          ? null
          : personName({ login: item.answered_by_login, isDemo: item.is_demo_answer }),
    })),
  })
  return json({
    languageName,
    ...dashboard,
    open: named(dashboard.open),
    answered: named(dashboard.answered),
    recentProjects,
    fitRule: FIT_RULE,
    pages: {
      isFirstOpenPage: openCursor === null,
      firstOpen: pageLink('open', null),
      nextOpen: dashboard.open.nextCursor
        ? pageLink('open', encodeGapCursor(dashboard.open.nextCursor))
        : null,
      isFirstAnsweredPage: answeredCursor === null,
      firstAnswered: pageLink('answered', null),
      nextAnswered: dashboard.answered.nextCursor
        ? pageLink('answered', encodeGapCursor(dashboard.answered.nextCursor))
        : null,
    },
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const parsed = GapActionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    return json(
      {
        ok: false,
        message: parsed.error.issues[0]?.message ?? 'Invalid request.',
        requestId: null,
      },
      { status: 400 },
    )
  }
  const { requestId, projectId, note } = parsed.data
  let answered: { projectTitle: string | null }
  try {
    answered = await answerGapRequest(requestId, { projectId, note }, user)
  } catch (error) {
    if (error instanceof Refusal) {
      return json({ ok: false, message: error.message, requestId }, { status: error.status })
    }
    throw error
  }
  return json({
    ok: true,
    // A demo person's answer is a demo action, and the notice says so, as on every other page.
    message: `Request #${requestId} is marked answered${
      answered.projectTitle === null
        ? ''
        : ` with “${answered.projectTitle}” (project #${projectId})`
    }${demoActionNote(user.isDemo)}.`,
    requestId,
  })
}

export default function StarterGapsRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const rowLabel = (domain: string) => (domain === '' ? 'No domain named' : domain)

  return (
    <div className="max-w-5xl">
      <p className="text-sm">
        <Link to="/starter/supply" className="text-blue-700 underline">
          Starter project supply
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Gap dashboard</h1>
      <p className="mt-1 text-slate-700">
        {data.counts.open} open “nothing fits me” request{data.counts.open === 1 ? '' : 's'},{' '}
        {data.counts.answered} answered. Where newcomers ask and nothing fits is where the next
        starter projects are needed.
      </p>

      {result ? (
        <p
          role={result.ok ? 'status' : 'alert'}
          className={`mt-3 rounded border p-2 text-sm ${result.ok ? 'border-green-300 bg-green-50' : 'border-red-300 bg-red-50'}`}
        >
          {result.message}
        </p>
      ) : null}

      <section aria-labelledby="demand-heading" className="mt-6">
        <h2 id="demand-heading" className="text-lg font-semibold">
          Unmet demand against open supply
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Each cell: open requests from people at that {data.languageName} level who know that
          domain (a request naming two domains counts in both), and the open, unclaimed projects
          that would fit them: {axisName('language', data.languageName)} up to{' '}
          {LANGUAGE_LEVELS.map(
            (level) =>
              `${data.fitRule.languageMaxStars[level]}★ for “${LANGUAGE_LEVEL_LABELS[level]}”`,
          ).join(', ')}
          ; {axisNameInSentence('domain', data.languageName)} up to{' '}
          {data.fitRule.knownDomainMaxStars}★ in that domain, or {data.fitRule.otherDomainMaxStars}★
          in any domain for requests naming none. Darker cells have more requests; a red outline
          marks requests with nothing that fits. {SUPPLY_DOMAIN_RULE}
        </p>
        {/* Before the first rating no project fits anyone: why the cells read 0, said once. */}
        {!data.isAnyRated ? (
          <NothingRatedNotice canTriage />
        ) : data.unratedSupply > 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            {unratedSupplyNote(data.unratedSupply)}{' '}
            <Link to="/starter/triage" className="font-medium text-blue-700 underline">
              {data.unratedSupply === 1 ? 'Rate it in triage' : 'Rate them in triage'}
            </Link>
            .
          </p>
        ) : null}
        <HeatMap
          className="mt-3"
          tone="amber"
          title="Open “nothing fits me” requests by domain and language level, with the projects that fit"
          description={`${data.counts.open} open requests. Cells read “requests asked · projects that fit”.`}
          rowHeader="Domain"
          columns={LANGUAGE_LEVELS.map((level) => ({
            key: level,
            label: LANGUAGE_LEVEL_LABELS[level],
          }))}
          rows={data.demand.map((row) => ({ key: row.domain, label: rowLabel(row.domain) }))}
          cells={data.demand.map((row) =>
            LANGUAGE_LEVELS.map((level) => {
              const { requests, fitting } = row.cells[level]
              return {
                value: requests,
                text: demandCellText(requests, fitting),
                description: `${requests} open request${requests === 1 ? '' : 's'}, ${fitting} project${fitting === 1 ? '' : 's'} fit`,
                isAlert: requests > 0 && fitting === 0,
              }
            }),
          )}
        />
      </section>

      <section aria-labelledby="open-heading" className="mt-8">
        <h2 id="open-heading" className="text-lg font-semibold">
          Open requests
        </h2>
        <datalist id="recent-projects">
          {data.recentProjects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.title}
            </option>
          ))}
        </datalist>
        {data.open.items.length === 0 ? (
          <p className="mt-2 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
            No open requests.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {data.open.items.map((item) => (
              <li key={item.id} className="p-3" id={`request-${item.id}`}>
                <RequestSummary item={item} languageName={data.languageName} />
                {item.fitting ? <FittingNow requestId={item.id} fitting={item.fitting} /> : null}
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="requestId" value={item.id} />
                  <label className="flex flex-col">
                    <span className="text-slate-600">
                      Project made for it <span className="text-slate-500">(optional)</span>
                    </span>
                    <input
                      name="projectId"
                      list="recent-projects"
                      placeholder="12 or /starter/12"
                      aria-describedby={[
                        `request-${item.id}-project-hint`,
                        result && !result.ok && result.requestId === item.id
                          ? `request-${item.id}-error`
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      className="mt-1 w-48 rounded border border-slate-300 px-2 py-1"
                    />
                    <span
                      id={`request-${item.id}-project-hint`}
                      className="mt-1 max-w-[12rem] text-xs text-slate-500"
                    >
                      Give {ANSWER_PROJECT_HINT}.
                    </span>
                  </label>
                  <label className="flex min-w-[16rem] flex-1 flex-col">
                    <span className="text-slate-600">
                      A word to them <span className="text-slate-500">(optional)</span>
                    </span>
                    {/* Two rows: on a 375 px phone the example wraps, and one row cut it off. */}
                    <textarea
                      name="note"
                      rows={2}
                      maxLength={GAP_NOTE_MAX}
                      placeholder="e.g. a networking task is coming next week"
                      className="mt-1 rounded border border-slate-300 px-2 py-1"
                    />
                  </label>
                  <button
                    type="submit"
                    className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
                  >
                    Mark answered
                  </button>
                  <Link
                    to={`/starter/new?${GAP_ANSWERS_PARAM}=${item.id}`}
                    className="text-blue-700 underline"
                  >
                    Tag a new project
                  </Link>
                </Form>
                {result && !result.ok && result.requestId === item.id ? (
                  <p id={`request-${item.id}-error`} className="mt-1 text-sm text-red-700">
                    {result.message}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Pages of open requests" className="mt-2 flex gap-4 text-sm">
          {!data.pages.isFirstOpenPage ? (
            <Link to={data.pages.firstOpen} className="text-blue-700 underline">
              ← Newest
            </Link>
          ) : null}
          {data.pages.nextOpen ? (
            <Link to={data.pages.nextOpen} className="text-blue-700 underline">
              Older requests →
            </Link>
          ) : null}
        </nav>
      </section>

      <section aria-labelledby="answered-heading" className="mt-8">
        <h2 id="answered-heading" className="text-lg font-semibold">
          Answered
        </h2>
        {data.answered.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {data.answered.items.map((item) => (
              // The id a maintainer's notice of the request links to, answered or not.
              <li key={item.id} className="p-3" id={`request-${item.id}`}>
                <RequestSummary item={item} languageName={data.languageName} />
                <p className="mt-1 text-sm text-slate-600">
                  Answered {item.answered_at ? formatDate(item.answered_at) : ''}
                  {item.answered_by_name ? ` by ${item.answered_by_name}` : ''}
                  {item.is_demo_answer ? <DemoBadge>a demo action</DemoBadge> : null}
                  {item.answer_project_id ? (
                    <>
                      {' '}
                      with{' '}
                      <Link
                        to={`/starter/${item.answer_project_id}`}
                        className="text-blue-700 underline"
                      >
                        {item.answer_project_title ?? `project #${item.answer_project_id}`}
                      </Link>
                    </>
                  ) : null}
                  .
                </p>
                {item.answer_note ? (
                  <p className="mt-1 whitespace-pre-line text-sm text-slate-700">
                    “{item.answer_note}”
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Pages of answered requests" className="mt-2 flex gap-4 text-sm">
          {!data.pages.isFirstAnsweredPage ? (
            <Link to={data.pages.firstAnswered} className="text-blue-700 underline">
              ← Latest
            </Link>
          ) : null}
          {data.pages.nextAnswered ? (
            <Link to={data.pages.nextAnswered} className="text-blue-700 underline">
              Older answers →
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  )
}

/**
 * Sent when nothing fitted, a request may be met since (a new project, a rating): the projects
 * that fit it now, by the demand map's rule, so the maintainer answers with one of them.
 */
function FittingNow({
  requestId,
  fitting,
}: {
  requestId: number
  fitting: { total: number; projects: { id: number; title: string }[] }
}) {
  const more = fitting.total - fitting.projects.length
  return (
    <p className="mt-1 text-sm text-emerald-900" id={`request-${requestId}-fitting`}>
      {fitting.total === 1 ? 'A project fits it now: ' : `${fitting.total} projects fit it now: `}
      {fitting.projects.map((project, index) => (
        <span key={project.id}>
          {index > 0 ? ', ' : null}
          <Link to={`/starter/${project.id}`} className="text-blue-700 underline">
            {project.title}
          </Link>{' '}
          (#{project.id})
        </span>
      ))}
      {more > 0 ? ` and ${more} more` : null}. To answer with one, give its number below.
    </p>
  )
}

/** What both lists show of a request (an open one also carries the projects that now fit it). */
type RequestItem = ReturnType<typeof useLoaderData<typeof loader>>['answered']['items'][number]

function RequestSummary({ item, languageName }: { item: RequestItem; languageName: string }) {
  return (
    <div>
      <p className="text-sm">
        <span className="font-medium">#{item.id}</span> from{' '}
        <span className="font-medium">{item.name ?? 'a deleted account'}</span>
        {/* A demo person's request is a demo action, as home and the call agenda say. */}
        {item.is_demo ? <DemoBadge>a demo action</DemoBadge> : null},{' '}
        <time dateTime={item.created_at}>{formatDate(item.created_at)}</time>
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {languageName}: {LANGUAGE_LEVEL_LABELS[item.language_level]} · knows{' '}
        {item.domains.length > 0 ? item.domains.join(', ') : 'no domain named'} · time:{' '}
        {item.time_available && item.time_available in TIME_LABELS
          ? TIME_LABELS[item.time_available as keyof typeof TIME_LABELS]
          : 'not said'}
        {item.wants_mentor ? ' · wants a mentor' : ''}
      </p>
      {item.note ? (
        <blockquote className="mt-1 whitespace-pre-wrap border-l-4 border-slate-200 pl-3 text-sm text-slate-800">
          {item.note}
        </blockquote>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Gap dashboard · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
