import type { ProjectSize, RatingAxis, Stars } from '../../db/schema'

import { axisName, axisNameInSentence } from './axes'
import type { AskPlace } from './next-step'
import { SIZE_LABELS } from './project-input'

// "How we rate difficulty": what each star means on each axis, written once and shown both on
// the public rubric page and beside every choice of the maintainers' tagging form, so a rating
// means the same thing to the person giving it and the person reading it. Data, not JSX.

export type RubricLevel = {
  stars: Stars
  /** One sentence: what you need to know to take on a project at this level. */
  description: string
  examples: string[]
}

export type RubricAxis = {
  axis: RatingAxis
  /** "OCaml difficulty" / "Domain difficulty". */
  title: string
  /** What this axis measures, and what it does not. */
  measures: string
  levels: RubricLevel[]
  /** What "unrated" means on this axis. */
  unrated: string
}

export type RubricSize = { size: ProjectSize; label: string; description: string }

export type Rubric = {
  axes: RubricAxis[]
  sizes: RubricSize[]
  unknownSize: string
  advice: string[]
}

/**
 * The rubric in the community's words: its language (LANGUAGE_NAME) and domains (STARTER_DOMAINS).
 * `projectDomain`: the domain of the one project it is read for, whose page says what its stars
 * ask; MirageOS's protocol examples would misread a documentation or tooling project.
 */
export function getRubric(
  languageName: string,
  domains: readonly string[],
  projectDomain?: string | null,
): Rubric {
  // The advice's example person knows one of this community's own domains.
  const example = domains[0] ?? 'networking'
  return {
    axes: [
      {
        axis: 'language',
        title: axisName('language', languageName),
        measures: `How much ${languageName} you need to know, whatever the project is about.`,
        levels: languageLevels(languageName),
        unrated: `Nobody has rated this project's ${axisNameInSentence('language', languageName)} yet: it could be any level. Ask before you start: the project page says where (its mentors, else its attached issue or its repository).`,
      },
      {
        axis: 'domain',
        title: axisName('domain', languageName),
        measures: `How much you need to know about the subject of the project (${domains.slice(0, 3).join(', ')}${domains.length > 3 ? '…' : ''}), whatever the language.`,
        levels: domainLevels(domains, projectDomain),
        unrated: `Nobody has rated this project's ${axisNameInSentence('domain', languageName)} yet: it could be any level. Ask before you start: the project page says where (its mentors, else its attached issue or its repository).`,
      },
    ],
    sizes: [
      {
        size: 'day',
        label: SIZE_LABELS.day,
        description: 'One sitting for someone at the right level: a focused fix with its test.',
      },
      {
        size: 'week',
        label: SIZE_LABELS.week,
        description: 'A few evenings or a few days: a small feature, with review rounds.',
      },
      {
        size: 'month',
        label: SIZE_LABELS.month,
        description: 'Several weeks of steady work: a new library binding, a port, a new backend.',
      },
      {
        size: 'elastic',
        label: SIZE_LABELS.elastic,
        description:
          'Starts with a small first step you can finish, then can grow for months; several people can work on it at once.',
      },
    ],
    unknownSize: 'Size unknown: nobody has estimated it yet.',
    advice: [
      `Pick an area you already know. The two ratings are separate because knowing the domain makes a project much easier: ${article(example)} ${example} person new to ${languageName} will find a 2★-domain ${example} project easier than a 1★-domain project in an area they have never touched.`,
      'Stay at or below your level on both axes for your first project; you can always take a harder one next.',
      'Ratings are the maintainers\u2019 estimate. Beside each one you see what contributors who finished or abandoned the project actually met: trust that more when there are reports.',
      'If a project has a mentor, you can ask them anything before you claim it.',
    ],
  }
}

