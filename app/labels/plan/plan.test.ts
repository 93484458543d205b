import fc from 'fast-check'
import { expect, test } from 'vitest'

import { PROJECT_SIZES } from '../../starter/project-input'
import {
  defaultScheme,
  resolveScheme,
  validateScheme,
  type KnownValues,
  type ResolvedScheme,
} from '../scheme/scheme'

import {
  applyChanges,
  catalogueCreates,
  createLabelRequest,
  desiredLabels,
  desiredValues,
  detectConflict,
  isAgreedEffort,
  labelReasons,
  planIssue,
  planRename,
  renamesBetween,
  replacementsOf,
  requestsFor,
  type IssueBoardState,
  type IssueRef,
  type LabelPlan,
} from './plan'

const KNOWN: KnownValues = {
  domains: ['networking', 'security', 'storage', 'web'],
  areas: ['quality-and-testing', 'usability'],
}
const DEFAULTS = defaultScheme()
const OVERRIDES = {
  'language:1': 'E-easy',
  starter: 'good first issue',
  'domain:networking': 'area/net',
}
// A repository that labels domains bare ("web") and sizes its own way.
const BARE = {
  ...DEFAULTS,
  domain: { ...DEFAULTS.domain, prefix: '' },
  roadmap: { ...DEFAULTS.roadmap, prefix: 'Roadmap: ' },
}
const BARE_OVERRIDES = { 'size:day': 'S-small', 'size:week': 'S-medium', mentor: 'mentored' }

const defaults = resolveScheme(DEFAULTS, {}, KNOWN)
const withOverrides = resolveScheme(DEFAULTS, OVERRIDES, KNOWN)
const bare = resolveScheme(BARE, BARE_OVERRIDES, KNOWN)
const SCHEMES = [defaults, withOverrides, bare]

const issue: IssueRef = { owner: 'mirage', repo: 'mirage-tcpip', number: 42 }
const keys = (names: readonly string[]) =>
  [...new Set(names.map((name) => name.toLowerCase()))].sort()

test('the test schemes are valid', () => {
  expect(validateScheme(DEFAULTS, OVERRIDES, KNOWN)).toEqual([])
  expect(validateScheme(BARE, BARE_OVERRIDES, KNOWN)).toEqual([])
})

// ---- Arbitraries ----

/** Near misses of a scheme's labels: other case (managed), and almost-the-same (not managed). */
const lookAlikes = (scheme: ResolvedScheme) =>
  scheme.labels.flatMap(({ name }) => [
    name,
    name.toUpperCase(),
    `${name} `,
    ` ${name}`,
    `${name}x`,
    name.slice(0, -1),
    name.replace('/', '-'),
    name.replace('/', '/ '),
  ])

const humanLabelsArb = (scheme: ResolvedScheme) =>
  fc.uniqueArray(
    fc.oneof(
      fc.constantFrom(
        ...lookAlikes(scheme),
        'lang/4★',
        'size/huge',
        'priority/urgent',
        'domain/cooking',
        'roadmap/',
        'mentor',
        'help wanted',
        'bug',
      ),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    ),
    // GitHub keeps one label per name, whatever its case.
    { selector: (name) => name.toLowerCase(), maxLength: 12 },
  )

const starsArb = fc.constantFrom(null, 1 as const, 2 as const, 3 as const)

const boardStateArb: fc.Arbitrary<IssueBoardState> = fc.record({
  starter: fc.option(
    fc.record({
      primary_domain: fc.constantFrom(...KNOWN.domains, 'Networking'),
      language_stars: starsArb,
      domain_stars: starsArb,
      size: fc.constantFrom(null, ...PROJECT_SIZES),
      has_mentor: fc.boolean(),
    }),
    { nil: null },
  ),
  roadmap: fc.array(
    fc.record({
      area: fc.constantFrom(...KNOWN.areas),
      tier: fc.constantFrom(null, 'agreed' as const, 'deferred' as const),
    }),
    { maxLength: 3 },
  ),
})

const historyArb = fc.constantFrom(...SCHEMES).chain((scheme) =>
  fc.record({
    scheme: fc.constant(scheme),
    human: humanLabelsArb(scheme),
    states: fc.array(boardStateArb, { minLength: 1, maxLength: 5 }),
  }),
)

/** One planning step: what the mirror saw (human labels plus earlier managed ones) and a goal. */
const stepArb = historyArb.chain(({ scheme, human, states }) =>
  fc.record({
    scheme: fc.constant(scheme),
    current: fc
      .subarray(scheme.labels.map((label) => label.name))
      .map((managed) => [
        ...human,
        ...managed.filter((name) => !human.some((h) => h.toLowerCase() === name.toLowerCase())),
      ]),
    desired: fc.constant(desiredLabels(states[0]!, scheme)),
  }),
)

