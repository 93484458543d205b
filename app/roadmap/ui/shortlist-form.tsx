import { Form } from '@remix-run/react'

import type { Deferral } from '../deferred-in.server'

import { DeferredIn } from './deferred-in'
import { secondaryButtonClass } from './form-styles'

// Changing a round's shortlist, offered to maintainers only until the first vote: after that,
// the votes would lose their meaning (the model refuses it too).

export function ShortlistForm({
  shortlist,
  openIdeas,
}: {
  shortlist: { id: number }[]
  openIdeas: { id: number; title: string; area_name: string; deferred_in: Deferral | null }[]
}) {
  const current = new Set(shortlist.map((idea) => idea.id))
  return (
    <details className="mt-6">
      <summary className="cursor-pointer font-semibold">
        Change the shortlist (until the first vote)
      </summary>
      <Form method="post" className="mt-2 space-y-1">
        <fieldset>
          <legend className="sr-only">Shortlisted ideas</legend>
          {openIdeas.map((idea) => (
            <label key={idea.id} className="flex items-baseline gap-2 text-sm">
              <input
                type="checkbox"
                name="shortlist"
                value={idea.id}
                defaultChecked={current.has(idea.id)}
              />
              <span>
                {idea.title} <span className="text-slate-500">({idea.area_name})</span>
                <DeferredIn deferral={idea.deferred_in} />
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="shortlist" className={secondaryButtonClass}>
          Save the shortlist
        </button>
      </Form>
    </details>
  )
}
