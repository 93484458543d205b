import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { markdownLink } from '../utils/markdown-text'
import { renderMarkdown } from '../utils/markdown.server'

import {
  composeDigest,
  digestMarkdown,
  DIGEST_DRIFT_SHOWN,
  inlineText,
  type DigestFacts,
} from './compose'
import { linkDigest } from './links'
import { parseDigestPeriod } from './period'

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" }
const now = new Date('2026-12-04T12:00:00Z')
const period = parseDigestPeriod('2w', now)
const at = (iso: string) => new Date(`${iso}T10:00:00Z`)
// Where the agenda's links go: the board's public address.
const origin = 'https://board.example.org'

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
      target: 'MirageOS 3.0',
      opensAt: at('2026-11-22'),
      closesAt: at('2026-12-10'),
      status: 'open',
    },
    {
      id: 2,
      name: 'Old round',
      target: 'MirageOS 3.0',
      opensAt: at('2026-06-01'),
      closesAt: at('2026-06-20'),
      status: 'closed',
    },
  ],
  decisions: [
    {
      id: 1,
      roundId: 6,
      roundName: 'October round',
      target: 'MirageOS 3.0',
      decidedAt: at('2026-11-21'),
      agreed: [{ ideaId: 20, title: 'TLS 1.3' }],
      deferred: [
        { ideaId: 21, title: 'QUIC', reason: 'Needs a spec.' },
        { ideaId: 22, title: 'HTTP/3', reason: 'Needs a spec.' },
      ],
    },
    {
      id: 2,
      roundId: 3,
      roundName: 'June round',
      target: 'MirageOS 3.0',
      decidedAt: at('2026-06-21'),
      agreed: [{ ideaId: 10, title: 'Old' }],
    },
  ],
  staleRepositories: [
    { repo: 'mirage/a', staleCount: 2, oldestUpdatedAt: at('2025-01-01') },
    { repo: 'mirage/b', staleCount: 7, oldestUpdatedAt: at('2025-03-01') },
    { repo: 'mirage/c', staleCount: 0, oldestUpdatedAt: at('2026-11-01') },
  ],
  gapRequests: [{ id: 5, createdAt: at('2026-11-30'), level: 'none', domains: ['networking'] }],
  languageName: 'OCaml',
  dryDomains: ['security'],
  waitingForRating: [{ domain: 'storage', unrated: 3 }],
  newProjects: [
    { id: 7, title: 'Old project', domain: 'storage', createdAt: at('2026-09-01') },
    { id: 8, title: 'Fresh project', domain: 'networking', createdAt: at('2026-11-28') },
  ],
  startedClaims: [
    { projectId: 9, title: 'Long ago', login: 'ed', claimedAt: at('2026-10-01') },
    {
      projectId: 4,
      title: 'Soon',
      login: 'bo',
      isDemo: true,
      claimedAt: at('2026-11-21'),
      now: 'running',
    },
    {
      projectId: 11,
      title: 'Let go',
      login: 'cy',
      isDemo: true,
      claimedAt: at('2026-11-22'),
      now: 'released',
    },
  ],
  finishedProjects: [
    { projectId: 3, title: 'DHCP options', login: 'amy', finishedAt: at('2026-11-29') },
  ],
  lapsingClaims: [
    { projectId: 4, title: 'Soon', login: 'bo', expiresAt: at('2026-12-12') },
    { projectId: 5, title: 'Lapsed', login: 'cy', expiresAt: at('2026-11-23') },
    { projectId: 6, title: 'Far', login: 'di', expiresAt: at('2027-02-01') },
  ],
  drift: Array.from({ length: 12 }, (_, i) => ({
    projectId: 100 + i,
    title: `Drifting ${i}`,
    axis: 'language',
    rating: i === 0 ? null : 1,
    average: 2.5,
    reports: 3,
  })),
  items: [
    { id: 2, text: 'Second', login: 'mia', createdAt: at('2026-12-02') },
    { id: 1, text: 'Release date for @mirage/dns?', login: 'mia', createdAt: at('2026-12-01') },
  ],
  labels: { toApply: { changes: 5, issues: 2 }, openConflicts: { changes: 3, issues: 1 } },
}
const emptyFacts: DigestFacts = {
  ideas: [],
  rounds: [],
  decisions: [],
  staleRepositories: [],
  gapRequests: [],
  languageName: 'OCaml',
  dryDomains: [],
  waitingForRating: [],
  newProjects: [],
  startedClaims: [],
  finishedProjects: [],
  lapsingClaims: [],
  drift: [],
  items: [],
}

