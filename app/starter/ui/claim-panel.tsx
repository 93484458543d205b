import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, type ReactNode, type Ref } from 'react'

import { personName } from '../../accounts/person'
import { DemoBadge } from '../../components/demo-badge'
import { formatDate, formatDateTime, listInWords } from '../../utils/format'
import { CLAIM_ANSWER_MAX, isReplyOpen, shownToMaintainersFrom } from '../claim-answer'
import type { ClaimAnswer } from '../claim-answer.server'
import { CONFIRM_ENDING_PARAM, type EndingToConfirm } from '../claim-ending'
import { RENEWAL_WINDOW_DAYS, renewalOpensAt, whatClaimingMeans } from '../claim-time'
import type { UnendedClaim } from '../claim.server'
import { FINISH_LINK_EXAMPLE, FINISH_LINK_MAX } from '../finish-link'
import type { ShownFinishLink } from '../finish-link.server'
import {
  describeNextProjectStep,
  mentorsToldOfClaims,
  nextStepAfterClaim,
  type NextProjectStep,
  type NextStepGuide,
} from '../next-step'

import { ClaimAnswerList } from './claim-answer-list'
import { FinishLinkTo } from './finish-link-to'

// The project page's "Who is working on this": the claims that have not ended (running or
// lapsed), the button to claim, one's own claim (renew, finish, stop), a maintainer's
// release, and each claim's thread (the mentors' answers and the claimant's replies) with, for a
// mentor or a maintainer, the form to answer or acknowledge it, and for the claimant the form to
// reply once someone has answered. The rules behind each button are in app/starter/claim.server.ts; this only offers
// what they would allow.

export type ClaimRow = SerializeFrom<UnendedClaim>

export type AnswerRow = SerializeFrom<ClaimAnswer>

/** A refused answer or reply: its message, and what was typed, to show again under its claim. */
export type AnswerResult = { message: string; values?: Record<string, string> }

type Finisher = {
  id: number
  account_id: number
  login: string
  is_demo: boolean
  /** The pull request or issue she gave on finishing, if any. */
  finishLink?: ShownFinishLink | null
}

export type ClaimedProject = {
  id: number
  title: string
  /** As people see it: open, claimed, done or inactive. */
  status: string
  size: string | null
  issue: { repo: string; number: number } | null
  /** Its mentors: those with an account here are told of each claim (`mentorsToldOfClaims`). */
  mentors?: { name: string; account_id: number | null; is_demo: boolean }[]
}

