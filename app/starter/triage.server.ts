import { sql } from 'kysely'
import { z } from 'zod'

import { anyOf } from '../../db/array-parameter'
import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { personName, type Actor } from '../accounts/person'
import { issueLabelsJson } from '../mirror/issue.server'
import { cursorPart, decodeCursor, encodeCursor } from '../utils/cursor'
import { refuse } from '../utils/refusal'

import { axisNameInSentence } from './axes'
import { CANDIDATES_PAGE_SIZE, guessDomainFromLabels } from './candidate-score'
import {
  countStarterCandidates,
  listStarterCandidates,
  type CandidateCursor,
} from './candidate.server'
import { handlesWrittenIn } from './finder'
import { summaryFromIssue } from './issue-summary'
import { CAN_REACH_MENTORS } from './mentor-reach.server'
import { canReachMentors } from './next-step'
import { projectFieldLabel, starterProjectInputSchema } from './project-input'
import { changedMeanwhile, getProjectVersion, lockProjectVersion } from './project-version.server'
import { createStarterProject, getStarterProject, updateStarterProject } from './project.server'
import { getStarterSettings } from './settings.server'
import { offeredDomains } from './supply.server'
import { EMPTY_TAGGING_FORM, taggingFormValuesOf, type TaggingFormValues } from './tagging.server'
import type { ProjectsToTriage, TriageContents, TriageCount } from './triage-progress'

// The maintainers' triage queue: everything that needs their judgement, one item at a time.
// First the open starter projects missing a rating on either axis or a size, oldest first; then
// those missing only a mentor one can reach (next-step.ts canReachMentors: names alone from an old
// list are nobody to ask), oldest first; then the candidate issues from the trackers in the
// candidates page's own order (listStarterCandidates). Rating comes first because it is judgement
// a maintainer can give on the spot, while a way to reach a mentor is often a question to someone
// else: an imported list whose mentors are names would otherwise bury the rating work. A position in the queue is an opaque cursor naming an item's sort key,
// so a link to it survives others triaging: the page shows that item, or the next one and says so.
// Every save goes through the tagging form's audited path (createStarterProject /
// updateStarterProject), so each rating change lands in rating_audit.

/**
 * Candidates are counted up to one page of the candidates list: past it the page says "more than". Each
 * one counted costs the linked-pull-request check, the dear part of that query.
 */
export const TRIAGE_CANDIDATE_COUNT_CAP = CANDIDATES_PAGE_SIZE
export const TRIAGE_REASON_MAX = 500

/**
 * A project's part of the queue: `rate` while it lacks a rating on either axis or a size, then
 * `mentor` while it lacks only a mentor one can reach. Part of its position, so that saving a
 * rating (which moves it to `mentor`) still leaves the maintainer at the next project to rate.
 */
export type TriageStep = 'rate' | 'mentor'

export type TriagePosition =
  { kind: 'project'; step: TriageStep; id: number } | ({ kind: 'issue' } & CandidateCursor)

/** A step as the queue sorts it and its cursor writes it: `rate` 0, `mentor` 1 (`stepIndex`). */
const stepNumber = (step: TriageStep) => (step === 'rate' ? 0 : 1)
const stepOf = (number: number): TriageStep => (number === 0 ? 'rate' : 'mentor')

const PositionSchema = z.union([
  z.tuple([z.literal('p'), z.union([z.literal(0), z.literal(1)]), cursorPart.id]),
  z.tuple([z.literal('i'), cursorPart.count, cursorPart.time, cursorPart.githubId]),
])

export function encodeTriagePosition(position: TriagePosition) {
  return position.kind === 'project'
    ? encodeCursor(['p', stepNumber(position.step), position.id])
    : encodeCursor(['i', position.score, position.updatedAt, position.id])
}

/** Anything malformed reads as null ("the top of the queue"). */
export function decodeTriagePosition(value: string | null | undefined): TriagePosition | null {
  const parts = decodeCursor(value, PositionSchema)
  if (!parts) return null
  return parts[0] === 'p'
    ? { kind: 'project', step: stepOf(parts[1]), id: parts[2] }
    : { kind: 'issue', score: parts[1], updatedAt: parts[2], id: parts[3] }
}

