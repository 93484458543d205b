import { Link } from '@remix-run/react'

import type { ShownFinishLink } from '../finish-link.server'

/**
 * The pull request or issue a finisher gave: by its title, to the board's page for it, when the
 * mirror holds it (its owner/repo#N after, muted); else its owner/repo#N, to GitHub.
 */
export function FinishLinkTo({ link }: { link: ShownFinishLink }) {
  return link.isMirrored ? (
    <>
      <Link to={link.href} className="text-blue-700 underline">
        {link.title ?? link.ref}
      </Link>
      {link.title ? <span className="text-slate-500"> ({link.ref})</span> : null}
    </>
  ) : (
    <a href={link.href} className="text-blue-700 underline" rel="noreferrer">
      {link.ref}
      <span className="sr-only"> (on GitHub)</span>
    </a>
  )
}
