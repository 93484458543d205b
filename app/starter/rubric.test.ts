import { expect, test } from 'vitest'

import { askBeforeStarting, describeStars, getRubric } from './rubric'

const MIRAGE_DOMAINS = ['networking', 'security', 'storage', 'web', 'platform']

const languageWords = (languageName: string) =>
  getRubric(languageName, MIRAGE_DOMAINS)
    .axes.find((axis) => axis.axis === 'language')!
    .levels.flatMap((level) => [level.description, ...level.examples])
    .join(' ')

test('the OCaml rubric speaks the MirageOS community’s words', () => {
  expect(languageWords('OCaml')).toMatch(/functors/)
  expect(languageWords('OCaml')).toMatch(/functoria/)
  expect(describeStars(getRubric('OCaml', MIRAGE_DOMAINS), 'language', 1)).toBe(
    'You can read OCaml: records, variants, pattern matching, lists and options. No functors.',
  )
})

test('another community’s language gets stars in words that fit any language, named by it', () => {
  const words = languageWords('TypeScript')
  expect(words).not.toMatch(/functor|functoria|Lwt|GADT|unikernel|OCaml|variants/i)
  const rubric = getRubric('TypeScript', MIRAGE_DOMAINS)
  expect([1, 2, 3].map((stars) => describeStars(rubric, 'language', stars as 1 | 2 | 3))).toEqual([
    expect.stringMatching(/^You can read TypeScript: /),
    expect.stringMatching(/TypeScript's modules or packages/),
    expect.stringMatching(/^Advanced TypeScript: /),
  ])
})

const domainWords = (domains: string[]) => {
  const rubric = getRubric('OCaml', domains)
  return [
    ...rubric.axes
      .find((axis) => axis.axis === 'domain')!
      .levels.flatMap((level) => [level.description, ...level.examples]),
    rubric.axes.find((axis) => axis.axis === 'domain')!.measures,
    ...rubric.advice,
  ].join(' ')
}

test('MirageOS’s domains keep their examples (TCP, DNS, TLS)', () => {
  expect(domainWords(MIRAGE_DOMAINS)).toMatch(/what TCP does, what a DNS record is/)
  expect(domainWords(MIRAGE_DOMAINS)).toMatch(/a networking person new to OCaml/)
})

test('another community’s domains get domain stars and advice in their own words, not MirageOS’s protocols', () => {
  // A board rating components and accessibility was told 2★ meant knowing "what TCP does".
  const words = domainWords(['components', 'accessibility', 'cli'])
  expect(words).not.toMatch(/TCP|DNS|TLS|block device|hypervisor|networking|storage/)
  expect(words).toMatch(/\(components, accessibility, cli\)/)
  expect(words).toMatch(/a components person new to OCaml will find a 2★-domain components project/)
  expect(domainWords(['accessibility'])).toMatch(/an accessibility person/)
})

test('“unrated” sends you to ask only where someone can be asked: a mentor only when there is one', () => {
  for (const axis of getRubric('OCaml', MIRAGE_DOMAINS).axes) {
    expect(axis.unrated).not.toMatch(/ask a mentor/i)
    expect(axis.unrated).toMatch(/Ask before you start: the project page says where/)
  }
  expect(askBeforeStarting({ kind: 'mentors' })).toMatch(/^Ask a mentor/)
  for (const place of [
    { kind: 'issue', repo: 'mirage/mirage', number: 7 },
    { kind: 'repository', repo: 'mirage/mirage' },
    { kind: 'none' },
  ] as const) {
    expect(askBeforeStarting(place)).not.toMatch(/ask a mentor/i)
  }
  expect(askBeforeStarting({ kind: 'issue', repo: 'mirage/mirage', number: 7 })).toContain(
    'ask on the attached issue, mirage/mirage#7, before you start',
  )
})

test('read for one project, the domain stars use MirageOS’s protocols only where its domain is one of theirs', () => {
  // The project page says what its stars ask: a web project's 2★ is not "what TCP does".
  const domainTwo = (projectDomain: string | null) =>
    describeStars(getRubric('OCaml', MIRAGE_DOMAINS, projectDomain), 'domain', 2)
  expect(domainTwo('networking')).toMatch(/what TCP does/)
  expect(domainTwo('storage')).toMatch(/what TCP does/)
  for (const domain of ['web', 'platform', null]) {
    expect(domainTwo(domain), String(domain)).toBe(
      "You know the domain's basics: its main ideas and words, as an introduction to it teaches them.",
    )
  }
})
