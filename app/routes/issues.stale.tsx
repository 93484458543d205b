import {
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  type SerializeFrom,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { getCurrentUser } from '~/accounts/auth.server'
import { Notice } from '~/components/notice'
import { Pager } from '~/components/pager'
import { describeBoardClock } from '~/mirror/board-clock'
import { getBoardClock } from '~/mirror/board-clock.server'
import { listFreshIssues } from '~/mirror/fresh-work.server'
import {
  ISSUE_TYPES,
  parseStaleMonths,
  STALE_MONTHS,
  staleMonthChoices,
  type IssueTypeFilter,
} from '~/mirror/issue-filters'
import {
  decodeStaleCursor,
  encodeStaleCursor,
  listStaleIssues,
  listStaleIssuesIn,
  staleCutoff,
} from '~/mirror/issue.server'
import { getRepositoryByFullName } from '~/mirror/repository.server'
import { staleBoardPath, stalePath } from '~/mirror/stale-path'
import { ActivityTime, OrLaterNote } from '~/mirror/ui/recorded-history'
import { pageTitle } from '~/setup/board-name'
import { getStarterStatusOfIssues, type IssueStarterStatus } from '~/starter/issue-status.server'
import { getStarterSettings } from '~/starter/settings.server'
import { tagAsStarterProjectHref } from '~/starter/tag-link'
import { IssueStarterStatusLine } from '~/starter/ui/issue-starter-status'
import { getEnv } from '~/utils/env.server'
import { countOf, formatDate } from '~/utils/format'
import { GITHUB_FULL_NAME } from '~/utils/github-names'
import { readQuery } from '~/utils/request-input.server'

const PER_REPOSITORY = 5
const FRESH_SHOWN = 10
// Hundreds of repositories with stale work would make one huge page; show them in pages.
const REPOSITORIES_PER_PAGE = 30
// One repository's stale items (`?repo=`): all of them, oldest first, a page at a time.
const ITEMS_PER_PAGE = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readQuery(request)
  const ignored: string[] = []
  let months = getEnv().STALE_AFTER_MONTHS
  const monthsParam = params.get('months')
  if (monthsParam !== null) {
    const parsed = parseStaleMonths(monthsParam)
    if (parsed !== null) months = parsed
    else
      ignored.push(
        `months "${monthsParam}" is not a whole number from ${STALE_MONTHS.min} to ${STALE_MONTHS.max}`,
      )
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
  const repository = await readRepository(params, ignored)
  const cursorParam = params.get('cursor')
  const cursor = repository ? decodeStaleCursor(cursorParam) : null
  if (cursorParam !== null && cursor === null)
    ignored.push(
      repository
        ? 'cursor is not one this page wrote, so the list starts from its oldest item'
        : 'cursor pages one repository’s list (with repo), so it does not apply here',
    )
  // Measured from the data's own time on a board that does not sync (decision 012).
  const [clock, user] = await Promise.all([getBoardClock(), getCurrentUser(request)])
  const isMaintainer = user?.role === 'maintainer'
  // Each listed item's starter status, stale and fresh alike, in one statement for the page.
  // Triage candidates only for a maintainer, measured as the triage queue measures them.
  const starterStatusOf = (ids: number[]) =>
    getStarterStatusOfIssues(
      ids,
      isMaintainer ? { activeMonths: getEnv().STALE_AFTER_MONTHS, now: clock.now } : null,
    )
  const measure = {
    months,
    type,
    cutoff: staleCutoff(months, clock.now),
    clockNote: describeBoardClock(clock),
    ignored,
    languageName: getStarterSettings().languageName,
    // Back to every repository, on the same measure.
    allRepositories: stalePath({ months, type }),
  }
  if (repository) {
    const [stale, fresh] = await Promise.all([
      listStaleIssuesIn({
        repositoryId: repository.id,
        months,
        type,
        limit: ITEMS_PER_PAGE,
        cursor,
        now: clock.now,
      }),
      listFreshIssues({
        months,
        type,
        limit: FRESH_SHOWN,
        now: clock.now,
        repositoryId: repository.id,
      }),
    ])
    const here = stalePath({ repo: repository.full_name, months, type })
    const statuses = await starterStatusOf([...stale.items, ...fresh.items].map((item) => item.id))
    return json({
      ...measure,
      repository: {
        name: repository.full_name,
        historyRecorded: repository.history_recorded,
        totalStale: stale.total,
        items: stale.items.map((item) =>
          withActions({ ...item, repo: repository.full_name }, statuses, isMaintainer),
        ),
        isFirstPage: cursor === null,
        firstPage: here,
        nextPage: stale.nextCursor ? `${here}&cursor=${encodeStaleCursor(stale.nextCursor)}` : null,
        // The same items on the board, where labels, authors and search narrow them further.
        onBoard: staleBoardPath({ repo: repository.full_name, months, type }),
      },
      totalRepositories: stale.total > 0 ? 1 : 0,
      totalStale: stale.total,
      // The grouped list's shape, empty: this view lists one repository's items instead.
      repositories: [] as StaleRepository[],
      fresh: withFreshStatus(fresh, statuses),
      allFresh: `/issues?repo=${encodeURIComponent(repository.full_name)}&sort=updated`,
      previousPage: null,
      nextPage: null,
    })
  }
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
  const statuses = await starterStatusOf([
    ...stale.repositories.flatMap((repo) => repo.issues.map((issue) => issue.id)),
    ...fresh.items.map((item) => item.id),
  ])
  const pageLink = (target: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(target))
    // An ignored repository or cursor is not carried on to the next page.
    next.delete('repo')
    next.delete('cursor')
    return `?${next}`
  }
  return json({
    ...measure,
    repository: null,
    ...stale,
    repositories: stale.repositories.map((repo) =>
      repositoryView(repo, { months, type, statuses, isMaintainer }),
    ),
    fresh: withFreshStatus(fresh, statuses),
    allFresh: '/issues?sort=updated',
    previousPage: page > 1 ? pageLink(page - 1) : null,
    nextPage: page * REPOSITORIES_PER_PAGE < stale.totalRepositories ? pageLink(page + 1) : null,
  })
}

