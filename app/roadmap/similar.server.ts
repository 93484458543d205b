import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

import { demoPlusOnesOf } from './idea.server'

// Similar ideas while someone types a proposal: a full-text match of the words typed (each as a
// prefix, so half a word already finds) against the ideas' titles and descriptions (title
// weighted higher), over the ideas still on the board. Full-text search rather than pg_trgm: it
// needs no extension, so PGlite and PostgreSQL answer alike. Ideas whose titles match come
// before those only their descriptions mention (migration 20261205050000). Ranked by ts_rank (word frequency
// by weight) rather than ts_rank_cd (cover density): measured at 5,000 ideas sharing one small
// vocabulary, where every idea matches, ts_rank halved the p95 (60 -> 30 ms on PGlite) and a
// pg_trgm GIN index on titles did worse (p95 ~115 ms: trigrams of a small vocabulary are not
// selective, so the planner scans), and it ranks the demo's ideas the same.

/** Ranks at or above this count as similar (ts_rank normalised to 0..1 by rank/(rank+1)). */
export const SIMILAR_RANK_MIN = 0.1
const WORDS_MAX = 12
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
}

/** The words of a query as a tsquery of prefixes (`word:* | other:*`); null when it has none. */
export function prefixQuery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(
    0,
    WORDS_MAX,
  )
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' | ')
}

/** The ideas closest to `text` (open or agreed, most similar first), above the threshold. */
export async function listSimilarIdeas(
  text: string,
  options: { excludeId?: number; limit?: number } = {},
  db: Database = getDb(),
): Promise<SimilarIdea[]> {
  const query = prefixQuery(text)
  if (query === null) return []
  const tsquery = sql`to_tsquery('english', ${query})`
  const limit = options.limit ?? SIMILAR_LIMIT
  // Two passes: the ideas whose titles match (the title's own index), then, only when those are
  // too few, the ones whose descriptions do. Each pass ranks by title and description together.
  const pass = (matches: 'title' | 'description', exclude: number[]) =>
    db
      .selectFrom('idea as i')
      .innerJoin('roadmap_area as a', 'a.id', 'i.area_id')
      .select((eb) => [
        'i.id',
        'i.title',
        'i.status',
        'a.name as area',
        'i.plus_one_count',
        demoPlusOnesOf(eb.ref('i.id')).as('demo_plus_ones'),
        sql<number>`ts_rank(i.search, ${tsquery}, 32)`.as('rank'),
      ])
      .where(
        matches === 'title'
          ? sql<boolean>`i.title_search @@ ${tsquery}`
          : sql<boolean>`i.search @@ ${tsquery}`,
      )
      .where('i.status', 'in', ['open', 'agreed'])
      .$if(options.excludeId !== undefined, (qb) => qb.where('i.id', '!=', options.excludeId!))
      .$if(exclude.length > 0, (qb) => qb.where('i.id', 'not in', exclude))
      .orderBy('rank', 'desc')
      .orderBy('i.id')
      .limit(limit - exclude.length)
      .execute()
  const byTitle = await pass('title', [])
  const rows =
    byTitle.length < limit
      ? [
          ...byTitle,
          ...(await pass(
            'description',
            byTitle.map((row) => row.id),
          )),
        ]
      : byTitle
  return rows
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