// ---- Laws ----

test('law: across any sequence of board states, labels outside the scheme survive untouched', () => {
  fc.assert(
    fc.property(historyArb, ({ scheme, human, states }) => {
      const unmanaged = human.filter((name) => !scheme.isManaged(name))
      let labels = human
      for (const state of states) {
        const desired = desiredLabels(state, scheme)
        labels = applyChanges(labels, planIssue({ current: labels, desired, scheme }))
        // Same spelling, not just same label: the board never rewrote them.
        for (const name of unmanaged) expect(labels).toContain(name)
        expect(keys(labels)).toEqual(keys([...desired, ...unmanaged]))
      }
    }),
  )
})

test('law: after a plan is applied, planning again sends zero requests', () => {
  fc.assert(
    fc.property(stepArb, ({ scheme, current, desired }) => {
      const plan = planIssue({ current, desired, scheme })
      const after = applyChanges(current, plan)
      const again = planIssue({ current: after, desired, scheme })
      expect(again).toEqual({ add: [], remove: [] })
      expect(requestsFor(issue, again)).toEqual([])
      // Replaying the same plan (a retry) changes nothing either.
      expect(applyChanges(after, plan)).toEqual(after)
    }),
  )
})

test('law: a plan adds only what is missing and removes only managed labels present and unwanted', () => {
  fc.assert(
    fc.property(stepArb, ({ scheme, current, desired }) => {
      const { add, remove } = planIssue({ current, desired, scheme })
      const has = keys(current)
      const wants = keys(desired)
      for (const name of add) {
        expect(has).not.toContain(name.toLowerCase())
        expect(wants).toContain(name.toLowerCase())
        expect(scheme.isManaged(name)).toBe(true)
      }
      for (const name of remove) {
        expect(current).toContain(name)
        expect(scheme.isManaged(name)).toBe(true)
        expect(wants).not.toContain(name.toLowerCase())
      }
      expect(keys(add)).toHaveLength(add.length)
      expect(keys(remove)).toHaveLength(remove.length)
    }),
  )
})

test('law: requests are one POST per add and one DELETE per remove, never PUT or PATCH', () => {
  fc.assert(
    fc.property(stepArb, ({ scheme, current, desired }) => {
      const plan = planIssue({ current, desired, scheme })
      const requests = requestsFor(issue, plan)
      expect(requests).toHaveLength(plan.add.length + plan.remove.length)
      const base = '/repos/mirage/mirage-tcpip/issues/42/labels'
      for (const request of requests) {
        expect(['POST', 'DELETE']).toContain(request.method)
        if (request.method === 'POST') {
          expect(request.path).toBe(base)
          expect(request.body.labels).toEqual([request.label])
        } else {
          expect(request.path.startsWith(`${base}/`)).toBe(true)
          const segment = request.path.slice(base.length + 1)
          expect(segment).not.toContain('/')
          expect(decodeURIComponent(segment)).toBe(request.label)
        }
      }
      expect(requests.filter((r) => r.action === 'add').map((r) => r.label)).toEqual(plan.add)
      expect(requests.filter((r) => r.action === 'remove').map((r) => r.label)).toEqual(plan.remove)
    }),
  )
})

test('law: a conflict is reported exactly when the managed labels changed since the base', () => {
  const pairArb = fc.constantFrom(...SCHEMES).chain((scheme) =>
    humanLabelsArb(scheme).chain((base) =>
      fc.record({
        scheme: fc.constant(scheme),
        base: fc.constant(base),
        fresh: fc.oneof(
          // The same labels, reordered and recased by GitHub: not a conflict.
          fc
            .shuffledSubarray(base, { minLength: base.length })
            .map((names) => names.map((name) => name.toUpperCase())),
          // Someone changed labels outside the scheme only: not a conflict either.
          fc
            .array(fc.constantFrom('bug', 'help wanted', 'lang/4★'))
            .map((extra) => [...base, ...extra]),
          humanLabelsArb(scheme),
        ),
      }),
    ),
  )
  fc.assert(
    fc.property(pairArb, ({ scheme, base, fresh }) => {
      const managed = (names: string[]) => keys(names.filter((name) => scheme.isManaged(name)))
      const conflict = detectConflict({ base, fresh, scheme })
      const same = JSON.stringify(managed(base)) === JSON.stringify(managed(fresh))
      expect(conflict === null).toBe(same)
      if (conflict) {
        expect(keys(conflict.humanAdded)).toEqual(
          managed(fresh).filter((name) => !managed(base).includes(name)),
        )
        expect(keys(conflict.humanRemoved)).toEqual(
          managed(base).filter((name) => !managed(fresh).includes(name)),
        )
      }
    }),
  )
})

