import { Link } from '@remix-run/react'

import type { ProjectSize, Stars } from '../../../db/schema'
import { personName } from '../../accounts/person'
import { DemoBadge } from '../../components/demo-badge'
import { ActivityTime } from '../../mirror/ui/recorded-history'
import { formatDate } from '../../utils/format'
import { finishedTimeText, type FinishedTime } from '../claim-feedback'
import type { IssueActivity } from '../finder.server'
import { SIZE_LABELS } from '../project-input'
import type { Perceived } from '../project.server'

import { EmptySupplyHint } from './empty-supply'
import { MentorName } from './mentor-name'
import { PerceivedBadge, RatingPair } from './stars'

// The finder's results: each project with its domains (and whether one is yours), ratings,
// size, mentors and who is working on it. The order is the finder's (finder.ts).

/** One result as the page shows it, worked out on the server. */
export type FinderResult = {
  id: number
  title: string
  primaryDomain: string
  secondaryDomains: string[]
  languageStars: Stars | null
  domainStars: Stars | null
  size: ProjectSize | null
  /**
   * `githubLogin` when the mentor is known on GitHub: their name links to the profile; `isMe`:
   * the signed-in reader's own account.
   */
  mentors: { name: string; githubLogin: string | null; isDemo: boolean; isMe: boolean }[]
  /**
   * Someone to ask is listed (next-step.ts `canReachMentors`): names alone, from an old list,
   * are said to be no way, as the project page says, so "Mentors: Anil" reads as no promise.
   */
  canReachMentors: boolean
  /** The attached GitHub issue's activity in the mirror, if the project has one. */
  issue: IssueActivity | null
  /** Set by a demo person: a demo action, marked as one. */
  isDemoRating: boolean
  /**
   * Running claims, oldest first; `isDemo`: a demo person's (a demo action); `isMine`: the
   * signed-in reader's own.
   */
  claims: { login: string; claimedAt: string; isDemo: boolean; isMine: boolean }[]
  isTaken: boolean
  isElastic: boolean
  perceived: Perceived
  /** How long those who finished it took, as they reported it. */
  finishedTime: FinishedTime
  /** Which of the person's known domains it is in: its main one, another of its domains, or none. */
  domainMatch: 'primary' | 'secondary' | null
  isAboveLevel: boolean
  /** Fits what the person told us (finder.ts, key 1): listed under "Projects for you". */
  fits: boolean
  /** Fits, but no harder than the project a step up was asked from: under "Easier ones". */
  isEasier: boolean
}

export function FinderResults({
  label = 'Starter projects for you',
  items,
  languageName,
  isLoading,
  emptySupply = null,
  canTriage = false,
}: {
  /** The list's accessible name, as the heading above it says. */
  label?: string
  items: FinderResult[]
  languageName: string
  isLoading: boolean
  /** Set when no open project exists at all: "try other filters" would mislead. */
  emptySupply?: { count: number; isCapped: boolean } | null
  canTriage?: boolean
}) {
  if (items.length === 0 && emptySupply) {
    return (
      <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        <EmptySupplyHint candidates={emptySupply} canTriage={canTriage} />
      </p>
    )
  }
  if (items.length === 0) {
    return (
      <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        No starter project fits this background and these filters yet. Try other domains, tick “Show
        projects above my level”, or tell the maintainers what you are looking for below.
      </p>
    )
  }
  return (
    <ul
      aria-label={label}
      aria-busy={isLoading}
      className={`divide-y divide-slate-200 rounded border border-slate-200 bg-white ${isLoading ? 'opacity-60' : ''}`}
    >
      {items.map((item) => (
        <li key={item.id} className="px-3 py-3">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <Link
              to={`/starter/${item.id}`}
              className="font-semibold text-slate-900 hover:text-blue-700 hover:underline"
            >
              {item.title}
            </Link>
            {item.isAboveLevel ? (
              <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800">
                above your level
              </span>
            ) : null}
          </div>
          <p className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-xs">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-800">
              {item.primaryDomain}
            </span>
            {item.secondaryDomains.map((domain) => (
              <span key={domain} className="rounded bg-slate-50 px-1.5 py-0.5 text-slate-600">
                {domain}
              </span>
            ))}
            {item.domainMatch ? (
              <span className="text-emerald-700">
                {item.domainMatch === 'primary'
                  ? '· in a domain you know'
                  : '· touches a domain you know'}
              </span>
            ) : null}
          </p>
          <div className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <RatingPair
              languageStars={item.languageStars}
              domainStars={item.domainStars}
              languageName={languageName}
              domainName={item.primaryDomain}
            />
            {item.isDemoRating ? <DemoBadge>demo rating</DemoBadge> : null}
            <span className="text-sm text-slate-700">
              {item.size ? SIZE_LABELS[item.size] : 'Size unknown'}
              {/* The maintainers' estimate, then what those who finished it took. */}
              <FinishedTimeNote time={item.finishedTime} />
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {item.mentors.length > 0 ? (
              <Mentors mentors={item.mentors} canReach={item.canReachMentors} />
            ) : (
              'No mentor listed'
            )}
            {' · '}
            <ClaimStatus item={item} />
          </p>
          {item.issue ? <IssueActivityLine issue={item.issue} /> : null}
          <PerceivedBadge
            perceived={item.perceived}
            domainName={item.primaryDomain}
            languageName={languageName}
          />
        </li>
      ))}
    </ul>
  )
}

