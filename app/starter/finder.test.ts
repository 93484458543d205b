import fc from 'fast-check'
import { expect, test } from 'vitest'

import type { Stars } from '../../db/schema'
import { GITHUB_LOGIN } from '../utils/github-names'

import {
  compareForBackground,
  decodeFinderCursor,
  defaultFinderState,
  domainMatch,
  encodeFinderCursor,
  FINDER_SIZES,
  finderStateKey,
  fitsYou,
  githubLoginOf,
  handlesWrittenIn,
  finderToSearchParams,
  isAboveLevel,
  isEligible,
  isTaken,
  LANGUAGE_LEVELS,
  LEVEL_MAX_LANGUAGE_STARS,
  parseFinderQuery,
  rankKeys,
  rankProjects,
  TIME_AVAILABLE,
  type FinderBackground,
  type FinderFilters,
  type FinderState,
  type RankableProject,
} from './finder'

const DOMAINS = ['networking', 'security', 'storage', 'web', 'tooling'] as const

const starsArb = fc.constantFrom<Stars | null>(null, 1, 2, 3)
const domainArb = fc.constantFrom(...DOMAINS)
const domainSetArb = fc.uniqueArray(domainArb, { maxLength: DOMAINS.length })

const projectArb = (id: number): fc.Arbitrary<RankableProject> =>
  fc.record({
    id: fc.constant(id),
    primaryDomain: domainArb,
    secondaryDomains: domainSetArb,
    languageStars: starsArb,
    domainStars: starsArb,
    size: fc.constantFrom(null, ...FINDER_SIZES),
    status: fc.constantFrom('open', 'open', 'open', 'done', 'inactive'),
    repos: fc.uniqueArray(fc.constantFrom('mirage/mirage', 'mirage/ocaml-dns'), { maxLength: 2 }),
    claimCount: fc.nat(2),
    canReachMentors: fc.boolean(),
    // A handful of instants, so ties on "newest" happen.
    createdAt: fc.integer({ min: 0, max: 5 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day))),
  })

/** Projects with distinct ids, as the database hands them out. */
const projectsArb = fc
  .array(fc.nat(), { maxLength: 30 })
  .chain((seeds) => fc.tuple(...seeds.map((_, index) => projectArb(index + 1))))
  .map((projects) => [...projects])

const backgroundArb: fc.Arbitrary<FinderBackground> = fc.record({
  level: fc.constantFrom(...LANGUAGE_LEVELS),
  knownDomains: domainSetArb.map((set) => DOMAINS.filter((domain) => set.includes(domain))),
  time: fc.constantFrom(...TIME_AVAILABLE),
  wantsMentor: fc.boolean(),
})

/** `value` one time in four, `otherwise` the rest: filters now and then, so results stay long. */
function sometimes<T, U>(value: fc.Arbitrary<T>, otherwise: U): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: fc.constant(otherwise), weight: 3 }, { arbitrary: value, weight: 1 })
}

const filtersArb: fc.Arbitrary<FinderFilters> = fc.record({
  domain: sometimes(domainArb, null),
  maxLanguageStars: sometimes(fc.constantFrom<Stars>(1, 2, 3), null),
  maxDomainStars: sometimes(fc.constantFrom<Stars>(1, 2, 3), null),
  size: sometimes(fc.constantFrom(...FINDER_SIZES), null),
  hasMentor: sometimes(fc.constant(true), false),
  unclaimedOnly: sometimes(fc.constant(true), false),
  unratedOnly: sometimes(fc.constant(true), false),
  showAboveLevel: fc.boolean(),
  stepUpFrom: sometimes(fc.constantFrom<Stars>(1, 2, 3), null),
  q: fc.constant(null),
  repo: sometimes(fc.constantFrom('mirage/ocaml-dns', 'Mirage/Mirage'), null),
  status: sometimes(fc.constantFrom('done' as const, 'inactive' as const, 'all' as const), 'open'),
})

const stateArb = fc.record({ background: backgroundArb, filters: filtersArb })

