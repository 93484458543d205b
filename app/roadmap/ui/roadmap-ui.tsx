import type { ReactNode } from 'react'

import { formatDate } from '~/utils/format'

// Small pieces the roadmap's pages share.

/** The outcome of a form, announced to screen readers. */
export function FormResult({ result }: { result?: { ok: boolean; message: string } | null }) {
  if (!result) return null
  return (
    <p
      role={result.ok ? 'status' : 'alert'}
      className={`mt-3 rounded border p-2 text-sm ${result.ok ? 'border-green-300 bg-green-50 text-green-900' : 'border-red-300 bg-red-50 text-red-900'}`}
    >
      {result.message}
    </p>
  )
}

/** Who an idea came from: its attribution ("call attendees") or the account that proposed it. */
export function Attribution({
  attribution,
  author,
  date,
}: {
  attribution: string | null
  author: string | null
  date: string
}) {
  return (
    <span>
      {attribution ?? author ?? 'unknown'} · <time dateTime={date}>{formatDate(date)}</time>
    </span>
  )
}

/** A verbatim idea is a quotation of what was said, and looks like one. */
export function IdeaTitle({ title, isVerbatim }: { title: string; isVerbatim: boolean }) {
  return isVerbatim ? (
    <q className="italic" title="Quoted verbatim">
      {title}
    </q>
  ) : (
    <>{title}</>
  )
}

type LinkState = {
  ref: string
  repo: string
  url: string
  isMirrored: boolean
  title: string | null
  state: string | null
  isPullRequest: boolean
  number: number | null
}

export function LinkedIssues({ links, label }: { links: LinkState[]; label: string }) {
  if (links.length === 0) return null
  return (
    <ul aria-label={label} className="mt-2 space-y-1 text-sm">
      {links.map((link) => (
        <li key={link.ref} className="flex flex-wrap items-baseline gap-2">
          <LinkStateBadge link={link} />
          {link.isMirrored && link.number !== null ? (
            <a
              href={`/repos/${link.repo}/issues/${link.number}`}
              className="text-blue-700 underline"
            >
              {link.ref}
            </a>
          ) : (
            <a href={link.url} className="text-blue-700 underline" rel="noreferrer">
              {link.ref}
            </a>
          )}
          {link.title ? <span className="text-slate-700">{link.title}</span> : null}
        </li>
      ))}
    </ul>
  )
}

function LinkStateBadge({ link }: { link: LinkState }) {
  const base = 'inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold'
  if (link.number === null) {
    return (
      <span className={`${base} bg-slate-100 text-slate-700`}>
        {link.isMirrored ? 'repository' : 'repository, not mirrored'}
      </span>
    )
  }
  if (!link.isMirrored) {
    return (
      <span className={`${base} bg-amber-100 text-amber-900`}>not mirrored: state unknown</span>
    )
  }
  const kind = link.isPullRequest ? 'PR' : 'Issue'
  return link.state === 'open' ? (
    <span className={`${base} bg-green-100 text-green-800`}>{kind} open</span>
  ) : (
    <span className={`${base} bg-slate-200 text-slate-700`}>{kind} closed</span>
  )
}

/** Linked issues closed / total, as words and as a bar (never the bar alone). */
export function Progress({
  closed,
  total,
  unknown,
}: {
  closed: number
  total: number
  unknown: number
}) {
  if (total === 0) return <p className="text-sm text-slate-500">No linked issues yet.</p>
  return (
    <p className="flex items-center gap-2 text-sm">
      <progress value={closed} max={total} className="h-2 w-32" aria-hidden="true" />
      <span>
        {closed} of {total} linked issue{total === 1 ? '' : 's'} closed
        {unknown > 0 ? ` (${unknown} not mirrored, state unknown)` : ''}
      </span>
    </p>
  )
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div className={`rounded border border-slate-200 bg-white p-4 ${className}`}>{children}</div>
  )
}

export const inputClass = 'mt-1 rounded border border-slate-300 px-2 py-1'
export const buttonClass =
  'rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-400'
export const secondaryButtonClass =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-400'
