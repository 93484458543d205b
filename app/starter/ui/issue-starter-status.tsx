import { Link } from '@remix-run/react'

import type { IssueStarterStatus } from '../issue-status.server'

import { RatingPair } from './stars'
import { StatusBadge } from './status-badge'

// An issue card's line on what it is as starter work, where issues are listed (/issues,
// /issues/stale, an issue's page): a starter project, with its two ratings and whether someone
// is working on it, or (shown to maintainers only: others never receive it) a triage candidate.

export function IssueStarterStatusLine({
  status,
  languageName,
  isLinked = true,
  className = '',
}: {
  status: IssueStarterStatus
  languageName: string
  /** False where the project is already named and linked beside the line (an issue's page). */
  isLinked?: boolean
  className?: string
}) {
  if (status.kind === 'candidate') {
    return (
      <span className={`text-xs ${className}`} data-starter="candidate">
        <Link to={status.triageHref} className="font-medium text-blue-700 underline">
          Triage candidate
        </Link>{' '}
        <span className="text-slate-500">(could be a starter project: rate it in triage)</span>
      </span>
    )
  }
  return (
    <span
      className={`inline-flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs ${className}`}
      data-starter="project"
    >
      {isLinked ? (
        <Link to={`/starter/${status.id}`} className="font-medium text-blue-700 underline">
          Starter project<span className="sr-only">: {status.title}</span>
        </Link>
      ) : null}
      <RatingPair
        languageStars={status.languageStars}
        domainStars={status.domainStars}
        languageName={languageName}
        domainName={status.primaryDomain}
      />
      <StatusBadge status={status.status} />
    </span>
  )
}