test('results never hold a project above your level on either axis unless you ask', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const results = rankProjects(projects, state)
      if (state.filters.showAboveLevel) return
      const languageMax = LEVEL_MAX_LANGUAGE_STARS[state.background.level]
      for (const project of results) {
        if (project.languageStars !== null)
          expect(project.languageStars).toBeLessThanOrEqual(languageMax)
        if (project.domainStars !== null && project.domainStars > 1) {
          // Above 1★ on the domain axis only in a domain you know.
          expect(domainMatch(project, state.background.knownDomains)).toBeLessThan(2)
        }
      }
    }),
  )
})

test('results hold only the status asked for: open unless status= says otherwise', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const { status } = state.filters
      for (const project of rankProjects(projects, state)) {
        if (status !== 'all') expect(project.status).toBe(status)
      }
    }),
  )
})

test('a project that fits you ranks above every unrated or unknown-size one', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const results = rankProjects(projects, state)
      const lastFit = results.findLastIndex((project) => fitsYou(project, state.background))
      const firstUnsure = results.findIndex(
        (project) =>
          project.languageStars === null || project.domainStars === null || project.size === null,
      )
      if (lastFit !== -1 && firstUnsure !== -1) expect(lastFit).toBeLessThan(firstUnsure)
    }),
  )
})

test('fitting you means rated on both axes within your level, a fitting size and a known domain', () => {
  fc.assert(
    fc.property(projectArb(1), backgroundArb, (project, background) => {
      const fits = fitsYou(project, background)
      if (project.languageStars === null || project.domainStars === null) expect(fits).toBe(false)
      if (project.size === null) expect(fits).toBe(false)
      if (isAboveLevel(project, background)) expect(fits).toBe(false)
      if (background.knownDomains.length > 0 && domainMatch(project, background.knownDomains) === 2)
        expect(fits).toBe(false)
    }),
  )
  // A newcomer to OCaml who knows networking, with a day: the rated 1★ day project comes first.
  const background: FinderBackground = {
    level: 'none',
    knownDomains: ['networking'],
    time: 'day',
    wantsMentor: false,
  }
  const base = {
    secondaryDomains: [],
    status: 'open' as const,
    repos: [],
    claimCount: 0,
    canReachMentors: false,
    createdAt: new Date(Date.UTC(2026, 0, 1)),
  }
  const ranked = rankProjects(
    [
      {
        ...base,
        id: 1,
        primaryDomain: 'networking',
        languageStars: null,
        domainStars: null,
        size: 'day',
      },
      { ...base, id: 2, primaryDomain: 'networking', languageStars: 1, domainStars: 1, size: null },
      {
        ...base,
        id: 3,
        primaryDomain: 'web',
        secondaryDomains: ['networking'],
        languageStars: 1,
        domainStars: 2,
        size: 'day',
      },
      {
        ...base,
        id: 4,
        primaryDomain: 'networking',
        languageStars: 1,
        domainStars: 1,
        size: 'day',
      },
    ],
    { background, filters: defaultFinderState().filters },
  )
  expect(ranked.map((project) => project.id)).toEqual([4, 3, 1, 2])
})

test('the repository filter keeps projects with that repository, in any case', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const { repo } = state.filters
      if (repo === null) return
      for (const project of rankProjects(projects, state)) {
        expect(project.repos.map((name) => name.toLowerCase())).toContain(repo.toLowerCase())
      }
    }),
  )
})

test('an unrated project is never hidden by your level or by a star cap', () => {
  fc.assert(
    fc.property(projectArb(1), stateArb, (project, state) => {
      const unrated = {
        ...project,
        languageStars: null,
        domainStars: null,
        status: 'open' as const,
      }
      const plain = {
        ...state,
        filters: {
          ...state.filters,
          domain: null,
          size: null,
          hasMentor: false,
          unclaimedOnly: false,
          unratedOnly: false,
          repo: null,
          status: 'open' as const,
        },
      }
      expect(isEligible(unrated, plain)).toBe(true)
    }),
  )
})

