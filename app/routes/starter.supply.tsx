import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { useRootData } from '~/accounts/ui/account-menu'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { TimeSeriesChart } from '~/components/time-series-chart'
import { pageTitle } from '~/setup/board-name'
import { axisName as ratingAxisName, axisNameInSentence } from '~/starter/axes'
import { getStarterSettings } from '~/starter/settings.server'
import {
  SUPPLY_AXES,
  SUPPLY_DOMAIN_RULE,
  SUPPLY_LEVELS,
  oneStarWords,
  waitingForRatingList,
  type SupplyAxis,
  type SupplyLevel,
} from '~/starter/supply'
import { getSupplyDashboard } from '~/starter/supply.server'
import { triageHref } from '~/starter/triage-progress'
import { HeatMap } from '~/starter/ui/heat-map'
import { NothingRatedNotice } from '~/starter/ui/nothing-rated'
import { readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const requested = readQuery(request).get('axis')
  const axis: SupplyAxis = SUPPLY_AXES.find((candidate) => candidate === requested) ?? 'max'
  const { domains, languageName } = getStarterSettings()
  const { matrix, history, demoRated, isAnyRated } = await getSupplyDashboard(domains, axis)
  return json({
    axis,
    ignoredAxis: requested !== null && requested !== axis ? requested : null,
    languageName,
    matrix,
    history,
    demoRated,
    // Before the first rating every domain would be marked run dry or waiting for a rating: the
    // page says why once instead.
    dryDomains: isAnyRated ? matrix.dryDomains : [],
    waitingForRating: isAnyRated ? matrix.waitingForRating : [],
    isAnyRated,
  })
}

function axisName(axis: SupplyAxis, languageName: string) {
  return axis === 'max' ? 'Harder of the two' : ratingAxisName(axis, languageName)
}

function levelLabel(level: SupplyLevel) {
  return level === 'unrated' ? 'Unrated' : `${level}★`
}

