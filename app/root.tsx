import {
  json,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'

import { getCurrentUser, isDemoMode } from '~/accounts/auth.server'
import { AccountMenu, DemoBanner, type RootData } from '~/accounts/ui/account-menu'
import { errorTitle, GeneralErrorBoundary } from '~/components/error-boundary'
import { SiteName } from '~/components/site-name'
import { InboxLink } from '~/notifications/ui/inbox-link'
import { unreadForHeader } from '~/notifications/unread.server'
import { recordVisitQuietly } from '~/notifications/visits.server'
import { pageTitle } from '~/setup/board-name'
import { getBoardIdentity } from '~/setup/board-name.server'
import stylesheet from '~/tailwind.css'
import { getEnv, hasGitHubCredentials } from '~/utils/env.server'
import { useNonce } from '~/utils/nonce-provider'
import { keepRetryAfter } from '~/utils/refusal'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

// Routes without their own title, and every error page a route's boundary shows, get this one.
export const meta: MetaFunction<typeof loader> = ({ error, matches }) => [
  { title: pageTitle(error ? errorTitle(error) : 'Pioneer Board', matches) },
]

// The demo's copies come first: with or without a token, their changes are never sent.
function labelWrites(isDemo: boolean): RootData['labelWrites'] {
  if (isDemo) return 'never'
  return hasGitHubCredentials(getEnv()) ? 'sent' : 'queued'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  // Every page a signed-in person opens is part of a visit; the home page says what came since
  // the last one (app/notifications/visits.server.ts). Recorded here only, where every page passes.
  const [unreadNotifications, board] = await Promise.all([
    unreadForHeader(user?.id),
    getBoardIdentity(),
    recordVisitQuietly(user?.id),
  ])
  return json<RootData & { unreadNotifications: number | null; boardName: string | null }>({
    user,
    unreadNotifications,
    // Whose board this is, beside the board's own name (the demo's banner says it is MirageOS's).
    boardName: board.name,
    isDemoMode: isDemoMode(),
    labelWrites: labelWrites(board.isDemo),
    // Only `npm run dev` serves a development build that a browser can live-reload; `npm start`
    // serves the production build even while NODE_ENV is development (demo mode).
    isLiveReloading: process.env.PIONEER_BOARD_DEV_SERVER === '1',
  })
}

const NAV_ITEMS = [
  { to: '/starter', label: 'Starter projects', end: false },
  { to: '/roadmap', label: 'Roadmap', end: false },
  { to: '/issues', label: 'Issues', end: true },
  { to: '/issues/stale', label: 'Stale', end: true },
  // What changed since the last fortnightly call: the agenda people come back to.
  { to: '/digest', label: 'Digest', end: true },
]

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <DemoBanner />
          <nav
            aria-label="Main"
            className="relative mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 px-4 py-1"
          >
            {/* Every link a thumb tall (40 px) and one line: on a phone the inbox and the account
                menu (or "Sign in") beside the name, the main links on a row of their own.
                The gaps are tight so that a maintainer's full header (admin links, My work, inbox,
                name) is one row down to 1200 px, the inbox not left alone on a second. */}
            <SiteName boardName={data?.boardName ?? null} />
            <ul className="order-4 flex w-full flex-wrap gap-x-2 text-sm sm:order-2 sm:w-auto sm:gap-x-3">
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.end}
                    className={({ isActive }) =>
                      `inline-flex min-h-10 items-center whitespace-nowrap ${
                        isActive
                          ? // Bold only on wider screens: on a phone it widened the row past one line.
                            'text-blue-700 underline underline-offset-4 sm:font-semibold'
                          : 'text-slate-700 hover:text-blue-700'
                      }`
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            <AccountMenu />
            {data?.unreadNotifications != null ? (
              <InboxLink unread={data.unreadNotifications} />
            ) : null}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {data?.isLiveReloading ? <LiveReload nonce={nonce} /> : null}
      </body>
    </html>
  )
}

// A 429 thrown by a page without its own error boundary (the sync button's) is drawn by this one:
// its Retry-After reaches the page only through this route's headers.
export const headers = keepRetryAfter

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
