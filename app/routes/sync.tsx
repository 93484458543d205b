import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'

import { getCurrentUser, requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { CardLabel } from '~/components/card-label'
import { TableScroll } from '~/components/table-scroll'
import { listInstallations } from '~/mirror/installation.server'
import { holdsDemoRepositories } from '~/mirror/repository.server'
import { listSyncStatus } from '~/mirror/sync-state.server'
import { pageTitle } from '~/setup/board-name'
import {
  getSyncScheduler,
  isLastSweepIncomplete,
  sweepRateLimit,
  sweepShortfall,
} from '~/sync/scheduler.server'
import { sweepReport } from '~/sync/sweep-report'
import { CutOffSweep } from '~/sync/ui/cut-off-sweep'
import { LastOutcome } from '~/sync/ui/last-outcome'
import { PublicSweepNotice } from '~/sync/ui/public-sweep-notice'
import { RateLimitHeadroom } from '~/sync/ui/rate-limit-headroom'
import { SweepWaiting } from '~/sync/ui/sweep-waiting'
import { SyncOffForOperators } from '~/sync/ui/sync-off'
import { UnresolvedTargets } from '~/sync/ui/unresolved-targets'
import { getEnv } from '~/utils/env.server'
import { formatDateTime, formatEvery } from '~/utils/format'
import { Refusal, refusalInit } from '~/utils/refusal'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  const scheduler = getSyncScheduler()?.status() ?? null
  const repositories = await listSyncStatus()
  // The demo's copies are never synced (decision 012): the page says so rather than how to.
  const holdsDemo = repositories.length > 0 && (await holdsDemoRepositories())
  // A repository BOARD_REPOS no longer names keeps its row and its issues, no longer updated.
  const swept = getSyncScheduler()
  const isNoLongerSwept = (repo: (typeof repositories)[number]) =>
    swept !== null &&
    repo.status === 'active' &&
    !repo.is_demo_copy &&
    !repo.left_installation_at &&
    !swept.sweeps(repo.full_name)
  if (user?.role === 'maintainer') {
    // As a GitHub App, each installation spends a rate limit of its own.
    const installations = await listInstallations()
    const cutOff = scheduler?.lastCutOff ?? null
    const headroom = scheduler && sweepRateLimit(scheduler)
    return json({
      isOperator: true,
      holdsDemo,
      // Whether `npm run sync` can run beside this server (the embedded database is one process's).
      isEmbeddedDatabase: !getEnv().DATABASE_URL,
      // SYNC_INTERVAL=off: another instance sweeps, so the page must not say how to turn it on.
      isSyncTurnedOff: getEnv().SYNC_INTERVAL === null,
      scheduler: scheduler && {
        ...scheduler,
        // What a sweep GitHub left part-way had stored, worded as `npm run sync` prints it; the
        // record itself stays here.
        lastCutOff: undefined,
        cutOffReport: cutOff && sweepReport(cutOff.summary, cutOff),
        lastSweepFailed: isLastSweepIncomplete(scheduler),
        unresolved: scheduler.lastSummary?.unresolved ?? [],
        // A failed sweep leaves the list of the last one that ran through: the page says when that
        // was, so it is not read as the failed sweep's (its own report is `cutOffReport`).
        unresolvedSweptAt: scheduler.lastError !== null ? scheduler.lastSummaryFinishedAt : null,
        shortfall: null,
      },
      repositories: repositories.map((repo) => ({
        ...repo,
        is_no_longer_swept: isNoLongerSwept(repo),
      })),
      installations,
      // What the last sweep's own requests left: a sweep that mirrored no repository (a
      // misspelled organisation) answered all the same.
      sweepRateLimitRemaining: headroom?.remaining ?? null,
      // After a failed sweep, whose figure that is and when: the failed sweep's last answers, or
      // the last sweep that ran through (an older figure, said so).
      sweepRateLimitFrom:
        headroom && headroom.sweep !== 'last' ? { sweep: headroom.sweep, at: headroom.at } : null,
    })
  }
  // The public sees how fresh the mirror is; errors, request counts, rate-limit headroom and
  // which host holds a sweep are the operators' (they name hosts, processes and tokens' limits).
  return json({
    isOperator: false,
    holdsDemo,
    // How the board is set up is the operators' business.
    isEmbeddedDatabase: null,
    scheduler: scheduler && {
      targets: scheduler.targets,
      intervalMs: scheduler.intervalMs,
      isRunning: scheduler.isRunning,
      lastFinishedAt: scheduler.lastFinishedAt,
      // The token's rate limit is the operators' business, as its headroom is.
      rateLimitWait: null,
      lastError: null,
      cutOffReport: null,
      // That it failed is the public's business (the mirror may be stale); why is the operators'.
      lastSweepFailed: isLastSweepIncomplete(scheduler),
      // What the sweep could not find and why (the token's access) is the operators'.
      unresolved: [] as { target: string; error: string; isUnreachable: boolean }[],
      unresolvedSweptAt: null,
      // How much it left out, counted, so a sweep that missed one name is not "failed".
      shortfall: sweepShortfall(scheduler),
    },
    repositories: repositories.map((repo) => ({
      id: repo.id,
      full_name: repo.full_name,
      status: repo.status,
      left_installation_at: repo.left_installation_at,
      last_finished_at: repo.last_finished_at,
      last_outcome: repo.last_outcome,
      is_demo_copy: repo.is_demo_copy,
      // That it is no longer kept fresh is its freshness, the public's business too.
      is_no_longer_swept: isNoLongerSwept(repo),
      last_error: null,
      last_requests: null,
      last_not_modified: null,
      rate_limit_remaining: null,
    })),
    installations: [] as Awaited<ReturnType<typeof listInstallations>>,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  try {
    await enforceWriteLimit(user, 'trigger-sync')
  } catch (error) {
    // A bare button, nothing typed to keep: the spent budget answers on its own page, as a 429.
    if (error instanceof Refusal) throw new Response(error.message, refusalInit(error))
    throw error
  }
  const scheduler = getSyncScheduler()
  if (!scheduler) {
    return json(
      {
        message:
          getEnv().SYNC_INTERVAL === null
            ? 'Scheduled sync is off on this server (SYNC_INTERVAL is off): another server on this database, or npm run sync, sweeps.'
            : 'Scheduled sync is off: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY, or BOARD_REPOS and GITHUB_TOKEN, to turn it on.',
      },
      { status: 409 },
    )
  }
  if (scheduler.status().isRunning) {
    return json({ message: 'A sweep is already running.' }, { status: 409 })
  }
  // The sweep runs on in the background; the page shows its progress on reload.
  void scheduler.trigger()
  return json({ message: 'A sweep has started.' }, { status: 202 })
}

function formatTime(value: string | null) {
  return value ? formatDateTime(value) : 'never'
}

export default function SyncStatusRoute() {
  const data = useLoaderData<typeof loader>()
  const { isOperator, holdsDemo, isEmbeddedDatabase, scheduler, repositories, installations } = data
  const navigation = useNavigation()
  const headroomFrom = 'sweepRateLimitFrom' in data ? data.sweepRateLimitFrom : null
  const sweepRemaining = 'sweepRateLimitRemaining' in data ? data.sweepRateLimitRemaining : null
  // After a failed sweep the line is one sweep's figure, named with its time; the repositories'
  // own figures, of whichever sweep last reached each, are in the table.
  const rateLimited = (
    headroomFrom
      ? [sweepRemaining]
      : [...repositories.map((repo) => repo.rate_limit_remaining), sweepRemaining]
  ).filter((value): value is number => value !== null)
  return (
    <div>
      <h1 className="text-2xl font-bold">GitHub sync</h1>
      {scheduler ? (
        <div className="mt-2 text-sm text-slate-700">
          <p>
            Sweeping {scheduler.targets.join(', ')} {formatEvery(scheduler.intervalMs)}. Last sweep:{' '}
            {formatTime(scheduler.lastFinishedAt)}
            {scheduler.isRunning ? ' (a sweep is running now)' : ''}.
          </p>
          {scheduler.isRunning && scheduler.rateLimitWait ? (
            <SweepWaiting wait={scheduler.rateLimitWait} />
          ) : null}
          {scheduler.lastError ? (
            <>
              <p role="alert" className="mt-1 text-red-700">
                The last sweep failed: {scheduler.lastError}
              </p>
              {scheduler.cutOffReport ? <CutOffSweep report={scheduler.cutOffReport} /> : null}
            </>
          ) : scheduler.lastSweepFailed && !isOperator ? (
            <PublicSweepNotice shortfall={scheduler.shortfall} />
          ) : null}
          {isOperator ? (
            <UnresolvedTargets
              unresolved={scheduler.unresolved}
              olderSweepAt={scheduler.unresolvedSweptAt}
            />
          ) : null}
          {isOperator ? (
            <Form method="post" className="mt-3">
              <button
                type="submit"
                disabled={scheduler.isRunning || navigation.state !== 'idle'}
                className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
              >
                Sync now
              </button>
            </Form>
          ) : null}
        </div>
      ) : holdsDemo ? (
        <p className="mt-2 text-sm text-slate-700">
          These are the MirageOS demo’s copies of its repositories: they are never synced, and label
          changes on them are never sent to GitHub. To mirror GitHub, run the board on a database of
          its own (a new <code>DATA_DIR</code> folder, or <code>DATABASE_URL</code>) with{' '}
          <code>BOARD_REPOS</code> and <code>GITHUB_TOKEN</code>, or as a GitHub App (see{' '}
          <Link to="/setup" className="text-blue-700 underline">
            setup
          </Link>
          ).
        </p>
      ) : !isOperator ? (
        <p className="mt-2 text-sm text-slate-700">
          Scheduled sync is off: each repository below is as fresh as its last sync.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          <SyncOffForOperators
            isTurnedOff={'isSyncTurnedOff' in data && data.isSyncTurnedOff}
            isEmbeddedDatabase={isEmbeddedDatabase ?? true}
          />
        </p>
      )}
      {isOperator ? (
        <p className="mt-2 text-sm text-slate-600">
          <RateLimitHeadroom
            remaining={rateLimited}
            from={headroomFrom}
            usedUpUntil={
              scheduler?.isRunning && scheduler.rateLimitWait?.reason === 'rate-limit'
                ? scheduler.rateLimitWait.until
                : null
            }
            holdsDemo={holdsDemo}
            syncsFromGitHub={scheduler !== null}
          />
        </p>
      ) : null}
      {/* Below sm: each row is a card, each figure named: in a table the rate limit left was
          the last column, out of sight past a phone's edge. */}
      {installations.length > 0 ? (
        <>
          <h2 className="mt-4 text-lg font-semibold">GitHub App installations</h2>
          <TableScroll className="mt-2">
            <table className="block w-full border-collapse text-left text-sm sm:table">
              <thead className="hidden sm:table-header-group">
                <tr className="border-b border-slate-300">
                  <th className="py-1 pr-3">Account</th>
                  <th className="py-1 pr-3">Status</th>
                  <th className="py-1 pr-3">Repositories</th>
                  <th className="py-1 pr-3">Requests (last sweep)</th>
                  <th className="py-1 pr-3">Rate limit left</th>
                </tr>
              </thead>
              <tbody className="block sm:table-row-group">
                {installations.map((installation) => (
                  <tr key={installation.id} className={CARD_ROW}>
                    <td className={`${CARD_CELL} w-full font-medium sm:w-auto sm:font-normal`}>
                      {installation.account}
                    </td>
                    <td className={CARD_CELL}>
                      <CardLabel>Status</CardLabel>
                      {installation.status}
                    </td>
                    <td className={`${CARD_CELL} tabular-nums`}>
                      <CardLabel>Repositories</CardLabel>
                      {installation.repository_count}
                    </td>
                    <td className={`${CARD_CELL} tabular-nums`}>
                      <CardLabel>Requests (last sweep)</CardLabel>
                      {installation.last_requests ?? '–'}
                    </td>
                    <td className={`${CARD_CELL} tabular-nums`}>
                      <CardLabel>Rate limit left</CardLabel>
                      {installation.rate_limit_remaining === null
                        ? '–'
                        : `${installation.rate_limit_remaining} of ${installation.rate_limit_limit ?? '?'}, resets ${formatTime(installation.rate_limit_reset_at)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
      <TableScroll className="mt-4">
        <table className="block w-full border-collapse text-left text-sm sm:table">
          <thead className="hidden sm:table-header-group">
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-3">Repository</th>
              <th className="py-1 pr-3">Last sync</th>
              <th className="py-1 pr-3">Outcome</th>
              {isOperator ? (
                <>
                  <th className="py-1 pr-3">Requests (304)</th>
                  <th className="py-1 pr-3">Rate limit left</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {repositories.length === 0 ? (
              <tr className="block sm:table-row">
                <td
                  colSpan={isOperator ? 5 : 3}
                  className="block py-2 text-slate-600 sm:table-cell"
                >
                  No repository is mirrored yet.
                </td>
              </tr>
            ) : null}
            {repositories.map((repo) => (
              <tr key={repo.id} className={CARD_ROW}>
                <td className={`${CARD_CELL} w-full font-medium sm:w-auto sm:font-normal`}>
                  {repo.full_name}
                  {repo.status !== 'active' ? (
                    <span className="ml-1 text-xs font-normal text-amber-700">({repo.status})</span>
                  ) : null}
                  {repo.left_installation_at ? (
                    <span className="ml-1 text-xs font-normal text-amber-700">
                      (taken out of the app’s installation: no longer synced)
                    </span>
                  ) : null}
                  {repo.is_no_longer_swept ? <NoLongerSwept isOperator={isOperator} /> : null}
                </td>
                <td className={CARD_CELL}>
                  <CardLabel>Last sync</CardLabel>
                  {formatTime(repo.last_finished_at)}
                </td>
                {/* The whole card's width on a phone: the last error is a sentence. */}
                <td className={`${CARD_CELL} w-full sm:w-auto`}>
                  <CardLabel>Outcome</CardLabel>
                  <LastOutcome outcome={repo.last_outcome} isDemoCopy={repo.is_demo_copy} />
                  {repo.last_error ? (
                    <p className="mt-0.5 text-xs text-slate-600">{repo.last_error}</p>
                  ) : null}
                </td>
                {isOperator ? (
                  <>
                    <td className={`${CARD_CELL} tabular-nums`}>
                      <CardLabel>Requests (304)</CardLabel>
                      {repo.last_requests ?? '–'} ({repo.last_not_modified ?? '–'})
                    </td>
                    <td className={`${CARD_CELL} tabular-nums`}>
                      <CardLabel>Rate limit left</CardLabel>
                      {repo.rate_limit_remaining ?? '–'}
                    </td>
                  </>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  )
}

/**
 * A repository the sweeps no longer reach (dropped from BOARD_REPOS): its row showed an old sync
 * time beside "Sweeping …" that no longer named it, and its issues stayed on the board unsaid.
 * There is no command to delete a repository's copies: they stay, as last synced.
 */
function NoLongerSwept({ isOperator }: { isOperator: boolean }) {
  return (
    <span className="ml-1 text-xs font-normal text-amber-700">
      {isOperator ? (
        <>
          (no longer swept: <code>BOARD_REPOS</code> does not name it; its issues stay on the board
          as last synced and are no longer updated)
        </>
      ) : (
        '(no longer synced: its issues stay as last synced and are no longer updated)'
      )}
    </span>
  )
}

/** A table row that is a card below sm:, its cells wrapping as lines and named by `CardLabel`. */
const CARD_ROW =
  'flex flex-wrap gap-x-4 border-b border-slate-200 py-2 align-top sm:table-row sm:py-0'
const CARD_CELL = 'py-0.5 sm:table-cell sm:py-1 sm:pr-3'

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('GitHub sync · Pioneer Board', matches) },
]
