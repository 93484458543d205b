import { sql } from 'kysely'

import { anyOf } from '../../../db/array-parameter'
import { getDb, type Database } from '../../../db/client.server'
import type { LabelLearningSource, ProjectSize } from '../../../db/schema'
import { inTransaction } from '../../../db/transaction'
import { getPersonName, isDemoAccount } from '../../accounts/account.server'
import type { Actor } from '../../accounts/person'
import { rateStarterProject } from '../../starter/project.server'
import { refuse, Refusal } from '../../utils/refusal'
import { readIssueLabelStates } from '../plan/board-state.server'
import { desiredLabels } from '../plan/plan'
import { labelKey, type ResolvedScheme } from '../scheme/scheme'
import { loadRepositorySchemes, readKnownValues } from '../scheme/schemes.server'

import {
  applyLearnedToStarter,
  decideLearnings,
  describeDecisions,
  fieldKey,
  fieldOf,
  githubActorLogin,
  type IdeaPlacement,
  type LabelAction,
  type LearningDecision,
  type StarterFields,
} from './learning'

// Two-way labels: what the board learns when people change its labels on GitHub. Sync and
// webhooks (mirror-issues.server.ts here, also the label worker after a conflict) capture each issue's labels before the mirror
// replaces them (readLabelsBeforeUpdate) and hand the change here (learnFromMirroredLabels)
// inside the same transaction; a maintainer settling a
// conflict with "keep GitHub's labels" comes through adoptGitHubLabels. The rules are in
// learning.ts; every decision is recorded in label_learning. See docs/decisions/010-label-learning.md.

/** An issue's labels as the mirror held them just before a sync page or a webhook replaced them. */
export type LabelsBefore = Map<
  number,
  { repositoryId: number; number: number; updatedAt: Date; labels: string[] }
>

/** Where an issue's new labels came from: a sync page, or a webhook naming who changed them. */
export type MirrorUpdateSource = { source?: 'sync' | 'webhook'; sender?: string | null }

/** The issue's new labels and GitHub's time of them, from the payload just stored. */
export type LabelsAfter = { issueId: number; labels: string[]; updatedAt: Date | string }

// A board write finished a little before GitHub's clock stamped the previous payload still came
// from the board: clocks differ by seconds.
const CLOCK_SKEW_MS = 60_000

/**
 * The current labels of those issues the board holds state for (an open or inactive starter
 * project attached, or an open or agreed roadmap idea linking it). Other issues are skipped here,
 * so a sync page of issues the board knows nothing about costs one cheap query.
 */
export async function readLabelsBeforeUpdate(
  issueIds: readonly number[],
  db: Database = getDb(),
): Promise<LabelsBefore> {
  if (issueIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('issue as i')
    .select((eb) => [
      'i.id',
      'i.repository_id',
      'i.number',
      'i.updated_at',
      eb
        .selectFrom('issue_label as il')
        .innerJoin('label as l', 'l.id', 'il.label_id')
        .select(sql<string[]>`coalesce(array_agg(l.name order by l.name), '{}')`.as('names'))
        .whereRef('il.issue_id', '=', 'i.id')
        .as('labels'),
    ])
    .where('i.id', '=', anyOf(issueIds, 'bigint'))
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('starter_project as p')
            .select('p.id')
            .whereRef('p.issue_id', '=', 'i.id')
            .where('p.status', 'in', ['open', 'inactive']),
        ),
        eb.exists(
          eb
            .selectFrom('idea_link as k')
            .innerJoin('idea', 'idea.id', 'k.idea_id')
            .innerJoin('repository as r', (join) =>
              join.on((on) =>
                on(on.fn('lower', ['r.full_name']), '=', on.fn('lower', ['k.repo_full_name'])),
              ),
            )
            .select('k.idea_id')
            .whereRef('r.id', '=', 'i.repository_id')
            .whereRef('k.issue_number', '=', 'i.number')
            .where('idea.status', 'in', ['open', 'agreed']),
        ),
      ]),
    )
    .execute()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        repositoryId: row.repository_id,
        number: row.number,
        updatedAt: row.updated_at,
        labels: row.labels ?? [],
      },
    ]),
  )
}

type IssueContext = {
  repositoryId: number
  number: number
  starter: (StarterFields & { id: number; updated_at: Date }) | null
  ideas: IdeaPlacement[]
}

