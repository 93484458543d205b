import { getEnv, type Env } from './env.server'

/** The board's public address (PUBLIC_URL), else the request's own origin: for absolute links. */
export function publicOrigin(request: Request) {
  return getEnv().PUBLIC_URL?.replace(/\/+$/, '') ?? new URL(request.url).origin
}

/**
 * The board's address where no request is at hand (e-mail, the command line): PUBLIC_URL, else
 * where this board serves (HOST and PORT).
 */
export function configuredOrigin(env: Pick<Env, 'PUBLIC_URL' | 'HOST' | 'PORT'> = getEnv()) {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '')
}
