import type { Env } from '../utils/env.server'

/**
 * Password-less demo people only where no real sign-in exists and never in production. Offered
 * on a board with a GitHub token or app too: before its OAuth app is set up, it is how an operator
 * reaches /setup and tries the pages on their own mirror. What keeps that safe is that a demo
 * person's label changes never reach GitHub (refused when queued on a mirror, skipped by the
 * worker: app/labels/outbox), not hiding the sign-in.
 */
export function isDemoSignIn(
  env: Pick<Env, 'NODE_ENV' | 'GITHUB_CLIENT_ID' | 'GITHUB_CLIENT_SECRET'>,
) {
  return !(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) && env.NODE_ENV !== 'production'
}