/** " · finished in about a month (1 report)", nothing when nobody who finished reported. */
function FinishedTimeNote({ time }: { time: FinishedTime }) {
  const text = finishedTimeText(time)
  return text === null ? null : <span className="text-slate-600"> · {text}</span>
}

function ClaimStatus({ item }: { item: FinderResult }) {
  if (item.claims.length === 0) return <span className="text-emerald-700">Unclaimed</span>
  const since = (claim: FinderResult['claims'][number]) => (
    <>
      since <time dateTime={claim.claimedAt}>{formatDate(claim.claimedAt)}</time>
      {claim.isDemo ? <DemoBadge>demo claim</DemoBadge> : null}
    </>
  )
  // Her own claim is hers, not "Claimed by" her name as others read it, and her work is kept
  // on My work.
  const mine = item.claims.find((claim) => claim.isMine)
  const myWork = mine ? (
    <>
      {' · '}
      <Link to="/me" className="text-blue-700 underline">
        see My work
      </Link>
    </>
  ) : null
  const who = item.claims.map((claim, index) => (
    <span key={claim.login}>
      {index > 0 ? ', ' : ''}
      {claim.isMine ? 'you' : personName({ login: claim.login, isDemo: claim.isDemo })}{' '}
      {since(claim)}
    </span>
  ))
  if (item.isElastic) {
    return (
      <span>
        Room for more: {who} {item.claims.length === 1 && !mine ? 'is' : 'are'} working on it
        {myWork}
      </span>
    )
  }
  if (mine) {
    return (
      <span className="text-indigo-800">
        You are working on this {since(mine)}
        {myWork}
      </span>
    )
  }
  // Not amber: the demo badge is, and "demo claim" sits inside this line.
  return <span className="text-indigo-800">Claimed by {who}</span>
}

// A project she mentors is hers to answer, not to claim (refuseOwnMentor): "Mentors: Cam (demo
// contributor)" read to Cam as someone else's project offered to him, listed among his.
// Names only are listed, but with no way to reach them, which "Has a mentor" does not count.
function Mentors({ mentors, canReach }: { mentors: FinderResult['mentors']; canReach: boolean }) {
  return (
    <span>
      Mentors:{' '}
      {mentors.map((mentor, index) => (
        <span key={`${mentor.name}-${index}`}>
          {index > 0 ? ', ' : ''}
          {mentor.isMe ? 'you' : <MentorName mentor={mentor} />}
        </span>
      ))}
      {mentors.some((mentor) => mentor.isMe) ? ' (you answer whoever claims it)' : null}
      {canReach ? null : ' (no way to reach them is listed)'}
    </span>
  )
}

/**
 * What the mirror knows of the attached issue: state, last update, comments, assignees, and the
 * open pull requests that say they close it.
 */
function IssueActivityLine({ issue }: { issue: NonNullable<FinderResult['issue']> }) {
  return (
    <p className="mt-1 text-xs text-slate-600">
      <a href={issue.url} className="text-blue-700 underline" rel="noreferrer">
        {issue.repo}#{issue.number}
      </a>{' '}
      {issue.state} · updated <ActivityTime at={issue.updatedAt} recorded={issue.historyRecorded} />{' '}
      ·{' '}
      {issue.comments === null
        ? 'comments not recorded'
        : `${issue.comments} ${issue.comments === 1 ? 'comment' : 'comments'}`}{' '}
      ·{' '}
      {issue.assignees.length > 0 ? `assigned to ${issue.assignees.join(', ')}` : 'nobody assigned'}
      {issue.openPullRequests.length > 0 ? (
        <>
          {' · '}
          {issue.openPullRequests.length === 1 ? 'open pull request' : 'open pull requests'}{' '}
          {issue.openPullRequests.map((pull, index) => (
            <span key={pull.number}>
              {index > 0 ? ', ' : null}
              <a href={pull.url} className="text-blue-700 underline" rel="noreferrer">
                #{pull.number}
              </a>
            </span>
          ))}
        </>
      ) : null}
    </p>
  )
}