/** "a networking person", "an accessibility person". */
function article(word: string) {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

/**
 * The domain axis's stars. MirageOS's examples speak of TCP, DNS, TLS and storage: they stay
 * where the community rates those domains (the default STARTER_DOMAINS); any other community
 * gets the same three steps in words that fit any domain, not another community's protocols.
 */
function domainLevels(domains: readonly string[], projectDomain?: string | null): RubricLevel[] {
  const first: RubricLevel = {
    stars: 1,
    description:
      'No prior knowledge of the domain: what you need is in the issue or the links to read first.',
    examples: [
      'Improve the documentation of a command-line option',
      'Add a missing test case described in the issue',
    ],
  }
  if (
    MIRAGE_EXAMPLE_DOMAINS.every((domain) => domains.includes(domain)) &&
    (projectDomain === undefined ||
      (projectDomain !== null && MIRAGE_EXAMPLE_DOMAINS.includes(projectDomain)))
  ) {
    return [
      first,
      {
        stars: 2,
        description:
          "You know the domain's basics (for example what TCP does, what a DNS record is, how a block device is read).",
        examples: [
          'Add a DNS resource record type following its RFC',
          'Handle a TCP option the stack currently ignores',
        ],
      },
      {
        stars: 3,
        description:
          'Specialist knowledge of the domain (for example TLS state machines, file-system consistency, hypervisor interfaces).',
        examples: [
          'Implement a TLS 1.3 extension and its state transitions',
          'Make a storage format crash-consistent',
        ],
      },
    ]
  }
  return [
    first,
    {
      stars: 2,
      description:
        "You know the domain's basics: its main ideas and words, as an introduction to it teaches them.",
      examples: [
        'Handle a case the issue describes, following the domain’s usual rules',
        'Add a missing option to an existing feature of the domain',
      ],
    },
    {
      stars: 3,
      description:
        'Specialist knowledge of the domain: its edge cases, its standards in depth, the trade-offs its experts weigh.',
      examples: [
        'Implement a part of a standard the project does not cover yet',
        'Fix a subtle bug that only the domain’s edge cases explain',
      ],
    },
  ]
}

/** The domains MirageOS's domain examples come from (TCP and DNS, TLS, block devices). */
const MIRAGE_EXAMPLE_DOMAINS = ['networking', 'security', 'storage']

/**
 * The language axis's stars. For OCaml, in the MirageOS community's words (functors, Lwt,
 * functoria); for any other LANGUAGE_NAME, the same three steps in words that fit any language,
 * so another community's rubric does not speak of unikernels.
 */
function languageLevels(languageName: string): RubricLevel[] {
  if (languageName === 'OCaml') {
    return [
      {
        stars: 1,
        description: `You can read ${languageName}: records, variants, pattern matching, lists and options. No functors.`,
        examples: [
          'Fix a typo or a wrong value in an error message and add a test for it',
          'Add a case to a pretty-printer or a new field to a record',
        ],
      },
      {
        stars: 2,
        description: `You are at ease with modules, signatures and functors, and with cooperative concurrency (Lwt promises).`,
        examples: [
          'Implement a module signature for a new backend (a key-value store over a block device)',
          'Port a library from blocking calls to Lwt',
        ],
      },
      {
        stars: 3,
        description: `Advanced ${languageName}: GADTs, first-class modules, type-level tricks, and the functoria DSL that assembles unikernels.`,
        examples: [
          'Add a new device kind to functoria and the mirage tool',
          'Rework a typed API with GADTs so invalid states cannot be written',
        ],
      },
    ]
  }
  return [
    {
      stars: 1,
      description: `You can read ${languageName}: its basic types, functions, control flow and standard collections. Nothing advanced.`,
      examples: [
        'Fix a typo or a wrong value in an error message and add a test for it',
        'Add a field to a data structure and show it in the output',
      ],
    },
    {
      stars: 2,
      description: `You are at ease with ${languageName}'s modules or packages, its abstractions (interfaces, generics or their like) and its way of doing concurrency.`,
      examples: [
        'Implement an existing interface for a new backend',
        'Move a library from blocking calls to asynchronous ones',
      ],
    },
    {
      stars: 3,
      description: `Advanced ${languageName}: the corners of its type system, metaprogramming, and the project's own frameworks and build.`,
      examples: [
        "Extend the project's own framework with a new kind of component",
        'Rework a typed API so invalid states cannot be written',
      ],
    },
  ]
}

/** The rubric sentence for one choice of one axis (the tagging form shows it beside the radio). */
export function describeStars(rubric: Rubric, axis: RatingAxis, stars: Stars | null) {
  const entry = rubric.axes.find((candidate) => candidate.axis === axis)
  if (!entry) throw new Error(`No rubric for the ${axis} axis`)
  if (stars === null) return entry.unrated
  return entry.levels.find((level) => level.stars === stars)?.description ?? entry.unrated
}

/**
 * What to do before starting a project nobody has fully rated, for this project: "ask a mentor"
 * only where there is a mentor one can reach (`whereToAsk`), never on a project with none. "No
 * mentor … is listed" contradicted the Mentors just above it on a project whose old list named
 * some with no way to reach them: "no mentor you can reach" is true of both.
 */
export function askBeforeStarting(place: AskPlace) {
  switch (place.kind) {
    case 'mentors':
      return 'Ask a mentor (see Mentors on this page) before you start.'
    case 'issue':
      return `No mentor you can reach is listed: ask on the attached issue, ${place.repo}#${place.number}, before you start.`
    case 'repository':
      return `No mentor you can reach nor an issue to ask is listed: ask its maintainers in an issue on ${place.repo} before you start.`
    case 'none':
      return 'Nobody to ask is listed on this board: count on any level.'
  }
}

/**
 * The same place, for whoever works on the project now: she has started, so "before you start"
 * no longer fits; what she needs is where to turn when stuck.
 */
export function askWhileWorking(place: AskPlace) {
  switch (place.kind) {
    case 'mentors':
      return 'Stuck, or unsure where to begin? Ask a mentor (see Mentors on this page).'
    case 'issue':
      return `Stuck, or unsure where to begin? No mentor you can reach is listed: ask on the attached issue, ${place.repo}#${place.number}.`
    case 'repository':
      return `Stuck, or unsure where to begin? No mentor you can reach nor an issue to ask is listed: ask its maintainers in an issue on ${place.repo}.`
    case 'none':
      return 'Nobody to ask is listed on this board.'
  }
}
