import fc from 'fast-check'
import { expect, test } from 'vitest'

import { defaultScheme, resolveScheme } from '../scheme/scheme'

import {
  applyLearnedToIdeas,
  applyLearnedToStarter,
  decideLearnings,
  describeDecisions,
  describeLearning,
  managedLabelChanges,
  type IdeaPlacement,
  type LearningInput,
  type StarterFields,
} from './learning'

const scheme = resolveScheme(
  defaultScheme(),
  {},
  { domains: ['networking', 'security'], areas: ['storage', 'usability'] },
)
const STARTER: StarterFields = {
  language_stars: 1,
  domain_stars: 1,
  size: 'week',
  primary_domain: 'networking',
}
const IDEA: IdeaPlacement = { ideaId: 7, area: 'storage', areas: ['storage', 'usability'] }
const MANAGED = scheme.labels.map((label) => label.name)
const HUMAN = [
  'bug',
  'help wanted',
  'lang/4★',
  'domain/whatever',
  'priority/urgent',
  'roadmap/mars',
]

function input(overrides: Partial<LearningInput>): LearningInput {
  return {
    before: [],
    after: [],
    scheme,
    starter: STARTER,
    ideas: [IDEA],
    boardOwn: [],
    boardChangedAt: new Map(),
    githubAt: new Date('2026-11-26T12:00:00Z'),
    ...overrides,
  }
}

test('only managed labels count as changes, compared case-insensitively', () => {
  expect(
    managedLabelChanges(['bug', 'LANG/1★', 'size/week'], ['Bug', 'lang/1★', 'lang/4★'], scheme),
  ).toEqual([{ label: 'size/week', action: 'remove', value: 'size:week' }])
})

test('a language label replaced on GitHub becomes the rating', () => {
  const [decision, ...rest] = decideLearnings(
    input({ before: ['lang/1★', 'bug'], after: ['lang/2★', 'bug'] }),
  )
  expect(rest).toEqual([])
  expect(decision).toMatchObject({
    field: 'language',
    change: { label: 'lang/2★', action: 'add' },
    from: '1',
    to: '2',
    outcome: 'learned',
    reason: null,
  })
})

test('every language label removed makes the project unrated', () => {
  expect(decideLearnings(input({ before: ['lang/1★'], after: [] }))).toMatchObject([
    { field: 'language', from: '1', to: null, outcome: 'learned' },
  ])
})

test('a change older than the board’s own is ignored with the reason', () => {
  const [decision] = decideLearnings(
    input({
      before: ['lang/1★'],
      after: ['lang/2★'],
      boardChangedAt: new Map([['language', new Date('2026-11-26T12:00:00Z')]]),
    }),
  )
  expect(decision).toMatchObject({ outcome: 'ignored', from: '1', to: '2' })
  expect(decision!.reason).toMatch(/newer than this one on GitHub/)
})

test('two language labels at once, or a hand-made lang/4★, teach nothing', () => {
  expect(
    decideLearnings(input({ before: ['lang/1★'], after: ['lang/1★', 'lang/3★'] })),
  ).toMatchObject([{ field: 'language', outcome: 'ignored' }])
  expect(decideLearnings(input({ before: ['lang/1★'], after: ['lang/1★', 'lang/4★'] }))).toEqual([])
})

test('a domain is learned only when exactly one managed domain label remains', () => {
  expect(
    decideLearnings(input({ before: ['domain/networking'], after: ['domain/security'] })),
  ).toMatchObject([{ field: 'domain', from: 'networking', to: 'security', outcome: 'learned' }])
  expect(decideLearnings(input({ before: ['domain/networking'], after: [] }))[0]!.reason).toMatch(
    /always has a primary domain/,
  )
})

test('starter, mentor and priority labels are noted as ignored, with their reasons', () => {
  const decisions = decideLearnings(
    input({
      before: ['starter', 'priority/agreed'],
      after: ['mentor available', 'priority/deferred'],
    }),
  )
  expect(decisions.map((d) => [d.field, d.change.label, d.outcome])).toEqual([
    ['mentor', 'mentor available', 'ignored'],
    ['priority', 'priority/deferred', 'ignored'],
    ['priority', 'priority/agreed', 'ignored'],
    ['starter', 'starter', 'ignored'],
  ])
  expect(decisions.find((d) => d.field === 'priority')!.reason).toMatch(/recorded roadmap rounds/)
})

