import { personName } from '~/accounts/person'

// An idea's links to the mirror with the live state of each issue, and the share of them closed:
// how the roadmap shows progress without anyone keeping it by hand.

type LinkState = {
  ref: string
  repo: string
  url: string
  isMirrored: boolean
  title: string | null
  state: string | null
  isPullRequest: boolean
  number: number | null
  /** Linked to the agreed effort later by a maintainer (a demo person's link is a demo action). */
  linkedBy?: { login: string; isDemo: boolean } | null
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
          {link.linkedBy ? (
            <span className="text-xs text-slate-600">
              linked by {personName(link.linkedBy)}
              {link.linkedBy.isDemo ? ', a demo action' : ''}
            </span>
          ) : null}
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
  // An effort's status already says when no issue is linked (statusSource): no bar, no repeat.
  if (total === 0) return null
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
