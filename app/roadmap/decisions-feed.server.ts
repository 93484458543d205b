import { renderAtomFeed } from '../utils/atom'
import { countOf } from '../utils/format'
import { renderMarkdown } from '../utils/markdown.server'

import type { listRoundHistory, ReleaseTarget } from './roadmap.server'
import { roundWithTarget } from './round-title'

// The Atom feed of a release target's decisions, newest first, written by the board's one Atom
// writer (utils/atom.ts): each closed round's decision, what it agreed, declined and deferred
// (with the reasons), and its rationale.

type HistoryEntry = Awaited<ReturnType<typeof listRoundHistory>>[number]

const OUTCOME_WORDS = { agreed: 'Agreed', declined: 'Declined', deferred: 'Deferred' } as const

function escapeHtml(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * What makes a decision a demo action, as its pages say it: recorded by a demo person, in a round
 * a demo person opened, or with demo people's ballots in it. Null for the community's own.
 */
export function demoDecisionNote(
  entry: Pick<HistoryEntry, 'is_demo' | 'round_is_demo' | 'demo_voter_logins'>,
) {
  const why = [
    entry.is_demo ? 'recorded by a demo person' : null,
    entry.round_is_demo ? 'in a round a demo person opened' : null,
    entry.demo_voter_logins.length > 0
      ? `with ${countOf(entry.demo_voter_logins.length, 'demo ballot')} (${entry.demo_voter_logins.join(', ')})`
      : null,
  ].filter(Boolean)
  return why.length > 0 ? `A demo action, not a MirageOS decision: ${why.join(', ')}.` : null
}

export function decisionSummary(entry: HistoryEntry) {
  const parts = (['agreed', 'declined', 'deferred'] as const).flatMap((outcome) => {
    const titles = entry.outcomes
      .filter((item) => item.outcome === outcome)
      .map((item) => item.title)
    if (titles.length === 0) return []
    const list = titles.join('; ')
    // A title ending in a question mark or a full stop already closes the sentence.
    return [`${OUTCOME_WORDS[outcome]}: ${list}${/[.?!]$/.test(list) ? '' : '.'}`]
  })
  const demo = demoDecisionNote(entry)
  return `${parts.join(' ') || 'No outcomes recorded.'}${demo ? ` ${demo}` : ''}`
}

/** "1 agreed, 2 deferred": what a round did, in a feed reader's list of titles. */
function outcomeCounts(entry: HistoryEntry) {
  const counts = (['agreed', 'declined', 'deferred'] as const).flatMap((outcome) => {
    const count = entry.outcomes.filter((item) => item.outcome === outcome).length
    return count > 0 ? [`${count} ${outcome}`] : []
  })
  return counts.join(', ') || 'no outcomes recorded'
}

function decisionHtml(entry: HistoryEntry, origin: string) {
  const how =
    entry.kind === 'call'
      ? 'Decided on the call, no recorded ballots.'
      : `Ranked ballots (Schulze) from ${countOf(entry.voter_logins.length, 'maintainer')}.`
  const outcomes = entry.outcomes
    .map(
      (item) =>
        `<li>${OUTCOME_WORDS[item.outcome]}: <a href="${escapeHtml(`${origin}/roadmap/ideas/${item.idea_id}`)}">${escapeHtml(item.title)}</a>${item.reason ? ` — ${escapeHtml(item.reason)}` : ''}</li>`,
    )
    .join('')
  const note = demoDecisionNote(entry)
  const demo = note ? ` ${note}` : ''
  return `<p>${escapeHtml(how + demo)}${entry.supersededBy ? ' Superseded by a later round.' : ''}</p><ul>${outcomes}</ul>${renderMarkdown(entry.rationale)}`
}

export function renderDecisionsFeed({
  target,
  history,
  origin,
  now = new Date(),
}: {
  target: ReleaseTarget
  history: HistoryEntry[]
  /** Absolute origin of the board, without a trailing slash. */
  origin: string
  now?: Date
}) {
  const query = `?target=${encodeURIComponent(target.slug)}`
  return renderAtomFeed({
    feedUrl: `${origin}/roadmap/decisions.atom${query}`,
    pageUrl: `${origin}/roadmap${query}`,
    title: `Roadmap decisions: ${target.name} · Pioneer Board`,
    subtitle: 'What each prioritisation round decided: the efforts agreed, and why.',
    now,
    entries: history.map((entry) => ({
      url: `${origin}/roadmap/rounds/${entry.round_id}`,
      // A reader merging several targets' feeds lists entries together: each names its target.
      title: `${roundWithTarget(entry.name, target.name)}: ${outcomeCounts(entry)}`,
      published: new Date(entry.decided_at),
      updated: new Date(entry.decided_at),
      categories: [target.name],
      summary: decisionSummary(entry),
      contentHtml: decisionHtml(entry, origin),
    })),
  })
}
