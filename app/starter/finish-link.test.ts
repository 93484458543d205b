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

test('a github.com pull request or issue address is a link; empty is none', () => {
  expect(link('https://github.com/mirage/mirage-tcpip/pull/512')).toEqual({
    fullName: 'mirage/mirage-tcpip',
    number: 512,
    kind: 'pull',
  })
  expect(link('  https://github.com/mirage/ocaml-dns/issues/7  ')).toEqual({
    fullName: 'mirage/ocaml-dns',
    number: 7,
    kind: 'issues',
  })
  // As copied from a tab of the pull request, with an anchor to a comment, a trailing slash or
  // a query: the pull request it names.
  for (const text of [
    'https://github.com/mirage/mirage/pull/1500/files',
    'https://github.com/mirage/mirage/pull/1500/',
    'https://github.com/mirage/mirage/pull/1500#issuecomment-1',
    'https://github.com/mirage/mirage/pull/1500/files?diff=split#diff-1',
    'HTTPS://GitHub.com/mirage/mirage/pull/1500',
  ]) {
    expect(link(text), text).toEqual({ fullName: 'mirage/mirage', number: 1500, kind: 'pull' })
  }
  // GitHub's own short reference, as people write it in comments.
  expect(link('mirage/mirage.io#33')).toEqual({
    fullName: 'mirage/mirage.io',
    number: 33,
    kind: null,
  })
  expect(problem('-bad/repo#1')).toMatch(/^is not a GitHub pull request or issue/)
  expect(problem('mirage/mirage#2147483648')).toMatch(/no such number/)
  expect(link('https://github.com/mirage/mirage/pull/2147483647')?.number).toBe(2147483647)
  expect(parseFinishLink('')).toEqual({ link: null, problem: null })
  expect(parseFinishLink('   ')).toEqual({ link: null, problem: null })
})

test('anything else is refused with a reason: other sites, other pages, scripts, bad names', () => {
  for (const text of [
    'javascript:alert(1)',
    'JavaScript://github.com/a/b/pull/1',
    'javascript://github.com/%0Aalert(1)',
    'data:text/html,https://github.com/a/b/pull/1',
    'https://gitlab.com/mirage/mirage/pull/1',
    'https://www.github.com/mirage/mirage/pull/1',
    'https://gist.github.com/mirage/mirage/pull/1',
    'https://github.com.evil.example/mirage/mirage/pull/1',
    'https://github.com@evil.example/mirage/mirage/pull/1',
    'https://evil.example@github.com/mirage/mirage/pull/1',
    'https://me:secret@github.com/mirage/mirage/pull/1',
    'https://github.com:8443/mirage/mirage/pull/1',
    'https:\\\\github.com\\mirage\\mirage\\pull\\1',
    '//github.com/mirage/mirage/pull/1',
    'github.com/mirage/mirage/pull/1',
    'https://github.com/mirage/mirage/commit/abc123',
    'https://github.com/mirage/mirage/pulls',
    'https://github.com/mirage/mirage/pull/',
    'https://github.com/mirage/mirage/pull/12abc',
    'https://github.com/mirage/mirage/pull/-1',
    'https://github.com/mirage/mirage/pull/1e3',
    'https://github.com/mirage/mirage/pull/1/files/more',
    'https://github.com/mirage/mirage/pull/%31',
    'https://github.com/-bad/repo/pull/1',
    'https://github.com/mirage%2Fmirage/x/pull/1',
    'https://github.com/mirage/mirage',
    'mirage/mirage',
    '#12',
    'I finished it',
  ]) {
    expect(problem(text), text).toMatch(/^is not a GitHub pull request or issue: paste its address/)
  }
  expect(problem('http://github.com/mirage/mirage/pull/1')).toBe(
    'starts with http://: GitHub’s addresses start with https://',
  )
})

test('hostile input: control characters, over-long text, numbers outside PostgreSQL’s integer', () => {
  const pull = 'https://github.com/mirage/mirage/pull/'
  expect(problem(`${pull}1\u0000`)).toMatch(/control character/)
  expect(problem(`${pull}1?\u0000`)).toMatch(/control character/)
  expect(problem(`${pull}1\n${pull}2`)).toMatch(/control character/)
  expect(problem(`https://github.com/mirage/${'a'.repeat(FINISH_LINK_MAX)}/pull/1`)).toMatch(
    /at most 200 characters/,
  )
  for (const number of ['0', '00', '2147483648', '4294967297', '99999999999999999999']) {
    expect(problem(`${pull}${number}`), number).toMatch(/no such number/)
    expect(problem(`https://github.com/mirage/mirage/issues/${number}`), number).toMatch(
      /no such number/,
    )
  }
  // Leading zeros name the same number.
  expect(link(`${pull}007`)?.number).toBe(7)
})

const nameChars = fc.constantFrom(...'abcXYZ019-'.split(''))
const linkArbitrary: fc.Arbitrary<FinishLink> = fc.record({
  fullName: fc
    .tuple(
      fc.constantFrom('a', 'Z', '7'),
      fc.string({ unit: nameChars, maxLength: 38 }),
      fc.string({ unit: fc.constantFrom(...'abc_.-9'.split('')), minLength: 1, maxLength: 100 }),
    )
    .map(([first, owner, repo]) => `${first}${owner}/${repo}`)
    // '.' and '..' are no repository: the URL class reads them as "this folder" and "up".
    .filter((fullName) => !/\/\.\.?$/.test(fullName)),
  number: fc.integer({ min: 1, max: 2_147_483_647 }),
  kind: fc.constantFrom('pull' as const, 'issues' as const),
})

test('what is stored reads back as the same link (format → parse round-trip)', () => {
  fc.assert(
    fc.property(linkArbitrary, (finishLink) => {
      expect(parseFinishLink(formatFinishLink(finishLink))).toEqual({
        link: finishLink,
        problem: null,
      })
      expect(link(formatFinishLink(finishLink))).toEqual(finishLink)
    }),
  )
})

test('owner/repo#N reads as GitHub would send it (/issues/N goes on to a pull request)', () => {
  const stored = link('mirage/mirage.io#33')
  expect(stored).toEqual({ fullName: 'mirage/mirage.io', number: 33, kind: null })
  expect(finishLinkRef(stored!)).toBe('mirage/mirage.io#33')
  expect(finishLinkOnGitHub(stored!)).toBe('https://github.com/mirage/mirage.io/issues/33')
  expect(formatFinishLink(stored!)).toBe('mirage/mirage.io#33')
  for (const text of ['javascript:alert(1)', '-bad/repo#1', 'mirage/mirage#0', 'a/b#2147483648']) {
    expect(link(text), text).toBeNull()
  }
})

test('a link is named owner/repo#N and leads to github.com only', () => {
  fc.assert(
    fc.property(linkArbitrary, (finishLink) => {
      expect(finishLinkRef(finishLink)).toBe(`${finishLink.fullName}#${finishLink.number}`)
      expect(finishLinkOnGitHub(finishLink)).toBe(formatFinishLink(finishLink))
      expect(finishLinkOnGitHub(finishLink)).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\//)
    }),
  )
})
