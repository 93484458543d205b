import { sql, type RawBuilder } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

import { demoPlusOnesOf, listOwnIdeaIds } from './idea.server'

// Similar ideas while someone types a proposal: a full-text match of the words typed (each as a
// prefix, so half a word already finds) against the ideas' titles and descriptions (title
// weighted higher), over the ideas still on the board. Full-text search rather than pg_trgm: it
// needs no extension, so PGlite and PostgreSQL answer alike. Ideas whose titles match come
// before those only their descriptions mention (migration 20261205050000). Ranked by ts_rank (word frequency
// by weight) rather than ts_rank_cd (cover density): measured at 5,000 ideas sharing one small
// vocabulary, where every idea matches, ts_rank halved the p95 (60 -> 30 ms on PGlite) and a
// pg_trgm GIN index on titles did worse (p95 ~115 ms: trigrams of a small vocabulary are not
// selective, so the planner scans), and it ranks the demo's ideas the same.
//
// One shared word is no resemblance: a title with "process" in it listed every idea about some
// process. An idea is listed only when it shares two of the words typed (stemmed lexemes, a prefix
// counted once), or one that is rare (in the titles of at most RARE_SHARE of the board's ideas, at
// least one: on the demo's 32 ideas, a word no other title has), or when the words typed cover
// its whole title ("Javascript" for "JavaScript support"). Measured at 5,000 ideas: p50 4 -> 9 ms,
// p95 6-11 -> 17-21 ms (the board's count, the per-word matches and a window over title matches).

/** Ranks at or above this count as similar (ts_rank normalised to 0..1 by rank/(rank+1)). */
export const SIMILAR_RANK_MIN = 0.1
const WORDS_MAX = 12
/** A lexeme in the titles of at most this share of the board's ideas (at least one) is rare. */
export const RARE_SHARE = 0.02
export const SIMILAR_LIMIT = 5

export type SimilarIdea = {
  id: number
  title: string
  status: 'open' | 'agreed'
  area: string
  plusOnes: number
  /** How many of plusOnes demo people gave (demo actions). */
  demoPlusOnes: number
  rank: number
  /** The viewer proposed it: it takes no +1 of hers (see markOwnIdeas). */
  isOwn?: boolean
}

/** Marks the viewer's own ideas among `ideas`, which offer her no "+1 it instead". */
export async function markOwnIdeas(ideas: SimilarIdea[], viewerId: number | null) {
  const own = await listOwnIdeaIds(
    viewerId,
    ideas.map((idea) => idea.id),
  )
  return ideas.map((idea) => ({ ...idea, isOwn: own.includes(idea.id) }))
}

/** The words typed, lower-cased, each once, at most WORDS_MAX. */
function queryWords(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, WORDS_MAX)
}

/**
 * The words typed as stemmed prefix terms (`'fuzz':*`), stop words dropped, each lexeme once, and
 * a term dropped when another one's prefix covers it ("java javascript" shares one word, not two).
 */
async function queryTerms(text: string, db: Database): Promise<string[]> {
  const words = queryWords(text)
  if (words.length === 0) return []
  const { rows } = await sql<{ term: string }>`
    select distinct q::text as term
    from unnest(${words}::text[]) w, to_tsquery('english', w || ':*') q
    where q::text <> ''`.execute(db)
  const lexemes = rows.map((row) => row.term.replace(/^'(.*)':\*$/, '$1'))
  return rows
    .filter(
      (_, i) =>
        !lexemes.some(
          (other, j) => j !== i && other !== lexemes[i] && lexemes[i]!.startsWith(other),
        ),
    )
    .map((row) => row.term)
}

type SimilarRow = {
  id: number
  title: string
  status: string
  area: string
  plus_one_count: number
  demo_plus_ones: number
  rank: number
}

