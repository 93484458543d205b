import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { OAuth2RequestError } from 'remix-auth-oauth2'

import {
  clearOAuthStateCookie,
  finishGitHubSignIn,
  GitHubSignInRefused,
} from '~/accounts/auth.server'
import { pageTitle } from '~/setup/board-name'
import { describeError, log } from '~/utils/log.server'

// GitHub sends the browser back here with ?code&state. Anything unexpected (a wrong or missing
// state, a code used twice, GitHub refusing or unreachable) ends on a calm page, logged once.
export async function loader({ request }: LoaderFunctionArgs) {
  // Without a state the OAuth strategy would start a new sign-in; here that is a broken link.
  if (!new URL(request.url).searchParams.get('state')) {
    log.warn('GitHub sign-in failed', { reason: 'callback without state' })
    return json({ reason: STALE_LINK }, { status: 400 })
  }
  try {
    return await finishGitHubSignIn(request)
  } catch (error) {
    if (error instanceof Response && error.status >= 300 && error.status < 400) throw error
    if (error instanceof Response && error.status === 404) throw error
    const reason = explain(error)
    log.warn('GitHub sign-in failed', { reason, ...describeError(error) })
    return json({ reason }, { status: 400, headers: { 'Set-Cookie': clearOAuthStateCookie() } })
  }
}

const STALE_LINK = 'The sign-in link was stale or did not start here. Please start again.'

function explain(error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  // remix-auth-oauth2 reports a missing or mismatched state this way.
  if ((error instanceof ReferenceError || error instanceof RangeError) && /state/i.test(message)) {
    return STALE_LINK
  }
  if (error instanceof OAuth2RequestError || error instanceof GitHubSignInRefused) {
    if (error.code === 'access_denied') return 'You declined to sign in on GitHub.'
    return 'GitHub did not accept this sign-in (the link may have been used already). Please start again.'
  }
  return 'GitHub could not be reached to finish signing in. Please try again in a minute.'
}

export default function GitHubCallbackRoute() {
  const { reason } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">Sign-in did not complete</h1>
      <p className="mt-3 text-slate-700">{reason}</p>
      <p className="mt-6">
        <Link to="/login" className="text-blue-700 underline">
          Back to sign in
        </Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Sign-in did not complete · Pioneer Board', matches) },
]
