import type { ProjectSize, Stars } from '../../../db/schema'
import { axisNameInSentence } from '../../starter/axes'
import { labelKey, type BoardValue, type ResolvedScheme } from '../scheme/scheme'

// Learning from GitHub: which label changes made there, in the board's namespaces, change the
// board's tags, and which are only noted. Pure; learning.server.ts reads the state and writes.
// See docs/decisions/010-label-learning.md.

export type LabelAction = 'add' | 'remove'

/** A change of one managed label on one issue, as the mirror saw it. */
export type SeenLabelChange = { label: string; action: LabelAction; value: BoardValue }

/** What a board value belongs to on the board. */
export type LearnableField =
  'language' | 'domain-level' | 'size' | 'domain' | 'roadmap' | 'starter' | 'mentor' | 'priority'

/** The starter project's fields that labels carry. */
export type StarterFields = {
  language_stars: Stars | null
  domain_stars: Stars | null
  size: ProjectSize | null
  primary_domain: string
}

/** A roadmap idea linking the issue: its area and the areas it may move to (its release target's). */
export type IdeaPlacement = { ideaId: number; area: string; areas: readonly string[] }

export type LearningInput = {
  /** The issue's labels before and after the change (any labels; unmanaged ones are ignored). */
  before: readonly string[]
  after: readonly string[]
  scheme: Pick<ResolvedScheme, 'valueOf' | 'describe' | 'languageName'>
  starter: StarterFields | null
  ideas: readonly IdeaPlacement[]
  /** The board's own writes that came back: never learned, never noted. */
  boardOwn: readonly { label: string; action: LabelAction }[]
  /** When the board last changed each field (see fieldKey); absent when it never did. */
  boardChangedAt: ReadonlyMap<string, Date>
  /** GitHub's time of the change; null when a maintainer adopts GitHub's labels (no "newer" rule). */
  githubAt: Date | null
}

export type LearningDecision = {
  field: LearnableField
  /** The label change the decision is about (the one added, when there is one). */
  change: SeenLabelChange
  ideaId: number | null
  from: string | null
  to: string | null
  outcome: 'learned' | 'ignored'
  reason: string | null
}

export function fieldOf(value: BoardValue): LearnableField {
  const colon = value.indexOf(':')
  return (colon === -1 ? value : value.slice(0, colon)) as LearnableField
}

/** The key under which the board's last change of a field is looked up. */
export function fieldKey(field: LearnableField, ideaId: number | null = null) {
  return field === 'roadmap' ? `roadmap:${ideaId}` : field
}

function valuePart(value: BoardValue) {
  return value.slice(value.indexOf(':') + 1)
}

/** The managed labels added and removed between two label sets (case-insensitively). */
export function managedLabelChanges(
  before: readonly string[],
  after: readonly string[],
  scheme: Pick<ResolvedScheme, 'valueOf'>,
): SeenLabelChange[] {
  const beforeKeys = new Set(before.map(labelKey))
  const afterKeys = new Set(after.map(labelKey))
  const changes: SeenLabelChange[] = []
  const seen = new Set<string>()
  const note = (label: string, action: LabelAction) => {
    const value = scheme.valueOf(label)
    const key = `${action}:${labelKey(label)}`
    if (value && !seen.has(key)) {
      seen.add(key)
      changes.push({ label, action, value })
    }
  }
  for (const label of after) if (!beforeKeys.has(labelKey(label))) note(label, 'add')
  for (const label of before) if (!afterKeys.has(labelKey(label))) note(label, 'remove')
  return changes
}

const NOT_LEARNED: Partial<Record<LearnableField, string>> = {
  starter:
    'The starter label follows whether the issue is a starter project on the board; it is not learned.',
  mentor:
    "The mentor label follows the project's mentors on the board, those someone can reach (an account, an @login or a contact); add one there.",
  priority: 'Priorities are decided in recorded roadmap rounds; a label cannot change a decision.',
}

function formatDay(at: Date) {
  return at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
}

/**
 * What the board learns from the managed label changes between `before` and `after`: at most one
 * decision per field (per idea for roadmap areas), none when the board already agrees.
 */
