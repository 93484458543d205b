import type { EffortStatus } from '../../db/schema'

// What an agreed effort's status is, with no database: derived from its linked issues (none
// closed and none touched since the agreement: planned; some closed, or some open one active
// since the agreement: in progress; every one closed: done), unless a maintainer overrode it
// (dropped is only ever said by a maintainer). And its burn-up: how many linked issues existed
// and how many were closed, day by day, from the mirror's created_at/closed_at.

export type { EffortStatus }

export const EFFORT_STATUSES = [
  'planned',
  'in-progress',
  'done',
  'dropped',
] as const satisfies readonly EffortStatus[]

export type DerivedStatus = Exclude<EffortStatus, 'dropped'>

export const STATUS_WORDS: Record<EffortStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}

export function isEffortStatus(value: string): value is EffortStatus {
  return (EFFORT_STATUSES as readonly string[]).includes(value)
}

/** One issue or pull request an effort links to; unmirrored ones have no state nor dates. */
export type LinkedIssueHistory = {
  state: 'open' | 'closed' | null
  createdAt: Date | string | null
  closedAt: Date | string | null
  updatedAt: Date | string | null
}

const time = (value: Date | string) => new Date(value).getTime()

/**
 * The status the linked issues say. An issue not in the mirror counts as not closed and never
 * active (its state is unknown), as in the roadmap's progress counts.
 */
export function deriveEffortStatus(
  issues: readonly LinkedIssueHistory[],
  agreedAt: Date | string,
): DerivedStatus {
  const closed = issues.filter((issue) => issue.state === 'closed').length
  if (issues.length > 0 && closed === issues.length) return 'done'
  if (closed > 0) return 'in-progress'
  const since = time(agreedAt)
  const active = issues.some(
    (issue) => issue.state === 'open' && issue.updatedAt !== null && time(issue.updatedAt) > since,
  )
  return active ? 'in-progress' : 'planned'
}

/** A maintainer's override wins; without one, the derived status. */
export function effectiveStatus(derived: DerivedStatus, override: EffortStatus | null) {
  return override ?? derived
}

export type BurnUpPoint = { day: string; values: { scope: number; closed: number } }

const DAY_MS = 86_400_000
const dayOf = (value: Date | string) => new Date(value).toISOString().slice(0, 10)
const dayBefore = (day: string) => dayOf(new Date(time(`${day}T00:00:00Z`) - DAY_MS))

/**
 * How far an effort's linked issues are: `unknown` are not in the mirror; `closedOnUnknownDay`, of
 * `closed`, closed on a day nobody recorded (not charted).
 */
export type EffortProgress = {
  closed: number
  open: number
  total: number
  unknown: number
  closedOnUnknownDay: number
}

/**
 * Closed, but the day it closed is not known (GitHub always says; the MirageOS demo's source never
 * does): it counts as closed, and is never placed on a day.
 */
export function isClosedOnUnknownDay(issue: LinkedIssueHistory) {
  return issue.state === 'closed' && issue.closedAt === null
}

/** How far an effort's linked issues are, counted from their states: the headline beside its burn-up. */
export function effortProgress(issues: readonly LinkedIssueHistory[]): EffortProgress {
  const closed = issues.filter((issue) => issue.state === 'closed').length
  const unknown = issues.filter((issue) => issue.state === null).length
  return {
    closed,
    open: issues.length - closed - unknown,
    total: issues.length,
    unknown,
    closedOnUnknownDay: issues.filter(isClosedOnUnknownDay).length,
  }
}

/**
 * The burn-up of an effort's mirrored linked issues from `from` to `to` (days, inclusive): at each
 * day, how many existed (scope) and how many were closed. Drawn as steps: where a count changes,
 * the day before keeps the old values. Issues with no history (not mirrored, or closed on a day
 * nobody recorded, as the MirageOS demo's are) are left out rather than drawn closed on a made-up
 * day; an issue reopened on GitHub is open again. Empty with nothing to draw.
 */
