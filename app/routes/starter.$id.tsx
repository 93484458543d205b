import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { demoActionNote, personName } from '~/accounts/person'
import { errorTitle, GeneralErrorBoundary } from '~/components/error-boundary'
import { LinkedText } from '~/components/linked-text'
import { InView, Notice } from '~/components/notice'
import { useSettledActionData } from '~/components/settled-action-data'
import { describeLearning } from '~/labels/learning/learning'
import { listProjectLabelLearnings } from '~/labels/learning/learning.server'
import { labelStatusOfIssue } from '~/labels/plan/plans.server'
import { getFollowing } from '~/notifications/inbox.server'
import { FollowForm } from '~/notifications/ui/follow-form'
import { pageTitle } from '~/setup/board-name'
import { submitClaimForm } from '~/starter/claim-actions.server'
import { listClaimAnswers } from '~/starter/claim-answer.server'
import { CONFIRM_ENDING_PARAM, endingToConfirm } from '~/starter/claim-ending'
import {
  listClaimsAwaitingFeedback,
  listEndedClaims,
  listFinishers,
  listUnendedClaims,
} from '~/starter/claim.server'
import { GAP_ANSWERED_PARAM } from '~/starter/gap-request-input'
import { getRequestAnsweredBy } from '~/starter/gap-request.server'
import { getStarterProjectLinks } from '~/starter/links.server'
import { listedText, mentorsNamedText } from '~/starter/listed'
import { getMentorOffer, listOpenMentorOffers } from '~/starter/mentor-offer.server'
import {
  canReachMentors,
  mentorsToldOfClaims,
  repositoryToTell,
  whereToAsk,
} from '~/starter/next-step'
import { mentorContactLink, SIZE_LABELS } from '~/starter/project-input'
import { displayStatus, getStarterProject } from '~/starter/project.server'
import { askBeforeStarting, askWhileWorking, describeStars, getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { TAGGING_DONE_PARAM, taggingDoneNotice } from '~/starter/tagging-done'
import { ClaimHistory } from '~/starter/ui/claim-history'
import { ClaimNextStep, ClaimPanel } from '~/starter/ui/claim-panel'
import { FeedbackForm } from '~/starter/ui/feedback-form'
import { MentorOffer } from '~/starter/ui/mentor-offer'
import { OpenMentorOffers } from '~/starter/ui/mentor-offers'
import { ProjectFacts } from '~/starter/ui/project-facts'
import { ProjectRatings } from '~/starter/ui/project-ratings'
import { ProjectReading } from '~/starter/ui/project-reading'
import { StatusBadge } from '~/starter/ui/status-badge'
import { parseId } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'
import { keepRetryAfter } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

import type { ProjectSize } from '../../db/schema'

function projectIdFrom(param: string | undefined) {
  const id = parseId(param)
  if (id === null) {
    throw new Response(`"${param}" is not a starter project number.`, { status: 404 })
  }
  return id
}

const REPO_NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = projectIdFrom(params.id)
  const project = await getStarterProject(id)
  if (!project) throw new Response(`There is no starter project #${id}.`, { status: 404 })
  const user = await getCurrentUser(request)
  const settings = getStarterSettings()
  const isMaintainer = user?.role === 'maintainer'
  // A mentor by her account answers claims here, as a maintainer can, and reads how they ended.
  const isMentor = user ? project.mentors.some((mentor) => mentor.account_id === user.id) : false
  const [claims, answers, awaitingFeedback, endedClaims, links, learned, finishers] =
    await Promise.all([
      listUnendedClaims(id, undefined, settings.claimDays),
      // Mentors' answers to the claims, for signed-in people (as the mentors' contact is).
      user ? listClaimAnswers(id) : Promise.resolve([]),
      user ? listClaimsAwaitingFeedback(id, user.id) : Promise.resolve([]),
      // How earlier claims ended (and what people reported) is for maintainers and the project's
      // mentors, who are told of each ending: newcomers who stopped are not listed by name for
      // everyone.
      isMaintainer || isMentor ? listEndedClaims(id) : Promise.resolve([]),
      getStarterProjectLinks(project.repos, project.related_issues),
      listProjectLabelLearnings(id, 10),
      listFinishers(id),
    ])
  const rubric = getRubric(settings.languageName, settings.domains, project.primary_domain)
  // She has started: the page speaks to her as the one working on it, not as someone choosing.
  const isWorkingOnIt = user
    ? claims.some((claim) => claim.account_id === user.id && claim.is_running)
    : false
  // Where to ask (an unrated axis, no reading guide): never "a mentor" on a project with none to
  // reach, and nothing on one done or inactive, which nobody starts or works on now.
  const askPlace =
    project.status === 'open'
      ? whereToAsk({
          hasMentorContact: project.mentor_contact !== null,
          mentors: project.mentors,
          issue:
            project.issue_repo && project.issue_number !== null
              ? { repo: project.issue_repo, number: project.issue_number }
              : null,
          repos: project.repos,
        })
      : null
  // Maintainers see what tagging changed in the issue's labels, one click from applying it.
  const labelStatus =
    isMaintainer && project.issue_repo && project.issue_number !== null
      ? await labelStatusOfIssue(project.issue_repo, project.issue_number)
      : null
  const following = user ? await getFollowing(user.id, { type: 'project', id }) : null
  // Whoever may offer to mentor it is shown her offer, once made, instead of the button.
  const mentorOffer = user && !isMaintainer && !isMentor ? await getMentorOffer(id, user.id) : null
  // A maintainer settles the offers waiting where she sees them; a project done or set aside
  // needs no mentor, so none is offered there.
  const openMentorOffers =
    isMaintainer && project.status === 'open' ? await listOpenMentorOffers(id) : []
  // Just created from the gap dashboard: say which request it answered (maintainers only, as
  // requests are; a request this project did not answer says nothing).
  const answeredId = parseId(readQuery(request).get(GAP_ANSWERED_PARAM))
  const answeredRequest =
    isMaintainer && answeredId !== null ? await getRequestAnsweredBy(answeredId, id) : null
  // Just saved from the tagging form: by this maintainer, so a demo person's save is a demo action.
  const taggingDone = isMaintainer
    ? taggingDoneNotice(readQuery(request).get(TAGGING_DONE_PARAM), user.isDemo)
    : null
  // "I finished it" or "I'm stopping" asks first; an unknown value just shows the page.
  const confirmEnding = endingToConfirm(readQuery(request).get(CONFIRM_ENDING_PARAM))
  return json({
    confirmEnding,
    following,
    mentorOffer,
    openMentorOffers,
    answeredRequest: answeredRequest && { ...answeredRequest, byDemo: user?.isDemo ?? false },
    taggingDone,
    labelStatus,
    project: {
      id: project.id,
      title: project.title,
      primaryDomain: project.primary_domain,
      secondaryDomains: project.secondary_domains,
      languageStars: project.language_stars,
      domainStars: project.domain_stars,
      // A rating learned from GitHub has no board account behind it: name GitHub instead.
      ratedBy:
        project.rated_by_login ??
        (project.ratingHistory[0]?.actor_login.startsWith('github')
          ? project.ratingHistory[0].actor_login
          : null),
      ratedAt: project.rated_at,
      // A demo person's rating is a demo action: the page names it so, never as MirageOS's.
      demoRater:
        project.rated_by_demo && project.rated_by_login
          ? personName({ login: project.rated_by_login, isDemo: true })
          : null,
      isFromPioneerList: project.source_key !== null,
      size: project.size,
      status: displayStatus(project),
      legacyNote: project.legacy_note,
      mentors: project.mentors,
      // How to reach the mentors: for signed-in people only (anonymous visitors learn there is one).
      mentorContact:
        user && project.mentor_contact ? mentorContactLink(project.mentor_contact) : null,
      hasMentorContact: project.mentor_contact !== null,
      ratingHistory: project.ratingHistory,
      learnedFromGitHub: learned.map((entry) => ({
        id: entry.id,
        outcome: entry.outcome,
        text: describeLearning(entry),
      })),
      perceived: project.perceived,
      createdAt: project.created_at,
      listedEra: project.listed_era,
      mentorsNamedAt: project.mentors_named_at,
      mentorsNamedByDemo: project.mentors_named_by_demo,
      issue:
        project.issue_repo && project.issue_number !== null
          ? {
              repo: project.issue_repo,
              number: project.issue_number,
              state: project.issue_state,
              githubUrl: project.issue_url?.startsWith('https://') ? project.issue_url : null,
            }
          : null,
    },
    isWorkingOnIt,
    askBeforeStarting: askPlace && !isWorkingOnIt ? askBeforeStarting(askPlace) : null,
    askWhileWorking: askPlace && isWorkingOnIt ? askWhileWorking(askPlace) : null,
    summaryHtml: project.summary.trim() ? renderMarkdown(project.summary) : null,
    readFirstHtml: project.read_first.trim() ? renderMarkdown(project.read_first) : null,
    repos: links.repos.map((repo) => ({ ...repo, isLinkable: REPO_NAME.test(repo.name) })),
    relatedIssues: links.relatedIssues,
    claims,
    answers,
    finishers,
    endedClaims,
    awaitingFeedback: awaitingFeedback[0] ?? null,
    viewer: user
      ? {
          id: user.id,
          login: user.login,
          isDemo: user.isDemo,
          isMaintainer,
          isMentor,
        }
      : null,
    languageName: settings.languageName,
    claimDays: settings.claimDays,
    // Said beside this project's stars, so its page says what they ask without a second page.
    starMeanings: {
      language:
        project.language_stars === null
          ? null
          : describeStars(rubric, 'language', project.language_stars),
      domain:
        project.domain_stars === null
          ? null
          : describeStars(rubric, 'domain', project.domain_stars),
    },
    feedbackHints: {
      language: ([1, 2, 3] as const).map((stars) => describeStars(rubric, 'language', stars)),
      domain: ([1, 2, 3] as const).map((stars) => describeStars(rubric, 'domain', stars)),
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const projectId = projectIdFrom(params.id)
  return submitClaimForm(Object.fromEntries(await readForm(request)), projectId, user)
}

export const headers = keepRetryAfter

export default function StarterProjectRoute() {
  const data = useLoaderData<typeof loader>()
  // Not before the loader's data has caught up with it: never the thanks beside the old state.
  const result = useSettledActionData<typeof action>()
  // A refused link is said under it, in the finish confirmation that keeps what she typed.
  const finishRefusal =
    result && !result.ok && result.values?.intent === 'finish' && result.fieldErrors?.finishLink
      ? result
      : null
  const { project, viewer } = data
  const reading = (className?: string) => (
    <ProjectReading
      readFirstHtml={data.readFirstHtml}
      isWorkingOnIt={data.isWorkingOnIt}
      ask={data.askWhileWorking ?? data.askBeforeStarting}
      className={className}
    />
  )
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-start justify-between gap-2">
        <h1 className="text-xl font-bold sm:text-2xl">{project.title}</h1>
        {viewer?.isMaintainer ? (
          <Link
            to={`/starter/${project.id}/edit`}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-blue-700 hover:bg-slate-50"
          >
            Edit / tag
          </Link>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <StatusBadge status={project.status} />
        <span className="rounded bg-blue-50 px-1.5 py-0.5 font-medium text-blue-900">
          {project.primaryDomain}
        </span>
        {project.secondaryDomains.map((domain) => (
          <span key={domain} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
            {domain}
          </span>
        ))}
        <span>{project.size ? SIZE_LABELS[project.size as ProjectSize] : 'Size unknown'}</span>
        {/* Beside the facts rather than on a row of its own under a long title: on a phone that
            row would push the claim button below the first screen. */}
        {viewer ? (
          <span className="ml-auto">
            <FollowForm subjectType="project" subjectId={project.id} following={data.following} />
          </span>
        ) : null}
      </div>

      {data.answeredRequest && !result ? (
        <Notice tone="success" className="mt-4">
          Created{demoActionNote(data.answeredRequest.byDemo)}, and request #
          {data.answeredRequest.id} from{' '}
          {data.answeredRequest.login === null
            ? 'a deleted account'
            : personName({
                login: data.answeredRequest.login,
                isDemo: data.answeredRequest.is_demo,
              })}{' '}
          is answered with this project: they have been notified.
        </Notice>
      ) : null}
      {data.taggingDone && !result ? (
        <Notice tone="success" className="mt-4">
          {data.taggingDone}
        </Notice>
      ) : null}
      {/* A refused answer's or reply's text is said under its field, beside what was typed: not
          twice. */}
      {result &&
      !finishRefusal &&
      !(
        (result.intent === 'answer' || result.intent === 'reply') &&
        result.fieldErrors?.message
      ) ? (
        // A report's button is screens below this on a phone: its thanks and next step come
        // into view.
        <InView answer={result}>
          <Notice tone={result.ok ? 'success' : 'error'} className="mt-4">
            {result.message}
            {result.ok && result.intent ? (
              <ClaimNextStep
                intent={result.intent}
                nextProject={result.nextProject ?? null}
                languageName={data.languageName}
                guide={{
                  hasReadFirst: data.readFirstHtml !== null,
                  hasMentors: canReachMentors(project),
                  toldMentors: mentorsToldOfClaims(project.mentors),
                  issue: project.issue,
                  repository: repositoryToTell(
                    whereToAsk({
                      hasMentorContact: project.hasMentorContact,
                      mentors: project.mentors,
                      issue: project.issue,
                      repos: data.repos.map((repo) => repo.name),
                    }),
                  ),
                  isDemoClaim: viewer?.isDemo ?? false,
                }}
              />
            ) : null}
          </Notice>
        </InView>
      ) : null}

      {/* Right under the title: on a phone, below a signed-in header, this is what the first
          screen has room for, so claiming needs no scrolling past the summary and ratings. */}
      <ClaimPanel
        project={project}
        viewer={viewer}
        claims={data.claims}
        answers={data.answers}
        answerResult={result && !result.ok && result.intent === 'answer' ? result : null}
        replyResult={result && !result.ok && result.intent === 'reply' ? result : null}
        finishers={data.finishers}
        claimDays={data.claimDays}
        // Not once the form has answered: a refusal shows the claim's buttons again.
        confirmEnding={result ? null : data.confirmEnding}
        finishResult={finishRefusal}
        isNextProjectOffered={Boolean(result?.ok && result.nextProject)}
        following={data.following}
        feedbackForm={
          data.awaitingFeedback ? (
            <FeedbackForm
              claimId={data.awaitingFeedback.id}
              primaryDomain={project.primaryDomain}
              languageName={data.languageName}
              hints={data.feedbackHints}
              result={result}
            />
          ) : null
        }
      />

      {/* Her reading, once she works on it, right under her claim ("Next: read … below"):
          at the page's foot it sat under the history and the facts, screens away on a phone. */}
      {data.isWorkingOnIt && data.readFirstHtml ? reading('mt-4') : null}

      <ProjectRatings
        project={project}
        languageName={data.languageName}
        askWhenUnrated={data.askWhileWorking ?? data.askBeforeStarting ?? undefined}
        starMeanings={data.starMeanings}
      />

      <section aria-labelledby="summary-heading" className="mt-6">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <div className="rounded border border-slate-200 bg-white p-4">
          {data.summaryHtml ? (
            <div className="markdown-body" dangerouslySetInnerHTML={{ __html: data.summaryHtml }} />
          ) : (
            <p className="italic text-slate-500">No summary yet.</p>
          )}
        </div>
      </section>

      {project.legacyNote ? (
        <aside
          aria-label="History"
          className="mt-4 border-l-4 border-amber-300 bg-amber-50 px-4 py-2 text-sm text-slate-700"
        >
          <p className="font-semibold text-amber-900">From the original Pioneer Projects list</p>
          {/* Its history, then where it came from ("Source: …"), with links to the sources. */}
          <p className="mt-1 whitespace-pre-line italic">
            <LinkedText text={project.legacyNote} />
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Kept as history: it is not this board’s rating (see the stars above).
          </p>
        </aside>
      ) : null}

      <ProjectFacts
        mentors={project.mentors}
        mentorsNamed={mentorsNamedText(project)}
        mentorsNamedByDemo={project.mentorsNamedByDemo}
        mentorContact={project.mentorContact}
        hasMentorContact={project.hasMentorContact}
        issue={project.issue}
        labelStatus={data.labelStatus}
        repos={data.repos}
        relatedIssues={data.relatedIssues}
      />
      {viewer &&
      !viewer.isMaintainer &&
      !viewer.isMentor &&
      // Not to whoever works on it: offering to mentor her own work read as a next step.
      !data.isWorkingOnIt &&
      (project.status === 'open' || project.status === 'claimed') ? (
        <MentorOffer offered={data.mentorOffer} />
      ) : null}
      {viewer?.isMaintainer ? (
        <OpenMentorOffers projectId={project.id} offers={data.openMentorOffers} />
      ) : null}

      {data.isWorkingOnIt && data.readFirstHtml ? null : reading()}

      {viewer?.isMaintainer || viewer?.isMentor ? (
        <ClaimHistory
          endedClaims={data.endedClaims}
          languageName={data.languageName}
          canRerate={viewer.isMaintainer}
        />
      ) : null}
      <p className="mt-8 text-xs text-slate-500">
        {listedText(project)} ·{' '}
        <Link to="/starter/rubric" className="underline">
          How we rate difficulty
        </Link>
      </p>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  {
    title: pageTitle(
      data ? `${data.project.title} · Starter projects` : errorTitle(error),
      matches,
    ),
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
