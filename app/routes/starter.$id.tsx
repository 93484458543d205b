import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { IssueState } from '~/components/issue-state'
import { describeLearning } from '~/labels/learning/learning'
import { listProjectLabelLearnings } from '~/labels/learning/learning.server'
import { labelStatusOfIssue } from '~/labels/plan/plans.server'
import {
  claimStarterProject,
  ClaimError,
  endClaim,
  FEEDBACK_NOTE_MAX,
  listClaimsAwaitingFeedback,
  listEndedClaims,
  listUnendedClaims,
  releaseClaim,
  renewClaim,
  submitClaimFeedback,
  TIME_TAKEN,
  TIME_TAKEN_LABELS,
} from '~/starter/claim.server'
import { getStarterProjectLinks } from '~/starter/links.server'
import { fieldErrors, SIZE_LABELS } from '~/starter/project-input'
import { displayStatus, getStarterProject } from '~/starter/project.server'
import { describeStars, getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { Stars } from '~/starter/ui/stars'
import { formatDate } from '~/utils/format'
import { renderMarkdown } from '~/utils/markdown.server'

import type { ProjectSize, RatingAxis, Stars as StarCount } from '../../db/schema'

const ClaimIdField = z.coerce
  .number({ invalid_type_error: 'The form did not say which claim.' })
  .int()
  .positive('The form did not say which claim.')
  .max(2_147_483_647, 'There is no such claim.')

const ReportedStarsField = z
  .enum(['1', '2', '3'], { errorMap: () => ({ message: 'choose 1, 2 or 3 stars' }) })
  .transform((value) => Number(value) as StarCount)

// The account acting is always the signed-in person: no field here names anyone, and any extra
// field (an "accountId" naming someone else) is dropped by the schema.
const ProjectActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('claim') }),
    z.object({ intent: z.literal('renew'), claimId: ClaimIdField }),
    z.object({ intent: z.literal('finish'), claimId: ClaimIdField }),
    z.object({ intent: z.literal('abandon'), claimId: ClaimIdField }),
    z.object({
      intent: z.literal('release'),
      claimId: ClaimIdField,
      confirm: z.literal('yes').optional(),
    }),
    z.object({
      intent: z.literal('feedback'),
      claimId: ClaimIdField,
      languageStars: ReportedStarsField,
      domainStars: ReportedStarsField,
      timeTaken: z.enum(TIME_TAKEN, {
        errorMap: () => ({ message: `choose one of: ${TIME_TAKEN.join(', ')}` }),
      }),
      note: z
        .string()
        .max(FEEDBACK_NOTE_MAX, `must be at most ${FEEDBACK_NOTE_MAX} characters`)
        .default(''),
    }),
  ],
  { errorMap: () => ({ message: 'That is not something this page can do.' }) },
)

type ActionResult = {
  ok: boolean
  message: string
  intent: string | null
  fieldErrors?: Record<string, string>
  /** What was submitted, so a refused report keeps the person's answers. */
  values?: Record<string, string>
}

