import { Form, Link, useNavigation } from '@remix-run/react'

import { formatDate } from '../../utils/format'

import { FINDER_FORM_ID } from './finder-form'

// A signed-in person's saved finder: opening Starter projects with no parameters restores it.
// Saving keeps only the background and filters, never a page. Anyone else (or one who saved
// none) gets the background they last chose in this browser, said so, with the way to clear it.

export function SavedBackground({
  savedAt,
  isLastBackground,
  isSignedIn,
  startFreshHref,
  actionData,
}: {
  savedAt: string | null
  /** The background shown is the one last chosen in this browser (a cookie). */
  isLastBackground: boolean
  isSignedIn: boolean
  /** The finder without the saved background restored. */
  startFreshHref: string
  /** What the last save or forget did. */
  actionData: { ok: boolean; message: string } | undefined
}) {
  const navigation = useNavigation()
  const isSaving = navigation.state === 'submitting' && navigation.formMethod === 'POST'
  const lastBackgroundNote = isLastBackground ? (
    <p role="status" className="text-xs text-slate-700">
      Your last background, kept in this browser ·{' '}
      <Link to={startFreshHref} className="underline">
        Start from scratch
      </Link>
    </p>
  ) : null
  if (!isSignedIn) {
    return lastBackgroundNote ? <div className="mt-2">{lastBackgroundNote}</div> : null
  }
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {lastBackgroundNote}
      {savedAt ? (
        <p role="status" className="rounded bg-blue-50 px-2 py-1 text-blue-900">
          Using your saved background (saved <time dateTime={savedAt}>{formatDate(savedAt)}</time>).{' '}
          <Link to={startFreshHref} className="underline">
            Start from scratch
          </Link>
        </p>
      ) : null}
      {/* Sends the finder's form as it is now (ticked but not yet searched included), to the
          action instead of as a search. */}
      <button
        type="submit"
        form={FINDER_FORM_ID}
        formMethod="post"
        name="intent"
        value="save"
        disabled={isSaving}
        className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
      >
        Save this background
      </button>
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
