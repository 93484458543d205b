import { Form } from '@remix-run/react'

import { Card } from './card'
import { inputClass, secondaryButtonClass } from './form-styles'

// Maintainers create release targets, and areas of focus in the one shown: the frame that ideas
// are proposed in and rounds are opened for.

export function TargetAndAreaForms({ target }: { target: { id: number; name: string } | null }) {
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
              placeholder="MirageOS 4.0"
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