export function ClaimPanel({
  project,
  viewer,
  claims,
  answers = [],
  answerResult = null,
  replyResult = null,
  finishers = [],
  claimDays,
  feedbackForm,
  confirmEnding = null,
  finishResult = null,
  isNextProjectOffered = false,
  following = null,
}: {
  project: ClaimedProject
  viewer: { id: number; isMaintainer: boolean; isMentor?: boolean } | null
  claims: ClaimRow[]
  /** The mentors' answers to these claims (signed-in viewers only). */
  answers?: AnswerRow[]
  /** A refused answer, shown again under its claim. */
  answerResult?: AnswerResult | null
  /** A refused reply, shown again under the claim. */
  replyResult?: AnswerResult | null
  /** Who finished it: credited once nobody works on it any more. */
  finishers?: Finisher[]
  claimDays: number
  /** The report form for an ended claim, shown while the viewer holds no claim here. */
  feedbackForm: ReactNode
  /** The ending of one's own claim the address asks to confirm (`?confirm=`), if any. */
  confirmEnding?: EndingToConfirm | null
  /** A refused finish (its link), shown again in the confirmation with what she typed. */
  finishResult?: AnswerResult | null
  /** The report's thanks above offer her next project a step up: no second, plainer link. */
  isNextProjectOffered?: boolean
  /** Whether the signed-in viewer follows the project (null: never chose). */
  following?: boolean | null
}) {
  const running = claims.filter((claim) => claim.is_running)
  const mine = viewer ? claims.find((claim) => claim.account_id === viewer.id) : undefined
  const isElastic = project.size === 'elastic'
  // The report form shows while she holds no claim here (below).
  const isReportAsked = !mine && feedbackForm != null
  const isOpen = project.status !== 'done' && project.status !== 'inactive'
  // Her own project's mentor answers its claims rather than claims it (claim.server.ts,
  // refuseOwnMentor), a maintainer who mentors it too.
  const isMentorHere = viewer?.isMentor === true
  const canClaim =
    isOpen &&
    !isMentorHere &&
    !mine?.is_running &&
    (isElastic || running.every((claim) => claim.account_id === viewer?.id))
  return (
    <section aria-labelledby="claims-heading" className="mt-4">
      {/* The heading and "nobody yet" share a line, and the elastic note waits under the button:
          the page puts this panel under its title, and on a phone every line above the button
          pushes it further from the first screen. */}
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h2 id="claims-heading" className="font-semibold">
          Who is working on this
        </h2>
        {claims.length === 0 && finishers.length > 0 ? (
          <DoneBy finishers={finishers} project={project} viewerId={viewer?.id} />
        ) : claims.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody yet.</p>
        ) : null}
      </div>
      {claims.length > 0 ? (
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
          {claims.map((claim) => {
            const thread = answers.filter((answer) => answer.claim_id === claim.id)
            const round = thread.filter((answer) => answer.by_claimant).length
            const isMine = claim.account_id === viewer?.id
            // Told of the claim as it was made: not its own claimant (`notify` skips her).
            const told = (project.mentors ?? []).filter(
              (mentor) => mentor.account_id !== null && mentor.account_id !== claim.account_id,
            )
            return (
              <ClaimItem
                key={claim.id}
                claim={claim}
                projectId={project.id}
                projectTitle={project.title}
                toldMentors={mentorsToldOfClaims(told)}
                isToldDemoOnly={told.length > 0 && told.every((mentor) => mentor.is_demo)}
                isMaintainer={viewer?.isMaintainer ?? false}
                isMine={isMine}
                answers={thread}
                // A mentor or a maintainer answers others' claims, once each until the
                // claimant replies (the server's rounds, claim-answer.server.ts).
                canAnswer={
                  viewer !== null &&
                  (viewer.isMentor === true || viewer.isMaintainer) &&
                  !isMine &&
                  !thread.some((answer) => answer.author_id === viewer.id && answer.round === round)
                }
                answerResult={
                  answerResult?.values?.claimId === String(claim.id) ? answerResult : null
                }
                replyResult={replyResult?.values?.claimId === String(claim.id) ? replyResult : null}
              />
            )
          })}
        </ul>
      ) : null}

      {!viewer && canClaim ? (
        <p className="mt-3 text-sm">
          <Link
            to={`/login?returnTo=${encodeURIComponent(`/starter/${project.id}`)}`}
            className="text-blue-700 underline"
          >
            Sign in
          </Link>{' '}
          to work on this project. {whatClaimingMeans(claimDays)}
        </p>
      ) : null}

      {viewer && canClaim ? (
        <Form method="post" className="mt-3">
          <button
            type="submit"
            name="intent"
            value="claim"
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
          >
            {mine ? 'Claim it again' : 'I’m working on this'}
          </button>
          <span className="ml-2 text-xs text-slate-600">
            Everyone sees your claim and its date; it lasts {claimDays} days unless you renew it.
          </span>
        </Form>
      ) : null}

      {isOpen && isMentorHere && !mine?.is_running ? (
        <p className="mt-3 text-sm text-slate-600">
          You mentor this project, so you don’t claim it: you answer whoever does, here.
        </p>
      ) : null}

      {/* Not "sign in to work on this" where signing in would offer no button: point onwards.
          Not to whoever has just finished it either, above the report she is asked for: her
          next project is offered once she has sent it (ClaimNextStep). */}
      {!canClaim &&
      !mine?.is_running &&
      !viewer?.isMaintainer &&
      !(isOpen && isMentorHere) &&
      !isReportAsked &&
      !isNextProjectOffered ? (
        <p className="mt-3 text-sm">
          {project.status === 'done'
            ? 'It is done'
            : project.status === 'inactive'
              ? 'It is not open for work now'
              : 'Someone is working on it'}
          :{' '}
          <Link to="/starter" className="text-blue-700 underline">
            find an open project
          </Link>
          {/* Followers are told when the claimant stops or finishes (notifyClaimEvent) and
              when the project is free again because the claim lapsed or a maintainer released
              it (notifyProjectFreed). Signed out, there is no Follow button to point to. */}
          {!isOpen || !viewer
            ? '.'
            : following
              ? '. You follow this one: your Inbox tells you if they stop or finish, or when it is free again.'
              : ', or follow this one (Follow, above) to be told in your Inbox if they stop or finish, or when it is free again.'}
        </p>
      ) : null}

      {isElastic && claims.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          Several people can work on this elastic project at once.
        </p>
      ) : null}

      {mine ? (
        <OwnClaim
          claim={mine}
          project={project}
          confirmEnding={finishResult ? 'finish' : confirmEnding}
          finishResult={finishResult}
          isMentor={isMentorHere}
        />
      ) : null}
      {isReportAsked ? feedbackForm : null}
    </section>
  )
}

