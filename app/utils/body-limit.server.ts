import type express from 'express'

/** The largest request body the board's own forms and JSON endpoints accept. */
export const MAX_BODY_BYTES = 1024 * 1024

// GitHub's webhook deliveries can be up to 25 MB; app/sync/webhooks.server.ts enforces that
// limit itself while it reads the body for the signature check. Remix matches routes without
// regard to case, so neither does this.
const OWN_LIMIT_PATHS = [/^\/webhooks\/github\/?$/i]

function describeBytes(bytes: number) {
  const megabytes = bytes / (1024 * 1024)
  return megabytes >= 1 ? `${Number(megabytes.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/**
 * Caps request bodies before Remix reads them. Node's HTTP parser never hands over more bytes
 * than Content-Length declares, so checking the declared length caps the body itself; a body
 * streamed without a length (chunked) could be any size, so it is refused with 411. Browsers
 * always send a length with forms and fetch bodies.
 */
export function limitRequestBodies(maxBytes: number = MAX_BODY_BYTES): express.RequestHandler {
  const reject = (res: express.Response, status: number, message: string) => {
    // The unread body is not drained: the connection is closed after the answer instead.
    res.set('Connection', 'close').status(status).type('text/plain').send(message)
  }
  return (req, res, next) => {
    if (OWN_LIMIT_PATHS.some((pattern) => pattern.test(req.path))) return next()
    const declared = req.headers['content-length']
    if (declared === undefined) {
      if (req.headers['transfer-encoding'] === undefined) return next()
      return reject(res, 411, 'A request body needs a Content-Length header.')
    }
    if (Number(declared) > maxBytes) {
      return reject(
        res,
        413,
        `The request body is too large: the limit is ${describeBytes(maxBytes)}.`,
      )
    }
    next()
  }
}
