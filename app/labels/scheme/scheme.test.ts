import fc from 'fast-check'
import { expect, test } from 'vitest'

import {
  defaultScheme,
  FIXED_VALUES,
  parseBoardValue,
  resolveScheme,
  validateScheme,
  type BoardValue,
  type FixedValue,
  type KnownValues,
} from './scheme'

const DEFAULTS = defaultScheme()
const KNOWN: KnownValues = {
  domains: ['networking', 'security', 'storage', 'web', 'platform'],
  areas: ['quality-and-testing', 'usability'],
}

// Names likely to collide: defaults in other cases, repositories' usual names, and anything.
const nameArb = fc.oneof(
  fc.constantFrom(
    'E-easy',
    'e-EASY',
    'good first issue',
    'area/net',
    'lang/1★',
    'Starter',
    'domain/web',
    'ROADMAP/usability',
    'size/week',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
)

const knownArb: fc.Arbitrary<KnownValues> = fc.record({
  domains: fc.uniqueArray(
    fc.oneof(fc.constantFrom('networking', 'web', 'storage'), fc.stringMatching(/^[a-z]{1,8}$/)),
    { maxLength: 4 },
  ),
  areas: fc.uniqueArray(
    fc.oneof(fc.constantFrom('usability', 'web'), fc.stringMatching(/^[a-z][a-z-]{0,8}$/)),
    { maxLength: 3 },
  ),
})

const overridesArb = (known: KnownValues) => {
  const values = [
    ...FIXED_VALUES,
    ...known.domains.map((domain) => `domain:${domain}`),
    ...known.areas.map((area) => `roadmap:${area}`),
  ]
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...values), nameArb), {
      maxLength: 5,
      selector: ([value]) => value,
    })
    .map((pairs) => Object.fromEntries(pairs))
}

const validSchemeArb = knownArb
  .chain((known) => fc.record({ known: fc.constant(known), overrides: overridesArb(known) }))
  .filter(({ known, overrides }) => validateScheme(DEFAULTS, overrides, known).length === 0)
  .map(({ known, overrides }) => ({
    known,
    overrides,
    scheme: resolveScheme(DEFAULTS, overrides, known),
  }))

test('the default scheme names every value and is valid', () => {
  const scheme = resolveScheme(DEFAULTS, {}, KNOWN)
  expect(Object.fromEntries(FIXED_VALUES.map((value) => [value, scheme.labelFor(value)]))).toEqual({
    starter: 'starter',
    'language:1': 'lang/1★',
    'language:2': 'lang/2★',
    'language:3': 'lang/3★',
    'domain-level:1': 'domain-level/1★',
    'domain-level:2': 'domain-level/2★',
    'domain-level:3': 'domain-level/3★',
    'size:day': 'size/day',
    'size:week': 'size/week',
    'size:month': 'size/month',
    'size:elastic': 'size/elastic',
    mentor: 'mentor available',
    'priority:agreed': 'priority/agreed',
    'priority:deferred': 'priority/deferred',
  })
  expect(scheme.labelFor('domain:networking')).toBe('domain/networking')
  expect(scheme.specFor('roadmap:usability')).toEqual({
    name: 'roadmap/usability',
    color: '5319e7',
    description: 'On the roadmap: usability',
  })
  expect(validateScheme(DEFAULTS, {}, KNOWN)).toEqual([])
})

test('default labels are managed whatever their case, look-alikes are not', () => {
  const scheme = resolveScheme(DEFAULTS, {}, KNOWN)
  expect(scheme.valueOf('LANG/2★')).toBe('language:2')
  expect(scheme.valueOf('Domain/Networking')).toBe('domain:networking')
  expect(scheme.isManaged('Starter')).toBe(true)
  for (const lookAlike of [
    'lang/4★',
    'lang/2',
    'starter ',
    'size/huge',
    'priority/urgent',
    'domain/unknown',
    'roadmap/',
    'mentor',
  ]) {
    expect(scheme.isManaged(lookAlike), lookAlike).toBe(false)
    expect(scheme.valueOf(lookAlike)).toBeNull()
  }
})