/**
 * The credit once a project is finished: who did it. An elastic project still open is not done:
 * its finishers did their part, and "Done by" under "Who is working on this" would say otherwise.
 */
export function DoneBy({
  finishers,
  project,
  viewerId,
}: {
  finishers: Finisher[]
  project: Pick<ClaimedProject, 'size' | 'status'>
  /** Who reads it: her own part is credited to "you", not to her name as others see it. */
  viewerId?: number
}) {
  const stillOpen =
    project.size === 'elastic' && project.status !== 'done' && project.status !== 'inactive'
  return (
    <p className="text-sm text-slate-700">
      {stillOpen ? 'Nobody now; parts done by' : 'Done by'}{' '}
      {finishers.map((finisher, index) => (
        <span key={finisher.id}>
          {index > 0 ? ', ' : ''}
          {/* A GitHub person by @login; a demo person by her demo name and, as her running
              claim was, marked as a demo action. */}
          {finisher.account_id === viewerId ? (
            <>
              you
              {finisher.is_demo ? <DemoBadge>demo claim</DemoBadge> : null}
            </>
          ) : finisher.is_demo ? (
            <>
              {personName({ login: finisher.login, isDemo: true })}
              <DemoBadge>demo claim</DemoBadge>
            </>
          ) : (
            `@${finisher.login}`
          )}
          {finisher.finishLink ? (
            <>
              {' '}
              with <FinishLinkTo link={finisher.finishLink} />
            </>
          ) : null}
        </span>
      ))}
      .
    </p>
  )
}

