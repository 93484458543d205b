import { Form } from '@remix-run/react'

import { formatDate } from '~/utils/format'

import { buttonClass, inputClass } from './form-styles'

// A round whose voting ended with nobody voting cannot be closed (closing needs a ballot) nor
// voted in (the window is over): the one way on is a later closing day (extendVoting in
// round.server.ts). A refused form comes back with what was typed; the reason shows at the top.

export function ExtendVotingForm({
  closesAt,
  failed,
}: {
  closesAt: string
  /** The refused submission of this form, if that is what the action answered. */
  failed: { fields?: Record<string, string> } | undefined
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
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
        <label className="flex flex-col">
          <span className="font-medium">Voting closes on</span>
          <input
            name="closesOn"
            type="date"
            required
            defaultValue={failed?.fields?.closesOn ?? ''}
            className={inputClass}
          />
        </label>
        <button type="submit" name="intent" value="extend" className={buttonClass}>
          Extend voting
        </button>
      </Form>
    </section>
  )
}
