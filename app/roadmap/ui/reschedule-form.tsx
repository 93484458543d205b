import { Form } from '@remix-run/react'

import type { ActionResult } from '~/roadmap/actions.server'

import { DateField } from './date-field'
import { secondaryButtonClass } from './form-styles'

// Moving a scheduled round (voting not started), earlier or later, offered to maintainers until
// it opens; today starts voting now, and rescheduleRound (round.server.ts) refuses a day already
// past. A refused form comes
// back with what was typed and the field the refusal names marked.

export function RescheduleForm({
  opensAt,
  failed,
}: {
  opensAt: string
  /** The refused submission of this form, if that is what the action answered. */
  failed: ActionResult | undefined
}) {
  return (
    <details className="mt-6" open={failed !== undefined}>
      <summary className="cursor-pointer font-semibold">Move this round (until it opens)</summary>
      {/* The button level with the inputs (mt-6: past their labels), not with the words under them. */}
      <Form method="post" className="mt-2 flex flex-wrap items-start gap-3">
        <DateField
          name="opensOn"
          label="Opens on"
          required
          defaultValue={failed?.fields?.opensOn ?? opensAt.slice(0, 10)}
          describedBy="reschedule-help"
          error={failed?.fieldErrors?.opensOn}
        />
        <DateField
          name="closesOn"
          label="Closes on"
          defaultValue={failed?.fields?.closesOn ?? ''}
          describedBy="reschedule-help"
          error={failed?.fieldErrors?.closesOn}
        />
        <button
          type="submit"
          name="intent"
          value="reschedule"
          className={`mt-6 ${secondaryButtonClass}`}
        >
          Move the round
        </button>
        <p id="reschedule-help" className="w-full text-xs text-slate-500">
          Closes on empty: the round keeps its length. Opens on: today, which starts voting now, or
          a day still to come, earlier or later.
        </p>
      </Form>
    </details>
  )
}
