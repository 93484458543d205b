import fc from 'fast-check'
import { expect, test } from 'vitest'

import type { ClaimOutcome, Stars } from '../../db/schema'
import { resetDatabase, setupTestDatabase } from '../../test/database'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'

import {
  abandonmentByLevel,
  assessDrift,
  RATING_AXES,
  tallyReports,
  type EndedClaim,
} from './calibration'
import {
  countRatingDrift,
  getAbandonmentByLevel,
  listDrift,
  rerateAxis,
} from './calibration.server'
import { getStarterProject, rateStarterProject } from './project.server'

const getDb = setupTestDatabase()

type Report = { language: Stars; domain: Stars; outcome: ClaimOutcome }
type ProjectCase = { language: Stars | null; domain: Stars | null; reports: Report[] }

/** Stores projects with ended claims, each with its report; returns their ids in order. */
async function seed(cases: ProjectCase[]) {
  const db = getDb()
  const person = await createAccount(db, `person-${Math.random().toString(36).slice(2)}`)
  const ids: number[] = []
  for (const project of cases) {
    const { id } = await db
      .insertInto('starter_project')
      .values({
        title: 'p',
        primary_domain: 'networking',
        language_stars: project.language,
        domain_stars: project.domain,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(id)
    for (const report of project.reports) {
      const claim = await db
        .insertInto('starter_claim')
        .values({
          project_id: id,
          account_id: person.id,
          expires_at: new Date(),
          ended_at: new Date(),
          outcome: report.outcome,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('claim_feedback')
        .values({
          claim_id: claim.id,
          project_id: id,
          account_id: person.id,
          language_stars: report.language,
          domain_stars: report.domain,
          time_taken: 'week',
        })
        .execute()
    }
  }
  return ids
}

const stars = fc.constantFrom<Stars>(1, 2, 3)
const rating = fc.option(stars, { nil: null })
const projectCase: fc.Arbitrary<ProjectCase> = fc.record({
  language: rating,
  domain: rating,
  reports: fc.array(
    fc.record({
      language: stars,
      domain: stars,
      outcome: fc.constantFrom<ClaimOutcome>('done', 'abandoned', 'released'),
    }),
    { maxLength: 5 },
  ),
})

test('the SQL flags exactly the axes the pure drift rule flags, on random data', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(projectCase, { minLength: 1, maxLength: 8 }),
      fc.constantFrom(0.25, 0.5, 0.75, 1, 1.1, 1.5, 2),
      fc.integer({ min: 1, max: 4 }),
      async (cases, threshold, minReports) => {
        await resetDatabase(getDb())
        const ids = await seed(cases)
        const rule = { threshold, minReports }
        const expected = cases.flatMap((project, index) =>
          RATING_AXES.flatMap((axis) => {
            const drift = assessDrift(
              tallyReports(
                project[axis],
                project.reports.map((report) => report[axis]),
              ),
              rule,
            )
            return drift
              ? [`${ids[index]}:${axis}:${drift.kind}:${drift.suggested}:${drift.average}`]
              : []
          }),
        )
        const flagged = (await listDrift(rule, getDb())).map(
          (row) => `${row.projectId}:${row.axis}:${row.kind}:${row.suggested}:${row.average}`,
        )
        expect(flagged.sort()).toEqual(expected.sort())
      },
    ),
    { numRuns: 25 },
  )
})

test('the SQL abandonment counts match the pure aggregation, on random data', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(projectCase, { minLength: 1, maxLength: 8 }), async (cases) => {
      await resetDatabase(getDb())
      await seed(cases)
      const ended: EndedClaim[] = cases.flatMap((project) =>
        project.reports.map((report) => ({
          languageStars: project.language,
          domainStars: project.domain,
          outcome: report.outcome,
        })),
      )
      expect(await getAbandonmentByLevel(getDb())).toEqual(abandonmentByLevel(ended))
    }),
    { numRuns: 20 },
  )
})

