import { personName } from '~/accounts/person'
import { TimeSeriesChart } from '~/components/time-series-chart'
import { countOf, formatDate } from '~/utils/format'

import { STATUS_WORDS, type EffortProgress, type EffortStatus } from '../effort-status'

// How an agreed effort reads on the roadmap and its own page: its status (and whose word it is
// when a maintainer overrode the linked issues; a demo person's override is a demo action), its
// owners and target date, and its burn-up drawn from the linked issues' open/close history.

export type EffortFactsView = {
  status: EffortStatus
  derivedStatus: EffortStatus
  override: { status: EffortStatus; by: string | null; isDemo: boolean; at: string } | null
  owners: { login: string; name: string | null; isDemo: boolean }[]
  targetDate: string | null
  progress: EffortProgress
  burnUp: { day: string; values: { scope: number; closed: number } }[]
}

const STATUS_CLASSES: Record<EffortStatus, string> = {
  planned: 'bg-slate-100 text-slate-800',
  'in-progress': 'bg-blue-100 text-blue-900',
  done: 'bg-green-100 text-green-900',
  dropped: 'bg-amber-100 text-amber-900',
}

export function StatusBadge({ status }: { status: EffortStatus }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_CLASSES[status]}`}
    >
      {STATUS_WORDS[status]}
    </span>
  )
}

/** Where the status comes from, in words; what the board cannot know, it says it does not. */
export function statusSource(
  facts: Pick<EffortFactsView, 'override' | 'derivedStatus'> & {
    progress: Pick<EffortProgress, 'total' | 'unknown'>
  },
) {
  if (!facts.override) {
    const { total, unknown } = facts.progress
    if (total === 0) return 'No linked issues yet: planned until some are linked.'
    if (unknown === total) {
      return `The linked ${total === 1 ? 'issue is' : 'issues are'} not mirrored: ${total === 1 ? 'its' : 'their'} state is unknown, so it reads as planned.`
    }
    return 'Derived from the linked issues.'
  }
  const who =
    facts.override.by === null
      ? 'a former account'
      : personName({ login: facts.override.by, isDemo: facts.override.isDemo })
  const set = `Set by ${who} on ${formatDate(facts.override.at)}${facts.override.isDemo ? ', a demo action, not a MirageOS decision' : ''}`
  return facts.progress.total === 0
    ? `${set}; no issues are linked yet.`
    : `${set}; the linked issues alone say “${STATUS_WORDS[facts.derivedStatus as EffortStatus]}”.`
}

export function EffortSummary({ facts }: { facts: EffortFactsView }) {
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm">
      <dt className="font-medium">Status</dt>
      <dd>
        <StatusBadge status={facts.status} />{' '}
        <span className="text-slate-600">{statusSource(facts)}</span>
      </dd>
      <dt className="font-medium">Owners</dt>
      <dd>
        {facts.owners.length === 0
          ? 'none named'
          : facts.owners
              .map((owner) => personName({ login: owner.login, isDemo: owner.isDemo }))
              .join(', ')}
      </dd>
      <dt className="font-medium">Target</dt>
      <dd>
        {facts.targetDate ? (
          <time dateTime={facts.targetDate}>{formatDate(facts.targetDate)}</time>
        ) : (
          'no date'
        )}
      </dd>
    </dl>
  )
}

const SERIES = [
  { key: 'scope', label: 'Linked issues', color: '#64748b' },
  { key: 'closed', label: 'Closed', color: '#15803d' },
]

/**
 * What a burn-up that leaves some linked issues out counts, and why: first which linked issues it
 * leaves out and for what reason, then what it draws of the others as of its last day; null when
 * it charts every linked issue. "The chart shows 1 of the 3 linked issues. It was not closed by
 * 26 May 2024." left a reader asking which one, and why not the others.
 */
export function chartScope(counts: {
  total: number
  charted: number
  closed: number
  lastDay: string
  undated: number
  unknown: number
}) {
  const { total, charted, closed, lastDay, undated, unknown } = counts
  if (undated === 0 && unknown === 0) return null
  const by = formatDate(lastDay)
  const them = (n: number) => (n === 1 ? 'it' : 'them')
  const others =
    charted + undated + unknown === total
      ? charted === 1
        ? 'the other one'
        : `the other ${charted}`
      : countOf(charted, 'linked issue')
  return [
    undated > 0
      ? `${undated} of the ${total} linked issues ${undated === 1 ? 'was' : 'were'} closed on ${undated === 1 ? 'a day' : 'days'} nobody recorded, so the chart leaves ${them(undated)} out.`
      : null,
    unknown > 0
      ? undated > 0
        ? `${unknown} more ${unknown === 1 ? 'is' : 'are'} not in the mirror, ${unknown === 1 ? 'its' : 'their'} history unknown: left out too.`
        : `${unknown} of the ${total} linked issues ${unknown === 1 ? 'is' : 'are'} not in the mirror, ${unknown === 1 ? 'its' : 'their'} history unknown, so the chart leaves ${them(unknown)} out.`
      : null,
    charted === 1
      ? `It draws ${others}: ${closed === 1 ? `closed by ${by}` : `still open on ${by}`}.`
      : `It draws ${others}: ${closed === 0 ? 'none' : closed === charted ? 'all' : closed} of them closed by ${by}.`,
  ].filter((sentence) => sentence !== null)
}

/** The burn-up, small; or why there is none. */
export function EffortBurnUp({ title, facts }: { title: string; facts: EffortFactsView }) {
  const { progress, burnUp } = facts
  const undated = progress.closedOnUnknownDay
  const undatedText = `${undated} linked issue${undated === 1 ? '' : 's'} closed on ${undated === 1 ? 'a day' : 'days'} nobody recorded`
  // No linked issues: the status beside says so already (statusSource), and there is no chart.
  if (progress.total === 0) return null
  if (burnUp.length === 0) {
    return (
      <p className="mt-1 text-sm text-slate-500">
        {undated > 0
          ? `${undatedText}: nothing to chart.${progress.unknown > 0 ? ` ${progress.unknown} more not mirrored, history unknown.` : ''}`
          : 'No linked issue is in the mirror: its history is unknown, nothing to chart.'}
      </p>
    )
  }
  const last = burnUp.at(-1)!
  // The count just above ("2 of 3 linked issues closed") is of every linked issue; the chart can
  // only draw those with a known history. Its last point is then another count (1 linked, 0
  // closed): said before the chart, as of its last day, so its lines do not contradict the count.
  const partial = chartScope({
    total: progress.total,
    charted: last.values.scope,
    closed: last.values.closed,
    lastDay: last.day,
    undated,
    unknown: progress.unknown,
  })
  return (
    <>
      {partial ? <p className="mt-1 text-sm text-slate-600">{partial.join(' ')}</p> : null}
      <TimeSeriesChart
        title={`Progress of ${title}`}
        description={`Linked issues in the mirror and how many were closed, from ${formatDate(burnUp[0]!.day)} to ${formatDate(last.day)}: ${last.values.closed} of ${last.values.scope} closed${undated > 0 ? `; ${undatedText}, left out` : ''}${progress.unknown > 0 ? `; ${progress.unknown} more not mirrored, history unknown` : ''}.`}
        series={SERIES}
        points={burnUp}
        width={320}
        height={140}
        className="mt-2 max-w-xs"
      />
    </>
  )
}
