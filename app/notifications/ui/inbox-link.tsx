import { Link } from '@remix-run/react'

/** The header's way to the inbox, with how many notifications are unread. */
export function InboxLink({ unread }: { unread: number }) {
  // Named by what it shows ("Inbox 6 unread"), not by a label of its own: a name that does not
  // hold the visible text ("Inbox, 6 unread" for "Inbox 6") fails people who speak to their
  // screen what they see (WCAG 2.5.3).
  return (
    <Link
      to="/notifications"
      className="order-2 ml-auto flex min-h-10 items-center gap-1 whitespace-nowrap text-sm text-slate-700 hover:text-blue-700 sm:order-4 sm:ml-0"
    >
      Inbox{' '}
      {unread > 0 ? (
        <span className="rounded-full bg-blue-700 px-1.5 text-xs font-semibold text-white">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
      {unread > 0 ? <span className="sr-only"> unread</span> : null}
    </Link>
  )
}
