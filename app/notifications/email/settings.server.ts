import { randomBytes } from 'node:crypto'

import { getEnv } from '../../utils/env.server'
import { configuredOrigin } from '../../utils/public-origin.server'

import type { EmailSettings } from './sender.server'

// Unsubscribe links are signed with the session secrets (the first signs, all verify, so a
// rotation keeps old links working). Without SESSION_SECRET (development only) a random secret
// lives as long as the process, as sessions do.
const globalForSecret = globalThis as typeof globalThis & { __pioneerBoardEmailSecret?: string }

export function unsubscribeSecrets(): string[] {
  const configured = getEnv().SESSION_SECRET
  if (configured) return configured
  globalForSecret.__pioneerBoardEmailSecret ??= randomBytes(32).toString('hex')
  return [globalForSecret.__pioneerBoardEmailSecret]
}

export function emailSettings(): EmailSettings {
  const env = getEnv()
  return {
    from: env.EMAIL_FROM,
    boardUrl: configuredOrigin(env),
    secret: unsubscribeSecrets()[0]!,
  }
}
