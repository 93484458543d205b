import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { getCurrentUser } from '~/accounts/auth.server'
import { errorTitle, GeneralErrorBoundary } from '~/components/error-boundary'
import { IssueState } from '~/components/issue-state'
import { LabelChip } from '~/components/label-chip'
import { getBoardClock } from '~/mirror/board-clock.server'
import { getIssue } from '~/mirror/issue.server'
import { ActivityTime, NotRecorded } from '~/mirror/ui/recorded-history'
import { listIdeasLinkingIssue } from '~/roadmap/roadmap.server'
import { pageTitle } from '~/setup/board-name'
import { getStarterStatusOfIssues } from '~/starter/issue-status.server'
import { getStarterSettings } from '~/starter/settings.server'
import { tagAsStarterProjectHref } from '~/starter/tag-link'
import { IssueStarterStatusLine } from '~/starter/ui/issue-starter-status'
import { getEnv } from '~/utils/env.server'
import { formatDate } from '~/utils/format'
import { parseId } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'

import type { IdeaStatus } from '../../db/schema'

// What the roadmap makes of an idea that links this issue.
const ROADMAP_ROLES: Record<IdeaStatus, string> = {
  open: 'Roadmap idea',
  agreed: 'Roadmap effort',
  archived: 'Archived roadmap idea',
  merged: 'Merged roadmap idea',
}

// What GitHub allows in an owner's or a repository's name: anything else names no mirrored issue.
const NAME = /^[A-Za-z0-9_.-]{1,100}$/

export async function loader({ request, params }: LoaderFunctionArgs) {
  const number = parseId(params.number)
  if (number === null) {
    throw new Response(`"${params.number}" is not an issue number.`, { status: 404 })
  }
  const isName = NAME.test(params.owner ?? '') && NAME.test(params.name ?? '')
  const issue = isName ? await getIssue(`${params.owner}/${params.name}`, number) : undefined
  if (!issue) {
    throw new Response(`No issue #${number} is mirrored for ${params.owner}/${params.name}.`, {
      status: 404,
    })
  }
  // The link comes from a payload; only an https address may become a link.
  const githubUrl = issue.html_url.startsWith('https://') ? issue.html_url : null
  const [user, roadmapIdeas] = await Promise.all([
    getCurrentUser(request),
    listIdeasLinkingIssue(issue),
  ])
  const isMaintainer = user?.role === 'maintainer'
  // As the board's cards say it: a starter project with its ratings and claim, or, to a
  // maintainer only, a triage candidate (measured as the triage queue measures them).
  const candidates = isMaintainer
    ? { activeMonths: getEnv().STALE_AFTER_MONTHS, now: (await getBoardClock()).now }
    : null
  const starter = (await getStarterStatusOfIssues([issue.id], candidates)).get(issue.id) ?? null
  // Maintainers can make any mirrored issue not yet one a starter project: the form opens
  // prefilled with its title and the first paragraph of its body.
  const tagHref =
    isMaintainer && !issue.is_pull_request && starter?.kind !== 'project'
      ? tagAsStarterProjectHref(issue.repo, issue.number)
      : null
  return json({
    issue,
    starter,
    languageName: getStarterSettings().languageName,
    roadmapIdeas,
    githubUrl,
    tagHref,
    bodyHtml: issue.body ? renderMarkdown(issue.body) : null,
  })
}

export default function IssueRoute() {
  const { issue, starter, languageName, roadmapIdeas, githubUrl, tagHref, bodyHtml } =
    useLoaderData<typeof loader>()
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link
          to={`/issues?repo=${encodeURIComponent(issue.repo)}`}
          className="text-blue-700 underline"
        >
          {issue.repo}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">
        {issue.title} <span className="font-normal text-slate-500">#{issue.number}</span>
      </h1>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <IssueState
          state={issue.state}
          isPullRequest={issue.is_pull_request}
          mergedAt={issue.merged_at}
        />
        <span>
          opened <time dateTime={issue.created_at}>{formatDate(issue.created_at)}</time>
          {issue.author_login ? ` by ${issue.author_login}` : ' (author unknown)'}
        </span>
        <span>
          · updated <ActivityTime at={issue.updated_at} recorded={issue.history_recorded} />
        </span>
        {issue.closed_at ? (
          <span>
            · closed <time dateTime={issue.closed_at}>{formatDate(issue.closed_at)}</time>
          </span>
        ) : issue.state === 'closed' ? (
          // GitHub always says when; the MirageOS demo's source never does, and none is made up.
          <span>· closed, date unknown</span>
        ) : null}
      </div>
      {issue.labels.length > 0 ? (
        <ul aria-label="Labels" className="mt-3 flex flex-wrap gap-2">
          {issue.labels.map((label) => (
            <li key={label.name} title={label.description ?? undefined}>
              <LabelChip name={label.name} color={label.color} />
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Assignees</dt>
        <dd>{issue.assignee_logins.length > 0 ? issue.assignee_logins.join(', ') : 'none'}</dd>
        <dt className="text-slate-500">Comments</dt>
        <dd>{issue.history_recorded ? issue.comment_count : <NotRecorded />}</dd>
        <dt className="text-slate-500">+1 reactions</dt>
        <dd>{issue.history_recorded ? issue.plus_one_count : <NotRecorded />}</dd>
      </dl>
      {starter || roadmapIdeas.length > 0 ? (
        <section aria-labelledby="on-the-board" className="mt-4 text-sm">
          <h2 id="on-the-board" className="font-semibold">
            On the board
          </h2>
          <ul className="mt-1 space-y-1">
            {starter?.kind === 'project' ? (
              <li>
                Starter project:{' '}
                <Link to={`/starter/${starter.id}`} className="text-blue-700 underline">
                  {starter.title}
                </Link>{' '}
                <IssueStarterStatusLine
                  status={starter}
                  languageName={languageName}
                  isLinked={false}
                />
              </li>
            ) : starter ? (
              <li>
                <IssueStarterStatusLine status={starter} languageName={languageName} />
              </li>
            ) : null}
            {roadmapIdeas.map((idea) => (
              <li key={idea.id}>
                {ROADMAP_ROLES[idea.status]}:{' '}
                <Link
                  to={
                    idea.status === 'agreed'
                      ? `/roadmap/efforts/${idea.id}`
                      : `/roadmap/ideas/${idea.id}`
                  }
                  className="text-blue-700 underline"
                >
                  {idea.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-6 rounded border border-slate-200 bg-white p-4">
        {bodyHtml ? (
          <div className="markdown-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        ) : (
          <p className="italic text-slate-500">No description.</p>
        )}
      </div>
      {githubUrl || tagHref ? (
        <p className="mt-4 flex flex-wrap items-center gap-4">
          {githubUrl ? (
            <a href={githubUrl} className="text-blue-700 underline" rel="noopener noreferrer">
              View on GitHub
            </a>
          ) : null}
          {tagHref ? (
            <Link
              to={tagHref}
              className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
            >
              Tag as starter project
            </Link>
          ) : null}
        </p>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  {
    title: pageTitle(
      data ? `${data.issue.title} · ${data.issue.repo}#${data.issue.number}` : errorTitle(error),
      matches,
    ),
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
