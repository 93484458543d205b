import { sql } from 'kysely'

import { getDb, isUniqueViolation, type Database } from '../../db/client.server'
import type { Stars } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { isDemoAccount } from '../accounts/account.server'
import type { Person } from '../accounts/person'
import {
  followUnlessChosen,
  LAPSED_NEWS_MS,
  notifyClaimEvent,
  notifyClaimReleased,
  notifyProjectFreed,
  notifyReportDisagrees,
} from '../notifications/notify.server'
import { formatDate, formatDateTime } from '../utils/format'
import { refuse } from '../utils/refusal'

import { axisNameInSentence, axisSubject } from './axes'
import {
  assessDrift,
  describeDisagreements,
  driftEntryId,
  reportDisagreements,
} from './calibration'
import { FEEDBACK_NOTE_MAX, TIME_TAKEN, type ClaimFeedbackInput } from './claim-feedback'
import { RENEWAL_WINDOW_DAYS, renewalOpensAt } from './claim-time'
import { finishLinkRef, formatFinishLink, type FinishLink } from './finish-link'
import { withFinishLinks } from './finish-link.server'
import { isMentorOf } from './project.server'
import {
  claimStoppedAt,
  isRenewalOpen,
  isRunningClaim,
  leftProjectFree,
} from './running-claim.server'
import { getStarterSettings } from './settings.server'

// Claims instead of GitHub assignees (non-members cannot be assigned on GitHub). A claim runs
// until it ends (done / abandoned by its holder, released by a maintainer) or lapses: it expires
// CLAIM_DAYS after it was made or last renewed. The account is always the signed-in person: no
// function here takes "who to claim for" apart from the person acting.
//
// Stale (what a maintainer may release without confirming): lapsed, or made or renewed longer
// than CLAIM_DAYS ago (the setting may have been lowered since). Any other running claim can be
// released too, but only with an explicit confirmation.

// Whole 24-hour days, so a claim's length never shifts with a daylight-saving change.
const expiresIn = (days: number) => sql<Date>`now() + make_interval(hours => ${days * 24})`

/** Locks the project row, so claims on one project are decided one at a time. */
async function lockProject(projectId: number, db: Database) {
  const project = await db
    .selectFrom('starter_project')
    .select(['id', 'title', 'status', 'size', 'issue_id'])
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!project) refuse('There is no such starter project.', 404)
  return project
}

/**
 * The claim, locked for the transaction so that an answer, a reply, a renewal or an ending on it
 * take turns; refused (404) when it is not on this project.
 */
