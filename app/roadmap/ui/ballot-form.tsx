import { Form } from '@remix-run/react'

import { formatDate } from '~/utils/format'

import { Card } from './card'
import { buttonClass } from './form-styles'
import { RankedVotesCount } from './how-votes-count'
import { ShortlistedIdeaSelect } from './shortlisted-idea-select'

// A maintainer's ranked ballot, plain HTML: one rank select per shortlisted idea, so it works
// without JavaScript. The page fills it with the voter's own last ballot, never anyone else's.

export function BallotForm({
  shortlist,
  ownBallot,
}: {
  shortlist: { id: number; title: string }[]
  ownBallot: { updatedAt: string; ranks: Record<number, number> } | null
}) {
  const size = shortlist.length
  return (
    <section aria-labelledby="ballot" className="mt-6">
      <h2 id="ballot" className="text-lg font-semibold">
        Your ballot
      </h2>
      <p className="text-sm text-slate-600">
        Rank the ideas: 1 is your first choice; give several the same rank to tie them; leave one
        unranked to put it last. Secret, and yours to change until the round closes.
        {ownBallot ? ` You last voted on ${formatDate(ownBallot.updatedAt)}.` : ''}
      </p>
      <RankedVotesCount />
      <Card className="mt-2">
        <Form method="post" className="space-y-2">
          {shortlist.map((idea) => (
            <ShortlistedIdeaSelect
              key={idea.id}
              idea={idea}
              name="rank"
              ariaLabel={`Rank for ${idea.title}`}
              defaultValue={ownBallot?.ranks[idea.id] ?? ''}
            >
              <option value="">Unranked</option>
              {Array.from({ length: size }, (_, index) => (
                <option key={index + 1} value={index + 1}>
                  {index + 1}
                </option>
              ))}
            </ShortlistedIdeaSelect>
          ))}
          <button type="submit" name="intent" value="ballot" className={buttonClass}>
            {ownBallot ? 'Update my ballot' : 'Cast my ballot'}
          </button>
        </Form>
      </Card>
    </section>
  )
}
