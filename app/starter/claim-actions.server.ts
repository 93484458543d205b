import { json } from '@remix-run/node'
import { z } from 'zod'

import type { Stars } from '../../db/schema'
import type { CurrentUser } from '../accounts/auth.server'
import type { Person } from '../accounts/person'
import { enforceWriteLimit } from '../accounts/write-limits.server'
import { nowFollowingNote } from '../notifications/notify.server'
import { fieldErrors } from '../utils/field-errors'
import { countOf, formatDate } from '../utils/format'
import { idField } from '../utils/id'
import { Refusal, refusalInit } from '../utils/refusal'

import { CLAIM_ANSWER_MAX } from './claim-answer'
import { answerClaim, replyToClaim, type Answerer } from './claim-answer.server'
import { FEEDBACK_NOTE_MAX, TIME_TAKEN, TIME_TAKEN_LABELS } from './claim-feedback'
import {
  claimStarterProject,
  endClaim,
  releaseClaim,
  renewClaim,
  submitClaimFeedback,
  type ReportEffect,
} from './claim.server'
import { FINISH_LINK_MAX, parseFinishLink } from './finish-link'
import { offerToMentor, settleMentorOffer } from './mentor-offer.server'
import { nextProjectStep, type NextProjectStep } from './next-step'
import { getStarterSettings } from './settings.server'

// The claim forms (claim, renew, finish, stop, release, report, a mentor's answer or
// acknowledgement, the claimant's reply to it, an offer to mentor, a maintainer adding or
// declining one), posted from the project page (the edit page's list of offers posts there too)
// and, for a reply or a renewal, from My work: what a submission may say, and what doing it tells
// the person. The rules are claim.server.ts's and claim-answer.server.ts's; a refusal is answered
// by `submitClaimForm` in the same shape on every page that posts one.

const ClaimIdField = idField('The form did not say which claim.')
const OfferIdField = idField('The form did not say which offer to mentor.')

const ReportedStarsField = z
  .enum(['1', '2', '3'], { errorMap: () => ({ message: 'choose 1, 2 or 3 stars' }) })
  .transform((value) => Number(value) as Stars)

// The account acting is always the signed-in person: no field here names anyone, and any extra
// field (an "accountId" naming someone else) is dropped by the schema.
export const ClaimActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('claim') }),
    z.object({ intent: z.literal('offer-mentor') }),
    // A maintainer settling an offer to mentor (the project page's and the edit page's list).
    z.object({ intent: z.literal('add-mentor'), offerId: OfferIdField }),
    z.object({ intent: z.literal('decline-mentor'), offerId: OfferIdField }),
    z.object({ intent: z.literal('renew'), claimId: ClaimIdField }),
    // Optional: the pull request or issue that did it. Checked by parseFinishLink; the bound
    // only keeps a huge post from being carried further.
    z.object({
      intent: z.literal('finish'),
      claimId: ClaimIdField,
      finishLink: z
        .string()
        .max(FINISH_LINK_MAX * 4, `is too long: at most ${FINISH_LINK_MAX} characters`)
        .default('')
        .transform((text, context) => {
          const { link, problem } = parseFinishLink(text)
          if (problem) context.addIssue({ code: 'custom', message: problem })
          return link
        }),
    }),
    z.object({ intent: z.literal('abandon'), claimId: ClaimIdField }),
    z.object({
      intent: z.literal('release'),
      claimId: ClaimIdField,
      confirm: z.literal('yes').optional(),
    }),
    // The length is checked again (with the rest) by claimAnswerProblem, after trimming; this
    // bound only keeps a huge post from being carried further.
    z.object({
      intent: z.literal('answer'),
      claimId: ClaimIdField,
      message: z
        .string({ required_error: 'is missing: write a few words, or use “Acknowledge”' })
        .max(CLAIM_ANSWER_MAX * 4, `must be at most ${CLAIM_ANSWER_MAX} characters`),
    }),
    z.object({ intent: z.literal('acknowledge'), claimId: ClaimIdField }),
    // Checked again by claimReplyProblem, as an answer is by claimAnswerProblem.
    z.object({
      intent: z.literal('reply'),
      claimId: ClaimIdField,
      message: z
        .string({ required_error: 'is missing: write a few words' })
        .max(CLAIM_ANSWER_MAX * 4, `must be at most ${CLAIM_ANSWER_MAX} characters`),
    }),
    z.object({
      intent: z.literal('feedback'),
      claimId: ClaimIdField,
      languageStars: ReportedStarsField,
      domainStars: ReportedStarsField,
      timeTaken: z.enum(TIME_TAKEN, {
        // Named as the form shows them, not by their stored values.
        errorMap: () => ({
          message: `choose one of ${TIME_TAKEN.map((time) => `“${TIME_TAKEN_LABELS[time]}”`).join(', ')}`,
        }),
      }),
      note: z
        .string()
        .max(FEEDBACK_NOTE_MAX, `must be at most ${FEEDBACK_NOTE_MAX} characters`)
        .default(''),
    }),
  ],
  { errorMap: () => ({ message: 'That is not something this page can do.' }) },
)

