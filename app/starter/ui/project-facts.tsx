import { Link } from '@remix-run/react'

import { personName } from '../../accounts/person'
import { IssueState } from '../../components/issue-state'
import { githubLoginOf } from '../finder'
import type { RelatedIssueLink, RepoLink } from '../links.server'
import { canReachMentors } from '../next-step'

import { MentorName } from './mentor-name'

// The project page's facts: mentors, the attached issue (and, for maintainers, what tagging
// changed in its labels), repositories and related issues, each linked to the board's own page
// when the mirror has it and to GitHub otherwise.

export function ProjectFacts({
  mentors,
  mentorsNamed,
  mentorsNamedByDemo,
  mentorContact,
  hasMentorContact,
  issue,
  labelStatus,
  repos,
  relatedIssues,
}: {
  mentors: { name: string; account_id: number | null; is_demo: boolean }[]
  /** When the mentors named in text (not board accounts) were named ("named when … listed"). */
  mentorsNamed: string
  /** Named by a demo person: a demo action, said even when every mentor is a board account. */
  mentorsNamedByDemo: boolean
  /** Shown to signed-in people only: null for everyone else. */
  mentorContact: { text: string; href: string | null } | null
  hasMentorContact: boolean
  issue: { repo: string; number: number; state: string | null } | null
  /** The attached issue's changes in the label plan; maintainers only. */
  labelStatus: LabelStatus | null
  repos: (RepoLink & { isLinkable: boolean })[]
  relatedIssues: RelatedIssueLink[]
}) {
  return (
    <dl className="mt-6 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
      {/* The anchor /me's "ask a mentor" links to. */}
      <dt id="mentors" className="scroll-mt-4 font-semibold text-slate-600">
        Mentors
      </dt>
      <dd>
        {mentors.length === 0 ? (
          <span className="text-slate-500">No mentor listed</span>
        ) : (
          <ul className="flex flex-wrap gap-x-3">
            {mentors.map((mentor, index) => (
              <li key={index}>
                <MentorName
                  mentor={{
                    // A board account's mentor name is its login; "@login" names one on GitHub.
                    // A demo person goes by her demo name, as on every page.
                    name:
                      mentor.account_id === null
                        ? mentor.name
                        : mentor.is_demo
                          ? personName({ login: mentor.name, isDemo: true })
                          : `@${mentor.name}`,
                    githubLogin:
                      mentor.account_id !== null ? mentor.name : githubLoginOf(mentor.name),
                    isDemo: mentor.is_demo,
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {mentors.some((mentor) => mentor.account_id === null) ? (
          // Board accounts hear about their projects; a name in text may be years old.
          <p className="text-xs text-slate-500">{mentorsNamed}: ask before counting on them.</p>
        ) : mentors.length > 0 && mentorsNamedByDemo ? (
          <p className="text-xs text-slate-500">{mentorsNamed}.</p>
        ) : null}
        {!hasMentorContact && mentors.some((mentor) => mentor.is_demo) ? (
          // "Ask a mentor" and "tell the mentors" lead here, and a demo account links nowhere:
          // the board itself is the way to it.
          <p className="text-xs text-slate-500">
            A demo account is nobody on GitHub: it hears of claims on this project here, and answers
            them here.
          </p>
        ) : null}
        {mentors.length > 0 && !canReachMentors({ hasMentorContact, mentors }) ? (
          // "Tell the mentors" / "Ask a mentor" lead here: say there is no way, not leave them
          // looking for one.
          <p className="text-xs text-slate-500">
            No way to reach them is listed on this board
            {issue ? ': the attached issue is the place to ask.' : '.'}
          </p>
        ) : null}
      </dd>

      {hasMentorContact ? (
        <>
          <dt className="font-semibold text-slate-600">Reach the mentors</dt>
          <dd>
            {mentorContact === null ? (
              <span className="text-slate-500">Sign in to see how to reach the mentors.</span>
            ) : mentorContact.href ? (
              <a
                href={mentorContact.href}
                className="break-all text-blue-700 underline"
                rel="nofollow noreferrer"
              >
                {mentorContact.text}
              </a>
            ) : (
              <span className="break-all">{mentorContact.text}</span>
            )}
          </dd>
        </>
      ) : null}

      <dt className="font-semibold text-slate-600">Attached issue</dt>
      <dd>
        {issue ? (
          <span className="flex flex-wrap items-center gap-2">
            <Link
              to={`/repos/${issue.repo}/issues/${issue.number}`}
              className="text-blue-700 underline"
            >
              {issue.repo}#{issue.number}
            </Link>
            <IssueState state={issue.state ?? 'open'} isPullRequest={false} mergedAt={null} />
            <span className="text-slate-600">
              This project follows the issue: it is done when the issue is closed on GitHub.
            </span>
          </span>
        ) : (
          <span className="text-slate-500">Standalone project (not attached to one issue)</span>
        )}
      </dd>

      {labelStatus && issue ? (
        <>
          <dt className="font-semibold text-slate-600">Labels on GitHub</dt>
          <dd>
            <IssueLabelStatusNote status={labelStatus} repo={issue.repo} />
          </dd>
        </>
      ) : null}

      <dt className="font-semibold text-slate-600">Repositories</dt>
      <dd>
        {repos.length === 0 ? (
          <span className="text-slate-500">None listed</span>
        ) : (
          <ul className="flex flex-wrap gap-x-3">
            {repos.map((repo) => (
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
        {relatedIssues.length === 0 ? (
          <span className="text-slate-500">None listed</span>
        ) : (
          <ul className="space-y-1">
            {relatedIssues.map((related) => (
              <li key={related.ref} className="flex flex-wrap items-center gap-2">
                {related.mirrored ? (
                  <>
                    <IssueState
                      state={related.mirrored.state}
                      isPullRequest={related.mirrored.isPullRequest}
                      mergedAt={null}
                    />
                    <Link
                      to={`/repos/${related.repo}/issues/${related.number}`}
                      className="text-blue-700 underline"
                    >
                      {related.repo}#{related.number}
                    </Link>
                    <span className="text-slate-700">{related.mirrored.title}</span>
                  </>
                ) : (
                  <>
                    <a
                      href={`https://github.com/${related.repo}/issues/${related.number}`}
                      className="text-blue-700 underline"
                      rel="noopener noreferrer"
                    >
                      {related.repo}#{related.number}
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
  )
}

type LabelStatus = { add: string[]; remove: string[]; notice: string | null }

function IssueLabelStatusNote({ status, repo }: { status: LabelStatus; repo: string }) {
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
