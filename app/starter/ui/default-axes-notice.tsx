import { Link } from '@remix-run/react'

import { Notice } from '~/components/notice'

/**
 * Said where maintainers rate, on a board mirroring its own repositories that still has MirageOS's
 * axes and no rating yet (isRatingOnDefaultAxes): the first triage otherwise records every rating
 * as "OCaml difficulty" in MirageOS's areas, and nothing says the two settings exist.
 */
export function DefaultAxesNotice({
  languageName,
  domains,
}: {
  languageName: string
  domains: readonly string[]
}) {
  return (
    <Notice tone="warning">
      Ratings here use MirageOS’s defaults: {languageName} difficulty, and the domains{' '}
      {domains.join(', ')}. If your community works in another language or other areas, set{' '}
      <code>LANGUAGE_NAME</code> and <code>STARTER_DOMAINS</code> and restart the board before the
      first rating: each rating keeps the axes it was made on. See{' '}
      <Link to="/setup" className="font-medium underline">
        setup
      </Link>
      .
    </Notice>
  )
}
