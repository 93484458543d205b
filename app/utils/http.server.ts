import { json, type ActionFunctionArgs } from '@remix-run/node'

import { databaseTroubleOf, type DatabaseTrouble } from '../../db/client.server'

import type { FilterProblem } from './parameter-problem'

/** What a request the database could not serve is told, by why (db/client.server.ts). */
export const DATABASE_TROUBLE_MESSAGES: Record<DatabaseTrouble['kind'], string> = {
  unreachable: 'The database cannot be reached right now; try again shortly.',
  // A full disk is for the operator to fix: "in a minute" would promise too much.
  'disk-full': 'The board’s disk is full; nothing was saved. Try again later.',
}

/**
 * A whole page, with no React and no database, for when the database cannot serve the request.
 * Its few styles sit in a style attribute: the Content-Security-Policy refuses <style> elements.
 */
export function unavailablePage(kind: DatabaseTrouble['kind'] = 'unreachable') {
  const explanation =
    kind === 'disk-full'
      ? `The board’s disk is full; nothing was saved. Nothing you did caused this: its operator has
been told. Please try again later.`
      : `The board cannot reach its database right now. Nothing you did caused this, and nothing was lost.
Please try again in a minute.`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Temporarily unavailable · Pioneer Board</title>
</head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1e293b"><h1>Pioneer Board is temporarily unavailable</h1>
<p>${explanation}</p><p><a href="/">Try again</a></p></body></html>`
}

export function badRequest(problems: FilterProblem[]) {
  return json(
    {
      error: {
        message: problems.map((problem) => `${problem.parameter}: ${problem.message}`).join('; '),
        problems,
      },
    },
    { status: 400 },
  )
}

/**
 * A page's refusal of parameters it cannot honour, as text for the shared error page: each
 * parameter, what was wrong, and what it accepts (the JSON APIs' badRequest, for people).
 */
export function badRequestPage(problems: FilterProblem[]) {
  const reasons = problems.map(
    (problem) => `${problem.parameter}: ${problem.message}. Expected: ${problem.allowed}.`,
  )
  return new Response(reasons.join(' '), {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

export function serviceUnavailable(kind: DatabaseTrouble['kind'] = 'unreachable') {
  return json(
    { error: { message: DATABASE_TROUBLE_MESSAGES[kind] } },
    { status: 503, headers: { 'Retry-After': '30' } },
  )
}

// A resource route (a JSON API, a feed) has no error boundary and no entry.server to turn an
// error into a 503: each catches its database's trouble and answers it in its own format, with
// the reason the pages give (databaseTroubleOf: a full disk is not "cannot be reached").

/**
 * The JSON APIs' 503 for an error that means the database could not serve the request, with
 * why; null for any other error, which the caller rethrows.
 */
export function serviceUnavailableFor(error: unknown): Response | null {
  const trouble = databaseTroubleOf(error)
  return trouble ? serviceUnavailable(trouble.kind) : null
}

/** The feeds' 503 (plain text, for a feed reader's log) as serviceUnavailableFor; null if not. */
export function feedUnavailableFor(error: unknown): Response | null {
  const trouble = databaseTroubleOf(error)
  if (!trouble) return null
  return new Response(`${DATABASE_TROUBLE_MESSAGES[trouble.kind]}\n`, {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' },
  })
}

/**
 * The action of an address that is only read (the JSON APIs, the feeds, /healthz): any other
 * method than GET is answered 405 saying so. Without an action Remix answers it 405 with
 * {"message":"Unexpected Server Error"}, which reads as the server failing.
 */
export function answerOnlyGet({ request }: ActionFunctionArgs) {
  return json(
    { error: { message: `This address only answers GET requests, not ${request.method}.` } },
    { status: 405, headers: { Allow: 'GET, HEAD' } },
  )
}

/**
 * Called first by the loader of a read-only address. Remix runs a resource route's loader for
 * OPTIONS as for GET (a 200 with the data); OPTIONS is answered as any other method but GET is,
 * and as the pages answer it: 405 with `Allow: GET, HEAD` (RFC 9110 allows it; the board serves
 * no cross-origin callers, so there is no CORS preflight to answer 204).
 */
export function refuseOptions(request: Request) {
  if (request.method === 'OPTIONS') throw answerOnlyGet({ request, params: {}, context: {} })
}
