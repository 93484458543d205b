import { Link } from '@remix-run/react'

import type { Deferral } from '../deferred-in.server'

import { DeferredIn } from './deferred-in'
import { IdeaTitle, VerbatimLegend } from './idea-title'

// A round's shortlist on its page while it is not yet decided: each idea, its area and whether an
// earlier round deferred it. A quoted title gets its legend, as italics alone say nothing.

export function RoundShortlist({
  shortlist,
}: {
  shortlist: {
    id: number
    title: string
    is_verbatim: boolean
    area_name: string
    deferred_in: Deferral | null
  }[]
}) {
  return (
    <section aria-labelledby="shortlist" className="mt-6">
      <h2 id="shortlist" className="text-lg font-semibold">
        Shortlist
      </h2>
      <ul className="mt-1 list-disc pl-6 text-sm">
        {shortlist.map((idea) => (
          <li key={idea.id}>
            <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
              <IdeaTitle title={idea.title} isVerbatim={idea.is_verbatim} />
            </Link>{' '}
            <span className="text-slate-500">({idea.area_name})</span>
            <DeferredIn deferral={idea.deferred_in} />
          </li>
        ))}
      </ul>
      {shortlist.some((idea) => idea.is_verbatim) ? <VerbatimLegend /> : null}
    </section>
  )
}
