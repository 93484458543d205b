import { sql } from 'kysely'

import { listStarterCandidates } from '../../app/starter/candidate.server'
import { getGapDashboard } from '../../app/starter/gap-request.server'
import { getSupplyDashboard, utcDay } from '../../app/starter/supply.server'
import { DEFAULT_STARTER_DOMAINS } from '../../app/utils/env.server'
import type { Database } from '../../db/client.server'
import type { LanguageLevel, ProjectSize, ProjectStatus, Stars } from '../../db/schema'

import type { QueryTiming } from './queries'
import { createRandom, createWeightedPicker, zipfWeights, type Random } from './random'
import { summarise, time, warmupFor } from './stats'

// The starter-project dashboards (supply, gaps, candidates from the trackers), timed the way
// their loaders call them, with 10,000 projects beside the board's 100,000 issues. The issues
// come from the board bench's seeding; the projects, claims, requests and a 90-day supply history
// are seeded here when the database has fewer than asked for.

export const DASHBOARD_TARGET_MS = 100
export const BENCH_PROJECTS = 10_000
export const BENCH_GAP_REQUESTS = 2_000
const BENCH_ACCOUNTS = 500
const HISTORY_DAYS = 90
const BATCH = 1_000
const DAY_MS = 86_400_000

export type DashboardBenchOptions = {
  iterations: number
  seed: number
  /** Starter projects to have in the database (default 10,000). */
  projects?: number
  gapRequests?: number
  domains?: readonly string[]
  /** How recent a candidate must be (STALE_AFTER_MONTHS). */
  activeMonths?: number
  log?: (line: string) => void
}

export type StarterSeedResult = {
  /** False when the database already had the projects (nothing was added). */
  seeded: boolean
  projects: number
  attachedToIssues: number
  runningClaims: number
  gapRequests: number
  openGapRequests: number
  seconds: number
}

const STAR_PICK = createWeightedPicker<Stars | null>([1, 2, 3, null], [35, 30, 15, 20])
const STATUS_PICK = createWeightedPicker<ProjectStatus>(['open', 'done', 'inactive'], [80, 15, 5])
const SIZE_PICK = createWeightedPicker<ProjectSize | null>(
  ['day', 'week', 'month', 'elastic', null],
  [20, 35, 20, 10, 15],
)
const LEVEL_PICK = createWeightedPicker<LanguageLevel>(
  ['none', 'some', 'comfortable'],
  [45, 40, 15],
)

function pickDomains(
  random: Random,
  domains: readonly string[],
  pickDomain: (r: Random) => string,
) {
  const primary = pickDomain(random)
  const secondary = new Set<string>()
  for (let i = random.int(0, 2); i > 0; i--) secondary.add(random.pick(domains))
  secondary.delete(primary)
  return { primary, secondary: [...secondary] }
}

