import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type SerializeFrom,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'

import { getCurrentUser, getEmailOffer, requireUser } from '~/accounts/auth.server'
import { demoActionNote, personName } from '~/accounts/person'
import { EmailOffer } from '~/accounts/ui/email-offer'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { countLabelChangesToApply } from '~/labels/plan/review.server'
import { listFeeds } from '~/notifications/feeds.server'
import { getMaintainerQueue, getMyWork } from '~/notifications/my-work.server'
import { isEmailConfigured } from '~/notifications/notify.server'
import { FollowByFeed } from '~/notifications/ui/follow-by-feed'
import { heardWithoutFollowing } from '~/notifications/ui/heard-without-following'
import { SubjectLink } from '~/notifications/ui/subject-link'
import { WaitingForMaintainers } from '~/notifications/ui/waiting-for-maintainers'
import { IdeaStanding } from '~/roadmap/ui/idea-standing'
import { pageTitle } from '~/setup/board-name'
import { submitClaimForm, type ClaimFormResult } from '~/starter/claim-actions.server'
import { isReplyOpen } from '~/starter/claim-answer'
import { describeOwnReport } from '~/starter/claim-feedback'
import { claimTimeLeft, renewalOpensAt } from '~/starter/claim-time'
import { describeNextProjectStep } from '~/starter/next-step'
import { getStarterSettings } from '~/starter/settings.server'
import { ClaimAnswerList } from '~/starter/ui/claim-answer-list'
import { ReplyForm } from '~/starter/ui/claim-panel'
import { FinishLinkTo } from '~/starter/ui/finish-link-to'
import { MentoredProjects } from '~/starter/ui/mentored-projects'
import { StuckLink } from '~/starter/ui/stuck-link'
import { countOf, formatDate } from '~/utils/format'
import { idField } from '~/utils/id'
import { keepRetryAfter } from '~/utils/refusal'
import { readForm } from '~/utils/request-input.server'

