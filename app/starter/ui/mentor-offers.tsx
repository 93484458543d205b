import { Form } from '@remix-run/react'

import { demoActionNote } from '../../accounts/person'
import { formatDate } from '../../utils/format'

// The offers to mentor a project that wait for a maintainer (`listOpenMentorOffers`), on the
// project page and its edit page: each settled where she sees it. Both pages post to the project
// page's action (intents `add-mentor`, `decline-mentor`), which says what was done.

export function OpenMentorOffers({
  projectId,
  offers,
}: {
  projectId: number
  offers: { id: number; name: string; offeredAt: string | Date; isDemo: boolean }[]
}) {
  if (offers.length === 0) return null
  return (
    <section
      aria-labelledby="mentor-offers-heading"
      className="mt-4 rounded border border-amber-200 bg-amber-50 p-3 text-sm"
    >
      <h2 id="mentor-offers-heading" className="font-semibold">
        Offers to mentor this
      </h2>
      <ul className="mt-1 divide-y divide-amber-200">
        {offers.map((offer) => (
          <li key={offer.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2">
            <span className="min-w-0 flex-1 basis-56">
              {offer.name} offered to mentor this on {formatDate(offer.offeredAt)}
              {demoActionNote(offer.isDemo)}
            </span>
            <Form
              method="post"
              action={`/starter/${projectId}`}
              className="flex flex-wrap items-center gap-2"
            >
              <input type="hidden" name="offerId" value={offer.id} />
              {/* A thumb tall on a phone (40 px), as the offer's own button. Named with the person
                  after the visible words, which a voice user says. */}
              <button
                type="submit"
                name="intent"
                value="add-mentor"
                aria-label={`Add as mentor: ${offer.name}`}
                className="inline-flex min-h-10 items-center rounded bg-blue-700 px-3 font-semibold text-white hover:bg-blue-800 sm:min-h-0 sm:py-1"
              >
                Add as mentor
              </button>
              <button
                type="submit"
                name="intent"
                value="decline-mentor"
                aria-label={`Decline: ${offer.name}’s offer`}
                className="inline-flex min-h-10 items-center rounded border border-slate-300 bg-white px-3 font-semibold text-slate-800 hover:bg-slate-50 sm:min-h-0 sm:py-1"
              >
                Decline
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-600">
        Either way they are told; “Decline” thanks them and leaves the mentors as they are.
      </p>
    </section>
  )
}
