// The search box's syntax, shared by the issues board and the starter-project finder: words
// (each matches words that start with it: `mem` finds "memory"), `"a phrase"` (its words in that
// order), and `-word` or `-"a phrase"` to leave out what contains it. Every term must match.
// Pure and total: any text parses (unbalanced quotes end at the end of the text, a lone `-` or
// punctuation is dropped), so a search can never fail; search.server.ts turns it into SQL.

export type SearchTerm = {
  /** Lower-cased runs of letters and digits: "ocaml-tls" is ['ocaml', 'tls']. */
  words: string[]
  /** Quoted: the words in this order, the last one not a prefix. */
  isPhrase: boolean
  /** Written with a leading '-': leave out what matches. */
  isNegated: boolean
}

const WORD = /[\p{L}\p{N}]+/gu

/** The terms of a search text, in the order written; terms with no letter or digit are dropped. */
export function parseSearch(text: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  let at = 0
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at++
      continue
    }
    let isNegated = false
    if (text[at] === '-') {
      isNegated = true
      at++
    }
    let raw: string
    let isPhrase = false
    if (text[at] === '"') {
      const end = text.indexOf('"', at + 1)
      raw = text.slice(at + 1, end === -1 ? text.length : end)
      at = end === -1 ? text.length : end + 1
      isPhrase = true
    } else {
      let end = at
      while (end < text.length && !/\s/.test(text[end]!) && text[end] !== '"') end++
      raw = text.slice(at, end)
      at = end
    }
    const words = (raw.toLowerCase().match(WORD) ?? []).slice(0, 20)
    if (words.length > 0) terms.push({ words, isPhrase, isNegated })
  }
  return terms
}

/** Prints terms back as search text (what parseSearch reads to the same terms). */
export function printSearch(terms: readonly SearchTerm[]) {
  return terms
    .map((term) => {
      const body =
        term.isPhrase || term.words.length > 1 ? `"${term.words.join(' ')}"` : term.words[0]!
      return `${term.isNegated ? '-' : ''}${body}`
    })
    .join(' ')
}

/** A case-insensitive PostgreSQL regular expression for a term's words as whole words in order. */
export function termPattern(term: SearchTerm) {
  // Words hold only letters and digits: nothing to escape.
  return `\\m${term.words.join('\\W+')}\\M`
}
