import type { Outcome, OutcomeDisposition } from '../../db/schema'
import { formatDate } from '../utils/format'
import { refuse } from '../utils/refusal'

import { reasonField } from './forms'
import { OUTCOME_REASON_MAX } from './limits'
import { roundPhase } from './round-phase'
import type { SchulzeResult } from './schulze'

// What makes a round's decision valid, with no database: when a round may close, which ideas it
// agrees (the top N of the Schulze order, or ideas picked from that order) and that every other
// shortlisted idea is declined or deferred with a reason of its own. decision.server.ts applies
// these rules inside the transaction that records the decision.

export type OtherOutcome = {
  ideaId: number
  outcome: Exclude<Outcome, 'agreed'>
  /** Back to ideation, or archived for good. */
  disposition: 'ideation' | 'archived'
  reason: string
}

export type CloseRoundInput = {
  rationale: string
  /** Outcomes of the shortlisted ideas that are not agreed; entries for agreed ones are ignored. */
  others: OtherOutcome[]
  supersedesDecisionId?: number | null
} & ({ method: 'top-n'; topN: number } | { method: 'picked'; agreedIdeaIds: number[] })

/** What a decision keeps of the tally: the Schulze result and how many ballots made it. */
export type StoredTally = SchulzeResult & { ballots: number }

/** One idea's outcome as a decision records it, and where it sends the idea. */
export type DecidedOutcome = {
  ideaId: number
  outcome: Outcome
  disposition: OutcomeDisposition
  reason: string | null
}

/** The rationale for the agreed efforts, trimmed: 3 to 4,000 characters. */
export function checkRationale(rationale: string) {
  const trimmed = rationale.trim()
  if (trimmed.length < 3 || trimmed.length > 4000) {
    refuse('Give the rationale for the agreed efforts (3 to 4,000 characters).', 400, {
      rationale: 'Give the rationale: 3 to 4,000 characters.',
    })
  }
  return trimmed
}

/** Only a ballot round that has opened and is not yet closed can close; decisions are immutable. */
export function refuseUnlessClosable(
  round: {
    kind: string
    status: string
    opens_at: Date | string
    closes_at: Date | string
    closed_at: Date | string | null
  },
  now: Date,
) {
  if (round.kind === 'call') refuse('This round was decided on a call and is closed.')
  const phase = roundPhase(round, now)
  if (phase === 'closed') {
    refuse(
      `This round was already closed on ${formatDate(round.closed_at!)}; decisions are immutable (a later round can supersede it).`,
    )
  }
  if (phase === 'proposed') refuse('This round is only proposed; open it before closing it.')
  if (phase === 'scheduled') {
    refuse(`This round has not opened yet (it opens on ${formatDate(round.opens_at)}).`)
  }
}

/**
 * The outcome of every shortlisted idea, in the tally's order: the agreed ones (the top N of the
 * order, or the ones picked from it) go on the roadmap; every other one needs an outcome and a
 * reason of at most 1,000 characters. Refuses with every missing or overlong reason at once,
 * naming each idea's reason field so the form marks them.
 *
 * A refusal must never depend on the order: the round stays open after it, so a maintainer could
 * learn which ideas fall outside the top N and then change her ballot. With the top N (fewer than
 * the whole shortlist) any idea may be one not agreed, so every idea needs its reason up front.
 */
export function decideOutcomes(
  input: CloseRoundInput,
  shortlist: readonly { id: number; title: string }[],
  order: readonly { id: number }[],
): DecidedOutcome[] {
  let agreed: number[]
  if (input.method === 'top-n') {
    if (!Number.isInteger(input.topN) || input.topN < 1 || input.topN > shortlist.length) {
      const message = `Top N must be a whole number from 1 to ${shortlist.length}.`
      refuse(message, 400, { topN: message })
    }
    agreed = order.slice(0, input.topN).map((candidate) => candidate.id)
  } else {
    if (new Set(input.agreedIdeaIds).size !== input.agreedIdeaIds.length) {
      refuse('An idea is picked twice.')
    }
    const unknown = input.agreedIdeaIds.filter((id) => !shortlist.some((idea) => idea.id === id))
    if (unknown.length > 0) {
      refuse(unknown.map((id) => `Idea ${id} is not on this round's shortlist.`).join(' '))
    }
    // Picking none would record, for good, a decision that agrees nothing: a forgotten mark.
    if (input.agreedIdeaIds.length === 0) {
      refuse(
        'Mark at least one idea “Agreed (when picking)” below, or take the top of the order: the decision is recorded for good.',
      )
    }
    agreed = input.agreedIdeaIds
  }
  const others = new Map<number, OtherOutcome>()
  for (const other of input.others) {
    if (!shortlist.some((idea) => idea.id === other.ideaId)) {
      refuse(`Idea ${other.ideaId} is not on this round's shortlist.`)
    }
    if (others.has(other.ideaId)) refuse(`Idea ${other.ideaId} is given two outcomes.`)
    others.set(other.ideaId, other)
  }
  const problems: string[] = []
  const fieldErrors: Record<string, string> = {}
  const mayBeOther = (id: number) =>
    input.method === 'top-n' ? input.topN < shortlist.length : !agreed.includes(id)
  const unexplained: { id: number; title: string }[] = []
  for (const idea of shortlist) {
    if (!mayBeOther(idea.id)) continue
    const other = others.get(idea.id)
    const reason = other?.reason.trim() ?? ''
    if (!other || reason.length === 0) {
      unexplained.push(idea)
      fieldErrors[reasonField(idea.id)] = 'Say why it is declined or deferred.'
    } else if (reason.length > OUTCOME_REASON_MAX) {
      problems.push(
        `The reason for “${idea.title}” is too long (at most ${OUTCOME_REASON_MAX.toLocaleString('en')} characters).`,
      )
      fieldErrors[reasonField(idea.id)] =
        `At most ${OUTCOME_REASON_MAX.toLocaleString('en')} characters (this one has ${reason.length.toLocaleString('en')}).`
    }
  }
  const missing =
    unexplained.length > 0 && input.method === 'top-n'
      ? [
          `The order stays secret until the round closes, so any idea may fall outside the top ${input.topN}: give the shared reason, or one for each idea (missing for ${unexplained.map((idea) => `“${idea.title}” (idea ${idea.id})`).join(', ')}).`,
        ]
      : unexplained.map(
          (idea) => `Say why “${idea.title}” (idea ${idea.id}) is declined or deferred.`,
        )
  if (missing.length > 0 && input.method === 'top-n') {
    fieldErrors.otherReason = 'The reason for every idea not given one of its own.'
  }
  if (missing.length + problems.length > 0) {
    refuse([...missing, ...problems].join(' '), 400, fieldErrors)
  }
  return order.map(({ id }) => {
    if (agreed.includes(id)) {
      return { ideaId: id, outcome: 'agreed', disposition: 'roadmap', reason: null }
    }
    const other = others.get(id)!
    return { ...other, reason: other.reason.trim() }
  })
}
