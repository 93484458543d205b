import { createCookieSessionStorage } from '@remix-run/node'

import { getEnv } from '../utils/env.server'

import { signingSecrets } from './signing-secret.server'

// The signed cookie names a server-side session (account_session), so it can be ended for good.
// `emailOffer`: the address GitHub supplied at sign-in, offered until taken or declined.
type SessionData = { accountId: number; sessionId: string; emailOffer: string }
type SessionFlash = { returnTo: string }

export const SESSION_LIFETIME_S = 60 * 60 * 24 * 30

/** Over HTTPS the cookie is Secure with the __Host- prefix (no Domain, Path=/). */
export function isServedOverHttps() {
  return getEnv().PUBLIC_URL?.startsWith('https://') ?? false
}

async function createStorage() {
  const secrets = await signingSecrets()
  const secure = isServedOverHttps()
  return createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: secure ? '__Host-pioneer_session' : 'pioneer_session',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: SESSION_LIFETIME_S,
      secrets,
    },
  })
}

// One storage per process, shared by every copy of this module (the server script's and the
// build's). Made on first use: without SESSION_SECRET its secret comes from the database.
const globalForSession = globalThis as typeof globalThis & {
  __pioneerBoardSessionStorage?: ReturnType<typeof createStorage>
}

function getSessionStorage() {
  globalForSession.__pioneerBoardSessionStorage ??= createStorage().catch((error: unknown) => {
    // Not remembered: the next request tries again (the database may be back by then).
    delete globalForSession.__pioneerBoardSessionStorage
    throw error
  })
  return globalForSession.__pioneerBoardSessionStorage
}

/** A tampered, expired or foreign cookie reads as an empty session: the visitor is signed out. */
export async function getSession(request: Request) {
  return (await getSessionStorage()).getSession(request.headers.get('Cookie'))
}

export async function commitSession(session: Awaited<ReturnType<typeof getSession>>) {
  return (await getSessionStorage()).commitSession(session)
}

export async function destroySession(session: Awaited<ReturnType<typeof getSession>>) {
  return (await getSessionStorage()).destroySession(session)
}