describe('composeDigest', () => {
  const digest = composeDigest(facts, period)

  it('lists only the ideas new in the period, by area, in the order proposed whatever their +1s', () => {
    expect(digest.ideasByArea).toEqual([
      { area: 'Docs', ideas: [{ id: 4, title: 'Docs idea', plusOnes: 0 }] },
      {
        area: 'Storage',
        ideas: [
          { id: 2, title: 'Quiet idea', plusOnes: 1 },
          { id: 3, title: 'Loved idea', plusOnes: 4 },
        ],
      },
    ])
  })

  it('names each round’s release target: two targets’ “January 2027 round”s are told apart', () => {
    const round = (id: number, target: string) => ({
      id,
      name: 'January 2027 round',
      target,
      opensAt: at('2026-11-25'),
      closesAt: at('2026-12-25'),
      status: 'open',
    })
    const markdown = digestMarkdown(
      composeDigest(
        { ...emptyFacts, rounds: [round(1, 'MirageOS 3.0'), round(2, 'MirageOS 4.0')] },
        period,
      ),
      origin,
    )
    expect(markdown).toContain(
      `- [January 2027 round](${origin}/roadmap/rounds/1) (MirageOS 3.0) opened 2026-11-25`,
    )
    expect(markdown).toContain(
      `- [January 2027 round](${origin}/roadmap/rounds/2) (MirageOS 4.0) opened 2026-11-25`,
    )
  })

  it('lists a round opened in the period for a later day as scheduled, never one whose opening is unknown', () => {
    const round = (id: number, openedAt: Date | null) => ({
      id,
      name: `Round ${id}`,
      target: 'MirageOS 4.0',
      opensAt: at('2027-01-10'),
      closesAt: at('2027-02-10'),
      status: 'open',
      openedAt,
    })
    const scheduled = composeDigest(
      {
        ...emptyFacts,
        rounds: [round(1, at('2026-12-01')), round(2, null), round(3, at('2026-11-01'))],
      },
      period,
    )
    // Opened before the period, it was news then; opened when nobody recorded, it is left out.
    expect(scheduled.roundsScheduled.map((r) => r.id)).toEqual([1])
    const markdown = digestMarkdown(scheduled, origin)
    expect(markdown).toContain(
      `- [Round 1](${origin}/roadmap/rounds/1) (MirageOS 4.0) scheduled to open on 2027-01-10\n`,
    )
    expect(markdown).not.toContain('Round 2')
    expect(markdown).not.toContain('Round 3')
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
    const markdown = digestMarkdown(digest, origin)
    expect(markdown).toContain('# Call agenda: 2026-11-20 to 2026-12-04')
    expect(markdown).toContain(
      `### Storage\n- [Quiet idea](${origin}/roadmap/ideas/2) (idea 2, 1 person interested)\n- [Loved idea](${origin}/roadmap/ideas/3) (idea 3, 4 people interested)`,
    )
    // What was not agreed is part of the decision too, with its reason (once, when shared).
    expect(markdown).toContain(
      `- [October round](${origin}/roadmap/rounds/6) (MirageOS 3.0), 2026-11-21: agreed: [TLS 1.3](${origin}/roadmap/ideas/20) · deferred (“Needs a spec.”): [QUIC](${origin}/roadmap/ideas/21); [HTTP/3](${origin}/roadmap/ideas/22)\n`,
    )
    expect(markdown).toContain(
      `- [mirage/b](${origin}/issues/stale?repo=mirage%2Fb): 7 stale items,`,
    )
    expect(markdown).toContain(
      `- [request 5](${origin}/starter/gaps#request-5) (2026-11-30, maintainers only): OCaml: New to it · knows networking`,
    )
    expect(markdown).toContain(
      `- [November round](${origin}/roadmap/rounds/1) (MirageOS 3.0) opened 2026-11-22, closes 2026-12-10\n`,
    )
    // A round's close in the tense of the period's end.
    const rounds = (status: string, closesAt: Date) =>
      digestMarkdown(
        composeDigest(
          {
            ...emptyFacts,
            rounds: [
              { id: 7, name: 'R', target: 'T', opensAt: at('2026-11-01'), closesAt, status },
            ],
          },
          period,
        ),
        origin,
      )
    expect(rounds('closed', at('2026-11-30'))).toContain(
      `- [R](${origin}/roadmap/rounds/7) (T) closed 2026-11-30`,
    )
    expect(rounds('open', at('2026-11-30'))).toContain(
      `- [R](${origin}/roadmap/rounds/7) (T) voting ended 2026-11-30`,
    )
    expect(rounds('open', at('2026-12-06'))).toContain(
      `- [R](${origin}/roadmap/rounds/7) (T) closes 2026-12-06`,
    )
    // Closed before its closing day: voting was cut short, and the call hears when it was to end.
    const closedEarly = digestMarkdown(
      composeDigest(
        {
          ...emptyFacts,
          rounds: [
            {
              id: 7,
              name: 'R',
              target: 'T',
              opensAt: at('2026-11-01'),
              closesAt: at('2026-12-15'),
              closedAt: at('2026-11-30'),
              status: 'closed',
            },
          ],
        },
        period,
      ),
      origin,
    )
    expect(closedEarly).toContain(
      `- [R](${origin}/roadmap/rounds/7) (T) closed 2026-11-30 (planned to close 2026-12-15), decision below`,
    )
    const empty = digestMarkdown(composeDigest(emptyFacts, period), origin)
    expect(empty).toContain('No new ideas.')
    expect(empty).toContain('No decisions.')
    expect(empty).toContain('Nothing added by hand.')
    expect(empty).toContain('No rating flagged.')
  })

  it('names a demo person by her demo name and a GitHub person by login, never as an @-mention', () => {
    const markdown = digestMarkdown(
      composeDigest(
        {
          ...emptyFacts,
          finishedProjects: [
            { projectId: 3, title: 'DHCP', login: 'amy', finishedAt: at('2026-11-29') },
            {
              projectId: 4,
              title: 'DNS',
              login: 'demo-newcomer',
              isDemo: true,
              finishedAt: at('2026-11-30'),
            },
          ],
          lapsingClaims: [
            {
              projectId: 5,
              title: 'TLS',
              login: 'demo-contributor',
              isDemo: true,
              expiresAt: at('2026-12-12'),
            },
          ],
          items: [
            {
              id: 1,
              text: 'Release date',
              login: 'demo-maintainer',
              isDemo: true,
              createdAt: at('2026-12-01'),
            },
          ],
        },
        period,
      ),
      origin,
    )
    expect(markdown).toContain('- Release date (Dana (demo maintainer), a demo action)')
    expect(markdown).toContain(`- [DHCP](${origin}/starter/3) (project 3), by amy on 2026-11-29`)
    expect(markdown).toContain(
      `- [DNS](${origin}/starter/4) (project 4), by Noor (demo newcomer) on`,
    )
    expect(markdown).toContain('claimed by Cam (demo contributor), a demo action: lapses')
    expect(markdown).toMatch(/by Noor \(demo newcomer\) on \d{4}-\d{2}-\d{2}, a demo action/)
    // A demo name carries its own brackets: no second pair after it.
    expect(markdown).not.toContain(') (a demo')
    expect(markdown).not.toMatch(/demo-(maintainer|newcomer|contributor)/)
  })

  it('says how many maintainers’ ballots each decision was made on, as its round’s page does, or that a call recorded none', () => {
    const decision = facts.decisions[0]!
    const lineOf = (changes: Partial<typeof decision>) =>
      digestMarkdown(
        composeDigest({ ...facts, decisions: [{ ...decision, ...changes }] }, period),
        origin,
      )
        .split('\n')
        .find((line) => line.startsWith('- [October round]'))!
        .replace(/: agreed: .*$/, '')
    const head = `- [October round](${origin}/roadmap/rounds/6) (MirageOS 3.0), 2026-11-21`
    expect(lineOf({ ballots: { voters: 2, demo: 0 } })).toBe(`${head} (2 maintainers voted)`)
    expect(lineOf({ ballots: { voters: 1, demo: 0 } })).toBe(`${head} (1 maintainer voted)`)
    expect(lineOf({ ballots: null })).toBe(`${head} (decided on the call, no recorded ballots)`)
    // Demo people's ballots are demo actions; a demo decision says so once.
    expect(lineOf({ ballots: { voters: 3, demo: 1 } })).toBe(
      `${head} (3 maintainers voted, 1 a demo ballot: a demo action)`,
    )
    expect(lineOf({ ballots: { voters: 2, demo: 2 } })).toBe(
      `${head} (2 maintainers voted, demo ballots: demo actions)`,
    )
    expect(lineOf({ ballots: { voters: 2, demo: 2 }, isDemo: true })).toBe(
      `${head} (2 maintainers voted) (a demo action)`,
    )
  })

  it('names the period by its first and last days', () => {
    expect(digest.period.key).toBe('2026-11-20..2026-12-04')
  })

  it('puts the items added by hand first, in the order they were added, pinging nobody', () => {
    expect(digest.items.map((item) => item.id)).toEqual([1, 2])
    const markdown = digestMarkdown(digest, origin)
    expect(markdown.indexOf('## Added by hand')).toBeLessThan(markdown.indexOf('## New ideas'))
    expect(markdown).toContain('- Release date for `@mirage`/dns? (mia)\n- Second (mia)')
  })

  it('reports the starter supply: dry domains, new, claimed and finished projects, claims lapsing', () => {
    expect(digest.starterSupply.dryDomains).toEqual(['security'])
    expect(digest.starterSupply.newProjects.map((p) => p.id)).toEqual([8])
    expect(digest.starterSupply.finishedProjects.map((p) => p.projectId)).toEqual([3])
    // Claimed in the period, not before it.
    expect(digest.starterSupply.startedClaims.map((c) => c.projectId)).toEqual([4, 11])
    // Lapsed in the period, or lapsing before the next call; not months away.
    expect(digest.starterSupply.lapsingClaims.map((c) => c.projectId)).toEqual([5, 4])
    const markdown = digestMarkdown(digest, origin)
    expect(markdown).toContain(
      `- [1★ supply has run dry](${origin}/starter/supply): no open, unclaimed project rated 1★ on both axes left in these domains: security`,
    )
    // Storage has nothing easy only for want of ratings: said apart, not as run dry.
    expect(digest.starterSupply.waitingForRating).toEqual([{ domain: 'storage', unrated: 3 }])
    expect(markdown).toContain(
      `- [1★ supply waits for ratings](${origin}/starter/supply) in storage (3 projects): [rate them](${origin}/starter/triage?domain=storage) (maintainers only) before writing new projects.`,
    )
    expect(markdown).toContain(`- [Fresh project](${origin}/starter/8) (project 8, networking)`)
    expect(markdown).toContain(
      `- [DHCP options](${origin}/starter/3) (project 3), by amy on 2026-11-29`,
    )
    expect(markdown).toContain(
      `- [Soon](${origin}/starter/4) (project 4), claimed by bo: lapses 2026-12-12`,
    )
    // Claims made in the period, each saying whether it still holds: a released one is not
    // called claimed while its project page says "Nobody yet".
    expect(markdown).toContain(
      `### Claimed in the period\n\n- [Soon](${origin}/starter/4) (project 4), by bo (demo person) on 2026-11-21, a demo action; still claimed\n- [Let go](${origin}/starter/11) (project 11), by cy (demo person) on 2026-11-22, a demo action; since released by a maintainer\n\n### Finished`,
    )
  })

  it('counts the claims made in the period that a mentor or maintainer answered, and says which', () => {
    const claim = (projectId: number, answeredAt: Date | null, isDemoAnswer = false) => ({
      projectId,
      title: `Project ${projectId}`,
      login: 'bo',
      claimedAt: at('2026-11-21'),
      now: 'running' as const,
      answeredAt,
      isDemoAnswer,
    })
    const markdown = digestMarkdown(
      composeDigest(
        {
          ...emptyFacts,
          startedClaims: [
            claim(1, at('2026-11-22')),
            claim(2, null),
            claim(3, at('2026-11-23'), true),
          ],
        },
        period,
      ),
      origin,
    )
    expect(markdown).toContain(
      `### Claimed in the period\n\n2 of 3 claims answered by a mentor or maintainer by 2026-12-04; 1 not.\n\n- [Project 1](${origin}/starter/1) (project 1), by bo on 2026-11-21; still claimed; answered 2026-11-22\n- [Project 2](${origin}/starter/2) (project 2), by bo on 2026-11-21; still claimed; not answered\n- [Project 3](${origin}/starter/3) (project 3), by bo on 2026-11-21; still claimed; answered 2026-11-23 (a demo answer, a demo action)\n`,
    )
  })

  it('says how many of the claims it counts were demo people’s: demo actions', () => {
    const claim = (projectId: number, isDemo: boolean) => ({
      projectId,
      title: `Project ${projectId}`,
      login: 'bo',
      isDemo,
      claimedAt: at('2026-11-21'),
      now: 'running' as const,
      answeredAt: null,
      isDemoAnswer: false,
    })
    const countLine = (claims: ReturnType<typeof claim>[]) =>
      digestMarkdown(composeDigest({ ...emptyFacts, startedClaims: claims }, period), origin)
        .split('\n')
        .find((line) => line.includes('answered by a mentor or maintainer'))
    expect(countLine([claim(1, true), claim(2, true)])).toBe(
      '0 of 2 claims (both demo actions) answered by a mentor or maintainer by 2026-12-04; 2 not.',
    )
    expect(countLine([claim(1, true), claim(2, false), claim(3, false)])).toBe(
      '0 of 3 claims (1 of them a demo action) answered by a mentor or maintainer by 2026-12-04; 3 not.',
    )
    expect(countLine([claim(1, false)])).toBe(
      '0 of 1 claim answered by a mentor or maintainer by 2026-12-04; 1 not.',
    )
  })

  it('lists the flagged ratings up to a limit and says how many more there are', () => {
    expect(digest.ratingDrift.shown).toHaveLength(DIGEST_DRIFT_SHOWN)
    expect(digest.ratingDrift.total).toBe(12)
    const markdown = digestMarkdown(digest, origin)
    // Where they are re-rated, before the entries, which each open their project.
    expect(markdown).toContain(
      `## Rating drift (calibration)\n\nMaintainers re-rate these on [calibration](${origin}/starter/calibration) (maintainers only).\n\n- [Drifting 0]`,
    )
    expect(markdown).toContain(
      `- [Drifting 0](${origin}/starter/100) (project 100), OCaml: unrated, contributors say 2.5★ over 3 reports`,
    )
    expect(markdown).toContain(
      `- [Drifting 1](${origin}/starter/101) (project 101), OCaml: rated 1★, contributors say 2.5★ over 3 reports`,
    )
    expect(markdown).toContain(
      `- and 2 more on [/starter/calibration](${origin}/starter/calibration)`,
    )
  })
})

