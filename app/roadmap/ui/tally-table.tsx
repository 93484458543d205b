import { Link } from '@remix-run/react'

import { TableScroll } from '~/components/table-scroll'
import type { StoredTally } from '~/roadmap/decision'

import { RankedVotesCount } from './how-votes-count'

// The full Schulze tally of a decision, so anyone can check it: the order with each idea's rank,
// wins and support and what placed it below the previous one (the tie-breaks documented in
// schulze.ts and on the "how we plan" page), then the pairwise and strongest-path matrices.

const PLACED_BY: Record<string, string> = {
  schulze: 'the Schulze ranking',
  wins: 'tie-break: beats more ideas',
  support: 'tie-break: more total support',
  id: 'tie-break: earlier idea',
}

export function TallyTable({
  tally,
  titles,
}: {
  tally: StoredTally
  titles: Record<number, string>
}) {
  const name = (id: number) => titles[id] ?? `idea ${id}`
  return (
    <section aria-labelledby="tally" className="mt-6">
      <h2 id="tally" className="text-lg font-semibold">
        Tally ({tally.ballots} ballot{tally.ballots === 1 ? '' : 's'}, Schulze method)
      </h2>
      <RankedVotesCount />
      <p className="text-sm text-slate-600">
        An idea’s Schulze rank is 1 plus the number of ideas that beat it, so ranks may skip a
        number (1, 1, 2, 4) when ideas beat some of the others but not all; the place is the final
        order once ties are broken. How ties are broken is explained in{' '}
        <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
          how we plan
        </Link>
        .
      </p>
      <TableScroll>
        <table className="mt-2 w-full border-collapse text-left text-sm">
          <caption className="text-left font-medium">Full order</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-2">
                Place
              </th>
              <th scope="col" className="pr-2">
                Idea
              </th>
              <th scope="col" className="pr-2">
                Schulze rank
              </th>
              <th scope="col" className="pr-2">
                Beats
              </th>
              <th scope="col" className="pr-2">
                Support
              </th>
              <th scope="col">Placed below the previous by</th>
            </tr>
          </thead>
          <tbody>
            {tally.order.map((candidate) => (
              <tr key={candidate.id} className="border-b border-slate-200">
                <td className="py-1 pr-2 tabular-nums">{candidate.position}</td>
                <th scope="row" className="pr-2 font-normal">
                  {name(candidate.id)}
                </th>
                <td className="pr-2 tabular-nums">{candidate.rank}</td>
                <td className="pr-2 tabular-nums">{candidate.wins}</td>
                <td className="pr-2 tabular-nums">{candidate.support}</td>
                <td>{candidate.placedBy ? PLACED_BY[candidate.placedBy] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-600">
        <dt className="font-medium text-slate-700">Beats</dt>
        <dd>
          How many of the other shortlisted ideas it beats: its strongest chain of wins over them is
          stronger than theirs over it (the second table below).
        </dd>
        <dt className="font-medium text-slate-700">Support</dt>
        <dd>
          For each other shortlisted idea, the number of ballots that rank this one strictly above
          it, added up (the row’s total in the first table below): with {tally.ballots} ballot
          {tally.ballots === 1 ? '' : 's'} and {tally.candidates.length - 1} other idea
          {tally.candidates.length === 2 ? '' : 's'}, at most{' '}
          {tally.ballots * Math.max(0, tally.candidates.length - 1)}. It only breaks ties.
        </dd>
      </dl>
      <Matrix
        caption="Pairwise preferences: maintainers who put the row’s idea above the column’s"
        ids={tally.candidates}
        values={tally.pairwise}
        name={name}
      />
      <Matrix
        caption="Strongest paths: the strength of the strongest chain of wins from row to column"
        ids={tally.candidates}
        values={tally.strongest}
        name={name}
      />
    </section>
  )
}

function Matrix({
  caption,
  ids,
  values,
  name,
}: {
  caption: string
  ids: number[]
  values: number[][]
  name: (id: number) => string
}) {
  return (
    <TableScroll className="mt-4">
      <table className="border-collapse text-sm">
        {/* As wide as the table, a phone's box cut it mid-sentence: held to the screen's width
            and at the box's left edge while the matrix scrolls under it. */}
        <caption className="sticky left-0 max-w-[calc(100vw-2rem)] text-left font-medium sm:max-w-none">
          {caption}
        </caption>
        <thead>
          <tr>
            <td />
            {ids.map((id) => (
              <th
                key={id}
                scope="col"
                title={name(id)}
                className="border border-slate-200 px-2 py-1 align-bottom font-normal"
              >
                {/* Headed by the idea itself, shortened to keep the columns narrow; the full
                      title is read out and shown on hover. */}
                <span aria-hidden="true">{shortTitle(name(id))}</span>
                <span className="sr-only">{name(id)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((rowId, row) => (
            <tr key={rowId}>
              <th scope="row" className="border border-slate-200 px-2 py-1 text-left font-normal">
                {name(rowId)}
              </th>
              {ids.map((columnId, column) => (
                <td
                  key={columnId}
                  className="border border-slate-200 px-2 py-1 text-center tabular-nums"
                >
                  {row === column ? '—' : values[row]?.[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

const SHORT_TITLE_LENGTH = 24

/** A title cut at a word to about 24 characters, with an ellipsis when cut. */
export function shortTitle(title: string, length = SHORT_TITLE_LENGTH) {
  if (title.length <= length) return title
  const cut = title.slice(0, length)
  const space = cut.lastIndexOf(' ')
  // A word longer than half the room is cut mid-word rather than leaving a stub.
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`
}