export async function lockClaim(projectId: number, claimId: number, db: Database) {
  const claim = await db
    .selectFrom('starter_claim')
    .select([
      'id',
      'account_id',
      'claimed_at',
      'renewed_at',
      'expires_at',
      'ended_at',
      'outcome',
      isRunningClaim().as('is_running'),
      isRenewalOpen().as('is_renewable'),
    ])
    .where('id', '=', claimId)
    .where('project_id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!claim) refuse('There is no such claim on this project.', 404)
  return claim
}

function isStaleExpression(claimDays: number) {
  return sql<boolean>`(starter_claim.expires_at <= now() or coalesce(starter_claim.renewed_at, starter_claim.claimed_at) <= now() - make_interval(hours => ${claimDays * 24}))`
}

function refuseUnlessOpen(project: { status: string }, doing: string) {
  if (project.status === 'done') {
    refuse(`This project is done: it cannot be ${doing}.`, 409)
  }
  if (project.status === 'inactive') {
    refuse(`This project is inactive: it cannot be ${doing}.`, 409)
  }
}

/**
 * A mentor named by her account does not claim the project she mentors: she is told of its
 * claims and answers them, so her claim would wait for her own answer, and on a one-person
 * project it would shut out the newcomers she is there to guide. A maintainer who mentors it is
 * the same case: it is being named a mentor that makes her the one who answers, not her role, and
 * a maintainer who does not mentor it may claim it like anyone. To work on it herself, she first
 * comes off its mentors (on the edit page), so the page never shows her as both.
 */
async function refuseOwnMentor(projectId: number, person: Person, db: Database) {
  if (await isMentorOf(projectId, person.id, db)) {
    refuse(
      'You mentor this project, so you answer whoever works on it rather than claim it. To work on it yourself, first take your name off its mentors (a maintainer does it under “Edit / tag”).',
      409,
    )
  }
}

/**
 * A claim she made before being named a mentor of the project runs out as it is, but is not
 * renewed: as a mentor she answers whoever works on it (`refuseOwnMentor`), and a renewed claim
 * would keep a one-person project from the newcomers she now guides.
 */
async function refuseRenewalByMentor(projectId: number, person: Person, db: Database) {
  if (await isMentorOf(projectId, person.id, db)) {
    refuse(
      'You mentor this project now, so you answer whoever works on it rather than renew your claim. To keep working on it yourself, first take your name off its mentors (a maintainer does it under “Edit / tag”).',
      409,
    )
  }
}

/**
 * "I'm working on this": starts a claim for the signed-in person. Refused on a done or inactive
 * project, by one of its mentors (`refuseOwnMentor`), when they already hold a running claim on
 * it, and on a non-elastic project someone else is working on. Claiming again after one's own claim lapsed renews that claim.
 */
export async function claimStarterProject(
  projectId: number,
  person: Person,
  db: Database = getDb(),
  claimDays: number = getStarterSettings().claimDays,
) {
  try {
    return await inTransaction(db, async (trx) => {
      // Two people claiming a one-person project at once: the second waits here, then sees
      // the first one's claim.
      const project = await lockProject(projectId, trx)
      refuseUnlessOpen(project, 'claimed')
      await refuseOwnMentor(projectId, person, trx)
      const unended = await trx
        .selectFrom('starter_claim as c')
        .innerJoin('account as a', 'a.id', 'c.account_id')
        .select([
          'c.id',
          'c.account_id',
          'a.login',
          'c.claimed_at',
          isRunningClaim('c').as('is_running'),
        ])
        .where('c.project_id', '=', projectId)
        .where('c.ended_at', 'is', null)
        .execute()
      const mine = unended.find((claim) => claim.account_id === person.id)
      if (mine?.is_running) {
        refuse(
          `You are already working on this project (since ${formatDate(mine.claimed_at)}).`,
          409,
        )
      }
      const other = unended.find((claim) => claim.is_running && claim.account_id !== person.id)
      if (other && project.size !== 'elastic') {
        refuse(
          `${other.login} is already working on this project (since ${formatDate(other.claimed_at)}); only elastic projects take several people.`,
          409,
        )
      }
      const claim = mine
        ? // Coming back to a lapsed claim carries on with it rather than counting an ending.
          await trx
            .updateTable('starter_claim')
            .set({ renewed_at: sql<Date>`now()`, expires_at: expiresIn(claimDays) })
            .where('id', '=', mine.id)
            .returning(['id', 'claimed_at', 'renewed_at', 'expires_at'])
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('starter_claim')
            .values({
              project_id: projectId,
              account_id: person.id,
              expires_at: expiresIn(claimDays),
            })
            .returning(['id', 'claimed_at', 'renewed_at', 'expires_at'])
            .executeTakeFirstOrThrow()
      await notifyClaimEvent(trx, {
        projectId,
        claimId: claim.id,
        event: 'claimed',
        actor: person,
        claimedAt: claim.renewed_at ?? claim.claimed_at,
      })
      // Working on it, she follows it, as a +1 follows an idea (unless she chose already): My
      // work said "You follow nothing yet" right after a claim, and another's claim on her
      // elastic project, or its finish, reached its followers but not her.
      const followed = await followUnlessChosen(trx, person.id, { type: 'project', id: projectId })
      return { ...claim, followed }
    })
  } catch (error) {
    // The same person claiming twice at once: the partial unique index lets one through.
    if (isUniqueViolation(error)) {
      refuse('You are already working on this project.', 409)
    }
    throw error
  }
}

/**
 * Pushes one's own running claim out to CLAIM_DAYS from now, once it is in its last days
 * (`isRenewalOpen`); returns the new expiry.
 */
export async function renewClaim(
  projectId: number,
  claimId: number,
  person: Person,
  db: Database = getDb(),
  claimDays: number = getStarterSettings().claimDays,
): Promise<Date> {
  return inTransaction(db, async (trx) => {
    const project = await lockProject(projectId, trx)
    const claim = await lockClaim(projectId, claimId, trx)
    if (claim.account_id !== person.id) {
      refuse('You can only renew your own claim.', 403)
    }
    if (claim.ended_at) {
      refuse(`This claim ended on ${formatDate(claim.ended_at)}.`, 409)
    }
    // Not ended (checked just above), so a claim that is not running has lapsed.
    if (!claim.is_running) {
      refuse(`This claim lapsed on ${formatDate(claim.expires_at)}: claim the project again.`, 409)
    }
    refuseUnlessOpen(project, 'renewed')
    await refuseRenewalByMentor(projectId, person, trx)
    // Renewing early is refused rather than quietly done: the page offers it only in the
    // claim's last days, so an early request comes from a page left open (or a second click)
    // and would only move the end date by the days since the claim was made. Saying until when
    // the claim holds, and when renewing opens, is what the person needs to know.
    if (!claim.is_renewable) {
      refuse(
        `Your claim already runs until ${formatDateTime(claim.expires_at)}: you can renew it in its last ${RENEWAL_WINDOW_DAYS} days, from ${formatDateTime(renewalOpensAt(claim.expires_at))}.`,
        409,
      )
    }
    const { expires_at } = await trx
      .updateTable('starter_claim')
      .set({ renewed_at: sql<Date>`now()`, expires_at: expiresIn(claimDays) })
      .where('id', '=', claimId)
      .returning('expires_at')
      .executeTakeFirstOrThrow()
    return expires_at
  })
}

/**
 * Ends one's own claim: "I finished it" (done) or "I'm stopping" (abandoned); a lapsed claim
 * can still be ended. Finishing a one-person project marks it done, unless it is attached to a
 * GitHub issue: then the issue's state decides (the mirror closes the project with the issue).
 */
export async function endClaim(
  projectId: number,
  claimId: number,
  person: Person,
  outcome: 'done' | 'abandoned',
  db: Database = getDb(),
  /** The pull request or issue that did it (finishing only; optional, `parseFinishLink`). */
  { finishLink = null }: { finishLink?: FinishLink | null } = {},
) {
  return inTransaction(db, async (trx) => {
    const project = await lockProject(projectId, trx)
    const claim = await lockClaim(projectId, claimId, trx)
    if (claim.account_id !== person.id) {
      refuse('You can only end your own claim.', 403)
    }
    if (claim.ended_at) {
      refuse(`This claim already ended on ${formatDate(claim.ended_at)}.`, 409)
    }
    await trx
      .updateTable('starter_claim')
      .set({
        ended_at: sql<Date>`now()`,
        outcome,
        ended_by: person.id,
        finish_link: outcome === 'done' && finishLink ? formatFinishLink(finishLink) : null,
        // Every finish now goes through the confirmation that asks for the link.
        finish_link_asked: outcome === 'done',
      })
      .where('id', '=', claimId)
      .execute()
    await notifyClaimEvent(trx, {
      projectId,
      claimId,
      event: outcome === 'done' ? 'finished' : 'abandoned',
      actor: person,
      // The mentors see the work, not only her word: the notice names it.
      finishedWith: outcome === 'done' && finishLink ? finishLinkRef(finishLink) : undefined,
    })
    const finishesProject =
      outcome === 'done' &&
      project.size !== 'elastic' &&
      project.issue_id === null &&
      project.status === 'open'
    if (finishesProject) {
      await trx
        .updateTable('starter_project')
        .set({ status: 'done', updated_at: new Date() })
        .where('id', '=', projectId)
        .execute()
    }
    // Said to whoever ends a claim on a project that stays open: "for the others working on it"
    // must not be said when nobody else is.
    const { others } = await trx
      .selectFrom('starter_claim')
      .select(sql<number>`count(*)::int`.as('others'))
      .where('project_id', '=', projectId)
      .where('id', '!=', claimId)
      .where(isRunningClaim())
      .executeTakeFirstOrThrow()
    return {
      projectDone: finishesProject,
      followsIssue: outcome === 'done' && project.issue_id !== null,
      othersWorking: others,
    }
  })
}

/**
 * A maintainer ends someone's claim (outcome "released"). A stale claim goes at once; a claim
 * that is still active needs `confirmed`, so a click on the wrong row does not end it.
 */
export async function releaseClaim(
  projectId: number,
  claimId: number,
  maintainer: Person,
  { confirmed }: { confirmed: boolean },
  db: Database = getDb(),
  claimDays: number = getStarterSettings().claimDays,
) {
  return inTransaction(db, async (trx) => {
    await lockProject(projectId, trx)
    const claim = await lockClaim(projectId, claimId, trx)
    if (claim.ended_at) {
      refuse(`This claim already ended on ${formatDate(claim.ended_at)}.`, 409)
    }
    const { is_stale } = await trx
      .selectFrom('starter_claim')
      .select(isStaleExpression(claimDays).as('is_stale'))
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow()
    if (!is_stale && !confirmed) {
      refuse(
        `This claim is still active (until ${formatDate(claim.expires_at)}): confirm to release it anyway.`,
        409,
      )
    }
    await trx
      .updateTable('starter_claim')
      .set({ ended_at: sql<Date>`now()`, outcome: 'released', ended_by: maintainer.id })
      .where('id', '=', claimId)
      .execute()
    await notifyClaimReleased(trx, { claimId, releasedBy: maintainer })
    await notifyIfReleaseFreesProject(trx, claimId, maintainer)
    return { wasStale: is_stale }
  })
}

/**
 * A released claim that leaves its project free (`leftProjectFree`) tells its mentors and
 * followers, in the release's transaction (`notifyProjectFreed`). A claim that had lapsed already
 * freed the project at its lapse: the reminders job has told them then, under the same event, so
 * the release tells nobody twice; a lapse older than LAPSED_NEWS_MS is not news, as for the job.
 */
async function notifyIfReleaseFreesProject(trx: Database, claimId: number, maintainer: Person) {
  const freed = await trx
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.project_id',
      'c.account_id',
      'c.expires_at',
      'a.login',
      sql<boolean>`c.expires_at <= c.ended_at`.as('had_lapsed'),
    ])
    .where('c.id', '=', claimId)
    .where(leftProjectFree(sql<Date>`now()`))
    .where(
      claimStoppedAt('c'),
      '>',
      sql<Date>`now() - make_interval(secs => ${LAPSED_NEWS_MS / 1000})`,
    )
    .executeTakeFirst()
  if (!freed) return
  await notifyProjectFreed(trx, {
    projectId: freed.project_id,
    claim: freed,
    claimant: { id: freed.account_id, login: freed.login },
    lapsed: freed.had_lapsed,
    releasedBy: maintainer,
  })
}

