import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

// Possible duplicates for maintainers: pairs of open ideas in the same area whose titles share
// much of their words (stemmed, as full-text search sees them), most similar first, each with
// the idea to keep (more +1s, then the older) so the merge can be proposed from the duplicate's
// page. Counted through a join on (area, word), never pair by pair: at 5,000 ideas ranking every
// pair with ts_rank took 48 s.

export const DUPLICATE_PAIRS_MAX = 100
/**
 * The share of their title words (Jaccard: shared / all distinct) from which a pair is listed.
 * Tuned on the demo's 32 ideas: 0.3 lists "Split newcomer tasks by functional area" ~ "Collate
 * newcomer tasks" (2 of 6, 0.33); the next pairs ("mirage.io improvements" ~ "Improve the docs
 * and onboarding process", 1 of 5) are not alike.
 */
export const DUPLICATE_SCORE_MIN = 0.3

export type DuplicatePair = {
  areaId: number
  area: string
  target: string
  /** The idea to merge away (fewer +1s, or the newer). */
  duplicate: { id: number; title: string; plusOnes: number }
  /** The idea to keep. */
  survivor: { id: number; title: string; plusOnes: number }
  score: number
}

/** The most similar pairs of open ideas sharing an area, at most DUPLICATE_PAIRS_MAX. */
export async function listPossibleDuplicates(
  db: Database = getDb(),
  minScore = DUPLICATE_SCORE_MIN,
): Promise<DuplicatePair[]> {
  // Each open idea's title words (stemmed, stop words dropped: `idea.title_search`), joined on
  // (area, word): only pairs sharing a word are ever counted, with no pairwise ranking.
  const { rows } = await sql<{
    area_id: number
    area: string
    target: string
    x_id: number
    x_title: string
    x_plus_ones: number
    y_id: number
    y_title: string
    y_plus_ones: number
    score: number
  }>`
    with words as materialized (
      select i.id, i.area_id, w.word, count(*) over (partition by i.id) as n
      from idea i cross join lateral unnest(tsvector_to_array(i.title_search)) as w(word)
      where i.status = 'open'
    ), shared as (
      select x.id as x_id, y.id as y_id, x.area_id, count(*) as shared, min(x.n) as nx, min(y.n) as ny
      from words x join words y on y.area_id = x.area_id and y.word = x.word and y.id > x.id
      group by x.id, y.id, x.area_id
    ), scored as (
      select x_id, y_id, area_id, shared::float8 / (nx + ny - shared) as score from shared
    )
    select s.area_id, a.name as area, t.name as target, s.score,
      x.id as x_id, x.title as x_title, x.plus_one_count as x_plus_ones,
      y.id as y_id, y.title as y_title, y.plus_one_count as y_plus_ones
    from scored s
    join idea x on x.id = s.x_id
    join idea y on y.id = s.y_id
    join roadmap_area a on a.id = s.area_id
    join release_target t on t.id = a.release_target_id
    where s.score >= ${minScore}
    order by s.score desc, s.x_id, s.y_id
    limit ${DUPLICATE_PAIRS_MAX}
  `.execute(db)
  return rows.map((row) => {
    const x = { id: row.x_id, title: row.x_title, plusOnes: row.x_plus_ones }
    const y = { id: row.y_id, title: row.y_title, plusOnes: row.y_plus_ones }
    // x is the older (lower id): it stays unless y has more +1s.
    const [survivor, duplicate] = y.plusOnes > x.plusOnes ? [y, x] : [x, y]
    return {
      areaId: row.area_id,
      area: row.area,
      target: row.target,
      duplicate,
      survivor,
      score: Number(row.score),
    }
  })
}

/** The duplicate's page with the merge search set to the survivor's number (its only match). */
export function mergeLink(pair: DuplicatePair) {
  return `/roadmap/ideas/${pair.duplicate.id}?${new URLSearchParams({ merge: `#${pair.survivor.id}` })}#maintain`
}