function ClaimItem({
  claim,
  projectId,
  projectTitle,
  toldMentors,
  isToldDemoOnly,
  isMaintainer,
  isMine,
  answers,
  canAnswer,
  answerResult,
  replyResult,
}: {
  claim: ClaimRow
  projectId: number
  projectTitle: string
  toldMentors: string[]
  /** Every mentor told is a demo account: an answer comes only if a visitor signs in as one. */
  isToldDemoOnly: boolean
  isMaintainer: boolean
  isMine: boolean
  answers: AnswerRow[]
  canAnswer: boolean
  answerResult: AnswerResult | null
  replyResult: AnswerResult | null
}) {
  const name = personName({ login: claim.login, isDemo: claim.is_demo })
  const latest = answers[answers.length - 1]
  // The claimant replies to an answer, once until someone answers her reply.
  const canReply = isMine && isReplyOpen(answers)
  return (
    <li className="px-3 py-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>
          {/* "You, Noor (demo newcomer)": a demo name carries its own brackets, so no more around it. */}
          <span className="font-medium">{isMine ? `You, ${name}` : name}</span>{' '}
          <span className="text-slate-600">
            since {formatDate(claim.claimed_at)}
            {claim.renewed_at ? `, renewed ${formatDate(claim.renewed_at)}` : ''}
            {claim.is_running
              ? ` · until ${formatDate(claim.expires_at)}`
              : ` · lapsed ${formatDate(claim.expires_at)}`}
          </span>
          {claim.is_stale ? (
            <span className="ml-2 rounded bg-slate-200 px-1 text-xs text-slate-700">stale</span>
          ) : null}
          {claim.is_demo ? <DemoBadge>demo claim</DemoBadge> : null}
        </span>
        {isMaintainer ? (
          <Form method="post" className="flex items-center gap-2 text-xs">
            <input type="hidden" name="claimId" value={claim.id} />
            {claim.is_stale ? null : (
              <label className="flex items-center gap-1">
                <input type="checkbox" name="confirm" value="yes" required />
                still active: release anyway
              </label>
            )}
            <button
              type="submit"
              name="intent"
              value="release"
              className="rounded border border-red-300 px-2 py-0.5 font-semibold text-red-700 hover:bg-red-50"
              aria-label={`Release ${name}’s claim on ${projectTitle}`}
            >
              Release
            </button>
          </Form>
        ) : null}
      </div>
      {answers.length > 0 ? (
        <ClaimAnswerList
          answers={answers}
          whose="this claim"
          label={`Answers to ${name}’s claim`}
          isClaimantViewing={isMine}
        />
      ) : isMine || canAnswer ? (
        <p className="mt-1 text-xs text-slate-600">
          {isMine ? waitingForAnswer(claim, toldMentors) : 'Nobody has answered this claim yet.'}
          {isMine && isToldDemoOnly ? (
            // In the demo nobody is behind a demo mentor: the promised answer never came unless
            // the visitor went and gave it herself, which nothing here said she could.
            <>
              {' '}
              In this demo,{' '}
              {toldMentors.length === 1 ? 'that is a demo account' : 'those are demo accounts'}: an
              answer comes when someone signs in as one.{' '}
              <Link
                to={`/login?returnTo=${encodeURIComponent(`/starter/${projectId}`)}`}
                className="text-blue-700 underline"
              >
                Be someone else
              </Link>{' '}
              to answer your claim as {toldMentors.length === 1 ? 'them' : 'one of them'}.
            </>
          ) : null}
        </p>
      ) : null}
      {isMine && latest?.by_claimant ? (
        <p className="mt-1 text-xs text-slate-600">
          Whoever answered is told of your reply; you will be told when they answer.
        </p>
      ) : null}
      {canReply ? <ReplyForm claimId={claim.id} result={replyResult} /> : null}
      {canAnswer ? (
        <AnswerForm
          claimId={claim.id}
          claimant={name}
          hasAnswers={answers.length > 0}
          // Her reply waits for an answer: the form is open, as for a claim nobody answered.
          isReplyWaiting={latest?.by_claimant ?? false}
          result={answerResult}
        />
      ) : null}
    </li>
  )
}

/**
 * Under her own claim nobody has answered: who was told of it, if anyone, and when the
 * maintainers see it waiting. "You will be told when one does" promised an answer from mentors
 * nobody had asked, on a project with no mentor here.
 */
function waitingForAnswer(claim: ClaimRow, toldMentors: string[]) {
  const told =
    toldMentors.length > 0
      ? `Nobody has answered yet: ${listInWords(toldMentors)} ${toldMentors.length === 1 ? 'was' : 'were'} told of your claim.`
      : 'Nobody has answered yet, and no mentor on this board was told of your claim.'
  // Only a running claim is listed for them, and only if it still runs by then.
  const shownFrom = shownToMaintainersFrom(claim.claimed_at)
  const maintainers =
    claim.is_running && shownFrom < new Date(claim.expires_at)
      ? ` If nobody answers by ${formatDate(shownFrom)}, the maintainers see it waiting.`
      : ''
  return `${told}${maintainers} You will be told of any answer.`
}

/**
 * A mentor's answer to a claim: a few words (a welcome, where to start), or "Acknowledge" to say
 * she has seen it. Open when nobody has answered yet; folded under someone else's answer.
 */
