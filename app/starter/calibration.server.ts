import { sql, type Expression } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import type { ClaimOutcome, ProjectStatus, RatingAxis, Stars } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import type { Actor } from '../accounts/person'
import { refuse } from '../utils/refusal'

import {
  abandonmentTable,
  suggestedStars,
  type AbandonmentRow,
  type DriftKind,
  type DriftRule,
  type OutcomeCounts,
  type RatingLevel,
} from './calibration'
import type { FinishedTime } from './claim-feedback'
import { finishedTimeReported, rateStarterProject } from './project.server'

// The calibration page's reads: where contributors' reports drift from the maintainers'
// ratings, and how often claims end unfinished at each rating level. The drift rule is applied
// in SQL (it must scale to every project) and agrees with assessDrift in app/starter/calibration.ts
// (tested on random data).

export type DriftRow = {
  projectId: number
  title: string
  primaryDomain: string
  status: ProjectStatus
  axis: RatingAxis
  /** The maintainers' rating; null = unrated. */
  rating: Stars | null
  reports: number
  /** Of `reports`, those a demo person made: demo actions, and the page says so. */
  demoReports: number
  average: number
  /** average − rating (0 when unrated). */
  difference: number
  kind: DriftKind
  /** The contributors' average rounded to a star: what the one-click re-rate proposes. */
  suggested: Stars
  /** Who last rated this axis (from the audit; else whoever last rated the project). */
  maintainerLogin: string | null
  /** That rater is a demo person: a demo rating, and the page says so. */
  isDemoRating: boolean
  lastRatedAt: Date | null
  /** How long those who finished it took, as they reported it: time beside the stars. */
  finishedTime: FinishedTime
}

type DriftSqlRow = {
  project_id: number
  title: string
  primary_domain: string
  status: ProjectStatus
  axis: RatingAxis
  rating: Stars | null
  reports: number
  demo_reports: number
  sum: number
  maintainer_login: string | null
  maintainer_is_demo: boolean
  last_rated_at: Date | null
  finished_time: FinishedTime
}

/**
 * Which rows the drift rule's SQL holds: `flagged`, every project axis the rule flags (at least
 * `minReports` reports); `lone`, the rated axes whose reports differ by the threshold or more but
 * are fewer than `minReports`: a project one person finished may never get a second report.
 */
type DriftScope = 'flagged' | 'lone'

/**
 * The drift rule in SQL, once for all of its readers (listDrift, listLoneDisagreements,
 * countRatingDrift), so the calibration page, "Waiting for maintainers" and the call agenda
 * cannot disagree: the `drifting` CTE holds every project axis of `scope`, with
 * its rating, reports, demo reports and contributors' sum.
 * Exact arithmetic: |sum − rating × reports| ≥ threshold × reports, the threshold as numeric.
 */
function driftingAxes(rule: DriftRule, scope: DriftScope = 'flagged') {
  const least = Math.max(1, rule.minReports)
  // Lone reports are those the rule does not count yet: none when one report is enough.
  const reportCount =
    scope === 'flagged' ? sql`count(*) >= ${least}` : sql`count(*) >= 1 and count(*) < ${least}`
  // An unrated axis has no rating to disagree with: the rule lists it only once enough report.
  const unrated = scope === 'flagged' ? sql`axes.rating is null or` : sql``
  return sql`
    tally as (
      select f.project_id,
             count(*)::int as reports,
             (count(*) filter (where reporter.demo_role is not null))::int as demo_reports,
             sum(f.language_stars)::int as language_sum,
             sum(f.domain_stars)::int as domain_sum
        from claim_feedback f
        left join account reporter on reporter.id = f.account_id
       group by f.project_id
      having ${reportCount}
    ),
    drifting as (
      select t.project_id, axes.axis, axes.rating, t.reports, t.demo_reports, axes.sum
        from tally t
        join starter_project p on p.id = t.project_id
        cross join lateral (values
          ('language', p.language_stars, t.language_sum),
          ('domain', p.domain_stars, t.domain_sum)
        ) as axes(axis, rating, sum)
       where ${unrated}
             (axes.rating is not null
              and abs(axes.sum - axes.rating * t.reports) >= ${String(rule.threshold)}::numeric * t.reports)
    )`
}

/**
 * Who last rated a drifting axis `d` of project `p`: the audit's latest change of that axis, else
 * whoever last rated the project. Joined as `last_rating` and `rater`.
 */
