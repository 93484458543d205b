import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

import { parseSearch, termPattern, type SearchTerm } from './search'

// A parsed search (search.ts) as SQL over a tsvector and the text it was made from. The terms are
// first compiled to tsquery text by PostgreSQL itself (one small query: stemming and stop words
// are its business), so the real query compares against constants and a GIN index can serve it.
//
// - Words are prefixes, stemmed: 'mem' and 'memory' both become 'mem…'/'memori…' prefixes.
// - A term made only of stop words ("the") means nothing to the index: as a wanted term it is
//   dropped (it would match nearly everything); as an unwanted one it is tested on the text
//   itself, so "-the" lists everything that does not contain the word "the".

export type CompiledSearch = {
  /** Every wanted term ANDed, as tsquery text; null when nothing is wanted. */
  wanted: string | null
  /** Each unwanted term: a tsquery, or a whole-word pattern for stop words. */
  unwanted: ({ tsquery: string } | { pattern: string })[]
}

const CONFIG = sql.lit('english')

function termQuery(term: SearchTerm): RawBuilder<unknown> {
  if (term.isPhrase) return sql`phraseto_tsquery(${CONFIG}::regconfig, ${term.words.join(' ')})`
  // Letters and digits only: quoting them makes a valid tsquery whatever they are.
  const text = term.words.map((word) => `'${word}'${term.isNegated ? '' : ':*'}`).join(' & ')
  return sql`to_tsquery(${CONFIG}::regconfig, ${text})`
}

/** Compiles search text; null when it holds no term at all (then it filters nothing). */
export async function compileSearch(
  text: string | null,
  db: Database = getDb(),
): Promise<CompiledSearch | null> {
  const terms = parseSearch(text ?? '')
  if (terms.length === 0) return null
  const columns = terms.map(
    (term, index) => sql`(${termQuery(term)})::text as ${sql.ref(`t${index}`)}`,
  )
  const { rows } = await sql<Record<string, string>>`select ${sql.join(columns)}`.execute(db)
  const row = rows[0]!
  const compiled: CompiledSearch = { wanted: null, unwanted: [] }
  const wanted: string[] = []
  terms.forEach((term, index) => {
    const tsquery = row[`t${index}`] ?? ''
    if (term.isNegated) {
      compiled.unwanted.push(tsquery === '' ? { pattern: termPattern(term) } : { tsquery })
    } else if (tsquery !== '') {
      wanted.push(`(${tsquery})`)
    }
  })
  if (wanted.length > 0) compiled.wanted = wanted.join(' & ')
  return compiled
}

/** The condition a compiled search puts on rows with this tsvector and this plain text. */
export function searchCondition(
  search: CompiledSearch,
  vector: Expression<unknown>,
  text: Expression<unknown>,
): RawBuilder<SqlBool> {
  const conditions: RawBuilder<SqlBool>[] = []
  if (search.wanted !== null) conditions.push(sql<SqlBool>`${vector} @@ ${search.wanted}::tsquery`)
  for (const term of search.unwanted) {
    conditions.push(
      'tsquery' in term
        ? sql<SqlBool>`not (${vector} @@ ${term.tsquery}::tsquery)`
        : sql<SqlBool>`${text} !~* ${term.pattern}`,
    )
  }
  return conditions.length === 0
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}