function AnswerForm({
  claimId,
  claimant,
  hasAnswers,
  isReplyWaiting,
  result,
}: {
  claimId: number
  claimant: string
  hasAnswers: boolean
  isReplyWaiting: boolean
  result: AnswerResult | null
}) {
  const fieldId = `answer-${claimId}`
  const form = (
    <Form method="post" preventScrollReset className="mt-2 text-sm">
      <input type="hidden" name="claimId" value={claimId} />
      <ClaimMessageField
        fieldId={fieldId}
        label={
          isReplyWaiting
            ? `Answer the reply from ${claimant}`
            : `Answer ${claimant}: a welcome and a first step`
        }
        whoIsTold="They are told"
        result={result}
      />
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="answer"
          className="rounded bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800"
        >
          Send answer
        </button>
        {/* No words needed to say "seen it": the text field may stay empty. */}
        <button
          type="submit"
          name="intent"
          value="acknowledge"
          formNoValidate
          className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold text-slate-800"
        >
          Acknowledge
        </button>
      </div>
    </Form>
  )
  if (!hasAnswers || isReplyWaiting || result) return form
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-blue-700 underline">Add your answer</summary>
      {form}
    </details>
  )
}

/**
 * The claimant's reply to the answers to her claim: a few words (a question, a thanks), the same
 * limits as an answer. Whoever answered is told. On the project page and on My work alike; offer
 * it only while `isReplyOpen`. Refused, the words come back with the reason, and the field takes
 * the focus so the reason is read out (the browser's own `autofocus` does it without script).
 */
export function ReplyForm({
  claimId,
  result,
  projectId,
}: {
  claimId: number
  result: AnswerResult | null
  /** For a page that is not the project's own: which project the claim is on. */
  projectId?: number
}) {
  const fieldId = `reply-${claimId}`
  const field = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (result) field.current?.focus()
  }, [result])
  return (
    <Form method="post" preventScrollReset className="mt-2 text-sm">
      <input type="hidden" name="claimId" value={claimId} />
      {projectId === undefined ? null : <input type="hidden" name="projectId" value={projectId} />}
      <ClaimMessageField
        fieldId={fieldId}
        label="Reply to the answer"
        whoIsTold="Whoever answered is told"
        result={result}
        fieldRef={field}
      />
      <button
        type="submit"
        name="intent"
        value="reply"
        className="mt-2 rounded bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800"
      >
        Send reply
      </button>
    </Form>
  )
}

/** The words of an answer or a reply: a short plain text, its limit, and who reads it. */
function ClaimMessageField({
  fieldId,
  label,
  whoIsTold,
  result,
  fieldRef,
}: {
  fieldId: string
  label: string
  whoIsTold: string
  result: AnswerResult | null
  fieldRef?: Ref<HTMLTextAreaElement>
}) {
  return (
    <>
      <label htmlFor={fieldId} className="block font-medium">
        {label}
      </label>
      <textarea
        ref={fieldRef}
        id={fieldId}
        name="message"
        rows={3}
        required
        maxLength={CLAIM_ANSWER_MAX}
        defaultValue={result?.values?.message ?? ''}
        aria-invalid={result ? true : undefined}
        // Without script, the page after a refused post opens on the words it refused.
        autoFocus={result !== null}
        aria-describedby={result ? `${fieldId}-error` : `${fieldId}-hint`}
        className="mt-1 block w-full rounded border border-slate-300 p-2"
      />
      {result ? (
        <p id={`${fieldId}-error`} className="mt-1 text-red-700">
          {result.message}
        </p>
      ) : (
        <p id={`${fieldId}-hint`} className="mt-1 text-xs text-slate-600">
          Plain text, up to {CLAIM_ANSWER_MAX} characters. {whoIsTold}, and it shows here on the
          board; it is not posted on GitHub.
        </p>
      )}
    </>
  )
}

