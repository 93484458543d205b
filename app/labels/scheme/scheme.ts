import type { Outcome, ProjectSize, Stars } from '../../../db/schema'
import { axisName, axisNameInSentence } from '../../starter/axes'
import { PROJECT_SIZES } from '../../starter/project-input'
import { listInWords } from '../../utils/format'

// The board's label scheme: which GitHub label stands for which board value, per repository.
// Pure data and lookups; plan.ts turns it into label changes. See docs/decisions/008-label-scheme.md.

/** GitHub refuses longer names and descriptions (counted in characters, not bytes). */
export const LABEL_NAME_MAX = 50
export const LABEL_DESCRIPTION_MAX = 100

/** A decision's outcome as a priority: declined ideas carry no priority label at all. */
export type PriorityTier = 'agreed' | 'deferred'
export const PRIORITY_TIERS = ['agreed', 'deferred'] as const satisfies PriorityTier[]

const STARS = [1, 2, 3] as const satisfies Stars[]

/** Values with a fixed set of members, each with its own label. */
export type FixedValue =
  | 'starter'
  | 'mentor'
  | `language:${Stars}`
  | `domain-level:${Stars}`
  | `size:${ProjectSize}`
  | `priority:${PriorityTier}`

/**
 * A board value that can become a label, as a string key (`language:1`, `domain:networking`,
 * `roadmap:quality-and-testing`): comparable with ===, and usable as a key of the overrides
 * stored per repository. Domain names and area slugs are lower case (see domainValue).
 */
export type BoardValue = FixedValue | `domain:${string}` | `roadmap:${string}`

export const FIXED_VALUES: readonly FixedValue[] = [
  'starter',
  ...STARS.map((stars) => `language:${stars}` as const),
  ...STARS.map((stars) => `domain-level:${stars}` as const),
  ...PROJECT_SIZES.map((size) => `size:${size}` as const),
  'mentor',
  ...PRIORITY_TIERS.map((tier) => `priority:${tier}` as const),
]

export type LabelSpec = { name: string; color: string; description: string }

/** Labels for open-ended values: a prefix plus the value, one colour, `{name}` in the description. */
export type OpenFamily = { prefix: string; color: string; description: string }

export type SchemeDefaults = {
  /** The language the first difficulty axis measures (LANGUAGE_NAME), for naming that axis. */
  languageName: string
  fixed: Record<FixedValue, LabelSpec>
  domain: OpenFamily
  roadmap: OpenFamily
}

/**
 * A repository's own names for board values, keyed by value (`{ 'language:1': 'E-easy',
 * starter: 'good first issue', 'domain:networking': 'area/net' }`). Plain strings so it can be
 * stored as JSON; validateScheme reports keys that are not values.
 */
export type SchemeOverrides = Readonly<Record<string, string>>

/** The open-ended values in use: the board's domains and the roadmap's area slugs. */
export type KnownValues = { domains: readonly string[]; areas: readonly string[] }

export type SchemeLabel = LabelSpec & { value: BoardValue }

/** A repository's scheme: every value it can label, and the lookups both ways. */
export type ResolvedScheme = {
  labels: readonly SchemeLabel[]
  /** The language the first difficulty axis measures, for naming the axes. */
  languageName: string
  /** The value in words, the difficulty axes by their names (describeValue). */
  describe(value: BoardValue): string
  /** The label for a value; throws for a value the scheme does not know (a caller's bug). */
  labelFor(value: BoardValue): string
  specFor(value: BoardValue): LabelSpec
  /** Whether the board may add or remove this label here (case-insensitive). */
  isManaged(name: string): boolean
  /** The value a label stands for, for learning changes made on GitHub; null when unmanaged. */
  valueOf(name: string): BoardValue | null
}

export type SchemeProblemKind =
  | 'unknown-value'
  | 'empty-name'
  | 'untrimmed-name'
  | 'name-too-long'
  | 'description-too-long'
  | 'bad-colour'
  | 'collision'
  | 'mapped-twice'

export type SchemeProblem = { kind: SchemeProblemKind; message: string; values: string[] }

/** GitHub treats label names case-insensitively: `Bug` and `bug` are one label. */
export function labelKey(name: string) {
  return name.toLowerCase()
}

export function sameLabel(a: string, b: string) {
  return labelKey(a) === labelKey(b)
}

/** Characters as GitHub counts them (code points: `★` is one, not three bytes). */
function lengthOf(text: string) {
  return [...text].length
}

function openValueName(name: string) {
  return name.trim().toLowerCase()
}

export function domainValue(name: string): BoardValue {
  return `domain:${openValueName(name)}`
}

export function areaValue(slug: string): BoardValue {
  return `roadmap:${openValueName(slug)}`
}

export function priorityTierFor(outcome: Outcome): PriorityTier | null {
  return outcome === 'declined' ? null : outcome
}

