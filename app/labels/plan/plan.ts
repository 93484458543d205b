import type { ProjectSize, Stars } from '../../../db/schema'
import { axisNameInSentence } from '../../starter/axes'
import {
  areaValue,
  domainValue,
  labelKey,
  PRIORITY_TIERS,
  type BoardValue,
  type LabelSpec,
  type PriorityTier,
  type ResolvedScheme,
} from '../scheme/scheme'

// Plans of label changes: what an issue should carry, the delta from what the mirror last saw,
// and the only GitHub requests allowed to carry it out. Pure: the outbox and worker build on it.

/** Who set a value the board turns into a label, and when (ISO); null when nobody recorded it. */
export type SetBy = { login: string | null; isDemo: boolean; at: string | null }

/** The fields of a starter project that become labels. */
export type StarterField = 'project' | 'domain' | 'language' | 'domain-level' | 'size' | 'mentor'

/** The starter project attached to an issue, while the board offers it. */
export type StarterLabelState = {
  primary_domain: string
  language_stars: Stars | null
  domain_stars: Stars | null
  size: ProjectSize | null
  has_mentor: boolean
  /** Where the values come from, for the plan to say why; absent in pure examples. */
  source?: { id: number; title: string; fields: Partial<Record<StarterField, SetBy>> }
}

/**
 * One roadmap idea linking the issue: its area's slug and its standing decision's tier. Only an
 * agreed effort (tier `agreed`: agreed in a closed round, not superseded) puts labels on GitHub;
 * an idea in ideation, deferred or declined is listed so the plan can say it adds nothing.
 */
export type RoadmapLabelState = {
  area: string
  tier: PriorityTier | null
  source?: {
    id: number
    title: string
    decided: (SetBy & { round: string }) | null
    /** Who linked the issue to the effort after it was agreed; null when it came with the idea. */
    linked?: SetBy | null
  }
}

/** Why a label is in the plan: the starter project or agreed effort, the field, who and when. */
export type LabelReason = {
  kind: 'starter-project' | 'effort'
  id: number
  title: string
  field: string
  setBy: SetBy | null
  /** An effort's issue linked after the agreement: who linked it (a demo person's link says so). */
  linkedBy?: SetBy | null
}

export type IssueBoardState = {
  starter: StarterLabelState | null
  roadmap: readonly RoadmapLabelState[]
}

export type LabelPlan = { add: string[]; remove: string[] }

export type RepoRef = { owner: string; repo: string }
export type IssueRef = RepoRef & { number: number }

/** One label change on one issue: exactly one request, so an outbox row maps to one call. */
export type IssueLabelRequest =
  | { method: 'POST'; path: string; body: { labels: [string] }; action: 'add'; label: string }
  | { method: 'DELETE'; path: string; action: 'remove'; label: string }

export type CreateLabelRequest = { method: 'POST'; path: string; body: LabelSpec }
export type RenameLabelRequest = { method: 'PATCH'; path: string; body: { new_name: string } }

export type LabelConflict = { humanAdded: string[]; humanRemoved: string[] }

