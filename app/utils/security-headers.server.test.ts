import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterEach, expect, test } from 'vitest'

import {
  getLoadContext,
  securityHeaders,
  type SecurityHeadersOptions,
} from './security-headers.server'

const servers: { close: () => void }[] = []

afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

/** A server with only the security headers and one page that reports its load context. */
async function serve(options: SecurityHeadersOptions) {
  const app = express()
  app.use(securityHeaders(options))
  app.get('/', (req, res) => res.json(getLoadContext(req, res)))
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test('the policy allows scripts only from this origin or with the response nonce', async () => {
  const url = await serve({ isDevelopment: false })
  const response = await fetch(url)
  const { cspNonce } = (await response.json()) as { cspNonce: string }
  expect(response.headers.get('Content-Security-Policy')).toBe(
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${cspNonce}'`,
      "script-src-attr 'none'",
      "style-src 'self'",
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' https: data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join(';'),
  )
})

test('the other headers forbid framing, sniffing, opener access and full referrers', async () => {
  const response = await fetch(await serve({ isDevelopment: false }))
  expect(Object.fromEntries(response.headers)).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  })
})

test('every response gets a fresh nonce of 128 random bits', async () => {
  const url = await serve({ isDevelopment: false })
  const nonces = await Promise.all(
    Array.from({ length: 5 }, async () => {
      const body = (await (await fetch(url)).json()) as { cspNonce: string }
      return body.cspNonce
    }),
  )
  expect(new Set(nonces).size).toBe(5)
  for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
})

test('in development the live-reload WebSocket may connect', async () => {
  const response = await fetch(await serve({ isDevelopment: true }))
  expect(response.headers.get('Content-Security-Policy')).toContain("connect-src 'self' ws:;")
})

test('forms may also lead to the origins given, such as a sign-in provider', async () => {
  const response = await fetch(
    await serve({ isDevelopment: false, formActionOrigins: ['https://github.com'] }),
  )
  expect(response.headers.get('Content-Security-Policy')).toContain(
    "form-action 'self' https://github.com;",
  )
})
