import type { SerializeFrom } from '@remix-run/node'
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'

import type { CurrentUser } from '../auth.server'
import { roleLabel } from '../person'

/** What the root loader (app/root.tsx) gives every page: who is signed in and the board's mode. */
export type RootData = {
  user: CurrentUser | null
  isDemoMode: boolean
  /**
   * What becomes of label changes maintainers apply: sent with the server's token (even in demo
   * mode), queued until there is one, or never sent (the demo's repositories are copies bearing
   * the real names: app/labels/outbox/worker.server.ts skips them).
   */
  labelWrites: 'sent' | 'queued' | 'never'
  isLiveReloading: boolean
}

export function useRootData() {
  return useRouteLoaderData('root') as SerializeFrom<RootData> | undefined
}

/**
 * Who you are, your work and how to leave, or how to sign in; plus the demo-mode banner.
 *
 * "My work" (/me: your claims, the reports you owe, your requests) is a link named so, never only
 * your name: people coming back to report on a task did not guess their name led there.
 */
export function AccountMenu() {
  const data = useRootData()
  const location = useLocation()
  const user = data?.user
  if (!user) {
    const onLogin = location.pathname === '/login'
    return (
      <Link
        to={signInHref(location)}
        aria-current={onLogin ? 'page' : undefined}
        className="order-2 my-1 ml-auto inline-flex min-h-10 items-center rounded border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 sm:order-3"
      >
        Sign in
      </Link>
    )
  }
  const name = user.name ?? user.login
  return (
    <>
      {/* On a phone, who you are and the maintainers' pages fold under your name beside the
          board's: laid out in full they took three rows, a third of the first screen. Only one
          of the phone's and the wider screens' parts is displayed at a time, so each link is
          found once. My work stays in this menu on a phone: at 375 px the top row (343 px inside
          its padding) holds the board's name (138), the inbox (39, 63 with an unread count) and
          "Menu" (75); My work (59) with even 12 px gaps needs 347 px with no unread count. */}
      <HeaderMenu
        label={`Menu: ${name}`}
        className="order-3 ml-4 sm:hidden"
        panelClassName="inset-x-0 flex-col items-start gap-x-4 px-4"
        summary={
          // "Menu", not the name: a demo person's name ("Dana (demo maintainer)") would push it
          // to a row of its own, and the demo banner just above already says who you are.
          'Menu'
        }
      >
        <MyWorkLink />
        <OperatorLinks user={user} />
        <Identity user={user} />
        <SignOut />
      </HeaderMenu>
      {/* On wider screens your pages in the row, the inbox after them (app/root.tsx), then your
          name, which folds your role and the sign-out buttons: in full, with My work, a
          maintainer's header took two rows below 1280 px. */}
      <div className="order-5 hidden items-center gap-x-3 text-sm sm:order-3 sm:ml-auto sm:flex">
        <OperatorLinks user={user} />
        <MyWorkLink />
      </div>
      <HeaderMenu
        className="order-6 hidden sm:order-5 sm:block"
        panelClassName="right-4 w-max flex-col items-end gap-1 rounded-b px-4 py-2"
        summary={name}
      >
        <Identity user={user} />
        <SignOut />
      </HeaderMenu>
    </>
  )
}

/** A header disclosure (<details>: it opens without JavaScript) whose panel drops under the row. */
function HeaderMenu({
  label,
  summary,
  className,
  panelClassName,
  children,
}: {
  label?: string
  summary: string
  className: string
  panelClassName: string
  children: ReactNode
}) {
  const menu = useRef<HTMLDetailsElement>(null)
  const location = useLocation()
  // The header stays mounted across client-side navigations: close the menu on each one.
  useEffect(() => {
    if (menu.current) menu.current.open = false
  }, [location])
  return (
    <details ref={menu} className={className}>
      <summary
        aria-label={label}
        className="inline-flex min-h-10 cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded border border-slate-300 px-3 text-sm font-medium text-slate-900 [&::-webkit-details-marker]:hidden"
      >
        {summary} <span aria-hidden="true">▾</span>
      </summary>
      <div
        className={`absolute top-full z-20 flex border-b border-slate-200 bg-white py-1 text-sm shadow-md ${panelClassName}`}
      >
        {children}
      </div>
    </details>
  )
}