/** Names deduplicated case-insensitively, keeping the first spelling and the order. */
function uniqueLabels(names: readonly string[]) {
  const seen = new Set<string>()
  return names.filter((name) => {
    const key = labelKey(name)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function keysOf(names: readonly string[]) {
  return new Set(names.map(labelKey))
}

/**
 * The board values an issue should carry. Several efforts may link one issue: each area gets its
 * label, and the priority tier once.
 */
export function desiredValues(state: IssueBoardState): BoardValue[] {
  return [...new Set(valuesWithReasons(state, (field) => field).map(([value]) => value))]
}

/**
 * The two stages stay apart: an idea still in ideation (never agreed, or deferred back to it)
 * has no say on GitHub; only an agreed effort puts `roadmap/…` and `priority/…` labels there.
 */
export function isAgreedEffort(entry: RoadmapLabelState) {
  return entry.tier === 'agreed'
}

/** A starter project's field as its form names it: the difficulty axes by the board's names. */
function starterFieldWords(field: StarterField, languageName: string) {
  switch (field) {
    case 'project':
      return 'starter project'
    case 'domain':
      return 'primary domain'
    case 'language':
      return axisNameInSentence('language', languageName)
    case 'domain-level':
      return axisNameInSentence('domain', languageName)
    default:
      return field
  }
}

/** The board values each source asks for, with the field that asks, in `fieldWords`. */
function valuesWithReasons(
  state: IssueBoardState,
  fieldWords: (field: StarterField) => string,
): [BoardValue, LabelReason | null][] {
  const pairs: [BoardValue, LabelReason | null][] = []
  const { starter } = state
  if (starter) {
    const reason = (field: StarterField): LabelReason | null =>
      starter.source
        ? {
            kind: 'starter-project',
            id: starter.source.id,
            title: starter.source.title,
            field: fieldWords(field),
            setBy: starter.source.fields[field] ?? null,
          }
        : null
    pairs.push(
      ['starter', reason('project')],
      [domainValue(starter.primary_domain), reason('domain')],
    )
    if (starter.language_stars)
      pairs.push([`language:${starter.language_stars}`, reason('language')])
    if (starter.domain_stars)
      pairs.push([`domain-level:${starter.domain_stars}`, reason('domain-level')])
    if (starter.size) pairs.push([`size:${starter.size}`, reason('size')])
    if (starter.has_mentor) pairs.push(['mentor', reason('mentor')])
  }
  const efforts = state.roadmap.filter(isAgreedEffort)
  const reason = (entry: RoadmapLabelState, field: string): LabelReason | null =>
    entry.source
      ? {
          kind: 'effort',
          id: entry.source.id,
          title: entry.source.title,
          field,
          setBy: entry.source.decided,
          linkedBy: entry.source.linked ?? null,
        }
      : null
  for (const entry of efforts) pairs.push([areaValue(entry.area), reason(entry, 'area')])
  // Only the strongest tier, should tiers ever differ: two priorities would contradict.
  const tier = PRIORITY_TIERS.find((tier) => efforts.some((entry) => entry.tier === tier))
  for (const entry of efforts.filter((entry) => entry.tier === tier)) {
    const round = entry.source?.decided?.round
    pairs.push([`priority:${tier!}`, reason(entry, round ? `decision of ${round}` : 'decision')])
  }
  return pairs
}

/**
 * Why each desired label is wanted, by label key (case-insensitive), in this repository's names:
 * every source asking for it (two efforts may share an area). Labels whose sources are unknown
 * (pure examples) get an empty list.
 */
export function labelReasons(
  state: IssueBoardState,
  scheme: ResolvedScheme,
): Map<string, LabelReason[]> {
  const reasons = new Map<string, LabelReason[]>()
  for (const [value, reason] of valuesWithReasons(state, (field) =>
    starterFieldWords(field, scheme.languageName),
  )) {
    const key = labelKey(scheme.labelFor(value))
    const list = reasons.get(key) ?? []
    if (reason && !list.some((known) => sameReason(known, reason))) list.push(reason)
    reasons.set(key, list)
  }
  return reasons
}

function sameReason(a: LabelReason, b: LabelReason) {
  return a.kind === b.kind && a.id === b.id && a.field === b.field
}

/** The ideas linking the issue that add no labels, with why: still in ideation, or not agreed. */
export function ideasAddingNothing(state: IssueBoardState): { id: number; title: string }[] {
  return state.roadmap.flatMap((entry) =>
    !isAgreedEffort(entry) && entry.source
      ? [{ id: entry.source.id, title: entry.source.title }]
      : [],
  )
}

/** The managed labels an issue should carry, in this repository's names. */
export function desiredLabels(state: IssueBoardState, scheme: ResolvedScheme): string[] {
  return uniqueLabels(desiredValues(state).map((value) => scheme.labelFor(value)))
}

/**
 * The delta from `current` (every label the mirror last saw, human ones included) to `desired`.
 * Only managed labels move: a label outside the scheme is never added nor removed, whatever its
 * resemblance to one inside. Removes keep GitHub's spelling of the label.
 */
export function planIssue(input: {
  current: readonly string[]
  desired: readonly string[]
  scheme: ResolvedScheme
}): LabelPlan {
  const { current, desired, scheme } = input
  const unmanaged = desired.find((name) => !scheme.isManaged(name))
  if (unmanaged !== undefined) {
    throw new Error(`The board does not manage the label "${unmanaged}"; it cannot be desired`)
  }
  const has = keysOf(current)
  const wants = keysOf(desired)
  return {
    add: uniqueLabels(desired).filter((name) => !has.has(labelKey(name))),
    remove: uniqueLabels(current).filter(
      (name) => scheme.isManaged(name) && !wants.has(labelKey(name)),
    ),
  }
}

/**
 * Per label the plan removes, the labels it adds of the same kind (`lang/2★` for `lang/1★`: the
 * rating changed), in the plan's spelling; empty when none, so no decision asks for that kind any
 * more. The kind is the value's part before `:` (`language`, `size`, `roadmap`, …).
 */
export function replacementsOf(plan: LabelPlan, scheme: ResolvedScheme): Map<string, string[]> {
  const kindOf = (name: string) => scheme.valueOf(name)?.split(':')[0] ?? null
  return new Map(
    plan.remove.map((removed) => {
      const kind = kindOf(removed)
      return [removed, kind === null ? [] : plan.add.filter((added) => kindOf(added) === kind)]
    }),
  )
}

export function isEmptyPlan(plan: LabelPlan) {
  return plan.add.length === 0 && plan.remove.length === 0
}

/**
 * The labels after a plan, as GitHub's endpoints would leave them: adding a label already there
 * changes nothing, removing one that is gone changes nothing (404), case never matters.
 */
export function applyChanges(current: readonly string[], plan: LabelPlan): string[] {
  const removed = keysOf(plan.remove)
  const kept = current.filter((name) => !removed.has(labelKey(name)))
  const has = keysOf(kept)
  return [...kept, ...uniqueLabels(plan.add).filter((name) => !has.has(labelKey(name)))]
}

/**
 * Labels to create in the repository before adding them to issues, with the scheme's colour and
 * description: adding a label the repository lacks would make GitHub create a grey one.
 */
export function catalogueCreates(
  plans: readonly LabelPlan[],
  repoCatalogue: readonly { name: string }[],
  scheme: ResolvedScheme,
): LabelSpec[] {
  const has = keysOf(repoCatalogue.map((label) => label.name))
  return uniqueLabels(plans.flatMap((plan) => plan.add))
    .filter((name) => !has.has(labelKey(name)))
    .map((name) => {
      const value = scheme.valueOf(name)
      if (!value) throw new Error(`The board does not manage the label "${name}"`)
      return scheme.specFor(value)
    })
}

function repoPath({ owner, repo }: RepoRef) {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
}

/**
 * The requests for one issue's plan, one per change: POST to add one label, DELETE to remove
 * one. Never PUT (it replaces the whole set) nor PATCH on the issue (same), so a label a person
 * sets meanwhile survives. Adds go first so that a crash midway leaves a label too many, which
 * the next plan removes, rather than an issue that looks unrated.
 */
export function requestsFor(issue: IssueRef, plan: LabelPlan): IssueLabelRequest[] {
  const labels = `${repoPath(issue)}/issues/${issue.number}/labels`
  return [
    ...plan.add.map((label) => ({
      method: 'POST' as const,
      path: labels,
      body: { labels: [label] as [string] },
      action: 'add' as const,
      label,
    })),
    ...plan.remove.map((label) => ({
      method: 'DELETE' as const,
      path: `${labels}/${encodeURIComponent(label)}`,
      action: 'remove' as const,
      label,
    })),
  ]
}

export function createLabelRequest(repo: RepoRef, spec: LabelSpec): CreateLabelRequest {
  return { method: 'POST', path: `${repoPath(repo)}/labels`, body: { ...spec } }
}

/**
 * What a person changed in the managed labels since the plan's base (the managed labels the
 * plan was computed against); null when nothing. Labels outside the scheme are ignored: people
 * may change those freely without blocking the board.
 */
export function detectConflict(input: {
  base: readonly string[]
  fresh: readonly string[]
  scheme: ResolvedScheme
}): LabelConflict | null {
  const managed = (names: readonly string[]) => uniqueLabels(names.filter(input.scheme.isManaged))
  const base = managed(input.base)
  const fresh = managed(input.fresh)
  const baseKeys = keysOf(base)
  const freshKeys = keysOf(fresh)
  const humanAdded = fresh.filter((name) => !baseKeys.has(labelKey(name)))
  const humanRemoved = base.filter((name) => !freshKeys.has(labelKey(name)))
  return humanAdded.length || humanRemoved.length ? { humanAdded, humanRemoved } : null
}

/**
 * A scheme rename as one PATCH of the repository's label: issues keep it under its new name.
 * Deleting and recreating would strip it from every issue.
 */
export function planRename(repo: RepoRef, oldName: string, newName: string): RenameLabelRequest {
  return {
    method: 'PATCH',
    path: `${repoPath(repo)}/labels/${encodeURIComponent(oldName)}`,
    body: { new_name: newName },
  }
}

/** Labels whose name a scheme change alters (case included), to be renamed with planRename. */
export function renamesBetween(
  before: ResolvedScheme,
  after: ResolvedScheme,
): { value: BoardValue; from: string; to: string }[] {
  const newNames = new Map(after.labels.map((label) => [label.value, label.name]))
  return before.labels.flatMap(({ value, name }) => {
    const to = newNames.get(value)
    return to !== undefined && to !== name ? [{ value, from: name, to }] : []
  })
}
