import { Form } from '@remix-run/react'

import { listInWords } from '../../utils/format'

import { Card } from './card'
import { inputClass, secondaryButtonClass } from './form-styles'

// Maintainers create release targets, and areas of focus in the one shown: the frame that ideas
// are proposed in and rounds are opened for.

export function TargetAndAreaForms({
  target,
  areaNames,
}: {
  target: { id: number; name: string } | null
  /** The shown target's areas so far. */
  areaNames: readonly string[]
}) {
  return (
    <section aria-labelledby="targets" className="mt-8 grid gap-4 md:grid-cols-2">
      <h2 id="targets" className="sr-only">
        Release targets and areas
      </h2>
      <Card>
        {/* The empty roadmap's "Create the first release target" leads here. */}
        <Form method="post" id="new-target" className="scroll-mt-4 space-y-2">
          <h3 className="font-semibold">New release target</h3>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Target name</span>
            <input
              name="name"
              required
              maxLength={80}
              placeholder="Version 2.0"
              className={inputClass}
            />
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Target description</span>
            <input name="description" maxLength={500} className={inputClass} />
          </label>
          <button
            type="submit"
            name="intent"
            value="create-target"
            className={secondaryButtonClass}
          >
            Create target
          </button>
        </Form>
      </Card>
      {target ? (
        <Card>
          <Form method="post" id="new-area" className="scroll-mt-4 space-y-2">
            <h3 className="font-semibold">New area of focus for {target.name}</h3>
            <p className="text-sm text-slate-600">
              {areaNames.length > 0
                ? `Its areas so far: ${listInWords(areaNames)}.`
                : 'It has no area yet: ideas are proposed in areas, so add one first.'}
            </p>
            <input type="hidden" name="releaseTargetId" value={target.id} />
            <label className="flex flex-col text-sm">
              <span className="font-medium">Area name</span>
              <input name="name" required maxLength={60} className={inputClass} />
            </label>
            <button
              type="submit"
              name="intent"
              value="create-area"
              className={secondaryButtonClass}
            >
              Add area
            </button>
          </Form>
        </Card>
      ) : null}
    </section>
  )
}
