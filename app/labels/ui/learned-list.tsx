import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'
import { formatDateTime } from '~/utils/format'

import { describeLearning } from '../learning/learning'
import type { LabelLearningEntry } from '../learning/learning.server'

// The label log's "Learned from GitHub" view: every change people made on GitHub to the labels
// the board manages, with what the board learned from it (learning/learning.ts decides).

export type LearnedEntryRow = SerializeFrom<LabelLearningEntry>

export function LearnedList({
  entries,
  isFiltered,
}: {
  entries: LearnedEntryRow[]
  isFiltered: boolean
}) {
  if (entries.length === 0) {
    return (
      <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
        Nothing learned from GitHub{isFiltered ? ' for this repository' : ' yet'}.
      </p>
    )
  }
  return (
    <ul
      aria-label="Learned from GitHub"
      className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
    >
      {entries.map((entry) => (
        <LearnedEntry key={entry.id} entry={entry} />
      ))}
    </ul>
  )
}

function LearnedEntry({ entry }: { entry: LearnedEntryRow }) {
  const isAdd = entry.action === 'add'
  // A sync sees only the new labels; a webhook names who changed them; "adopted" is a maintainer
  // settling a conflict by keeping GitHub's labels.
  const who = entry.github_login ? (
    `@${entry.github_login} on GitHub`
  ) : entry.source === 'adopted' ? (
    <>
      {personName({ login: entry.actor_login, isDemo: entry.is_demo_actor })} kept GitHub's labels
      {entry.is_demo_actor ? <DemoBadge>demo action</DemoBadge> : null}
    </>
  ) : (
    'someone on GitHub (seen by sync)'
  )
  return (
    <li id={`learning-${entry.id}`} className="p-3 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <time dateTime={entry.learned_at} className="text-slate-600">
          {formatDateTime(entry.learned_at)}
        </time>
        <Link
          to={`/repos/${entry.repo}/issues/${entry.issue_number}`}
          className="text-blue-700 underline"
        >
          {entry.repo}#{entry.issue_number}
        </Link>
        <LearnedTarget entry={entry} />
        <span className={`font-mono ${isAdd ? 'text-green-800' : 'text-red-800'}`}>
          <span aria-hidden="true">{isAdd ? '+' : '−'}</span>
          <span className="sr-only">{isAdd ? 'add' : 'remove'}</span> {entry.label}
        </span>
        {entry.from_value !== null || entry.to_value !== null ? (
          <span className="font-mono text-slate-700">
            {entry.from_value ?? 'none'} → {entry.to_value ?? 'none'}
          </span>
        ) : null}
        <span className="text-slate-700">{who}</span>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${entry.outcome === 'learned' ? 'bg-green-100 text-green-800' : 'bg-slate-100 text-slate-600'}`}
        >
          {entry.outcome}
        </span>
      </div>
      <p className="mt-1 text-slate-700">{describeLearning(entry)}</p>
    </li>
  )
}

/** The starter project or roadmap idea the label belongs to, when the issue is one. */
function LearnedTarget({ entry }: { entry: LearnedEntryRow }) {
  if (entry.idea_id !== null) {
    return (
      <Link to={`/roadmap/ideas/${entry.idea_id}`} className="text-blue-700 underline">
        idea: {entry.idea_title ?? `#${entry.idea_id}`}
      </Link>
    )
  }
  if (entry.project_id !== null) {
    return (
      <Link to={`/starter/${entry.project_id}`} className="text-blue-700 underline">
        project: {entry.project_title ?? `#${entry.project_id}`}
      </Link>
    )
  }
  return <span className="text-slate-500">no project or idea</span>
}
