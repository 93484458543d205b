import { sql } from 'kysely'

import { createGitHubClient } from '../../app/github/client.server'
import type { IssuePayload, LabelPayload, RepositoryPayload } from '../../app/github/map'
import { mapIssue, mapLabel, mapRepository } from '../../app/github/map'
import { queueLabelPlans } from '../../app/labels/outbox/apply.server'
import { drainLabelOutbox } from '../../app/labels/outbox/runner.server'
import type { LabelWorkerSummary } from '../../app/labels/outbox/worker.server'
import {
  desiredLabels,
  type IssueBoardState,
  type StarterLabelState,
} from '../../app/labels/plan/plan'
import { buildLabelPlans, type LabelPlans } from '../../app/labels/plan/plans.server'
import { resolveScheme, type ResolvedScheme } from '../../app/labels/scheme/scheme'
import { communityDefaults, readKnownValues } from '../../app/labels/scheme/schemes.server'
import { upsertIssues } from '../../app/mirror/issue.server'
import { upsertLabels } from '../../app/mirror/label.server'
import { upsertRepository } from '../../app/mirror/repository.server'
import { getStarterSettings } from '../../app/starter/settings.server'
import type { Database } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrator'
import type { Outcome, ProjectSize, Stars } from '../../db/schema'
import { repositoryPayload } from '../../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../../test/fake-github/server'

import { dropDatabase, openDatabase, recreateDatabase } from './database'
import { createRandom, type Random } from './random'
import { percentile, summarise, time, type Summary } from './stats'

// Label write-back (issue 8), in two halves. Planning: a board whose starter projects and roadmap
// ideas disagree with the mirror's labels by about 10,000 changes (10,000 is the target's size); buildLabelPlans, the function
// the plan page and `npm run labels -- plan` call, is timed end to end, then the whole plan is
// queued into the outbox once. Applying: the real worker (drainLabelOutbox with the app's GitHub
// client, at its default pace of one write a second) against the fake GitHub over real HTTP; the
// fake's request log says what was sent, how fast, and whether anything clobbered an issue.

export const LABELS_DATABASE = 'pioneer_board_bench_labels'
export const LABEL_PLAN_TARGET_MS = 2_000
/**
 * GitHub's one write a second per token: the worker's default spacing (minIntervalMs), and the
 * least spacing Octokit's throttling puts between two writes of one process anyway.
 */
export const WRITE_INTERVAL_MS = 1_000
export const LABEL_BENCH_ISSUES = 3_200
export const LABEL_BENCH_REPOS = 20
/** Issues of the applying half: each needs 3 changes, and 3 catalogue labels are new. */
export const APPLY_ISSUES = 8

const ORGANISATION = 'pioneer-labels'
const APPLY_REPOSITORY = 'pioneer-labels-apply/app'
const TOKEN = 'bench-labels-token'
const ACTOR = { id: null, login: 'bench-maintainer' }
const HUMAN_LABELS = ['bug', 'enhancement', 'help wanted', 'good first issue', 'needs triage']
const AREAS = [
  'networking-stack',
  'storage',
  'security',
  'tooling',
  'documentation',
  'performance',
  'platforms',
  'quality-and-testing',
]

export type LabelsBenchOptions = {
  /** The PostgreSQL server; the benchmark works in a database of its own there. */
  serverUrl: string
  databaseName?: string
  /** Drops the database at the end (only with a server the caller owns). */
  dropDatabase?: boolean
  /** Issues with a starter project, spread evenly over `repos` (default 3,200 over 20). */
  issues?: number
  repos?: number
  /** Timed plans (at most 10: each is a whole plan of the board). */
  iterations: number
  seed: number
  log?: (line: string) => void
}

export type LabelCheck = { name: string; measured: string; target: string; pass: boolean }

export type LabelPlanningResult = Summary & {
  name: string
  targetMs: number
  pass: boolean
  repositories: number
  /** Issues whose labels differ from the board's state, and the changes that brings them back. */
  issues: number
  adds: number
  removes: number
  changes: number
  creates: number
}

export type RequestKinds = {
  labelReads: number
  labelCreates: number
  adds: number
  removes: number
  other: number
  total: number
}

