import { Link } from '@remix-run/react'

import { Notice } from '../../components/notice'

// Shown when no rated project fits the background but some in its domains are not rated yet:
// the list below would otherwise start with projects that do not fit, and say nothing about why.
// The link lists only unrated projects (`unrated=yes`; those in your domains come first); "nothing
// fits me" stays the way to tell the maintainers.

export function UnratedHint({
  count,
  href,
  knownDomains,
}: {
  count: number
  /** The finder with the same background and filters, unrated projects only. */
  href: string
  knownDomains: string[]
}) {
  const projects = count === 1 ? '1 project' : `${count} projects`
  const where =
    knownDomains.length === 0
      ? ''
      : ` in ${knownDomains.length === 1 ? knownDomains[0] : 'the domains you know'}`
  return (
    <Notice tone="info" as="div" className="mb-3">
      <p>
        <strong>Nothing rated fits this background yet.</strong> {projects}
        {where} {count === 1 ? 'has' : 'have'} no difficulty stars yet: nobody has said how hard{' '}
        {count === 1 ? 'it is' : 'they are'}, and {count === 1 ? 'it' : 'they'} may suit you.
      </p>
      <p className="mt-1">
        <Link to={href} className="font-medium underline">
          Show only unrated projects
        </Link>{' '}
        or{' '}
        <a href="#nothing-fits-heading" className="underline">
          tell the maintainers what you are looking for
        </a>
        .
      </p>
    </Notice>
  )
}
