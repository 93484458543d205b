import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import { demoActorLogin, isDemoAccount } from '../accounts/account.server'
import { personName } from '../accounts/person'
import {
  ideaStandingColumns,
  listIdeasTakenPartIn,
  withStanding,
} from '../roadmap/taken-part.server'
import { listSettingsToFix } from '../setup/to-fix.server'
import {
  countRatingDrift,
  isRatedAwayFromReports,
  listLoneDisagreements,
  type DriftRow,
} from '../starter/calibration.server'
import { countBoardCandidates } from '../starter/candidate.server'
import {
  claimAnswersOf,
  getUnansweredClaims,
  listClaimsToAnswer,
  listMentoredProjects,
} from '../starter/claim-answer.server'
import { getStaleClaims } from '../starter/claim.server'
import { withFinishLinks } from '../starter/finish-link.server'
import { getWaitingGapRequests } from '../starter/gap-request.server'
import { getWaitingMentorOffers } from '../starter/mentor-offer.server'
import { nextProjectStep, whereToAsk } from '../starter/next-step'
import { isRenewalOpen } from '../starter/running-claim.server'
import { getStarterSettings } from '../starter/settings.server'
import { buildSupplyMatrix } from '../starter/supply'
import { isAnyProjectRated, listOpenSupplyGroups } from '../starter/supply.server'
import { countProjectsToTriage } from '../starter/triage.server'

import {
  getUnreadSummary,
  listFollows,
  listNewestUnread,
  type WaitingWorkRule,
} from './inbox.server'
import { isAboutWaitingWork, REPORT_DISAGREES_PREFIX } from './notify.server'
import { claimReminderKey } from './reminders.server'
import { getSinceLastVisit } from './visits.server'

// "My work" (/me): what a person has going on across the board, read in one place. The rules
// stay with their features (claims in starter, decisions in roadmap); this only gathers.

const LIST_LIMIT = 50
/** Ideas one +1'd or commented on: the latest few, and how many more. */
const TAKEN_PART_LIMIT = 20