/** Adds projects, claims, "nothing fits me" requests and supply history up to the asked sizes. */
export async function seedStarterData(
  db: Database,
  {
    seed,
    projects = BENCH_PROJECTS,
    gapRequests = BENCH_GAP_REQUESTS,
    domains = DEFAULT_STARTER_DOMAINS,
  }: { seed: number; projects?: number; gapRequests?: number; domains?: readonly string[] },
): Promise<StarterSeedResult> {
  const started = performance.now()
  const count = async (table: 'starter_project' | 'gap_request') =>
    (
      await db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('count'))
        .executeTakeFirstOrThrow()
    ).count
  const existing = await count('starter_project')
  const random = createRandom(seed ^ 0x5eed)
  const pickDomain = createWeightedPicker(domains, zipfWeights(domains.length, 0.8))
  const now = Date.now()
  let attachedToIssues = 0
  let runningClaims = 0

  if (existing < projects) {
    // Some projects are attached to open mirrored issues, so the candidates query has
    // attachments to leave out.
    const openIssues = await db
      .selectFrom('issue')
      .select('id')
      .where('state', '=', 'open')
      .where('is_pull_request', '=', false)
      .where(sql<boolean>`not exists (select 1 from starter_project p where p.issue_id = issue.id)`)
      .orderBy('id')
      .limit(Math.ceil((projects - existing) / 10))
      .execute()
    const issueIds = random.shuffle(openIssues.map((row) => row.id))

    const ids: number[] = []
    for (let done = existing; done < projects; done += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, projects - done) }, (_, index) => {
        const { primary, secondary } = pickDomains(random, domains, pickDomain)
        const createdAt = new Date(now - random.exponential(400) * DAY_MS)
        const issueId = random.chance(0.1) ? (issueIds.pop() ?? null) : null
        if (issueId !== null) attachedToIssues += 1
        return {
          title: `Bench starter project ${done + index + 1}`,
          summary: 'A generated project for the benchmark.',
          primary_domain: primary,
          secondary_domains: secondary,
          language_stars: STAR_PICK(random),
          domain_stars: STAR_PICK(random),
          size: SIZE_PICK(random),
          status: STATUS_PICK(random),
          issue_id: issueId,
          created_at: createdAt,
          updated_at: createdAt,
        }
      })
      const inserted = await db.insertInto('starter_project').values(rows).returning('id').execute()
      ids.push(...inserted.map((row) => row.id))
    }

    const accounts = await db
      .insertInto('account')
      .values(
        Array.from({ length: BENCH_ACCOUNTS }, (_, index) => ({
          login: `bench-newcomer-${seed}-${existing}-${index + 1}`,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute()
    // About one project in six is being worked on; a few more were abandoned earlier.
    const claims = random
      .shuffle(ids)
      .slice(0, Math.floor(ids.length / 4))
      .map((projectId, index) => {
        const isRunning = index % 3 !== 0
        const claimedAt = new Date(now - random.int(1, 60) * DAY_MS)
        if (isRunning) runningClaims += 1
        return {
          project_id: projectId,
          account_id: accounts[index % accounts.length]!.id,
          claimed_at: claimedAt,
          expires_at: new Date(claimedAt.getTime() + 30 * DAY_MS + (isRunning ? 60 * DAY_MS : 0)),
          ended_at: isRunning ? null : new Date(claimedAt.getTime() + 5 * DAY_MS),
          outcome: isRunning ? null : ('abandoned' as const),
        }
      })
    for (let start = 0; start < claims.length; start += BATCH) {
      await db
        .insertInto('starter_claim')
        .values(claims.slice(start, start + BATCH))
        .execute()
    }
  }

  const existingRequests = await count('gap_request')
  let openGapRequests = 0
  if (existingRequests < gapRequests) {
    const accounts = await db.selectFrom('account').select('id').limit(BENCH_ACCOUNTS).execute()
    const projectIds = await db.selectFrom('starter_project').select('id').limit(1000).execute()
    const rows = Array.from({ length: gapRequests - existingRequests }, () => {
      const createdAt = new Date(now - random.exponential(120) * DAY_MS)
      const isAnswered = random.chance(0.7)
      if (!isAnswered) openGapRequests += 1
      const known = new Set<string>()
      for (let i = random.int(0, 3); i > 0; i--) known.add(pickDomain(random))
      return {
        account_id: random.pick(accounts).id,
        language_level: LEVEL_PICK(random),
        domains: [...known].sort(),
        time_available: random.pick(['day', 'week', 'month', 'any', null]),
        wants_mentor: random.chance(0.5),
        note: random.chance(0.6) ? 'I would like something about unikernels and networks.' : '',
        created_at: createdAt,
        answered_at: isAnswered ? new Date(createdAt.getTime() + 3 * DAY_MS) : null,
        answered_by: isAnswered ? random.pick(accounts).id : null,
        answer_project_id: isAnswered && random.chance(0.5) ? random.pick(projectIds).id : null,
      }
    })
    for (let start = 0; start < rows.length; start += BATCH) {
      await db
        .insertInto('gap_request')
        .values(rows.slice(start, start + BATCH))
        .execute()
    }
  }

  // A full 90-day history before today, so the chart's query reads what a long-lived board has.
  const history = []
  for (let day = HISTORY_DAYS - 1; day >= 1; day--) {
    const takenOn = utcDay(new Date(now - day * DAY_MS))
    for (const domain of domains) {
      for (const level of ['1', '2', '3', 'unrated', 'one-star-either-axis']) {
        history.push({ taken_on: takenOn, domain, level, open_count: random.int(0, 300) })
      }
    }
  }
  for (let start = 0; start < history.length; start += BATCH) {
    await db
      .insertInto('supply_snapshot')
      .values(history.slice(start, start + BATCH))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  await sql`analyze starter_project, starter_claim, gap_request, supply_snapshot`.execute(db)
  return {
    seeded: existing < projects || existingRequests < gapRequests,
    projects: await count('starter_project'),
    attachedToIssues,
    runningClaims,
    gapRequests: await count('gap_request'),
    openGapRequests,
    seconds: (performance.now() - started) / 1000,
  }
}

/**
 * Seeds the starter data if needed, then times the supply dashboard, the gap dashboard and the
 * candidates list (first page and the next one), each `iterations` times after a warm-up.
 */
export async function benchDashboards(
  db: Database,
  options: DashboardBenchOptions,
): Promise<{ seeding: StarterSeedResult; timings: QueryTiming[] }> {
  const log = options.log ?? (() => {})
  const domains = options.domains ?? DEFAULT_STARTER_DOMAINS
  const activeMonths = options.activeMonths ?? 6
  log(
    `Dashboards: seeding starter projects up to ${(options.projects ?? BENCH_PROJECTS).toLocaleString('en')}...`,
  )
  const seeding = await seedStarterData(db, {
    seed: options.seed,
    projects: options.projects,
    gapRequests: options.gapRequests,
    domains,
  })
  const secondPage = (await listStarterCandidates({ activeMonths }, db)).nextCursor

  const cases: { name: string; detail: string; run: () => Promise<number> }[] = [
    {
      name: 'supply dashboard',
      detail: `${seeding.projects.toLocaleString('en')} projects, heat map + 90-day history`,
      run: async () => (await getSupplyDashboard(domains, 'max', db)).matrix.total,
    },
    {
      name: 'gap dashboard',
      detail: `${seeding.gapRequests.toLocaleString('en')} requests, demand x supply + lists`,
      run: async () => (await getGapDashboard(domains, {}, db)).open.items.length,
    },
    {
      name: 'starter candidates',
      detail: `first page of 25, active within ${activeMonths} months`,
      run: async () => (await listStarterCandidates({ activeMonths }, db)).items.length,
    },
    {
      name: 'starter candidates, page 2',
      detail: 'by cursor',
      run: async () =>
        (await listStarterCandidates({ activeMonths, cursor: secondPage }, db)).items.length,
    },
  ]

  const timings: QueryTiming[] = []
  for (const query of cases) {
    const { durations, last } = await time(query.run, {
      warmup: warmupFor(options.iterations),
      iterations: options.iterations,
    })
    const summary = summarise(durations)
    timings.push({
      name: query.name,
      kind: 'query',
      detail: query.detail,
      targetMs: DASHBOARD_TARGET_MS,
      pass: summary.p95 <= DASHBOARD_TARGET_MS,
      rows: last,
      ...summary,
    })
    log(`  ${query.name}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`)
  }
  return { seeding, timings }
}