export function burnUp(
  issues: readonly LinkedIssueHistory[],
  from: Date | string,
  to: Date | string,
): BurnUpPoint[] {
  const known = issues.filter(
    (issue): issue is LinkedIssueHistory & { createdAt: Date | string } =>
      issue.createdAt !== null && !isClosedOnUnknownDay(issue),
  )
  if (known.length === 0) return []
  const closedOn = (issue: LinkedIssueHistory) =>
    issue.state === 'closed' && issue.closedAt !== null ? dayOf(issue.closedAt) : null
  const start = dayOf(from)
  // The chart reaches the last thing that happened, even past `to`.
  const lastEvent = known
    .flatMap((issue) => [dayOf(issue.createdAt), closedOn(issue) ?? start])
    .reduce((latest, day) => (day > latest ? day : latest), start)
  const end = dayOf(to) > lastEvent ? dayOf(to) : lastEvent
  const valuesOn = (day: string) => ({
    scope: known.filter((issue) => dayOf(issue.createdAt) <= day).length,
    closed: known.filter((issue) => {
      const closed = closedOn(issue)
      return closed !== null && closed <= day && dayOf(issue.createdAt) <= day
    }).length,
  })
  const changeDays = [
    ...new Set(
      known
        .flatMap((issue) => [dayOf(issue.createdAt), closedOn(issue)])
        .filter((day): day is string => day !== null && day > start && day <= end),
    ),
  ].sort()
  const points: BurnUpPoint[] = [{ day: start, values: valuesOn(start) }]
  for (const day of changeDays) {
    const previous = dayBefore(day)
    if (previous > points.at(-1)!.day) points.push({ day: previous, values: valuesOn(previous) })
    points.push({ day, values: valuesOn(day) })
  }
  if (end > points.at(-1)!.day) points.push({ day: end, values: valuesOn(end) })
  return points
}

/**
 * Whether a target date may be set: today or later (the real clock's UTC day; a target is a
 * promise people make now, decision 012). Null when fine, else the reason.
 */
export function targetDateProblem(day: string, now: Date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    return `"${day}" is not a date (write YYYY-MM-DD).`
  }
  if (dayOf(`${day}T00:00:00Z`) !== day) return `"${day}" is not a date (write YYYY-MM-DD).`
  const today = dayOf(now)
  if (day < today) return `The target date ${day} is in the past (today is ${today}).`
  return null
}

/**
 * An effort's status as it stood at `at`, for "what changed since the last call": the linked
 * issues as the mirror knows them then (created by then, closed by then; an issue's latest
 * activity is all the mirror keeps, so activity after `at` falls back to its creation), and the
 * override if it was set by then (an override replaced later is not remembered: the current one
 * is taken to start when it was set).
 */
export function statusAt(
  issues: readonly LinkedIssueHistory[],
  agreedAt: Date | string,
  at: Date,
  override: { status: EffortStatus; at: Date | string } | null,
): EffortStatus {
  if (override && time(override.at) <= at.getTime()) return override.status
  const then = issues.map((issue): LinkedIssueHistory => {
    if (issue.createdAt === null) return issue
    if (time(issue.createdAt) > at.getTime()) {
      return { state: 'open', createdAt: issue.createdAt, closedAt: null, updatedAt: null }
    }
    // Closed on a day nobody recorded: when it closed is unknown, so no moment is credited with
    // closing it; it reads as it is now.
    if (isClosedOnUnknownDay(issue)) return issue
    const closedThen =
      issue.state === 'closed' && issue.closedAt !== null && time(issue.closedAt) <= at.getTime()
    const updatedAt =
      issue.updatedAt !== null && time(issue.updatedAt) <= at.getTime()
        ? issue.updatedAt
        : issue.createdAt
    return {
      state: closedThen ? 'closed' : 'open',
      createdAt: issue.createdAt,
      closedAt: closedThen ? issue.closedAt : null,
      updatedAt,
    }
  })
  return deriveEffortStatus(then, agreedAt)
}
