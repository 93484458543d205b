import { sql } from 'kysely'

import {
  defaultFinderState,
  type FinderBackground,
  type FinderFilters,
  type FinderState,
} from '../../app/starter/finder'
import { countAboveYourLevel, findStarterProjects } from '../../app/starter/finder.server'
import { DEFAULT_STARTER_DOMAINS } from '../../app/utils/env.server'
import type { Database } from '../../db/client.server'
import type { ProjectSize, ProjectStatus, Stars } from '../../db/schema'

import { createRandom, createWeightedPicker, zipfWeights, type Random } from './random'
import { summarise, time, warmupFor, type Summary } from './stats'

// The newcomer finder against a large catalogue: seeds starter projects (varied domains,
// ratings, sizes, mentors, claims and feedback) into a database, once, then times the finder's
// query for a few typical backgrounds, called the way the /starter loader calls it.

export const FINDER_TARGET_MS = 30
export const FINDER_PROJECTS = 10_000
/** Page reached by cursor in the "deep page" case. */
export const FINDER_DEEP_PAGE = 5

const SOURCE_PREFIX = 'bench-finder-'

export type FinderBenchOptions = {
  /** Starter projects the database should hold (default 10,000). */
  projects?: number
  /** Timed runs of each case (default 200). */
  iterations?: number
  seed?: number
  /** The STARTER_DOMAINS the projects spread over (default the MirageOS ten). */
  domains?: readonly string[]
  log?: (line: string) => void
}

export type FinderTiming = Summary & {
  name: string
  kind: 'query'
  detail: string
  targetMs: number
  pass: boolean
  /** Projects on the page the last run returned. */
  rows: number
}

export type FinderSeedResult = {
  /** Benchmark projects in the database after seeding (0 added when already there). */
  projects: number
  added: number
  mentors: number
  runningClaims: number
  feedback: number
  seconds: number
}

export type FinderBenchResult = { seeding: FinderSeedResult; timings: FinderTiming[] }

const stars = (random: Random, unrated: number): Stars | null =>
  random.chance(unrated) ? null : createWeightedPicker<Stars>([1, 2, 3], [4, 3.5, 2.5])(random)

const sizes = createWeightedPicker<ProjectSize | null>(
  [null, 'day', 'week', 'month', 'elastic'],
  [1.5, 2, 3, 2, 1.5],
)
const statuses = createWeightedPicker<ProjectStatus>(['open', 'done', 'inactive'], [7, 2, 1])

