import { randomBytes } from 'node:crypto'

import { createCookieSessionStorage } from '@remix-run/node'

import { getEnv } from '../utils/env.server'
import { log } from '../utils/log.server'

// The signed cookie names a server-side session (account_session), so it can be ended for good.
// `emailOffer`: the address GitHub supplied at sign-in, offered until taken or declined.
type SessionData = { accountId: number; sessionId: string; emailOffer: string }
type SessionFlash = { returnTo: string }

export const SESSION_LIFETIME_S = 60 * 60 * 24 * 30

function sessionSecrets() {
  const configured = getEnv().SESSION_SECRET
  if (configured) return configured
  // Development and demo only (production requires SESSION_SECRET): sessions then last as long
  // as the process.
  log.warn('SESSION_SECRET is not set: using a random secret, sessions end when the server stops')
  return [randomBytes(32).toString('hex')]
}

/** Over HTTPS the cookie is Secure with the __Host- prefix (no Domain, Path=/). */
export function isServedOverHttps() {
  return getEnv().PUBLIC_URL?.startsWith('https://') ?? false
}

function createStorage() {
  const secure = isServedOverHttps()
  return createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: secure ? '__Host-pioneer_session' : 'pioneer_session',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: SESSION_LIFETIME_S,
      secrets: sessionSecrets(),
    },
  })
}

// One storage (and so one random development secret) per process, shared by every copy of
// this module.
const globalForSession = globalThis as typeof globalThis & {
  __pioneerBoardSessionStorage?: ReturnType<typeof createStorage>
}

export function getSessionStorage() {
  globalForSession.__pioneerBoardSessionStorage ??= createStorage()
  return globalForSession.__pioneerBoardSessionStorage
}

/** A tampered, expired or foreign cookie reads as an empty session: the visitor is signed out. */
export async function getSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get('Cookie'))
}
