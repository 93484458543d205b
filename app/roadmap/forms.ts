import { z } from 'zod'

import { parseId } from '../utils/id'
import { refuse } from '../utils/refusal'

import type { DotAllocation, RankedIdea } from './ballot.server'
import { isBoardRoundName } from './dates'
import type { CloseRoundInput, OtherOutcome } from './decision'
import { DOT_BUDGET_MAX } from './limits'

// Reading the round page's forms (plain HTML, no JavaScript needed) into model input. What the
// model checks (shortlist, duplicates, windows) is left to it; only the form's own shape is
// checked here.

/** The open-round form's own fields, on the rounds page and on a proposed round's page. */
export const openRoundFields = {
  name: z.string(),
  opensOn: z.string().min(1, 'Give the opening date.'),
  closesOn: z.string().default(''),
  dotBudget: z.coerce
    .number()
    .int(`The dot-vote budget is a whole number from 0 to ${DOT_BUDGET_MAX}.`)
    .default(0),
}

/**
 * What the open-round form starts with: a proposed round's opening day, or today. The name starts
 * blank, for a proposed round too: the board named it after the month it was proposed for, and
 * blank, the name follows whatever opening day the maintainer picks ("March 2027 round", said
 * under the field), as "Closes on" does: it starts empty too, for a proposed round's stored close
 * is only its opening plus the default month, and kept beside a moved opening it would stretch or
 * shrink the round; empty, the close is one month after the opening picked, as the form says. A
 * proposed round someone named otherwise keeps that name.
 */
export function openRoundDefaults(
  proposed: { name: string; opens_at: string | Date } | undefined,
  now: Date,
  previous: { name: string; dot_budget: number } | null = null,
) {
  return {
    name:
      proposed && !isBoardRoundName(proposed.name, new Date(proposed.opens_at))
        ? proposed.name
        : '',
    opensOn: new Date(proposed?.opens_at ?? now).toISOString().slice(0, 10),
    closesOn: '',
    // The dots of the target's last round opened (`getLastOpenedBallotRound`), named under the
    // field: a round after one with 5 dots started at 0, dropping the temperature check unasked.
    dotBudget: previous?.dot_budget ?? 0,
    dotsFrom: previous?.name ?? null,
  }
}

function ideaIdOf(text: string) {
  return parseId(text) ?? refuse(`"${text.slice(0, 40)}" is not an idea number.`)
}

/** The ideas a shortlist form ticked (`shortlist` fields). */
export function readShortlistForm(form: FormData): number[] {
  return form.getAll('shortlist').map((value) => ideaIdOf(String(value)))
}

/** Pairs of `idea` and `value` fields, in order; an empty value means "left out". */
function pairs(form: FormData, valueName: string) {
  const ideas = form.getAll('idea').map(String)
  const values = form.getAll(valueName).map(String)
  if (ideas.length !== values.length)
    refuse('The form was incomplete; reload the page and try again.')
  return ideas.map((idea, index) => ({ id: ideaIdOf(idea), value: values[index]!.trim() }))
}

/** A ballot: one rank select per shortlisted idea; "unranked" ones are left out. */
export function readBallotForm(form: FormData): RankedIdea[] {
  return pairs(form, 'rank')
    .filter(({ value }) => value !== '')
    .map(({ id, value }) => ({ id, rank: /^\d+$/.test(value) ? Number(value) : Number.NaN }))
}

export function readDotsForm(form: FormData): DotAllocation[] {
  return pairs(form, 'dots').map(({ id, value }) => ({
    id,
    dots: value === '' ? 0 : /^\d+$/.test(value) ? Number(value) : Number.NaN,
  }))
}

export const OTHER_CHOICES = {
  'deferred:ideation': 'Deferred, back to ideation',
  'declined:ideation': 'Declined, back to ideation',
  'declined:archived': 'Declined and archived',
} as const

type OtherChoice = keyof typeof OTHER_CHOICES

/** The close form's field for an idea's reason of its own (named by refusals to mark it). */
export function reasonField(ideaId: number) {
  return `reason-${ideaId}`
}

function otherChoice(value: string | undefined): OtherChoice | null {
  return value && value in OTHER_CHOICES ? (value as OtherChoice) : null
}

/**
 * The close form: a method (top N of the order, or picked), a rationale, a default outcome and
 * reason for the ideas not agreed, and per idea an optional outcome ("agreed" when picking) and
 * reason of its own.
 */
export function readCloseForm(
  fields: Record<string, string>,
  shortlist: number[],
): CloseRoundInput {
  const method = fields.method
  if (method !== 'top-n' && method !== 'picked') {
    refuse('Choose how the agreed efforts are chosen: the top of the order, or picked from it.')
  }
  const common = otherChoice(fields.otherOutcome) ?? 'deferred:ideation'
  const commonReason = fields.otherReason?.trim() ?? ''
  const agreed: number[] = []
  const others: OtherOutcome[] = []
  for (const id of shortlist) {
    const row = fields[`outcome-${id}`] ?? ''
    if (row === 'agreed') {
      if (method === 'top-n') {
        refuse(
          'With “top N of the order” the order decides what is agreed; choose “pick from the order” to mark ideas as agreed yourself.',
        )
      }
      agreed.push(id)
      continue
    }
    const [outcome, disposition] = (otherChoice(row) ?? common).split(':') as [
      OtherOutcome['outcome'],
      OtherOutcome['disposition'],
    ]
    others.push({
      ideaId: id,
      outcome,
      disposition,
      reason: fields[reasonField(id)]?.trim() || commonReason,
    })
  }
  const supersedes = fields.supersedesDecisionId
    ? (parseId(fields.supersedesDecisionId) ?? refuse('That is not a decision number.'))
    : null
  const base = { rationale: fields.rationale ?? '', others, supersedesDecisionId: supersedes }
  if (method === 'top-n') {
    const topN = /^\d+$/.test(fields.topN ?? '') ? Number(fields.topN) : Number.NaN
    return { ...base, method, topN }
  }
  return { ...base, method, agreedIdeaIds: agreed }
}
