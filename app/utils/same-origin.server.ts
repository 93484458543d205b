import type { RequestHandler } from 'express'

import { getEnv } from './env.server'
import { log } from './log.server'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
// Server-to-server and authenticated by its own HMAC signature instead.
const EXEMPT_PATHS = new Set(['/webhooks/github'])

type RequestFacts = {
  method: string
  path: string
  origin: string | undefined
  secFetchSite: string | undefined
  /** Origins this board is served from. */
  allowedOrigins: string[]
}

/**
 * A state-changing request must come from the board's own pages. Browsers say where a request
 * comes from in Sec-Fetch-Site (modern) or Origin (all of them, on POST); a request that says
 * neither is not a browser form of ours, and no non-browser client may change state here.
 */
export function isCrossSiteWrite(facts: RequestFacts) {
  if (SAFE_METHODS.has(facts.method) || EXEMPT_PATHS.has(facts.path)) return false
  if (facts.secFetchSite !== undefined) return facts.secFetchSite !== 'same-origin'
  if (facts.origin !== undefined) return !facts.allowedOrigins.includes(facts.origin)
  return true
}

export function rejectCrossSiteWrites(): RequestHandler {
  return (req, res, next) => {
    const publicUrl = getEnv().PUBLIC_URL
    const allowedOrigins = [`${req.protocol}://${req.get('host')}`]
    if (publicUrl) allowedOrigins.push(new URL(publicUrl).origin)
    const facts = {
      method: req.method,
      path: req.path,
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      allowedOrigins,
    }
    if (!isCrossSiteWrite(facts)) return next()
    log.warn('cross-site write refused', {
      method: facts.method,
      path: facts.path,
      origin: facts.origin ?? null,
      secFetchSite: facts.secFetchSite ?? null,
    })
    res
      .status(403)
      .type('text/plain')
      .send("Refused: changes can only be made from the board's own pages.")
  }
}
