type Props = { state: string; isPullRequest: boolean; mergedAt: string | null }

/** Open / closed / merged, in words and colour, never colour alone. */
export function IssueState({ state, isPullRequest, mergedAt }: Props) {
  const kind = isPullRequest ? 'PR' : 'Issue'
  if (state === 'open') {
    return <span className={badge('bg-green-100 text-green-800')}>{kind} open</span>
  }
  if (isPullRequest && mergedAt) {
    return <span className={badge('bg-purple-100 text-purple-800')}>PR merged</span>
  }
  return <span className={badge('bg-slate-200 text-slate-700')}>{kind} closed</span>
}

function badge(colours: string) {
  return `inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${colours}`
}
