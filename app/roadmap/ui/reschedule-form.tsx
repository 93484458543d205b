import { Form } from '@remix-run/react'

import { inputClass, secondaryButtonClass } from './form-styles'

// Moving a scheduled round (voting not started), earlier or later, offered to maintainers until
// it opens; rescheduleRound (round.server.ts) refuses a day already past. A refused form comes
// back with what was typed.

export function RescheduleForm({
  opensAt,
  failed,
}: {
  opensAt: string
  /** The refused submission of this form, if that is what the action answered. */
  failed: { fields?: Record<string, string> } | undefined
}) {
  return (
    <details className="mt-6" open={failed !== undefined}>
      <summary className="cursor-pointer font-semibold">Move this round (until it opens)</summary>
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Opens on</span>
          <input
            name="opensOn"
            type="date"
            required
            defaultValue={failed?.fields?.opensOn ?? opensAt.slice(0, 10)}
            className={inputClass}
          />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Closes on</span>
          <input
            name="closesOn"
            type="date"
            aria-describedby="reschedule-closes-help"
            defaultValue={failed?.fields?.closesOn ?? ''}
            className={inputClass}
          />
        </label>
        <button type="submit" name="intent" value="reschedule" className={secondaryButtonClass}>
          Move the round
        </button>
        <p id="reschedule-closes-help" className="w-full text-xs text-slate-500">
          Closes on empty: the round keeps its length. Opens on: a day still to come, earlier or
          later.
        </p>
      </Form>
    </details>
  )
}