test('unrated projects come after every rated one that is otherwise ranked the same', () => {
  fc.assert(
    fc.property(projectArb(1), projectArb(2), backgroundArb, (rated, unrated, background) => {
      const a = { ...rated, languageStars: 1 as const, domainStars: 3 as const }
      const b = { ...a, id: unrated.id, languageStars: null, domainStars: null }
      expect(compareForBackground(background)(a, b)).toBeLessThan(0)
    }),
  )
})

test('the order is total: the same projects in any order rank the same way', () => {
  fc.assert(
    fc.property(
      projectsArb.chain((projects) =>
        fc.tuple(
          fc.constant(projects),
          fc.shuffledSubarray(projects, { minLength: projects.length }),
        ),
      ),
      stateArb,
      ([projects, shuffled], state) => {
        const ids = (list: RankableProject[]) => rankProjects(list, state).map((p) => p.id)
        expect(ids(shuffled)).toEqual(ids(projects))
      },
    ),
  )
})

test('the comparator is antisymmetric and only calls a project equal to itself', () => {
  fc.assert(
    fc.property(projectArb(1), projectArb(2), backgroundArb, (a, b, background) => {
      const compare = compareForBackground(background)
      expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)))
      expect(compare(a, b)).not.toBe(0)
      expect(compare(a, a)).toBe(0)
    }),
  )
})

test('the comparator is transitive', () => {
  fc.assert(
    fc.property(
      projectArb(1),
      projectArb(2),
      projectArb(3),
      backgroundArb,
      (a, b, c, background) => {
        const compare = compareForBackground(background)
        if (compare(a, b) < 0 && compare(b, c) < 0) expect(compare(a, c)).toBeLessThan(0)
      },
    ),
  )
})

test('fitting projects first, then unclaimed ones, then your domains: a primary match before a secondary match before neither', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const results = rankProjects(projects, state)
      const fits = results.map((project) => (fitsYou(project, state.background) ? 0 : 1))
      expect(fits).toEqual([...fits].sort((x, y) => x - y))
      for (const fit of [0, 1]) {
        for (const taken of [false, true]) {
          const matches = results
            .filter((project, index) => fits[index] === fit && isTaken(project) === taken)
            .map((project) => domainMatch(project, state.background.knownDomains))
          expect(matches).toEqual([...matches].sort((x, y) => x - y))
        }
      }
    }),
  )
})

test('unclaimed before claimed among projects with the same fit, whatever their domain match', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const results = rankProjects(projects, state)
      for (let i = 0; i < results.length; i++) {
        for (let j = i + 1; j < results.length; j++) {
          const [before, after] = [results[i]!, results[j]!]
          if (fitsYou(before, state.background) !== fitsYou(after, state.background)) continue
          // A claimed project is not available now: it never precedes a free one of the same fit.
          expect(isTaken(before) && !isTaken(after)).toBe(false)
        }
      }
    }),
  )
})

test('an elastic project with people on it still counts as unclaimed', () => {
  fc.assert(
    fc.property(projectArb(1), stateArb, (project, state) => {
      const elastic = { ...project, size: 'elastic' as const, claimCount: 2 }
      expect(isTaken(elastic)).toBe(false)
      expect(
        isEligible(elastic, { ...state, filters: { ...state.filters, unclaimedOnly: true } }),
      ).toBe(isEligible(elastic, { ...state, filters: { ...state.filters, unclaimedOnly: false } }))
    }),
  )
})

test('wanting a mentor puts mentored projects first among otherwise equal ones', () => {
  fc.assert(
    fc.property(projectArb(1), backgroundArb, (project, background) => {
      const mentored = { ...project, canReachMentors: true }
      const alone = { ...project, id: 2, canReachMentors: false, createdAt: new Date(2030, 0, 1) }
      const compare = compareForBackground({ ...background, wantsMentor: true })
      expect(compare(mentored, alone)).toBeLessThan(0)
    }),
  )
})