/**
 * What an open project still lacks, in words ("OCaml difficulty", "size"...). Mentors listed with
 * no way to reach them (`canReachMentors`: names alone) lack that way, not a mentor:
 * `unreachableMentors` names them for the page.
 */
export function missingPieces(
  project: {
    language_stars: number | null
    domain_stars: number | null
    size: string | null
    hasMentorContact: boolean
    mentors: { name: string; account_id: number | null }[]
  },
  languageName: string,
) {
  const missing: string[] = []
  if (project.language_stars === null) missing.push(axisNameInSentence('language', languageName))
  if (project.domain_stars === null) missing.push(axisNameInSentence('domain', languageName))
  if (project.size === null) missing.push('size')
  if (project.mentors.length === 0) missing.push('mentor')
  else if (!canReachMentors(project)) missing.push(UNREACHABLE_MENTORS)
  return missing
}

/** `missingPieces`' words for mentors listed with no way to reach them. */
export const UNREACHABLE_MENTORS = 'a way to reach its mentors'

/**
 * An open project a maintainer still has to look at: `missingPieces` in SQL, its mentors by the
 * finder's own expression (`CAN_REACH_MENTORS`), so triage and "Has a mentor" never disagree.
 */
function needsTriage() {
  return sql<boolean>`(p.status = 'open' and (${lacksRatingOrSize} or not ${CAN_REACH_MENTORS}))`
}

const lacksRatingOrSize = sql<boolean>`(p.language_stars is null or p.domain_stars is null or p.size is null)`

/** `stepNumber` in SQL. */
const stepIndex = sql<number>`(case when ${lacksRatingOrSize} then 0 else 1 end)`

/**
 * `domain` narrows the queue to the projects offered under it (primary or secondary, as the supply
 * page counts "waiting for a rating in storage"); null is the whole queue.
 */
type QueueOptions = { activeMonths: number; now: Date; domain?: string | null }

/** A project offered under `domain`, as `offeredDomains` (supply.server.ts) reads it. */
function isOfferedUnder(domain: string | null | undefined) {
  return domain == null
    ? sql<boolean>`true`
    : sql<boolean>`(p.primary_domain = ${domain} or ${domain} = any(p.secondary_domains))`
}

type ProjectKey = { step: TriageStep; id: number }

