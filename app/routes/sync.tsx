import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { useRootData } from '~/accounts/ui/account-menu'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { listSyncStatus } from '~/mirror/sync-state.server'
import { getSyncScheduler } from '~/sync/scheduler.server'
import { formatDate } from '~/utils/format'

export async function loader() {
  const scheduler = getSyncScheduler()
  const repositories = await listSyncStatus()
  return json({ scheduler: scheduler?.status() ?? null, repositories })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  await enforceWriteLimit(user, 'trigger-sync')
  const scheduler = getSyncScheduler()
  if (!scheduler) {
    return json(
      { message: 'Scheduled sync is off: set BOARD_REPOS and GITHUB_TOKEN to turn it on.' },
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
  return value ? `${formatDate(value)} ${new Date(value).toISOString().slice(11, 16)} UTC` : 'never'
}

const OUTCOME_STYLES: Record<string, string> = {
  updated: 'bg-green-100 text-green-800',
  unchanged: 'bg-slate-100 text-slate-700',
  failed: 'bg-red-100 text-red-800',
  gone: 'bg-amber-100 text-amber-800',
  issues_disabled: 'bg-amber-100 text-amber-800',
}

export default function SyncStatusRoute() {
  const { scheduler, repositories } = useLoaderData<typeof loader>()
  const isMaintainer = useRootData()?.user?.role === 'maintainer'
  const navigation = useNavigation()
  const rateLimited = repositories
    .map((repo) => repo.rate_limit_remaining)
    .filter((value): value is number => value !== null)
  return (
    <div>
      <h1 className="text-2xl font-bold">GitHub sync</h1>
      {scheduler ? (
        <div className="mt-2 text-sm text-slate-700">
          <p>
            Sweeping {scheduler.targets.join(', ')} every{' '}
            {Math.round(scheduler.intervalMs / 60_000)} minutes. Last sweep:{' '}
            {formatTime(scheduler.lastFinishedAt)}
            {scheduler.isRunning ? ' (a sweep is running now)' : ''}.
          </p>
          {scheduler.lastError ? (
            <p role="alert" className="mt-1 text-red-700">
              The last sweep failed: {scheduler.lastError}
            </p>
          ) : null}
          {isMaintainer ? (
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
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          Scheduled sync is off. Set <code>BOARD_REPOS</code> and <code>GITHUB_TOKEN</code> to
          mirror repositories every <code>SYNC_INTERVAL</code>, or run <code>npm run sync</code>.
        </p>
      )}
      <p className="mt-2 text-sm text-slate-600">
        Rate-limit headroom after the last requests:{' '}
        {rateLimited.length > 0 ? `${Math.min(...rateLimited)} requests left` : 'unknown'}.
      </p>
      <table className="mt-4 w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-1 pr-3">Repository</th>
            <th className="py-1 pr-3">Last sync</th>
            <th className="py-1 pr-3">Outcome</th>
            <th className="py-1 pr-3">Requests (304)</th>
            <th className="py-1 pr-3">Rate limit left</th>
          </tr>
        </thead>
        <tbody>
          {repositories.map((repo) => (
            <tr key={repo.id} className="border-b border-slate-200 align-top">
              <td className="py-1 pr-3">
                {repo.full_name}
                {repo.status !== 'active' ? (
                  <span className="ml-1 text-xs text-amber-700">({repo.status})</span>
                ) : null}
              </td>
              <td className="py-1 pr-3">{formatTime(repo.last_finished_at)}</td>
              <td className="py-1 pr-3">
                {repo.last_outcome ? (
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-semibold ${OUTCOME_STYLES[repo.last_outcome] ?? ''}`}
                  >
                    {repo.last_outcome.replace('_', ' ')}
                  </span>
                ) : (
                  'not synced yet'
                )}
                {repo.last_error ? (
                  <p className="mt-0.5 text-xs text-slate-600">{repo.last_error}</p>
                ) : null}
              </td>
              <td className="py-1 pr-3 tabular-nums">
                {repo.last_requests ?? '–'} ({repo.last_not_modified ?? '–'})
              </td>
              <td className="py-1 pr-3 tabular-nums">{repo.rate_limit_remaining ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'GitHub sync · Pioneer Board' }]
