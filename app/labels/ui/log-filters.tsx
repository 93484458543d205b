import { Form, Link } from '@remix-run/react'

import { LABEL_CHANGE_STATUSES } from '../plan/review'

// The label log's two views (the outbox, what was learned from GitHub) and its filter form. The
// filters live in the URL, so a filtered page can be shared and reloaded.

/** The outbox or what was learned from GitHub; switching keeps the repository filter only. */
export function LogViewTabs({ isLearned, repo }: { isLearned: boolean; repo: string }) {
  const link = (view: 'learned' | null) => {
    const search = new URLSearchParams()
    if (view) search.set('view', view)
    if (repo) search.set('repo', repo)
    return `?${search}`
  }
  const tab = (isCurrent: boolean) =>
    `rounded-t border-b-2 px-3 py-1 ${isCurrent ? 'border-blue-700 font-semibold' : 'border-transparent text-blue-700 underline'}`
  return (
    <nav aria-label="Label log views" className="mt-3 flex gap-2 border-b border-slate-200 text-sm">
      <Link
        to={link(null)}
        className={tab(!isLearned)}
        aria-current={!isLearned ? 'page' : undefined}
      >
        Queued for GitHub
      </Link>
      <Link
        to={link('learned')}
        className={tab(isLearned)}
        aria-current={isLearned ? 'page' : undefined}
      >
        Learned from GitHub
      </Link>
    </nav>
  )
}

export type LogFilterValues = {
  repo: string
  /** The outbox view's filters; absent in the learned view, which filters by repository only. */
  changes?: { status: string; conflicts: string }
}

export function LogFilters({
  filters,
  repositories,
}: {
  filters: LogFilterValues
  repositories: string[]
}) {
  return (
    <Form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm">
      {filters.changes ? null : <input type="hidden" name="view" value="learned" />}
      <label className="flex flex-col">
        <span className="font-medium">Repository</span>
        <select
          name="repo"
          defaultValue={filters.repo}
          className="mt-1 rounded border border-slate-300 px-2 py-1"
        >
          <option value="">Every repository</option>
          {repositories.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {filters.changes ? (
        <>
          <label className="flex flex-col">
            <span className="font-medium">Status</span>
            <select
              name="status"
              defaultValue={filters.changes.status}
              className="mt-1 rounded border border-slate-300 px-2 py-1"
            >
              <option value="">Any status</option>
              {LABEL_CHANGE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 pb-1.5">
            <input
              type="checkbox"
              name="conflicts"
              value="open"
              defaultChecked={filters.changes.conflicts === 'open'}
            />
            <span>Open conflicts only</span>
          </label>
        </>
      ) : null}
      <button
        type="submit"
        className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold hover:bg-slate-100"
      >
        Filter
      </button>
    </Form>
  )
}