export type LabelApplyResult = {
  repository: string
  issues: number
  changes: number
  expected: RequestKinds
  sent: RequestKinds
  worker: LabelWorkerSummary
  wallSeconds: number
  intervalMs: number
  writes: number
  /** Spacing of consecutive writes as the fake received them (ms, in order). */
  gapsMs: number[]
  /** Their mean (the run's pace), median, and the tightest with the write it ended on (1-based). */
  secondsPerWrite: number
  medianGapSeconds: number
  minGapSeconds: number
  minGapWrite: number
  writesPerSecond: number
  clobberingCalls: number
  autoCreatedLabels: number
}

export type LabelsBenchResult = {
  database: string
  seeding: {
    repositories: number
    issues: number
    starterProjects: number
    mentors: number
    ideas: number
    ideaLinks: number
    decisions: number
    issueLabels: number
    seconds: number
  }
  planning: LabelPlanningResult
  /** Queueing the whole plan once; `error` when the outbox refused it (nothing is queued then). */
  queueing: { ms: number; queued: number; alreadyQueued: number; error: string | null }
  applying: LabelApplyResult
  checks: LabelCheck[]
}

type SeedIssue = {
  repository: number
  number: number
  starter: StarterLabelState
  roadmap: { area: string; tier: 'agreed' | 'deferred' | null }[]
  current: string[]
}

type SeedIdea = { area: string; outcome: Outcome | null; links: SeedIssue[] }

const SIZES: (ProjectSize | null)[] = [null, 'day', 'week', 'month', 'elastic']

const stars = (random: Random, unrated: number): Stars | null =>
  random.chance(unrated) ? null : (random.int(1, 3) as Stars)

const repositoryName = (index: number) =>
  `${ORGANISATION}/repo-${String(index + 1).padStart(2, '0')}`

/**
 * What the mirror last saw on an issue, from what the board wants there: some issues were never
 * labelled by the board, most were once but have drifted since (a re-rating, a label someone
 * took off), and some are already in step and need nothing.
 */
function mirroredLabels(random: Random, desired: string[], scheme: ResolvedScheme): string[] {
  const human = random.shuffle(HUMAN_LABELS).slice(0, random.int(0, 2))
  const roll = random.next()
  if (roll < 0.35) return human
  if (roll >= 0.8) return [...human, ...desired]
  const drifted = desired.flatMap((name) => {
    if (random.chance(0.3)) return []
    // A re-rated project: the mirror still shows the old difficulty.
    const rating = /^(.*\/)([123])★$/u.exec(name)
    if (rating && random.chance(0.5)) {
      const other = ((Number(rating[2]) % 3) + 1) as Stars
      return [`${rating[1]}${other}★`]
    }
    return [name]
  })
  return [...human, ...drifted.filter((name) => scheme.isManaged(name))]
}

function generateBoard(random: Random, count: number, repos: number, domains: readonly string[]) {
  const issues: SeedIssue[] = []
  for (let index = 0; index < count; index++) {
    issues.push({
      repository: index % repos,
      number: Math.floor(index / repos) + 1,
      starter: {
        primary_domain: random.pick(domains),
        language_stars: stars(random, 0.1),
        domain_stars: stars(random, 0.15),
        size: random.pick(SIZES),
        has_mentor: random.chance(0.6),
      },
      roadmap: [],
      current: [],
    })
  }
  // One idea per six issues, each linking one or two of them; about half decided.
  const outcomes: (Outcome | null)[] = [
    null,
    null,
    null,
    'agreed',
    'agreed',
    'deferred',
    'declined',
  ]
  const ideas: SeedIdea[] = Array.from({ length: Math.ceil(count / 6) }, () => {
    const links = [...new Set([random.pick(issues), random.pick(issues)])].slice(
      0,
      random.int(1, 2),
    )
    return { area: random.pick(AREAS), outcome: random.pick(outcomes), links }
  })
  for (const idea of ideas) {
    const tier = idea.outcome === 'agreed' || idea.outcome === 'deferred' ? idea.outcome : null
    for (const issue of idea.links) issue.roadmap.push({ area: idea.area, tier })
  }
  return { issues, ideas }
}

/**
 * A board of `count` issues with open starter projects (and roadmap ideas linking some), whose
 * mirrored labels lag behind it. Stored with the sync's own mapping and upserts for the mirror,
 * and bulk inserts for the board's tables, as the board part seeds them.
 */