function OwnClaim({
  claim,
  project,
  confirmEnding,
  finishResult,
  isMentor,
}: {
  claim: ClaimRow
  project: ClaimedProject
  confirmEnding: EndingToConfirm | null
  finishResult: AnswerResult | null
  /** Named a mentor of it since she claimed it: the claim runs out, never renewed (renewClaim). */
  isMentor: boolean
}) {
  return (
    <div className="mt-3 rounded border border-blue-200 bg-blue-50 p-3 text-sm">
      <p>
        {!claim.is_running
          ? `Your claim lapsed on ${formatDate(claim.expires_at)}: claim it again to carry on, or tell us how it ended.`
          : isMentor
            ? `Your claim holds until ${formatDate(claim.expires_at)}. You mentor this project now, so it is not renewed: you answer whoever works on it next.`
            : claim.is_renewable
              ? `Your claim runs until ${formatDateTime(claim.expires_at)}: renew it if you need longer.`
              : // Just claimed, renewing would change nothing: say how long it holds instead.
                `Your claim holds until ${formatDate(claim.expires_at)}. If you need longer, you can renew it in its last ${RENEWAL_WINDOW_DAYS} days, from ${formatDateTime(renewalOpensAt(claim.expires_at))}.`}
      </p>
      {confirmEnding ? (
        <ConfirmEnding
          ending={confirmEnding}
          claim={claim}
          project={project}
          finishResult={finishResult}
        />
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          {claim.is_renewable && !isMentor ? (
            <Form method="post">
              <input type="hidden" name="claimId" value={claim.id} />
              <button
                type="submit"
                name="intent"
                value="renew"
                className="rounded border border-blue-300 bg-white px-3 py-1 font-semibold text-blue-800"
              >
                Renew my claim
              </button>
            </Form>
          ) : null}
          {/* Not the ending itself: a step that says what it does first (claim-ending.ts). */}
          <Form method="get" preventScrollReset className="flex flex-wrap gap-2">
            <button
              type="submit"
              name={CONFIRM_ENDING_PARAM}
              value="finish"
              className="rounded bg-green-700 px-3 py-1 font-semibold text-white hover:bg-green-800"
            >
              I finished it
            </button>
            <button
              type="submit"
              name={CONFIRM_ENDING_PARAM}
              value="stop"
              className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold text-slate-800"
            >
              I’m stopping
            </button>
          </Form>
        </div>
      )}
      {/* While an ending is being confirmed, the confirmation says what it does: a note on
          finishing under "You are stopping?" would answer a question nobody asked. */}
      {confirmEnding ? null : project.issue ? (
        <p className="mt-2 text-xs text-slate-600">
          This project follows {project.issue.repo}#{project.issue.number}: finishing ends your
          claim, and the project shows as done once that issue is closed on GitHub.
        </p>
      ) : project.size === 'elastic' ? (
        <p className="mt-2 text-xs text-slate-600">
          Elastic project: finishing ends your part; it stays open for others.
        </p>
      ) : (
        <p className="mt-2 text-xs text-slate-600">
          Finishing marks this project done for everyone: it leaves the finder. A maintainer can
          reopen it.
        </p>
      )}
    </div>
  )
}

/** What ending the claim will do, said before the button that does it. */
function endingConsequence(ending: EndingToConfirm, project: ClaimedProject) {
  const then = 'Then you can tell us how hard it was.'
  const yourPart = `This ends your part; the project stays open for others. ${then}`
  // The same cases, in the same order, as the note under the buttons and endClaim's rules.
  if (ending === 'stop') {
    return project.size === 'elastic'
      ? yourPart
      : `The project goes back to the finder for someone else. ${then}`
  }
  if (project.issue) {
    return `This ends your claim; the project shows as done for everyone once ${project.issue.repo}#${project.issue.number} is closed on GitHub. ${then}`
  }
  if (project.size === 'elastic') return yourPart
  return `This marks the project done for everyone and removes it from the finder. ${then}`
}

