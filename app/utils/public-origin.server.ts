import { getEnv } from './env.server'

/** The board's public address (PUBLIC_URL), else the request's own origin: for absolute links. */
export function publicOrigin(request: Request) {
  return getEnv().PUBLIC_URL?.replace(/\/+$/, '') ?? new URL(request.url).origin
}
