import type { Outcome } from '../../db/schema'
import { countOf, formatDate } from '../utils/format'

import { nameStatesDate } from './dates'

const ORDER: readonly Outcome[] = ['agreed', 'deferred', 'declined']

/**
 * What a closed round decided, counted for a list of rounds ("2 ideas agreed, 1 deferred"); null
 * when no outcome was recorded, which stays unsaid rather than read as "nothing".
 */
export function decidedSummary(outcomes: readonly { outcome: Outcome }[]): string | null {
  const counts = ORDER.map(
    (outcome) => [outcome, outcomes.filter((o) => o.outcome === outcome).length] as const,
  ).filter(([, count]) => count > 0)
  if (counts.length === 0) return null
  return counts
    .map(([outcome, count], index) =>
      index === 0 ? `${countOf(count, 'idea')} ${outcome}` : `${count} ${outcome}`,
    )
    .join(', ')
}

/**
 * How a call's round was decided, said under its name: the call's day only when the name does
 * not already say it ("Call of 25 March 2015" followed by "the call of 25 Mar 2015" named it twice).
 */
export function decidedOnCall(name: string, day: string | Date) {
  const of = nameStatesDate(name, day) ? '' : ` of ${formatDate(day)}`
  return `decided on the call${of}, no recorded ballots`
}
