import fc from 'fast-check'
import { expect, test } from 'vitest'

import {
  FINISH_LINK_MAX,
  finishLinkOnGitHub,
  finishLinkRef,
  formatFinishLink,
  parseFinishLink,
  type FinishLink,
} from './finish-link'

const link = (text: string) => parseFinishLink(text).link
const problem = (text: string) => parseFinishLink(text).problem

test('a pull request or issue address, or owner/repo#N, is a link; empty is none', () => {
  expect(link('https://github.com/mirage/mirage-tcpip/pull/512')).toEqual({
    fullName: 'mirage/mirage-tcpip',
    number: 512,
    kind: 'pull',
  })
  expect(link('  https://www.github.com/mirage/ocaml-dns/issues/7  ')).toEqual({
    fullName: 'mirage/ocaml-dns',
    number: 7,
    kind: 'issues',
  })
  // As copied from a tab of the pull request, or with an anchor to a comment.
  expect(link('https://github.com/mirage/mirage/pull/1500/files')?.number).toBe(1500)
  expect(link('https://github.com/mirage/mirage/pull/1500#issuecomment-1')?.number).toBe(1500)
  expect(link('mirage/mirage.io#33')).toEqual({
    fullName: 'mirage/mirage.io',
    number: 33,
    kind: null,
  })
  expect(parseFinishLink('')).toEqual({ link: null, problem: null })
  expect(parseFinishLink('   ')).toEqual({ link: null, problem: null })
})

test('anything else is refused with a reason: other sites, other pages, scripts, bad names', () => {
  for (const text of [
    'javascript:alert(1)',
    'JavaScript://github.com/a/b/pull/1',
    'http://github.com/mirage/mirage/pull/1',
    'https://gitlab.com/mirage/mirage/pull/1',
    'https://github.com.evil.example/mirage/mirage/pull/1',
    'https://github.com/mirage/mirage/commit/abc123',
    'https://github.com/mirage/mirage',
    'mirage/mirage',
    'mirage#12',
    '#12',
    '-bad/repo#1',
    'mirage/mirage#12abc',
    'I finished it',
  ]) {
    expect(problem(text), text).toMatch(/is not a GitHub pull request or issue/)
  }
})

test('hostile input: control characters, over-long text, numbers outside PostgreSQL’s integer', () => {
  expect(problem('mirage/mirage#1\u0000')).toMatch(/control character/)
  expect(problem('https://github.com/mirage/mirage/pull/1?\u0000')).toMatch(/control character/)
  expect(problem('mirage/mirage#1\nmirage/other#2')).toMatch(/control character/)
  expect(problem(`mirage/${'a'.repeat(FINISH_LINK_MAX)}#1`)).toMatch(/at most 200 characters/)
  expect(link('mirage/mirage#2147483647')?.number).toBe(2147483647)
  for (const number of ['2147483648', '99999999999999999999', '0']) {
    expect(problem(`mirage/mirage#${number}`), number).toMatch(/no such number/)
  }
})

const nameChars = fc.constantFrom(...'abcXYZ019-'.split(''))
const linkArbitrary: fc.Arbitrary<FinishLink> = fc.record({
  fullName: fc
    .tuple(
      fc.constantFrom('a', 'Z', '7'),
      fc.string({ unit: nameChars, maxLength: 38 }),
      fc.string({ unit: fc.constantFrom(...'abc_.-9'.split('')), minLength: 1, maxLength: 100 }),
    )
    .map(([first, owner, repo]) => `${first}${owner}/${repo}`),
  number: fc.integer({ min: 1, max: 2_147_483_647 }),
  kind: fc.constantFrom('pull' as const, 'issues' as const, null),
})

test('what is stored reads back as the same link (format → parse round-trip)', () => {
  fc.assert(
    fc.property(linkArbitrary, (finishLink) => {
      expect(parseFinishLink(formatFinishLink(finishLink))).toEqual({
        link: finishLink,
        problem: null,
      })
    }),
  )
})

test('a link is named owner/repo#N and leads to github.com only', () => {
  fc.assert(
    fc.property(linkArbitrary, (finishLink) => {
      expect(parseFinishLink(finishLinkRef(finishLink)).link).toEqual({
        ...finishLink,
        kind: null,
      })
      expect(finishLinkOnGitHub(finishLink)).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\//)
    }),
  )
})
