import { isRouteErrorResponse, Link, useLocation, useRouteError } from '@remix-run/react'

const MESSAGES: Record<number, { title: string; detail: string }> = {
  400: { title: 'That request did not make sense', detail: 'Check the address and try again.' },
  401: { title: 'Sign in first', detail: 'You need to sign in to do that.' },
  403: { title: 'Not allowed', detail: 'You do not have permission to do that.' },
  404: { title: 'Not found', detail: 'There is nothing at this address on the board.' },
  405: {
    title: 'This page takes no changes',
    detail: 'It can only be read: open its address in your browser.',
  },
  413: { title: 'Too much at once', detail: 'That request was larger than the board accepts.' },
  415: {
    title: 'That was not a form of the board',
    detail: 'Send it from the board’s own page.',
  },
  429: {
    title: 'Slow down a little',
    detail: 'Too many changes in a short time; try again later.',
  },
  503: {
    title: 'Temporarily unavailable',
    detail: 'The board cannot reach its database right now. Please try again in a minute.',
  },
}

// Where an error page leads back to: the section the visitor was in. A maintainers' section
// that refused the visitor leads home instead (its own page would refuse them again).
const SECTIONS: { prefix: string; to: string; label: string; maintainersOnly?: boolean }[] = [
  { prefix: '/starter', to: '/starter', label: 'Back to the starter projects' },
  { prefix: '/roadmap', to: '/roadmap', label: 'Back to the roadmap' },
  { prefix: '/issues', to: '/issues', label: 'Back to the issues board' },
  { prefix: '/repos', to: '/issues', label: 'Back to the issues board' },
  { prefix: '/labels', to: '/labels', label: 'Back to the label plan', maintainersOnly: true },
  { prefix: '/sync', to: '/sync', label: 'Back to the sync status' },
  { prefix: '/admin', to: '/', label: 'Back to the home page', maintainersOnly: true },
]
const HOME = { to: '/', label: 'Back to the home page' }

export function backLinkFor(pathname: string, status: number) {
  const section = SECTIONS.find(
    ({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  )
  if (!section) return HOME
  if (section.maintainersOnly && (status === 401 || status === 403)) return HOME
  return { to: section.to, label: section.label }
}

/**
 * Whether Remix made the error itself (a POST to a page without a form, an address no route
 * matches): its words are written for developers ("did not provide an `action` for route
 * routes/..."), so the page says the status's own instead.
 */
function isMadeByRemix(error: unknown) {
  return (error as { internal?: unknown }).internal === true
}

function statusOf(error: unknown) {
  return isRouteErrorResponse(error) ? error.status : 500
}

/** The document title of an error page, for a route's `meta` when it has no data to show. */
export function errorTitle(error: unknown) {
  const known = MESSAGES[statusOf(error)]
  return `${known?.title ?? 'Something went wrong'} · Pioneer Board`
}

/** One error page for every route: a known status gets its own words, anything else a calm 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { pathname } = useLocation()
  const status = statusOf(error)
  const known = MESSAGES[status]
  const back = backLinkFor(pathname, status)
  const detail =
    isRouteErrorResponse(error) &&
    typeof error.data === 'string' &&
    error.data &&
    !isMadeByRemix(error)
      ? error.data
      : known?.detail
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-slate-500">Error {status}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold">
        {known?.title ?? 'Something went wrong on our side'}
      </h1>
      <p className="mt-3 text-slate-600">
        {detail ?? 'The problem has been logged. Please try again in a moment.'}
      </p>
      <p className="mt-6 space-x-4">
        {status === 401 ? (
          <Link to="/login" className="text-blue-700 underline">
            Sign in
          </Link>
        ) : null}
        <Link to={back.to} className="text-blue-700 underline">
          {back.label}
        </Link>
      </p>
    </section>
  )
}