/** A value from an untrusted key (a stored override, a form), normalised; null when it is none. */
export function parseBoardValue(key: string): BoardValue | null {
  if ((FIXED_VALUES as readonly string[]).includes(key)) return key as FixedValue
  const match = /^(domain|roadmap):(.*)$/s.exec(key)
  if (!match || openValueName(match[2]!) === '') return null
  return match[1] === 'domain' ? domainValue(match[2]!) : areaValue(match[2]!)
}

/** The value in words, for messages and previews: "OCaml difficulty 2★", "domain \"networking\"". */
export function describeValue(value: BoardValue, languageName: string): string {
  const [kind, rest] = splitValue(value)
  switch (kind) {
    case 'starter':
      return 'starter project'
    case 'mentor':
      return 'mentor available'
    case 'language':
      return `${axisName('language', languageName)} ${rest}★`
    case 'domain-level':
      return `${axisNameInSentence('domain', languageName)} ${rest}★`
    case 'size':
      return `size ${rest}`
    case 'priority':
      return `priority ${rest}`
    case 'domain':
      return `domain "${rest}"`
    default:
      return `roadmap area "${rest}"`
  }
}

function splitValue(value: BoardValue): [string, string] {
  const colon = value.indexOf(':')
  return colon === -1 ? [value, ''] : [value.slice(0, colon), value.slice(colon + 1)]
}

/**
 * The defaults: `lang/1★`…`lang/3★` rather than `lang/★★`: a digit can be typed in GitHub's
 * label picker and search, reads at a glance, and sorts; the star says what the scale is.
 */
export function defaultScheme(languageName = 'OCaml'): SchemeDefaults {
  // The descriptions name the axes as the board does ("OCaml difficulty 2 of 3"); the names
  // (`lang/2★`) are not derived from them, so renaming an axis on the board renames no label.
  const difficulty = (prefix: string, axis: string, colors: [string, string, string]) =>
    Object.fromEntries(
      STARS.map((stars) => [
        stars,
        {
          name: `${prefix}/${stars}★`,
          color: colors[stars - 1]!,
          description: `${axis} ${stars} of 3 (see the board's rubric)`,
        },
      ]),
    ) as Record<Stars, LabelSpec>
  const language = difficulty('lang', axisName('language', languageName), [
    '0e8a16',
    'fbca04',
    'd93f0b',
  ])
  const domainLevel = difficulty('domain-level', axisName('domain', languageName), [
    'c2e0c6',
    'fef2c0',
    'f9d0c4',
  ])
  const size = (name: ProjectSize, description: string) => ({
    name: `size/${name}`,
    color: 'bfdadc',
    description: `Starter project size: ${description}`,
  })
  return {
    languageName,
    fixed: {
      starter: {
        name: 'starter',
        color: '7057ff',
        description: 'A starter project for newcomers, listed on the board',
      },
      'language:1': language[1],
      'language:2': language[2],
      'language:3': language[3],
      'domain-level:1': domainLevel[1],
      'domain-level:2': domainLevel[2],
      'domain-level:3': domainLevel[3],
      'size:day': size('day', 'about a day of work'),
      'size:week': size('week', 'about a week of work'),
      'size:month': size('month', 'about a month of work'),
      'size:elastic': size('elastic', 'as small or as large as you make it'),
      mentor: {
        name: 'mentor available',
        color: '0075ca',
        description: 'A mentor has offered to help whoever takes this on',
      },
      'priority:agreed': {
        name: 'priority/agreed',
        color: 'b60205',
        description: 'An agreed effort: chosen by a roadmap decision',
      },
      'priority:deferred': {
        name: 'priority/deferred',
        color: 'd4c5f9',
        description: 'Deferred by a roadmap decision: to be reconsidered in a later round',
      },
    },
    domain: { prefix: 'domain/', color: '1d76db', description: 'In the {name} domain' },
    roadmap: { prefix: 'roadmap/', color: '5319e7', description: 'On the roadmap: {name}' },
  }
}

function defaultSpec(defaults: SchemeDefaults, value: BoardValue): LabelSpec {
  const [kind, rest] = splitValue(value)
  if (kind !== 'domain' && kind !== 'roadmap') return defaults.fixed[value as FixedValue]
  const family = defaults[kind]
  return {
    name: `${family.prefix}${rest}`,
    color: family.color,
    description: family.description.replaceAll('{name}', rest),
  }
}

function uniqueValues(values: BoardValue[]) {
  return [...new Set(values)]
}

/** Every value this repository can label, in a stable order: fixed ones, domains, areas. */
function valuesOf(known: KnownValues): BoardValue[] {
  const present = (names: readonly string[]) => names.filter((name) => openValueName(name) !== '')
  return uniqueValues([
    ...FIXED_VALUES,
    ...present(known.domains).map(domainValue),
    ...present(known.areas).map(areaValue),
  ])
}