type StaleRepository = ReturnType<typeof repositoryView>

/** One repository of the grouped list, its oldest items with what can be done about them. */
function repositoryView(
  repo: Awaited<ReturnType<typeof listStaleIssues>>['repositories'][number],
  {
    months,
    type,
    statuses,
    isMaintainer,
  }: {
    months: number
    type: IssueTypeFilter
    statuses: Map<number, IssueStarterStatus>
    isMaintainer: boolean
  },
) {
  return {
    ...repo,
    issues: repo.issues.map((issue) =>
      withActions({ ...issue, repo: repo.repo }, statuses, isMaintainer),
    ),
    allStale: stalePath({ repo: repo.repo, months, type }),
    onBoard: staleBoardPath({ repo: repo.repo, months, type }),
  }
}

type StaleItem = {
  id: number
  repo: string
  number: number
  is_pull_request: boolean
  html_url: string
}

/**
 * A stale item with its starter status and, for a maintainer, what the board lets her do about
 * it from here: nudge or close it on GitHub (the board writes no comments and closes nothing
 * itself), and offer it to newcomers: triage it when it is a candidate (its status links there),
 * tag it as a starter project when it is an issue that is neither a project nor a candidate.
 */
function withActions<Item extends StaleItem>(
  item: Item,
  statuses: Map<number, IssueStarterStatus>,
  isMaintainer: boolean,
) {
  const starter = statuses.get(item.id) ?? null
  return {
    ...item,
    starter,
    actions: isMaintainer
      ? {
          // The link comes from a payload; only an https address may become a link.
          onGitHub: item.html_url.startsWith('https://') ? item.html_url : null,
          tag:
            !item.is_pull_request && starter === null
              ? tagAsStarterProjectHref(item.repo, item.number)
              : null,
        }
      : null,
  }
}

function withFreshStatus<Fresh extends { items: { id: number }[] }>(
  fresh: Fresh,
  statuses: Map<number, IssueStarterStatus>,
) {
  return {
    ...fresh,
    items: fresh.items.map((item) => ({ ...item, starter: statuses.get(item.id) ?? null })),
  }
}

/**
 * The one repository `repo` names, when it is a mirrored one. A malformed or unknown name, or a
 * second one, is said among the ignored parameters, and the page lists every repository.
 */
async function readRepository(params: URLSearchParams, ignored: string[]) {
  const [name, ...more] = params
    .getAll('repo')
    .map((value) => value.trim())
    .filter((value) => value !== '')
  if (name === undefined) return null
  const quoted = (value: string) => `"${value.length > 100 ? `${value.slice(0, 100)}…` : value}"`
  if (more.length > 0)
    ignored.push(`repo ${more.map(quoted).join(', ')}: the page shows one repository at a time`)
  if (!GITHUB_FULL_NAME.test(name)) {
    ignored.push(`repo ${quoted(name)} is not a repository name (owner/name)`)
    return null
  }
  const repository = await getRepositoryByFullName(name)
  if (!repository) ignored.push(`no mirrored repository is named ${quoted(name)}`)
  return repository ?? null
}