function projectIdFrom(param: string | undefined) {
  const id = /^\d{1,9}$/.test(param ?? '') ? Number(param) : NaN
  if (!Number.isSafeInteger(id) || id < 1) {
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
  const [claims, awaitingFeedback, endedClaims, links, learned] = await Promise.all([
    listUnendedClaims(id, undefined, settings.claimDays),
    user ? listClaimsAwaitingFeedback(id, user.id) : Promise.resolve([]),
    // How earlier claims ended (and what people reported) is for maintainers: newcomers who
    // stopped are not listed by name for everyone.
    isMaintainer ? listEndedClaims(id) : Promise.resolve([]),
    getStarterProjectLinks(project.repos, project.related_issues),
    listProjectLabelLearnings(id, 10),
  ])
  const rubric = getRubric(settings.languageName)
  // Maintainers see what tagging changed in the issue's labels, one click from applying it.
  const labelStatus =
    isMaintainer && project.issue_repo && project.issue_number !== null
      ? await labelStatusOfIssue(project.issue_repo, project.issue_number)
      : null
  return json({
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
      size: project.size,
      status: displayStatus(project),
      legacyNote: project.legacy_note,
      mentors: project.mentors,
      ratingHistory: project.ratingHistory,
      learnedFromGitHub: learned.map((entry) => ({
        id: entry.id,
        outcome: entry.outcome,
        text: describeLearning(entry),
      })),
      perceived: project.perceived,
      createdAt: project.created_at,
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
    summaryHtml: project.summary.trim() ? renderMarkdown(project.summary) : null,
    readFirstHtml: project.read_first.trim() ? renderMarkdown(project.read_first) : null,
    repos: links.repos.map((repo) => ({ ...repo, isLinkable: REPO_NAME.test(repo.name) })),
    relatedIssues: links.relatedIssues,
    claims,
    endedClaims,
    awaitingFeedback: awaitingFeedback[0] ?? null,
    viewer: user ? { id: user.id, login: user.login, isMaintainer } : null,
    languageName: settings.languageName,
    claimDays: settings.claimDays,
    feedbackHints: {
      language: ([1, 2, 3] as const).map((stars) => describeStars(rubric, 'language', stars)),
      domain: ([1, 2, 3] as const).map((stars) => describeStars(rubric, 'domain', stars)),
    },
    // Sent as data: claim.server's constants are not in the browser bundle (a .server module).
    timeTakenChoices: TIME_TAKEN.map((value) => ({ value, label: TIME_TAKEN_LABELS[value] })),
    feedbackNoteMax: FEEDBACK_NOTE_MAX,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const projectId = projectIdFrom(params.id)
  const form = Object.fromEntries(await request.formData())
  const parsed = ProjectActionSchema.safeParse(form)
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    return json<ActionResult>(
      {
        ok: false,
        message: errors.intent ?? errors.claimId ?? 'Some answers need another look.',
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
  // Claims, renewals, endings and reports share one budget: generous for a person, tight for a
  // script. Maintainers releasing stale claims are not counted against it.
  if (input.intent !== 'release') await enforceWriteLimit(user, 'claim')
  const person = { id: user.id, login: user.login }
  try {
    const message = await perform(input, projectId, person)
    return json<ActionResult>({ ok: true, message, intent: input.intent })
  } catch (error) {
    if (!(error instanceof ClaimError)) throw error
    return json<ActionResult>(
      { ok: false, message: error.message, intent: input.intent },
      { status: error.status },
    )
  }
}

async function perform(
  input: z.output<typeof ProjectActionSchema>,
  projectId: number,
  person: { id: number; login: string },
): Promise<string> {
  switch (input.intent) {
    case 'claim': {
      const claim = await claimStarterProject(projectId, person)
      return `You are working on this now. Your claim runs until ${formatDate(claim.expires_at)}; renew it before then if you need longer.`
    }
    case 'renew': {
      const expires = await renewClaim(projectId, input.claimId, person)
      return `Renewed: your claim now runs until ${formatDate(expires)}.`
    }
    case 'finish': {
      const result = await endClaim(projectId, input.claimId, person, 'done')
      const status = result.projectDone
        ? 'The project is marked done.'
        : result.followsIssue
          ? 'This project follows its GitHub issue: it shows as done once the issue is closed.'
          : 'The project stays open for the others working on it.'
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
    case 'feedback': {
      await submitClaimFeedback(projectId, input.claimId, person, {
        languageStars: input.languageStars,
        domainStars: input.domainStars,
        timeTaken: input.timeTaken,
        note: input.note,
      })
      return 'Thank you: your report is recorded and shown (averaged) beside the maintainers’ rating.'
    }
  }
}

export default function StarterProjectRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { project, viewer } = data
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-start justify-between gap-2">
        <h1 className="text-2xl font-bold">{project.title}</h1>
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
        <span>· {project.size ? SIZE_LABELS[project.size as ProjectSize] : 'Size unknown'}</span>
      </div>

      {result ? (
        <p
          role="status"
          className={`mt-4 rounded border p-2 text-sm ${result.ok ? 'border-green-300 bg-green-50' : 'border-red-300 bg-red-50'}`}
        >
          {result.message}
        </p>
      ) : null}

      <Ratings />

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
          <p className="mt-1 whitespace-pre-line italic">{project.legacyNote}</p>
          <p className="mt-1 text-xs text-slate-500">
            Kept as history: it is not this board’s rating (see the stars above).
          </p>
        </aside>
      ) : null}

      <Claims />

      <dl className="mt-6 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold text-slate-600">Mentors</dt>
        <dd>
          {project.mentors.length === 0 ? (
            <span className="text-slate-500">No mentor listed</span>
          ) : (
            <ul className="flex flex-wrap gap-x-3">
              {project.mentors.map((mentor, index) => (
                <li key={index}>{mentor.account_id !== null ? `@${mentor.name}` : mentor.name}</li>
              ))}
            </ul>
          )}
        </dd>

        <dt className="font-semibold text-slate-600">Attached issue</dt>
        <dd>
          {project.issue ? (
            <span className="flex flex-wrap items-center gap-2">
              <Link
                to={`/repos/${project.issue.repo}/issues/${project.issue.number}`}
                className="text-blue-700 underline"
              >
                {project.issue.repo}#{project.issue.number}
              </Link>
              <IssueState
                state={project.issue.state ?? 'open'}
                isPullRequest={false}
                mergedAt={null}
              />
              <span className="text-slate-600">
                This project follows the issue: it is done when the issue is closed on GitHub.
              </span>
            </span>
          ) : (
            <span className="text-slate-500">Standalone project (not attached to one issue)</span>
          )}
        </dd>

        {data.labelStatus && project.issue ? (
          <>
            <dt className="font-semibold text-slate-600">Labels on GitHub</dt>
            <dd>
              <IssueLabelStatusNote status={data.labelStatus} repo={project.issue.repo} />
            </dd>
          </>
        ) : null}

        <dt className="font-semibold text-slate-600">Repositories</dt>
        <dd>
          {data.repos.length === 0 ? (
            <span className="text-slate-500">None listed</span>
          ) : (
            <ul className="flex flex-wrap gap-x-3">
              {data.repos.map((repo) => (
                <li key={repo.name}>
                  {repo.isMirrored ? (
                    <Link
                      to={`/issues?repo=${encodeURIComponent(repo.name)}`}
                      className="text-blue-700 underline"
                    >
                      {repo.name}
                    </Link>
                  ) : repo.isLinkable ? (
                    <a
                      href={`https://github.com/${repo.name}`}
                      className="text-blue-700 underline"
                      rel="noopener noreferrer"
                    >
                      {repo.name} <span className="text-xs text-slate-500">(GitHub)</span>
                    </a>
                  ) : (
                    repo.name
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>

        <dt className="font-semibold text-slate-600">Related issues</dt>
        <dd>
          {data.relatedIssues.length === 0 ? (
            <span className="text-slate-500">None listed</span>
          ) : (
            <ul className="space-y-1">
              {data.relatedIssues.map((issue) => (
                <li key={issue.ref} className="flex flex-wrap items-center gap-2">
                  {issue.mirrored ? (
                    <>
                      <IssueState
                        state={issue.mirrored.state}
                        isPullRequest={issue.mirrored.isPullRequest}
                        mergedAt={null}
                      />
                      <Link
                        to={`/repos/${issue.repo}/issues/${issue.number}`}
                        className="text-blue-700 underline"
                      >
                        {issue.repo}#{issue.number}
                      </Link>
                      <span className="text-slate-700">{issue.mirrored.title}</span>
                    </>
                  ) : (
                    <>
                      <a
                        href={`https://github.com/${issue.repo}/issues/${issue.number}`}
                        className="text-blue-700 underline"
                        rel="noopener noreferrer"
                      >
                        {issue.repo}#{issue.number}
                      </a>
                      <span className="text-xs text-slate-500">(not mirrored: state unknown)</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <section aria-labelledby="read-first-heading" className="mt-6">
        <h2 id="read-first-heading" className="font-semibold">
          Read first
        </h2>
        {data.readFirstHtml ? (
          <div
            className="markdown-body mt-2 rounded border border-slate-200 bg-white p-4"
            dangerouslySetInnerHTML={{ __html: data.readFirstHtml }}
          />
        ) : (
          <p className="mt-1 text-sm text-slate-500">Nothing listed yet: ask a mentor.</p>
        )}
      </section>

      {viewer?.isMaintainer ? <ClaimHistory /> : null}
      <p className="mt-8 text-xs text-slate-500">
        Listed {formatDate(project.createdAt)} ·{' '}
        <Link to="/starter/rubric" className="underline">
          How we rate difficulty
        </Link>
      </p>
    </article>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function StatusBadge({ status }: { status: string }) {
  const colours: Record<string, string> = {
    open: 'bg-green-100 text-green-800',
    claimed: 'bg-amber-100 text-amber-900',
    done: 'bg-purple-100 text-purple-800',
    inactive: 'bg-slate-200 text-slate-700',
  }
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${colours[status] ?? colours.inactive}`}
    >
      {status}
    </span>
  )
}

function starsText(value: number | null) {
  return value === null ? 'unrated' : `${Math.round(value * 10) / 10}★`
}

function Ratings() {
  const { project, languageName } = useLoaderData<typeof loader>()
  const { perceived } = project
  return (
    <section
      aria-labelledby="ratings-heading"
      className="mt-4 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="ratings-heading" className="font-semibold">
        Difficulty
      </h2>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
        <Stars axis="language" stars={project.languageStars} languageName={languageName} />
        <Stars axis="domain" stars={project.domainStars} languageName={languageName} />
      </div>
      <p className="mt-2 text-sm text-slate-700" data-testid="calibration-line">
        Maintainers: {languageName} {starsText(project.languageStars)} · {project.primaryDomain}{' '}
        {starsText(project.domainStars)} —{' '}
        {perceived.reports === 0
          ? 'no contributor reports yet'
          : `Contributors found: ${starsText(perceived.languageStars)} · ${starsText(perceived.domainStars)} from ${perceived.reports} report${perceived.reports === 1 ? '' : 's'}`}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {project.ratedAt
          ? `Rated ${formatDate(project.ratedAt)}${project.ratedBy ? ` by ${project.ratedBy}` : ' (demo data)'}.`
          : 'Not rated yet.'}
      </p>
      {project.ratingHistory.length > 0 ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-slate-700">
            Rating history ({project.ratingHistory.length})
          </summary>
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">When</th>
                <th className="py-1 pr-3">Who</th>
                <th className="py-1 pr-3">Axis</th>
                <th className="py-1 pr-3">From</th>
                <th className="py-1">To</th>
              </tr>
            </thead>
            <tbody>
              {project.ratingHistory.map((entry, index) => (
                <tr key={index} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{formatDate(entry.at)}</td>
                  <td className="py-1 pr-3">{entry.actor_login}</td>
                  <td className="py-1 pr-3">
                    {entry.axis === 'language' ? languageName : 'domain'}
                  </td>
                  <td className="py-1 pr-3">{starsText(entry.from_stars)}</td>
                  <td className="py-1">{starsText(entry.to_stars)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {project.learnedFromGitHub.length > 0 ? (
        <div className="mt-3 text-sm" data-testid="learned-from-github">
          <h3 className="font-medium text-slate-700">Learned from GitHub</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {project.learnedFromGitHub.map((entry) => (
              <li key={entry.id} className={entry.outcome === 'ignored' ? 'text-slate-500' : ''}>
                {entry.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

type ClaimRow = LoaderData['claims'][number]

function Claims() {
  const data = useLoaderData<typeof loader>()
  const { project, viewer, claims } = data
  const running = claims.filter((claim) => claim.is_running)
  const mine = viewer ? claims.find((claim) => claim.account_id === viewer.id) : undefined
  const isElastic = project.size === 'elastic'
  const canClaim =
    project.status !== 'done' &&
    project.status !== 'inactive' &&
    !mine?.is_running &&
    (isElastic || running.every((claim) => claim.account_id === viewer?.id))
  return (
    <section aria-labelledby="claims-heading" className="mt-6">
      <h2 id="claims-heading" className="font-semibold">
        Who is working on this
      </h2>
      {claims.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">
          Nobody yet.{isElastic ? ' Several people can work on this elastic project at once.' : ''}
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
          {claims.map((claim) => (
            <ClaimItem key={claim.id} claim={claim} />
          ))}
        </ul>
      )}

      {!viewer ? (
        <p className="mt-3 text-sm">
          <Link
            to={`/login?returnTo=${encodeURIComponent(`/starter/${project.id}`)}`}
            className="text-blue-700 underline"
          >
            Sign in
          </Link>{' '}
          to work on this project.
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
            Everyone sees your claim and its date; it lasts {data.claimDays} days unless you renew
            it.
          </span>
        </Form>
      ) : null}

      {mine ? <OwnClaim claim={mine} /> : null}
      {data.awaitingFeedback && !mine ? <FeedbackForm claimId={data.awaitingFeedback.id} /> : null}
    </section>
  )
}

function ClaimItem({ claim }: { claim: ClaimRow }) {
  const { viewer, project } = useLoaderData<typeof loader>()
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
      <span>
        <span className="font-medium">{claim.login}</span>{' '}
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
      </span>
      {viewer?.isMaintainer ? (
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
            aria-label={`Release ${claim.login}’s claim on ${project.title}`}
          >
            Release
          </button>
        </Form>
      ) : null}
    </li>
  )
}

function OwnClaim({ claim }: { claim: ClaimRow }) {
  const { project } = useLoaderData<typeof loader>()
  return (
    <div className="mt-3 rounded border border-blue-200 bg-blue-50 p-3 text-sm">
      <p>
        {claim.is_running
          ? `Your claim runs until ${formatDate(claim.expires_at)}.`
          : `Your claim lapsed on ${formatDate(claim.expires_at)}: claim it again to carry on, or tell us how it ended.`}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {claim.is_running ? (
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
        <Form method="post" className="flex flex-wrap gap-2">
          <input type="hidden" name="claimId" value={claim.id} />
          <button
            type="submit"
            name="intent"
            value="finish"
            className="rounded bg-green-700 px-3 py-1 font-semibold text-white hover:bg-green-800"
          >
            I finished it
          </button>
          <button
            type="submit"
            name="intent"
            value="abandon"
            className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold text-slate-800"
          >
            I’m stopping
          </button>
        </Form>
      </div>
      {project.issue ? (
        <p className="mt-2 text-xs text-slate-600">
          This project follows {project.issue.repo}#{project.issue.number}: finishing ends your
          claim, and the project shows as done once that issue is closed on GitHub.
        </p>
      ) : project.size === 'elastic' ? (
        <p className="mt-2 text-xs text-slate-600">
          Elastic project: finishing ends your part; it stays open for others.
        </p>
      ) : null}
    </div>
  )
}

function FeedbackForm({ claimId }: { claimId: number }) {
  const { languageName, feedbackHints, project, timeTakenChoices, feedbackNoteMax } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const isOwnResult = result?.intent === null || result?.intent === 'feedback'
  const errors = isOwnResult ? result.fieldErrors : {}
  const values = isOwnResult ? (result.values ?? {}) : {}
  return (
    <Form
      method="post"
      className="mt-4 rounded border border-amber-300 bg-amber-50 p-4 text-sm"
      aria-labelledby="feedback-heading"
    >
      <h3 id="feedback-heading" className="font-semibold">
        How hard was it really?
      </h3>
      <p className="mt-1 text-slate-700">
        Your claim has ended. Tell us what you actually met: contributors’ reports are shown beside
        the maintainers’ rating, and drifting ratings get fixed.
      </p>
      <input type="hidden" name="claimId" value={claimId} />
      <StarChoice
        name="languageStars"
        axis="language"
        legend={`${languageName} difficulty you met`}
        hints={feedbackHints.language}
        error={errors?.languageStars}
        value={values.languageStars}
      />
      <StarChoice
        name="domainStars"
        axis="domain"
        legend={`Domain difficulty you met (${project.primaryDomain})`}
        hints={feedbackHints.domain}
        error={errors?.domainStars}
        value={values.domainStars}
      />
      <fieldset className="mt-3">
        <legend className="font-medium">Time it took</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {timeTakenChoices.map(({ value, label }) => (
            <label key={value} className="flex items-center gap-1">
              <input
                type="radio"
                name="timeTaken"
                value={value}
                defaultChecked={values.timeTaken === value}
                required
              />
              {label}
            </label>
          ))}
        </div>
        {errors?.timeTaken ? <p className="text-red-700">Time taken: {errors.timeTaken}</p> : null}
      </fieldset>
      <label className="mt-3 flex flex-col">
        <span className="font-medium">A short note (optional)</span>
        <textarea
          name="note"
          defaultValue={values.note ?? ''}
          rows={3}
          maxLength={feedbackNoteMax}
          className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
        />
        {errors?.note ? <span className="text-red-700">Note: {errors.note}</span> : null}
      </label>
      <button
        type="submit"
        name="intent"
        value="feedback"
        disabled={navigation.state === 'submitting'}
        className="mt-3 rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
      >
        Send my report
      </button>
    </Form>
  )
}

function StarChoice({
  name,
  axis,
  legend,
  hints,
  error,
  value,
}: {
  name: string
  axis: RatingAxis
  legend: string
  hints: string[]
  error: string | undefined
  value: string | undefined
}) {
  const { languageName } = useLoaderData<typeof loader>()
  return (
    <fieldset className="mt-3">
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 space-y-1">
        {([1, 2, 3] as const).map((stars) => (
          <label key={stars} className="flex items-start gap-2">
            <input
              type="radio"
              name={name}
              value={stars}
              defaultChecked={value === String(stars)}
              required
              className="mt-1"
            />
            <span>
              <Stars axis={axis} stars={stars} languageName={languageName} />{' '}
              <span className="text-slate-600">{hints[stars - 1]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="text-red-700">{error}</p> : null}
    </fieldset>
  )
}

function ClaimHistory() {
  const { endedClaims, languageName } = useLoaderData<typeof loader>()
  if (endedClaims.length === 0) return null
  const outcomeLabels: Record<string, string> = {
    done: 'finished',
    abandoned: 'stopped',
    released: 'released',
  }
  return (
    <section aria-labelledby="claim-history-heading" className="mt-6">
      <h2 id="claim-history-heading" className="font-semibold">
        Earlier claims{' '}
        <span className="text-xs font-normal text-slate-500">(maintainers only)</span>
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {endedClaims.map((claim) => (
          <li key={claim.id}>
            {claim.login}: {outcomeLabels[claim.outcome ?? ''] ?? claim.outcome}{' '}
            {claim.ended_at ? formatDate(claim.ended_at) : ''}
            {claim.outcome === 'released' && claim.ended_by_login
              ? ` by ${claim.ended_by_login}`
              : ''}
            {claim.reported_language_stars !== null ? (
              <span className="text-slate-600">
                {' '}
                — reported {languageName} {claim.reported_language_stars}★ · domain{' '}
                {claim.reported_domain_stars}★ · {claim.reported_time_taken}
                {claim.reported_note ? `: “${claim.reported_note}”` : ''}
              </span>
            ) : (
              <span className="text-slate-500"> — no report yet</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.title} · Starter projects` : 'Starter project not found' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

function IssueLabelStatusNote({
  status,
  repo,
}: {
  status: { add: string[]; remove: string[]; notice: string | null }
  repo: string
}) {
  if (status.notice) return <span className="text-amber-800">{status.notice}</span>
  if (status.add.length === 0 && status.remove.length === 0) {
    return <span className="text-slate-600">They match this project.</span>
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="font-mono text-sm">
        {status.add.map((label) => (
          <span key={`+${label}`} className="mr-2 text-green-800">
            + {label}
          </span>
        ))}
        {status.remove.map((label) => (
          <span key={`-${label}`} className="mr-2 text-red-800">
            - {label}
          </span>
        ))}
      </span>
      <Link to={`/labels?repo=${encodeURIComponent(repo)}`} className="text-blue-700 underline">
        Review and apply in the label plan
      </Link>
    </span>
  )
}