test('law: labels missing from the repository are created once each, before use', () => {
  const caseArb = fc.constantFrom(...SCHEMES).chain((scheme) =>
    fc.record({
      scheme: fc.constant(scheme),
      plans: fc.array(
        fc.record({
          add: fc.subarray(scheme.labels.map((label) => label.name)),
          remove: fc.constant<string[]>([]),
        }),
        { maxLength: 4 },
      ),
      catalogue: fc.subarray(lookAlikes(scheme)).map((names) => names.map((name) => ({ name }))),
    }),
  )
  fc.assert(
    fc.property(caseArb, ({ scheme, plans, catalogue }) => {
      const created = catalogueCreates(plans, catalogue, scheme)
      const present = keys(catalogue.map((label) => label.name))
      const missing = keys(plans.flatMap((plan) => plan.add)).filter(
        (name) => !present.includes(name),
      )
      expect(keys(created.map((label) => label.name))).toEqual(missing)
      expect(created).toHaveLength(missing.length)
      for (const spec of created) {
        expect(spec).toEqual(scheme.specFor(scheme.valueOf(spec.name)!))
      }
    }),
  )
})

test('law: ideas not agreed never put a roadmap or priority label on GitHub', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SCHEMES),
      boardStateArb,
      boardStateArb,
      (scheme, state, extra) => {
        const notAgreed = extra.roadmap.filter((entry) => !isAgreedEffort(entry))
        // Linking any number of ideas in ideation changes nothing of what the issue should carry.
        expect(
          desiredLabels({ ...state, roadmap: [...state.roadmap, ...notAgreed] }, scheme),
        ).toEqual(desiredLabels(state, scheme))
        // And with no agreed effort at all, no label of either family is wanted.
        const values = desiredValues({ ...state, roadmap: notAgreed })
        expect(values.filter((value) => /^(roadmap|priority):/.test(value))).toEqual([])
      },
    ),
  )
})

test('law: every desired label has a reason when the sources are known', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SCHEMES), boardStateArb, (scheme, state) => {
      const sourced: IssueBoardState = {
        starter: state.starter && {
          ...state.starter,
          source: { id: 1, title: 'A project', fields: {} },
        },
        roadmap: state.roadmap.map((entry, index) => ({
          ...entry,
          source: { id: index + 10, title: `Idea ${index}`, decided: null },
        })),
      }
      const reasons = labelReasons(sourced, scheme)
      for (const name of desiredLabels(sourced, scheme)) {
        expect(reasons.get(name.toLowerCase())?.length).toBeGreaterThan(0)
      }
      for (const list of reasons.values()) {
        for (const reason of list) {
          if (reason.kind === 'effort') expect(reason.id).toBeGreaterThanOrEqual(10)
        }
      }
    }),
  )
})

// ---- Examples ----

const tagged: IssueBoardState = {
  starter: {
    primary_domain: 'networking',
    language_stars: 1,
    domain_stars: 2,
    size: 'week',
    has_mentor: true,
  },
  roadmap: [
    { area: 'usability', tier: 'deferred' },
    { area: 'quality-and-testing', tier: 'agreed' },
  ],
}

test('a tagged starter project on the roadmap wants its labels; the deferred idea adds none', () => {
  expect(desiredLabels(tagged, defaults)).toEqual([
    'starter',
    'domain/networking',
    'lang/1★',
    'domain-level/2★',
    'size/week',
    'mentor available',
    'roadmap/quality-and-testing',
    'priority/agreed',
  ])
  expect(desiredLabels({ starter: null, roadmap: [] }, defaults)).toEqual([])
})

test("in a repository with its own names, the plan uses them and leaves people's labels", () => {
  const current = ['bug', 'E-easy', 'lang/2★', 'Good First Issue', 'area/NET', 'domain/web', 'help']
  const desired = desiredLabels({ ...tagged, roadmap: [] }, withOverrides)
  expect(desired).toEqual([
    'good first issue',
    'area/net',
    'E-easy',
    'domain-level/2★',
    'size/week',
    'mentor available',
  ])
  const plan = planIssue({ current, desired, scheme: withOverrides })
  // lang/2★ is the board's in this repository too; domain/web is, as a known domain.
  expect(plan).toEqual({
    add: ['domain-level/2★', 'size/week', 'mentor available'],
    remove: ['lang/2★', 'domain/web'],
  })
  expect(requestsFor(issue, plan).map((request) => `${request.method} ${request.path}`)).toEqual([
    'POST /repos/mirage/mirage-tcpip/issues/42/labels',
    'POST /repos/mirage/mirage-tcpip/issues/42/labels',
    'POST /repos/mirage/mirage-tcpip/issues/42/labels',
    'DELETE /repos/mirage/mirage-tcpip/issues/42/labels/lang%2F2%E2%98%85',
    'DELETE /repos/mirage/mirage-tcpip/issues/42/labels/domain%2Fweb',
  ])
})

