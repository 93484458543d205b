import { Form, Link, useNavigation } from '@remix-run/react'

import { formatDate } from '../../utils/format'

// A signed-in person's saved finder: opening Starter projects with no parameters restores it.
// Saving keeps only the background and filters, never a page.

export function SavedBackground({
  savedAt,
  isSignedIn,
  query,
  startFreshHref,
  actionData,
}: {
  savedAt: string | null
  isSignedIn: boolean
  query: string
  /** The finder without the saved background restored. */
  startFreshHref: string
  /** What the last save or forget did. */
  actionData: { ok: boolean; message: string } | undefined
}) {
  const navigation = useNavigation()
  const isSaving = navigation.state === 'submitting' && navigation.formMethod === 'POST'
  if (!isSignedIn) return null
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {savedAt ? (
        <p role="status" className="rounded bg-blue-50 px-2 py-1 text-blue-900">
          Using your saved background (saved <time dateTime={savedAt}>{formatDate(savedAt)}</time>).{' '}
          <Link to={startFreshHref} className="underline">
            Start from scratch
          </Link>
        </p>
      ) : null}
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="query" value={query} />
        <button
          type="submit"
          disabled={isSaving}
          className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
        >
          Save this background
        </button>
      </Form>
      {savedAt ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="forget" />
          <button type="submit" disabled={isSaving} className="text-slate-700 underline">
            Forget my saved background
          </button>
        </Form>
      ) : null}
      {actionData ? (
        <p role="status" className={actionData.ok ? 'text-emerald-700' : 'text-rose-700'}>
          {actionData.message}
        </p>
      ) : null}
    </div>
  )
}
