import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listPossibleDuplicates, mergeLink, type DuplicatePair } from '~/roadmap/duplicates.server'
import { pageTitle } from '~/setup/board-name'

// Maintainers' list of possible duplicates: pairs of open ideas in one area whose titles closely
// match each other, most similar first, each linking to the duplicate's merge choice with the idea
// to keep already found.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const pairs = await listPossibleDuplicates()
  return json({ pairs: pairs.map((pair) => ({ ...pair, mergeTo: mergeLink(pair) })) })
}

export default function DuplicatesRoute() {
  const { pairs } = useLoaderData<typeof loader>()
  const areas = new Map<number, { name: string; target: string; pairs: typeof pairs }>()
  for (const pair of pairs) {
    const area = areas.get(pair.areaId) ?? { name: pair.area, target: pair.target, pairs: [] }
    area.pairs.push(pair)
    areas.set(pair.areaId, area)
  }
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Possible duplicates</h1>
      <p className="mt-1 text-sm text-slate-600">
        Open ideas in the same area whose titles closely match each other, the most similar first.
        Merging moves the duplicate’s +1s and links to the idea kept (the one with more +1s, or the
        older); it can be undone from the merged idea’s page.
      </p>
      {pairs.length === 0 ? (
        <p className="mt-4 text-slate-700">No two open ideas in one area look alike.</p>
      ) : (
        [...areas.entries()].map(([areaId, area]) => (
          <section key={areaId} aria-labelledby={`dup-area-${areaId}`} className="mt-6">
            <h2 id={`dup-area-${areaId}`} className="text-lg font-semibold">
              {area.name} <span className="text-sm font-normal text-slate-500">{area.target}</span>
            </h2>
            <ul
              aria-label={`Possible duplicates in ${area.name}`}
              className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
            >
              {area.pairs.map((pair) => (
                <PairItem key={`${pair.duplicate.id}-${pair.survivor.id}`} pair={pair} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  )
}

function PairItem({ pair }: { pair: DuplicatePair & { mergeTo: string } }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
      <span className="min-w-0">
        <Link to={`/roadmap/ideas/${pair.duplicate.id}`} className="text-blue-700 underline">
          {pair.duplicate.title}
        </Link>{' '}
        <span className="text-slate-500">({pair.duplicate.plusOnes} +1)</span> looks like{' '}
        <Link to={`/roadmap/ideas/${pair.survivor.id}`} className="text-blue-700 underline">
          {pair.survivor.title}
        </Link>{' '}
        <span className="text-slate-500">({pair.survivor.plusOnes} +1)</span>
      </span>
      <Link
        to={pair.mergeTo}
        aria-label={`Merge ${pair.duplicate.title} into ${pair.survivor.title}`}
        className="font-semibold text-blue-700 underline"
      >
        Merge…
      </Link>
    </li>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Possible duplicates · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