/** The queue's projects from `from` on (null: none, the queue is past them), and its counts. */
async function projectQueue(
  from: ProjectKey | null,
  domain: string | null | undefined,
  db: Database,
) {
  const isFrom = sql<boolean>`((${stepIndex}, p.id) >= (${stepNumber(from?.step ?? 'rate')}, ${from?.id ?? 0}))`
  const counts = await db
    .selectFrom('starter_project as p')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where ${lacksRatingOrSize}))::int`.as('toRate'),
      sql<number>`(count(*) filter (where ${isFrom}))::int`.as('left'),
    ])
    .where(needsTriage())
    .where(isOfferedUnder(domain))
    .executeTakeFirstOrThrow()
  const next =
    from === null
      ? []
      : await db
          .selectFrom('starter_project as p')
          .select(['p.id', stepIndex.as('step')])
          .where(needsTriage())
          .where(isOfferedUnder(domain))
          .where(isFrom)
          .orderBy(stepIndex)
          .orderBy('p.id')
          .limit(2)
          .execute()
  return { ...counts, next: next.map((row) => ({ step: stepOf(row.step), id: row.id })) }
}

/**
 * The projects waiting in the queue, per domain they are offered under (a project in two domains
 * counts in both), in `domains`' order; domains with none left out. What the page offers to narrow to.
 */
export async function countTriageByDomain(domains: readonly string[], db: Database = getDb()) {
  const rows = await db
    .selectFrom('starter_project as p')
    .innerJoin(offeredDomains('p'), (join) => join.onTrue())
    .select(['d.domain', sql<number>`count(*)::int`.as('count')])
    .where(needsTriage())
    .groupBy('d.domain')
    .execute()
  const counts = new Map(rows.map((row) => [row.domain, row.count]))
  return domains
    .map((domain) => ({ domain, count: counts.get(domain) ?? 0 }))
    .filter((row) => row.count > 0)
}

/**
 * The open projects waiting in the queue, as its line counts them: what "Waiting for maintainers"
 * (app/notifications my-work.server.ts) says, so the two cannot count different things.
 */
export async function countProjectsToTriage(db: Database = getDb()): Promise<ProjectsToTriage> {
  const { total, toRate } = await projectQueue(null, null, db)
  return { total, toRate }
}

/** Everything in the whole queue: the projects and the (capped) candidate count. */
export async function countTriageQueue(
  options: Omit<QueueOptions, 'domain'>,
  db: Database = getDb(),
): Promise<TriageCount> {
  const projects = await projectQueue(null, null, db)
  const candidates = await countStarterCandidates(
    { ...options, cap: TRIAGE_CANDIDATE_COUNT_CAP },
    db,
  )
  return { count: projects.total + candidates.count, isCapped: candidates.isCapped }
}

async function candidateQueue(from: CandidateCursor | null, options: QueueOptions, db: Database) {
  // Inclusive of the position itself: ids are integers, so "< (score, time, id + 1)" is "<=".
  const cursor = from && { ...from, id: from.id + 1 }
  const page = await listStarterCandidates(
    { ...options, cursor, limit: TRIAGE_CANDIDATE_COUNT_CAP },
    db,
  )
  return { items: page.items, isCapped: page.nextCursor !== null }
}

/**
 * The item at `at` (or the first one after it when it has left the queue), the position of the
 * one after it (for "skip"), and how many are left from here and in all. `at` null: the top.
 * The candidates are sorted only when the page needs them in order (past the projects); their
 * total is an unsorted count, the cheap kind.
 */
export async function getTriageQueue(
  at: TriagePosition | null,
  options: QueueOptions,
  db: Database = getDb(),
): Promise<TriageQueue> {
  const { domain = null, ...candidateOptions } = options
  // A narrowed queue holds only the projects offered under its domain: a position outside it (an
  // issue from the trackers, a project of another domain) is nowhere in it, so neither "the next
  // one after it" nor "past its end". The queue starts at its top, and says why.
  if (domain !== null && at !== null && !(await isOfferedInDomain(at, domain, db))) {
    return { ...(await getTriageQueue(null, options, db)), outsideDomain: at.kind }
  }
  const projectFrom: ProjectKey | null =
    at === null ? { step: 'rate', id: 0 } : at.kind === 'project' ? at : null
  const projects = await projectQueue(projectFrom, domain, db)
  // A candidate issue has no domain until someone tags it: a narrowed queue holds projects only.
  const candidateCount =
    domain === null
      ? await countStarterCandidates({ ...candidateOptions, cap: TRIAGE_CANDIDATE_COUNT_CAP }, db)
      : { count: 0, isCapped: false }
  const isPastProjects = at?.kind === 'issue' || projects.next.length < 2
  const candidates =
    isPastProjects && domain === null
      ? await candidateQueue(at?.kind === 'issue' ? at : null, candidateOptions, db)
      : null

  const order: TriagePosition[] = [
    ...projects.next.map((key) => ({ kind: 'project' as const, ...key })),
    ...(candidates?.items ?? []).slice(0, 2).map((item) => ({
      kind: 'issue' as const,
      score: item.score,
      updatedAt: item.updatedAt.toISOString(),
      id: item.id,
    })),
  ]
  const [current = null, following = null] = order
  const left: TriageCount =
    at?.kind === 'issue' && candidates
      ? { count: candidates.items.length, isCapped: candidates.isCapped }
      : { count: projects.left + candidateCount.count, isCapped: candidateCount.isCapped }
  const total: TriageCount = {
    count: projects.total + candidateCount.count,
    isCapped: candidateCount.isCapped,
  }
  const contents: TriageContents = {
    projects: { total: projects.total, toRate: projects.toRate },
    candidates: candidateCount,
  }
  const isSamePosition =
    at !== null && current !== null && encodeTriagePosition(at) === encodeTriagePosition(current)
  return {
    current,
    next: following,
    left,
    total,
    /** What `total` is made of: the open projects and the candidate issues, named apart. */
    contents,
    /** `at` named an item that is no longer in the queue (someone triaged it meanwhile). */
    movedOn: at !== null && !isSamePosition,
    /** `at` named an item a narrowed queue never holds (of another domain, or an issue): its kind. */
    outsideDomain: null,
    candidate:
      current?.kind === 'issue'
        ? (candidates?.items.find((item) => item.id === current.id) ?? null)
        : null,
  }
}

type TriageQueue = {
  current: TriagePosition | null
  next: TriagePosition | null
  left: TriageCount
  total: TriageCount
  contents: TriageContents
  movedOn: boolean
  outsideDomain: TriagePosition['kind'] | null
  candidate: Awaited<ReturnType<typeof candidateQueue>>['items'][number] | null
}

/**
 * Whether a position can be in the queue narrowed to `domain`: a project offered under it, in the
 * queue or no longer (it moved on, as in the whole queue; so did one that is gone). Candidate
 * issues have no domain until tagged.
 */
async function isOfferedInDomain(at: TriagePosition, domain: string, db: Database) {
  if (at.kind === 'issue') return false
  const project = await db
    .selectFrom('starter_project as p')
    .select(isOfferedUnder(domain).as('is_offered'))
    .where('p.id', '=', at.id)
    .executeTakeFirst()
  return project?.is_offered ?? true
}

async function issueOf(issueId: number, db: Database) {
  return db
    .selectFrom('issue as i')
    .innerJoin('repository as r', 'r.id', 'i.repository_id')
    .select((eb) => [
      'i.id',
      'i.number',
      'i.title',
      'i.body',
      'i.state',
      'i.is_pull_request',
      'i.html_url',
      'r.full_name as repo',
      issueLabelsJson(eb.ref('i.id')).as('labels'),
    ])
    .where('i.id', '=', issueId)
    .executeTakeFirst()
}

export type TriageIssue = NonNullable<Awaited<ReturnType<typeof issueOf>>>

/** The form's starting values for a candidate issue: as "Tag as starter project" would prefill. */
function candidateFormValues(issue: TriageIssue, domains: readonly string[]): TaggingFormValues {
  return {
    ...EMPTY_TAGGING_FORM,
    title: issue.title,
    summary: summaryFromIssue(issue),
    repos: issue.repo,
    issue: `${issue.repo}#${issue.number}`,
    primaryDomain:
      guessDomainFromLabels(
        issue.labels.map((label) => label.name),
        domains,
      ) ?? '',
  }
}

