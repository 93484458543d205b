import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef, type FormEvent } from 'react'

import { getCurrentUser } from '~/accounts/auth.server'
import { IssueState } from '~/components/issue-state'
import { LabelChip } from '~/components/label-chip'
import { IgnoredParameters } from '~/components/notice'
import { Pager } from '~/components/pager'
import { describeBoardClock } from '~/mirror/board-clock'
import { getBoardClock } from '~/mirror/board-clock.server'
import { queryBoard } from '~/mirror/board.server'
import {
  describeActiveFilters,
  describeStaleFilter,
  encodeIssueCursor,
  ISSUE_SORTS,
  ISSUE_SEARCH_EXAMPLE,
  issueFiltersToSearchParams,
  parseIssueFilters,
  parseStaleFilter,
  sidebarOrder,
  staleMonthChoices,
  type IssueFilters,
} from '~/mirror/issue-filters'
import { staleCutoff } from '~/mirror/issue.server'
import { listLabelNames } from '~/mirror/label.server'
import { holdsDemoRepositories, listRepositoriesWithCounts } from '~/mirror/repository.server'
import { stalePath } from '~/mirror/stale-path'
import { countRepositoriesAwaitingFirstSync } from '~/mirror/sync-state.server'
import { ActivityTime, OrLaterNote } from '~/mirror/ui/recorded-history'
import { pageTitle } from '~/setup/board-name'
import { withStarterStatus } from '~/starter/issue-status.server'
import { getStarterSettings } from '~/starter/settings.server'
import { IssueStarterStatusLine } from '~/starter/ui/issue-starter-status'
import { FirstSyncNotice } from '~/sync/ui/first-sync-notice'
import { getEnv } from '~/utils/env.server'
import { countOf } from '~/utils/format'
import { badRequestPage } from '~/utils/http.server'
import { readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readQuery(request)
  const { filters, problems } = parseIssueFilters(params)
  const defaultStaleMonths = getEnv().STALE_AFTER_MONTHS
  // The board's form sends its months select whenever it is enabled, so unticking "Only stale"
  // and pressing Apply without JavaScript sends `months` alone: here that means "not stale", not
  // the API's 400 for a measure with nothing to measure.
  if (!params.has('stale')) params.delete('months')
  // The API's reading of `stale` and `months`, not a copy. A bad value is refused rather than
  // ignored as the other filters are: ignored, it would list fresh work as if it were stale.
  const staleFilter = parseStaleFilter(params, {
    defaultMonths: defaultStaleMonths,
    state: filters.state,
  })
  if (staleFilter.problems.length > 0) throw badRequestPage(staleFilter.problems)
  // Triage candidates are a maintainer's to see: an anonymous page (the one the page cache shares)
  // never holds them. Read without a query when no one is signed in.
  const user = await getCurrentUser(request)
  const isMaintainer = user?.role === 'maintainer'
  // Measured as /issues/stale and the API measure: from the data's own time on a board that does
  // not sync (decision 012), so the three list the same items. Candidates are measured on it too,
  // as the triage queue measures them.
  const clock = staleFilter.months === null && !isMaintainer ? null : await getBoardClock()
  const stale =
    clock && staleFilter.months !== null
      ? {
          months: staleFilter.months,
          cutoff: staleCutoff(staleFilter.months, clock.now),
          clock,
        }
      : null
  const [board, repositories, labelNames, holdsDemo, firstSync] = await Promise.all([
    queryBoard({ ...filters, stale: stale && { months: stale.months, now: stale.clock.now } }),
    listRepositoriesWithCounts(),
    listLabelNames(),
    holdsDemoRepositories(),
    countRepositoriesAwaitingFirstSync(),
  ])
  // The page's starter projects (and candidates) in one statement keyed by its issues, never per card.
  const issues = await withStarterStatus(
    board.items,
    isMaintainer && clock ? { activeMonths: defaultStaleMonths, now: clock.now } : null,
  )
  const shown: IssueFilters = { ...filters, repos: board.repos }
  const staleMonths = stale?.months ?? null
  // The folded filters' one line: what is in force. Repositories that match none are left out
  // beside a known one, but alone they emptied the list, so they are named rather than "none".
  const namesOnlyUnknownRepos = board.repos.length === 0 && filters.repos.length > 0
  const inForce = namesOnlyUnknownRepos ? { ...shown, repos: filters.repos } : shown
  return json({
    filters: { ...shown, cursor: null },
    filtersInForce: describeActiveFilters(inForce, stale),
    stale: stale
      ? {
          months: stale.months,
          words: describeStaleFilter(stale),
          clockNote: describeBoardClock(stale.clock),
          // The stale page shows one repository or all, by type: the board's other filters stay here.
          stalePage: stalePath({
            repo: shown.repos.length === 1 ? shown.repos[0] : null,
            months: stale.months,
            type: shown.type,
          }),
        }
      : null,
    staleMonthChoices: staleMonthChoices(defaultStaleMonths, ...(stale ? [stale.months] : [])),
    defaultStaleMonths,
    isFirstPage: filters.cursor === null,
    issues,
    languageName: getStarterSettings().languageName,
    nextPage: board.nextCursor
      ? `?${issueFiltersToSearchParams({ ...shown, staleMonths, cursor: board.nextCursor })}`
      : null,
    firstPage: `?${issueFiltersToSearchParams({ ...shown, staleMonths, cursor: null })}`,
    // For an empty result: the same filters with closed items too. Not when only unknown
    // repositories emptied it: closed items would not help, and the link would drop them. Nor with
    // the stale filter: stale work is open work, so closed items would add nothing.
    withClosed:
      shown.state === 'open' && !namesOnlyUnknownRepos && !stale
        ? `?${issueFiltersToSearchParams({ ...shown, state: 'all', cursor: null })}`
        : null,
    nextCursor: board.nextCursor ? encodeIssueCursor(board.nextCursor) : null,
    ignored: [...problems, ...board.problems],
    matching: board.total,
    repositories: sidebarOrder(repositories, shown.repos),
    labelNames,
    // The demo's repositories are copies, never synced: the page says so, as the label pages do.
    source: holdsDemo
      ? 'in the MirageOS demo’s copies of its repositories (never synced with GitHub)'
      : 'mirrored from GitHub',
    firstSync,
  })
}