const lastRater = sql`
      left join lateral (
        select ra.actor_login, ra.at, actor.demo_role is not null as is_demo
          from rating_audit ra
          left join account actor on actor.id = ra.actor_id
         where ra.project_id = p.id and ra.axis = d.axis
         order by ra.at desc, ra.id desc
         limit 1
      ) last_rating on true
      left join account rater on rater.id = p.rated_by`

const isDemoRating = sql`coalesce(last_rating.is_demo, rater.demo_role is not null, false)`

/** Every project axis the drift rule flags, the largest disagreement first, unrated axes last. */
export async function listDrift(rule: DriftRule, db: Database = getDb()): Promise<DriftRow[]> {
  return readDrift(rule, 'flagged', db)
}

/**
 * The rated project axes whose reports differ from the rating by the threshold or more but are
 * too few for the rule (fewer than `minReports`), the largest disagreement first: never drift, yet
 * a project one person finished may get no second report, so they are listed apart on the
 * calibration page, in "Waiting for maintainers" and on the call's agenda. None when the rule asks
 * for one report.
 */
export async function listLoneDisagreements(
  rule: DriftRule,
  db: Database = getDb(),
): Promise<DriftRow[]> {
  if (rule.minReports <= 1) return []
  return readDrift(rule, 'lone', db)
}

async function readDrift(rule: DriftRule, scope: DriftScope, db: Database): Promise<DriftRow[]> {
  const { rows } = await sql<DriftSqlRow>`
    with ${driftingAxes(rule, scope)}
    select p.id as project_id, p.title, p.primary_domain, p.status,
           d.axis, d.rating, d.reports, d.demo_reports, d.sum,
           coalesce(last_rating.actor_login, rater.login) as maintainer_login,
           ${isDemoRating} as maintainer_is_demo,
           coalesce(last_rating.at, p.rated_at) as last_rated_at,
           ${finishedTimeReported(sql.ref('p.id'))} as finished_time
      from drifting d
      join starter_project p on p.id = d.project_id
      ${lastRater}
  `.execute(db)
  return rows
    .map((row): DriftRow => {
      const average = row.sum / row.reports
      const difference = row.rating === null ? 0 : average - row.rating
      return {
        projectId: row.project_id,
        title: row.title,
        primaryDomain: row.primary_domain,
        status: row.status,
        axis: row.axis,
        rating: row.rating,
        reports: row.reports,
        demoReports: row.demo_reports,
        average,
        difference,
        kind: row.rating === null ? 'unrated' : difference > 0 ? 'harder' : 'easier',
        suggested: suggestedStars(average),
        maintainerLogin: row.maintainer_login,
        isDemoRating: row.maintainer_is_demo,
        lastRatedAt: row.last_rated_at,
        finishedTime: row.finished_time,
      }
    })
    .sort(
      (a, b) =>
        Number(a.rating === null) - Number(b.rating === null) ||
        Math.abs(b.difference) - Math.abs(a.difference) ||
        b.reports - a.reports ||
        a.projectId - b.projectId ||
        a.axis.localeCompare(b.axis),
    )
}

/**
 * How many projects the calibration page flags as rated away from what contributors reported
 * (harder or easier, on either axis), and how many of those rest on a demo report or a demo
 * rating: the count "waiting for maintainers" shows. Unrated axes are left out: they have no
 * rating to drift from, and the open ones are in the triage queue already.
 */
export async function countRatingDrift(
  rule: DriftRule,
  db: Database = getDb(),
): Promise<{ projects: number; demo: number }> {
  // Counted in SQL, over the same `drifting` rows listDrift reads: the home page asks on every
  // maintainer visit and needs neither titles nor order. The rater is looked up only for rated
  // axes, the ones counted.
  const { rows } = await sql<{ projects: number; demo: number }>`
    with ${driftingAxes(rule)},
    rated as (
      select d.project_id, d.demo_reports > 0 or ${isDemoRating} as is_demo
        from drifting d
        join starter_project p on p.id = d.project_id
        ${lastRater}
       where d.rating is not null
    )
    select count(distinct project_id)::int as projects,
           (count(distinct project_id) filter (where is_demo))::int as demo
      from rated
  `.execute(db)
  return rows[0] ?? { projects: 0, demo: 0 }
}

/**
 * True for a project (`projectId`) that "Waiting for maintainers" lists as rated away from its
 * reports: a rated axis the rule flags (countRatingDrift's) or a lone report's
 * (listLoneDisagreements'). The home page reads a notice of a disagreeing report as about what
 * waits while its project is listed there, so it is said once.
 */