function ConfirmEnding({
  ending,
  claim,
  project,
  finishResult,
}: {
  ending: EndingToConfirm
  claim: ClaimRow
  project: ClaimedProject
  finishResult: AnswerResult | null
}) {
  const panel = useRef<HTMLDivElement>(null)
  // The button tapped is gone once this shows: bring keyboard and screen reader users here.
  useEffect(() => panel.current?.focus(), [ending])
  const headingId = `confirm-${ending}-heading`
  return (
    <div
      ref={panel}
      tabIndex={-1}
      role="group"
      aria-labelledby={headingId}
      className="mt-2 rounded border border-slate-300 bg-white p-3"
    >
      <p id={headingId} className="font-semibold">
        {ending === 'finish' ? 'You finished it?' : 'You are stopping?'}
      </p>
      <p className="mt-1">{endingConsequence(ending, project)}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {/* Posted to the bare address, so the page after it no longer asks. */}
        <Form method="post" action={`/starter/${project.id}`} preventScrollReset>
          <input type="hidden" name="claimId" value={claim.id} />
          {ending === 'finish' ? <FinishLinkField result={finishResult} /> : null}
          <button
            type="submit"
            name="intent"
            value={ending === 'finish' ? 'finish' : 'abandon'}
            className={
              ending === 'finish'
                ? 'rounded bg-green-700 px-3 py-2 font-semibold text-white hover:bg-green-800'
                : 'rounded bg-slate-700 px-3 py-2 font-semibold text-white hover:bg-slate-800'
            }
          >
            {ending === 'finish' ? 'Yes, I finished it' : 'Yes, I’m stopping'}
          </button>
        </Form>
        <Link
          to={`/starter/${project.id}`}
          preventScrollReset
          className="px-3 py-2 text-blue-700 underline"
        >
          No, go back
        </Link>
      </div>
    </div>
  )
}

/** Optional: the pull request or issue that did it, so whoever reads "finished" can see it. */
function FinishLinkField({ result }: { result: AnswerResult | null }) {
  return (
    <div className="mb-2">
      <label htmlFor="finish-link" className="block font-medium">
        Link to your pull request <span className="font-normal text-slate-600">(optional)</span>
      </label>
      <input
        id="finish-link"
        name="finishLink"
        type="text"
        inputMode="url"
        maxLength={FINISH_LINK_MAX}
        defaultValue={result?.values?.finishLink ?? ''}
        placeholder={FINISH_LINK_EXAMPLE}
        aria-invalid={result ? true : undefined}
        // Without script, the page after a refused post opens on the link it refused.
        autoFocus={result !== null}
        aria-describedby={result ? 'finish-link-error' : 'finish-link-hint'}
        className="mt-1 block w-full max-w-md rounded border border-slate-300 p-2"
      />
      {result ? (
        <p id="finish-link-error" className="mt-1 text-red-700">
          {result.message}
        </p>
      ) : (
        <p id="finish-link-hint" className="mt-1 text-xs text-slate-600">
          Its address on GitHub, as your browser shows it, or owner/repo#number. It is shown beside
          your claim.
        </p>
      )}
    </div>
  )
}

/**
 * The step after a claim or a report, under its thanks: a newcomer who has just claimed learns
 * where to start and where the claim is kept (the header's "My work" link looks like a name), and
 * one who has reported is pointed at the next project rather than left on a finished page.
 */
export function ClaimNextStep({
  intent,
  guide,
  nextProject = null,
  languageName,
}: {
  intent: string
  guide: NextStepGuide
  /** After a report on a finished claim: the finder one step up, in this project's domains. */
  nextProject?: NextProjectStep | null
  languageName: string
}) {
  if (intent === 'claim') {
    return (
      <>
        {' '}
        {nextStepAfterClaim(guide)} Your claims are listed on{' '}
        <Link to="/me" className="underline">
          My work
        </Link>
        .
      </>
    )
  }
  if (intent === 'feedback') {
    if (nextProject) {
      return (
        <>
          {' '}
          <Link to={nextProject.href} className="font-semibold underline">
            {nextProject.isStepUp ? 'Find your next project, a step up' : 'Find your next project'}
          </Link>
          : {describeNextProjectStep(nextProject, languageName)}
        </>
      )
    }
    return (
      <>
        {' '}
        <Link to="/starter" className="underline">
          Find your next project
        </Link>
        .
      </>
    )
  }
  return null
}