/** A handle written beside a mentor's name that someone on this board's trackers goes by. */
export type MentorLoginHint = { mentor: string; login: string; opened: number }

/**
 * For mentors written as names with a handle beside them (`handlesWrittenIn`), the handles that
 * opened issues or pull requests in this board's mirror, as GitHub spells them: likely the
 * mentor's GitHub login, which the maintainer confirms by writing it (the page offers it). A
 * handle nobody here goes by is not offered: an IRC nick of 2015 may be someone else's login.
 */
async function mentorLoginHints(mentors: string[], db: Database): Promise<MentorLoginHint[]> {
  const written = mentors.flatMap((mentor) =>
    handlesWrittenIn(mentor).map((handle) => ({ mentor, handle })),
  )
  if (written.length === 0) return []
  const rows = await db
    .selectFrom('issue')
    .select([
      sql<string>`lower(author_login)`.as('key'),
      sql<string>`min(author_login)`.as('login'),
      sql<number>`count(*)::int`.as('opened'),
    ])
    .where(
      sql`lower(author_login)`,
      '=',
      anyOf(
        written.map(({ handle }) => handle.toLowerCase()),
        'text',
      ),
    )
    .groupBy(sql`lower(author_login)`)
    .execute()
  const seen = new Map(rows.map((row) => [row.key, row]))
  return written.flatMap(({ mentor, handle }) => {
    const row = seen.get(handle.toLowerCase())
    return row ? [{ mentor, login: row.login, opened: row.opened }] : []
  })
}