function MyWorkLink() {
  return (
    <NavLink
      to="/me"
      end
      className={({ isActive }) =>
        `inline-flex min-h-10 items-center whitespace-nowrap font-medium ${
          isActive
            ? 'text-blue-700 underline underline-offset-4'
            : 'text-slate-900 hover:text-blue-700'
        }`
      }
      title="Your claims, the reports you owe and your requests"
    >
      My work
    </NavLink>
  )
}

/** The maintainers' pages, for a maintainer. */
function OperatorLinks({ user }: { user: SerializeFrom<CurrentUser> }) {
  if (user.role !== 'maintainer') return null
  return (
    <>
      <Link
        to="/labels"
        className="inline-flex min-h-10 items-center whitespace-nowrap text-slate-700 hover:text-blue-700"
      >
        Labels
      </Link>
      <Link
        to="/admin/maintainers"
        className="inline-flex min-h-10 items-center whitespace-nowrap text-slate-700 hover:text-blue-700"
      >
        Maintainers
      </Link>
      {/* An operator's page: out of the newcomers' main navigation. */}
      <Link
        to="/sync"
        className="inline-flex min-h-10 items-center whitespace-nowrap text-slate-700 hover:text-blue-700"
      >
        Sync
      </Link>
    </>
  )
}

/** Your name and role. */
function Identity({ user }: { user: SerializeFrom<CurrentUser> }) {
  return (
    <span className="inline-flex min-h-10 flex-wrap items-center gap-x-1.5">
      <span className="whitespace-nowrap font-medium text-slate-900">
        {user.name ?? user.login}
      </span>{' '}
      <span
        className={`rounded px-1.5 py-0.5 text-xs font-semibold ${user.role === 'maintainer' ? 'bg-purple-100 text-purple-800' : 'bg-slate-100 text-slate-700'}`}
      >
        {roleLabel(user)}
      </span>
    </span>
  )
}

function SignOut() {
  return (
    <Form method="post" action="/logout" className="flex items-center gap-3">
      <button
        type="submit"
        className="inline-flex min-h-10 items-center whitespace-nowrap text-slate-700 underline hover:text-blue-700"
      >
        Sign out
      </button>
      <button
        type="submit"
        name="intent"
        value="everywhere"
        className="inline-flex min-h-10 items-center whitespace-nowrap text-xs text-slate-600 underline hover:text-blue-700"
        title="Ends your sessions on every device and browser"
      >
        (everywhere)
      </button>
    </Form>
  )
}

/**
 * The sign-in page, coming back to this page afterwards. On the sign-in page itself, that page as
 * it is (its own returnTo kept, which the login loader checks with safeReturnTo): wrapping it
 * would nest /login in its returnTo.
 */
function signInHref({ pathname, search }: { pathname: string; search: string }) {
  const here = `${pathname}${search}`
  return pathname === '/login' ? here : `/login?returnTo=${encodeURIComponent(here)}`
}

export function DemoBanner() {
  const data = useRootData()
  const location = useLocation()
  if (!data?.isDemoMode) return null
  const user = data.user
  return (
    // Smaller on a phone, where it would otherwise fill a sixth of the first screen.
    <div
      role="note"
      className="bg-amber-100 px-4 py-1.5 text-center text-xs text-amber-900 sm:text-sm"
    >
      {user ? (
        <>
          Demo mode: you are <span className="hidden sm:inline">signed in as </span>
          {user.name ?? user.login}
          {/* The role shows beside the name in the header; on a phone the banner stays short. */}
          <span className="hidden sm:inline">, a {roleLabel(user)}</span>.
        </>
      ) : (
        // The newcomer is named: someone new, looking for a first project, is who the demo is for.
        'Demo mode: sign in as a demo maintainer, contributor or newcomer, no account needed.'
      )}{' '}
      Nothing is sent to GitHub
      {/* The reason on wider screens only: on a phone every line of banner pushes the page down. */}
      <span className="hidden sm:inline">
        {data.labelWrites === 'never'
          ? ': the demo’s repositories are copies, so their label changes are never sent'
          : // Token or not, on a mirror: queueing refuses a demo person's changes (labels/outbox).
            ': demo people’s label changes are never sent, even on a mirror of GitHub'}
      </span>
      . {/* Back to this page as the person chosen. */}
      <Link to={signInHref(location)} className="font-semibold underline">
        {user ? 'Be someone else' : 'Choose who to be'}
      </Link>
    </div>
  )
}
