import { describe, expect, it } from 'vitest'

import { composeDigest, digestMarkdown, type DigestFacts } from './compose'
import { parseDigestPeriod } from './period'

const now = new Date('2026-12-04T12:00:00Z')
const period = parseDigestPeriod('2w', now)
const at = (iso: string) => new Date(`${iso}T10:00:00Z`)

const facts: DigestFacts = {
  ideas: [
    { id: 1, title: 'Old idea', area: 'Storage', plusOnes: 9, createdAt: at('2026-10-01') },
    { id: 2, title: 'Quiet idea', area: 'Storage', plusOnes: 1, createdAt: at('2026-11-25') },
    { id: 3, title: 'Loved idea', area: 'Storage', plusOnes: 4, createdAt: at('2026-11-26') },
    { id: 4, title: 'Docs idea', area: 'Docs', plusOnes: 0, createdAt: at('2026-12-01') },
  ],
  rounds: [
    {
      id: 1,
      name: 'November round',
      opensAt: at('2026-11-22'),
      closesAt: at('2026-12-10'),
      status: 'open',
    },
    {
      id: 2,
      name: 'Old round',
      opensAt: at('2026-06-01'),
      closesAt: at('2026-06-20'),
      status: 'closed',
    },
  ],
  decisions: [
    { id: 1, roundName: 'October round', decidedAt: at('2026-11-21'), agreed: ['TLS 1.3'] },
    { id: 2, roundName: 'June round', decidedAt: at('2026-06-21'), agreed: ['Old'] },
  ],
  staleRepositories: [
    { repo: 'mirage/a', staleCount: 2, oldestUpdatedAt: at('2025-01-01') },
    { repo: 'mirage/b', staleCount: 7, oldestUpdatedAt: at('2025-03-01') },
    { repo: 'mirage/c', staleCount: 0, oldestUpdatedAt: at('2026-11-01') },
  ],
  gapRequests: [{ id: 5, createdAt: at('2026-11-30'), level: 'beginner', domains: ['networking'] }],
}

describe('composeDigest', () => {
  const digest = composeDigest(facts, period)

  it('lists only the ideas new in the period, by area, most +1s first', () => {
    expect(digest.ideasByArea).toEqual([
      { area: 'Docs', ideas: [{ id: 4, title: 'Docs idea', plusOnes: 0 }] },
      {
        area: 'Storage',
        ideas: [
          { id: 3, title: 'Loved idea', plusOnes: 4 },
          { id: 2, title: 'Quiet idea', plusOnes: 1 },
        ],
      },
    ])
  })

  it('keeps rounds opening in the period, rounds closing soon, and decisions in the period', () => {
    expect(digest.roundsOpening.map((r) => r.id)).toEqual([1])
    expect(digest.roundsClosing.map((r) => r.id)).toEqual([1])
    expect(digest.decisions.map((d) => d.id)).toEqual([1])
  })

  it('puts the repository with the most stale work first and leaves out those with none', () => {
    expect(digest.staleRepositories.map((r) => r.repo)).toEqual(['mirage/b', 'mirage/a'])
  })

  it('writes markdown with every section, saying so when one is empty', () => {
    const markdown = digestMarkdown(digest)
    expect(markdown).toContain('# Call agenda: 2026-11-20 to 2026-12-04')
    expect(markdown).toContain('### Storage\n- Loved idea (idea 3, +4)\n- Quiet idea (idea 2, +1)')
    expect(markdown).toContain('- October round, 2026-11-21: TLS 1.3')
    expect(markdown).toContain('- mirage/b: 7 stale')
    expect(markdown).toContain('- request 5 (2026-11-30): beginner, networking')
    const empty = digestMarkdown(
      composeDigest(
        { ideas: [], rounds: [], decisions: [], staleRepositories: [], gapRequests: [] },
        period,
      ),
    )
    expect(empty).toContain('No new ideas.')
    expect(empty).toContain('No decisions.')
  })
})
