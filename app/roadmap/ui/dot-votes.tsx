import { Form } from '@remix-run/react'

import { DemoBadge } from '~/components/demo-badge'
import { DOTS_PER_IDEA_MAX } from '~/roadmap/limits'

import { Card } from './card'
import { secondaryButtonClass } from './form-styles'
import { DotsCount } from './how-votes-count'
import { ShortlistedIdeaSelect } from './shortlisted-idea-select'

// The optional temperature check of a round: a maintainer's dots, and the totals so far. Both
// say they are apart from the ranked result, because they never enter the tally.

type ShortlistedIdea = { id: number; title: string }

export function DotsForm({
  shortlist,
  dotBudget,
  ownDots,
}: {
  shortlist: ShortlistedIdea[]
  dotBudget: number
  ownDots: Record<number, number> | null
}) {
  return (
    <section aria-labelledby="dots" className="mt-6">
      <h2 id="dots" className="text-lg font-semibold">
        Temperature check (dot votes)
      </h2>
      <DotsCount dotBudget={dotBudget} />
      <Card className="mt-2">
        <Form method="post" className="space-y-2">
          {shortlist.map((idea) => (
            <ShortlistedIdeaSelect
              key={idea.id}
              idea={idea}
              name="dots"
              defaultValue={ownDots?.[idea.id] ?? 0}
            >
              {Array.from({ length: DOTS_PER_IDEA_MAX + 1 }, (_, dots) => (
                <option key={dots} value={dots}>
                  {dots} dot{dots === 1 ? '' : 's'}
                </option>
              ))}
            </ShortlistedIdeaSelect>
          ))}
          <button type="submit" name="intent" value="dots" className={secondaryButtonClass}>
            Save my dots
          </button>
        </Form>
      </Card>
    </section>
  )
}

export function DotTotals({
  shortlist,
  dotBudget,
  totals,
}: {
  shortlist: ShortlistedIdea[]
  dotBudget: number
  totals: { byIdea: Record<number, number>; participants: number; demoParticipants: number }
}) {
  return (
    <section aria-labelledby="dot-totals" className="mt-6">
      <h2 id="dot-totals" className="text-lg font-semibold">
        Temperature check
      </h2>
      <p className="text-sm text-slate-600">
        Dot votes from {totals.participants} maintainer{totals.participants === 1 ? '' : 's'}; not
        part of the ranked result.
        {totals.demoParticipants > 0 ? (
          <DemoBadge afterSentence>
            {totals.demoParticipants === 1
              ? 'a demo person’s dots: a demo action'
              : `${totals.demoParticipants} demo people’s dots: demo actions`}
          </DemoBadge>
        ) : null}
      </p>
      <DotsCount dotBudget={dotBudget} />
      <ul className="mt-1 text-sm">
        {shortlist.map((idea) => (
          <li key={idea.id}>
            {idea.title}: {totals.byIdea[idea.id] ?? 0} dot
            {(totals.byIdea[idea.id] ?? 0) === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </section>
  )
}
