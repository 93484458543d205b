import { Form } from '@remix-run/react'

import { demoActionNote } from '../../accounts/person'
import { formatDate } from '../../utils/format'

// "Offer to mentor this", for a signed-in person who is neither a maintainer (she names herself on
// the edit page) nor a mentor of it already: only maintainers name mentors, so it tells them.
// Once she has offered, what she did instead of the button (`getMentorOffer`), on every visit.

export function MentorOffer({
  offered = null,
}: {
  offered?: {
    offeredAt: string | Date
    isDemo: boolean
    /** Settled by a maintainer; "added" is not seen here once she is one of its mentors. */
    outcome?: 'added' | 'declined' | null
  } | null
}) {
  if (offered) {
    return (
      <p className="mt-3 text-sm text-slate-700">
        You offered to mentor this on {formatDate(offered.offeredAt)}
        {demoActionNote(offered.isDemo)}
        {offered.outcome === 'declined'
          ? '. Thank you: the maintainers are not adding a mentor here for now.'
          : '; a maintainer adds mentors.'}
      </p>
    )
  }
  return (
    <Form method="post" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <button
        type="submit"
        name="intent"
        value="offer-mentor"
        // A thumb tall on a phone (40 px), as the Follow button; compact beside text elsewhere.
        className="inline-flex min-h-10 items-center rounded border border-slate-300 bg-white px-3 font-semibold text-slate-800 hover:bg-slate-50 sm:min-h-0 sm:py-1"
      >
        Offer to mentor this
      </button>
      <span className="text-xs text-slate-600">
        Maintainers name mentors: this tells them you offer, and one adds you here.
      </span>
    </Form>
  )
}