const SORT_LABELS: Record<(typeof ISSUE_SORTS)[number], string> = {
  updated: 'Recently updated',
  newest: 'Newest',
  oldest: 'Oldest',
}

export default function IssuesBoardRoute() {
  const data = useLoaderData<typeof loader>()
  const { filters } = data
  const submit = useSubmit()
  const navigation = useNavigation()
  const isLoading = navigation.state === 'loading'
  const filtersRef = useRef<HTMLDetailsElement>(null)

  // Wide screens show the filters unfolded beside the results (Tailwind's lg breakpoint), open in
  // name too, for browsers that cannot unfold them by CSS. Once only: a tablet turned upright
  // keeps them unfolded, and one folded on a phone stays folded as filters apply.
  useEffect(() => {
    if (filtersRef.current && window.matchMedia('(min-width: 1024px)').matches) {
      filtersRef.current.open = true
    }
  }, [])

  // Every filter applies once it is chosen: a box ticked, an option picked, typed text finished
  // (a text field's change fires on Enter or on leaving it, not on every key). Apply stays for
  // browsers without JavaScript.
  function submitOnChoice(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget
    const choices = new FormData(form)
    // `months` measures stale work, so it goes with the stale box and never without it (the API
    // refuses it alone; the board ignores it). A box just ticked takes the months the select shows,
    // which Apply without JavaScript does not send while the select is still disabled.
    const months = form.elements.namedItem('months')
    if (choices.has('stale') && months instanceof HTMLSelectElement) {
      choices.set('months', months.value)
    } else choices.delete('months')
    submit(choices, { preventScrollReset: true })
  }
  const isStale = data.stale !== null

  const totalOpen = data.repositories.reduce(
    (sum, repo) => sum + repo.open_issue_count + repo.open_pull_count,
    0,
  )

  return (
    <div>
      <h1 className="text-2xl font-bold">Issues across {data.repositories.length} repositories</h1>
      <p className="mt-1 text-sm text-slate-600">
        {totalOpen} open issues and pull requests in all, {data.source}.
      </p>
      <p role="status" className="mt-1 text-sm font-medium">
        {countOf(data.matching, 'issue or pull request', 'issues and pull requests')}{' '}
        {data.matching === 1 ? 'matches' : 'match'} these filters.
      </p>
      <FirstSyncNotice progress={data.firstSync} />

      <Form
        method="get"
        id="filters"
        onChange={submitOnChoice}
        className="mt-4 gap-x-6 lg:grid lg:grid-cols-[16rem_1fr] lg:grid-rows-[auto_1fr]"
        aria-label="Filter issues"
      >
        {/* A phone folds the filters under one line so the first results show on its first
            screen; a wide screen lays them out beside the results (CSS, before any script runs,
            where the browser can style a details' content; the effect above where it cannot). */}
        <details
          ref={filtersRef}
          className="group lg:contents lg:[&::details-content]:contents lg:[&::details-content]:[content-visibility:visible]"
        >
          <summary className="flex min-h-[2.75rem] cursor-pointer items-center gap-2 rounded border border-slate-300 bg-white px-3 py-2 text-sm lg:hidden">
            <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">
              ▸
            </span>
            <span className="font-semibold">Filters</span>
            <span className="min-w-0 flex-1 truncate text-slate-600">
              {data.filtersInForce.length > 0 ? data.filtersInForce.join(' · ') : 'none'}
            </span>
          </summary>
          <aside aria-labelledby="repos-heading" className="mt-4 lg:row-span-2 lg:mt-0">
            <h2 id="repos-heading" className="text-sm font-semibold uppercase text-slate-500">
              Repositories ({data.repositories.length})
            </h2>
            <ul className="mt-2 max-h-40 space-y-1 overflow-y-auto pr-1 text-sm lg:max-h-[28rem]">
              {data.repositories.map((repo) => (
                <li key={repo.id}>
                  <label className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-100">
                    <input
                      type="checkbox"
                      name="repo"
                      value={repo.full_name}
                      defaultChecked={filters.repos.some(
                        (name) => name.toLowerCase() === repo.full_name.toLowerCase(),
                      )}
                    />
                    <span className="min-w-0 flex-1 truncate">{repo.full_name}</span>
                    <span
                      className="text-xs tabular-nums text-slate-500"
                      title={`${repo.open_issue_count} open issues, ${repo.open_pull_count} open pull requests`}
                    >
                      {repo.open_issue_count}/{repo.open_pull_count}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-slate-500">Counts: open issues / open pull requests.</p>
          </aside>
          <div className="mt-6 min-w-0 lg:col-start-2 lg:mt-0">
            <div className="flex flex-wrap items-end gap-3">
              <label className="flex min-w-[12rem] flex-1 flex-col text-sm">
                <span className="font-medium">Search titles and bodies</span>
                <input
                  type="search"
                  name="q"
                  defaultValue={filters.q ?? ''}
                  placeholder={`e.g. ${ISSUE_SEARCH_EXAMPLE}`}
                  aria-describedby="search-syntax"
                  className="mt-1 rounded border border-slate-300 px-2 py-1"
                />
                <span id="search-syntax" className="mt-0.5 text-xs text-slate-500">
                  Words match their beginnings (mem finds memory); &quot;a phrase&quot;; -word
                  leaves out.
                </span>
              </label>
              <label className="flex flex-col text-sm">
                <span className="font-medium">Author</span>
                <input
                  type="text"
                  name="author"
                  defaultValue={filters.author ?? ''}
                  placeholder="GitHub login"
                  className="mt-1 w-36 rounded border border-slate-300 px-2 py-1"
                />
              </label>
              <Select name="state" label="State" value={filters.state}>
                <option value="open">Open</option>
                {/* Stale work is open work: the two are not offered together (the filter refuses them). */}
                <option value="closed" disabled={isStale}>
                  {isStale ? 'Closed (not with stale)' : 'Closed'}
                </option>
                <option value="all">All</option>
              </Select>
              <Select name="type" label="Type" value={filters.type}>
                <option value="all">Issues and PRs</option>
                <option value="issue">Issues</option>
                <option value="pr">Pull requests</option>
              </Select>
              <StaleControl
                months={data.stale?.months ?? data.defaultStaleMonths}
                choices={data.staleMonthChoices}
                isStale={isStale}
                isClosedOnly={filters.state === 'closed'}
              />
              <Select name="sort" label="Sort" value={filters.sort}>
                {ISSUE_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </Select>
              <button
                type="submit"
                className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
              >
                Apply
              </button>
            </div>

            <details className="mt-3 text-sm" open={filters.labels.length > 0}>
              <summary className="cursor-pointer font-medium">
                Labels{filters.labels.length > 0 ? ` (${filters.labels.join(', ')})` : ''}
              </summary>
              <fieldset className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                <legend className="sr-only">Show issues with all of these labels</legend>
                {data.labelNames.map((name) => (
                  <label key={name} className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      name="label"
                      value={name}
                      defaultChecked={filters.labels.some(
                        (label) => label.toLowerCase() === name.toLowerCase(),
                      )}
                    />
                    {name}
                  </label>
                ))}
              </fieldset>
            </details>
          </div>
        </details>

        <div className="min-w-0 lg:col-start-2">
          {data.stale ? (
            <section
              aria-label="Stale filter"
              className="mt-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm"
            >
              <p>
                Only stale work: open items with {data.stale.words}.{' '}
                <Link to={data.stale.stalePage} className="text-blue-700 underline">
                  Stale work by repository
                </Link>
              </p>
              {data.stale.clockNote ? (
                <p className="mt-1 text-xs text-slate-600">{data.stale.clockNote}</p>
              ) : null}
            </section>
          ) : null}
          <IgnoredParameters heading="Some filters could not be used:" problems={data.ignored} />

          <IssueList
            issues={data.issues}
            isLoading={isLoading}
            withClosed={data.withClosed}
            isMirrorEmpty={data.repositories.length === 0}
            isFirstSyncRunning={data.firstSync.awaiting > 0}
            languageName={data.languageName}
          />
          {data.issues.some((issue) => !issue.history_recorded) ? <OrLaterNote /> : null}

          <Pager
            isFirstPage={data.isFirstPage}
            firstPage={data.firstPage}
            nextPage={data.nextPage}
          />
          <p className="mt-4 text-sm">
            <a
              href={`/api/issues${data.firstPage === '?' ? '' : data.firstPage}`}
              className="text-blue-700 underline"
            >
              These issues as JSON
            </a>
          </p>
        </div>
      </Form>
    </div>
  )
}

function Select({
  name,
  label,
  value,
  children,
}: {
  name: string
  label: string
  value: string
  children: React.ReactNode
}) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium">{label}</span>
      <select
        name={name}
        defaultValue={value}
        key={value}
        className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
      >
        {children}
      </select>
    </label>
  )
}

/**
 * "Only stale: no activity for N months": the stale page's measure as a filter of the board. The
 * months are sent only with the box ticked (see submitOnChoice), and the box is not offered with
 * closed items only, which it would contradict.
 */
function StaleControl({
  months,
  choices,
  isStale,
  isClosedOnly,
}: {
  months: number
  choices: number[]
  isStale: boolean
  isClosedOnly: boolean
}) {
  return (
    <div className="flex flex-col text-sm">
      <span className="font-medium">Stale work</span>
      <span className="mt-1 flex items-center gap-2">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            name="stale"
            value="true"
            defaultChecked={isStale}
            key={String(isStale)}
            disabled={isClosedOnly}
            aria-describedby={isClosedOnly ? 'stale-closed' : undefined}
          />
          Only stale: no activity for
        </label>
        <select
          name="months"
          aria-label="Months without activity"
          defaultValue={months}
          key={months}
          disabled={!isStale}
          className="rounded border border-slate-300 bg-white px-2 py-1 disabled:text-slate-400"
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice} months
            </option>
          ))}
        </select>
      </span>
      {isClosedOnly ? (
        <span id="stale-closed" className="mt-0.5 text-xs text-slate-500">
          Stale work is open work: choose Open or All.
        </span>
      ) : null}
    </div>
  )
}

