/** A tiny cookie-keeping HTTP client, to act as one browser against a running server. */
export function createAgent(baseUrl: string) {
  const cookies = new Map<string, string>()
  const remember = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';')
      const equals = pair.indexOf('=')
      const name = pair.slice(0, equals)
      const value = pair.slice(equals + 1)
      if (/max-age=0/i.test(header) || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
  }
  const request = async (
    path: string,
    init: RequestInit & { form?: Record<string, string> } = {},
  ) => {
    const headers = new Headers(init.headers)
    if (cookies.size > 0) {
      headers.set('Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    let body = init.body
    if (init.form) {
      body = new URLSearchParams(init.form)
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
      // What a browser sends for a form on our own pages.
      if (!headers.has('Origin')) headers.set('Origin', baseUrl)
      if (!headers.has('Sec-Fetch-Site')) headers.set('Sec-Fetch-Site', 'same-origin')
    }
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
      body,
      redirect: 'manual',
    })
    remember(response)
    return response
  }
  return {
    request,
    get: (path: string) => request(path),
    post: (path: string, form: Record<string, string> = {}, headers: HeadersInit = {}) =>
      request(path, { method: 'POST', form, headers }),
    cookies,
  }
}

export type Agent = ReturnType<typeof createAgent>

/** Signs an agent in as one of the demo people (demo mode only). */
export async function signInAsDemo(
  agent: Agent,
  person: 'maintainer' | 'maintainer-2' | 'contributor' | 'newcomer',
) {
  const response = await agent.post('/login', { intent: 'demo', person, returnTo: '/' })
  if (response.status !== 302) throw new Error(`demo sign-in answered ${response.status}`)
}
