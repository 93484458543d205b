import { sql } from 'kysely'

import { getDb, type Database } from '../../../db/client.server'
import type { Actor } from '../../accounts/person'
import { refuse } from '../../utils/refusal'
import { enqueueLabelRename } from '../outbox/outbox.server'

import {
  labelKey,
  parseBoardValue,
  resolveScheme,
  sameLabel,
  validateScheme,
  type BoardValue,
  type KnownValues,
  type ResolvedScheme,
  type SchemeDefaults,
  type SchemeOverrides,
  type SchemeProblem,
} from './scheme'
import { communityDefaults, readKnownValues, readSchemeOverrides } from './schemes.server'
import { suggestRepositoryLabel } from './suggest'

// A maintainer's change of a repository's label names, previewed then saved. A value whose name
// changes is renamed on GitHub with one PATCH new_name when its old label exists there (issues
// keep it), adopts the repository's existing label of the new name, or simply gets the new name
// when its label was never created. Renames queued but not sent yet are folded into the next
// change, so moving a name back and forth never sends contradictory renames.

/**
 * What becomes of one value's label: `rename` sends PATCH new_name; `adopt` renames nothing (the
 * new name is already a label of the repository; the old one stops being managed and is left
 * alone); `new` renames nothing (the old label was never created); `withdraw` cancels a rename
 * queued but not sent, as the value goes back to the label's name on GitHub.
 */
export type SchemeChangeKind = 'rename' | 'adopt' | 'new' | 'withdraw'

export type SchemeChange = {
  value: BoardValue
  description: string
  /** The label the scheme uses now. */
  from: string
  /** The label the proposal uses. */
  to: string
  kind: SchemeChangeKind
  /**
   * The label that stands for the value on GitHub now, as the board will find it when the queued
   * renames are sent; null when there is none. A rename renames this one (it differs from `from`
   * when a queued rename is replaced).
   */
  onGitHub: string | null
  /** A queued rename not sent yet that this change withdraws. */
  withdraws: { from: string; to: string } | null
}

export type SchemeRename = { value: BoardValue; from: string; to: string }

export type SchemeChangePreview = {
  /** What is wrong with the proposal; nothing can be saved while there is any. */
  problems: SchemeProblem[]
  /** Per value whose label changes, in the scheme's order (empty when there are problems). */
  changes: SchemeChange[]
  /** The PATCH new_name renames to queue, in the order they must be sent. */
  renames: SchemeRename[]
}

export type SavedSchemeChange = SchemeChangePreview & {
  /** Overrides the repository now has. */
  overrides: number
  queued: number
  withdrawn: number
}

type OpenRename = { id: number; label: string; new_label: string; status: 'pending' | 'running' }

type SchemeContext = {
  repository: { id: number; full_name: string }
  defaults: SchemeDefaults
  before: ResolvedScheme
  known: KnownValues
  catalogue: string[]
  openRenames: OpenRename[]
}

async function readContext(
  repositoryId: number,
  db: Database,
  options: { lock: boolean },
): Promise<SchemeContext> {
  let repositoryQuery = db
    .selectFrom('repository')
    .select(['id', 'full_name'])
    .where('id', '=', repositoryId)
  // Saves of one repository's scheme take turns: each folds in the renames the last one queued.
  if (options.lock) repositoryQuery = repositoryQuery.forUpdate()
  const repository = await repositoryQuery.executeTakeFirst()
  if (!repository) refuse(`There is no mirrored repository #${repositoryId}.`)
  let renamesQuery = db
    .selectFrom('label_change')
    .select(['id', 'label', 'new_label', 'status'])
    .where('repository_id', '=', repositoryId)
    .where('action', '=', 'rename')
    .where('status', 'in', ['pending', 'running'])
    .orderBy('id')
  // Locked so that no worker claims a rename this save withdraws (workers skip locked rows).
  if (options.lock) renamesQuery = renamesQuery.forUpdate()
  const [overrides, known, labels, renames] = await Promise.all([
    readSchemeOverrides([repositoryId], db),
    readKnownValues(db),
    db.selectFrom('label').select('name').where('repository_id', '=', repositoryId).execute(),
    renamesQuery.execute(),
  ])
  const defaults = communityDefaults()
  return {
    repository,
    defaults,
    known,
    before: resolveScheme(defaults, overrides.get(repositoryId) ?? {}, known),
    catalogue: labels.map((label) => label.name),
    openRenames: renames.map((row) => ({
      id: row.id,
      label: row.label,
      new_label: row.new_label ?? '',
      status: row.status === 'running' ? 'running' : 'pending',
    })),
  }
}

/**
 * The overrides a proposal stores: a blank name means "back to the default", and so does the
 * default name itself; neither needs a row. Keys stay as given so validateScheme can name them.
 */
function storedOverrides(
  defaults: SchemeDefaults,
  proposed: SchemeOverrides,
  known: KnownValues,
): Record<string, string> {
  const defaultNames = new Map(
    resolveScheme(defaults, {}, known).labels.map((label) => [label.value, label.name]),
  )
  const kept: Record<string, string> = {}
  for (const [key, name] of Object.entries(proposed)) {
    if (name.trim() === '') continue
    const value = parseBoardValue(key)
    if (value && defaultNames.get(value) === name) continue
    kept[key] = name
  }
  return kept
}