test('a claim counts under the rating its project had when it was claimed', async () => {
  const [mia, ana] = [
    await createAccount(getDb(), 'mia', 'maintainer'),
    await createAccount(getDb(), 'ana'),
  ]
  const id = await createProject(
    getDb(),
    { languageStars: 1, domainStars: 2, size: 'elastic' },
    mia,
  )
  await rateStarterProject(id, { languageStars: 3, domainStars: 2 }, mia, getDb())
  // The history's times are set, not left to the clock: statements in the same millisecond
  // would share a timestamp and make the order a coin toss.
  const ratedAt = new Date('2026-01-10T12:00:00Z')
  const minutes = (n: number) => new Date(ratedAt.getTime() + n * 60_000)
  for (const [created, at] of [
    [true, minutes(-60)],
    [false, ratedAt],
  ] as const) {
    await getDb()
      .updateTable('rating_audit')
      .set({ at })
      .where('project_id', '=', id)
      .where('from_stars', created ? 'is' : 'is not', null)
      .execute()
  }
  const endedClaim = async (outcome: ClaimOutcome, minutesFromRating: number) => {
    await getDb()
      .insertInto('starter_claim')
      .values({
        project_id: id,
        account_id: ana.id,
        claimed_at: minutes(minutesFromRating),
        expires_at: ratedAt,
        ended_at: ratedAt,
        outcome,
      })
      .execute()
  }
  await endedClaim('abandoned', -1)
  await endedClaim('done', 1)

  const rows = await getAbandonmentByLevel(getDb())
  const row = (axis: string, level: number) =>
    rows.find((r) => r.axis === axis && r.level === level)
  expect(row('language', 1)).toMatchObject({ ended: 1, abandoned: 1, abandonmentRate: 1 })
  expect(row('language', 3)).toMatchObject({ ended: 1, done: 1, abandonmentRate: 0 })
  expect(row('domain', 2)).toMatchObject({ ended: 2, abandoned: 1, abandonmentRate: 0.5 })
})

test('each drifting axis names the maintainer who last rated that axis', async () => {
  const [mia, ben] = [
    await createAccount(getDb(), 'mia', 'maintainer'),
    await createAccount(getDb(), 'ben', 'maintainer'),
  ]
  const id = await createProject(getDb(), { languageStars: 1, domainStars: 3 }, mia)
  await rateStarterProject(id, { languageStars: 1, domainStars: 1 }, ben, getDb())
  await seedReports(id, [
    [3, 3],
    [3, 2],
  ])
  const drift = await listDrift({ threshold: 0.75, minReports: 2 }, getDb())
  expect(drift.map((row) => [row.axis, row.kind, row.maintainerLogin, row.suggested])).toEqual([
    ['language', 'harder', 'mia', 3],
    ['domain', 'harder', 'ben', 3],
  ])
})

async function seedReports(projectId: number, reports: [Stars, Stars][]) {
  const person = await createAccount(getDb(), `reporter-${projectId}`)
  for (const [language, domain] of reports) {
    const claim = await getDb()
      .insertInto('starter_claim')
      .values({
        project_id: projectId,
        account_id: person.id,
        expires_at: new Date(),
        ended_at: new Date(),
        outcome: 'done',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await getDb()
      .insertInto('claim_feedback')
      .values({
        claim_id: claim.id,
        project_id: projectId,
        account_id: person.id,
        language_stars: language,
        domain_stars: domain,
        time_taken: 'month',
      })
      .execute()
  }
}

test('the one-click re-rate sets one axis, keeps the other, and is audited', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { languageStars: 1, domainStars: 2 })
  expect(await rerateAxis(id, 'language', { from: 1, to: 3 }, mia, getDb())).toMatchObject({
    changed: true,
  })
  const project = await getStarterProject(id, getDb())
  expect([project?.language_stars, project?.domain_stars, project?.rated_by_login]).toEqual([
    3,
    2,
    'mia',
  ])
  expect(project?.ratingHistory[0]).toMatchObject({
    actor_login: 'mia',
    axis: 'language',
    from_stars: 1,
    to_stars: 3,
  })
})

