import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { Pager } from '~/components/pager'
import { describeBoardClock } from '~/mirror/board-clock'
import { getBoardClock } from '~/mirror/board-clock.server'
import { pageTitle } from '~/setup/board-name'
import {
  CANDIDATE_POINTS,
  CANDIDATES_PAGE_SIZE,
  LATELY_DAYS,
  QUARTER_DAYS,
  SHORT_BODY_BYTES,
} from '~/starter/candidate-score'
import {
  decodeCandidateCursor,
  encodeCandidateCursor,
  getLatestOpenIssueActivity,
  listStarterCandidates,
} from '~/starter/candidate.server'
import { tagAsStarterProjectHref } from '~/starter/tag-link'
import { getEnv } from '~/utils/env.server'
import { formatDate } from '~/utils/format'
import { readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const cursorParam = readQuery(request).get('cursor')
  const cursor = decodeCandidateCursor(cursorParam)
  const activeMonths = getEnv().STALE_AFTER_MONTHS
  // "Updated in the last N months" counts from the data's own time on a board that does not
  // sync (decision 012).
  const clock = await getBoardClock()
  const page = await listStarterCandidates({ activeMonths, cursor, now: clock.now })
  const isEmpty = cursor === null && page.items.length === 0
  return json({
    activeMonths,
    clockNote: describeBoardClock(clock),
    // A mirror that has not synced lately (or the demo's snapshot) has nothing recent enough.
    latestActivity: isEmpty ? await getLatestOpenIssueActivity() : null,
    candidates: page.items,
    isFirstPage: cursor === null,
    ignoredCursor: cursorParam !== null && cursor === null,
    nextPage: page.nextCursor ? `?cursor=${encodeCandidateCursor(page.nextCursor)}` : null,
  })
}

export default function StarterCandidatesRoute() {
  const {
    activeMonths,
    clockNote,
    latestActivity,
    candidates,
    isFirstPage,
    ignoredCursor,
    nextPage,
  } = useLoaderData<typeof loader>()
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to="/starter/supply" className="text-blue-700 underline">
          Starter project supply
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Candidates from the trackers</h1>
      <p className="mt-1 text-slate-700">
        Open issues in the mirrored repositories that look like starter material and are not a
        starter project yet, best first. Tag one to put it in front of newcomers.
      </p>
      {clockNote ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="board-clock">
          {clockNote}
        </p>
      ) : null}
      <details className="mt-2 text-sm text-slate-600">
        <summary className="cursor-pointer">How candidates are chosen and ranked</summary>
        <p className="mt-1">
          An issue (not a pull request) qualifies when it is open, nobody is assigned, it has a
          description, it was updated in the last {activeMonths} months, its repository is not
          archived, and it carries a newcomer label (good first issue, easy, beginner, help wanted,
          docs…) or is short (under {SHORT_BODY_BYTES.toLocaleString('en')} characters). Issues
          labelled wontfix, invalid or duplicate are left out, and so are issues with a linked pull
          request: an open pull request of the same repository whose description mentions{' '}
          <code>#N</code> or the issue’s address.
        </p>
        <p className="mt-1">
          Points: a newcomer label {CANDIDATE_POINTS.starterLabel}, help wanted or documentation{' '}
          {CANDIDATE_POINTS.helpLabel}, short and concrete {CANDIDATE_POINTS.shortAndConcrete},
          updated in the last {LATELY_DAYS} days {CANDIDATE_POINTS.updatedLately} (in the last{' '}
          {QUARTER_DAYS} days: {CANDIDATE_POINTS.updatedThisQuarter}). Ties go to the most recently
          updated.
        </p>
      </details>

      {ignoredCursor ? (
        <Notice tone="warning">That page link was not understood; showing the first page.</Notice>
      ) : null}

      {candidates.length === 0 ? (
        <p className="mt-6 rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
          {isFirstPage
            ? 'No issue in the trackers looks like starter material right now.'
            : 'No more candidates.'}
          {latestActivity ? (
            <span className="mt-1 block text-sm">
              Candidates must have been updated in the last {activeMonths} months
              (STALE_AFTER_MONTHS); the latest activity on an open issue in the mirror is from{' '}
              {formatDate(latestActivity)}.
            </span>
          ) : null}
        </p>
      ) : (
        <ol className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {candidates.map((candidate) => {
            const [owner, name] = candidate.repo.split('/')
            return (
              <li key={candidate.id} className="flex flex-wrap items-start gap-3 p-3">
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-500">
                    {candidate.repo}#{candidate.number}
                  </p>
                  <Link
                    to={`/repos/${owner}/${name}/issues/${candidate.number}`}
                    className="font-medium text-blue-700 hover:underline"
                  >
                    {candidate.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-700">
                    <span className="sr-only">Why: </span>
                    {candidate.reasons.join(' · ')}
                  </p>
                </div>
                <Link
                  to={tagAsStarterProjectHref(candidate.repo, candidate.number)}
                  className="shrink-0 rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
                >
                  {/* The name says which issue, and keeps the visible words in it. */}
                  Tag <span className="sr-only">{candidate.ref} </span>as a starter project
                </Link>
              </li>
            )
          })}
        </ol>
      )}

      <Pager
        isFirstPage={isFirstPage}
        firstPage="?"
        nextPage={nextPage}
        nextLabel={`Next ${CANDIDATES_PAGE_SIZE}`}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Starter candidates · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
