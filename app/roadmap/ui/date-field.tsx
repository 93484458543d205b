import { useEffect, useRef, useState, type ReactNode } from 'react'

import { FieldError } from '~/components/field-error'
import { parseDateInput } from '~/roadmap/dates'
import { formatDateTime } from '~/utils/format'

import { inputClass } from './form-styles'

// A round form's day ("Opens on", "Closes on"). The browser shows a date input in its own
// locale (12/15/2026 in the US, 15/12/2026 in the UK) and the round runs in UTC, so the day
// chosen is also said in words under it, as the server will read it (parseDateInput: midnight
// UTC). The words are rendered on the server from the value, so they are there without
// JavaScript, and follow the input as it changes when it runs. A refusal naming the field marks it.

/** The moment a date input's value stands for, in words; empty when blank or not a date. */
export function dayInWords(value: string | undefined) {
  const date = parseDateInput(value)
  return date ? formatDateTime(date) : ''
}

export function DateField({
  name,
  label,
  defaultValue,
  required = false,
  help,
  describedBy,
  error,
  onValueChange,
}: {
  /** The form field's name, also the key of its error in a refusal's field errors. */
  name: string
  label: string
  defaultValue: string | undefined
  required?: boolean
  /** A line of help under the field, such as what a blank value means. */
  help?: ReactNode
  /** The id of help elsewhere in the form that the field points at too. */
  describedBy?: string
  error?: string
  /** Told the field's text as it changes, for a form that says what the day will do. */
  onValueChange?: (value: string) => void
}) {
  const [value, setValue] = useState(defaultValue ?? '')
  const onChange = useRef(onValueChange)
  onChange.current = onValueChange
  const input = useRef<HTMLInputElement>(null)
  // A day picked before the page's script ran, or restored by the browser on going back, is in
  // the input without a change event: read it once the script runs.
  useEffect(() => {
    if (input.current) setValue(input.current.value)
  }, [])
  useEffect(() => onChange.current?.(value), [value])
  const words = dayInWords(value)
  const ids = {
    words: `${name}-day`,
    help: `${name}-help`,
    error: `${name}-error`,
  }
  const described = [
    words ? ids.words : null,
    help ? ids.help : null,
    describedBy ?? null,
    error ? ids.error : null,
  ].filter(Boolean)
  return (
    <div className="flex flex-col text-sm">
      <label className="flex flex-col">
        <span className="font-medium">{label}</span>
        <input
          ref={input}
          name={name}
          type="date"
          required={required}
          defaultValue={defaultValue}
          onChange={(event) => setValue(event.currentTarget.value)}
          aria-describedby={described.length > 0 ? described.join(' ') : undefined}
          aria-invalid={error ? true : undefined}
          className={inputClass}
        />
      </label>
      {/* Kept when blank, so fields side by side stay level; a help line takes its place then. */}
      <span
        id={ids.words}
        className={
          words || !help ? 'mt-1 min-h-4 text-xs text-slate-600' : 'mt-1 text-xs text-slate-600'
        }
      >
        {words}
      </span>
      {help ? (
        <span id={ids.help} className="text-xs text-slate-500">
          {help}
        </span>
      ) : null}
      <FieldError field={name} message={error} />
    </div>
  )
}