test('a re-rate from a stale page or of an unknown project is refused and changes nothing', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { languageStars: 2, domainStars: null })
  const before = await getStarterProject(id, getDb())
  await expect(rerateAxis(id, 'language', { from: 1, to: 3 }, mia, getDb())).rejects.toMatchObject({
    status: 409,
    message: expect.stringMatching(/now 2★/),
  })
  await expect(rerateAxis(id, 'domain', { from: 2, to: 3 }, mia, getDb())).rejects.toMatchObject({
    status: 409,
    message: expect.stringMatching(/now unrated/),
  })
  await expect(
    rerateAxis(999_999, 'domain', { from: null, to: 3 }, mia, getDb()),
  ).rejects.toMatchObject({ status: 404 })
  expect(await getStarterProject(id, getDb())).toEqual(before)
})

type Who = 'demo' | 'real' | 'nobody'
type DriftCountCase = ProjectCase & {
  ratedBy: Who
  reporters: ('demo' | 'real')[]
  audits: { axis: 'language' | 'domain'; by: Who }[]
}

const who = fc.constantFrom<Who>('demo', 'real', 'nobody')
const driftCountCase: fc.Arbitrary<DriftCountCase> = projectCase.chain((project) =>
  fc.record({
    language: fc.constant(project.language),
    domain: fc.constant(project.domain),
    reports: fc.constant(project.reports),
    ratedBy: who,
    reporters: fc.array(fc.constantFrom<'demo' | 'real'>('demo', 'real'), {
      minLength: project.reports.length,
      maxLength: project.reports.length,
    }),
    audits: fc.array(fc.record({ axis: fc.constantFrom(...RATING_AXES), by: who }), {
      maxLength: 3,
    }),
  }),
)

test('the home page’s drift count counts what the calibration page lists, on random data', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(driftCountCase, { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0.25, 0.5, 0.75, 1, 1.5),
      fc.integer({ min: 1, max: 3 }),
      async (cases, threshold, minReports) => {
        const db = getDb()
        await resetDatabase(db)
        const demo = await createAccount(db, 'demo-person', 'maintainer')
        const real = await createGitHubAccount(db, 'real-person')
        const account = (by: Who) => (by === 'demo' ? demo : by === 'real' ? real : null)
        // Audit times are set, not left to the clock: which audit is the latest must be certain.
        let minute = 0
        for (const project of cases) {
          const { id } = await db
            .insertInto('starter_project')
            .values({
              title: 'p',
              primary_domain: 'networking',
              language_stars: project.language,
              domain_stars: project.domain,
              rated_by: account(project.ratedBy)?.id ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          for (const audit of project.audits) {
            await db
              .insertInto('rating_audit')
              .values({
                project_id: id,
                actor_id: account(audit.by)?.id ?? null,
                actor_login: account(audit.by)?.login ?? 'someone-gone',
                axis: audit.axis,
                from_stars: null,
                to_stars: project[audit.axis],
                at: new Date(Date.UTC(2026, 0, 1, 0, minute++)),
              })
              .execute()
          }
          for (const [index, report] of project.reports.entries()) {
            const reporter = project.reporters[index] === 'demo' ? demo : real
            const claim = await db
              .insertInto('starter_claim')
              .values({
                project_id: id,
                account_id: reporter.id,
                expires_at: new Date(),
                ended_at: new Date(),
                outcome: report.outcome,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
            await db
              .insertInto('claim_feedback')
              .values({
                claim_id: claim.id,
                project_id: id,
                account_id: reporter.id,
                language_stars: report.language,
                domain_stars: report.domain,
                time_taken: 'week',
              })
              .execute()
          }
        }
        const rule = { threshold, minReports }
        // What the calibration page lists, counted as the home page words it: projects with a
        // rated axis flagged, and those resting on a demo report or a demo rating.
        const listed = new Map<number, boolean>()
        for (const row of await listDrift(rule, db)) {
          if (row.kind === 'unrated') continue
          const isDemo = row.demoReports > 0 || row.isDemoRating
          listed.set(row.projectId, (listed.get(row.projectId) ?? false) || isDemo)
        }
        expect(await countRatingDrift(rule, db)).toEqual({
          projects: listed.size,
          demo: [...listed.values()].filter(Boolean).length,
        })
      },
    ),
    { numRuns: 30 },
  )
})