/**
 * The changes from the scheme in force to `after`, against the catalogue as GitHub will have it
 * once the open renames are sent. A queued rename of a value that changes again is withdrawn and
 * replaced by one rename from the label's name on GitHub, or by none when the value goes back to
 * it. Renames are ordered so a name is free before another label takes it; two labels swapping
 * names cannot be renamed in turn (GitHub refuses a name in use), so both are adopted instead.
 */
function changesBetween(context: SchemeContext, after: ResolvedScheme) {
  const { before, catalogue, openRenames } = context
  const afterNames = new Map(after.labels.map((label) => [label.value, label.name]))
  const isChanging = (value: BoardValue) => afterNames.get(value) !== before.labelFor(value)

  const onGitHubByValue = new Map<BoardValue, string>()
  const withdrawn = new Map<BoardValue, OpenRename>()
  const exists = new Set(catalogue.map(labelKey))
  for (const rename of openRenames) {
    const value = before.valueOf(rename.new_label)
    if (rename.status === 'pending' && value && isChanging(value) && !withdrawn.has(value)) {
      withdrawn.set(value, rename)
      onGitHubByValue.set(value, rename.label)
      continue
    }
    // A rename that stays (or is being sent now): the catalogue as it will be afterwards.
    if (exists.delete(labelKey(rename.label))) exists.add(labelKey(rename.new_label))
  }

  type Draft = Omit<SchemeChange, 'kind'> & { kind: SchemeChangeKind | null }
  const drafts: Draft[] = after.labels
    .filter((label) => isChanging(label.value))
    .map(({ value, name: to }) => {
      const old = onGitHubByValue.get(value) ?? before.labelFor(value)
      const rename = withdrawn.get(value)
      return {
        value,
        description: after.describe(value),
        from: before.labelFor(value),
        to,
        onGitHub: exists.has(labelKey(old)) ? old : null,
        withdraws: rename ? { from: rename.label, to: rename.new_label } : null,
        kind: old === to ? 'withdraw' : null,
      }
    })

  const renames: SchemeRename[] = []
  // Each pass renames what it can; a rename may free the name another one waits for.
  let progress: boolean
  do {
    progress = false
    for (const draft of drafts) {
      if (draft.kind !== null || draft.onGitHub === null) continue
      const isFree = !exists.has(labelKey(draft.to)) || sameLabel(draft.onGitHub, draft.to)
      if (!isFree) continue
      exists.delete(labelKey(draft.onGitHub))
      exists.add(labelKey(draft.to))
      draft.kind = 'rename'
      renames.push({ value: draft.value, from: draft.onGitHub, to: draft.to })
      progress = true
    }
  } while (progress)
  const changes = drafts.map((draft): SchemeChange => ({
    ...draft,
    kind: draft.kind ?? (exists.has(labelKey(draft.to)) ? 'adopt' : 'new'),
  }))
  return { changes, renames, withdrawn: [...withdrawn.values()] }
}

function previewWith(context: SchemeContext, proposed: SchemeOverrides) {
  const overrides = storedOverrides(context.defaults, proposed, context.known)
  const problems = validateScheme(context.defaults, overrides, context.known)
  if (problems.length > 0) {
    return { overrides, problems, changes: [], renames: [], withdrawn: [] }
  }
  const after = resolveScheme(context.defaults, overrides, context.known)
  return { overrides, problems, ...changesBetween(context, after) }
}

/**
 * What saving these names (board value key → label name; blank for the default) would do in
 * the repository: the problems that forbid it, or each value's change. Nothing is written.
 */
export async function previewSchemeChange(
  repositoryId: number,
  proposedOverrides: SchemeOverrides,
  db: Database = getDb(),
): Promise<SchemeChangePreview> {
  const context = await readContext(repositoryId, db, { lock: false })
  const { problems, changes, renames } = previewWith(context, proposedOverrides)
  return { problems, changes, renames }
}

/**
 * Makes these names the repository's overrides (replacing its set) and queues the renames, in
 * one transaction; queued renames the change makes pointless are withdrawn (skipped, with why).
 * Refused, with nothing stored, when the proposal has problems or the repository is unknown.
 */
