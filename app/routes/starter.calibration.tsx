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
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { CardLabel } from '~/components/card-label'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { TableScroll } from '~/components/table-scroll'
import { pageTitle } from '~/setup/board-name'
import { axisName, axisNameInSentence } from '~/starter/axes'
import {
  describeDriftRule,
  driftEntryId,
  driftFilterOptions,
  endedClaimsDemoNote,
  filterDrift,
} from '~/starter/calibration'
import {
  countEndedClaims,
  getAbandonmentByLevel,
  listDrift,
  listLoneDisagreements,
  rerateAxis,
} from '~/starter/calibration.server'
import { demoReportsNote, finishedTimeText } from '~/starter/claim-feedback'
import { StarsField } from '~/starter/project-input'
import { getStarterSettings } from '~/starter/settings.server'
import { Stars } from '~/starter/ui/stars'
import { capitalise, formatDate } from '~/utils/format'
import { idField } from '~/utils/id'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const GROUPINGS = ['maintainer', 'domain', 'none'] as const
type Grouping = (typeof GROUPINGS)[number]

const RerateSchema = z.object({
  intent: z.literal('rerate', {
    errorMap: () => ({ message: 'That is not something this page can do.' }),
  }),
  projectId: idField('The form did not say which project.'),
  axis: z.enum(['language', 'domain'], {
    errorMap: () => ({ message: 'The axis must be language or domain.' }),
  }),
  // The rating the page showed, so a re-rate made meanwhile by someone else is not overwritten.
  from: StarsField,
  stars: z
    .enum(['1', '2', '3'], {
      errorMap: () => ({ message: 'The new rating must be 1, 2 or 3 stars.' }),
    })
    .transform((value) => Number(value) as 1 | 2 | 3),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const settings = getStarterSettings()
  const params = readQuery(request)
  const filters = {
    maintainer: params.get('maintainer')?.trim() || null,
    domain: params.get('domain')?.trim() || null,
  }
  const group = params.get('group')
  const grouping: Grouping = GROUPINGS.includes(group as Grouping)
    ? (group as Grouping)
    : 'maintainer'
  const rule = { threshold: settings.driftThreshold, minReports: settings.driftMinReports }
  const [drift, tooFewReports, abandonment, endedClaims] = await Promise.all([
    listDrift(rule),
    // A project one person finished may never get a second report: shown apart, never counted
    // as drift (listLoneDisagreements, as "Waiting for maintainers" and the agenda list them).
    listLoneDisagreements(rule),
    getAbandonmentByLevel(),
    countEndedClaims(),
  ])
  // Raters by name as every page names them (a demo person by her demo name); the filter keeps
  // their logins, as URLs do.
  const raterName = (login: string) =>
    personName({
      login,
      isDemo: [...drift, ...tooFewReports].some(
        (row) => row.maintainerLogin === login && row.isDemoRating,
      ),
    })
  const withRaterName = <T extends { maintainerLogin: string | null }>(row: T) => ({
    ...row,
    maintainerName: row.maintainerLogin === null ? null : raterName(row.maintainerLogin),
  })
  // Both lists' rows: a maintainer or domain with only a lone report can be picked too.
  const options = driftFilterOptions(drift, tooFewReports)
  return json({
    drift: filterDrift(drift, filters).map(withRaterName),
    tooFewReports: filterDrift(tooFewReports, filters).map(withRaterName),
    totalDrift: drift.length,
    // What "All" in the Maintainer filter counts: the rows of both lists, as each rater's count
    // does (it read "All (1)" above two raters of one row each).
    totalRows: drift.length + tooFewReports.length,
    maintainers: options.maintainers.map(({ name: login, count }) => ({
      login,
      name: raterName(login),
      count,
    })),
    domains: options.domains,
    filters,
    grouping,
    abandonment,
    abandonmentDemoNote: endedClaimsDemoNote(endedClaims),
    languageName: settings.languageName,
    driftThreshold: settings.driftThreshold,
    driftMinReports: settings.driftMinReports,
  })
}

const NOBODY = '(nobody recorded)'

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const parsed = RerateSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    return json(
      {
        ok: false,
        message: parsed.error.issues[0]?.message ?? 'That request was not understood.',
        project: null,
      },
      { status: 400 },
    )
  }
  const { projectId, axis, from, stars } = parsed.data
  const label = axisNameInSentence(axis, getStarterSettings().languageName)
  try {
    await enforceWriteLimit(user, 'rerate')
    const { changed, title } = await rerateAxis(projectId, axis, { from, to: stars }, user)
    return json({
      ok: true,
      message: changed
        ? `Re-rated ${label} ${from === null ? 'unrated' : `${from}★`} → ${stars}★${demoActionNote(user.isDemo)}:`
        : `Nothing changed: it already had ${label} ${stars}★:`,
      project: { id: projectId, title },
    })
  } catch (error) {
    if (error instanceof Refusal) {
      return json({ ok: false, message: error.message, project: null }, refusalInit(error))
    }
    throw error
  }
}

