import type { Env } from '../utils/env.server'

/** Password-less demo people only where no real sign-in exists and never in production. */
export function isDemoSignIn(
  env: Pick<Env, 'NODE_ENV' | 'GITHUB_CLIENT_ID' | 'GITHUB_CLIENT_SECRET'>,
) {
  return !(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) && env.NODE_ENV !== 'production'
}