async function ensureBenchAccounts(db: Database, count: number) {
  const logins = Array.from({ length: count }, (_, index) => `${SOURCE_PREFIX}${index + 1}`)
  await db
    .insertInto('account')
    .values(logins.map((login) => ({ login })))
    .onConflict((oc) => oc.expression(sql`lower(login)`).doNothing())
    .execute()
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('login', 'like', `${SOURCE_PREFIX}%`)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Adds benchmark projects until the database holds `target` of them. */
export async function seedFinderProjects(
  db: Database,
  { target, seed, domains }: { target: number; seed: number; domains: readonly string[] },
): Promise<FinderSeedResult> {
  const started = performance.now()
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('starter_project')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('source_key', 'like', `${SOURCE_PREFIX}%`)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const existing = await count()
  const result = { added: 0, mentors: 0, runningClaims: 0, feedback: 0 }
  if (existing < target) {
    const random = createRandom(seed + existing)
    const accounts = await ensureBenchAccounts(db, 500)
    const pickDomain = createWeightedPicker(domains, zipfWeights(domains.length, 0.8))
    const now = Date.now()
    const batchSize = 1000
    for (let offset = existing; offset < target; offset += batchSize) {
      const rows = Array.from({ length: Math.min(batchSize, target - offset) }, (_, index) => {
        const primary = pickDomain(random)
        const secondary = [
          ...new Set(Array.from({ length: random.int(0, 2) }, () => pickDomain(random))),
        ].filter((domain) => domain !== primary)
        const createdAt = new Date(now - random.int(0, 3 * 365 * 86_400) * 1000)
        return {
          source_key: `${SOURCE_PREFIX}${offset + index + 1}`,
          title: `Benchmark starter project ${offset + index + 1}`,
          summary: 'A synthetic project for the finder benchmark.',
          primary_domain: primary,
          secondary_domains: secondary,
          language_stars: stars(random, 0.3),
          domain_stars: stars(random, 0.35),
          size: sizes(random),
          status: statuses(random),
          created_at: createdAt,
          updated_at: createdAt,
        }
      })
      const inserted = await db
        .insertInto('starter_project')
        .values(rows)
        .returning(['id', 'status', 'size'])
        .execute()

      const mentors = inserted.flatMap((project) =>
        Array.from({ length: random.chance(0.5) ? 0 : random.int(1, 2) }, (_, position) => {
          // Half GitHub logins, half names alone: only the first are mentors one can reach, whom
          // "wants a mentor" ranks first (finder.server.ts), so its case ranks both kinds.
          const mentor = random.int(1, 80)
          const name = mentor % 2 === 0 ? `@mentor-${mentor}` : `Mentor ${mentor}`
          return { project_id: project.id, position, name }
        }),
      )
      if (mentors.length > 0)
        await db.insertInto('starter_project_mentor').values(mentors).execute()

      const running = inserted
        .filter((project) => project.status === 'open' && random.chance(0.15))
        .flatMap((project) => {
          const people = project.size === 'elastic' ? random.int(1, 3) : 1
          return random
            .shuffle(accounts)
            .slice(0, people)
            .map((accountId) => ({
              project_id: project.id,
              account_id: accountId,
              expires_at: new Date(now + random.int(1, 30) * 86_400_000),
            }))
        })
      if (running.length > 0) await db.insertInto('starter_claim').values(running).execute()

      // Finished claims, and what their holders reported.
      const finished = inserted
        .filter(() => random.chance(0.1))
        .map((project) => ({
          project_id: project.id,
          account_id: random.pick(accounts),
          expires_at: new Date(now - 86_400_000),
          ended_at: new Date(now - 2 * 86_400_000),
          outcome: random.chance(0.6) ? ('done' as const) : ('abandoned' as const),
        }))
      if (finished.length > 0) {
        const claims = await db
          .insertInto('starter_claim')
          .values(finished)
          .returning(['id', 'project_id', 'account_id'])
          .execute()
        await db
          .insertInto('claim_feedback')
          .values(
            claims.map((claim) => ({
              claim_id: claim.id,
              project_id: claim.project_id,
              account_id: claim.account_id,
              language_stars: random.int(1, 3) as Stars,
              domain_stars: random.int(1, 3) as Stars,
              time_taken: random.pick(['day', 'week', 'month', 'longer'] as const),
            })),
          )
          .execute()
        result.feedback += claims.length
      }
      result.added += rows.length
      result.mentors += mentors.length
      result.runningClaims += running.length
    }
    // Fresh statistics, as autovacuum would have gathered by the time people search.
    await sql`analyze starter_project, starter_project_mentor, starter_claim, claim_feedback`.execute(
      db,
    )
  }
  return {
    projects: await count(),
    ...result,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
}

type FinderCase = {
  name: string
  detail: string
  state: FinderState
  /** The finder's page (default), or the count of projects it leaves out above the level. */
  query?: 'page' | 'above-level count'
}

function finderState(
  background: Partial<FinderBackground>,
  filters: Partial<FinderFilters> = {},
): FinderState {
  const base = defaultFinderState()
  return {
    ...base,
    background: { ...base.background, ...background },
    filters: { ...base.filters, ...filters },
  }
}

/** The cursor of page `page` of a state, following "next page" from the first. */
async function cursorOfPage(state: FinderState, page: number, db: Database) {
  let current = state
  for (let reached = 1; reached < page; reached++) {
    const { nextCursor } = await findStarterProjects(current, db)
    if (!nextCursor) break
    current = { ...current, cursor: nextCursor }
  }
  return current
}

async function finderCases(db: Database, domains: readonly string[]): Promise<FinderCase[]> {
  const [first = 'networking', second = first, third = second] = domains
  const mentored = finderState({
    level: 'some',
    knownDomains: [first, second],
    time: 'week',
    wantsMentor: true,
  })
  return [
    {
      name: 'finder: no background',
      detail: 'a first visit: new to the language, no domains, 20 per page',
      state: finderState({}),
    },
    {
      name: 'finder: two domains, mentor',
      detail: `some language, knows ${first} and ${second}, a week, wants a mentor`,
      state: mentored,
    },
    {
      name: 'finder: unclaimed only',
      detail: `comfortable, knows ${third}, a month, unclaimed only`,
      state: finderState(
        { level: 'comfortable', knownDomains: [third], time: 'month' },
        { unclaimedOnly: true },
      ),
    },
    {
      name: 'finder: above my level',
      detail: `every open project in ${second}, above the level too`,
      state: finderState({ level: 'none' }, { domain: second, showAboveLevel: true }),
    },
    {
      name: 'finder: search',
      detail: `new to the language, knows ${first}, a day, searching "starter 12 -synthetic2"`,
      state: finderState(
        { level: 'none', knownDomains: [first], time: 'day' },
        { q: 'starter 12 -synthetic2' },
      ),
    },
    {
      name: 'finder: deep page',
      detail: `page ${FINDER_DEEP_PAGE} of "two domains, mentor" by cursor`,
      state: await cursorOfPage(mentored, FINDER_DEEP_PAGE, db),
    },
    {
      // Every finder page with a level also says how many it left out above it.
      name: 'finder: count above the level',
      detail: `the projects "two domains, mentor" leaves out above its level, counted`,
      state: mentored,
      query: 'above-level count',
    },
    {
      // The link after a finished 1★ project: the "fits, but easier" tiers are extra queries.
      name: 'finder: a step up',
      detail: `some language, knows ${first}, a step up from 1★`,
      state: finderState({ level: 'some', knownDomains: [first] }, { stepUpFrom: 1 }),
    },
  ]
}

/**
 * Seeds `projects` starter projects into `db` unless they are there already, then times the
 * finder's query for typical backgrounds: p50/p95 against FINDER_TARGET_MS (30 ms).
 */
export async function benchFinder(
  db: Database,
  options: FinderBenchOptions = {},
): Promise<FinderBenchResult> {
  const log = options.log ?? (() => {})
  const iterations = options.iterations ?? 200
  const domains = options.domains ?? DEFAULT_STARTER_DOMAINS
  const target = options.projects ?? FINDER_PROJECTS
  log(`Finder: making sure ${target.toLocaleString('en')} starter projects are there...`)
  const seeding = await seedFinderProjects(db, {
    target,
    seed: options.seed ?? 20261126,
    domains,
  })
  log(
    `Finder: ${seeding.projects.toLocaleString('en')} projects (${seeding.added} added in ${seeding.seconds} s); timing ${iterations} runs per case...`,
  )
  const timings: FinderTiming[] = []
  for (const finderCase of await finderCases(db, domains)) {
    const { durations, last } = await time(
      async () =>
        finderCase.query === 'above-level count'
          ? { items: { length: await countAboveYourLevel(finderCase.state, db) } }
          : findStarterProjects(finderCase.state, db),
      { warmup: warmupFor(iterations), iterations },
    )
    const summary = summarise(durations)
    const timing: FinderTiming = {
      name: finderCase.name,
      kind: 'query',
      detail: finderCase.detail,
      targetMs: FINDER_TARGET_MS,
      pass: summary.p95 <= FINDER_TARGET_MS,
      rows: last.items.length,
      ...summary,
    }
    log(
      `  ${timing.name}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms (${timing.rows} rows)${timing.pass ? '' : ' OVER TARGET'}`,
    )
    timings.push(timing)
  }
  return { seeding, timings }
}
