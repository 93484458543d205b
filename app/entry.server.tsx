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

import { isDatabaseUnavailableError } from '../db/client.server'

import { unavailablePage } from './utils/http.server'
import { describeError, log } from './utils/log.server'
import { NonceProvider } from './utils/nonce-provider'

const ABORT_DELAY = 5_000

// The load contexts (one object per request) of requests whose loaders failed because the
// database is unreachable: those answer 503 with a plain page, not a 500.
const unavailableRequests = new WeakSet<object>()

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  // Remix's own 404 and 405 (no route there; a PUT or DELETE, or a POST to a page without a form)
  // are the client's mistake, answered with a 4xx the request log shows: not an error of ours.
  if (isRouteErrorResponse(error) && error.status < 500) return
  if (isDatabaseUnavailableError(error)) {
    unavailableRequests.add(context)
    // A known condition, logged once per request while it lasts: one line, no stack to wade through.
    log.error('database unavailable', {
      path: new URL(request.url).pathname,
      ...describeError(error, { withStack: false }),
    })
    return
  }
  log.error('request failed', { path: new URL(request.url).pathname, ...describeError(error) })
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  if (!unavailableRequests.has(context)) return response
  return new Response(response.body, { status: 503, headers: response.headers })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (unavailableRequests.has(loadContext)) {
    return new Response(unavailablePage(), {
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
