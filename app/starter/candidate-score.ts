// Which mirrored issues look like starter material, and why. The rule is here, pure, so it can
// be tested and explained; the candidates query (app/starter/candidate.server.ts) builds
// its SQL ordering from these same constants, and a test checks that both agree.

import { formatDate } from '../utils/format'

/** Labels maintainers put on work meant for newcomers (compared lower-cased, as label_keys is). */
export const STARTER_LABELS = [
  'good first issue',
  'good-first-issue',
  'good first bug',
  'first-timers-only',
  'first timers only',
  'beginner',
  'beginner-friendly',
  'easy',
  'e-easy',
  'starter',
  'newcomer',
  'newcomers',
  'low hanging fruit',
] as const

/** Labels asking for outside help, or documentation work: often, not always, newcomer-sized. */
export const HELP_LABELS = ['help wanted', 'help-wanted', 'docs', 'documentation'] as const

export const NEWCOMER_LABELS: readonly string[] = [...STARTER_LABELS, ...HELP_LABELS]

/** Labels that say an issue will not be worked on: never a candidate, whatever else it has. */
export const RULED_OUT_LABELS = [
  'wontfix',
  "won't fix",
  'invalid',
  'duplicate',
  'not planned',
] as const

export const CANDIDATES_PAGE_SIZE = 25

/** Points for each signal; the ranking sorts by their sum, then by recent activity. */
export const CANDIDATE_POINTS = {
  starterLabel: 3,
  helpLabel: 2,
  shortAndConcrete: 2,
  updatedLately: 2,
  updatedThisQuarter: 1,
} as const

/** A body shorter than this (in bytes, about characters for prose) reads as one concrete task. */
export const SHORT_BODY_BYTES = 1500
export const LATELY_DAYS = 30
export const QUARTER_DAYS = 90

const DAY_MS = 86_400_000

export type CandidateFacts = {
  /** Lower-cased label names (issue.label_keys). */
  labelKeys: readonly string[]
  /** octet_length(body); 0 when there is no body. */
  bodyBytes: number
  updatedAt: Date
  /** False where the source records no activity (the demo): `updatedAt` is then a lower bound. */
  historyRecorded?: boolean
}

export type CandidateScore = { score: number; reasons: string[] }

export function recencyCutoffs(now: Date) {
  return {
    lately: new Date(now.getTime() - LATELY_DAYS * DAY_MS),
    quarter: new Date(now.getTime() - QUARTER_DAYS * DAY_MS),
  }
}

/** "today", "1 day ago", "12 days ago", "3 months ago". */
export function describeAge(updatedAt: Date, now: Date) {
  const days = Math.max(0, Math.floor((now.getTime() - updatedAt.getTime()) / DAY_MS))
  if (days === 0) return 'today'
  if (days < 60) return `${days} day${days === 1 ? '' : 's'} ago`
  return `${Math.floor(days / 30)} months ago`
}

/**
 * The score of an issue that already passed the filters (open, not a pull request, unassigned,
 * has a body, recently active, no linked pull request, not already a starter project), with the
 * reasons in words: "label: good first issue · unassigned · updated 12 days ago (21 Nov 2026) ·
 * short and concrete".
 */
export function scoreCandidate(facts: CandidateFacts, now: Date): CandidateScore {
  let score = 0
  const reasons: string[] = []
  const starter = STARTER_LABELS.filter((label) => facts.labelKeys.includes(label))
  const help = HELP_LABELS.filter((label) => facts.labelKeys.includes(label))
  if (starter.length > 0) score += CANDIDATE_POINTS.starterLabel
  if (help.length > 0) score += CANDIDATE_POINTS.helpLabel
  for (const label of [...starter, ...help]) reasons.push(`label: ${label}`)
  reasons.push('unassigned')

  const { lately, quarter } = recencyCutoffs(now)
  if (facts.updatedAt > lately) score += CANDIDATE_POINTS.updatedLately
  else if (facts.updatedAt > quarter) score += CANDIDATE_POINTS.updatedThisQuarter
  // With the date: on a snapshot "today" is the data's last day, not the reader's.
  reasons.push(
    facts.historyRecorded === false
      ? `updated ${formatDate(facts.updatedAt)} or later`
      : `updated ${describeAge(facts.updatedAt, now)} (${formatDate(facts.updatedAt)})`,
  )

  if (isShortAndConcrete(facts.bodyBytes)) {
    score += CANDIDATE_POINTS.shortAndConcrete
    reasons.push('short and concrete')
  }
  return { score, reasons }
}

export function isShortAndConcrete(bodyBytes: number) {
  return bodyBytes > 0 && bodyBytes < SHORT_BODY_BYTES
}

/**
 * Whether an issue is starter-ish at all, going by its labels and body: a newcomer label or a
 * short concrete body, and no label saying it will not be done.
 */
export function looksLikeStarterMaterial(facts: Pick<CandidateFacts, 'labelKeys' | 'bodyBytes'>) {
  if (facts.labelKeys.some((label) => (RULED_OUT_LABELS as readonly string[]).includes(label))) {
    return false
  }
  return (
    facts.bodyBytes > 0 &&
    (facts.labelKeys.some((label) => NEWCOMER_LABELS.includes(label)) ||
      isShortAndConcrete(facts.bodyBytes))
  )
}

/**
 * A domain guessed from an issue's labels, only when it is obvious: exactly one configured domain
 * matches a label (or a common synonym of it). Null otherwise; the maintainer picks.
 */
export function guessDomainFromLabels(labels: readonly string[], domains: readonly string[]) {
  const keys = labels.map((label) => label.toLowerCase().trim())
  const matches = domains.filter((domain) =>
    keys.some((key) => key === domain || DOMAIN_SYNONYMS[domain]?.includes(key)),
  )
  return matches.length === 1 ? (matches[0] as string) : null
}

const DOMAIN_SYNONYMS: Record<string, readonly string[]> = {
  networking: ['network', 'net', 'tcp', 'tcpip', 'dns', 'http'],
  security: ['tls', 'crypto', 'cryptography', 'security-issue'],
  storage: ['block', 'filesystem', 'fs', 'irmin', 'database'],
  web: ['http', 'www', 'frontend'],
  platform: ['xen', 'solo5', 'unix', 'hvt', 'virtio', 'arm', 'platform-support'],
  tooling: ['tools', 'cli', 'build', 'opam', 'dune'],
  testing: ['test', 'tests', 'ci', 'fuzzing'],
  monitoring: ['metrics', 'logging', 'logs', 'tracing'],
  documentation: ['docs', 'doc'],
  community: ['outreachy', 'meta'],
}