export const headers = keepRetryAfter

export default function StarterCalibrationRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const groups = groupRows(data.drift, data.grouping)
  return (
    <div className="max-w-5xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Calibration</h1>
      <p className="mt-1 text-sm text-slate-600">
        {describeDriftRule({ threshold: data.driftThreshold, minReports: data.driftMinReports })}{' '}
        Re-rating is audited on the project’s page.
      </p>
      {result ? (
        <Notice tone={result.ok ? 'success' : 'error'}>
          {result.message}
          {result.project ? (
            <>
              {' '}
              <Link to={`/starter/${result.project.id}`} className="underline">
                “{result.project.title}”
              </Link>
              . Its page keeps the rating history.
            </>
          ) : null}
        </Notice>
      ) : null}

      {/* Its fields and button a thumb tall on a phone (min-h-10), as the re-rate buttons are. */}
      <Form
        method="get"
        className="mt-4 flex flex-wrap items-end gap-3 text-sm"
        aria-label="Filter drift"
      >
        {/* max-w-full: a long demo name ("Kai (second seeded demo maintainer)") widened a phone's page. */}
        <label className="flex max-w-full flex-col">
          <span className="font-medium">Maintainer</span>
          <select
            name="maintainer"
            defaultValue={data.filters.maintainer ?? ''}
            className="mt-1 min-h-10 max-w-full rounded border border-slate-300 bg-white px-2 py-1 sm:min-h-0"
          >
            <option value="">All ({data.totalRows})</option>
            {data.maintainers.map((entry) => (
              <option key={entry.login} value={entry.login}>
                {entry.name} ({entry.count})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Domain</span>
          <select
            name="domain"
            defaultValue={data.filters.domain ?? ''}
            className="mt-1 min-h-10 rounded border border-slate-300 bg-white px-2 py-1 sm:min-h-0"
          >
            <option value="">All</option>
            {data.domains.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name} ({entry.count})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Group by</span>
          <select
            name="group"
            defaultValue={data.grouping}
            className="mt-1 min-h-10 rounded border border-slate-300 bg-white px-2 py-1 sm:min-h-0"
          >
            <option value="maintainer">Maintainer</option>
            <option value="domain">Domain</option>
            <option value="none">No grouping</option>
          </select>
        </label>
        <button
          type="submit"
          className="min-h-10 rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 sm:min-h-0"
        >
          Apply
        </button>
      </Form>

      <section aria-labelledby="drift-heading" className="mt-6">
        <h2 id="drift-heading" className="text-lg font-semibold">
          Drift ({data.drift.length}
          {data.drift.length === data.totalDrift ? '' : ` of ${data.totalDrift}`})
        </h2>
        {data.drift.length === 0 ? (
          <p className="mt-2 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
            No drift: contributors’ reports agree with the ratings (or there are not enough reports
            yet).
          </p>
        ) : (
          groups.map((group) => (
            <div key={group.name} className="mt-4">
              {data.grouping === 'none' ? null : (
                // A rater's name reads as on every other page, not in capitals.
                <h3
                  className={`text-sm font-semibold text-slate-500 ${data.grouping === 'domain' ? 'uppercase' : ''}`}
                >
                  {group.name} ({group.rows.length})
                </h3>
              )}
              <ul className="mt-1 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
                {group.rows.map((row) => (
                  <DriftItem key={`${row.projectId}:${row.axis}`} row={row} />
                ))}
              </ul>
            </div>
          ))
        )}
      </section>

      {data.tooFewReports.length > 0 ? (
        <section aria-labelledby="too-few-heading" className="mt-6">
          <h2 id="too-few-heading" className="text-lg font-semibold">
            Too few reports to flag yet ({data.tooFewReports.length})
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Each differs from the rating by {data.driftThreshold}★ or more, on fewer than the{' '}
            {data.driftMinReports} reports the rule asks for. A project one person finished may get
            no other report: re-rate it if you agree.
          </p>
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {data.tooFewReports.map((row) => (
              <DriftItem key={`${row.projectId}:${row.axis}`} row={row} />
            ))}
          </ul>
        </section>
      ) : null}

      <Abandonment />
    </div>
  )
}

type LoaderDriftRow = ReturnType<typeof useLoaderData<typeof loader>>['drift'][number]

function groupRows(rows: LoaderDriftRow[], grouping: Grouping) {
  if (grouping === 'none') return [{ name: 'all', rows }]
  const groups = new Map<string, LoaderDriftRow[]>()
  for (const row of rows) {
    const name = grouping === 'maintainer' ? (row.maintainerName ?? NOBODY) : row.primaryDomain
    groups.set(name, [...(groups.get(name) ?? []), row])
  }
  return [...groups].map(([name, groupRows]) => ({ name, rows: groupRows }))
}

function average(value: number) {
  return `${Math.round(value * 100) / 100}★`
}

function DriftItem({ row }: { row: LoaderDriftRow }) {
  const { languageName } = useLoaderData<typeof loader>()
  const reports = `${row.reports} report${row.reports === 1 ? '' : 's'}${demoReportsNote(row)}`
  // Time beside the stars: a 1★ project that took its finishers a month is rated off too.
  const finished = finishedTimeText(row.finishedTime)
  const verdict =
    row.kind === 'unrated'
      ? `unrated, contributors suggest ${row.suggested}★`
      : `contributors found it ${row.kind} (${row.difference > 0 ? '+' : ''}${Math.round(row.difference * 100) / 100}★)`
  return (
    // Its id: where a notice of a disagreeing report leads (notifyReportDisagrees).
    <li
      id={driftEntryId(row.projectId, row.axis)}
      className="grid scroll-mt-4 gap-2 px-3 py-2 text-sm target:bg-amber-50 md:grid-cols-[1fr_auto] md:items-center"
    >
      <div>
        <Link to={`/starter/${row.projectId}`} className="font-medium text-blue-700 underline">
          {row.title}
        </Link>{' '}
        <span className="text-slate-500">
          · {row.primaryDomain}
          {row.status === 'open' ? '' : ` · ${row.status}`}
        </span>
        <div className="mt-1 flex flex-wrap items-baseline gap-x-3 text-slate-700">
          <Stars axis={row.axis} stars={row.rating} languageName={languageName} />
          <span>
            Contributors: {average(row.average)} from {reports}
          </span>
          <span className={row.kind === 'easier' ? 'text-blue-800' : 'text-amber-800'}>
            {verdict}
          </span>
          {finished ? <span>{capitalise(finished)}</span> : null}
        </div>
        <p className="mt-0.5 text-xs text-slate-500">
          {row.maintainerName ? `Rated by ${row.maintainerName}` : 'No rater recorded'}
          {row.lastRatedAt ? ` on ${formatDate(row.lastRatedAt)}` : ''}
          {/* After the name and date, as the rating history says it: not a second pair of brackets. */}
          {row.maintainerName && row.isDemoRating ? ', a demo rating' : ''}
        </p>
      </div>
      <Form method="post" className="flex items-center gap-2">
        <input type="hidden" name="projectId" value={row.projectId} />
        <input type="hidden" name="axis" value={row.axis} />
        <input type="hidden" name="from" value={row.rating ?? 'unrated'} />
        <label className="flex items-center gap-1">
          <span className="sr-only">
            New {axisNameInSentence(row.axis, languageName)} rating for {row.title}
          </span>
          <select
            name="stars"
            defaultValue={String(row.suggested)}
            className="min-h-10 rounded border border-slate-300 bg-white px-2 py-1 sm:min-h-0"
          >
            {[1, 2, 3].map((stars) => (
              <option key={stars} value={stars}>
                {stars}★
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          name="intent"
          value="rerate"
          className="min-h-10 rounded bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800 sm:min-h-0"
        >
          Re-rate {axisNameInSentence(row.axis, languageName)}
        </button>
      </Form>
    </li>
  )
}

function percent(rate: number | null) {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}

/** A level's row: a card of two columns of named figures below sm:, a table row from sm: up. */
const CARD_ROW =
  'grid grid-cols-2 gap-x-4 border-t border-slate-100 px-3 py-2 first:border-t-0 sm:table-row sm:p-0 sm:first:border-t'
const CARD_CELL = 'py-0.5 sm:table-cell sm:px-2 sm:py-1'
const CARD_FIGURE = `${CARD_CELL} tabular-nums sm:text-right`

function Abandonment() {
  const { abandonment, abandonmentDemoNote, languageName } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="abandonment-heading" className="mt-8">
      <h2 id="abandonment-heading" className="text-lg font-semibold">
        Abandonment per rating level
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Of the claims that ended at each level (the rating when the claim was made), how many were
        abandoned, and how many ended unfinished (abandoned, or released by a maintainer). Research
        on GitHub’s good first issues found that about half are not finished by the newcomers who
        take them: a level far above that deserves a look.
      </p>
      {abandonmentDemoNote ? (
        <p className="mt-1 text-sm text-slate-600">{abandonmentDemoNote}</p>
      ) : null}
      {/* White on the box, not the table: the table's own background hid the scroll shade. The
          header's wash is see-through for the same reason. On a phone each level is a card, every
          figure named in it: as a table (702 px in a 343 px box) its rates were past the screen's
          edge, scrolled to sideways. The table as before from sm: up. */}
      <TableScroll className="mt-3 bg-white [--scroll-cover:theme(colors.white)]">
        <table className="block w-full border border-slate-200 text-left text-sm sm:table">
          <thead className="hidden bg-slate-100/50 text-xs uppercase text-slate-500 sm:table-header-group">
            <tr>
              <th className="px-2 py-1">Axis</th>
              <th className="px-2 py-1">Level</th>
              <th className="px-2 py-1 text-right">Ended</th>
              <th className="px-2 py-1 text-right">Finished</th>
              <th className="px-2 py-1 text-right">Abandoned</th>
              <th className="px-2 py-1 text-right">Released</th>
              <th className="px-2 py-1 text-right">Abandonment rate</th>
              <th className="px-2 py-1 text-right">Unfinished</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {abandonment.map((row) => {
              const level = row.level === 'unrated' ? 'unrated' : `${row.level}★`
              return (
                <tr key={`${row.axis}:${row.level}`} className={CARD_ROW}>
                  {/* The card's title on a phone names its level too: "OCaml difficulty 2★". */}
                  <td className={`${CARD_CELL} col-span-2 font-medium sm:font-normal`}>
                    {axisName(row.axis, languageName)}
                    <span className="sm:hidden"> {level}</span>
                  </td>
                  <td className="hidden px-2 py-1 sm:table-cell">{level}</td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Ended</CardLabel>
                    {row.ended}
                  </td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Finished</CardLabel>
                    {row.done}
                  </td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Abandoned</CardLabel>
                    {row.abandoned}
                  </td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Released</CardLabel>
                    {row.released}
                  </td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Abandonment rate</CardLabel>
                    {percent(row.abandonmentRate)}
                    {row.ended > 0 ? ` (${row.abandoned}/${row.ended})` : ''}
                  </td>
                  <td className={CARD_FIGURE}>
                    <CardLabel>Unfinished</CardLabel>
                    {percent(row.unfinishedRate)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Calibration · Starter projects', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