test('adding a domain you know never moves one of its projects below a project it was above', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, domainArb, (projects, state, added) => {
      const widened = {
        ...state,
        background: {
          ...state.background,
          knownDomains: DOMAINS.filter(
            (domain) => domain === added || state.background.knownDomains.includes(domain),
          ),
        },
      }
      const inAdded = (project: RankableProject) =>
        project.primaryDomain === added || project.secondaryDomains.includes(added)
      const before = rankProjects(projects, state)
      const after = rankProjects(projects, widened)
      const afterIndex = new Map(after.map((project, index) => [project.id, index]))
      // Knowing more never hides a project.
      for (const project of before) expect(afterIndex.has(project.id)).toBe(true)
      for (let i = 0; i < before.length; i++) {
        for (let j = i + 1; j < before.length; j++) {
          const [above, below] = [before[i]!, before[j]!]
          if (!inAdded(above) || inAdded(below)) continue
          expect(afterIndex.get(above.id)!).toBeLessThan(afterIndex.get(below.id)!)
        }
      }
    }),
  )
})

test('a higher language level never hides a project a lower one showed', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const levels = LANGUAGE_LEVELS.map(
        (level) =>
          new Set(
            rankProjects(projects, { ...state, background: { ...state.background, level } }).map(
              (project) => project.id,
            ),
          ),
      )
      for (let i = 1; i < levels.length; i++) {
        for (const id of levels[i - 1]!) expect(levels[i]!.has(id)).toBe(true)
      }
    }),
  )
})

test('showing projects above your level adds exactly those above it', () => {
  fc.assert(
    fc.property(projectsArb, stateArb, (projects, state) => {
      const within = rankProjects(projects, {
        ...state,
        filters: { ...state.filters, showAboveLevel: false },
      })
      const all = rankProjects(projects, {
        ...state,
        filters: { ...state.filters, showAboveLevel: true },
      })
      const added = all.filter((project) => !within.includes(project))
      expect(added.every((project) => isAboveLevel(project, state.background))).toBe(true)
    }),
  )
})

test('a state printed into a URL parses back to the same state', () => {
  fc.assert(
    fc.property(stateArb, fc.integer({ min: 1, max: 100 }), (state, limit) => {
      const full: FinderState = { ...state, limit, cursor: null }
      const { state: parsed, problems } = parseFinderQuery(
        finderToSearchParams(full, { withPage: true }),
        DOMAINS,
      )
      expect(problems).toEqual([])
      expect(parsed).toEqual(full)
    }),
  )
})

test('a cursor round-trips and is refused on another background', () => {
  fc.assert(
    fc.property(projectArb(7), stateArb, stateArb, (project, state, other) => {
      const cursor = {
        stateKey: finderStateKey(state),
        keys: rankKeys(project, state.background, state.filters.stepUpFrom),
      }
      const params = finderToSearchParams({ ...state, limit: 20, cursor }, { withPage: true })
      expect(decodeFinderCursor(encodeFinderCursor(cursor))).toEqual(cursor)
      expect(parseFinderQuery(params, DOMAINS).state.cursor).toEqual(cursor)
      const elsewhere = finderToSearchParams(other)
      elsewhere.set('cursor', encodeFinderCursor(cursor))
      const parsed = parseFinderQuery(elsewhere, DOMAINS)
      if (finderStateKey(other) !== cursor.stateKey) {
        expect(parsed.problems.map((problem) => problem.parameter)).toEqual(['cursor'])
      }
    }),
  )
})

test('bad values are ignored one by one and each is named', () => {
  const { state, problems } = parseFinderQuery(
    new URLSearchParams(
      'level=expert&know=networking&know=cooking&time=year&wantsMentor=maybe&domain=web&maxLanguage=4&size=huge&unclaimed=yes&limit=0&cursor=%%%',
    ),
    DOMAINS,
  )
  expect(problems.map((problem) => problem.parameter)).toEqual([
    'level',
    'know',
    'time',
    'wantsMentor',
    'maxLanguage',
    'size',
    'limit',
    'cursor',
  ])
  expect(problems[1]).toEqual({
    parameter: 'know',
    message: '"cooking" is not a domain',
    allowed: DOMAINS.join(', '),
  })
  const expected = defaultFinderState()
  expected.background.knownDomains = ['networking']
  expected.filters.domain = 'web'
  expected.filters.unclaimedOnly = true
  expect(state).toEqual(expected)
})

