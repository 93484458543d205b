import { Link } from '@remix-run/react'

import { DemoBadge } from '../../components/demo-badge'
import { Notice } from '../../components/notice'
import { formatDate } from '../../utils/format'

// Shown when no rated project fits the background but some in its domains are not rated yet:
// the list below would otherwise start with projects that do not fit, and say nothing about why.
// The link lists only unrated projects (`unrated=yes`; those in your domains come first); "nothing
// fits me" stays the way to tell the maintainers, until one's request is sent: then the hint says
// it is waiting (where to see it) instead of inviting the same request again.
// Also shown when every project that fits is taken (`isEveryFitTaken`): "Projects for you" then
// lists only other people's claims, which a newcomer read as nothing left for her, with no way on.

export function UnratedHint({
  isEveryFitTaken = false,
  count,
  href,
  knownDomains,
  waitingRequest = null,
}: {
  /** Rated projects fit, but someone is working on each (`count` may then be 0). */
  isEveryFitTaken?: boolean
  count: number
  /** The finder with the same background and filters, unrated projects only. */
  href: string
  knownDomains: string[]
  /** The signed-in person's newest unanswered "nothing fits me" request; `isDemo`: a demo action. */
  waitingRequest?: { sentAt: string; isDemo: boolean } | null
}) {
  const projects = count === 1 ? '1 unrated project' : `${count} unrated projects`
  const where =
    knownDomains.length === 0
      ? ''
      : ` in ${knownDomains.length === 1 ? knownDomains[0] : 'the domains you know'}`
  return (
    <Notice tone="info" className="mb-3">
      {/* Short: on a phone it stands between the background and the first result. */}
      <strong>
        {isEveryFitTaken
          ? 'Someone is working on each project that fits you.'
          : 'Nothing rated fits this background yet.'}
      </strong>{' '}
      {count > 0 ? (
        <>
          {projects} (no difficulty stars yet) {count === 1 ? 'is' : 'are'}
          {where}:{' '}
          <Link to={href} className="font-medium underline">
            show only unrated projects
          </Link>
        </>
      ) : null}
      {waitingRequest ? (
        <>
          {count > 0 ? '. Your' : 'Your'} “nothing fits me” request of{' '}
          {formatDate(waitingRequest.sentAt)}
          {waitingRequest.isDemo ? <DemoBadge>demo request</DemoBadge> : null} is sent and waiting
          for the maintainers’ answer: see it on{' '}
          <Link to="/me" className="underline">
            My work
          </Link>
          .
        </>
      ) : (
        <>
          {count > 0 ? ' or ' : null}
          <a href="#nothing-fits-heading" className="underline">
            {count > 0 ? 'tell' : 'Tell'} the maintainers what you look for
          </a>
          .
        </>
      )}
    </Notice>
  )
}
