import { json, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pageTitle } from '~/setup/board-name'
import { whatClaimingMeans } from '~/starter/claim-time'
import { getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { Stars } from '~/starter/ui/stars'

export async function loader() {
  const { languageName, domains, claimDays } = getStarterSettings()
  // The advice says "before you claim it": say what a claim is, for whoever has never made one.
  return json({
    rubric: getRubric(languageName, domains),
    languageName,
    domains,
    claimExplained: whatClaimingMeans(claimDays),
  })
}

export default function StarterRubricRoute() {
  const { rubric, languageName, domains, claimExplained } = useLoaderData<typeof loader>()
  return (
    <article className="max-w-3xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">How we rate difficulty</h1>
      <p className="mt-2 text-slate-700">
        Every starter project has two ratings, each from 1 to 3 stars: how much {languageName} it
        needs, and how much of its domain ({domains.join(', ')}) it needs. A project can be easy on
        one and hard on the other, so we never fold them into one number. A project nobody has rated
        yet says <em>unrated</em>: we don’t guess.
      </p>

      <section
        aria-labelledby="advice-heading"
        className="mt-6 rounded border border-blue-200 bg-blue-50 p-4"
      >
        <h2 id="advice-heading" className="font-semibold">
          Choosing your first project
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {rubric.advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
          <li>{claimExplained}</li>
        </ul>
      </section>

      {rubric.axes.map((axis) => (
        <section key={axis.axis} aria-labelledby={`${axis.axis}-heading`} className="mt-8">
          <h2 id={`${axis.axis}-heading`} className="text-xl font-semibold">
            {axis.title}
          </h2>
          <p className="mt-1 text-slate-700">{axis.measures}</p>
          <dl className="mt-3 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {axis.levels.map((level) => (
              <div key={level.stars} className="grid gap-2 p-3 sm:grid-cols-[9rem_1fr]">
                <dt>
                  <Stars axis={axis.axis} stars={level.stars} languageName={languageName} />
                </dt>
                <dd>
                  <p>{level.description}</p>
                  <p className="mt-1 text-sm text-slate-600">For example:</p>
                  <ul className="list-disc pl-5 text-sm text-slate-600">
                    {level.examples.map((example) => (
                      <li key={example}>{example}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
            <div className="grid gap-2 p-3 sm:grid-cols-[9rem_1fr]">
              <dt>
                <Stars axis={axis.axis} stars={null} languageName={languageName} />
              </dt>
              <dd className="text-slate-700">{axis.unrated}</dd>
            </div>
          </dl>
        </section>
      ))}

      <section aria-labelledby="size-heading" className="mt-8">
        <h2 id="size-heading" className="text-xl font-semibold">
          Size
        </h2>
        <p className="mt-1 text-slate-700">
          How long a project takes someone at the right level, not counting the time to learn.
        </p>
        <dl className="mt-3 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {rubric.sizes.map((size) => (
            <div key={size.size} className="grid gap-2 p-3 sm:grid-cols-[14rem_1fr]">
              <dt className="font-medium">{size.label}</dt>
              <dd className="text-slate-700">{size.description}</dd>
            </div>
          ))}
          <div className="grid gap-2 p-3 sm:grid-cols-[14rem_1fr]">
            <dt className="font-medium">Unknown</dt>
            <dd className="text-slate-700">{rubric.unknownSize}</dd>
          </div>
        </dl>
      </section>

      <p className="mt-8 text-sm text-slate-600">
        Ratings are audited: every change records who made it and when. After a claim ends,
        contributors say what they actually met, and each project shows their average beside the
        maintainers’ rating.
      </p>
    </article>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('How we rate difficulty · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
