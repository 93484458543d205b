import { Form } from '@remix-run/react'

import { FieldError } from '~/components/field-error'
import type { ActionResult } from '~/roadmap/actions.server'

import { inputClass, secondaryButtonClass } from './form-styles'

// The area an idea in ideation is filed under, what others suggested instead, and the form to
// suggest an existing area or a new one. A refused suggestion comes back as `failed`: its fields
// keep what was chosen and typed, and the fields it is about are marked.

export function IdeaAreaSection({
  idea,
  areas,
  isSignedIn,
  failed,
}: {
  idea: {
    area_id: number
    area_name: string
    suggestions: { area_id: number | null; name: string | null; count: number | string }[]
  }
  areas: { id: number; name: string }[]
  isSignedIn: boolean
  failed?: ActionResult
}) {
  const errors = failed?.fieldErrors ?? {}
  // Both fields share one message (the refusal is about the pair), shown once below them.
  const sharedError = errors.areaId ?? errors.areaName
  const markIf = (field: string) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': 'area-suggestion-error' }
      : {}
  return (
    <section aria-labelledby="area" className="mt-6">
      <h2 id="area" className="font-semibold">
        Area
      </h2>
      <p className="text-sm">
        In <strong>{idea.area_name}</strong>.
      </p>
      {idea.suggestions.length > 0 ? (
        <ul aria-label="Area suggestions" className="mt-1 text-sm text-slate-700">
          {idea.suggestions.map((suggestion) => (
            <li key={`${suggestion.area_id}-${suggestion.name}`}>
              Suggested: {suggestion.name}
              {suggestion.area_id === null ? ' (a new area)' : ''} ×{Number(suggestion.count)}
            </li>
          ))}
        </ul>
      ) : null}
      {isSignedIn ? (
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          {/* At most the row's width: the first choice's long words made the list wider than a
              phone, and the whole page scrolled sideways. */}
          <label className="flex min-w-0 max-w-full flex-col text-sm">
            <span className="font-medium">Suggest an area</span>
            <select
              name="areaId"
              defaultValue={failed?.fields?.areaId ?? ''}
              className={`${inputClass} max-w-full`}
              {...markIf('areaId')}
            >
              {/* Not "named here →": on a phone the name's field wraps below the list. */}
              <option value="">(a new area: type it in “New area name”)</option>
              {areas
                .filter((area) => area.id !== idea.area_id)
                .map((area) => (
                  <option key={area.id} value={area.id}>
                    {area.name}
                  </option>
                ))}
            </select>
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">New area name</span>
            <input
              name="areaName"
              maxLength={60}
              defaultValue={failed?.fields?.areaName ?? ''}
              className={inputClass}
              {...markIf('areaName')}
            />
          </label>
          <button type="submit" name="intent" value="suggest-area" className={secondaryButtonClass}>
            Suggest
          </button>
          {sharedError ? (
            <div className="w-full">
              <FieldError field="area-suggestion" message={sharedError} />
            </div>
          ) : null}
        </Form>
      ) : null}
    </section>
  )
}