test('an idea moves when its area label is replaced by another area of its release target', () => {
  expect(
    decideLearnings(input({ before: ['roadmap/storage'], after: ['roadmap/usability'] })),
  ).toMatchObject([
    { field: 'roadmap', ideaId: 7, from: 'storage', to: 'usability', outcome: 'learned' },
  ])
  const elsewhere = { ...IDEA, areas: ['storage'] }
  expect(
    decideLearnings(
      input({ ideas: [elsewhere], before: ['roadmap/storage'], after: ['roadmap/usability'] }),
    ),
  ).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/no area "usability"/) }])
  expect(
    decideLearnings(
      input({ before: ['roadmap/storage'], after: ['roadmap/storage', 'roadmap/usability'] }),
    ),
  ).toMatchObject([{ outcome: 'ignored', reason: expect.stringMatching(/still there/) }])
})

test('the learning reads as a sentence', () => {
  expect(
    describeLearning({
      label: 'lang/2★',
      action: 'add',
      github_login: 'x',
      github_at: '2026-11-26T12:00:00Z',
      outcome: 'learned',
      reason: null,
      source: 'webhook',
    }),
  ).toBe('lang/2★ was added on GitHub by @x on 2026-11-26; the board took it.')
})

// ---- laws ----

const labelSetArb = fc
  .subarray([...MANAGED, ...HUMAN], { maxLength: 8 })
  .chain((names) => fc.shuffledSubarray(names, { minLength: names.length }))
const starterArb = fc.record({
  language_stars: fc.constantFrom(null, 1, 2, 3) as fc.Arbitrary<StarterFields['language_stars']>,
  domain_stars: fc.constantFrom(null, 1, 2, 3) as fc.Arbitrary<StarterFields['domain_stars']>,
  size: fc.constantFrom(null, 'day', 'week', 'month', 'elastic') as fc.Arbitrary<
    StarterFields['size']
  >,
  primary_domain: fc.constantFrom('networking', 'security'),
})
const ideaArb = fc.constantFrom('storage', 'usability').map((area) => ({ ...IDEA, area }))
const caseArb = fc.record({
  before: labelSetArb,
  after: labelSetArb,
  starter: starterArb,
  ideas: fc.array(ideaArb, { maxLength: 1 }),
})

test('learning is idempotent: seeing the same change again learns nothing more', () => {
  fc.assert(
    fc.property(caseArb, ({ before, after, starter, ideas }) => {
      const first = decideLearnings(input({ before, after, starter, ideas }))
      const again = decideLearnings(
        input({
          before,
          after,
          starter: applyLearnedToStarter(starter, first),
          ideas: applyLearnedToIdeas(ideas, first),
        }),
      )
      expect(again.filter((decision) => decision.outcome === 'learned')).toEqual([])
    }),
  )
})

test('labels outside the managed namespaces never change what the board learns', () => {
  fc.assert(
    fc.property(
      caseArb,
      fc.subarray(HUMAN),
      fc.subarray(HUMAN),
      ({ before, after, starter, ideas }, extraBefore, extraAfter) => {
        const managedOnly = (labels: string[]) => labels.filter((label) => scheme.isManaged(label))
        const plain = decideLearnings(
          input({ before: managedOnly(before), after: managedOnly(after), starter, ideas }),
        )
        const noisy = decideLearnings(
          input({
            before: [...managedOnly(before), ...extraBefore],
            after: [...managedOnly(after), ...extraAfter],
            starter,
            ideas,
          }),
        )
        expect(noisy).toEqual(plain)
        if (plain.length === 0) {
          expect(applyLearnedToStarter(starter, noisy)).toEqual(starter)
        }
      },
    ),
  )
})

test('the board’s own done changes coming back are never learned', () => {
  fc.assert(
    fc.property(caseArb, ({ before, after, starter, ideas }) => {
      const boardOwn = managedLabelChanges(before, after, scheme)
      expect(decideLearnings(input({ before, after, starter, ideas, boardOwn }))).toEqual([])
    }),
  )
})

test('the decisions read as what the board takes and what it leaves, by the same rules', () => {
  const decisions = decideLearnings(
    input({
      before: ['starter', 'lang/1★', 'size/week', 'mentor available', 'roadmap/storage'],
      after: ['starter', 'size/day', 'roadmap/usability'],
      githubAt: null,
    }),
  )
  const { takes, leaves } = describeDecisions(decisions, scheme)
  expect(takes.sort()).toEqual([
    'lang/1★ removed: no OCaml difficulty',
    'roadmap/usability: idea 7 moves to roadmap area "usability"',
    'size/day: size day',
  ])
  expect(leaves).toEqual([
    "mentor available removed: The mentor label follows the project's mentors on the board, those someone can reach (an account, an @login or a contact); add one there.",
  ])
})
