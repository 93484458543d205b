import { outcomeInWords } from '../sweep-report'

const OUTCOME_STYLES: Record<string, string> = {
  updated: 'bg-green-100 text-green-800',
  unchanged: 'bg-slate-100 text-slate-700',
  synced_empty: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-800',
  gone: 'bg-amber-100 text-amber-800',
  issues_disabled: 'bg-amber-100 text-amber-800',
  name_reused: 'bg-amber-100 text-amber-800',
}

/**
 * A repository's last sync on /sync. One never synced is waiting for its first sweep, unless it
 * is one of the demo's copies: those are never synced (decision 012), as the page's intro says,
 * so the row promises no sync either.
 */
export function LastOutcome({
  outcome,
  isDemoCopy,
}: {
  outcome: string | null
  isDemoCopy: boolean
}) {
  if (!outcome) return <>{isDemoCopy ? 'demo copy, never synced' : 'not synced yet'}</>
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${OUTCOME_STYLES[outcome] ?? ''}`}
    >
      {outcomeInWords(outcome)}
    </span>
  )
}
