import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'

import type express from 'express'
import helmet from 'helmet'

// Every response (pages, data requests, resource routes, static files) gets the same headers;
// docs/decisions/004-security-headers.md says why each one is what it is.

export type SecurityHeadersOptions = {
  /** NODE_ENV=development: Remix's live-reload script talks to the dev server over a WebSocket. */
  isDevelopment: boolean
  /**
   * Origins a form may lead to besides this one. Chromium applies form-action to the redirects
   * that follow a POST too, so a sign-in form that redirects to GitHub needs GitHub's origin.
   */
  formActionOrigins?: string[]
}

type ResponseWithNonce = ServerResponse & { locals?: { cspNonce?: string } }

function nonceOf(res: ServerResponse): string {
  const nonce = (res as ResponseWithNonce).locals?.cspNonce
  // assignCspNonce runs first; without a nonce no inline script may run at all.
  if (!nonce) throw new Error('No CSP nonce on the response: assignCspNonce must run first')
  return nonce
}

/** A fresh random nonce per response, for the inline scripts Remix and React write. */
const assignCspNonce: express.RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
}

function contentSecurityPolicyDirectives({
  isDevelopment,
  formActionOrigins = [],
}: SecurityHeadersOptions) {
  return {
    'default-src': ["'self'"],
    // The nonce admits Remix's inline scripts; the bundles come from /build on this origin.
    'script-src': ["'self'", (_req: unknown, res: ServerResponse) => `'nonce-${nonceOf(res)}'`],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    // Label chips take their colour, chosen on GitHub, from a style attribute. Attributes only:
    // no <style> element and no stylesheet from elsewhere is allowed.
    'style-src-attr': ["'unsafe-inline'"],
    // Issue bodies embed images hosted anywhere on https (GitHub's own, badges, screenshots).
    'img-src': ["'self'", 'https:', 'data:'],
    'connect-src': ["'self'", ...(isDevelopment ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...formActionOrigins],
    'frame-ancestors': ["'none'"],
  }
}

/** Express middleware that sets the security headers on every response. */
export function securityHeaders(options: SecurityHeadersOptions): express.RequestHandler[] {
  return [
    assignCspNonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: contentSecurityPolicyDirectives(options),
      },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xFrameOptions: { action: 'deny' },
    }),
  ]
}

/** Remix's load context: how the nonce reaches entry.server.tsx and, from there, root.tsx. */
export function getLoadContext(_req: express.Request, res: express.Response) {
  return { cspNonce: nonceOf(res) }
}
