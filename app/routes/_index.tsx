import { json, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { listRepositoriesWithCounts } from '~/mirror/repository.server'

export async function loader() {
  const repositories = await listRepositoriesWithCounts()
  return json({
    repositoryCount: repositories.length,
    openIssues: repositories.reduce((sum, repo) => sum + repo.open_issue_count, 0),
    openPulls: repositories.reduce((sum, repo) => sum + repo.open_pull_count, 0),
  })
}

export default function HomeRoute() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-3xl py-6">
      <h1 className="text-3xl font-bold tracking-tight">Pioneer Board</h1>
      <p className="mt-3 text-lg text-slate-700">
        One place for a community&apos;s GitHub issues, its roadmap and its starter projects.
      </p>
      <dl className="mt-6 grid grid-cols-3 gap-4 text-center">
        <Stat label="repositories mirrored" value={data.repositoryCount} />
        <Stat label="open issues" value={data.openIssues} />
        <Stat label="open pull requests" value={data.openPulls} />
      </dl>
      <ul className="mt-8 space-y-3">
        <li>
          <Link to="/starter" className="text-lg font-semibold text-blue-700 underline">
            Find a starter project
          </Link>{' '}
          — new here? Say what you already know and get projects rated on two axes: the language and
          the domain.
        </li>
        <li>
          <Link to="/roadmap" className="text-lg font-semibold text-blue-700 underline">
            Read the roadmap
          </Link>{' '}
          — the efforts maintainers agreed, by area, and the ideas anyone can add.
        </li>
        <li>
          <Link to="/issues" className="text-lg font-semibold text-blue-700 underline">
            Browse every issue
          </Link>{' '}
          — filter across all repositories by label, author, state or text.
        </li>
        <li>
          <Link to="/issues/stale" className="text-lg font-semibold text-blue-700 underline">
            Find stale work
          </Link>{' '}
          — open items nobody has touched for months, repository by repository.
        </li>
      </ul>
    </div>
  )
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums">{value}</dd>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: 'Pioneer Board' },
  {
    name: 'description',
    content: 'Issues, roadmap and starter projects from GitHub, in one place.',
  },
]
