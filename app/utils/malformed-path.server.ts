import type express from 'express'

/**
 * Refuses with 400 a path whose %-escapes do not decode (`/starter/%E0%A4%A`, a lone `%`): no
 * link of ours makes one, and Express would fail decoding the route's parameters with it, a
 * 500. Before the static files and Remix, so neither ever sees one.
 */
export function refuseMalformedPaths(): express.RequestHandler {
  return (req, res, next) => {
    try {
      decodeURIComponent(req.path)
    } catch {
      res
        .status(400)
        .type('text/plain')
        .send(
          'That address is malformed: a % in it is not followed by a valid escape (such as %20).',
        )
      return
    }
    next()
  }
}