test("a repository's own names replace the defaults there, and only there", () => {
  const overrides = {
    'language:1': 'E-easy',
    starter: 'good first issue',
    'domain:networking': 'area/net',
  }
  const scheme = resolveScheme(DEFAULTS, overrides, KNOWN)
  expect(validateScheme(DEFAULTS, overrides, KNOWN)).toEqual([])
  expect(scheme.labelFor('language:1')).toBe('E-easy')
  expect(scheme.labelFor('starter')).toBe('good first issue')
  expect(scheme.labelFor('domain:networking')).toBe('area/net')
  expect(scheme.valueOf('e-easy')).toBe('language:1')
  expect(scheme.valueOf('Good First Issue')).toBe('starter')
  expect(scheme.valueOf('area/net')).toBe('domain:networking')
  // The default names of overridden values stop being the board's in this repository.
  expect(scheme.isManaged('lang/1★')).toBe(false)
  expect(scheme.isManaged('starter')).toBe(false)
  expect(scheme.isManaged('domain/networking')).toBe(false)
  expect(scheme.isManaged('area/other')).toBe(false)
  // Values left alone keep their defaults.
  expect(scheme.labelFor('language:2')).toBe('lang/2★')
  // Overridden labels keep the board's colour and description for when they must be created.
  expect(scheme.specFor('language:1')).toEqual({
    name: 'E-easy',
    color: '0e8a16',
    description: "OCaml difficulty 1 of 3 (see the board's rubric)",
  })
})

test('a scheme mapping two board values to one label names both values', () => {
  const problems = validateScheme(
    DEFAULTS,
    { 'language:1': 'E-easy', 'domain-level:1': 'e-EASY' },
    KNOWN,
  )
  expect(problems).toEqual([
    {
      kind: 'collision',
      message:
        'The label "E-easy" would stand for OCaml difficulty 1★ and domain difficulty 1★ at once: give each its own label.',
      values: ['language:1', 'domain-level:1'],
    },
  ])
})

test('an override taking a default name collides with the value that has it', () => {
  const problems = validateScheme(DEFAULTS, { 'size:week': 'Domain/Web' }, KNOWN)
  expect(problems.map((problem) => [problem.kind, problem.values])).toEqual([
    ['collision', ['size:week', 'domain:web']],
  ])
})

test('names, descriptions and colours GitHub would refuse are reported before any request', () => {
  const long = 'x'.repeat(51)
  const defaults = defaultScheme()
  defaults.fixed.mentor = { ...defaults.fixed.mentor, color: '#0075ca' }
  const problems = validateScheme(
    defaults,
    { 'size:day': long, 'size:week': '  ', 'size:month': ' month' },
    { domains: ['networking'], areas: ['a'.repeat(43)] },
  )
  expect(problems.map((problem) => [problem.kind, problem.values])).toEqual([
    ['name-too-long', ['size:day']],
    ['empty-name', ['size:week']],
    ['untrimmed-name', ['size:month']],
    ['bad-colour', ['mentor']],
    ['name-too-long', [`roadmap:${'a'.repeat(43)}`]],
  ])
  expect(problems.find((problem) => problem.kind === 'name-too-long')?.message).toBe(
    `The label "${long}" for size day is 51 characters long; GitHub allows 50.`,
  )
})

test('descriptions are measured too: 100 characters fit, 101 do not', () => {
  // "<language> difficulty 1 of 3 (see the board's rubric)" is the language's name plus 43.
  expect(validateScheme(defaultScheme('L'.repeat(57)), {}, KNOWN)).toEqual([])
  const longer = validateScheme(defaultScheme('L'.repeat(58)), {}, KNOWN)
  expect(longer.map((problem) => [problem.kind, problem.values])).toEqual([
    ['description-too-long', ['language:1']],
    ['description-too-long', ['language:2']],
    ['description-too-long', ['language:3']],
  ])
})