describe('links', () => {
  // Titles that would end a link's text early, or open one, if written as they are.
  const tricky = 'Fix [TLS] (again'
  // A link's text that marked would read as a link of its own, were its parentheses left bare.
  const hostile = '[x](javascript:alert(2))'
  const linked = composeDigest(
    {
      ...emptyFacts,
      ideas: [{ id: 3, title: tricky, area: 'Docs', plusOnes: 0, createdAt: at('2026-12-01') }],
      rounds: [
        {
          id: 4,
          name: 'Round (Dec]',
          target: 'MirageOS 3.0',
          opensAt: at('2026-11-22'),
          closesAt: at('2026-12-10'),
          status: 'open',
          isDemo: true,
        },
      ],
      decisions: [
        {
          id: 1,
          roundId: 2,
          roundName: 'October round',
          target: 'MirageOS 3.0',
          decidedAt: at('2026-11-21'),
          agreed: [{ ideaId: 5, title: hostile }],
        },
      ],
      staleRepositories: [
        { repo: 'mirage/ocaml-tls', staleCount: 2, oldestUpdatedAt: at('2025-01-01') },
      ],
      gapRequests: [
        { id: 2, createdAt: at('2026-11-30'), level: 'none', domains: [], isDemo: true },
      ],
      newProjects: [
        { id: 17, title: tricky, domain: 'networking', createdAt: at('2026-11-28'), isDemo: true },
      ],
      drift: [
        { projectId: 18, title: 'Drifting', axis: 'language', rating: 1, average: 3, reports: 3 },
      ],
      effortChanges: [{ id: 9, title: 'Storage GC', area: 'Storage', from: 'planned', to: 'done' }],
    },
    period,
  )
  const markdown = digestMarkdown(linked, `${origin}/`)
  const html = renderMarkdown(markdown)
  const anchors = [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, text]) => [
    text,
    href,
  ])

  it('links each idea, round, decision, repository, project, request and effort to its page', () => {
    expect(anchors).toEqual([
      [tricky, `${origin}/roadmap/ideas/3`],
      ['Round (Dec]', `${origin}/roadmap/rounds/4`],
      ['October round', `${origin}/roadmap/rounds/2`],
      [hostile, `${origin}/roadmap/ideas/5`],
      ['mirage/ocaml-tls', `${origin}/issues/stale?repo=mirage%2Focaml-tls`],
      [tricky, `${origin}/starter/17`],
      ['starter project supply', `${origin}/starter/supply`],
      ['request 2', `${origin}/starter/gaps#request-2`],
      ['calibration', `${origin}/starter/calibration`],
      ['Drifting', `${origin}/starter/18`],
      ['Storage GC', `${origin}/roadmap/efforts/9`],
    ])
  })

  it('writes a title with brackets or parentheses escaped inside the link, a demo action after it', () => {
    expect(markdown).toContain(
      `- [Fix \\[TLS\\] \\(again](${origin}/starter/17) (project 17, networking) (a demo action)\n`,
    )
    expect(markdown).toContain(
      `- [Round \\(Dec\\]](${origin}/roadmap/rounds/4) (MirageOS 3.0) (a demo action) opened 2026-11-22`,
    )
    expect(markdown).toContain(
      `- [request 2](${origin}/starter/gaps#request-2) (2026-11-30, maintainers only): OCaml: New to it · knows no domain named (a demo person’s request)`,
    )
    expect(html).toContain(`networking) (a demo action)</li>`)
  })
})

