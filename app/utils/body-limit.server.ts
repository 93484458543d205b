import type express from 'express'

/** The largest request body the board's own forms and JSON endpoints accept. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * The largest refused body read to its end (and discarded) so that the client gets the refusal:
 * a form a little over the limit, not an upload meant to fill the server's bandwidth.
 */
export const MAX_DISCARDED_BODY_BYTES = 16 * 1024 * 1024

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
  const reject = (
    res: express.Response,
    status: number,
    message: string,
    declaredBytes: number | null,
  ) => {
    // A body too large to be worth reading: say the connection ends (discardUnreadBodies would
    // close it anyway). Any other is read and discarded after the answer, so the client gets it.
    if (declaredBytes !== null && declaredBytes > MAX_DISCARDED_BODY_BYTES) {
      res.set('Connection', 'close')
    }
    res.status(status).type('text/plain').send(message)
  }
  return (req, res, next) => {
    if (OWN_LIMIT_PATHS.some((pattern) => pattern.test(req.path))) return next()
    const declared = req.headers['content-length']
    if (declared === undefined) {
      if (req.headers['transfer-encoding'] === undefined) return next()
      return reject(res, 411, 'A request body needs a Content-Length header.', null)
    }
    if (Number(declared) > maxBytes) {
      return reject(
        res,
        413,
        `The request body is too large: the limit is ${describeBytes(maxBytes)}.`,
        Number(declared),
      )
    }
    next()
  }
}

/**
 * Reads and discards what is left of a request body once its answer is sent: a refusal sent
 * before the body was read (405 from a read-only address, 403 cross-site, 413) otherwise left
 * the body on the connection. Node discards a body nobody started reading, but one Remix had
 * started to read stayed there, paused, until the idle connection was dropped; and a connection
 * closed while a body still arrives is reset. Either way Node's fetch got ECONNRESET where curl
 * showed the answer. Past MAX_DISCARDED_BODY_BYTES the connection is closed instead.
 */
export function discardUnreadBodies(
  maxBytes: number = MAX_DISCARDED_BODY_BYTES,
): express.RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      if (req.complete || req.destroyed) return
      // As Node's own discarding does: whoever read part of the body is fed no more of it.
      req.removeAllListeners('data')
      let discarded = 0
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.byteLength
        if (discarded > maxBytes) req.socket.destroy()
      })
      req.resume()
    })
    next()
  }
}
