import { expect, test } from 'vitest'

import { decisionSummary, renderDecisionsFeed } from './decisions-feed.server'
import type { listRoundHistory, ReleaseTarget } from './roadmap.server'

type HistoryEntry = Awaited<ReturnType<typeof listRoundHistory>>[number]

function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    round_id: 7,
    name: 'March round',
    kind: 'ballot',
    opens_at: '2026-03-01T00:00:00.000Z',
    closes_at: '2026-03-08T00:00:00.000Z',
    source_url: null,
    id: 3,
    decided_at: '2026-03-09T00:00:00.000Z',
    method: 'top_n',
    rationale: 'Because.',
    voter_logins: ['avsm'],
    demo_voter_logins: [],
    supersedes_id: null,
    is_demo: false,
    round_is_demo: false,
    outcomes: [
      { idea_id: 1, title: 'Fuzzing', outcome: 'agreed', disposition: 'picked', reason: null },
    ],
    supersededBy: null,
    ...overrides,
  } as HistoryEntry
}

const target = { slug: 'mirageos-3', name: 'MirageOS 3.0' } as ReleaseTarget

function feedOf(history: HistoryEntry[]) {
  return renderDecisionsFeed({ target, history, origin: 'http://localhost', now: new Date(0) })
}

test('the feed counts one voter as one maintainer, and more in the plural', () => {
  expect(feedOf([entry()])).toContain('Ranked ballots (Schulze) from 1 maintainer.')
  expect(feedOf([entry({ voter_logins: ['avsm', 'samoht'] })])).toContain(
    'Ranked ballots (Schulze) from 2 maintainers.',
  )
  expect(feedOf([entry()])).not.toContain('maintainer(s)')
})

test('a community decision says nothing of the demo', () => {
  expect(decisionSummary(entry())).toBe('Agreed: Fuzzing.')
})

test('a decision demo people took part in says it is a demo action in its summary', () => {
  expect(decisionSummary(entry({ demo_voter_logins: ['dana'], voter_logins: ['dana'] }))).toBe(
    'Agreed: Fuzzing. A demo action, not a MirageOS decision: with 1 demo ballot (dana).',
  )
  expect(decisionSummary(entry({ round_is_demo: true }))).toBe(
    'Agreed: Fuzzing. A demo action, not a MirageOS decision: in a round a demo person opened.',
  )
  expect(decisionSummary(entry({ is_demo: true }))).toBe(
    'Agreed: Fuzzing. A demo action, not a MirageOS decision: recorded by a demo person.',
  )
  expect(feedOf([entry({ round_is_demo: true })])).toMatch(
    /<summary[^>]*>Agreed: Fuzzing\. A demo action, not a MirageOS decision/,
  )
})