async function readIssueContext(
  issueId: number,
  repositoryId: number,
  number: number,
  db: Database,
): Promise<IssueContext> {
  const [starter, ideas] = await Promise.all([
    db
      .selectFrom('starter_project')
      .select(['id', 'language_stars', 'domain_stars', 'size', 'primary_domain', 'updated_at'])
      .where('issue_id', '=', issueId)
      .where('status', 'in', ['open', 'inactive'])
      .executeTakeFirst(),
    db
      .selectFrom('idea_link as k')
      .innerJoin('idea', 'idea.id', 'k.idea_id')
      .innerJoin('roadmap_area as a', 'a.id', 'idea.area_id')
      .innerJoin('repository as r', (join) =>
        join.on((on) =>
          on(on.fn('lower', ['r.full_name']), '=', on.fn('lower', ['k.repo_full_name'])),
        ),
      )
      .select((eb) => [
        'idea.id',
        'a.slug',
        eb
          .selectFrom('roadmap_area as t')
          .select(sql<string[]>`coalesce(array_agg(t.slug order by t.slug), '{}')`.as('slugs'))
          .whereRef('t.release_target_id', '=', 'idea.release_target_id')
          .as('areas'),
      ])
      .where('r.id', '=', repositoryId)
      .where('k.issue_number', '=', number)
      .where('idea.status', 'in', ['open', 'agreed'])
      .orderBy('idea.id')
      .execute(),
  ])
  const unique = new Map(ideas.map((idea) => [idea.id, idea]))
  return {
    repositoryId,
    number,
    starter: starter ?? null,
    ideas: [...unique.values()].map((idea) => ({
      ideaId: idea.id,
      area: idea.slug,
      areas: idea.areas ?? [],
    })),
  }
}

function later(map: Map<string, Date>, key: string, at: Date | null | undefined) {
  if (!at) return
  const known = map.get(key)
  if (!known || known < at) map.set(key, new Date(at))
}

/**
 * When the board last changed each field of this issue itself: the project's last rating per axis
 * (not counting ratings learned from GitHub), its last edit for size and domain, each idea's last
 * move by a maintainer, and the label writes it queued for the issue that are waiting, running or
 * done.
 */
