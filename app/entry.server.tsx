import { PassThrough } from 'node:stream'

import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'

import { databaseTroubleOf, reasonOf, type DatabaseTrouble } from '../db/client.server'

import { DATABASE_TROUBLE_MESSAGES, unavailablePage } from './utils/http.server'
import { describeError, log } from './utils/log.server'
import { NonceProvider } from './utils/nonce-provider'

const ABORT_DELAY = 5_000

// The load contexts (one object per request) of requests that failed because the database could
// not serve them (unreachable, or its disk full), with why: those answer 503 saying so, not a
// 500 ("Something went wrong").
const troubledRequests = new WeakMap<object, DatabaseTrouble['kind']>()

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  // Remix's own 404 and 405 (no route there; a PUT or DELETE, or a POST to a page without a form)
  // are the client's mistake, answered with a 4xx the request log shows: not an error of ours.
  if (isRouteErrorResponse(error) && error.status < 500) return
  const trouble = databaseTroubleOf(error)
  if (trouble) {
    troubledRequests.set(context, trouble.kind)
    // A known condition, logged once per request while it lasts: one line, no stack to wade
    // through, with the code that says what it is (53100, ENOSPC, ECONNREFUSED ...).
    log.error(trouble.kind === 'disk-full' ? 'database disk full' : 'database unavailable', {
      path: new URL(request.url).pathname,
      code: trouble.code,
      ...describeError(error, { withStack: false }),
      // PGlite's file system throws no Error: its number, said in words.
      ...(error instanceof Error ? {} : { reason: reasonOf(error) }),
    })
    return
  }
  log.error('request failed', { path: new URL(request.url).pathname, ...describeError(error) })
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const kind = troubledRequests.get(context)
  if (!kind) return response
  // A form sent with JavaScript: answered as a thrown Response (X-Remix-Catch), so the error
  // page shows the 503 and its reason, not Remix's "Unexpected Server Error" as a 500.
  return new Response(JSON.stringify(DATABASE_TROUBLE_MESSAGES[kind]), {
    status: 503,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Retry-After': '30',
      'X-Remix-Catch': 'yes',
    },
  })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const trouble = troubledRequests.get(loadContext)
  if (trouble) {
    return new Response(unavailablePage(trouble), {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30' },
    })
  }
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  // The Content-Security-Policy nonce scripts/start.ts put in the load context: every inline
  // script Remix and React write must carry it, or the browser refuses to run it.
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : undefined
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ''}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell is ready are reported by onShellError.
          if (shellRendered) log.error('render failed', describeError(error))
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}
