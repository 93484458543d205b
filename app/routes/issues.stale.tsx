import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { Notice } from '~/components/notice'
import { describeBoardClock } from '~/mirror/board-clock'
import { getBoardClock } from '~/mirror/board-clock.server'
import { listFreshIssues } from '~/mirror/fresh-work.server'
import { ISSUE_TYPES, type IssueTypeFilter } from '~/mirror/issue-filters'
import { listStaleIssues, staleCutoff } from '~/mirror/issue.server'
import { ActivityTime, OrLaterNote } from '~/mirror/ui/recorded-history'
import { getEnv } from '~/utils/env.server'
import { countOf, formatDate } from '~/utils/format'
import { readQuery } from '~/utils/request-input.server'

const PER_REPOSITORY = 5
const FRESH_SHOWN = 10
// Hundreds of repositories with stale work would make one huge page; show them in pages.
const REPOSITORIES_PER_PAGE = 30
const MONTH_CHOICES = [3, 6, 12, 24, 36]

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readQuery(request)
  const ignored: string[] = []
  let months = getEnv().STALE_AFTER_MONTHS
  const monthsParam = params.get('months')
  if (monthsParam !== null) {
    const parsed = Number(monthsParam)
    if (/^\d+$/.test(monthsParam) && parsed >= 1 && parsed <= 120) months = parsed
    else ignored.push(`months "${monthsParam}" is not a whole number from 1 to 120`)
  }
  let type: IssueTypeFilter = 'all'
  const typeParam = params.get('type')
  if (typeParam !== null) {
    if ((ISSUE_TYPES as readonly string[]).includes(typeParam)) type = typeParam as IssueTypeFilter
    else ignored.push(`type "${typeParam}" is not one of ${ISSUE_TYPES.join(', ')}`)
  }
  let page = 1
  const pageParam = params.get('page')
  if (pageParam !== null) {
    const parsed = Number(pageParam)
    if (/^\d+$/.test(pageParam) && parsed >= 1 && parsed <= 10_000) page = parsed
    else ignored.push(`page "${pageParam}" is not a page number`)
  }
  // Measured from the data's own time on a board that does not sync (decision 012).
  const clock = await getBoardClock()
  const [stale, fresh] = await Promise.all([
    listStaleIssues({
      months,
      type,
      perRepository: PER_REPOSITORY,
      limit: REPOSITORIES_PER_PAGE,
      offset: (page - 1) * REPOSITORIES_PER_PAGE,
      now: clock.now,
    }),
    listFreshIssues({ months, type, limit: FRESH_SHOWN, now: clock.now }),
  ])
  const pageLink = (target: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(target))
    return `?${next}`
  }
  return json({
    months,
    type,
    cutoff: staleCutoff(months, clock.now),
    clockNote: describeBoardClock(clock),
    ignored,
    ...stale,
    fresh,
    previousPage: page > 1 ? pageLink(page - 1) : null,
    nextPage: page * REPOSITORIES_PER_PAGE < stale.totalRepositories ? pageLink(page + 1) : null,
  })
}

