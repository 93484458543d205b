import { labelKey } from '../scheme/scheme'

// How a reviewer names the parts of a plan they apply: one key per label change, or one per issue
// for all of its changes. Plain strings, so a form's checkboxes carry them as they are.

export type PlannedChange = {
  repo: string
  number: number
  action: 'add' | 'remove'
  label: string
}

/** `owner/name#12 +lang/2★` or `owner/name#12 -lang/1★`. */
export function changeKey(change: PlannedChange) {
  return `${change.repo.toLowerCase()}#${change.number} ${change.action === 'add' ? '+' : '-'}${labelKey(change.label)}`
}

/** `owner/name#12`: every change of the issue. */
export function issueKey(repo: string, number: number) {
  return `${repo.toLowerCase()}#${number}`
}

export type PlanSelection = 'all' | { changes: readonly string[]; issues: readonly string[] }

export function isSelected(selection: PlanSelection, change: PlannedChange) {
  if (selection === 'all') return true
  return (
    selection.issues.includes(issueKey(change.repo, change.number)) ||
    selection.changes.includes(changeKey(change))
  )
}