export async function saveSchemeOverrides(
  repositoryId: number,
  proposedOverrides: SchemeOverrides,
  actor: Actor,
  db: Database = getDb(),
): Promise<SavedSchemeChange> {
  if (actor.login.trim() === '') throw new Error('A scheme change needs the login of who made it.')
  return db.transaction().execute(async (trx) => {
    const context = await readContext(repositoryId, trx, { lock: true })
    const preview = previewWith(context, proposedOverrides)
    if (preview.problems.length > 0) {
      refuse(
        `The label names of ${context.repository.full_name} were not saved: ${preview.problems.map((problem) => problem.message).join(' ')}`,
      )
    }
    const rows = Object.entries(preview.overrides).map(([key, label]) => ({
      value: parseBoardValue(key)!,
      label,
    }))
    const existing = await trx
      .selectFrom('label_scheme_override')
      .select(['value', 'label'])
      .where('repository_id', '=', repositoryId)
      .execute()
    // Unchanged rows keep who set them and when.
    const isUnchanged = (row: { value: string; label: string }) =>
      existing.some((stored) => stored.value === row.value && stored.label === row.label)
    const gone = existing.filter((stored) => !rows.some((row) => row.value === stored.value))
    const changed = rows.filter((row) => !isUnchanged(row))
    const toDelete = [...gone.map((row) => row.value), ...changed.map((row) => row.value)]
    if (toDelete.length > 0) {
      await trx
        .deleteFrom('label_scheme_override')
        .where('repository_id', '=', repositoryId)
        .where('value', 'in', toDelete)
        .execute()
    }
    if (changed.length > 0) {
      await trx
        .insertInto('label_scheme_override')
        .values(
          changed.map((row) => ({
            repository_id: repositoryId,
            value: row.value,
            label: row.label,
            updated_by_login: actor.login,
          })),
        )
        .execute()
    }
    for (const rename of preview.withdrawn) {
      await trx
        .updateTable('label_change')
        .set({
          status: 'skipped',
          last_error: `Withdrawn before it was sent: ${actor.login} changed the label names of ${context.repository.full_name} again.`,
          finished_at: sql<Date>`now()`,
        })
        .where('id', '=', rename.id)
        .where('status', '=', 'pending')
        .execute()
    }
    for (const rename of preview.renames) {
      const isQueued = await enqueueLabelRename(
        { repositoryId, from: rename.from, to: rename.to },
        actor,
        trx,
      )
      if (!isQueued) {
        refuse(
          `A rename of "${rename.from}" in ${context.repository.full_name} is already waiting; nothing was saved. Try again once it has been sent.`,
        )
      }
    }
    return {
      problems: [],
      changes: preview.changes,
      renames: preview.renames,
      overrides: rows.length,
      queued: preview.renames.length,
      withdrawn: preview.withdrawn.length,
    }
  })
}

export type SchemeSettingsRow = {
  value: BoardValue
  description: string
  defaultLabel: string
  /** The repository's own name, or null when it uses the default. */
  override: string | null
  /** The label the scheme uses now. */
  currentLabel: string
  color: string
  /** Whether the current label exists in the repository's catalogue. */
  isOnGitHub: boolean
  /** A label the repository already has for this value (suggestRepositoryLabel), when unused. */
  suggestion: string | null
}

export type SchemeSettings = {
  repository: { id: number; full_name: string }
  rows: SchemeSettingsRow[]
  /** What is wrong with the stored scheme (e.g. an override of a domain the board dropped). */
  problems: SchemeProblem[]
  /** The repository's labels, for mapping a value to one it already uses. */
  catalogue: { name: string; color: string }[]
  /** Renames queued and not finished yet. */
  openRenames: { from: string; to: string; status: 'pending' | 'running' }[]
}

/** The mirrored repositories a scheme can be set for, by full name. */
export async function listSchemeRepositories(db: Database = getDb()) {
  return db
    .selectFrom('repository')
    .select(['id', 'full_name'])
    .orderBy(sql`lower(full_name)`)
    .execute()
}

/** The settings page of one repository: each value's default, current label and colour. */
export async function getSchemeSettings(
  repositoryId: number,
  db: Database = getDb(),
): Promise<SchemeSettings> {
  const context = await readContext(repositoryId, db, { lock: false })
  const [overrides, catalogue] = await Promise.all([
    readSchemeOverrides([repositoryId], db),
    db
      .selectFrom('label')
      .select(['name', 'color'])
      .where('repository_id', '=', repositoryId)
      .orderBy(sql`lower(name)`)
      .execute(),
  ])
  const stored = overrides.get(repositoryId) ?? {}
  const defaults = resolveScheme(context.defaults, {}, context.known)
  const colours = new Map(catalogue.map((label) => [labelKey(label.name), label.color]))
  const storedByValue = new Map(
    Object.entries(stored).flatMap(([key, label]) => {
      const value = parseBoardValue(key)
      return value ? [[value, label] as const] : []
    }),
  )
  return {
    repository: context.repository,
    rows: context.before.labels.map((label) => {
      const override = storedByValue.get(label.value) ?? null
      const suggestion = override === null ? suggestRepositoryLabel(label.value, catalogue) : null
      return {
        value: label.value,
        description: defaults.describe(label.value),
        defaultLabel: defaults.labelFor(label.value),
        override,
        currentLabel: label.name,
        color: colours.get(labelKey(label.name)) ?? label.color,
        isOnGitHub: colours.has(labelKey(label.name)),
        suggestion: suggestion && !sameLabel(suggestion, label.name) ? suggestion : null,
      }
    }),
    problems: validateScheme(context.defaults, stored, context.known),
    catalogue,
    openRenames: context.openRenames.map((rename) => ({
      from: rename.label,
      to: rename.new_label,
      status: rename.status,
    })),
  }
}