test('re-rating moves one label and leaves look-alikes alone', () => {
  const current = ['lang/1★', 'lang/4★', 'Priority/Urgent', 'starter', 'domain/networking']
  const desired = desiredLabels(
    {
      starter: {
        ...tagged.starter!,
        language_stars: 2,
        domain_stars: null,
        size: null,
        has_mentor: false,
      },
      roadmap: [],
    },
    defaults,
  )
  expect(planIssue({ current, desired, scheme: defaults })).toEqual({
    add: ['lang/2★'],
    remove: ['lang/1★'],
  })
})

test('a label outside the scheme cannot be desired', () => {
  expect(() => planIssue({ current: [], desired: ['lang/4★'], scheme: defaults })).toThrow(
    'The board does not manage the label "lang/4★"',
  )
})

test('catalogue creates carry the scheme colour and description and skip what exists', () => {
  const plans: LabelPlan[] = [
    { add: ['E-easy', 'size/week'], remove: [] },
    { add: ['Size/Week', 'roadmap/usability'], remove: [] },
  ]
  const created = catalogueCreates(plans, [{ name: 'e-easy' }, { name: 'bug' }], withOverrides)
  expect(created).toEqual([
    {
      name: 'size/week',
      color: 'bfdadc',
      description: 'Starter project size: about a week of work',
    },
    { name: 'roadmap/usability', color: '5319e7', description: 'On the roadmap: usability' },
  ])
  expect(createLabelRequest(issue, created[0]!)).toEqual({
    method: 'POST',
    path: '/repos/mirage/mirage-tcpip/labels',
    body: created[0],
  })
})

test('a conflict lists what a person changed in the managed labels only', () => {
  expect(
    detectConflict({
      base: ['lang/1★', 'starter', 'bug'],
      fresh: ['LANG/1★', 'lang/3★', 'wontfix'],
      scheme: defaults,
    }),
  ).toEqual({ humanAdded: ['lang/3★'], humanRemoved: ['starter'] })
})

test('a scheme change renames labels with one PATCH each, never delete and recreate', () => {
  const renames = renamesBetween(defaults, withOverrides)
  expect(renames).toEqual([
    { value: 'starter', from: 'starter', to: 'good first issue' },
    { value: 'language:1', from: 'lang/1★', to: 'E-easy' },
    { value: 'domain:networking', from: 'domain/networking', to: 'area/net' },
  ])
  expect(planRename(issue, 'lang/1★', 'E-easy')).toEqual({
    method: 'PATCH',
    path: '/repos/mirage/mirage-tcpip/labels/lang%2F1%E2%98%85',
    body: { new_name: 'E-easy' },
  })
})

test('a removed label names the added labels of its kind that replace it, in the plan’s spelling', () => {
  const plan = planIssue({
    current: ['bug', 'E-easy', 'size/day', 'starter', 'roadmap/usability'],
    desired: ['lang/2★', 'size/week', 'good first issue'],
    scheme: withOverrides,
  })
  expect(plan.remove).toEqual(['E-easy', 'size/day', 'roadmap/usability'])
  expect(replacementsOf(plan, withOverrides)).toEqual(
    new Map([
      // E-easy stands for language 1 here: lang/2★ takes its place.
      ['E-easy', ['lang/2★']],
      ['size/day', ['size/week']],
      // Nothing of the roadmap asks for a label any more: no replacement.
      ['roadmap/usability', []],
    ]),
  )
})

test('law: every replacement is one of the plan’s adds, of the removed label’s kind', () => {
  const values = defaults.labels.map((label) => label.name)
  fc.assert(
    fc.property(fc.subarray(values), fc.subarray(values), (current, desired) => {
      const plan = planIssue({ current, desired, scheme: defaults })
      const kind = (name: string) => defaults.valueOf(name)!.split(':')[0]
      const replacements = replacementsOf(plan, defaults)
      expect([...replacements.keys()]).toEqual(plan.remove)
      for (const [removed, added] of replacements) {
        expect(added).toEqual(plan.add.filter((name) => kind(name) === kind(removed)))
      }
    }),
  )
})
