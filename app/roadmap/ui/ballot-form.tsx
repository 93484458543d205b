import { Form } from '@remix-run/react'

import { formatDate } from '~/utils/format'

import { Card } from './card'
import { buttonClass, inputClass } from './form-styles'

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
      <Card className="mt-2">
        <Form method="post" className="space-y-2">
          {shortlist.map((idea) => (
            <div key={idea.id} className="flex items-center gap-3">
              <input type="hidden" name="idea" value={idea.id} />
              <label htmlFor={`rank-${idea.id}`} className="flex-1 text-sm">
                {idea.title}
              </label>
              <select
                id={`rank-${idea.id}`}
                name="rank"
                aria-label={`Rank for ${idea.title}`}
                defaultValue={ownBallot?.ranks[idea.id] ?? ''}
                className={inputClass}
              >
                <option value="">Unranked</option>
                {Array.from({ length: size }, (_, index) => (
                  <option key={index + 1} value={index + 1}>
                    {index + 1}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" name="intent" value="ballot" className={buttonClass}>
            {ownBallot ? 'Update my ballot' : 'Cast my ballot'}
          </button>
        </Form>
      </Card>
    </section>
  )
}