test('names are measured in characters: 50 stars fit', () => {
  expect(validateScheme(DEFAULTS, { 'language:3': '★'.repeat(50) }, KNOWN)).toEqual([])
})

test('overrides for things that are not board values are reported', () => {
  const problems = validateScheme(
    DEFAULTS,
    {
      'language:4': 'E-expert',
      'domain:cooking': 'area/food',
      'domain:Web': 'a',
      'domain:web': 'b',
    },
    KNOWN,
  )
  expect(problems.map((problem) => [problem.kind, problem.values])).toEqual([
    ['unknown-value', ['language:4']],
    ['unknown-value', ['domain:cooking']],
    ['mapped-twice', ['domain:web']],
  ])
})

test('parseBoardValue normalises open values and refuses the rest', () => {
  expect(parseBoardValue('domain: Networking ')).toBe('domain:networking')
  expect(parseBoardValue('roadmap:Usability')).toBe('roadmap:usability')
  expect(parseBoardValue('size:week')).toBe('size:week')
  for (const bad of ['domain:', 'roadmap:  ', 'size:huge', 'Starter', 'priority:declined']) {
    expect(parseBoardValue(bad), bad).toBeNull()
  }
})

/** Every value of a scheme, listed by hand (the generated names are already lower case). */
const valuesOf = (known: KnownValues): BoardValue[] => [
  ...FIXED_VALUES,
  ...known.domains.map((domain) => `domain:${domain}` as const),
  ...known.areas.map((area) => `roadmap:${area}` as const),
]

/** The name each value gets, computed from the defaults' table without the module's lookups. */
function expectedName(value: BoardValue, overrides: Record<string, string>) {
  if (overrides[value] !== undefined) return overrides[value]
  if (value.startsWith('domain:')) return `domain/${value.slice('domain:'.length)}`
  if (value.startsWith('roadmap:')) return `roadmap/${value.slice('roadmap:'.length)}`
  return DEFAULTS.fixed[value as FixedValue].name
}

// Only ASCII letters: some Unicode ones do not come back from toUpperCase (ᾀ → ἈΙ → ἀι).
const upperAscii = (name: string) => name.replace(/[a-z]/g, (letter) => letter.toUpperCase())

test('law: in a valid scheme, valueOf(labelFor(v)) = v for every value', () => {
  fc.assert(
    fc.property(validSchemeArb, ({ scheme }) => {
      for (const { value } of scheme.labels) {
        expect(scheme.valueOf(scheme.labelFor(value))).toBe(value)
        expect(scheme.valueOf(upperAscii(scheme.labelFor(value)))).toBe(value)
      }
    }),
  )
})

test('law: a name is managed exactly when the scheme produces it for some known value', () => {
  fc.assert(
    fc.property(validSchemeArb, fc.array(nameArb), ({ known, overrides, scheme }, names) => {
      const produced = valuesOf(known).map((value) => expectedName(value, overrides).toLowerCase())
      for (const name of [...names, ...produced, 'domain/unknown', 'lang/4★']) {
        expect(scheme.isManaged(name), name).toBe(produced.includes(name.toLowerCase()))
      }
    }),
  )
})

test('law: validateScheme flags every collision, and only collisions', () => {
  const caseArb = knownArb.chain((known) =>
    fc.record({ known: fc.constant(known), overrides: overridesArb(known) }),
  )
  fc.assert(
    fc.property(caseArb, ({ known, overrides }) => {
      const byName = new Map<string, BoardValue[]>()
      for (const value of valuesOf(known)) {
        const key = expectedName(value, overrides).toLowerCase()
        byName.set(key, [...(byName.get(key) ?? []), value])
      }
      const expected = [...byName.values()]
        .filter((group) => group.length > 1)
        .map((group) => [...group].sort())
      const reported = validateScheme(DEFAULTS, overrides, known)
        .filter((problem) => problem.kind === 'collision')
        .map((problem) => [...problem.values].sort())
      expect(reported.sort()).toEqual(expected.sort())
    }),
  )
})
