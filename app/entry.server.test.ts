import { createStaticHandler } from '@remix-run/router'
import { afterEach, expect, test, vi } from 'vitest'

import { handleError } from './entry.server'

// What reaches the server's error log. A client's wrong method or address (Remix's own 405 and
// 404) once logged "ERROR request failed error=[object Object]" for every such request: noise an
// operator could neither read nor act on, beside the request log's line with its 4xx.

/** What Remix hands handleError for `method path` on a board whose one page has no action. */
async function remixErrorFor(method: string, path: string) {
  const handler = createStaticHandler([{ id: 'root', path: '/', loader: () => null }])
  const context = await handler.query(new Request(`http://localhost${path}`, { method }))
  if (context instanceof Response) throw new Error(`expected an error, got ${context.status}`)
  return Object.values(context.errors ?? {})[0]
}

function errorLog() {
  const lines: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk))
    return true
  })
  return lines
}

const argsFor = (path: string) => ({
  request: new Request(`http://localhost${path}`),
  params: {},
  context: {},
})

afterEach(() => {
  vi.restoreAllMocks()
})

test('a PUT to a page without a form, or an address no route serves, logs no error', async () => {
  const methodNotAllowed = await remixErrorFor('PUT', '/')
  const notFound = await remixErrorFor('GET', '/no/such/page')
  const lines = errorLog()
  handleError(methodNotAllowed, argsFor('/'))
  handleError(notFound, argsFor('/no/such/page'))
  expect(lines).toEqual([])
})

test('a failure of ours is logged with its message, and a thrown non-Error is readable', () => {
  const lines = errorLog()
  handleError(new Error('the query failed'), argsFor('/issues'))
  handleError({ reason: 'not an Error' }, argsFor('/issues'))
  expect(lines.join('')).toContain('request failed path=/issues error=the query failed')
  expect(lines.join('')).toContain('error={"reason":"not an Error"}')
  expect(lines.join('')).not.toContain('[object Object]')
})