export function isRatedAwayFromReports(projectId: Expression<number>, rule: DriftRule) {
  const lone =
    rule.minReports > 1
      ? sql`or exists (with ${driftingAxes(rule, 'lone')}
          select 1 from drifting d where d.project_id = ${projectId})`
      : sql``
  return sql<boolean>`(exists (with ${driftingAxes(rule)}
      select 1 from drifting d where d.project_id = ${projectId} and d.rating is not null) ${lone})`
}

/**
 * Ended claims per axis, rating level and outcome, the level being the project's rating when
 * the claim was made (a later re-rate does not move old claims): the last audited rating at or
 * before the claim, else what the first later change replaced, else the current rating.
 */
export async function getAbandonmentByLevel(db: Database = getDb()): Promise<AbandonmentRow[]> {
  const { rows } = await sql<{
    axis: RatingAxis
    stars: Stars | null
    outcome: ClaimOutcome
    count: number
  }>`
    select ax.axis,
           case when before_claim.found then before_claim.stars
                when after_claim.found then after_claim.stars
                when ax.axis = 'language' then p.language_stars
                else p.domain_stars end as stars,
           c.outcome,
           count(*)::int as count
      from starter_claim c
      join starter_project p on p.id = c.project_id
      cross join (values ('language'), ('domain')) as ax(axis)
      left join lateral (
        select true as found, ra.to_stars as stars
          from rating_audit ra
         where ra.project_id = c.project_id and ra.axis = ax.axis and ra.at <= c.claimed_at
         order by ra.at desc, ra.id desc
         limit 1
      ) before_claim on true
      left join lateral (
        select true as found, ra.from_stars as stars
          from rating_audit ra
         where ra.project_id = c.project_id and ra.axis = ax.axis and ra.at > c.claimed_at
         order by ra.at, ra.id
         limit 1
      ) after_claim on true
     where c.ended_at is not null
     group by 1, 2, 3
  `.execute(db)
  const counts = new Map<string, OutcomeCounts>()
  for (const row of rows) {
    const key = `${row.axis}:${row.stars ?? 'unrated'}`
    const entry = counts.get(key) ?? { done: 0, abandoned: 0, released: 0 }
    entry[row.outcome] += row.count
    counts.set(key, entry)
  }
  return abandonmentTable((axis, level: RatingLevel) => counts.get(`${axis}:${level}`))
}

/** Claims that ended, and how many of them demo people made: the abandonment table counts both. */
export async function countEndedClaims(db: Database = getDb()) {
  const row = await db
    .selectFrom('starter_claim as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .where('c.ended_at', 'is not', null)
    .select([
      sql<number>`count(*)::int`.as('ended'),
      sql<number>`(count(*) filter (where a.demo_role is not null))::int`.as('demo'),
    ])
    .executeTakeFirstOrThrow()
  return { ended: row.ended, demo: row.demo }
}

/**
 * The calibration page's one-click re-rate: sets one axis, keeping the other, through
 * rateStarterProject (so it is audited). Refused when the rating is no longer `from` (someone
 * re-rated since the page was loaded). Returns whether anything changed.
 */
export async function rerateAxis(
  projectId: number,
  axis: RatingAxis,
  change: { from: Stars | null; to: Stars },
  actor: Actor | null,
  db: Database = getDb(),
): Promise<{ changed: boolean; title: string }> {
  return inTransaction(db, async (trx) => {
    const project = await trx
      .selectFrom('starter_project')
      .select(['title', 'language_stars', 'domain_stars'])
      .where('id', '=', projectId)
      .forUpdate()
      .executeTakeFirst()
    if (!project) refuse('There is no such starter project.', 404)
    const current = axis === 'language' ? project.language_stars : project.domain_stars
    if (current !== change.from) {
      refuse(
        `Someone re-rated this since you loaded the page (now ${current === null ? 'unrated' : `${current}★`}); nothing changed.`,
        409,
      )
    }
    const changed = await rateStarterProject(
      projectId,
      {
        languageStars: axis === 'language' ? change.to : project.language_stars,
        domainStars: axis === 'domain' ? change.to : project.domain_stars,
      },
      actor,
      trx,
    )
    // The title: the re-rated row leaves the drift list, so the page names what changed.
    return { changed, title: project.title }
  })
}
