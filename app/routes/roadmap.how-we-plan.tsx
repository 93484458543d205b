import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { GeneralErrorBoundary } from '~/components/error-boundary'
import { findReleaseTarget, listProcessNotes } from '~/roadmap/roadmap.server'
import { Card } from '~/roadmap/ui/card'
import { pageTitle } from '~/setup/board-name'
import { formatDate } from '~/utils/format'
import { readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const target = await findReleaseTarget(readQuery(request).get('target'))
  const notes = target ? await listProcessNotes(target.id) : []
  return json({ target, notes })
}

export default function HowWePlanRoute() {
  const { target, notes } = useLoaderData<typeof loader>()
  const summary = notes.find((note) => note.kind === 'summary')
  const history = notes.filter((note) => note.kind === 'history')
  return (
    <article className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">How we plan</h1>

      {summary ? (
        <Card>
          <h2 className="font-semibold">The process{target ? ` for ${target.name}` : ''}</h2>
          <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 text-slate-800">
            {summary.body}
          </blockquote>
          <p className="mt-2 text-sm text-slate-600">
            {summary.attribution ? `${summary.attribution}, ` : ''}
            <time dateTime={summary.noted_at}>{formatDate(summary.noted_at)}</time>
            {summary.source_url ? (
              <>
                {' '}
                ·{' '}
                <a href={summary.source_url} className="text-blue-700 underline" rel="noreferrer">
                  source
                </a>
              </>
            ) : null}
          </p>
        </Card>
      ) : null}

      <section aria-labelledby="two-stages">
        <h2 id="two-stages" className="text-xl font-semibold">
          Two stages, kept apart
        </h2>
        <ol className="mt-2 list-decimal space-y-2 pl-6 text-slate-800">
          <li>
            <strong>Ideation</strong>, open to anyone signed in:{' '}
            <Link to="/roadmap/ideas" className="text-blue-700 underline">
              propose an idea
            </Link>{' '}
            in an area of focus, +1 ideas you care about (a signal, one per person), comment
            briefly, suggest a better area. Maintainers merge duplicates and move ideas between
            areas. The ideas page shows areas, ideas, +1s and activity only: no rank, no priority,
            no decision, so that collecting thoughts is never mistaken for choosing among them.
          </li>
          <li>
            <strong>Prioritisation</strong>, by the maintainers, in{' '}
            <Link to="/roadmap/rounds" className="text-blue-700 underline">
              rounds
            </Link>{' '}
            about once a month. A round has a shortlist picked from ideation; only shortlisted ideas
            can be voted on. Each maintainer casts one secret ranked ballot (1 is their first
            choice, ties allowed, ideas left unranked count as tied last) and can change it until
            the round closes. Everyone sees who has voted, never how. An optional dot vote (a small
            budget, at most two dots per idea) gives a quick temperature check; it never counts in
            the result.
          </li>
        </ol>
        <p className="mt-2 text-slate-800">
          Closing a round records a decision that never changes: the agreed efforts (the top of the
          order, or picked from it, with a rationale), what was declined or deferred and why (back
          to ideation, or archived), who voted and the full tally. An idea sent back to ideation can
          be shortlisted again in a later round, and its page says which round sent it back and why;
          an archived idea is not shortlisted again. A later round can supersede a decision; the{' '}
          <Link to="/roadmap" className="text-blue-700 underline">
            roadmap
          </Link>{' '}
          then shows the newer decision. The roadmap lists areas of focus and the efforts agreed in
          them, not a feature list. When a round closes the next one is proposed a month later.
        </p>
      </section>

      <section aria-labelledby="counting">
        <h2 id="counting" className="text-xl font-semibold">
          How a round is counted (the Schulze method)
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-slate-800">
          <li>For every two ideas A and B, count the maintainers who put A strictly above B.</li>
          <li>
            A beats B directly when more maintainers prefer A to B than B to A; the strength of that
            win is the number of maintainers preferring A.
          </li>
          <li>
            A chain of direct wins is as strong as its weakest link; the strength of A over B is
            that of the strongest chain from A to B (the strongest-path table of a closed round).
          </li>
          <li>A beats B when A’s strength over B is greater than B’s over A.</li>
          <li>
            An idea’s rank is 1 plus the number of ideas that beat it; the ideas of rank 1 are the
            winners.
          </li>
        </ol>
        <h3 className="mt-4 font-semibold">Breaking ties</h3>
        <p className="mt-1 text-slate-800">
          Ideas that share a rank are placed, in turn, by the number of ideas each beats (more
          first), then by total support, the number of times over all other ideas a maintainer put
          it strictly above one (more first), then by idea number (the earlier idea first). The last
          rule always decides, so the full order is complete and the same every time it is computed,
          whatever the order in which ballots were cast.
        </p>
      </section>

      {history.length > 0 ? (
        <section aria-labelledby="how-it-came-about">
          <h2 id="how-it-came-about" className="text-xl font-semibold">
            How this process came about
          </h2>
          <ol className="mt-2 space-y-2">
            {history.map((note) => (
              <li key={note.id} className="text-slate-800">
                <time dateTime={note.noted_at} className="font-medium">
                  {formatDate(note.noted_at)}
                </time>
                : {note.body}{' '}
                <span className="text-sm text-slate-600">
                  ({note.attribution ?? 'unattributed'}
                  {note.source_url ? (
                    <>
                      ,{' '}
                      <a
                        href={note.source_url}
                        className="text-blue-700 underline"
                        rel="noreferrer"
                      >
                        source
                      </a>
                    </>
                  ) : null}
                  )
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('How we plan · Roadmap · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