export async function getMyWork(accountId: number, db: Database = getDb()) {
  const [
    claims,
    finished,
    ideas,
    requests,
    follows,
    takenPart,
    claimsToAnswer,
    mentored,
    ownIdeasHeard,
  ] = await Promise.all([
    listOpenClaims(accountId, LIST_LIMIT, db),
    db
      .selectFrom('starter_claim as c')
      .innerJoin('starter_project as p', 'p.id', 'c.project_id')
      .leftJoin('claim_feedback as f', 'f.claim_id', 'c.id')
      .select((eb) => [
        'c.id',
        'c.project_id',
        'p.title',
        'c.ended_at',
        'c.outcome',
        sql<boolean>`f.claim_id is not null`.as('reported'),
        // For the step after it (nextProjectStep): what it was rated, where, and what she met.
        'p.language_stars',
        'p.primary_domain',
        'p.secondary_domains',
        'f.language_stars as reported_language_stars',
        // What she reported, said beside the rating on her ended claim (describeOwnReport).
        'p.domain_stars',
        'f.domain_stars as reported_domain_stars',
        'c.finish_link',
        // What mentors answered stays part of the claim's history once it ends.
        claimAnswersOf(eb.ref('c.id'), db).as('answers'),
      ])
      .where('c.account_id', '=', accountId)
      .where('c.ended_at', 'is not', null)
      .orderBy('c.ended_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(LIST_LIMIT)
      .execute()
      .then((rows) => withFinishLinks(rows, db)),
    db
      .selectFrom('idea as i')
      .innerJoin('release_target as t', 't.id', 'i.release_target_id')
      .leftJoin('idea as m', 'm.id', 'i.merged_into_id')
      .select((eb) => [
        'i.id',
        'i.title',
        // The round its standing names is one of this target's: /me names the target.
        't.name as target_name',
        'i.status',
        'i.merged_into_id',
        'm.title as merged_into_title',
        ...ideaStandingColumns(eb),
      ])
      .where('i.author_id', '=', accountId)
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
    db
      .selectFrom('gap_request as g')
      .leftJoin('starter_project as p', 'p.id', 'g.answer_project_id')
      .leftJoin('account as ab', 'ab.id', 'g.answered_by')
      .select((eb) => [
        'g.id',
        'ab.login as answered_by_login',
        'g.created_at',
        'g.note',
        'g.domains',
        'g.answered_at',
        'g.answer_project_id',
        'g.answer_note',
        'p.title as answer_project_title',
        isDemoAccount(eb.ref('g.answered_by')).as('is_demo_answer'),
      ])
      .where('g.account_id', '=', accountId)
      .orderBy('g.created_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
    listFollows(accountId, db),
    listIdeasTakenPartIn(accountId, TAKEN_PART_LIMIT, db),
    // A mentor's side of the loop: claims on her projects nobody has answered yet, and the
    // projects themselves (who is on them, the reports sent).
    listClaimsToAnswer(accountId, LIST_LIMIT, db),
    listMentoredProjects(accountId, LIST_LIMIT, db),
    getOwnIdeasHeard(accountId, db),
  ])
  // Her last claim finished and reported: the next project is a step up from it, as the report's
  // thanks offered (she may not have followed it then).
  const last = finished[0]
  const nextProject =
    last?.outcome && last.reported_language_stars !== null
      ? nextProjectStep({
          outcome: last.outcome,
          languageStars: last.language_stars,
          metLanguageStars: last.reported_language_stars,
          projectDomains: [last.primary_domain, ...last.secondary_domains],
          boardDomains: getStarterSettings().domains,
        })
      : null
  return {
    claims,
    claimsToAnswer,
    mentored,
    finished,
    nextProject,
    ideas: ideas.map(withStanding),
    // Who answered, named as every page names people: the person to ask if the answer does not fit.
    requests: requests.map(({ answered_by_login, ...request }) => ({
      ...request,
      answered_by_name:
        answered_by_login === null
          ? null
          : personName({ login: answered_by_login, isDemo: request.is_demo_answer }),
    })),
    // What one follows, so it is found again where one looks first; unfollowing is in settings.
    following: follows.filter((follow) => follow.following).slice(0, LIST_LIMIT),
    takenPart,
    ownIdeasHeard,
  }
}

/**
 * Of the ideas one wrote, how many one hears of without following them, and the titles of those
 * one unfollowed: an author hears of her ideas until she unfollows one (`notify` drops a notice
 * whose subject its reader unfollowed), so My work must not say she hears of them all. Over all
 * her ideas, not only the ones "My ideas" lists.
 */
async function getOwnIdeasHeard(accountId: number, db: Database) {
  const row = await db
    .selectFrom('idea as i')
    .leftJoin('notification_follow as f', (join) =>
      join
        .onRef('f.subject_id', '=', 'i.id')
        .on('f.subject_type', '=', 'idea')
        .on('f.account_id', '=', accountId),
    )
    .select([
      sql<number>`(count(*) filter (where f.following is not false))::int`.as('heard'),
      sql<string[]>`coalesce(array_agg(i.title order by i.created_at desc, i.id desc)
        filter (where f.following = false), '{}')`.as('unfollowed_titles'),
    ])
    .where('i.author_id', '=', accountId)
    .executeTakeFirstOrThrow()
  return { heard: row.heard, unfollowedTitles: row.unfollowed_titles }
}

/**
 * One's claims running or lapsed but not ended: both can be acted on (renew, or claim again); with
 * what mentors answered to each, so the answer is read where one keeps track of one's claims.
 */
function listOpenClaims(accountId: number, limit: number, db: Database) {
  const isMentorHere = sql<boolean>`exists (select 1 from starter_project_mentor m
    where m.project_id = c.project_id and m.account_id = c.account_id)`
  return db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .leftJoin('issue as i', 'i.id', 'p.issue_id')
    .leftJoin('repository as r', 'r.id', 'i.repository_id')
    .select((eb) => [
      claimAnswersOf(eb.ref('c.id'), db).as('answers'),
      'c.id',
      'c.project_id',
      'p.title',
      'c.claimed_at',
      'c.expires_at',
      sql<boolean>`c.expires_at > now()`.as('is_running'),
      // Renew is offered in the claim's last days only, as the project page does, and never on a
      // project she mentors now (claim.server.ts refuses it: she answers claims there).
      sql<boolean>`${isRenewalOpen('c')} and not ${isMentorHere}`.as('is_renewable'),
      isMentorHere.as('is_mentor'),
      // Where /me points a stuck claimant (`whereToAsk`, as the project page's "Read first").
      sql<boolean>`p.mentor_contact is not null`.as('has_mentor_contact'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_project_mentor as m')
          .select(['m.name', 'm.account_id'])
          .whereRef('m.project_id', '=', 'p.id')
          .orderBy('m.position'),
      ).as('mentors'),
      'r.full_name as issue_repo',
      'i.number as issue_number',
      'p.repos',
    ])
    .where('c.account_id', '=', accountId)
    .where('c.ended_at', 'is', null)
    .orderBy('c.expires_at')
    .orderBy('c.id')
    .limit(limit)
    .execute()
    .then((rows) =>
      rows.map(({ has_mentor_contact, mentors, issue_repo, issue_number, repos, ...claim }) => ({
        ...claim,
        // "Ask a mentor" on a project whose mentors are names from an old list led to "No way to
        // reach them is listed": a stuck newcomer's dead end, when its issue or repository is a way.
        ask: whereToAsk({
          hasMentorContact: has_mentor_contact,
          mentors,
          issue:
            issue_repo !== null && issue_number !== null
              ? { repo: issue_repo, number: issue_number }
              : null,
          repos,
        }),
      })),
    )
}

/** How many projects with a stale claim the queue names, each linking to its page. */
export const STALE_CLAIM_PROJECTS = 3

/**
 * What waits for a maintainer: counts, each with the page that deals with it, and the rounds not
 * yet closed with whether she has voted in each. Drift and stale claims follow the starter
 * settings, as the calibration page and the release button do.
 */
export async function getMaintainerQueue(
  accountId: number,
  db: Database = getDb(),
  settings: Pick<
    ReturnType<typeof getStarterSettings>,
    'claimDays' | 'driftThreshold' | 'driftMinReports'
  > &
    Partial<Pick<ReturnType<typeof getStarterSettings>, 'domains'>> = getStarterSettings(),
  /** When "now" is for how long claims waited for an answer; the database's clock if not given. */
  now?: Date,
) {
  const [
    triage,
    candidates,
    conflicts,
    gaps,
    rounds,
    drift,
    loneDisagreements,
    staleClaims,
    unansweredClaims,
    mentorOffers,
    supplyGroups,
    isAnyRated,
  ] = await Promise.all([
    // Open projects missing a rating or a size, and those missing only a mentor one can reach:
    // the triage queue's own counts, so this line and the queue's never disagree.
    countProjectsToTriage(db),
    // Issues the triage queue suggests after those projects: on a fresh board, all there is to do.
    countBoardCandidates(db),
    db
      .selectFrom('label_change')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('status', '=', 'conflict')
      .where('resolution', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('gap_request as g')
      .select((eb) => [
        sql<number>`count(*)::int`.as('count'),
        // Requests the demo people sent are demo actions, and the list says so.
        sql<number>`(count(*) filter (where ${isDemoAccount(eb.ref('g.account_id'))}))::int`.as(
          'demo',
        ),
        // How long the oldest has waited, in whole days on the database's clock: a count alone
        // does not say whether anyone has been left waiting.
        sql<number | null>`floor(extract(epoch from now() - min(g.created_at)) / 86400)::int`.as(
          'oldest_days',
        ),
      ])
      .where('g.answered_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('round as r')
      .innerJoin('release_target as t', 't.id', 'r.release_target_id')
      .select((eb) => [
        'r.id',
        'r.name',
        // Two targets may each run a "January 2027 round": the line names which.
        't.name as target_name',
        'r.status',
        'r.opens_at',
        'r.closes_at',
        sql<boolean>`exists (select 1 from ballot b where b.round_id = r.id and b.account_id = ${accountId})
          or exists (select 1 from dot_vote d where d.round_id = r.id and d.account_id = ${accountId})`.as(
          'has_voted',
        ),
        // A round a demo person opened is a demo action, here as on /roadmap/rounds.
        isDemoAccount(eb.ref('r.created_by')).as('is_demo'),
        demoActorLogin(eb.ref('r.created_by')).as('demo_opener'),
      ])
      .where('r.status', '=', 'open')
      .where('r.kind', '=', 'ballot')
      .orderBy('r.closes_at')
      .limit(10)
      .execute(),
    // Re-rated on the calibration page, released on each project's page.
    countRatingDrift(
      { threshold: settings.driftThreshold, minReports: settings.driftMinReports },
      db,
    ),
    // Too few to be drift, yet a project one person finished may get no second report.
    listLoneDisagreements(
      { threshold: settings.driftThreshold, minReports: settings.driftMinReports },
      db,
    ),
    getStaleClaims(STALE_CLAIM_PROJECTS, db, settings.claimDays),
    // Claims nobody welcomed for a week: the newcomer is left wondering whether anyone saw.
    getUnansweredClaims(STALE_CLAIM_PROJECTS, db, { now }),
    // Settled on each project's page: a volunteer left waiting may not offer twice.
    getWaitingMentorOffers(STALE_CLAIM_PROJECTS, db, now),
    // Where newcomers find nothing easy and no rating could change it: projects to write.
    listOpenSupplyGroups(db),
    isAnyProjectRated(db),
  ])
  return {
    setupToFix: listSettingsToFix(),
    triage,
    candidates,
    labelConflicts: conflicts.count,
    // The label plan's changes not yet applied: notifications does not read labels, so the
    // routes showing the queue add it (`countLabelChangesToApply`, app/labels/plan).
    // Of them, those on the demo's copies (never sent) and those a demo person is refused applying.
    labelChanges: null as LabelChangesToApply | null,
    unansweredRequests: gaps.count,
    demoRequests: gaps.demo,
    oldestRequestDays: gaps.oldest_days,
    openRounds: rounds,
    driftingProjects: drift.projects,
    demoDrift: drift.demo,
    loneDisagreements: summariseLoneDisagreements(loneDisagreements),
    staleClaims,
    unansweredClaims,
    mentorOffers,
    // The supply page's rule and view: before the first rating it marks no domain run dry.
    dryDomains: isAnyRated
      ? buildSupplyMatrix(supplyGroups, settings.domains ?? getStarterSettings().domains, 'max')
          .dryDomains
      : [],
  }
}

/**
 * The lone disagreeing reports as "Waiting for maintainers" says them: each project once (both
 * of its axes may disagree), the first few with the axis whose calibration entry they lead to
 * (the largest disagreement, listed first), and how many rest on a demo report or a demo rating.
 */
function summariseLoneDisagreements(rows: DriftRow[]) {
  const byProject = new Map<number, DriftRow[]>()
  for (const row of rows)
    byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row])
  const projects = [...byProject.values()]
  return {
    count: projects.length,
    demo: projects.filter((axes) => axes.some((row) => row.demoReports > 0 || row.isDemoRating))
      .length,
    projects: projects
      .slice(0, STALE_CLAIM_PROJECTS)
      .map(([first]) => ({ id: first!.projectId, title: first!.title, axis: first!.axis })),
  }
}

type LabelCount = { changes: number; issues: number }
/** `countLabelChangesToApply`'s figures, as the routes add them to the queue. */
export type LabelChangesToApply = LabelCount & { onCopies: LabelCount; refused: LabelCount }

export type MaintainerQueue = Awaited<ReturnType<typeof getMaintainerQueue>>

/** How many running claims the home page lists before pointing to My work for the rest. */
export const HOME_CLAIMS = 3
/** How many unread notices the home page names by title; the inbox line counts them all. */
export const HOME_NOTICES = 3

/** How long the home page keeps asking for a report on a claim one ended; My work keeps it after. */
export const REPORT_REMINDER_DAYS = 30

/**
 * Claims one ended oneself (finished or stopped) in the last REPORT_REMINDER_DAYS and has not
 * reported on yet, latest first: the report is what a claim asks for last, and leaving the page
 * before it used to leave no trace on the home page; after a month the reminder is a nag. A claim
 * a maintainer released is left out: its holder may have long gone.
 */
function listReportsDue(accountId: number, limit: number, db: Database) {
  return db
    .selectFrom('starter_claim as c')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .leftJoin('claim_feedback as f', 'f.claim_id', 'c.id')
    .select(['c.id', 'c.project_id', 'p.title', 'c.outcome'])
    .where('c.account_id', '=', accountId)
    .where('c.outcome', 'in', ['done', 'abandoned'])
    .where('f.claim_id', 'is', null)
    .where('c.ended_at', '>', sql<Date>`now() - make_interval(days => ${REPORT_REMINDER_DAYS})`)
    .orderBy('c.ended_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
}

/**
 * What the home page tells a signed-in person first, so coming back starts where she left off:
 * what is new in her inbox, her open claims, the reports she owes on claims she ended, her
 * requests still waiting for an answer, for a maintainer what waits for maintainers, and what
 * happened on the board since her last visit (visits.server.ts).
 */
export async function getForYou(account: { id: number; role: string }, db: Database = getDb()) {
  // For a maintainer, an open round or an unanswered request is said once, under "Waiting for
  // maintainers": there it says what it needs now (her vote, a decision, an answer) and stays
  // until done, where a notice is news she reads once. So it is neither named among the newest
  // notices nor counted since her last visit; the inbox and its count keep the notices.
  const isMaintainer = account.role === 'maintainer'
  const settings = getStarterSettings()
  const drift = { threshold: settings.driftThreshold, minReports: settings.driftMinReports }
  // Beside the open rounds, requests and offers, a notice of a report that disagrees with a
  // rating: "Waiting for maintainers" lists its project (drift or a lone report) until re-rated.
  const waitingWork: WaitingWorkRule = isMaintainer
    ? (eventKey) =>
        // The report by its claim (claim_feedback's key), read from the notice's key: no scan.
        sql<boolean>`(${isAboutWaitingWork(eventKey)} or exists (select 1 from claim_feedback f
          where f.claim_id = (case when ${eventKey} ~ ${`^${REPORT_DISAGREES_PREFIX}[0-9]{1,9}$`}
            then substring(${eventKey} from ${REPORT_DISAGREES_PREFIX.length + 1}::int)::int end)
          and ${isRatedAwayFromReports(sql.ref('f.project_id'), drift)}))`
    : false
  const [unread, newestUnread, claims, reportsDue, waitingRequests, queue, since, toAnswer] =
    await Promise.all([
      // Counted so the inbox line can say which of its notices "Waiting for maintainers" lists.
      getUnreadSummary(account.id, db, { countWaitingWork: waitingWork }),
      // A few more than are named: those about a claim the card lists are left out below.
      // "X is working on …" about a claim she finished, stopped or let lapse since is not news
      // any more (the project page says nobody works on it; her finish or stop is its own
      // notice): named, it told a returning contributor that someone was on a free project.
      // One someone answered since stays named, with who answered and when, as the inbox says:
      // that a newcomer works on the project is still the news, and the answer tells a mentor
      // or a maintainer it waits for nobody, where leaving it out hid the claim itself.
      listNewestUnread(account.id, HOME_NOTICES + HOME_CLAIMS, db, {
        besidesWaitingWork: waitingWork,
        besidesStoppedClaims: true,
      }),
      listOpenClaims(account.id, HOME_CLAIMS + 1, db),
      listReportsDue(account.id, HOME_CLAIMS, db),
      getWaitingGapRequests(account.id, db),
      isMaintainer ? getMaintainerQueue(account.id, db) : null,
      getSinceLastVisit(account, db, undefined, { besidesWaitingWork: isMaintainer }),
      // Counted up to a bound: the line says how many wait and links to My work's list.
      listClaimsToAnswer(account.id, LIST_LIMIT, db),
    ])
  const shownClaims = claims.slice(0, HOME_CLAIMS)
  // A claim's line already says it lapses soon or lapsed, with what to do: its reminder among the
  // newest notices said it twice. Left out of the names only; the inbox and its count keep it.
  const saidByClaimLine = new Set(
    shownClaims.flatMap((claim) => [
      claimReminderKey('claim_lapsing', claim),
      claimReminderKey('claim_lapsed', claim),
    ]),
  )
  return {
    unread,
    newNotices: newestUnread
      .filter((notice) => !saidByClaimLine.has(notice.event_key))
      .slice(0, HOME_NOTICES)
      .map(({ event_key: _eventKey, created_at: _createdAt, ...notice }) => notice),
    claims: shownClaims,
    moreClaims: claims.length > HOME_CLAIMS,
    reportsDue,
    waitingRequests,
    queue,
    since,
    claimsToAnswer: {
      count: toAnswer.length,
      demo: toAnswer.filter((claim) => claim.is_demo).length,
    },
  }
}