export default function StaleIssuesRoute() {
  const data = useLoaderData<typeof loader>()
  const monthChoices = [...new Set([...MONTH_CHOICES, data.months])].sort((a, b) => a - b)
  return (
    <div>
      <h1 className="text-2xl font-bold">Stale work</h1>
      <p className="mt-1 text-sm text-slate-600">
        {countOf(data.totalStale, 'open item')} untouched since {formatDate(data.cutoff)} (
        {countOf(data.months, 'month')}), across{' '}
        {countOf(data.totalRepositories, 'repository', 'repositories')}. Close them, or give them a
        nudge.{' '}
        {data.fresh.totalFresh === 1
          ? '1 open item was touched since.'
          : `${data.fresh.totalFresh} open items were touched since.`}
      </p>
      {data.clockNote ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="board-clock">
          {data.clockNote}
        </p>
      ) : null}
      {data.repositories.some((repo) => !repo.history_recorded) ||
      data.fresh.items.some((issue) => !issue.history_recorded) ? (
        <OrLaterNote />
      ) : null}
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="font-medium">Untouched for</span>
          <select
            name="months"
            defaultValue={data.months}
            className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
          >
            {monthChoices.map((months) => (
              <option key={months} value={months}>
                {months} months
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Type</span>
          <select
            name="type"
            defaultValue={data.type}
            className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
          >
            <option value="all">Issues and PRs</option>
            <option value="issue">Issues</option>
            <option value="pr">Pull requests</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
        >
          Show
        </button>
      </Form>
      {data.ignored.length > 0 ? (
        <Notice tone="warning">Ignored: {data.ignored.join('; ')}.</Notice>
      ) : null}
      {data.repositories.length === 0 ? (
        <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Nothing is stale. Every open item was touched in the last {data.months} months.
        </p>
      ) : (
        <div className="mt-6 space-y-6">
          {data.repositories.map((repo) => (
            <section key={repo.repo} aria-labelledby={`stale-${repo.repo}`}>
              <h2 id={`stale-${repo.repo}`} className="text-lg font-semibold">
                {repo.repo}{' '}
                <span className="text-sm font-normal text-slate-500">
                  {repo.stale_count} stale, oldest untouched since{' '}
                  <ActivityTime at={repo.oldest_updated_at} recorded={repo.history_recorded} />
                </span>
              </h2>
              <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
                {repo.issues.map((issue) => (
                  <li key={issue.number} className="flex flex-wrap gap-x-2 px-3 py-1.5">
                    <span className="text-slate-500">{issue.is_pull_request ? 'PR' : 'Issue'}</span>
                    <Link
                      to={`/repos/${repo.repo}/issues/${issue.number}`}
                      className="text-blue-700 hover:underline"
                    >
                      {issue.title}
                    </Link>
                    <span className="text-slate-500">
                      #{issue.number} · last touched{' '}
                      <ActivityTime at={issue.updated_at} recorded={repo.history_recorded} />
                    </span>
                  </li>
                ))}
              </ul>
              {repo.stale_count > repo.issues.length ? (
                <p className="mt-1 text-sm">
                  <Link
                    to={`/issues?repo=${encodeURIComponent(repo.repo)}&sort=oldest`}
                    className="text-blue-700 underline"
                  >
                    All {repo.stale_count} stale items in {repo.repo}
                  </Link>
                </p>
              ) : null}
            </section>
          ))}
        </div>
      )}
      <section aria-labelledby="fresh-heading" className="mt-8">
        <h2 id="fresh-heading" className="text-lg font-semibold">
          Fresh work{' '}
          <span className="text-sm font-normal text-slate-500">
            {countOf(data.fresh.totalFresh, 'open item')} touched since {formatDate(data.cutoff)}
          </span>
        </h2>
        {data.fresh.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            No open item was touched in the last {data.months} months.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
            {data.fresh.items.map((issue) => (
              <li
                key={`${issue.repo}#${issue.number}`}
                className="flex flex-wrap gap-x-2 px-3 py-1.5"
              >
                <span className="text-slate-500">{issue.is_pull_request ? 'PR' : 'Issue'}</span>
                <Link
                  to={`/repos/${issue.repo}/issues/${issue.number}`}
                  className="text-blue-700 hover:underline"
                >
                  {issue.title}
                </Link>
                <span className="text-slate-500">
                  {issue.repo}#{issue.number} · last touched{' '}
                  <ActivityTime at={issue.updated_at} recorded={issue.history_recorded} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {data.fresh.totalFresh > data.fresh.items.length ? (
          <p className="mt-1 text-sm">
            <Link to="/issues?sort=updated" className="text-blue-700 underline">
              All open items, most recently updated first
            </Link>
          </p>
        ) : null}
      </section>
      <nav aria-label="Pages" className="mt-6 flex gap-4 text-sm">
        {data.previousPage ? (
          <Link to={data.previousPage} className="text-blue-700 underline">
            ← More stale repositories
          </Link>
        ) : null}
        {data.nextPage ? (
          <Link to={data.nextPage} className="text-blue-700 underline">
            Less stale repositories →
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Stale work · Pioneer Board' }]
