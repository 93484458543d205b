import { Form } from '@remix-run/react'

import { inputClass, secondaryButtonClass } from './form-styles'

// What maintainers do to an idea from its page: move it to another area, and merge it (while in
// ideation) into the idea it duplicates.

export function IdeaMaintainerForms({
  areaId,
  areas,
  canMerge,
}: {
  areaId: number
  areas: { id: number; name: string }[]
  canMerge: boolean
}) {
  return (
    <section
      aria-labelledby="maintain"
      className="mt-6 rounded border border-purple-200 bg-purple-50 p-3"
    >
      <h2 id="maintain" className="font-semibold">
        Maintainers
      </h2>
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Move to area</span>
          <select name="areaId" defaultValue={areaId} className={inputClass}>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="intent" value="move" className={secondaryButtonClass}>
          Move
        </button>
      </Form>
      {canMerge ? (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-sm">
            <span className="font-medium">Merge this duplicate into idea number</span>
            <input
              name="survivorId"
              type="number"
              min={1}
              required
              className={`${inputClass} w-32`}
            />
          </label>
          <button type="submit" name="intent" value="merge" className={secondaryButtonClass}>
            Merge
          </button>
        </Form>
      ) : null}
    </section>
  )
}