export type ClaimAction = z.output<typeof ClaimActionSchema>

/** What doing it tells the person, and after a report on a finished claim, where to look next. */
export type ClaimActionOutcome = { message: string; nextProject: NextProjectStep | null }

/** Does what the form asked for the signed-in person; returns what to tell them. */
export async function performClaimAction(
  input: ClaimAction,
  projectId: number,
  person: Person | Answerer,
): Promise<ClaimActionOutcome> {
  if (input.intent === 'feedback') {
    const reported = await submitClaimFeedback(projectId, input.claimId, person, {
      languageStars: input.languageStars,
      domainStars: input.domainStars,
      timeTaken: input.timeTaken,
      note: input.note,
    })
    const { domains } = getStarterSettings()
    return {
      message: reportThanks(reported.effect),
      nextProject: nextProjectStep({
        outcome: reported.outcome,
        languageStars: reported.languageStars,
        metLanguageStars: input.languageStars,
        projectDomains: reported.domains,
        boardDomains: domains,
      }),
    }
  }
  return { message: await messageFor(input, projectId, person), nextProject: null }
}

/**
 * The thanks for a report: what this report did, by the calibration rule (assessDrift) with the
 * values in force. Before, every reporter read the rule as conditionals ("where it says the rating
 * is off …, once 2 reports say so …"), and one whose report did disagree could not tell whether
 * anyone had been told. A lone report that disagrees is also listed apart on the calibration page
 * ("Too few reports to flag yet"): a finished project may never get a second.
 */
function reportThanks(effect: ReportEffect) {
  const { driftMinReports, driftThreshold } = getStarterSettings()
  const thanks =
    'Thank you: your report is recorded and shown (averaged) beside the maintainers’ rating.'
  switch (effect.kind) {
    case 'agrees':
      return `${thanks} It is within ${driftThreshold}★ of the rating on both axes, so nobody is asked to change it.`
    case 'unrated':
      return `${thanks} Where the project is rated, it agrees within ${driftThreshold}★; an axis nobody has rated yet is listed for the maintainers to rate once it has ${countOf(Math.max(1, driftMinReports), 'report')}.`
    case 'disagrees': {
      const told =
        effect.told > 0
          ? 'the maintainers and the project’s mentors have been told'
          : 'no maintainer or mentor here was told (none to tell, or they turned these notices off)'
      const reports = countOf(effect.reports, 'report')
      const next = effect.isFlagged
        ? `The reports so far (${reports}) put it among the ratings the maintainers are asked to redo.`
        : `Once ${driftMinReports} reports say so on average, the maintainers are asked to rate it again (${reports} so far).`
      return `${thanks} You found it ${effect.finding}: ${told}. ${next}`
    }
  }
}

async function messageFor(
  input: Exclude<ClaimAction, { intent: 'feedback' }>,
  projectId: number,
  person: Person | Answerer,
): Promise<string> {
  const withRole = {
    ...person,
    isMaintainer: 'isMaintainer' in person && person.isMaintainer,
  }
  switch (input.intent) {
    case 'claim': {
      const { followed } = await claimStarterProject(projectId, person)
      // Its end date is in the claim box right below the notice: said once, there.
      return `You are working on this now.${nowFollowingNote(followed)}`
    }
    case 'offer-mentor': {
      const offer = await offerToMentor(projectId, withRole)
      if (offer.outcome === 'offered-before') {
        return 'You offered already: the maintainers were told then.'
      }
      return offer.outcome === 'offered'
        ? 'Offered: the maintainers are told. Once one names you a mentor here, claims on it reach you and the project shows on your My work.'
        : 'There is no maintainer here to tell yet.'
    }
    case 'add-mentor': {
      const { name } = await settleMentorOffer(projectId, input.offerId, 'added', withRole)
      return `${name} mentors this project now: they are told, and hear of its claims.`
    }
    case 'decline-mentor': {
      const { name } = await settleMentorOffer(projectId, input.offerId, 'declined', withRole)
      return `Declined: ${name} is thanked for offering and told.`
    }
    case 'renew': {
      const expires = await renewClaim(projectId, input.claimId, person)
      return `Renewed: your claim now runs until ${formatDate(expires)}.`
    }
    case 'finish': {
      const result = await endClaim(projectId, input.claimId, person, 'done', undefined, {
        finishLink: input.finishLink,
      })
      const status = result.projectDone
        ? 'The project is marked done (a maintainer can reopen it if it was not).'
        : result.followsIssue
          ? 'This project follows its GitHub issue: it shows as done once the issue is closed.'
          : result.othersWorking > 0
            ? 'The project stays open for the others working on it.'
            : 'The project stays open for whoever takes it up next.'
      return `Well done! ${status} Please tell us below what you met.`
    }
    case 'abandon': {
      await endClaim(projectId, input.claimId, person, 'abandoned')
      return 'Thanks for trying: your claim has ended. Please tell us below what you met; it helps us rate projects honestly.'
    }
    case 'release': {
      const { wasStale } = await releaseClaim(projectId, input.claimId, person, {
        confirmed: input.confirm === 'yes',
      })
      return wasStale ? 'The stale claim is released.' : 'The claim is released.'
    }
    case 'answer':
    case 'acknowledge': {
      await answerClaim(
        projectId,
        input.claimId,
        { ...person, isMaintainer: 'isMaintainer' in person && person.isMaintainer },
        { message: input.intent === 'answer' ? input.message : null },
      )
      // Nothing goes to GitHub: the answer lives on the board (see the feature's README).
      return input.intent === 'answer'
        ? 'Sent: they are told, and your answer shows under their claim here and on their My work.'
        : 'Acknowledged: they are told you have seen their claim.'
    }
    case 'reply': {
      await replyToClaim(projectId, input.claimId, person, { message: input.message })
      // Said on the project page and on My work alike: both show the thread under the claim.
      return 'Sent: whoever answered your claim is told, and your reply shows under your claim.'
    }
  }
}