/** The ideas closest to `text` (open or agreed, most similar first), above the threshold. */
export async function listSimilarIdeas(
  text: string,
  options: { excludeId?: number; limit?: number } = {},
  db: Database = getDb(),
): Promise<SimilarIdea[]> {
  const terms = await queryTerms(text, db)
  if (terms.length === 0) return []
  const tsquery = sql`${terms.join(' | ')}::tsquery`
  const limit = options.limit ?? SIMILAR_LIMIT
  const onBoard = sql`i.status in ('open', 'agreed') and i.id is distinct from ${options.excludeId ?? null}::int`
  const each = (of: (term: string, k: number) => RawBuilder<unknown>, by: string) =>
    sql.join(terms.map(of), sql.raw(by))
  const shared = sql`(${each((term) => sql`(i.search @@ ${term}::tsquery)::int`, ' + ')})`
  const finish = sql`
    select m.id, m.title, m.status, a.name as area, m.plus_one_count, m.rank,
      ${demoPlusOnesOf(sql.ref('m.id'))} as demo_plus_ones
    from m join roadmap_area a on a.id = m.area_id`
  // Two passes: the ideas whose titles match (the title's own index), then, only when those are
  // too few, the ones whose descriptions do. Each pass ranks by title and description together.
  // Every idea with a term in its title is among the first pass's matches, so a window over them
  // counts the titles that have each term: the term is rare when they are at most RARE_SHARE of
  // the board's ideas (at least one).
  const { rows: byTitle } = await sql<SimilarRow>`
    with matched as (
      select i.id, i.title, i.status, i.area_id, i.plus_one_count,
        ts_rank(i.search, ${tsquery}, 32) as rank, ${shared} as shared,
        length(i.title_search) as title_lexemes,
        ${each((term, k) => sql`(i.title_search @@ ${term}::tsquery)::int as ${sql.ref(`t${k}`)}`, ', ')}
      from idea i
      where i.title_search @@ ${tsquery} and ${onBoard}
    ), m as (
      select matched.*, ${each((_, k) => sql`sum(${sql.ref(`t${k}`)}) over () as ${sql.ref(`titles${k}`)}`, ', ')}
      from matched
    ), bound as (
      select greatest(1, floor(count(*) * ${RARE_SHARE}::float8)) as rare_most from idea i where ${onBoard}
    )
    ${finish}
    where m.shared >= 2
      or ${each((_, k) => sql.ref(`m.t${k}`), ' + ')} >= greatest(1, m.title_lexemes)
      or ${each((_, k) => sql`(${sql.ref(`m.t${k}`)} = 1 and ${sql.ref(`m.titles${k}`)} <= (select rare_most from bound))`, ' or ')}
    order by m.rank desc, m.id
    limit ${limit}`.execute(db)
  // Ideas only their descriptions mention share two words typed, or are not listed.
  const { rows: byDescription } =
    byTitle.length < limit
      ? await sql<SimilarRow>`
          with m as (
            select i.id, i.title, i.status, i.area_id, i.plus_one_count,
              ts_rank(i.search, ${tsquery}, 32) as rank
            from idea i
            where i.search @@ ${tsquery} and ${onBoard} and ${shared} >= 2
              and i.id <> all(${byTitle.map((row) => row.id)}::int[])
          )
          ${finish}
          order by m.rank desc, m.id
          limit ${limit - byTitle.length}`.execute(db)
      : { rows: [] }
  return [...byTitle, ...byDescription]
    .map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status as 'open' | 'agreed',
      area: row.area,
      plusOnes: row.plus_one_count,
      demoPlusOnes: row.demo_plus_ones,
      rank: Number(row.rank),
    }))
    .filter((row) => row.rank >= SIMILAR_RANK_MIN)
}

/**
 * Ranks (of the title alone against an idea) from which a new proposal is held back for a
 * confirmation: its title closely matches an idea already on the board. Stricter than
 * SIMILAR_RANK_MIN, which only lists what resembles the words being typed. Measured: "Fuzzing
 * the TCP stack" against "Fuzz the TCP stack" ranks 0.40, "TCP offload" against it 0.25 (one
 * shared word: not held back).
 */
export const CLOSE_RANK_MIN = 0.35

/** The ideas whose words a proposal's title closely matches (most similar first); [] when none. */
export async function listCloseMatches(
  title: string,
  db: Database = getDb(),
): Promise<SimilarIdea[]> {
  const ideas = await listSimilarIdeas(title, {}, db)
  return ideas.filter((idea) => idea.rank >= CLOSE_RANK_MIN)
}

/**
 * What holds a proposal back for a confirmation: the ideas its title closely matches
 * (`listCloseMatches`); and, sent without JavaScript (`isListedLive` false), the similar ideas the
 * propose form lists while one types (`listSimilarIdeas` over the title and description, as
 * `/roadmap/ideas/similar` is asked) that it did not show her (`seen`, the ids of a list the server
 * answered earlier). With JavaScript she saw those as she typed; without it she saw none, and an
 * idea like hers (one already agreed, say) went straight through. Close matches first, then the
 * rest most similar first; [] when nothing holds it back.
 */
export async function listHeldBackMatches(
  proposal: { title: string; description: string; seen: readonly number[]; isListedLive: boolean },
  db: Database = getDb(),
): Promise<SimilarIdea[]> {
  const close = await listCloseMatches(proposal.title, db)
  if (proposal.isListedLive) return close
  const similar = await listSimilarIdeas(
    `${proposal.title} ${proposal.description}`.slice(0, 2000),
    {},
    db,
  )
  const unseen = similar.filter((idea) => !proposal.seen.includes(idea.id))
  if (close.length === 0 && unseen.length === 0) return []
  const closeIds = new Set(close.map((idea) => idea.id))
  return [...close, ...similar.filter((idea) => !closeIds.has(idea.id))]
}
