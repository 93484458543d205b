import fc from 'fast-check'
import { expect, test } from 'vitest'

import { parseSearch, printSearch } from './search'

test('words, phrases and negations, in the order written', () => {
  expect(parseSearch('tcp "window scaling" -dns -"the end" ocaml-tls')).toEqual([
    { words: ['tcp'], isPhrase: false, isNegated: false },
    { words: ['window', 'scaling'], isPhrase: true, isNegated: false },
    { words: ['dns'], isPhrase: false, isNegated: true },
    { words: ['the', 'end'], isPhrase: true, isNegated: true },
    { words: ['ocaml', 'tls'], isPhrase: false, isNegated: false },
  ])
})

test('broken syntax still parses: open quotes run to the end, lone signs are dropped', () => {
  expect(parseSearch('"unclosed phrase')).toEqual([
    { words: ['unclosed', 'phrase'], isPhrase: true, isNegated: false },
  ])
  expect(parseSearch(' - -- "" !!! -"')).toEqual([])
  expect(parseSearch("-'the'")).toEqual([{ words: ['the'], isPhrase: false, isNegated: true }])
})

test('any text parses, and printing the terms reads back to the same terms', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => {
      const terms = parseSearch(text)
      for (const term of terms) {
        expect(term.words.length).toBeGreaterThan(0)
        for (const word of term.words) expect(word).toMatch(/^[\p{L}\p{N}]+$/u)
      }
      expect(parseSearch(printSearch(terms))).toEqual(
        terms.map((term) => ({ ...term, isPhrase: term.isPhrase || term.words.length > 1 })),
      )
    }),
  )
})