type BoardIssue = ReturnType<typeof useLoaderData<typeof loader>>['issues'][number]

function IssueList({
  issues,
  isLoading,
  withClosed,
  isMirrorEmpty,
  isFirstSyncRunning,
  languageName,
}: {
  issues: BoardIssue[]
  isLoading: boolean
  /** The same filters with closed items too, when only open ones were asked for. */
  withClosed: string | null
  /** No repository is mirrored at all: no filter is to blame. */
  isMirrorEmpty: boolean
  /** Some repositories are still on their first sync: what matches may not have arrived yet. */
  isFirstSyncRunning: boolean
  languageName: string
}) {
  if (isMirrorEmpty) {
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        No repository is mirrored yet, so there is nothing to list.{' '}
        <Link to="/sync" className="text-blue-700 underline">
          How the mirror syncs
        </Link>
        .
      </p>
    )
  }
  if (issues.length === 0) {
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        {isFirstSyncRunning
          ? 'No issues match these filters so far: more arrive as the first sync goes on.'
          : 'No issues match these filters.'}{' '}
        {withClosed ? (
          <>
            Only open items are shown:{' '}
            <Link to={withClosed} className="text-blue-700 underline">
              include closed ones
            </Link>{' '}
            or{' '}
          </>
        ) : null}
        <Link to="/issues" className="text-blue-700 underline">
          {withClosed ? 'clear all filters' : 'Clear all filters'}
        </Link>
        .
      </p>
    )
  }
  return (
    <ul
      aria-label="Issues"
      aria-busy={isLoading}
      className={`mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white ${isLoading ? 'opacity-60' : ''}`}
    >
      {issues.map((issue) => (
        <li key={issue.id} className="px-3 py-2">
          <div className="flex flex-wrap items-center gap-2">
            <IssueState
              state={issue.state}
              isPullRequest={issue.is_pull_request}
              mergedAt={issue.merged_at}
            />
            <span className="text-xs text-slate-500">{issue.repo}</span>
            <Link
              to={`/repos/${issue.repo}/issues/${issue.number}`}
              className="font-medium text-blue-700 hover:underline"
            >
              {issue.title}
            </Link>
            {issue.labels.map((label) => (
              <LabelChip key={label.name} name={label.name} color={label.color} />
            ))}
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            #{issue.number}
            {issue.author_login ? ` by ${issue.author_login}` : ''} · updated{' '}
            <ActivityTime at={issue.updated_at} recorded={issue.history_recorded} />
            {issue.comment_count > 0 ? ` · ${issue.comment_count} comments` : ''}
          </p>
          {issue.starter ? (
            <p className="mt-1">
              <IssueStarterStatusLine status={issue.starter} languageName={languageName} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Issues · Pioneer Board', matches) },
]
