import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'
import { expect, test } from 'vitest'

import { GeneralErrorBoundary } from './error-boundary'

/** The error page for `method path` on a board whose one page `/` has no form, rendered as text. */
async function errorPageFor(method: string, path: string, loader: () => null = () => null) {
  const handler = createStaticHandler([
    { path: '/', loader, errorElement: createElement(GeneralErrorBoundary) },
  ])
  const context = await handler.query(new Request(`http://localhost${path}`, { method }))
  if (context instanceof Response) throw new Error('The test route answered a Response.')
  const router = createStaticRouter(handler.dataRoutes, context)
  const html = renderToStaticMarkup(
    createElement(StaticRouterProvider, { router, context, hydrate: false }),
  )
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

test('a POST to a page without a form is a 405 that says the page takes no changes, in plain words', async () => {
  // Once "Something went wrong on our side", then Remix's words for developers.
  const page = await errorPageFor('POST', '/')
  expect(page).toContain('Error 405')
  expect(page).toContain('This page takes no changes')
  expect(page).not.toMatch(/on our side|did not provide an `action`|routes\//)
})

test('a refusal of ours still shows its own reason', async () => {
  const page = await errorPageFor('GET', '/', () => {
    throw new Response('There is no such notification in your inbox.', { status: 404 })
  })
  expect(page).toContain('There is no such notification in your inbox.')
})