const ProjectIdField = idField('The form did not say which project.')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  if (!user) throw redirect(`/login?returnTo=${encodeURIComponent('/me')}`)
  const isMaintainer = user.role === 'maintainer'
  const [work, queue, labelChanges, emailOffer, feeds] = await Promise.all([
    getMyWork(user.id),
    isMaintainer ? getMaintainerQueue(user.id) : null,
    isMaintainer ? countLabelChangesToApply(undefined, user) : null,
    isEmailConfigured() ? getEmailOffer(request, user.id) : null,
    listFeeds(),
  ])
  // A demo person's claims, requests and ideas are demo actions (most were made by the seed, not
  // by whoever plays her now): this page says so, as the pages that show them one by one do.
  return json({
    ...work,
    queue: queue && { ...queue, labelChanges },
    emailOffer,
    feeds,
    isDemo: user.isDemo,
    languageName: getStarterSettings().languageName,
    now: new Date().toISOString(),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = Object.fromEntries(await readForm(request))
  // A reply to the answers to one's claim, or a renewal: the project page's own forms, through
  // the same checks, rules, claim write budget and refusals (submitClaimForm), for the project
  // the form names. Nothing else is done from here.
  const projectId = ProjectIdField.safeParse(form.projectId)
  if (!projectId.success) {
    return json<ClaimFormResult>(
      { ok: false, message: 'The form did not say which project.', intent: null },
      { status: 400 },
    )
  }
  return submitClaimForm(form, projectId.data, user, ['reply', 'renew'])
}

// A reply refused for a spent write budget says when to try again, with or without script.
export const headers = keepRetryAfter

const FOLLOW_TYPE_WORDS = { idea: 'Idea', project: 'Starter project', area: 'Roadmap area' }

const OUTCOME_WORDS = {
  done: 'finished',
  abandoned: 'stopped',
  released: 'released by a maintainer',
}

export default function MyWorkRoute() {
  const data = useLoaderData<typeof loader>()
  const heardUnfollowed = heardWithoutFollowing({
    ownIdeas: data.ownIdeasHeard,
    mentors: data.mentored.length > 0,
    followsSomething: data.following.length > 0,
  })
  const result = useActionData<typeof action>()
  // A reply's outcome is said under its claim, beside the thread and the words; anything else
  // (a renewal, a form naming no claim of hers) up here.
  const replyResult =
    result && (result.intent === 'reply' || result.values?.intent === 'reply') ? result : null
  const repliedClaimId = data.claims.find(
    (claim) => String(claim.id) === replyResult?.values?.claimId,
  )?.id
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">My work</h1>
      <p className="mt-1 text-sm">
        <Link to="/notifications" className="text-blue-700 underline">
          Inbox
        </Link>
        {' · '}
        <Link to="/me/settings" className="text-blue-700 underline">
          Notification settings and email
        </Link>
      </p>
      {result && repliedClaimId === undefined ? (
        <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice>
      ) : null}
      {data.emailOffer ? <EmailOffer email={data.emailOffer} /> : null}

      {data.queue ? (
        <section aria-labelledby="waiting-heading" className="mt-6">
          <h2 id="waiting-heading" className="text-lg font-semibold">
            Waiting for maintainers
          </h2>
          <WaitingForMaintainers queue={data.queue} now={data.now} />
        </section>
      ) : null}

      {data.claimsToAnswer.length > 0 ? (
        <section aria-labelledby="answer-heading" className="mt-6">
          <h2 id="answer-heading" className="text-lg font-semibold">
            Claims waiting for your answer
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Newcomers working on projects you mentor. A few words of welcome and a first step, or
            just “Acknowledge”, on the project’s page.
          </p>
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
            {data.claimsToAnswer.map((claim) => (
              <li key={claim.id} className="p-3">
                <Link
                  to={`/starter/${claim.project_id}#claims-heading`}
                  className="text-blue-700 underline"
                >
                  {claim.title}
                </Link>
                : {personName({ login: claim.login, isDemo: claim.is_demo })}, since{' '}
                {formatDate(claim.claimed_at)}
                {claim.waiting_days >= 1 ? ` (waiting ${countOf(claim.waiting_days, 'day')})` : ''}
                {claim.is_demo ? <DemoBadge>demo claim</DemoBadge> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <MentoredProjects projects={data.mentored} />

      <section aria-labelledby="claims-heading" className="mt-6">
        <h2 id="claims-heading" className="text-lg font-semibold">
          My claims
        </h2>
        {data.claims.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            You are not working on a starter project.{' '}
            {data.nextProject ? (
              <>
                <Link to={data.nextProject.href} className="text-blue-700 underline">
                  {data.nextProject.isStepUp
                    ? 'Find your next one, a step up'
                    : 'Find your next one'}
                </Link>
                : {describeNextProjectStep(data.nextProject, data.languageName)}
              </>
            ) : (
              <>
                <Link to="/starter" className="text-blue-700 underline">
                  Find one
                </Link>
                .
              </>
            )}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {data.claims.map((claim) => (
              // Its id lets an address point at this claim (/me#claim-12).
              <li
                key={claim.id}
                id={`claim-${claim.id}`}
                className="flex flex-wrap items-start gap-3 p-3"
              >
                {/* At least 16rem before the renewal beside it: on a phone that wraps below
                    instead of squeezing the title into a column a word wide. */}
                <div className="min-w-0 flex-1 basis-64">
                  <Link to={`/starter/${claim.project_id}`} className="text-blue-700 underline">
                    {claim.title}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {claimTimeLeft(claim.expires_at, data.now)}
                    {data.isDemo ? <DemoBadge>demo claim</DemoBadge> : null}
                  </p>
                  <ClaimAnswerList answers={claim.answers} whose="your claim" isClaimantViewing />
                  <ClaimReply
                    claim={claim}
                    result={claim.id === repliedClaimId ? replyResult : null}
                  />
                  {/* Renew is not the only next step: someone back after a week may be done,
                      stopping or stuck, and those answers live on the project page. */}
                  <p className="text-sm text-slate-600">
                    Finished or stopping?{' '}
                    <Link
                      to={`/starter/${claim.project_id}#claims-heading`}
                      className="text-blue-700 underline"
                    >
                      Say so on the project
                    </Link>
                    <StuckLink projectId={claim.project_id} ask={claim.ask} />
                  </p>
                </div>
                {claim.is_renewable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="renew" />
                    <input type="hidden" name="projectId" value={claim.project_id} />
                    <input type="hidden" name="claimId" value={claim.id} />
                    <button
                      type="submit"
                      className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                    >
                      Renew
                    </button>
                  </Form>
                ) : claim.is_running && claim.is_mentor ? (
                  // Named a mentor since she claimed it: it runs out, as the project page says.
                  <span className="text-sm text-slate-600">You mentor it now: not renewable</span>
                ) : claim.is_running ? (
                  // Just claimed: nothing to renew yet; the line above says until when it holds.
                  <span className="text-sm text-slate-600">
                    Renewable from {formatDate(renewalOpensAt(claim.expires_at))}
                  </span>
                ) : (
                  <Link
                    to={`/starter/${claim.project_id}`}
                    className="text-sm text-blue-700 underline"
                  >
                    Claim it again
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
        {data.finished.length > 0 ? (
          <>
            <h3 className="mt-4 font-semibold">Ended claims</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {data.finished.map((claim) => (
                <li key={claim.id}>
                  <Link to={`/starter/${claim.project_id}`} className="text-blue-700 underline">
                    {claim.title}
                  </Link>
                  : {OUTCOME_WORDS[claim.outcome ?? 'done']} on {formatDate(claim.ended_at!)}
                  {claim.finishLink ? (
                    <>
                      {' '}
                      with <FinishLinkTo link={claim.finishLink} />
                    </>
                  ) : null}
                  ;{' '}
                  {claim.reported &&
                  claim.reported_language_stars !== null &&
                  claim.reported_domain_stars !== null ? (
                    describeOwnReport({
                      reported: {
                        language: claim.reported_language_stars,
                        domain: claim.reported_domain_stars,
                      },
                      rated: { language: claim.language_stars, domain: claim.domain_stars },
                      languageName: data.languageName,
                      domainName: claim.primary_domain,
                    })
                  ) : (
                    <Link
                      to={`/starter/${claim.project_id}#feedback-heading`}
                      className="text-blue-700 underline"
                    >
                      report the difficulty you met
                    </Link>
                  )}
                  {data.isDemo ? <DemoBadge>demo claim</DemoBadge> : null}
                  {/* What mentors said to it is part of its history, ended or not. */}
                  <ClaimAnswerList answers={claim.answers} whose="your claim" isClaimantViewing />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="ideas-heading" className="mt-6">
        <h2 id="ideas-heading" className="text-lg font-semibold">
          My ideas
        </h2>
        {data.ideas.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            You have not proposed an idea.{' '}
            <Link to="/roadmap/ideas" className="text-blue-700 underline">
              See the ideas
            </Link>
            .
          </p>
        ) : (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {data.ideas.map((idea) => (
              <li key={idea.id}>
                <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
                  {idea.title}
                </Link>
                {data.isDemo ? <DemoBadge>demo idea</DemoBadge> : null}{' '}
                <span className="text-slate-600">({idea.target_name})</span>:{' '}
                <IdeaStanding idea={idea} now={data.now} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* Where the ideas one supported went; nothing at all until one has +1'd or commented. */}
      {data.takenPart.items.length > 0 ? (
        <section aria-labelledby="taken-part-heading" className="mt-6">
          <h2 id="taken-part-heading" className="text-lg font-semibold">
            Ideas I +1’d or commented on
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {data.takenPart.items.map((idea) => (
              <li key={idea.id}>
                <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
                  {idea.title}
                </Link>{' '}
                <span className="text-slate-600">
                  ({idea.area_name}, {idea.target_name})
                </span>
                : <IdeaStanding idea={idea} now={data.now} end="." />{' '}
                <span className="text-slate-600">{takenPartSentence(idea, data.isDemo)}</span>
              </li>
            ))}
          </ul>
          {data.takenPart.more > 0 ? (
            <p className="mt-1 text-sm text-slate-600">
              And {data.takenPart.more} older {data.takenPart.more === 1 ? 'one' : 'ones'}.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="following-heading" className="mt-6">
        <h2 id="following-heading" className="text-lg font-semibold">
          Following
        </h2>
        {heardUnfollowed ? <p className="mt-1 text-sm text-slate-600">{heardUnfollowed}</p> : null}
        {data.following.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            {heardUnfollowed ? '' : 'You follow nothing yet: '}“Follow” on an idea or a starter
            project tells you when it changes; on an area of the roadmap’s ideas, when a new idea is
            proposed there.
          </p>
        ) : (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {data.following.map((follow) => (
              <li key={`${follow.subject_type}-${follow.subject_id}`}>
                {FOLLOW_TYPE_WORDS[follow.subject_type]}: <SubjectLink subject={follow} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="requests-heading" className="mt-6">
        <h2 id="requests-heading" className="text-lg font-semibold">
          My “nothing fits me” requests
        </h2>
        {data.requests.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">None sent.</p>
        ) : (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {data.requests.map((request) => (
              <li key={request.id}>
                Sent {formatDate(request.created_at)}
                {data.isDemo ? <DemoBadge>demo request</DemoBadge> : null}
                {request.domains.length > 0 ? ` (${request.domains.join(', ')})` : ''}
                {request.note ? `: “${request.note}”` : ''} —{' '}
                {request.answered_at ? (
                  request.answer_project_id ? (
                    <>
                      answered{request.answered_by_name ? ` by ${request.answered_by_name}` : ''} on{' '}
                      {formatDate(request.answered_at)} with{' '}
                      <Link
                        to={`/starter/${request.answer_project_id}`}
                        className="text-blue-700 underline"
                      >
                        {request.answer_project_title}
                      </Link>
                      {request.is_demo_answer ? <DemoBadge>a demo action</DemoBadge> : null}
                    </>
                  ) : (
                    <>
                      answered{request.answered_by_name ? ` by ${request.answered_by_name}` : ''} on{' '}
                      {formatDate(request.answered_at)}
                      {request.is_demo_answer ? <DemoBadge>a demo action</DemoBadge> : null}
                    </>
                  )
                ) : (
                  'waiting for an answer'
                )}
                {request.answer_note ? (
                  <p className="whitespace-pre-line text-slate-700">
                    The answer: “{request.answer_note}”
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* Last: a newcomer's first look after claiming is her claim, not a list of feeds. */}
      <section aria-labelledby="feeds-heading" className="mt-6">
        <h2 id="feeds-heading" className="text-lg font-semibold">
          Feeds
        </h2>
        <FollowByFeed feeds={data.feeds} />
      </section>
    </div>
  )
}

/**
 * Under one of one's claims: the reply box while a reply is allowed (the project page's own form
 * and rule, `isReplyOpen`), what became of a reply just sent from here, or that a reply waits
 * for an answer.
 */
/**
 * "You +1’d it and commented." as one string: a full stop of its own text node could be left
 * alone at the start of a phone's next line.
 */
function takenPartSentence(
  idea: { has_plus_one: boolean; has_commented: boolean },
  isDemo: boolean,
) {
  const plusOne = idea.has_plus_one ? `You +1’d it${demoActionNote(isDemo)}` : ''
  const commented = idea.has_commented
    ? `${idea.has_plus_one ? ' and' : 'You'} commented${demoActionNote(isDemo)}`
    : ''
  return `${plusOne}${commented}.`
}

function ClaimReply({
  claim,
  result,
}: {
  claim: { id: number; project_id: number; answers: { by_claimant: boolean }[] }
  result: SerializeFrom<ClaimFormResult> | null
}) {
  const isOpen = isReplyOpen(claim.answers)
  const isWaiting = claim.answers.at(-1)?.by_claimant ?? false
  return (
    <>
      {isOpen ? (
        <ReplyForm
          claimId={claim.id}
          projectId={claim.project_id}
          // A refusal the box cannot show (the claim was answered or ended meanwhile) is said
          // below, once.
          result={result && !result.ok ? result : null}
        />
      ) : null}
      {result && (result.ok || !isOpen) ? (
        <ReplyOutcome ok={result.ok} message={result.message} />
      ) : null}
      {isWaiting ? (
        <p className="mt-1 text-xs text-slate-600">
          Whoever answered is told of your reply; you will be told when they answer.
        </p>
      ) : null}
    </>
  )
}

/**
 * What became of a reply, where the box was: focused, since the button pressed is gone. Without
 * script the browser's `autofocus` does it, scrolling the page there from its top.
 */
function ReplyOutcome({ ok, message }: { ok: boolean; message: string }) {
  const outcome = useRef<HTMLDivElement>(null)
  useEffect(() => outcome.current?.focus(), [message])
  return (
    <div ref={outcome} tabIndex={-1} autoFocus>
      <Notice tone={ok ? 'success' : 'error'} className="mt-2">
        {message}
      </Notice>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('My work · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