test('known domains are kept once, in the settings order', () => {
  const { state } = parseFinderQuery(
    new URLSearchParams('know=web&know=networking&know=web'),
    DOMAINS,
  )
  expect(state.background.knownDomains).toEqual(['networking', 'web'])
})

test('size fits the time you have: elastic always, unknown after fitting, too big last', () => {
  const background: FinderBackground = {
    level: 'comfortable',
    knownDomains: [],
    time: 'week',
    wantsMentor: false,
  }
  const project = (id: number, size: RankableProject['size']): RankableProject => ({
    id,
    primaryDomain: 'web',
    secondaryDomains: [],
    languageStars: 1,
    domainStars: 1,
    size,
    status: 'open',
    repos: [],
    claimCount: 0,
    canReachMentors: false,
    createdAt: new Date(Date.UTC(2026, 0, 1)),
  })
  const ranked = [
    project(1, 'month'),
    project(2, null),
    project(3, 'elastic'),
    project(4, 'day'),
    project(5, 'week'),
  ]
    .sort(compareForBackground(background))
    .map((p) => p.size)
  expect(ranked).toEqual(['week', 'day', 'elastic', null, 'month'])
})

test('"unrated=yes" keeps only projects missing a rating, and prints back the same', () => {
  const { state, problems } = parseFinderQuery(new URLSearchParams('unrated=yes'), DOMAINS)
  expect(problems).toEqual([])
  expect(state.filters.unratedOnly).toBe(true)
  expect(finderToSearchParams(state).toString()).toBe('unrated=yes')
  const project = (stars: [Stars | null, Stars | null]) => ({
    id: 1,
    primaryDomain: 'web',
    secondaryDomains: [],
    languageStars: stars[0],
    domainStars: stars[1],
    size: null,
    status: 'open' as const,
    repos: [],
    claimCount: 0,
    canReachMentors: false,
    createdAt: new Date(0),
  })
  expect(isEligible(project([1, 1]), state)).toBe(false)
  expect(isEligible(project([1, null]), state)).toBe(true)
  expect(isEligible(project([null, null]), state)).toBe(true)
  expect(parseFinderQuery(new URLSearchParams('unrated=maybe'), DOMAINS).problems).toHaveLength(1)
})

test('handles written beside a name are read from one parenthesis of logins, never from words', () => {
  expect(handlesWrittenIn('Thomas Gazagnaire (samoht)')).toEqual(['samoht'])
  expect(handlesWrittenIn('Runhang Li (marklrh / objmagic)')).toEqual(['marklrh', 'objmagic'])
  expect(handlesWrittenIn('Thomas Leonard (@talex5)')).toEqual(['talex5'])
  for (const name of [
    'Anil Madhavapeddy',
    'Richard Mortier (to write it up)',
    'Richard Mortier (original idea)',
    'Someone (a_b)',
    'Someone ()',
    'Someone (-dash)',
  ]) {
    expect(handlesWrittenIn(name), name).toEqual([])
  }
})

test('a mentor written “@login” is one whatever trim() takes off around it, nothing else', () => {
  expect(githubLoginOf('@hannesm')).toBe('hannesm')
  expect(githubLoginOf(' \t@hannesm\n')).toBe('hannesm')
  expect(githubLoginOf('@a' + 'b'.repeat(38))).toBe('a' + 'b'.repeat(38))
  for (const name of ['hannesm', '@', '@-dash', '@hannes m', '@hannes_m', '@a' + 'b'.repeat(39)]) {
    expect(githubLoginOf(name), name).toBeNull()
  }
  // The pattern spells out trim()'s characters for PostgreSQL (finder.server.ts): for every UTF-16
  // unit before or after a login it reads as trim() then GitHub's rule would.
  const trimmedLoginOf = (written: string) => {
    const name = written.trim()
    return name.startsWith('@') && GITHUB_LOGIN.test(name.slice(1)) ? name.slice(1) : null
  }
  const differing: string[] = []
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code)
    for (const name of [`${char}@dana`, `@dana${char}`, `${char}@dana${char}`]) {
      if (githubLoginOf(name) !== trimmedLoginOf(name)) differing.push(JSON.stringify(name))
    }
  }
  expect(differing).toEqual([])
})