function refuseBadFeedback(feedback: ClaimFeedbackInput) {
  for (const [axis, stars] of [
    ['language', feedback.languageStars],
    ['domain', feedback.domainStars],
  ] as const) {
    if (![1, 2, 3].includes(stars)) {
      refuse(
        `The ${axisNameInSentence(axis, getStarterSettings().languageName)} must be 1, 2 or 3 stars.`,
        400,
      )
    }
  }
  if (!TIME_TAKEN.includes(feedback.timeTaken)) {
    refuse(`The time taken must be one of: ${TIME_TAKEN.join(', ')}.`, 400)
  }
  if (feedback.note.length > FEEDBACK_NOTE_MAX) {
    refuse(`The note must be at most ${FEEDBACK_NOTE_MAX} characters.`, 400)
  }
}

/** What the person who held an ended claim met; one report per claim. */
export async function submitClaimFeedback(
  projectId: number,
  claimId: number,
  person: Person,
  feedback: ClaimFeedbackInput,
  db: Database = getDb(),
) {
  refuseBadFeedback(feedback)
  try {
    // What the report was about, for the step after it (nextProjectStep in next-step.ts).
    return await inTransaction(db, async (trx) => {
      const claim = await lockClaim(projectId, claimId, trx)
      if (claim.account_id !== person.id) {
        refuse('Only the person who held this claim can report on it.', 403)
      }
      if (!claim.ended_at) {
        refuse('This claim is still running: say whether you finished or stopped first.', 409)
      }
      const existing = await trx
        .selectFrom('claim_feedback')
        .select('created_at')
        .where('claim_id', '=', claimId)
        .executeTakeFirst()
      if (existing) {
        refuse(`You already reported on this claim (${formatDate(existing.created_at)}).`, 409)
      }
      await trx
        .insertInto('claim_feedback')
        .values({
          claim_id: claimId,
          project_id: projectId,
          account_id: person.id,
          language_stars: feedback.languageStars,
          domain_stars: feedback.domainStars,
          time_taken: feedback.timeTaken,
          note: feedback.note.trim(),
        })
        .execute()
      const project = await trx
        .selectFrom('starter_project')
        .select(['language_stars', 'domain_stars', 'primary_domain', 'secondary_domains'])
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow()
      const effect = await notifyIfReportDisagrees(trx, {
        projectId,
        claimId,
        person,
        feedback,
        project,
      })
      return {
        effect,
        outcome: claim.outcome!,
        languageStars: project.language_stars,
        domains: [project.primary_domain, ...project.secondary_domains],
      }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      refuse('You already reported on this claim.', 409)
    }
    throw error
  }
}

/**
 * What one report did to its project's rating, for the thanks said to its reporter: the rules
 * below in her case, not as conditionals she has to apply herself. `unrated`: an axis has no
 * rating to compare with and the other agrees; `disagrees` says who was told (`told`: how many
 * notices were written) and whether the reports so far now ask for a new rating (`isFlagged`).
 */
export type ReportEffect =
  | { kind: 'agrees' }
  | { kind: 'unrated' }
  | { kind: 'disagrees'; finding: string; told: number; isFlagged: boolean; reports: number }

/**
 * A report the drift threshold or more away from the current rating, on either axis, is told to
 * the maintainers and the project's mentors (`notifyReportDisagrees`), in the report's
 * transaction: a lone report otherwise waits on the calibration page for someone to look. The
 * notice leads a maintainer to the calibration page's entry when the project is listed there
 * (the average of all its reports on that axis is off too), else to the report.
 */
async function notifyIfReportDisagrees(
  trx: Database,
  {
    projectId,
    claimId,
    person,
    feedback,
    project,
  }: {
    projectId: number
    claimId: number
    person: Person
    feedback: ClaimFeedbackInput
    project: { language_stars: Stars | null; domain_stars: Stars | null }
  },
): Promise<ReportEffect> {
  const { driftThreshold: threshold, driftMinReports, languageName } = getStarterSettings()
  const rating = { language: project.language_stars, domain: project.domain_stars }
  const disagreements = reportDisagreements(
    rating,
    { language: feedback.languageStars, domain: feedback.domainStars },
    threshold,
  )
  if (disagreements.length === 0) {
    return { kind: rating.language === null || rating.domain === null ? 'unrated' : 'agrees' }
  }
  const tally = await trx
    .selectFrom('claim_feedback')
    .select([
      sql<number>`count(*)::int`.as('reports'),
      sql<number>`sum(language_stars)::int`.as('language'),
      sql<number>`sum(domain_stars)::int`.as('domain'),
    ])
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  const listed = disagreements.find(
    ({ axis }) =>
      assessDrift(
        { rating: rating[axis], reports: tally.reports, sum: tally[axis] },
        { threshold, minReports: 1 },
      ) !== null,
  )
  const finding = describeDisagreements(disagreements, (axis) => axisSubject(axis, languageName))
  const told = await notifyReportDisagrees(trx, {
    claimId,
    projectId,
    finding,
    calibrationLink: listed ? `/starter/calibration#${driftEntryId(projectId, listed.axis)}` : null,
    actor: person,
  })
  // Flagged for a new rating by the calibration page's own rule, the minimum number of reports
  // included: "once 2 reports say so" said to the second reporter read as still waiting.
  const isFlagged = disagreements.some(
    ({ axis }) =>
      assessDrift(
        { rating: rating[axis], reports: tally.reports, sum: tally[axis] },
        { threshold, minReports: driftMinReports },
      ) !== null,
  )
  return { kind: 'disagrees', finding, told, isFlagged, reports: tally.reports }
}

/** Claims on a project that have not ended, running or lapsed, oldest first, with who holds them. */
export async function listUnendedClaims(
  projectId: number,
  db: Database = getDb(),
  claimDays: number = getStarterSettings().claimDays,
) {
  return db
    .selectFrom('starter_claim')
    .innerJoin('account as a', 'a.id', 'starter_claim.account_id')
    .select([
      'starter_claim.id',
      'starter_claim.account_id',
      'a.login',
      'a.avatar_url',
      'starter_claim.claimed_at',
      'starter_claim.renewed_at',
      'starter_claim.expires_at',
      isRunningClaim().as('is_running'),
      isRenewalOpen().as('is_renewable'),
      isStaleExpression(claimDays).as('is_stale'),
      // A demo person's claim is a demo action, and the panel says so.
      sql<boolean>`a.demo_role is not null`.as('is_demo'),
    ])
    .where('starter_claim.project_id', '=', projectId)
    .where('starter_claim.ended_at', 'is', null)
    .orderBy('starter_claim.claimed_at')
    .orderBy('starter_claim.id')
    .execute()
}

export type UnendedClaim = Awaited<ReturnType<typeof listUnendedClaims>>[number]

/**
 * The stale claims a maintainer may release (see "Stale" above), for "waiting for maintainers":
 * how many, how many a demo person holds (demo actions), and the first few projects that carry
 * one, longest untouched first, whose pages hold the release button.
 */
export async function getStaleClaims(
  limit: number,
  db: Database = getDb(),
  claimDays: number = getStarterSettings().claimDays,
) {
  const stale = db
    .selectFrom('starter_claim')
    .where('starter_claim.ended_at', 'is', null)
    .where(isStaleExpression(claimDays))
  const [counts, projects] = await Promise.all([
    stale
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`(count(*) filter (where ${isDemoAccount(sql.ref('starter_claim.account_id'))}))::int`.as(
          'demo',
        ),
        sql<number>`count(distinct starter_claim.project_id)::int`.as('project_count'),
      ])
      .executeTakeFirstOrThrow(),
    stale
      .innerJoin('starter_project as p', 'p.id', 'starter_claim.project_id')
      .select([
        'p.id',
        'p.title',
        sql<Date>`min(coalesce(starter_claim.renewed_at, starter_claim.claimed_at))`.as('since'),
      ])
      .groupBy(['p.id', 'p.title'])
      .orderBy('since')
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  ])
  return {
    count: counts.count,
    demo: counts.demo,
    projectCount: counts.project_count,
    projects: projects.map(({ id, title }) => ({ id, title })),
  }
}