async function seedPlanningBoard(
  db: Database,
  { count, repos, seed }: { count: number; repos: number; seed: number },
) {
  const started = performance.now()
  const random = createRandom(seed)
  const domains = getStarterSettings().domains
  const { issues, ideas } = generateBoard(random, count, repos, domains)
  const scheme = resolveScheme(communityDefaults(), {}, { domains, areas: AREAS })

  for (const issue of issues) {
    const state: IssueBoardState = { starter: issue.starter, roadmap: issue.roadmap }
    issue.current = mirroredLabels(random, desiredLabels(state, scheme), scheme)
  }

  // Each repository's catalogue: the labels its issues carry, plus the rest of the scheme but
  // for two labels the board has never created there (the plan's creates).
  const schemeNames = scheme.labels.map((label) => label.name)
  const catalogues = Array.from({ length: repos }, (_, index) => {
    const missing = new Set(random.shuffle(schemeNames).slice(0, 2))
    const names = [...HUMAN_LABELS, ...schemeNames.filter((name) => !missing.has(name))]
    const labels = new Map<string, LabelPayload>(
      names.map((name, position) => [
        name,
        {
          id: (index + 1) * 10_000 + position,
          name,
          color: scheme.labels.find((label) => label.name === name)?.color ?? 'ededed',
          description: null,
        },
      ]),
    )
    return { id: 9_000_000 + index, fullName: repositoryName(index), labels, missing }
  })

  await db.transaction().execute(async (trx) => {
    for (const catalogue of catalogues) {
      await upsertRepository(
        mapRepository(repositoryPayload(catalogue.fullName, { id: catalogue.id })),
        trx,
      )
      await upsertLabels(
        [...catalogue.labels.values()].map((label) => mapLabel(label, catalogue.id)),
        trx,
      )
    }
  })

  const createdAt = '2026-01-01T00:00:00Z'
  const payloads = issues.map((issue) => {
    const catalogue = catalogues[issue.repository]!
    const payload: IssuePayload = {
      id: 60_000_000 + issue.repository * 100_000 + issue.number,
      number: issue.number,
      title: `Starter work ${issue.number} in ${catalogue.fullName}`,
      body: null,
      state: 'open',
      html_url: `https://github.com/${catalogue.fullName}/issues/${issue.number}`,
      comments: 0,
      created_at: createdAt,
      updated_at: createdAt,
      closed_at: null,
      user: { login: 'someone' },
      labels: issue.current.flatMap((name) => catalogue.labels.get(name) ?? []),
    }
    return mapIssue(payload, catalogue.id)
  })
  let issueLabels = 0
  for (let start = 0; start < payloads.length; start += 1000) {
    const batch = payloads.slice(start, start + 1000)
    issueLabels += batch.reduce((sum, entry) => sum + entry.labels.length, 0)
    await upsertIssues(batch, db)
  }

  const projects = await insertBatched(
    db,
    'starter_project',
    issues.map((issue, index) => ({
      source_key: `bench-labels-${index + 1}`,
      title: `Starter project ${index + 1}`,
      primary_domain: issue.starter.primary_domain,
      language_stars: issue.starter.language_stars,
      domain_stars: issue.starter.domain_stars,
      size: issue.starter.size,
      status: 'open' as const,
      issue_id: payloads[index]!.issue.id,
    })),
  )
  const mentors = projects.flatMap((project, index) =>
    issues[index]!.starter.has_mentor
      ? // A GitHub login: "mentor available" is only written for a mentor one can reach.
        [{ project_id: project.id, position: 0, name: `@mentor-${(index % 40) + 1}` }]
      : [],
  )
  await insertBatched(db, 'starter_project_mentor', mentors)

  const decisions = await seedRoadmap(db, ideas, catalogues)
  await sql`vacuum (analyze)`.execute(db)
  return {
    repositories: repos,
    issues: issues.length,
    starterProjects: projects.length,
    mentors: mentors.length,
    ideas: ideas.length,
    ideaLinks: ideas.reduce((sum, idea) => sum + idea.links.length, 0),
    decisions,
    issueLabels,
    seconds: (performance.now() - started) / 1000,
  }
}

type BatchTable = 'starter_project' | 'starter_project_mentor' | 'idea' | 'idea_link'