export function decideLearnings(input: LearningInput): LearningDecision[] {
  const own = new Set(input.boardOwn.map((change) => `${change.action}:${labelKey(change.label)}`))
  const changes = managedLabelChanges(input.before, input.after, input.scheme).filter(
    (change) => !own.has(`${change.action}:${labelKey(change.label)}`),
  )
  if (changes.length === 0) return []
  const afterValues = input.after
    .map((label) => input.scheme.valueOf(label))
    .filter((value): value is BoardValue => value !== null)
  const decisions: LearningDecision[] = []
  const ignore = (
    field: LearnableField,
    change: SeenLabelChange,
    reason: string,
    extra: Partial<LearningDecision> = {},
  ) =>
    decisions.push({
      field,
      change,
      ideaId: null,
      from: null,
      to: null,
      outcome: 'ignored',
      reason,
      ...extra,
    })
  // The "newer" rule: GitHub's change must be strictly later than the board's own.
  const staleReason = (key: string) => {
    const boardAt = input.boardChangedAt.get(key)
    if (!input.githubAt || !boardAt || input.githubAt > boardAt) return null
    return `The board's own change (${formatDay(boardAt)}) is newer than this one on GitHub (${formatDay(input.githubAt)}).`
  }
  const decide = (
    field: LearnableField,
    change: SeenLabelChange,
    from: string | null,
    to: string | null,
    ideaId: number | null = null,
  ) => {
    if (from === to) return
    const stale = staleReason(fieldKey(field, ideaId))
    decisions.push({
      field,
      change,
      ideaId,
      from,
      to,
      outcome: stale ? 'ignored' : 'learned',
      reason: stale,
    })
  }

  const byField = new Map<LearnableField, SeenLabelChange[]>()
  for (const change of changes) {
    const field = fieldOf(change.value)
    byField.set(field, [...(byField.get(field) ?? []), change])
  }
  for (const [field, fieldChanges] of byField) {
    // The added label names the new value; a removal alone names the value that went away.
    const change = fieldChanges.find((c) => c.action === 'add') ?? fieldChanges[0]!
    const notLearned = NOT_LEARNED[field]
    if (notLearned) {
      for (const each of fieldChanges) ignore(field, each, notLearned)
      continue
    }
    if (field === 'roadmap') {
      decideRoadmap(input, fieldChanges, ignore, decide)
      continue
    }
    const { starter } = input
    if (!starter) {
      ignore(field, change, 'The issue is not a starter project on the board.')
      continue
    }
    const now = [...new Set(afterValues.filter((value) => fieldOf(value) === field))]
    if (now.length > 1) {
      ignore(
        field,
        change,
        `The issue carries several ${fieldWords(field, input.scheme)} labels at once (${now.map(input.scheme.describe).join(', ')}): the board learns only one.`,
      )
      continue
    }
    const to = now[0] ? valuePart(now[0]) : null
    switch (field) {
      case 'language':
        decide(field, change, starter.language_stars?.toString() ?? null, to)
        break
      case 'domain-level':
        decide(field, change, starter.domain_stars?.toString() ?? null, to)
        break
      case 'size':
        decide(field, change, starter.size, to)
        break
      case 'domain':
        if (to === null) {
          ignore(field, change, 'A starter project always has a primary domain; none is left.')
        } else {
          decide(field, change, starter.primary_domain.toLowerCase(), to)
        }
        break
    }
  }
  return decisions
}

function decideRoadmap(
  input: LearningInput,
  changes: SeenLabelChange[],
  ignore: (
    field: LearnableField,
    change: SeenLabelChange,
    reason: string,
    extra?: Partial<LearningDecision>,
  ) => void,
  decide: (
    field: LearnableField,
    change: SeenLabelChange,
    from: string | null,
    to: string | null,
    ideaId: number | null,
  ) => void,
) {
  const added = changes.filter((change) => change.action === 'add')
  const removed = new Set(
    changes.filter((change) => change.action === 'remove').map((change) => change.value),
  )
  if (input.ideas.length === 0) {
    for (const change of changes) ignore('roadmap', change, 'No roadmap idea links this issue.')
    return
  }
  // Only an idea whose own area label went away moves; the others are untouched.
  const moved = input.ideas.filter((idea) => removed.has(`roadmap:${idea.area.toLowerCase()}`))
  if (moved.length === 0) {
    for (const change of added) {
      ignore(
        'roadmap',
        change,
        "An idea moves only when its area's label is replaced; its own area label is still there.",
      )
    }
    return
  }
  for (const idea of moved) {
    const own = changes.find((change) => change.value === `roadmap:${idea.area.toLowerCase()}`)!
    if (added.length !== 1) {
      ignore(
        'roadmap',
        added[0] ?? own,
        added.length === 0
          ? 'An idea always has an area; removing its label alone does not move it.'
          : 'Several roadmap labels changed at once: the board cannot tell where the idea goes.',
        { ideaId: idea.ideaId, from: idea.area },
      )
      continue
    }
    const target = valuePart(added[0]!.value)
    const area = idea.areas.find((slug) => slug.toLowerCase() === target)
    if (!area) {
      ignore('roadmap', added[0]!, `The idea's release target has no area "${target}".`, {
        ideaId: idea.ideaId,
        from: idea.area,
        to: target,
      })
      continue
    }
    decide('roadmap', added[0]!, idea.area, area, idea.ideaId)
  }
}