describe('requests in the agenda everyone reads', () => {
  const markdown = digestMarkdown(composeDigest(facts, period), origin)

  it('says their links open only for maintainers and points everyone to the public supply page', () => {
    expect(markdown).toContain(
      `## Unanswered "nothing fits me" requests\n\nEach request links to the gap dashboard, which only maintainers can open. Everyone can see what the board offers by domain and level on [starter project supply](${origin}/starter/supply).\n\n- [request 5](${origin}/starter/gaps#request-5) (2026-11-30, maintainers only):`,
    )
  })

  it('says nothing of maintainers when there is no request', () => {
    const quiet = digestMarkdown(composeDigest(emptyFacts, period), origin)
    expect(quiet).toContain('## Unanswered "nothing fits me" requests\n\nNone.\n')
    expect(quiet).not.toContain('maintainers')
  })
})

describe('the JSON (linkDigest)', () => {
  const digest = composeDigest(
    {
      ...facts,
      effortChanges: [{ id: 9, title: 'GC', area: 'Storage', from: 'planned', to: 'done' }],
    },
    period,
  )
  const json = JSON.parse(JSON.stringify(linkDigest(digest, `${origin}/`))) as Record<
    string,
    unknown
  >
  const urls = new Set<unknown>()
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') {
      if ('url' in value) urls.add(value.url)
      Object.values(value).forEach(collect)
    }
  }
  collect(json)

  it('gives every item the absolute url its markdown line links to, and no other', () => {
    const hrefs = new Set<string | null>(
      [...renderMarkdown(digestMarkdown(digest, origin)).matchAll(/<a href="([^"]*)"/g)].map(
        ([, href]) => href!.replaceAll('&amp;', '&'),
      ),
    )
    // The pages the markdown names beside the items (the supply page, triage where its waiting
    // domains are rated, the rest of the flagged ratings) are no item's own; an item added by
    // hand has no page.
    hrefs.delete(`${origin}/starter/supply`)
    hrefs.delete(`${origin}/starter/triage?domain=storage`)
    hrefs.delete(`${origin}/starter/calibration`)
    hrefs.add(null)
    expect(urls).toEqual(hrefs)
  })

  it('links each kind of item to its own page on the board', () => {
    expect(json).toMatchObject({
      items: [
        { text: 'Release date for @mirage/dns?', url: null },
        { text: 'Second', url: null },
      ],
      ideasByArea: [
        { area: 'Docs', ideas: [{ id: 4, url: `${origin}/roadmap/ideas/4` }] },
        { area: 'Storage', ideas: [{ id: 2, url: `${origin}/roadmap/ideas/2` }, {}] },
      ],
      roundsOpening: [{ id: 1, url: `${origin}/roadmap/rounds/1` }],
      decisions: [
        {
          url: `${origin}/roadmap/rounds/6`,
          agreed: [{ ideaId: 20, url: `${origin}/roadmap/ideas/20` }],
          deferred: [{ ideaId: 21, url: `${origin}/roadmap/ideas/21` }, {}],
        },
      ],
      staleRepositories: [{ repo: 'mirage/b', url: `${origin}/issues/stale?repo=mirage%2Fb` }, {}],
      starterSupply: {
        newProjects: [{ id: 8, url: `${origin}/starter/8` }],
        startedClaims: [{ projectId: 4, url: `${origin}/starter/4` }, {}],
        finishedProjects: [{ projectId: 3, url: `${origin}/starter/3` }],
        lapsingClaims: [{ projectId: 5, url: `${origin}/starter/5` }, {}],
      },
      unansweredRequests: [{ id: 5, url: `${origin}/starter/gaps#request-5` }],
      labels: {
        toApply: { changes: 5, issues: 2, url: `${origin}/labels` },
        openConflicts: { changes: 3, issues: 1, url: `${origin}/labels/log?conflicts=open` },
      },
      ratingDrift: {
        shown: expect.arrayContaining([
          expect.objectContaining({ projectId: 100, url: `${origin}/starter/100` }),
        ]),
      },
      effortChanges: [{ id: 9, url: `${origin}/roadmap/efforts/9` }],
    })
  })
})