/** What a claim form's post answers: the page that sent it shows it. */
export type ClaimFormResult = {
  ok: boolean
  message: string
  intent: ClaimAction['intent'] | null
  fieldErrors?: Record<string, string>
  /**
   * What was submitted: a refused form keeps the person's words (a refused answer or reply
   * under the claim it was for), and a sent reply says which claim it went to.
   */
  values?: Record<string, string>
  /** After a report on a finished claim: the finder set one step up (`nextProjectStep`). */
  nextProject?: NextProjectStep | null
}

/**
 * Checks a claim form's post and does it for the signed-in person: one way for every page that
 * posts one, so a reply or a renewal sent from My work is refused as on the project page, in the
 * same words and with the same status (400 keeping the words, 403, 404, 409, 429), and spends the
 * same claim write budget. `intents` narrows what the page offers; anything else is refused as the
 * schema refuses an unknown intent.
 */
export async function submitClaimForm(
  form: Record<string, FormDataEntryValue>,
  projectId: number,
  user: CurrentUser,
  intents?: readonly ClaimAction['intent'][],
) {
  const parsed = ClaimActionSchema.safeParse(form)
  if (!parsed.success || (intents && !intents.includes(parsed.data.intent))) {
    const errors = parsed.success
      ? { intent: 'That is not something this page can do.' }
      : fieldErrors(parsed.error)
    return json<ClaimFormResult>(
      {
        ok: false,
        message:
          errors.intent ??
          errors.claimId ??
          errors.offerId ??
          (errors.finishLink
            ? `Your link ${errors.finishLink}. Nothing is saved yet: fix it or leave it empty.`
            : null) ??
          (errors.message
            ? `Your ${form.intent === 'reply' ? 'reply' : 'answer'} ${errors.message}.`
            : 'Some answers need another look.'),
        intent: null,
        fieldErrors: errors,
        values: Object.fromEntries(
          Object.entries(form).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        ),
      },
      { status: 400 },
    )
  }
  const input = parsed.data
  if (input.intent === 'release' && user.role !== 'maintainer') {
    throw new Response(
      'Only maintainers release other people’s claims; to end your own, say whether you finished or stopped.',
      { status: 403 },
    )
  }
  // Claims, renewals, endings, reports and the thread's messages share one budget: generous for
  // a person, tight for a script. Maintainers releasing stale claims are not counted against it.
  const person = { id: user.id, login: user.login, isMaintainer: user.role === 'maintainer' }
  // A refused answer or reply keeps what was written, under the claim it was for.
  const values =
    input.intent === 'answer' || input.intent === 'reply'
      ? { claimId: String(input.claimId), message: input.message }
      : undefined
  try {
    if (input.intent !== 'release') await enforceWriteLimit(user, 'claim')
    const { message, nextProject } = await performClaimAction(input, projectId, person)
    return json<ClaimFormResult>({
      ok: true,
      message,
      nextProject,
      intent: input.intent,
      values: values && { claimId: values.claimId },
    })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json<ClaimFormResult>(
      {
        ok: false,
        message: error.message,
        intent: input.intent,
        fieldErrors: error.fieldErrors,
        values,
      },
      refusalInit(error),
    )
  }
}
