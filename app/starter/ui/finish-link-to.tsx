import { Link } from '@remix-run/react'

import type { ShownFinishLink } from '../finish-link.server'

/** The pull request or issue a finisher gave: the board's page for it if mirrored, else GitHub. */
export function FinishLinkTo({ link }: { link: ShownFinishLink }) {
  return link.isMirrored ? (
    <Link to={link.href} className="text-blue-700 underline">
      {link.ref}
    </Link>
  ) : (
    <a href={link.href} className="text-blue-700 underline" rel="noreferrer">
      {link.ref}
      <span className="sr-only"> (on GitHub)</span>
    </a>
  )
}
