import { listInWords } from '../utils/format'

import type { PartialSweep, SweepSummary } from './sweep.server'

// One wording for a sweep's summary: `npm run sync` prints it, and /sync shows maintainers the
// scheduled sweep's when GitHub stopped answering part-way (the error alone said nothing of
// what had been stored).

/** Whether a repository's sync ran through (whatever it copied). */
export function isSynced(outcome: string) {
  return outcome === 'updated' || outcome === 'unchanged' || outcome === 'synced_empty'
}

/** A repository's sync outcome in words, as /sync and `npm run sync` say it. */
export function outcomeInWords(outcome: string) {
  return outcome === 'synced_empty' ? 'synced, nothing to copy' : outcome.replace('_', ' ')
}

/**
 * A sweep's summary as paragraphs of lines: the counts, what needs attention, and, for a sweep
 * GitHub stopped answering part-way (`cutOff`), the installations not listed and the names not
 * reached.
 */
export function sweepReport(
  summary: SweepSummary,
  cutOff?: Pick<PartialSweep, 'notReached' | 'notListed'> | null,
): string[] {
  const total = (key: 'added' | 'updated' | 'unchanged') =>
    summary.repositories.reduce((sum, repository) => sum + repository[key], 0)
  const rateLimit = summary.rateLimit
  const paragraphs = [
    [
      `Repositories: ${summary.repositories.length}`,
      `Issues: ${total('added')} added, ${total('updated')} updated, ${total('unchanged')} unchanged`,
      `Requests: ${summary.requests} made, ${summary.notModified} answered 304 (free)`,
      `Rate limit: ${rateLimit ? `${rateLimit.remaining} of ${rateLimit.limit} left, resets ${rateLimit.resetAt.toISOString()}` : 'unknown'}`,
    ].join('\n'),
  ]
  const problems = [
    ...summary.unresolved.map((entry) => `${entry.target}: ${entry.error}`),
    ...summary.repositories
      .filter((r) => !isSynced(r.outcome))
      .map((r) =>
        r.outcome === 'busy'
          ? `${r.repository}: busy (another running process is syncing it; run again when it ends)`
          : `${r.repository}: ${r.outcome}${r.error ? ` (${r.error})` : ''}`,
      ),
  ]
  if (problems.length > 0) {
    paragraphs.push(`Needs attention:\n${problems.map((line) => `  ${line}`).join('\n')}`)
  }
  const notListed = cutOff?.notListed ?? []
  if (notListed.length > 0) {
    paragraphs.push(
      `Installations not listed (GitHub stopped answering): ${listInWords(notListed)}`,
    )
  }
  if (cutOff && cutOff.notReached.length > 0) {
    paragraphs.push(`Not reached (GitHub stopped answering): ${listInWords(cutOff.notReached)}`)
  }
  return paragraphs
}
