import { sql } from 'kysely'

import { getIdeationPage } from '../../app/roadmap/ideation.server'
import type { Database } from '../../db/client.server'

import { createRandom } from './random'
import { summarise, time, warmupFor, type Summary } from './stats'

// The ideation page with thousands of ideas: its loader's reads (getIdeationPage, the function
// the route calls), for a signed-in viewer with some +1s.

export const IDEATION_TARGET_MS = 100

const TARGET_SLUG = 'bench-ideation'
const AREAS = 12

export type IdeationBenchOptions = {
  /** Ideas to generate (default 5,000), spread over 12 areas. */
  ideas?: number
  /** Timed page loads (default 200). */
  iterations?: number
  seed?: number
}

export type IdeationTiming = Summary & {
  name: string
  ideas: number
  targetMs: number
  pass: boolean
}

/**
 * Fills a release target of its own (replacing the one a previous run made) with `ideas` ideas,
 * +1s and comments counted, then times the ideation page's loader reads. The database must be
 * migrated; nothing outside the bench's release target and account is touched.
 */
export async function benchIdeationPage(
  db: Database,
  { ideas = 5_000, iterations = 200, seed = 7 }: IdeationBenchOptions = {},
): Promise<IdeationTiming> {
  const viewerId = await seedIdeas(db, ideas, seed)
  const { durations } = await time(
    async () => {
      const page = await getIdeationPage(
        { targetSlug: TARGET_SLUG, areaSlug: null, cursor: null, viewerId },
        db,
      )
      if (!page) throw new Error('The bench release target is missing')
      return page
    },
    { warmup: warmupFor(iterations), iterations },
  )
  const summary = summarise(durations)
  return {
    ...summary,
    name: 'ideation page',
    ideas,
    targetMs: IDEATION_TARGET_MS,
    pass: summary.p95 <= IDEATION_TARGET_MS,
  }
}

async function seedIdeas(db: Database, ideas: number, seed: number) {
  const random = createRandom(seed)
  await db.deleteFrom('release_target').where('slug', '=', TARGET_SLUG).execute()
  const viewer =
    (await db
      .selectFrom('account')
      .select('id')
      .where('login', '=', 'bench-ideation-viewer')
      .executeTakeFirst()) ??
    (await db
      .insertInto('account')
      .values({ login: 'bench-ideation-viewer', name: 'Bench viewer' })
      .returning('id')
      .executeTakeFirstOrThrow())
  const target = await db
    .insertInto('release_target')
    .values({ slug: TARGET_SLUG, name: 'Bench ideation' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const areaIds = (
    await db
      .insertInto('roadmap_area')
      .values(
        Array.from({ length: AREAS }, (_, index) => ({
          release_target_id: target.id,
          slug: `area-${index + 1}`,
          name: `Area ${index + 1}`,
          position: index,
        })),
      )
      .returning('id')
      .execute()
  ).map((row) => row.id)
  const started = Date.UTC(2024, 0, 1)
  const rows = Array.from({ length: ideas }, (_, index) => {
    const createdAt = new Date(started + index * 3_600_000)
    return {
      release_target_id: target.id,
      // Uneven areas, as real ones are.
      area_id: areaIds[Math.min(AREAS - 1, Math.floor(random.exponential(AREAS / 3)))]!,
      title: `Idea ${index + 1}: ${random.pick(['faster', 'simpler', 'safer', 'smaller'])} ${random.pick(['TCP', 'DNS', 'TLS', 'storage', 'docs', 'tooling'])}`,
      description: 'A generated idea.',
      // A few ideas attract most +1s.
      plus_one_count: Math.floor(random.exponential(3)),
      comment_count: random.int(0, 4),
      status: random.chance(0.9) ? ('open' as const) : ('archived' as const),
      created_at: createdAt,
      last_activity_at: createdAt,
    }
  })
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('idea')
      .values(rows.slice(start, start + 1000))
      .execute()
  }
  // The viewer has +1'd every seventh idea.
  await sql`
    insert into idea_plus_one (idea_id, account_id)
    select id, ${viewer.id} from idea where release_target_id = ${target.id} and id % 7 = 0
  `.execute(db)
  await sql`analyze idea`.execute(db)
  await sql`analyze idea_plus_one`.execute(db)
  return viewer.id
}