/** Overrides by parsed value; unparseable keys are left to validateScheme to report. */
function overridesByValue(overrides: SchemeOverrides) {
  const byValue = new Map<BoardValue, string>()
  for (const [key, name] of Object.entries(overrides)) {
    const value = parseBoardValue(key)
    if (value) byValue.set(value, name)
  }
  return byValue
}

function schemeLabels(
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
): SchemeLabel[] {
  const renamed = overridesByValue(overrides)
  return valuesOf(known).map((value) => {
    const spec = defaultSpec(defaults, value)
    return { value, ...spec, name: renamed.get(value) ?? spec.name }
  })
}

/**
 * A repository's scheme. A label is managed there exactly when the scheme produces it for some
 * value: an override replaces the default name (which stops being managed in that repository),
 * and `domain/`/`roadmap/` names are managed only for known domains and areas, so a hand-made
 * `domain/whatever`, `lang/4★` or `priority/urgent` is never touched.
 */
export function resolveScheme(
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
): ResolvedScheme {
  const labels = schemeLabels(defaults, overrides, known)
  const byValue = new Map(labels.map((label) => [label.value, label]))
  const byName = new Map<string, BoardValue>()
  // On a collision the first value wins; validateScheme reports it and plans must not be made.
  for (const label of labels) {
    if (!byName.has(labelKey(label.name))) byName.set(labelKey(label.name), label.value)
  }
  const specFor = (value: BoardValue): LabelSpec => {
    const label = byValue.get(parseBoardValue(value) ?? value)
    if (!label) {
      throw new Error(
        `${describeValue(value, defaults.languageName)} is not a value of this scheme`,
      )
    }
    return { name: label.name, color: label.color, description: label.description }
  }
  return {
    labels,
    languageName: defaults.languageName,
    describe: (value) => describeValue(value, defaults.languageName),
    specFor,
    labelFor: (value) => specFor(value).name,
    isManaged: (name) => byName.has(labelKey(name)),
    valueOf: (name) => byName.get(labelKey(name)) ?? null,
  }
}

/**
 * Everything GitHub would refuse, or the board could not undo, in a repository's scheme;
 * checked before any request. Empty when the scheme is safe to plan with.
 */
export function validateScheme(
  defaults: SchemeDefaults,
  overrides: SchemeOverrides,
  known: KnownValues,
): SchemeProblem[] {
  const problems: SchemeProblem[] = []
  const describe = (value: BoardValue) => describeValue(value, defaults.languageName)
  const values = new Set(valuesOf(known))
  const seen = new Map<BoardValue, string>()
  for (const key of Object.keys(overrides)) {
    const value = parseBoardValue(key)
    if (!value) {
      problems.push({
        kind: 'unknown-value',
        message: `"${key}" is not a board value (e.g. starter, language:1, size:week, domain:networking).`,
        values: [key],
      })
    } else if (!values.has(value)) {
      problems.push({
        kind: 'unknown-value',
        message: `The label "${overrides[key]}" is mapped from ${describe(value)}, which the board does not know.`,
        values: [value],
      })
    } else if (seen.has(value)) {
      problems.push({
        kind: 'mapped-twice',
        message: `${describe(value)} is mapped twice ("${seen.get(value)}" and "${key}"): keep one.`,
        values: [value],
      })
    } else {
      seen.set(value, key)
    }
  }
  const labels = schemeLabels(defaults, overrides, known)
  for (const { value, name, color, description } of labels) {
    const what = describe(value)
    const problem = (kind: SchemeProblemKind, message: string) =>
      problems.push({ kind, message, values: [value] })
    if (name.trim() === '') problem('empty-name', `The label for ${what} has no name.`)
    else if (name !== name.trim()) {
      problem('untrimmed-name', `The label "${name}" for ${what} starts or ends with a space.`)
    }
    if (lengthOf(name) > LABEL_NAME_MAX) {
      problem(
        'name-too-long',
        `The label "${name}" for ${what} is ${lengthOf(name)} characters long; GitHub allows ${LABEL_NAME_MAX}.`,
      )
    }
    if (lengthOf(description) > LABEL_DESCRIPTION_MAX) {
      problem(
        'description-too-long',
        `The description of "${name}" (${what}) is ${lengthOf(description)} characters long; GitHub allows ${LABEL_DESCRIPTION_MAX}.`,
      )
    }
    if (!/^[0-9a-f]{6}$/i.test(color)) {
      problem('bad-colour', `The colour "${color}" of "${name}" (${what}) is not 6 hex digits.`)
    }
  }
  const byName = new Map<string, SchemeLabel[]>()
  for (const label of labels) {
    byName.set(labelKey(label.name), [...(byName.get(labelKey(label.name)) ?? []), label])
  }
  for (const group of byName.values()) {
    if (group.length < 2) continue
    const what = listInWords(group.map((label) => describe(label.value)))
    problems.push({
      kind: 'collision',
      message: `The label "${group[0]!.name}" would stand for ${what} at once: give each its own label.`,
      values: group.map((label) => label.value),
    })
  }
  return problems
}