/** The starter fields after the learned decisions: what the server writes, for the laws' tests. */
export function applyLearnedToStarter(
  starter: StarterFields,
  decisions: readonly LearningDecision[],
): StarterFields {
  const next = { ...starter }
  for (const decision of decisions) {
    if (decision.outcome !== 'learned') continue
    const stars = decision.to === null ? null : (Number(decision.to) as Stars)
    if (decision.field === 'language') next.language_stars = stars
    if (decision.field === 'domain-level') next.domain_stars = stars
    if (decision.field === 'size') next.size = decision.to as ProjectSize | null
    if (decision.field === 'domain') next.primary_domain = decision.to!
  }
  return next
}

/** The ideas' areas after the learned decisions. */
export function applyLearnedToIdeas(
  ideas: readonly IdeaPlacement[],
  decisions: readonly LearningDecision[],
): IdeaPlacement[] {
  return ideas.map((idea) => {
    const move = decisions.find(
      (decision) =>
        decision.outcome === 'learned' &&
        decision.field === 'roadmap' &&
        decision.ideaId === idea.ideaId,
    )
    return move ? { ...idea, area: move.to! } : idea
  })
}

/** The actor recorded for what the board learned: who on GitHub, when the webhook says. */
export function githubActorLogin(sender: string | null | undefined) {
  return sender ? `github:${sender}` : 'github'
}

/** `lang/2★ was added on GitHub by @x on 2026-11-26; the board took it.` (from a stored entry) */
export function describeLearning(entry: {
  label: string
  action: LabelAction
  github_login: string | null
  github_at: Date | string
  outcome: 'learned' | 'ignored'
  reason: string | null
  source: 'sync' | 'webhook' | 'adopted'
}) {
  const day = new Date(entry.github_at).toISOString().slice(0, 10)
  const who = entry.github_login ? ` by @${entry.github_login}` : ''
  const what = `${entry.label} was ${entry.action === 'add' ? 'added' : 'removed'} on GitHub${who} on ${day}`
  if (entry.outcome === 'ignored') return `${what}; the board ignored it: ${entry.reason}`
  return entry.source === 'adopted'
    ? `${what}; a maintainer kept GitHub's labels and the board took it.`
    : `${what}; the board took it.`
}

/** A field as messages name it: the difficulty axes by the board's names for them. */
function fieldWords(field: LearnableField, scheme: Pick<ResolvedScheme, 'languageName'>) {
  if (field === 'language') return axisNameInSentence('language', scheme.languageName)
  if (field === 'domain-level') return axisNameInSentence('domain', scheme.languageName)
  return field
}

/**
 * What the board would do with each decision, in words, for the choice that leads to it (keeping
 * GitHub's labels after a conflict): `lang/3★: OCaml difficulty 3★` for what it takes, and why it
 * does not take the others. Decisions come from `decideLearnings`, so these are its rules.
 */
export function describeDecisions(
  decisions: readonly LearningDecision[],
  scheme: Pick<ResolvedScheme, 'describe' | 'languageName'>,
): { takes: string[]; leaves: string[] } {
  const takes: string[] = []
  const leaves: string[] = []
  for (const decision of decisions) {
    const { field, change, to } = decision
    const label = change.action === 'add' ? change.label : `${change.label} removed`
    if (decision.outcome === 'ignored') {
      leaves.push(`${label}: ${decision.reason ?? 'not learned'}`)
    } else if (field === 'roadmap') {
      takes.push(`${label}: idea ${decision.ideaId} moves to ${scheme.describe(`roadmap:${to}`)}`)
    } else if (to === null) {
      takes.push(`${label}: no ${fieldWords(field, scheme)}`)
    } else {
      takes.push(`${label}: ${scheme.describe(`${field}:${to}` as BoardValue)}`)
    }
  }
  return { takes, leaves }
}
