import { expect, test } from 'vitest'

import { githubUrlFor, parseIdeaLink, parseIdeaLinks } from './links'

test('issues and repositories are read in short form and as github.com addresses', () => {
  expect(parseIdeaLink('mirage/mirage#569')).toEqual({
    ref: 'mirage/mirage#569',
    repo: 'mirage/mirage',
    number: 569,
  })
  expect(parseIdeaLink(' https://github.com/mirage/ocaml-git/pull/125#issuecomment-1 ')).toEqual({
    ref: 'mirage/ocaml-git#125',
    repo: 'mirage/ocaml-git',
    number: 125,
  })
  expect(parseIdeaLink('https://github.com/talex5/irmin-js')).toEqual({
    ref: 'talex5/irmin-js',
    repo: 'talex5/irmin-js',
    number: null,
  })
  expect(parseIdeaLink('mirage')).toBeNull()
  expect(parseIdeaLink('mirage/mirage#0')).toBeNull()
  expect(parseIdeaLink('https://example.com/mirage/mirage')).toBeNull()
})

test('a list of links drops duplicates (in any case) and names what it could not read', () => {
  expect(parseIdeaLinks('mirage/mirage#1\nMirage/Mirage#1, mirage/irmin\n\nnot a link')).toEqual({
    links: [
      { ref: 'mirage/mirage#1', repo: 'mirage/mirage', number: 1 },
      { ref: 'mirage/irmin', repo: 'mirage/irmin', number: null },
    ],
    problems: [
      '"not a link" is not a GitHub issue or repository (write owner/name#123 or owner/name).',
    ],
  })
})

test('links point at GitHub', () => {
  expect(githubUrlFor({ repo: 'mirage/irmin', number: 71 })).toBe(
    'https://github.com/mirage/irmin/issues/71',
  )
  expect(githubUrlFor({ repo: 'mirage/irmin', number: null })).toBe(
    'https://github.com/mirage/irmin',
  )
})