async function insertBatched(
  db: Database,
  table: BatchTable,
  rows: Record<string, unknown>[],
): Promise<{ id: number }[]> {
  const ids: { id: number }[] = []
  // Well under PostgreSQL's 65,535 bound parameters per statement.
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000)
    const query = db.insertInto(table).values(batch as never)
    if (table === 'starter_project' || table === 'idea') {
      ids.push(...(await query.returning('id').execute()))
    } else {
      await query.execute()
    }
  }
  return ids
}

/** The ideas, their links to issues (as `owner/name#N`), and one decision for the decided ones. */
async function seedRoadmap(db: Database, ideas: SeedIdea[], catalogues: { fullName: string }[]) {
  const target = await db
    .insertInto('release_target')
    .values({ slug: 'bench-labels', name: 'Bench labels' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const areas = await db
    .insertInto('roadmap_area')
    .values(
      AREAS.map((slug, position) => ({
        release_target_id: target.id,
        slug,
        name: slug,
        position,
      })),
    )
    .returning(['id', 'slug'])
    .execute()
  const areaId = new Map(areas.map((area) => [area.slug, area.id]))
  const inserted = await insertBatched(
    db,
    'idea',
    ideas.map((idea, index) => ({
      release_target_id: target.id,
      area_id: areaId.get(idea.area)!,
      title: `Idea ${index + 1}`,
      status: idea.outcome === 'agreed' ? 'agreed' : 'open',
    })),
  )
  await insertBatched(
    db,
    'idea_link',
    ideas.flatMap((idea, index) =>
      idea.links.map((issue, position) => {
        const fullName = catalogues[issue.repository]!.fullName
        return {
          idea_id: inserted[index]!.id,
          ref: `${fullName}#${issue.number}`,
          repo_full_name: fullName,
          issue_number: issue.number,
          position,
        }
      }),
    ),
  )
  const decided = ideas.flatMap((idea, index) =>
    idea.outcome ? [{ id: inserted[index]!.id, outcome: idea.outcome }] : [],
  )
  if (decided.length === 0) return 0
  const round = await db
    .insertInto('round')
    .values({
      release_target_id: target.id,
      name: 'Bench round',
      status: 'closed',
      opens_at: new Date('2026-06-01T00:00:00Z'),
      closes_at: new Date('2026-06-15T00:00:00Z'),
      closed_at: new Date('2026-06-15T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const decision = await db
    .insertInto('decision')
    .values({
      round_id: round.id,
      decided_at: new Date('2026-06-16T00:00:00Z'),
      // Decided on a call: no ballots, hence no tally to store.
      method: 'call',
      rationale: 'Decided for the label benchmark.',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let start = 0; start < decided.length; start += 1000) {
    await db
      .insertInto('decision_outcome')
      .values(
        decided.slice(start, start + 1000).map((idea, position) => ({
          decision_id: decision.id,
          idea_id: idea.id,
          outcome: idea.outcome,
          // Declined and deferred ideas go back to ideation, still open and linked.
          disposition: idea.outcome === 'agreed' ? ('roadmap' as const) : ('ideation' as const),
          reason: idea.outcome === 'agreed' ? null : 'Not this release.',
          position: start + position,
        })),
      )
      .execute()
  }
  return 1
}

function countChanges(plans: LabelPlans) {
  return plans.totals.adds + plans.totals.removes
}

/**
 * The applying half's repository, on the fake and in the mirror: eight issues with open starter
 * projects (all mentored), each three changes away from the board: the even ones were re-rated
 * (one add, one remove) and the odd ones never got their size and domain difficulty, and none
 * has `mentor available` yet. `mentor available`, `size/elastic` and `domain-level/3★` are not
 * in the catalogue: the worker creates them first.
 */
async function seedApplyRepository(db: Database, github: FakeGitHub, scheme: ResolvedScheme) {
  const missing = new Set([
    scheme.labelFor('mentor'),
    scheme.labelFor('size:elastic'),
    scheme.labelFor('domain-level:3'),
  ])
  github.addRepository(APPLY_REPOSITORY)
  for (const label of scheme.labels) {
    if (missing.has(label.name) || label.value.startsWith('roadmap:')) continue
    github.addLabel(APPLY_REPOSITORY, {
      name: label.name,
      color: label.color,
      description: label.description,
    })
  }
  for (const name of HUMAN_LABELS) github.addLabel(APPLY_REPOSITORY, name)
  const domains = getStarterSettings().domains
  const starters: StarterLabelState[] = []
  for (let index = 0; index < APPLY_ISSUES; index++) {
    const isEven = index % 2 === 0
    const starter: StarterLabelState = {
      primary_domain: domains[index % domains.length]!,
      language_stars: ((index % 3) + 1) as Stars,
      domain_stars: isEven ? ((((index / 2) % 2) + 1) as Stars) : 3,
      size: isEven ? 'week' : index % 4 === 1 ? 'elastic' : 'day',
      has_mentor: true,
    }
    starters.push(starter)
    const desired = desiredLabels({ starter, roadmap: [] }, scheme)
    const mentor = scheme.labelFor('mentor')
    const language = scheme.labelFor(`language:${starter.language_stars!}`)
    const stale = scheme.labelFor(`language:${((starter.language_stars! % 3) + 1) as Stars}`)
    const skipped = isEven
      ? [mentor, language]
      : [mentor, scheme.labelFor(`size:${starter.size!}`), scheme.labelFor('domain-level:3')]
    const current = [
      'bug',
      ...desired.filter((name) => !skipped.includes(name)),
      ...(isEven ? [stale] : []),
    ]
    github.addIssue(APPLY_REPOSITORY, { title: `Starter work ${index + 1}`, labels: current })
  }

  // Mirrored as the sync stores it: the fake's own payloads through the app's mapping.
  const repository = github.payloads.repository(APPLY_REPOSITORY) as RepositoryPayload
  await upsertRepository(mapRepository(repository), db)
  await upsertLabels(
    (github.payloads.labels(APPLY_REPOSITORY) as LabelPayload[]).map((label) =>
      mapLabel(label, repository.id),
    ),
    db,
  )
  const ids = await upsertIssues(
    (github.payloads.issues(APPLY_REPOSITORY) as IssuePayload[]).map((issue) =>
      mapIssue(issue, repository.id),
    ),
    db,
  )
  const issues = await db
    .selectFrom('issue')
    .select(['id', 'number'])
    .where('id', 'in', ids)
    .orderBy('number')
    .execute()
  const projects = await db
    .insertInto('starter_project')
    .values(
      issues.map((issue, index) => ({
        source_key: `bench-labels-apply-${issue.number}`,
        title: `Applied starter project ${issue.number}`,
        primary_domain: starters[index]!.primary_domain,
        language_stars: starters[index]!.language_stars,
        domain_stars: starters[index]!.domain_stars,
        size: starters[index]!.size,
        status: 'open' as const,
        issue_id: issue.id,
      })),
    )
    .returning('id')
    .execute()
  await db
    .insertInto('starter_project_mentor')
    // A GitHub login: "mentor available" is only written for a mentor one can reach.
    .values(projects.map((project) => ({ project_id: project.id, position: 0, name: '@mentor' })))
    .execute()
  return repository.id
}

function classify(entries: readonly { method: string; path: string }[]): RequestKinds {
  const kinds: RequestKinds = {
    labelReads: 0,
    labelCreates: 0,
    adds: 0,
    removes: 0,
    other: 0,
    total: entries.length,
  }
  for (const { method, path } of entries) {
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels$/.test(path)) {
      kinds.labelReads++
    } else if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/labels$/.test(path)) {
      kinds.labelCreates++
    } else if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels$/.test(path)) {
      kinds.adds++
    } else if (
      method === 'DELETE' &&
      /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels\/.+$/.test(path)
    ) {
      kinds.removes++
    } else {
      kinds.other++
    }
  }
  return kinds
}

async function benchApplying(db: Database, log: (line: string) => void): Promise<LabelApplyResult> {
  const github = await createFakeGitHub({ tokens: [TOKEN] })
  try {
    const known = await readKnownValues(db)
    const scheme = resolveScheme(communityDefaults(), {}, known)
    const repositoryId = await seedApplyRepository(db, github, scheme)
    const queued = await queueLabelPlans({
      selection: 'all',
      actor: ACTOR,
      repos: [APPLY_REPOSITORY],
      db,
    })
    const plan = queued.plans.repositories[0]!
    const adds = plan.issues.reduce((sum, issue) => sum + issue.add.length, 0)
    const removes = plan.issues.reduce((sum, issue) => sum + issue.remove.length, 0)
    const expected: RequestKinds = {
      labelReads: plan.issues.length,
      labelCreates: plan.creates.length,
      adds,
      removes,
      other: 0,
      total: plan.issues.length + plan.creates.length + adds + removes,
    }
    const intervalMs = WRITE_INTERVAL_MS
    log(
      `  applying ${adds + removes} changes on ${plan.issues.length} issues (${plan.creates.length} new catalogue labels) at one write per ${intervalMs} ms...`,
    )
    github.clearLog()
    const client = createGitHubClient({ token: TOKEN, baseUrl: github.url })
    const started = performance.now()
    const worker = await drainLabelOutbox({
      db,
      client,
      repositoryIds: [repositoryId],
    })
    const wallSeconds = (performance.now() - started) / 1000

    const entries = github.requestLog
    const writes = entries.filter((entry) => entry.method !== 'GET')
    const gaps = writes.slice(1).map((entry, index) => entry.startedAt - writes[index]!.startedAt)
    const sortedGaps = [...gaps].sort((a, b) => a - b)
    const minGap = sortedGaps[0] ?? Number.NaN
    const span = writes.length > 1 ? writes.at(-1)!.startedAt - writes[0]!.startedAt : 0
    return {
      repository: APPLY_REPOSITORY,
      issues: plan.issues.length,
      changes: adds + removes,
      expected,
      sent: classify(entries),
      worker,
      wallSeconds,
      intervalMs,
      writes: writes.length,
      gapsMs: gaps.map((gap) => Math.round(gap * 10) / 10),
      secondsPerWrite: gaps.length > 0 ? span / gaps.length / 1000 : Number.NaN,
      medianGapSeconds: gaps.length > 0 ? percentile(sortedGaps, 50) / 1000 : Number.NaN,
      minGapSeconds: minGap / 1000,
      minGapWrite: gaps.indexOf(minGap) + 2,
      writesPerSecond: span > 0 ? (gaps.length * 1000) / span : Number.NaN,
      clobberingCalls: github.clobberingCalls.length,
      autoCreatedLabels: github.autoCreatedLabels.length,
    }
  } finally {
    await github.close()
  }
}

function applyChecks(applying: LabelApplyResult): LabelCheck[] {
  const { expected, sent, intervalMs } = applying
  const describe = (kinds: RequestKinds) =>
    `${kinds.total} (${kinds.labelReads} reads, ${kinds.labelCreates} creates, ${kinds.adds} adds, ${kinds.removes} removes${kinds.other > 0 ? `, ${kinds.other} other` : ''})`
  const perSecond = 1000 / intervalMs
  return [
    {
      name: 'apply: requests sent',
      measured: describe(sent),
      target: `= ${expected.total}: changes + creates + one read per issue`,
      pass:
        sent.total === expected.total &&
        sent.labelReads === expected.labelReads &&
        sent.labelCreates === expected.labelCreates &&
        sent.adds === expected.adds &&
        sent.removes === expected.removes &&
        sent.other === 0,
    },
    {
      name: 'apply: every change done',
      measured: `${applying.worker.done} done, ${applying.worker.conflicts} conflicts, ${applying.worker.failed} failed, ${applying.worker.retried} retried`,
      target: `${applying.changes} done`,
      pass: applying.worker.done === applying.changes && applying.worker.failed === 0,
    },
    {
      // The worker spaces the starts of its writes; the fake stamps their arrival, which lags by
      // a varying few ms (more for the first write, which opens the connection), so single gaps
      // and the mean over a short run may look slightly short of the spacing: 2% is allowed.
      name: 'apply: write rate',
      measured: `${applying.writesPerSecond.toFixed(3)} writes/s: ${applying.secondsPerWrite.toFixed(3)} s per write (median ${applying.medianGapSeconds.toFixed(3)} s, tightest ${applying.minGapSeconds.toFixed(3)} s before write ${applying.minGapWrite})`,
      target: `<= ${perSecond.toFixed(3)}/s (2% arrival jitter) and >= 80% of it`,
      pass:
        applying.writes > 1 &&
        applying.writesPerSecond <= perSecond * 1.02 &&
        applying.writesPerSecond >= perSecond * 0.8 &&
        applying.medianGapSeconds * 1000 >= intervalMs * 0.99,
    },
    {
      name: 'apply: no clobbering request',
      measured: `${applying.clobberingCalls} clobbering, ${applying.autoCreatedLabels} grey auto-created labels`,
      target: '0 and 0',
      pass: applying.clobberingCalls === 0 && applying.autoCreatedLabels === 0,
    },
  ]
}

/**
 * Seeds the board in a database of its own, times planning and queueing, then applies a small
 * plan through the fake GitHub. The database is left for a look unless `dropDatabase`.
 */
export async function runLabelsBench(options: LabelsBenchOptions): Promise<LabelsBenchResult> {
  const log = options.log ?? (() => {})
  const databaseName = options.databaseName ?? LABELS_DATABASE
  const count = options.issues ?? LABEL_BENCH_ISSUES
  const repos = Math.min(options.repos ?? LABEL_BENCH_REPOS, count)
  let db: Database | undefined
  try {
    db = openDatabase(await recreateDatabase(options.serverUrl, databaseName))
    await migrateToLatest(db)
    log(
      `Labels: seeding ${count.toLocaleString('en')} starter issues over ${repos} repositories in ${databaseName}...`,
    )
    const seeding = await seedPlanningBoard(db, { count, repos, seed: options.seed })

    const runs = Math.min(options.iterations, 10)
    log(`  timing buildLabelPlans (${runs} runs)...`)
    const planningDb = db
    const { durations, last: plans } = await time(() => buildLabelPlans({ db: planningDb }), {
      warmup: 1,
      iterations: runs,
    })
    const summary = summarise(durations)
    const planning: LabelPlanningResult = {
      ...summary,
      name: 'buildLabelPlans',
      targetMs: LABEL_PLAN_TARGET_MS,
      pass: summary.p95 <= LABEL_PLAN_TARGET_MS,
      repositories: plans.repositories.length,
      issues: plans.totals.issues,
      adds: plans.totals.adds,
      removes: plans.totals.removes,
      changes: countChanges(plans),
      creates: plans.totals.creates,
    }
    log(
      `  ${planning.changes.toLocaleString('en')} changes planned: p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms`,
    )

    log('  queueing the whole plan into the outbox once...')
    const queueStarted = performance.now()
    const queueing: LabelsBenchResult['queueing'] = await queueLabelPlans({
      selection: 'all',
      actor: ACTOR,
      db,
    }).then(
      ({ queued, alreadyQueued }) => ({
        ms: performance.now() - queueStarted,
        queued,
        alreadyQueued,
        error: null,
      }),
      // Reported, not thrown: the applying half still has something to measure.
      (error: unknown) => ({
        ms: performance.now() - queueStarted,
        queued: 0,
        alreadyQueued: 0,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
    if (queueing.error) log(`  queueing failed: ${queueing.error}`)
    // The applying half starts from an empty outbox: the worker must not send these.
    await db.deleteFrom('label_change').execute()

    const applying = await benchApplying(db, log)
    const checks: LabelCheck[] = [
      // The timing target is for a plan of 10,000 changes; a smaller board only reports its size.
      count >= LABEL_BENCH_ISSUES
        ? {
            name: 'plan: changes planned',
            measured: planning.changes.toLocaleString('en'),
            target: '>= 10,000',
            pass: planning.changes >= 10_000,
          }
        : {
            name: 'plan: changes planned',
            measured: planning.changes.toLocaleString('en'),
            target: 'any (smaller board than the default)',
            pass: planning.changes > 0,
          },
      {
        name: 'plan: buildLabelPlans p95',
        measured: `${planning.p95.toFixed(0)} ms`,
        target: `<= ${LABEL_PLAN_TARGET_MS} ms`,
        pass: planning.pass,
      },
      {
        name: 'queue: every planned change queued',
        measured: queueing.error
          ? `failed after ${queueing.ms.toFixed(0)} ms: ${queueing.error}`
          : `${queueing.queued.toLocaleString('en')} in ${queueing.ms.toFixed(0)} ms`,
        target: `${planning.changes.toLocaleString('en')} (time reported, no target)`,
        pass: queueing.queued === planning.changes,
      },
      ...applyChecks(applying),
    ]
    return { database: databaseName, seeding, planning, queueing, applying, checks }
  } finally {
    await db?.destroy()
    if (options.dropDatabase) await dropDatabase(options.serverUrl, databaseName)
  }
}
