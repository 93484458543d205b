import { Form } from '@remix-run/react'

import type { ActionResult } from '~/roadmap/actions.server'
import { formatDate } from '~/utils/format'

import { DateField } from './date-field'
import { buttonClass } from './form-styles'

// A round whose voting ended with nobody voting cannot be closed (closing needs a ballot) nor
// voted in (the window is over): the one way on is a later closing day (extendVoting in
// round.server.ts). A refused form comes back with what was typed and the field marked; the
// reason shows at the top.

export function ExtendVotingForm({
  closesAt,
  failed,
}: {
  closesAt: string
  /** The refused submission of this form, if that is what the action answered. */
  failed: ActionResult | undefined
}) {
  return (
    <section
      aria-labelledby="extend"
      className="mt-8 rounded border border-purple-200 bg-purple-50 p-4 text-sm text-slate-700"
    >
      <h2 id="extend" className="text-lg font-semibold text-slate-900">
        Nobody voted
      </h2>
      <p>
        Voting ended on <time dateTime={closesAt}>{formatDate(closesAt)}</time> without a ballot,
        and a round closes on at least one. Give the maintainers more time: voting opens again until
        the day you choose.
      </p>
      {/* The button level with the inputs (mt-6: past their labels), not with the words under them. */}
      <Form method="post" className="mt-2 flex flex-wrap items-start gap-3">
        <DateField
          name="closesOn"
          label="Voting closes on"
          required
          defaultValue={failed?.fields?.closesOn ?? ''}
          error={failed?.fieldErrors?.closesOn}
        />
        <button type="submit" name="intent" value="extend" className={`mt-6 ${buttonClass}`}>
          Extend voting
        </button>
      </Form>
    </section>
  )
}
