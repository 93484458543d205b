import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

import { signIn } from '../app/accounts/auth.server'

// Calling a route's loader or action the way Remix would, as a signed-in person or anonymously,
// so route tests state only the path, the form and who is asking.

const ORIGIN = 'http://localhost'

export type RouteForm = Record<string, string | string[]> | [string, string][]

type RouteOptions = {
  /** Signed in as this account; anonymous when left out. */
  accountId?: number
  params?: Record<string, string>
}

/** The `name=value` pair of the session cookie that signs `accountId` in. */
export async function sessionCookieFor(accountId: number) {
  const response = await signIn(new Request(`${ORIGIN}/`), accountId, '/')
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

/** What a loader is called with for a GET of `path` (e.g. `/starter?level=some`). */
export async function loaderArgs(
  path: string,
  { accountId, params = {} }: RouteOptions = {},
): Promise<LoaderFunctionArgs> {
  const headers = accountId ? { Cookie: await sessionCookieFor(accountId) } : undefined
  return { request: new Request(`${ORIGIN}${path}`, { headers }), params, context: {} }
}

/** A form body as a browser sends it; a field given several values is repeated in order. */
export function formBody(form: RouteForm) {
  if (Array.isArray(form)) return new URLSearchParams(form)
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
  }
  return body
}

/** What an action is called with for a form POST to `path`. */
export async function actionArgs(
  path: string,
  form: RouteForm,
  {
    accountId,
    params = {},
    headers: extraHeaders = {},
  }: RouteOptions & {
    headers?: Record<string, string>
  } = {},
): Promise<ActionFunctionArgs> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    ...extraHeaders,
  }
  if (accountId) headers.Cookie = await sessionCookieFor(accountId)
  const request = new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: formBody(form) })
  return { request, params, context: {} }
}

/** A thrown Response (a redirect, a 401, a 404) is the answer too; anything else still throws. */
async function settle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** Calls `loader` for a GET of `path` and gives back its Response, returned or thrown. */
export async function callLoader(
  loader: (args: LoaderFunctionArgs) => Promise<Response>,
  path: string,
  options: RouteOptions = {},
): Promise<Response> {
  const args = await loaderArgs(path, options)
  return settle(() => loader(args))
}

/** Calls `action` for a form POST to `path` and gives back its Response, returned or thrown. */
export async function callAction(
  action: (args: ActionFunctionArgs) => Promise<Response>,
  path: string,
  form: RouteForm,
  options: RouteOptions & { headers?: Record<string, string> } = {},
): Promise<Response> {
  const args = await actionArgs(path, form, options)
  return settle(() => action(args))
}
