import fc from 'fast-check'
import { describe, expect, test } from 'vitest'

import { closingReferences, repositoryOfUrl } from './closing-references'

const REPO = 'mirage/mirage-tcpip'

describe('closingReferences', () => {
  test.each([
    ['Fixes #12', [12]],
    ['closes #3 and resolves #4', [3, 4]],
    ['Resolved: #7', [7]],
    ['fix #5, fix #5 again', [5]],
    ['Closes mirage/mirage-tcpip#207', [207]],
    ['Closes Mirage/Mirage-TCPIP#207', [207]],
    ['fixes https://github.com/mirage/mirage-tcpip/issues/31', [31]],
  ])('%j closes %j', (body, expected) => {
    expect(closingReferences(body, REPO)).toEqual(expected)
  })

  test.each([
    ['See #12', 'a mention is not a closing keyword'],
    ['fixes 12', 'a bare number is not a reference'],
    ['Closes mirage/ocaml-dns#12', 'another repository'],
    ['fixes https://github.com/mirage/ocaml-dns/issues/12', 'another repository, by URL'],
    ['prefixes #12', 'a keyword inside a word'],
    ['hotfix #12', 'a keyword inside a word'],
  ])('%j closes nothing (%s)', (body) => {
    expect(closingReferences(body, REPO)).toEqual([])
  })

  test('no body, no references', () => {
    expect(closingReferences(null, REPO)).toEqual([])
    expect(closingReferences('', REPO)).toEqual([])
  })

  test('any text: ascending, unique, positive numbers that appear in the text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.nat({ max: 99999 }).map((n) => `fixes #${n}`),
            fc.nat({ max: 99999 }).map((n) => `Closes ${REPO}#${n}`),
          ),
        ),
        (parts) => {
          const body = parts.join(' ')
          const numbers = closingReferences(body, REPO)
          expect([...numbers].sort((a, b) => a - b)).toEqual(numbers)
          expect(new Set(numbers).size).toBe(numbers.length)
          for (const number of numbers) expect(body).toContain(String(number))
        },
      ),
    )
  })

  test('every "fixes #n" written is found, whatever surrounds it on its own line', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 99999 }), { minLength: 1 }), fc.string(), (ns, noise) => {
        const body = ns.map((n) => `${noise.replace(/\s/g, '')}\nfixes #${n}\n`).join('')
        expect(closingReferences(body, REPO)).toEqual([...new Set(ns)].sort((a, b) => a - b))
      }),
    )
  })
})

test('repositoryOfUrl reads owner/name from a GitHub address', () => {
  expect(repositoryOfUrl('https://github.com/mirage/mirage-tcpip/pull/12')).toBe(REPO)
  expect(repositoryOfUrl('not a url')).toBeNull()
})