/** Everything the page shows of one queue item. */
export async function getTriageItem(
  position: TriagePosition,
  domains: readonly string[],
  languageName: string,
  db: Database = getDb(),
) {
  if (position.kind === 'project') {
    const project = await getStarterProject(position.id, db)
    if (!project) return null
    const issue = project.issue_id === null ? null : await issueOf(project.issue_id, db)
    const missing = missingPieces(
      { ...project, hasMentorContact: project.mentor_contact !== null },
      languageName,
    )
    return {
      kind: 'project' as const,
      projectId: project.id,
      title: project.title,
      summary: project.summary,
      repos: project.repos,
      issue: issue ?? null,
      missing,
      // Listed with no way to reach them: named, so the page says whom and what would do.
      unreachableMentors: missing.includes(UNREACHABLE_MENTORS)
        ? project.mentors.map((mentor) => mentor.name)
        : [],
      loginHints: missing.includes(UNREACHABLE_MENTORS)
        ? await mentorLoginHints(
            project.mentors.map((mentor) => mentor.name),
            db,
          )
        : [],
      legacyNote: project.legacy_note,
      // Whose ratings the form starts from: a demo person's are a demo action, and say so there.
      rating:
        project.rated_at && (project.language_stars !== null || project.domain_stars !== null)
          ? {
              by: project.rated_by_login
                ? personName({ login: project.rated_by_login, isDemo: project.rated_by_demo })
                : null,
              isDemo: project.rated_by_demo,
              at: project.rated_at,
            }
          : null,
      // The version a save must still find (someone else's change in between is a conflict).
      version: await getProjectVersion(project.id, db),
      values: taggingFormValuesOf(project),
    }
  }
  const issue = await issueOf(position.id, db)
  if (!issue) return null
  return {
    kind: 'issue' as const,
    projectId: null,
    title: issue.title,
    summary: '',
    repos: [issue.repo],
    issue,
    missing: [] as string[],
    unreachableMentors: [] as string[],
    loginHints: [] as MentorLoginHint[],
    legacyNote: null,
    rating: null,
    version: '',
    values: candidateFormValues(issue, domains),
  }
}

export type TriageItem = NonNullable<Awaited<ReturnType<typeof getTriageItem>>>

// ---- Actions ----

/** The fields of the triage form that change a project; the rest stay as they are. */
export type TriageChoices = {
  languageStars: string
  domainStars: string
  size: string
  primaryDomain: string
  mentors: string
  /** Left out, the stored contact stays (a form from before the field existed). */
  mentorContact?: string
}

export type TriageOutcome =
  | { kind: 'rated'; projectId: number }
  | { kind: 'unchanged'; projectId: number }
  | { kind: 'retired'; projectId: number }
  | { kind: 'dismissed'; issueId: number }

function parseProjectInput(values: TaggingFormValues, domains: readonly string[]) {
  const parsed = starterProjectInputSchema(domains).safeParse(values)
  if (!parsed.success) {
    // The first problem, its field named as the triage form labels it.
    const issue = parsed.error.issues[0]
    const label = projectFieldLabel(issue?.path[0], getStarterSettings().languageName)
    refuse(`Nothing was saved: ${label}: ${issue?.message ?? 'is not valid'}.`)
  }
  return parsed.data
}

/** Locks the project and checks nobody changed it since `version` (refused with 409 if so). */
async function lockForTriage(projectId: number, version: string, db: Database) {
  const lock = await lockProjectVersion(projectId, version, db)
  if (!lock.isCurrent) {
    refuse(`${changedMeanwhile(lock.updatedAt)} Here it is as it is now: decide again.`, 409)
  }
  const project = await getStarterProject(projectId, db)
  if (!project) refuse('There is no such starter project.', 404)
  return project
}

/**
 * Rates, sizes, sets the domain and mentors of a queue item: rewrites a project (refused with 409
 * when someone changed it since `version`), or makes a candidate issue a starter project. Both
 * through the tagging form's audited path.
 */
