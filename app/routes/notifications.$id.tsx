import { redirect, type LoaderFunctionArgs } from '@remix-run/node'

import { getCurrentUser, safeReturnTo } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { openNotification } from '~/notifications/inbox.server'
import { parseId } from '~/utils/id'

// A notification's link in the inbox: following it marks it read, then leads where it points.
// A GET, so it opens in a new tab like any link; marking one's own notification read is harmless
// even if another site makes the browser follow it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  const here = new URL(request.url).pathname
  if (!user) throw redirect(`/login?returnTo=${encodeURIComponent(here)}`)
  const id = parseId(params.id)
  const link = id === null ? null : await openNotification(user.id, id)
  if (link === null) {
    throw new Response('There is no such notification in your inbox.', { status: 404 })
  }
  // Links are the board's own paths; anything else goes to the inbox rather than off-site.
  return redirect(safeReturnTo(link, '/notifications'))
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
