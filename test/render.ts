import { createElement, type ComponentType, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'

/**
 * Renders a page piece that holds forms or links, which need a data router around them as on the
 * page, the way the server renders it; `at` is the page's path and query, for a piece that reads
 * where it is.
 */
export async function renderInRouter(element: ReactElement, at = '/') {
  const handler = createStaticHandler([{ path: '*', element }])
  const context = await handler.query(new Request(`http://localhost${at}`))
  if (context instanceof Response) throw new Error('The test route answered a Response.')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, { router, context, hydrate: false }),
  )
}

/**
 * Renders a route's page component with the data its loader answered (`await response.json()`,
 * as the browser receives it), in a data router as on the page: `useLoaderData` reads it. With
 * `actionData` (what its action answered to a post), the page as it shows after that post:
 * `useActionData` reads it.
 */
export async function renderRouteWith(
  Component: ComponentType,
  loaderData: object,
  at = '/',
  actionData?: object,
) {
  const handler = createStaticHandler([
    { path: '*', Component, loader: () => loaderData, action: () => actionData ?? null },
  ])
  const context = await handler.query(
    new Request(`http://localhost${at}`, actionData ? { method: 'POST' } : undefined),
  )
  if (context instanceof Response) throw new Error('The test route answered a Response.')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, { router, context, hydrate: false }),
  )
}
