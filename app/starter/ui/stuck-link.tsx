import { Link } from '@remix-run/react'

import type { AskPlace } from '../next-step'

// "Stuck?" beside a running claim on My work: where to ask, by the rule the project page's "Read
// first" follows (`whereToAsk`). Its mentors only when one can reach them: names from an old list
// led to "No way to reach them is listed", while the issue or the repository was a way.

export function StuckLink({ projectId, ask }: { projectId: number; ask: AskPlace }) {
  if (ask.kind === 'none') return null
  return (
    <>
      {' · Stuck? '}
      {ask.kind === 'mentors' ? (
        <Link to={`/starter/${projectId}#mentors`} className="text-blue-700 underline">
          Ask a mentor
        </Link>
      ) : ask.kind === 'issue' ? (
        <Link to={`/repos/${ask.repo}/issues/${ask.number}`} className="text-blue-700 underline">
          Ask on its issue, {ask.repo}#{ask.number}
        </Link>
      ) : (
        <a
          href={`https://github.com/${ask.repo}/issues`}
          className="text-blue-700 underline"
          rel="noreferrer"
        >
          Ask its maintainers in an issue on {ask.repo}
        </a>
      )}
    </>
  )
}
