import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Fragment } from 'react'

import { DemoBadge } from '~/components/demo-badge'
import type { getForYou } from '~/notifications/my-work.server'
import { claimTimeLeft } from '~/starter/claim-time'
import { countOf, formatDate } from '~/utils/format'

import { WaitingForMaintainers, demoNote } from './waiting-for-maintainers'

type ForYouData = SerializeFrom<Awaited<ReturnType<typeof getForYou>>>

/**
 * The home page's first card for a signed-in person: what is new in her inbox, where she left off
 * (her open claims, the reports she owes on claims she ended, her requests waiting for an answer),
 * what happened since her last visit and, for a maintainer, what waits for maintainers. Nothing
 * for someone with nothing going on: the page below already says where to start.
 */
export function ForYou({ data, isDemo, now }: { data: ForYouData; isDemo: boolean; now: string }) {
  if (
    data.unread.count === 0 &&
    data.claims.length === 0 &&
    data.reportsDue.length === 0 &&
    data.waitingRequests.count === 0 &&
    data.claimsToAnswer.count === 0 &&
    !data.queue &&
    sinceItems(data.since).length === 0 &&
    !data.since?.finished.count
  )
    return null
  return (
    <section
      aria-labelledby="for-you-heading"
      className="mt-6 rounded border border-blue-200 bg-blue-50/50 p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="for-you-heading" className="font-semibold">
          For you
        </h2>
        <Link to="/me" className="text-sm text-blue-700 underline">
          All my work
        </Link>
      </div>
      {/* The header's badge is easy to miss: coming back, what is new is said in words first. */}
      {data.unread.count > 0 ? <UnreadLine {...data.unread} /> : null}
      {data.newNotices.length > 0 ? <NewNotices notices={data.newNotices} /> : null}
      {data.claims.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-sm">
          {data.claims.map((claim) => (
            <li key={claim.id}>
              Your claim on{' '}
              <Link to={`/starter/${claim.project_id}`} className="text-blue-700 underline">
                {claim.title}
              </Link>
              : {claimTimeLeft(claim.expires_at, now)}
              <ClaimNextStep claim={claim} />
              {/* A demo person's claims are demo actions, most made by the demo data. */}
              {isDemo ? <DemoBadge>demo claim</DemoBadge> : null}
            </li>
          ))}
          {data.moreClaims ? (
            <li>
              <Link to="/me" className="text-blue-700 underline">
                More claims in My work
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {data.reportsDue.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-sm">
          {data.reportsDue.map((claim) => (
            <li key={claim.id}>
              You {claim.outcome === 'done' ? 'finished' : 'stopped'}{' '}
              <Link to={`/starter/${claim.project_id}`} className="text-blue-700 underline">
                {claim.title}
              </Link>
              : {/* Straight to the form, which the project page shows its claimant only. */}
              <Link
                to={`/starter/${claim.project_id}#feedback-heading`}
                className="text-blue-700 underline"
              >
                tell us how hard it was
              </Link>
              {isDemo ? <DemoBadge>demo claim</DemoBadge> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {data.waitingRequests.count > 0 ? (
        <WaitingRequestsLine {...data.waitingRequests} isDemo={isDemo} />
      ) : null}
      {data.claimsToAnswer.count > 0 ? (
        // A mentor's side of a claim: the newcomer waits for her word.
        <p className="mt-1 text-sm">
          <Link to="/me#answer-heading" className="text-blue-700 underline">
            {countOf(data.claimsToAnswer.count, 'claim')} on projects you mentor{' '}
            {data.claimsToAnswer.count === 1 ? 'waits' : 'wait'} for your answer
          </Link>
          {demoNote(data.claimsToAnswer.demo, data.claimsToAnswer.count) ? (
            <DemoBadge>{demoNote(data.claimsToAnswer.demo, data.claimsToAnswer.count)!}</DemoBadge>
          ) : null}
        </p>
      ) : null}
      {/* Above the maintainers' queue, which can run long: coming back, what changed comes first. */}
      {data.since ? <SinceLastVisit since={data.since} /> : null}
      {data.queue ? (
        <>
          <h3 className="mt-2 text-sm font-semibold text-slate-700">Waiting for maintainers</h3>
          <WaitingForMaintainers queue={data.queue} now={now} />
          {/* The home page's own link to it is last, below the fold on a phone. */}
          <p className="mt-1 text-sm">
            Prepare the call:{' '}
            <Link to="/digest" className="text-blue-700 underline">
              the fortnight’s agenda
            </Link>
            , ready to paste into the call notes.
          </p>
        </>
      ) : null}
    </section>
  )
}

/**
 * A claim in its last days or lapsed needs her now, and the time left alone does not say what to
 * do: renewing is on My work (as the project page offers it), claiming again on the project page.
 */
function ClaimNextStep({ claim }: { claim: ForYouData['claims'][number] }) {
  if (claim.is_renewable)
    return (
      <>
        {' · still on it? '}
        <Link to="/me#claims-heading" className="text-blue-700 underline">
          Renew it in My work
        </Link>
      </>
    )
  if (claim.is_running) return null
  return (
    <>
      {' · still on it? '}
      <Link to={`/starter/${claim.project_id}`} className="text-blue-700 underline">
        Claim it again
      </Link>
    </>
  )
}

function UnreadLine({
  count,
  demo,
  aboutWaitingWork,
}: {
  count: number
  demo: number
  aboutWaitingWork: number
}) {
  // Notices a demo person's act caused are demo actions, badged as the queue below badges them.
  const demoActions = demoNote(demo, count)
  return (
    <p className="mt-1 text-sm">
      <Link to="/notifications" className="text-blue-700 underline">
        {countOf(count, 'new notice')} in your inbox
      </Link>
      {aboutWaitingWork > 0 ? ` (${aboutWaitingWorkNote(aboutWaitingWork, count)})` : null}
      {demoActions ? <DemoBadge>{demoActions}</DemoBadge> : null}
    </p>
  )
}

/**
 * Notices about an open round or an unanswered request are not named among the newest (said once,
 * under "Waiting for maintainers"): without this, "2 new notices" could head no list at all.
 */
function aboutWaitingWorkNote(about: number, count: number) {
  const what = 'about what waits for maintainers below'
  if (about < count) return `${about} ${what}`
  return count === 1 ? what : `${count === 2 ? 'both' : 'all'} ${what}`
}

/**
 * The newest unread notices by title, each opening what it is about (and marking it read) as the
 * inbox's links do: a count alone does not say whether any of it needs her.
 */
function NewNotices({ notices }: { notices: ForYouData['newNotices'] }) {
  return (
    <ul aria-label="Newest unread notices" className="mt-0.5 list-disc pl-5 text-sm">
      {notices.map((notice) => (
        <li key={notice.id}>
          <Link to={`/notifications/${notice.id}`} className="text-blue-700 underline">
            {notice.title}
          </Link>
          {notice.is_demo_action ? <DemoBadge>a demo action</DemoBadge> : null}
          {/* As the inbox says under it: answered, it waits for nobody, though still news. */}
          {notice.answer ? <NoticeAnswered answer={notice.answer} /> : null}
        </li>
      ))}
    </ul>
  )
}

function NoticeAnswered({
  answer,
}: {
  answer: NonNullable<ForYouData['newNotices'][number]['answer']>
}) {
  const by = answer.byYou ? ' by you' : answer.byName ? ` by ${answer.byName}` : ''
  return (
    <span className="text-slate-700">
      {' '}
      (answered{by} on {formatDate(answer.answeredAt)}:{' '}
      <Link to={answer.link} className="text-blue-700 underline">
        see the answer
      </Link>
      ){answer.isDemo ? <DemoBadge>a demo action</DemoBadge> : null}
    </span>
  )
}

function WaitingRequestsLine({
  count,
  latest,
  isDemo,
}: {
  count: number
  latest: string | null
  isDemo: boolean
}) {
  return (
    <p className="mt-1 text-sm">
      <Link to="/me#requests-heading" className="text-blue-700 underline">
        {count === 1
          ? `Your “nothing fits me” request${latest ? ` of ${formatDate(latest)}` : ''}`
          : `Your ${count} “nothing fits me” requests`}
      </Link>{' '}
      {count === 1 ? 'waits' : 'wait'} for a maintainer’s answer: it will come to your inbox.
      {isDemo ? <DemoBadge>{count === 1 ? 'demo request' : 'demo requests'}</DemoBadge> : null}
    </p>
  )
}

type Since = NonNullable<ForYouData['since']>

/**
 * What happened since her last visit, each count linking to where it is, only what is non-zero
 * (a list of zeros reads as news). Counts only: ideas are not ordered or ranked here (decision 007).
 */
function sinceItems(since: ForYouData['since']) {
  if (!since) return []
  const items = [
    {
      key: 'ideas',
      to: '/roadmap/ideas',
      tally: since.ideas,
      label: (n: number) => countOf(n, 'new idea'),
    },
    {
      key: 'rounds',
      to: '/roadmap/rounds',
      tally: since.rounds,
      label: (n: number) => `${countOf(n, 'prioritisation round')} opened for voting`,
    },
    {
      key: 'decisions',
      to: '/roadmap/rounds',
      tally: since.decisions,
      label: (n: number) => `${countOf(n, 'decision')} recorded`,
    },
    {
      key: 'projects',
      to: '/starter',
      tally: since.projects,
      label: (n: number) => `${countOf(n, 'new starter project')} open`,
    },
    {
      key: 'requests',
      to: '/starter/gaps',
      tally: since.requests ?? { count: 0, demo: 0 },
      label: (n: number) => countOf(n, 'new “nothing fits me” request'),
    },
    {
      // Her side of her projects' claims: those waiting for her answer have their own line.
      key: 'mentored-claims',
      to: '/me#mentored-heading',
      tally: since.mentoredClaims,
      label: (n: number) => `${countOf(n, 'new claim')} on projects you mentor`,
    },
  ]
  return items.filter((item) => item.tally.count > 0)
}

/**
 * Starter projects finished since: the progress worth celebrating, each named and linked to its
 * page (where the finish and its report are), the rest counted.
 */
function FinishedSince({ finished }: { finished: Since['finished'] }) {
  const more = finished.count - finished.projects.length
  const demo = demoNote(finished.demo, finished.count)
  return (
    <li>
      {countOf(finished.count, 'starter project')} finished:{' '}
      {finished.projects.map((project, index) => (
        <Fragment key={project.id}>
          {index === 0
            ? null
            : index === finished.projects.length - 1 && more === 0
              ? ' and '
              : ', '}
          <Link to={`/starter/${project.id}`} className="text-blue-700 underline">
            {project.title}
          </Link>
        </Fragment>
      ))}
      {more > 0 ? ` and ${countOf(more, 'other')}` : null}
      {demo ? <DemoBadge>{demo}</DemoBadge> : null}
    </li>
  )
}

function SinceLastVisit({ since }: { since: Since }) {
  const items = sinceItems(since)
  if (items.length === 0 && since.finished.count === 0) return null
  return (
    <>
      <h3 className="mt-2 text-sm font-semibold text-slate-700">
        Since your last visit ({formatDate(since.since)})
      </h3>
      <ul aria-label="Since your last visit" className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {items.map(({ key, to, tally, label }) => {
          // Demo people's doing is a demo action, counted as the queue above counts it.
          const demo = demoNote(tally.demo, tally.count)
          return (
            <li key={key}>
              <Link to={to} className="text-blue-700 underline">
                {label(tally.count)}
              </Link>
              {demo ? <DemoBadge>{demo}</DemoBadge> : null}
            </li>
          )
        })}
        {since.finished.count > 0 ? <FinishedSince finished={since.finished} /> : null}
      </ul>
    </>
  )
}