async function readBoardChangeTimes(
  context: IssueContext,
  scheme: ResolvedScheme,
  db: Database,
): Promise<Map<string, Date>> {
  const times = new Map<string, Date>()
  const { starter, ideas } = context
  const [ratings, moves, writes] = await Promise.all([
    starter
      ? db
          .selectFrom('rating_audit')
          .select(['axis', (eb) => eb.fn.max('at').as('at')])
          .where('project_id', '=', starter.id)
          .where('actor_login', '<>', 'github')
          .where('actor_login', 'not like', 'github:%')
          .groupBy('axis')
          .execute()
      : Promise.resolve([]),
    ideas.length > 0
      ? db
          .selectFrom('idea_event')
          .select(['idea_id', (eb) => eb.fn.max('at').as('at')])
          .where(
            'idea_id',
            'in',
            ideas.map((idea) => idea.ideaId),
          )
          .where('kind', '=', 'moved')
          // Moves learned from GitHub are not the board's own.
          .where('actor_id', 'is not', null)
          .groupBy('idea_id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('label_change')
      .select(['label', 'requested_at'])
      .where('repository_id', '=', context.repositoryId)
      .where('issue_number', '=', context.number)
      .where('action', 'in', ['add', 'remove'])
      .where('status', 'in', ['pending', 'running', 'done'])
      .execute(),
  ])
  if (starter) {
    for (const row of ratings) {
      later(times, row.axis === 'language' ? 'language' : 'domain-level', new Date(row.at))
    }
    later(times, 'size', starter.updated_at)
    later(times, 'domain', starter.updated_at)
  }
  for (const row of moves) later(times, fieldKey('roadmap', row.idea_id), new Date(row.at))
  for (const row of writes) {
    const value = scheme.valueOf(row.label)
    if (!value) continue
    const field = fieldOf(value)
    if (field === 'roadmap') {
      for (const idea of ideas) later(times, fieldKey('roadmap', idea.ideaId), row.requested_at)
    } else {
      later(times, field, row.requested_at)
    }
  }
  return times
}

/** The board's own label writes on this issue finished since the mirror last saw it. */
async function readBoardOwnChanges(
  context: IssueContext,
  since: Date,
  db: Database,
): Promise<{ label: string; action: LabelAction }[]> {
  const rows = await db
    .selectFrom('label_change')
    .select(['label', 'action'])
    .where('repository_id', '=', context.repositoryId)
    .where('issue_number', '=', context.number)
    .where('status', '=', 'done')
    .where('finished_at', '>=', new Date(since.getTime() - CLOCK_SKEW_MS))
    .execute()
  return rows.flatMap((row) =>
    row.action === 'add' || row.action === 'remove'
      ? [{ label: row.label, action: row.action }]
      : [],
  )
}

type Recording = {
  issueId: number
  context: IssueContext
  githubAt: Date
  githubLogin: string | null
  actor: { id: number | null; login: string }
  source: LabelLearningSource
  /** Learned writes keep the project's updated_at at GitHub's time, so later changes still count. */
  keepGitHubTime: boolean
}

/** The domain as the board spells it (labels are lower case; the settings may not be). */
async function boardDomainName(lowerCased: string, db: Database) {
  const known = await readKnownValues(db)
  return known.domains.find((name) => name.toLowerCase() === lowerCased) ?? lowerCased
}

async function applyDecisions(decisions: LearningDecision[], recording: Recording, db: Database) {
  if (decisions.length === 0) return
  const { context, actor, githubAt } = recording
  const learned = decisions.filter((decision) => decision.outcome === 'learned')
  const { starter } = context
  const starterDecisions = learned.filter((decision) => decision.field !== 'roadmap')
  if (starter && starterDecisions.length > 0) {
    const next = applyLearnedToStarter(starter, starterDecisions)
    if (
      next.language_stars !== starter.language_stars ||
      next.domain_stars !== starter.domain_stars
    ) {
      // The same audited path as a maintainer's re-rate, so the rating history shows GitHub.
      await rateStarterProject(
        starter.id,
        { languageStars: next.language_stars, domainStars: next.domain_stars },
        actor,
        db,
      )
    }
    const primaryDomain =
      next.primary_domain !== starter.primary_domain
        ? await boardDomainName(next.primary_domain, db)
        : starter.primary_domain
    const updatedAt =
      recording.keepGitHubTime && githubAt > starter.updated_at ? githubAt : starter.updated_at
    await db
      .updateTable('starter_project')
      .set({
        size: next.size as ProjectSize | null,
        primary_domain: primaryDomain,
        updated_at: recording.keepGitHubTime ? updatedAt : new Date(),
      })
      .where('id', '=', starter.id)
      .execute()
  }
  for (const decision of learned.filter((each) => each.field === 'roadmap')) {
    const idea = context.ideas.find((each) => each.ideaId === decision.ideaId)!
    const moved = await db
      .updateTable('idea')
      .set((eb) => ({
        area_id: eb
          .selectFrom('roadmap_area as a')
          .select('a.id')
          .whereRef('a.release_target_id', '=', 'idea.release_target_id')
          .where('a.slug', '=', decision.to!),
      }))
      .where('id', '=', idea.ideaId)
      .returning('id')
      .executeTakeFirst()
    if (!moved) continue
    await db
      .insertInto('idea_event')
      .values({
        idea_id: idea.ideaId,
        actor_id: actor.id,
        kind: 'moved',
        detail: `Moved from “${decision.from}” to “${decision.to}” by ${await getPersonName(actor, db)}: the label ${decision.change.label} was added on GitHub.`,
      })
      .execute()
  }
  await db
    .insertInto('label_learning')
    .values(
      decisions.map((decision) => ({
        repository_id: context.repositoryId,
        issue_id: recording.issueId,
        issue_number: context.number,
        project_id: decision.field === 'roadmap' ? null : (starter?.id ?? null),
        idea_id: decision.ideaId,
        value: decision.change.value,
        label: decision.change.label,
        action: decision.change.action,
        from_value: decision.from,
        to_value: decision.to,
        github_at: githubAt,
        github_login: recording.githubLogin,
        actor_login: actor.login,
        actor_id: actor.id,
        source: recording.source,
        outcome: decision.outcome,
        reason: decision.reason,
      })),
    )
    .execute()
}

function sameLabelSet(a: readonly string[], b: readonly string[]) {
  const keys = new Set(a.map(labelKey))
  return b.length === a.length && b.every((name) => keys.has(labelKey(name)))
}

/**
 * Learns the managed label changes between what the mirror held (`before`) and what it now
 * stores (`after`), for issues the board holds state for. Runs inside the upsert's transaction.
 * A repository whose scheme has problems learns nothing: its labels' meaning is not settled.
 */
export async function learnFromMirroredLabels(
  before: LabelsBefore,
  after: readonly LabelsAfter[],
  from: MirrorUpdateSource = {},
  db: Database = getDb(),
): Promise<void> {
  const changed = after.filter((entry) => {
    const old = before.get(entry.issueId)
    return old && !sameLabelSet(old.labels, entry.labels)
  })
  if (changed.length === 0) return
  const repositoryIds = [
    ...new Set(changed.map((entry) => before.get(entry.issueId)!.repositoryId)),
  ]
  const schemes = await loadRepositorySchemes(repositoryIds, db)
  for (const entry of changed) {
    const old = before.get(entry.issueId)!
    const scheme = schemes.get(old.repositoryId)?.scheme
    if (!scheme) continue
    if (!entry.labels.concat(old.labels).some((label) => scheme.isManaged(label))) continue
    const context = await readIssueContext(entry.issueId, old.repositoryId, old.number, db)
    const [boardOwn, boardChangedAt] = await Promise.all([
      readBoardOwnChanges(context, old.updatedAt, db),
      readBoardChangeTimes(context, scheme, db),
    ])
    const githubAt = new Date(entry.updatedAt)
    const decisions = decideLearnings({
      before: old.labels,
      after: entry.labels,
      scheme,
      starter: context.starter,
      ideas: context.ideas,
      boardOwn,
      boardChangedAt,
      githubAt,
    })
    const sender = from.sender ?? null
    await applyDecisions(
      decisions,
      {
        issueId: entry.issueId,
        context,
        githubAt,
        githubLogin: sender,
        actor: { id: null, login: githubActorLogin(sender) },
        source: from.source ?? 'sync',
        keepGitHubTime: true,
      },
      db,
    )
  }
}

export type AdoptionResult = { learned: number; ignored: number }

/**
 * A maintainer keeps GitHub's labels after a conflict: the board's tags follow `managedLabels`
 * (the issue's labels on GitHub) by the same rules as learning, without the "newer" rule, with
 * the maintainer as the actor. Labels outside the scheme are ignored; a repository whose scheme
 * has problems is refused.
 */
export function adoptGitHubLabels(
  issueId: number,
  managedLabels: readonly string[],
  actor: Actor,
  db: Database = getDb(),
): Promise<AdoptionResult> {
  return inTransaction(db, (trx) => adopt(issueId, managedLabels, actor, trx))
}

/** What keeping `managedLabels` on the issue would decide, by the learning rules; refused as adopting is. */
async function readAdoption(issueId: number, managedLabels: readonly string[], db: Database) {
  const issue = await db
    .selectFrom('issue')
    .select(['id', 'repository_id', 'number', 'updated_at'])
    .where('id', '=', issueId)
    .executeTakeFirst()
  if (!issue) throw new Error(`issue ${issueId} is not in the mirror`)
  const repository = (await loadRepositorySchemes([issue.repository_id], db)).get(
    issue.repository_id,
  )
  if (!repository?.scheme) {
    refuse(
      `The repository's label scheme has problems (${repository?.problems.map((p) => p.message).join(' ')}); fix it before keeping GitHub's labels.`,
    )
  }
  const { scheme } = repository
  const context = await readIssueContext(issue.id, issue.repository_id, issue.number, db)
  // What the board wants now, in labels: GitHub's labels are learned as a change from it.
  const state = (await readIssueLabelStates([issue.repository_id], db)).find(
    (each) => each.issueId === issue.id,
  )
  const boardLabels = state ? desiredLabels(state.board, scheme) : []
  const decisions = decideLearnings({
    before: boardLabels,
    after: managedLabels.filter((label) => scheme.isManaged(label)),
    scheme,
    starter: context.starter,
    ideas: context.ideas,
    boardOwn: [],
    boardChangedAt: new Map(),
    githubAt: null,
  })
  return { issue, scheme, context, boardLabels, decisions }
}

async function adopt(
  issueId: number,
  managedLabels: readonly string[],
  actor: Actor,
  db: Database,
): Promise<AdoptionResult> {
  const { issue, context, decisions } = await readAdoption(issueId, managedLabels, db)
  await applyDecisions(
    decisions,
    {
      issueId: issue.id,
      context,
      githubAt: issue.updated_at,
      githubLogin: null,
      actor,
      source: 'adopted',
      keepGitHubTime: false,
    },
    db,
  )
  return {
    learned: decisions.filter((decision) => decision.outcome === 'learned').length,
    ignored: decisions.filter((decision) => decision.outcome === 'ignored').length,
  }
}

export type AdoptionPreview = {
  /** What the board's tags take from GitHub's labels (`lang/3★: OCaml difficulty 3★`). */
  takes: string[]
  /** GitHub's label changes the board does not take, with why. */
  leaves: string[]
  /** The managed labels the board asks for now, in the repository's names. */
  boardLabels: string[]
  /** Why keeping GitHub's labels would be refused (the scheme has problems); null when not. */
  refused: string | null
}

/**
 * What keeping `managedLabels` (GitHub's) would change on the board, in words, without changing
 * anything: the same rules `adoptGitHubLabels` applies.
 */
export async function previewGitHubLabels(
  issueId: number,
  managedLabels: readonly string[],
  db: Database = getDb(),
): Promise<AdoptionPreview> {
  try {
    const { scheme, boardLabels, decisions } = await readAdoption(issueId, managedLabels, db)
    return { ...describeDecisions(decisions, scheme), boardLabels, refused: null }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return { takes: [], leaves: [], boardLabels: [], refused: error.message }
  }
}

/** Where the next page of learnings starts: after this entry (its learned_at is read in the database). */
export type LabelLearningCursor = { id: number }

function learningColumns() {
  return [
    'k.id',
    'k.repository_id',
    'r.full_name as repo',
    'k.issue_id',
    'k.issue_number',
    'k.project_id',
    'p.title as project_title',
    'k.idea_id',
    'idea.title as idea_title',
    'k.value',
    'k.label',
    'k.action',
    'k.from_value',
    'k.to_value',
    'k.github_at',
    'k.github_login',
    'k.actor_login',
    'k.source',
    'k.outcome',
    'k.reason',
    'k.learned_at',
  ] as const
}

function learningQuery(db: Database) {
  return db
    .selectFrom('label_learning as k')
    .innerJoin('repository as r', 'r.id', 'k.repository_id')
    .leftJoin('starter_project as p', 'p.id', 'k.project_id')
    .leftJoin('idea', 'idea.id', 'k.idea_id')
    .select((eb) => [...learningColumns(), isDemoAccount(eb.ref('k.actor_id')).as('is_demo_actor')])
}

/**
 * The label log's "learned from GitHub" entries, newest first, for one repository or all;
 * keyset-paginated with the cursor of the last entry of the previous page.
 */
export async function listLabelLearnings(
  options: { repositoryId?: number; limit: number; before?: LabelLearningCursor },
  db: Database = getDb(),
) {
  const { repositoryId, limit, before } = options
  const rows = await learningQuery(db)
    .$if(repositoryId !== undefined, (qb) => qb.where('k.repository_id', '=', repositoryId!))
    .$if(before !== undefined, (qb) =>
      // Compared in the database: a JavaScript Date would drop learned_at's microseconds, and
      // entries of one transaction share it.
      qb.where(
        sql<boolean>`(k.learned_at, k.id) < (select learned_at, id from label_learning where id = ${before!.id})`,
      ),
    )
    .orderBy('k.learned_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const nextCursor: LabelLearningCursor | null =
    rows.length > limit && last ? { id: last.id } : null
  return { items, nextCursor }
}

/** The repositories the board has learned (or ignored) something from, for the log's filter. */
export async function listLabelLearningRepositories(db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom('repository as r')
    .select('r.full_name')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('label_learning as k')
          .select('k.id')
          .whereRef('k.repository_id', '=', 'r.id'),
      ),
    )
    .orderBy('r.full_name')
    .execute()
  return rows.map((row) => row.full_name)
}

export type LabelLearningEntry = Awaited<ReturnType<typeof listLabelLearnings>>['items'][number]

/** What the board learned (or ignored) from GitHub about one starter project, newest first. */
export async function listProjectLabelLearnings(
  projectId: number,
  limit = 20,
  db: Database = getDb(),
): Promise<LabelLearningEntry[]> {
  return learningQuery(db)
    .where('k.project_id', '=', projectId)
    .orderBy('k.learned_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit)
    .execute()
}