export default function StarterSupplyRoute() {
  const {
    axis,
    ignoredAxis,
    languageName,
    matrix,
    history,
    demoRated,
    dryDomains,
    waitingForRating,
    isAnyRated,
  } = useLoaderData<typeof loader>()
  const isMaintainer = useRootData()?.user?.role === 'maintainer'
  const axisWords =
    axis === 'max'
      ? `the harder of the two ratings (${axisNameInSentence('language', languageName)} and ${axisNameInSentence('domain', languageName)})`
      : `the ${axisNameInSentence(axis, languageName)} rating`
  const dryWords = oneStarWords(axis, languageName)

  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Starter project supply</h1>
      <p className="mt-1 text-slate-700">
        {matrix.total} open project{matrix.total === 1 ? '' : 's'} nobody is working on, of which{' '}
        {matrix.oneStar} {matrix.oneStar === 1 ? 'is' : 'are'} rated 1★ on at least one axis.
      </p>
      {demoRated > 0 ? (
        <Notice tone="info">
          {demoRated} of these {demoRated === 1 ? 'was' : 'were'} rated by a demo person: demo
          ratings, made to show the board at work, not the community&rsquo;s.
        </Notice>
      ) : null}

      {isAnyRated ? null : <NothingRatedNotice canTriage={isMaintainer} />}
      {dryDomains.length > 0 ? (
        <Notice tone="warning" as="div" className="mt-4">
          <p className="font-semibold text-red-800">
            1★ supply has run dry in {dryDomains.join(', ')}.
          </p>
          <p className="mt-1 text-red-900">
            No open, unclaimed project in{' '}
            {dryDomains.length === 1 ? 'this domain' : 'these domains'} is {dryWords}
            {axis === 'max'
              ? ', so a newcomer there has nothing easy to start with.'
              : ` (the 1★ column of this view).`}
            {isMaintainer ? (
              <>
                {' '}
                <Link to="/starter/candidates" className="underline">
                  Find candidates in the trackers
                </Link>{' '}
                or{' '}
                <Link to="/starter/new" className="underline">
                  tag a new project
                </Link>
                .
              </>
            ) : null}
          </p>
        </Notice>
      ) : null}

      {waitingForRating.length > 0 ? (
        <Notice tone="info">
          Not run dry but waiting for a rating: {waitingForRatingList(waitingForRating)}. None of
          their open, unclaimed projects is {dryWords} yet, but these are unrated: rating them may
          give a newcomer there something easy to start with.
          {isMaintainer ? (
            <>
              {' '}
              {/* The first domain named: triage narrowed to it, the others a click away there. */}
              <Link
                to={triageHref(waitingForRating[0]!.domain)}
                className="font-medium text-blue-700 underline"
              >
                Rate them in triage
              </Link>
              .
            </>
          ) : null}
        </Notice>
      ) : null}

      {ignoredAxis ? (
        <Notice tone="warning">
          <code>axis={ignoredAxis}</code> is not a view of this page (expected one of{' '}
          {SUPPLY_AXES.join(', ')}); showing the harder axis.
        </Notice>
      ) : null}

      <section aria-labelledby="map-heading" className="mt-6">
        <h2 id="map-heading" className="text-lg font-semibold">
          Open, unclaimed projects by domain and level
        </h2>
        <nav aria-label="Level shown" className="mt-2 flex flex-wrap gap-2 text-sm">
          {SUPPLY_AXES.map((candidate) => (
            <Link
              key={candidate}
              to={candidate === 'max' ? '?' : `?axis=${candidate}`}
              aria-current={candidate === axis ? 'page' : undefined}
              className={`rounded border px-2 py-1 ${candidate === axis ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white hover:bg-slate-100'}`}
              preventScrollReset
            >
              {axisName(candidate, languageName)}
            </Link>
          ))}
        </nav>
        <p className="mt-2 text-sm text-slate-600">
          Level = {axisWords}
          {axis === 'max'
            ? `: a project rated ${languageName} 1★ and domain 3★ counts as 3★, and it counts as unrated when either rating is missing (the missing one could be the hard one).`
            : '.'}{' '}
          {SUPPLY_DOMAIN_RULE} Claimed, done and inactive projects are left out. A domain marked ⚠
          has 0 in its 1★ column here and no unrated project a rating could put there: no open,
          unclaimed project {dryWords}, nor one that may prove so.
        </p>
        <HeatMap
          className="mt-3"
          title={`Open, unclaimed starter projects by domain and level (${axis === 'max' ? 'the harder of the two' : axisNameInSentence(axis, languageName)})`}
          description={`${matrix.total} projects over ${matrix.rows.length} domains. Darker cells hold more projects.${dryDomains.length > 0 ? ` No project ${dryWords} in: ${dryDomains.join(', ')}.` : ''}`}
          rowHeader="Domain"
          columns={SUPPLY_LEVELS.map((level) => ({ key: level, label: levelLabel(level) }))}
          rows={matrix.rows.map((row) => ({
            key: row.domain,
            label: row.isConfigured ? row.domain : `${row.domain} (no longer a domain)`,
            flag: dryDomains.includes(row.domain) ? `no project ${dryWords}` : null,
          }))}
          cells={matrix.rows.map((row) =>
            SUPPLY_LEVELS.map((level) => ({
              value: row.cells[level],
              description: `${row.cells[level]} project${row.cells[level] === 1 ? '' : 's'}`,
            })),
          )}
        />
      </section>

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-lg font-semibold">
          Supply over time
        </h2>
        {history.length <= 1 ? (
          <p className="mt-1 text-sm text-slate-600">
            History starts today: the board records the supply once a day, and this chart grows from
            here.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            One point per recorded day over the last 90 days; today’s point is live.
          </p>
        )}
        <TimeSeriesChart
          className="mt-3"
          title="Open, unclaimed starter projects over the last 90 days"
          description={
            history.length > 0
              ? `From ${history[0]!.total} projects (${history[0]!.oneStar} rated 1★ on an axis) on ${history[0]!.day} to ${history.at(-1)!.total} (${history.at(-1)!.oneStar}) on ${history.at(-1)!.day}.`
              : 'No history yet.'
          }
          series={[
            { key: 'total', label: 'All open, unclaimed', color: '#1d4ed8' },
            { key: 'oneStar', label: '1★ on either axis', color: '#b45309' },
          ]}
          points={history.map((point) => ({
            day: point.day,
            values: { total: point.total, oneStar: point.oneStar },
          }))}
        />
      </section>

      <p className="mt-8 text-sm text-slate-600">
        See also{' '}
        <Link to="/starter/rubric" className="text-blue-700 underline">
          how we rate difficulty
        </Link>
        {isMaintainer ? (
          <>
            , the{' '}
            <Link to="/starter/gaps" className="text-blue-700 underline">
              gap dashboard
            </Link>{' '}
            and the{' '}
            <Link to="/starter/candidates" className="text-blue-700 underline">
              candidates from the trackers
            </Link>
          </>
        ) : null}
        .
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Starter project supply · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
