import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'

// Possible duplicates for maintainers: pairs of open ideas in the same area whose titles each
// match the other's words closely (the full-text measure of similar.server.ts, both ways, the
// weaker of the two counting), most similar first, each with the idea to keep (more +1s, then the
// older) so the merge can be proposed from the duplicate's page.

export const DUPLICATE_PAIRS_MAX = 100
/**
 * The weaker rank of a pair from which it is listed. Lower than CLOSE_RANK_MIN, which is for one
 * typed title: ranks of long titles are diluted by their many words. Tuned on the demo's 32
 * ideas: 0.2 lists "Split newcomer tasks by functional area" ~ "Collate newcomer tasks" (0.21);
 * the next pairs (0.14 and below: "mirage.io improvements" ~ "Improve the docs…") are not alike.
 */
export const DUPLICATE_SCORE_MIN = 0.2

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
  // An idea's title as an OR of its words (stop words dropped by plainto_tsquery).
  const titleQuery = (alias: string) =>
    sql`replace(plainto_tsquery('english', ${sql.ref(`${alias}.title`)})::text, ' & ', ' | ')::tsquery`
  const rows = await db
    .selectFrom('idea as x')
    .innerJoin('idea as y', (join) =>
      join.onRef('y.area_id', '=', 'x.area_id').onRef('y.id', '>', 'x.id'),
    )
    .innerJoin('roadmap_area as a', 'a.id', 'x.area_id')
    .innerJoin('release_target as t', 't.id', 'a.release_target_id')
    .select([
      'a.id as area_id',
      'a.name as area',
      't.name as target',
      'x.id as x_id',
      'x.title as x_title',
      'x.plus_one_count as x_plus_ones',
      'y.id as y_id',
      'y.title as y_title',
      'y.plus_one_count as y_plus_ones',
      sql<number>`least(ts_rank(y.search, ${titleQuery('x')}, 32), ts_rank(x.search, ${titleQuery('y')}, 32))`.as(
        'score',
      ),
    ])
    .where('x.status', '=', 'open')
    .where('y.status', '=', 'open')
    .where(sql<boolean>`y.search @@ ${titleQuery('x')}`)
    .where(sql<boolean>`x.search @@ ${titleQuery('y')}`)
    .orderBy('score', 'desc')
    .orderBy('x.id')
    .orderBy('y.id')
    .execute()
  return rows
    .filter((row) => Number(row.score) >= minScore)
    .slice(0, DUPLICATE_PAIRS_MAX)
    .map((row) => {
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