describe('the starter projects section', () => {
  it('says what is new: starter projects', () => {
    const markdown = digestMarkdown(composeDigest(facts, period), origin)
    expect(markdown).toContain('## Starter projects\n')
    expect(markdown).toContain('\n### New starter projects\n\n- [Fresh project]')
    expect(markdown).not.toMatch(/^### New$/m)
  })
})

describe('inlineText', () => {
  it('keeps any text on one line, with no HTML and no live @mention', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
        const line = inlineText(text)
        expect(line).not.toMatch(/[\n\r<>]/)
        expect(line).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/)
        expect(line).toBe(line.trim())
      }),
    )
  })

  it('renders as the words themselves, mentions in code and nothing else marked up', () => {
    const words = fc
      .string({ unit: fc.constantFrom(...'ab1 @-*_[]()<>!#`~|\\&'), maxLength: 30 })
      .filter((text) => text.trim() !== '')
    fc.assert(
      fc.property(words, (text) => {
        const html = renderMarkdown(`- ${inlineText(text)} (idea 1, +0)`)
        const inner = /^<ul>\s*<li>(.*) \(idea 1, \+0\)<\/li>\s*<\/ul>\s*$/s.exec(html)?.[1]
        expect(inner, html).toBeDefined()
        // Every @ a mention could start is inside code; no other element is made.
        const outside = (inner ?? '').replace(/<code>@[\w@-]*<\/code>/g, '')
        expect(outside, html).not.toMatch(/<|(^|[^\w])@[A-Za-z0-9]/)
        const shown = (inner ?? '')
          .replace(/<\/?code>/g, '')
          .replace(/&(lt|gt|quot|amp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
        expect(shown).toBe(text.replace(/\s+/g, ' ').trim())
      }),
      { numRuns: 300 },
    )
  })

  it('renders as the words themselves inside a link the board writes, and as one link only', () => {
    const words = fc
      .string({ unit: fc.constantFrom(...'ab1 @-*_[]()<>!#`~|\\&'), maxLength: 30 })
      .filter((text) => text.trim() !== '')
    fc.assert(
      fc.property(words, (text) => {
        const url = 'https://board.example.org/roadmap/ideas/1'
        const html = renderMarkdown(`- ${markdownLink(inlineText(text), url)} (idea 1, +0)`)
        const inner = new RegExp(
          `^<ul>\\s*<li><a href="${url}"[^>]*>(.*)</a> \\(idea 1, \\+0\\)</li>\\s*</ul>\\s*$`,
          's',
        ).exec(html)?.[1]
        expect(inner, html).toBeDefined()
        const outside = (inner ?? '').replace(/<code>@[\w@-]*<\/code>/g, '')
        expect(outside, html).not.toMatch(/<|(^|[^\w])@[A-Za-z0-9]/)
        const shown = (inner ?? '')
          .replace(/<\/?code>/g, '')
          .replace(/&(lt|gt|quot|amp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
        expect(shown).toBe(text.replace(/\s+/g, ' ').trim())
      }),
      { numRuns: 300 },
    )
  })

  it('writes a title that is markup as the characters it is made of', () => {
    const digest = composeDigest(
      {
        ...emptyFacts,
        ideas: [
          {
            id: 33,
            title: '<img src=x> **bold** [link](javascript:alert(1))',
            area: 'Docs_area',
            plusOnes: 0,
            createdAt: at('2026-12-01'),
          },
        ],
      },
      period,
    )
    expect(digestMarkdown(digest, origin)).toContain(
      `### Docs\\_area\n- [&lt;img src=x&gt; \\*\\*bold\\*\\* \\[link\\]\\(javascript:alert\\(1\\)\\)](${origin}/roadmap/ideas/33) (idea 33)\n`,
    )
  })

  it('leaves plain words alone', () => {
    expect(inlineText('TLS 1.3 in ocaml-tls')).toBe('TLS 1.3 in ocaml-tls')
  })
})

describe('efforts whose status changed', () => {
  it('come last, by area, from what to what; an empty period says so', () => {
    const digest = composeDigest(
      {
        ...emptyFacts,
        effortChanges: [
          { id: 9, title: 'Storage GC', area: 'Storage', from: 'planned', to: 'in-progress' },
          { id: 4, title: 'Better tests', area: 'Quality', from: 'in-progress', to: 'done' },
        ],
      },
      period,
    )
    expect(digest.effortChanges.map((change) => change.id)).toEqual([4, 9])
    expect(digestMarkdown(digest, origin)).toMatch(
      /## Efforts whose status changed\n\n- \[Better tests\]\(https:\/\/board\.example\.org\/roadmap\/efforts\/4\) \(effort 4, Quality\): In progress → Done\n- \[Storage GC\]\(https:\/\/board\.example\.org\/roadmap\/efforts\/9\) \(effort 9, Storage\): Planned → In progress\n$/,
    )
    expect(digestMarkdown(composeDigest(emptyFacts, period), origin)).toMatch(
      /## Efforts whose status changed\n\nNo effort changed status\.\n$/,
    )
  })
})

describe('an effort whose status a maintainer set', () => {
  it('names who set it, a demo person’s as a demo action', () => {
    const digest = composeDigest(
      {
        ...emptyFacts,
        effortChanges: [
          {
            id: 21,
            title: 'Quality and test',
            area: 'Quality',
            from: 'planned',
            to: 'in-progress',
            setBy: { login: 'demo-maintainer', isDemo: true },
          },
          {
            id: 22,
            title: 'Release scope',
            area: 'Scope',
            from: 'planned',
            to: 'dropped',
            setBy: { login: 'hannesm', isDemo: false },
          },
        ],
      },
      period,
    )
    const markdown = digestMarkdown(digest, origin)
    expect(markdown).toContain(
      '(effort 21, Quality): Planned → In progress, set by Dana (demo maintainer), a demo action\n',
    )
    expect(markdown).toContain('(effort 22, Scope): Planned → Dropped, set by hannesm\n')
  })
})

describe('rating drift', () => {
  it('names each axis and rounds the reports’ average as the calibration page and the project page do', () => {
    const digest = composeDigest(
      {
        ...emptyFacts,
        drift: [
          { projectId: 7, title: 'TLS', axis: 'language', rating: 2, average: 3, reports: 2 },
          {
            projectId: 8,
            title: 'DNS',
            axis: 'domain',
            domain: 'networking',
            rating: 1,
            average: 8 / 3,
            reports: 3,
          },
        ],
      },
      period,
    )
    const markdown = digestMarkdown(digest, origin)
    expect(markdown).toContain(`(project 7), OCaml: rated 2★, contributors say 3★ over 2 reports\n`)
    expect(markdown).toContain(
      `(project 8), networking: rated 1★, contributors say 2.67★ over 3 reports`,
    )
  })
})

describe('the stale work section', () => {
  it('says what stale means: how long untouched, as of when (a snapshot: its last activity)', () => {
    const snapshot = { months: 6, asOf: new Date('2024-05-26T12:00:00Z'), isSnapshot: true }
    const markdown = digestMarkdown(
      composeDigest({ ...facts, staleMeasure: snapshot }, period),
      origin,
    )
    expect(markdown).toContain(
      "## Stale work (most first)\n\nOpen items untouched for 6 months or more as of 2024-05-26, the data's last activity.\n\n- [mirage/b]",
    )
    const live = { ...snapshot, asOf: now, isSnapshot: false }
    expect(
      digestMarkdown(composeDigest({ ...facts, staleMeasure: live }, period), origin),
    ).toContain(
      `Open items untouched for 6 months or more as of ${now.toISOString().slice(0, 10)}.\n`,
    )
  })

  it('says up front, on a snapshot only, which clock stale work and the other sections use', () => {
    const snapshot = { months: 6, asOf: new Date('2024-05-26T12:00:00Z'), isSnapshot: true }
    const markdown = digestMarkdown(
      composeDigest({ ...facts, staleMeasure: snapshot }, period),
      origin,
    )
    expect(markdown).toMatch(
      /^# Call agenda: 2026-11-20 to 2026-12-04\n\nTwo clocks: stale work is measured as of 2024-05-26, the data's last activity \(this board does not sync from GitHub\); every other section, claims and requests included, on the real date, 2026-12-04\.\n\n## Added by hand\n/,
    )
    expect(markdown.match(/Two clocks/g)).toHaveLength(1)
    // The JSON says the same: the measure's date and that it is a snapshot, beside the period.
    const json = linkDigest(composeDigest({ ...facts, staleMeasure: snapshot }, period), origin)
    expect(json.staleMeasure).toEqual(snapshot)
    expect(json.period.until).toBe(now.toISOString())
    // A live board has one clock: nothing to explain.
    const live = { ...snapshot, asOf: now, isSnapshot: false }
    const liveMarkdown = digestMarkdown(
      composeDigest({ ...facts, staleMeasure: live }, period),
      origin,
    )
    expect(liveMarkdown).not.toContain('Two clocks')
    expect(liveMarkdown).toMatch(/^# Call agenda: [^\n]*\n\n## Added by hand\n/)
  })

  it("links each repository to its own stale items on the digest's measure, in markdown and JSON", () => {
    const measure = { months: 6, asOf: new Date('2024-05-26T12:00:00Z'), isSnapshot: true }
    const digest = composeDigest({ ...facts, staleMeasure: measure }, period)
    const url = `${origin}/issues/stale?repo=mirage%2Fb&months=6`
    expect(digestMarkdown(digest, origin)).toContain(`- [mirage/b](${url}): 7 stale`)
    expect(linkDigest(digest, origin).staleRepositories[0]!.url).toBe(url)
  })
})

describe('the label write-back', () => {
  const labelsPart = (labels: DigestFacts['labels']) => {
    const markdown = digestMarkdown(composeDigest({ ...emptyFacts, labels }, period), origin)
    return markdown.slice(markdown.indexOf('## Labels'))
  }

  it('counts the plan’s changes to apply and the open conflicts, each linked to its page, naming nothing', () => {
    expect(labelsPart(facts.labels)).toBe(
      [
        '## Labels',
        '',
        `- [5 label changes on 2 issues to review and apply](${origin}/labels) (maintainers only)`,
        `- [3 open label conflicts](${origin}/labels/log?conflicts=open) on 1 issue wait for a decision (maintainers only)`,
        '',
      ].join('\n'),
    )
    // One conflict per issue: the issues are the conflicts, said once.
    expect(
      labelsPart({ toApply: { changes: 0, issues: 0 }, openConflicts: { changes: 1, issues: 1 } }),
    ).toBe(
      `## Labels\n\n- [1 open label conflict](${origin}/labels/log?conflicts=open) waits for a decision (maintainers only)\n`,
    )
  })

  it('says when the changes are on the demo’s copies, where applying sends nothing', () => {
    const part = (onCopies: number) =>
      labelsPart({
        toApply: { changes: 5, issues: 2, onCopies },
        openConflicts: { changes: 0, issues: 0 },
      })
    expect(part(5)).toContain(
      '(maintainers only); demo: the demo’s repositories are copies, nothing is sent\n',
    )
    expect(part(2)).toContain('(maintainers only); 2 of them on the demo’s copies, never sent\n')
    expect(part(0)).toContain(
      'to review and apply](https://board.example.org/labels) (maintainers only)\n',
    )
  })

  it('says when nothing waits, and has no Labels part where the figures were not read', () => {
    expect(
      labelsPart({ toApply: { changes: 0, issues: 0 }, openConflicts: { changes: 0, issues: 0 } }),
    ).toBe('## Labels\n\nNo label changes to apply and no open label conflicts.\n')
    expect(digestMarkdown(composeDigest(emptyFacts, period), origin)).not.toContain('## Labels')
    expect(composeDigest(emptyFacts, period).labels).toBeNull()
  })
})

describe('before any starter project is rated', () => {
  const digest = composeDigest({ ...facts, isAnyRated: false }, period)

  it('says so as the supply page does, pointing to triage, and names no domain dry or waiting', () => {
    const markdown = digestMarkdown(digest, origin)
    expect(markdown).toContain(
      `## Starter projects\n\n- No starter project is rated yet: supply is counted from ratings. [Rate some in triage](${origin}/starter/triage) (maintainers only).\n\n###`,
    )
    expect(markdown).not.toContain('run dry')
    expect(markdown).not.toContain('waits for ratings')
  })

  it('gives the JSON the same: no domain dry or waiting, and why', () => {
    expect(linkDigest(digest, origin).starterSupply).toMatchObject({
      isAnyRated: false,
      dryDomains: [],
      waitingForRating: [],
    })
  })
})