export async function saveTriage(
  position: TriagePosition,
  version: string,
  choices: TriageChoices,
  actor: Actor,
  domains: readonly string[],
  db: Database = getDb(),
): Promise<TriageOutcome> {
  return inTransaction(db, async (trx) => {
    if (position.kind === 'project') {
      const project = await lockForTriage(position.id, version, trx)
      const current = taggingFormValuesOf(project)
      const input = parseProjectInput({ ...current, ...choices }, domains)
      // "Save and next" with nothing chosen must not read as triaged: nothing written, said so.
      if (JSON.stringify(input) === JSON.stringify(parseProjectInput(current, domains))) {
        return { kind: 'unchanged', projectId: project.id }
      }
      await updateStarterProject(project.id, input, actor, trx)
      return { kind: 'rated', projectId: project.id }
    }
    const issue = await issueOf(position.id, trx)
    if (!issue || issue.is_pull_request) refuse('That issue is no longer in the mirror.', 404)
    await refuseIfDismissed(issue.id, trx)
    const input = parseProjectInput({ ...candidateFormValues(issue, domains), ...choices }, domains)
    const projectId = await createStarterProject(input, actor, trx)
    return { kind: 'rated', projectId }
  })
}

async function refuseIfDismissed(issueId: number, db: Database) {
  const dismissal = await db
    .selectFrom('starter_triage_dismissal')
    .select(['actor_login', 'reason'])
    .where('issue_id', '=', issueId)
    .executeTakeFirst()
  if (dismissal) {
    refuse(
      `${dismissal.actor_login} already set this issue aside as not a starter project (“${dismissal.reason}”); nothing was saved.`,
      409,
    )
  }
}

/**
 * "Not a starter project", with the reason kept: a candidate issue leaves the queue (and the
 * candidates list); a project is retired (inactive), refused with 409 when changed meanwhile.
 */
export async function dismissTriageItem(
  position: TriagePosition,
  version: string,
  reason: string,
  actor: Actor,
  domains: readonly string[],
  db: Database = getDb(),
): Promise<TriageOutcome> {
  const why = reason.trim()
  if (!why) refuse('Say why it is not a starter project: the reason is kept.')
  if (why.length > TRIAGE_REASON_MAX) {
    refuse(`The reason must be at most ${TRIAGE_REASON_MAX} characters.`)
  }
  return inTransaction(db, async (trx) => {
    if (position.kind === 'project') {
      const project = await lockForTriage(position.id, version, trx)
      const input = parseProjectInput(
        { ...taggingFormValuesOf(project), status: 'inactive' },
        domains,
      )
      await updateStarterProject(project.id, input, actor, trx)
      await trx
        .insertInto('starter_triage_dismissal')
        .values({
          project_id: project.id,
          reason: why,
          actor_id: actor.id,
          actor_login: actor.login,
        })
        .execute()
      return { kind: 'retired', projectId: project.id }
    }
    const issue = await issueOf(position.id, trx)
    if (!issue || issue.is_pull_request) refuse('That issue is no longer in the mirror.', 404)
    await refuseIfDismissed(issue.id, trx)
    const project = await trx
      .selectFrom('starter_project')
      .select(['id', 'title'])
      .where('issue_id', '=', issue.id)
      .executeTakeFirst()
    if (project) {
      refuse(
        `Someone already made this issue the starter project “${project.title}” (#${project.id}); nothing was saved.`,
        409,
      )
    }
    await trx
      .insertInto('starter_triage_dismissal')
      .values({ issue_id: issue.id, reason: why, actor_id: actor.id, actor_login: actor.login })
      .execute()
    return { kind: 'dismissed', issueId: issue.id }
  })
}

/** "Saved …" after a redirect: what `outcome` names, or null when it names nothing. */
export async function describeOutcome(outcome: string | null, db: Database = getDb()) {
  const match = outcome ? /^(rated|unchanged|retired|dismissed):(\d{1,10})$/.exec(outcome) : null
  if (!match) return null
  const id = Number(match[2])
  if (!Number.isSafeInteger(id)) return null
  if (match[1] === 'dismissed') {
    const issue = id <= Number.MAX_SAFE_INTEGER ? await issueOf(id, db) : undefined
    return issue
      ? { kind: 'dismissed' as const, text: `${issue.repo}#${issue.number}`, projectId: null }
      : null
  }
  if (id > 2_147_483_647) return null
  const project = await db
    .selectFrom('starter_project')
    .select(['id', 'title'])
    .where('id', '=', id)
    .executeTakeFirst()
  return project
    ? {
        kind: match[1] as 'rated' | 'unchanged' | 'retired',
        text: project.title,
        projectId: project.id,
      }
    : null
}