/** A person's ended claims on a project that still await their report, most recent first. */
export async function listClaimsAwaitingFeedback(
  projectId: number,
  accountId: number,
  db: Database = getDb(),
) {
  return db
    .selectFrom('starter_claim as c')
    .leftJoin('claim_feedback as f', 'f.claim_id', 'c.id')
    .select(['c.id', 'c.claimed_at', 'c.ended_at', 'c.outcome'])
    .where('c.project_id', '=', projectId)
    .where('c.account_id', '=', accountId)
    .where('c.ended_at', 'is not', null)
    .where('f.claim_id', 'is', null)
    .orderBy('c.ended_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/** How the claims on a project ended, with any report, most recent first (the page's history). */
export async function listEndedClaims(projectId: number, db: Database = getDb(), limit = 20) {
  const rows = await db
    .selectFrom('starter_claim as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .leftJoin('account as ender', 'ender.id', 'c.ended_by')
    .leftJoin('claim_feedback as f', 'f.claim_id', 'c.id')
    .select([
      'c.id',
      'a.login',
      'c.claimed_at',
      'c.ended_at',
      'c.outcome',
      'ender.login as ended_by_login',
      sql<boolean>`coalesce(ender.demo_role is not null, false)`.as('ended_by_demo'),
      'f.language_stars as reported_language_stars',
      'f.domain_stars as reported_domain_stars',
      'f.time_taken as reported_time_taken',
      'f.note as reported_note',
      'c.finish_link',
      'c.finish_link_asked',
      // A demo person's claim and report are demo actions (decision 012).
      sql<boolean>`a.demo_role is not null`.as('is_demo'),
    ])
    .where('c.project_id', '=', projectId)
    .where('c.ended_at', 'is not', null)
    .orderBy('c.ended_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
  return withFinishLinks(rows, db)
}

export type EndedClaim = Awaited<ReturnType<typeof listEndedClaims>>[number]

/**
 * Who finished the project (claims that ended done), first finisher first: once nobody works on
 * it any more, the page credits them instead of saying "Nobody yet".
 */
export async function listFinishers(projectId: number, db: Database = getDb()) {
  const rows = await db
    .selectFrom('starter_claim as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.account_id',
      'a.login',
      sql<boolean>`a.demo_role is not null`.as('is_demo'),
      // The credit shows the work too: her pull request, by its title when mirrored.
      'c.finish_link',
    ])
    .where('c.project_id', '=', projectId)
    .where('c.outcome', '=', 'done')
    .orderBy('c.ended_at', 'asc')
    .orderBy('c.id', 'asc')
    .execute()
  return withFinishLinks(rows, db)
}
