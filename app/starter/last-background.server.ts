import { createCookie } from '@remix-run/node'

import { isServedOverHttps } from '../accounts/session.server'

import { DEFAULT_FILTERS, finderToSearchParams, type FinderBackground } from './finder'

// The background a person last chose in the finder, kept in their browser so that following
// "Starter projects" (or coming back another day) starts from it rather than an empty form. Anyone
// gets it, signed in or not; a signed-in person's saved finder (finder_preference) still comes
// first, being a deliberate choice. Only the background (who you are), never the filters or
// search (what you looked for once). Not signed: it is re-parsed like any URL, and holds nothing
// a visitor could not type into the address.

const LAST_BACKGROUND_DAYS = 180

function lastBackgroundCookie() {
  return createCookie('finder_background', {
    httpOnly: true,
    sameSite: 'lax',
    secure: isServedOverHttps(),
    path: '/starter',
    maxAge: 60 * 60 * 24 * LAST_BACKGROUND_DAYS,
  })
}

/** The remembered background as a finder query string, or null. */
export async function readLastBackground(request: Request): Promise<string | null> {
  const value: unknown = await lastBackgroundCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value !== '' ? value : null
}

/** The background's canonical query string: what the cookie holds ('' for the default one). */
export function lastBackgroundQuery(background: FinderBackground) {
  return finderToSearchParams({ background, filters: DEFAULT_FILTERS }).toString()
}

/** The Set-Cookie value that remembers `query`, or forgets the background when it is ''. */
export async function rememberLastBackground(query: string) {
  const cookie = lastBackgroundCookie()
  return query === '' ? cookie.serialize('', { maxAge: 0 }) : cookie.serialize(query)
}