export default function StaleIssuesRoute() {
  const data = useLoaderData<typeof loader>()
  const monthChoices = staleMonthChoices(data.months)
  return (
    <div>
      <h1 className="text-2xl font-bold">
        Stale work{data.repository ? ` in ${data.repository.name}` : null}
      </h1>
      {data.repository ? (
        <p className="mt-1 text-sm">
          <Link to={data.allRepositories} className="text-blue-700 underline">
            ← Stale work in all repositories
          </Link>
        </p>
      ) : null}
      <p className="mt-1 text-sm text-slate-600">
        {countOf(data.totalStale, 'open item')} untouched since {formatDate(data.cutoff)} (
        {countOf(data.months, 'month')}),{' '}
        {data.repository
          ? `in ${data.repository.name}, oldest first`
          : `across ${countOf(data.totalRepositories, 'repository', 'repositories')}`}
        . Close them, or give them a nudge.{' '}
        {data.fresh.totalFresh === 1
          ? '1 open item was touched since.'
          : `${data.fresh.totalFresh} open items were touched since.`}
      </p>
      {data.clockNote ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="board-clock">
          {data.clockNote}
        </p>
      ) : null}
      {data.repository?.historyRecorded === false ||
      data.repositories.some((repo) => !repo.history_recorded) ||
      data.fresh.items.some((issue) => !issue.history_recorded) ? (
        <OrLaterNote />
      ) : null}
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        {data.repository ? <input type="hidden" name="repo" value={data.repository.name} /> : null}
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
      {data.repository ? (
        <RepositoryStaleItems
          repository={data.repository}
          months={data.months}
          languageName={data.languageName}
        />
      ) : data.repositories.length === 0 ? (
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
                    <StaleItemStatus item={issue} languageName={data.languageName} />
                  </li>
                ))}
              </ul>
              <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
                {repo.stale_count > repo.issues.length ? (
                  <Link to={repo.allStale} className="text-blue-700 underline">
                    All {repo.stale_count} stale items in {repo.repo}
                  </Link>
                ) : null}
                <Link to={repo.onBoard} className="text-blue-700 underline">
                  See these on the board
                  <span className="sr-only"> ({repo.repo})</span>
                </Link>
              </p>
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
            No open item{data.repository ? ` in ${data.repository.name}` : null} was touched in the
            last {data.months} months.
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
                {issue.starter ? (
                  <IssueStarterStatusLine
                    status={issue.starter}
                    languageName={data.languageName}
                    className="basis-full"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {data.fresh.totalFresh > data.fresh.items.length ? (
          <p className="mt-1 text-sm">
            <Link to={data.allFresh} className="text-blue-700 underline">
              All open items{data.repository ? ` in ${data.repository.name}` : null}, most recently
              updated first
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

/** One repository's stale items, all of them, oldest first, a page at a time. */
function RepositoryStaleItems({
  repository,
  months,
  languageName,
}: {
  repository: NonNullable<SerializeFrom<typeof loader>['repository']>
  months: number
  languageName: string
}) {
  if (repository.totalStale === 0)
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        Nothing is stale in {repository.name}. Every open item there was touched in the last{' '}
        {months} months.
      </p>
    )
  return (
    <section aria-labelledby="stale-items" className="mt-6">
      <h2 id="stale-items" className="sr-only">
        Stale items in {repository.name}
      </h2>
      <p className="mb-2 text-sm">
        <Link to={repository.onBoard} className="text-blue-700 underline">
          See these on the board
        </Link>
        , to narrow them by label, author or search
      </p>
      {repository.items.length === 0 ? (
        <p className="text-sm text-slate-600">No more stale items: this page is past the last.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
          {repository.items.map((issue) => (
            <li key={issue.number} className="flex flex-wrap gap-x-2 px-3 py-1.5">
              <span className="text-slate-500">{issue.is_pull_request ? 'PR' : 'Issue'}</span>
              <Link
                to={`/repos/${repository.name}/issues/${issue.number}`}
                className="text-blue-700 hover:underline"
              >
                {issue.title}
              </Link>
              <span className="text-slate-500">
                #{issue.number} · last touched{' '}
                <ActivityTime at={issue.updated_at} recorded={repository.historyRecorded} />
              </span>
              <StaleItemStatus item={issue} languageName={languageName} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        isFirstPage={repository.isFirstPage}
        firstPage={repository.firstPage}
        nextPage={repository.nextPage}
        nextLabel="Less stale items"
      />
    </section>
  )
}

/**
 * Under a stale item: what it is as starter work, and, for a maintainer, the ways to act on it
 * (the loader's `actions`: null for anyone else).
 */
function StaleItemStatus({
  item,
  languageName,
}: {
  item: NonNullable<SerializeFrom<typeof loader>['repository']>['items'][number]
  languageName: string
}) {
  const { starter, actions } = item
  if (!starter && !actions) return null
  return (
    <span className="flex basis-full flex-wrap items-center gap-x-3 gap-y-0.5 text-xs">
      {starter ? <IssueStarterStatusLine status={starter} languageName={languageName} /> : null}
      {actions?.tag ? (
        <Link to={actions.tag} className="text-blue-700 underline">
          Tag as starter project
          <span className="sr-only">
            {' '}
            ({item.repo}#{item.number})
          </span>
        </Link>
      ) : null}
      {actions?.onGitHub ? (
        <a href={actions.onGitHub} className="text-blue-700 underline" rel="noopener noreferrer">
          Nudge or close on GitHub
          <span className="sr-only">
            {' '}
            ({item.repo}#{item.number})
          </span>
        </a>
      ) : null}
    </span>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Stale work · Pioneer Board', matches) },
]
