import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Fragment, type ReactNode } from 'react'

import { DemoBadge } from '~/components/demo-badge'
import type { MaintainerQueue } from '~/notifications/my-work.server'
import { roundPhase } from '~/roadmap/round-phase'
import { roundWithTarget } from '~/roadmap/round-title'
import { demoRoundNote } from '~/roadmap/ui/demo-decision'
import { driftEntryId } from '~/starter/calibration'
import { UNANSWERED_CLAIM_DAYS } from '~/starter/claim-answer'
import { projectsToTriage } from '~/starter/triage-progress'
import { cappedCountOf, capitalise, countOf, formatDate, listInWords } from '~/utils/format'

type Queue = SerializeFrom<MaintainerQueue>

/**
 * What waits for maintainers, each item with the page that deals with it: only what is there (a
 * list of zeros reads as work), and for each round what it needs now, a ballot or a decision.
 * My work and the home page show the same list.
 */
export function WaitingForMaintainers({ queue, now }: { queue: Queue; now: string }) {
  const items: { key: string; item: ReactNode; age?: string | null; demo?: string | null }[] = []
  if (queue.setupToFix.length > 0) {
    // First: until the board is set up, the rest of its work is on hold or at risk.
    items.push({
      key: 'setup',
      item: (
        <>
          <ItemLink to="/setup">The board’s setup</ItemLink>:{' '}
          {countOf(queue.setupToFix.length, 'setting')}{' '}
          {queue.setupToFix.length === 1 ? 'needs' : 'need'} attention (
          {queue.setupToFix.join('; ')})
        </>
      ),
    })
  }
  if (queue.triage.total > 0) {
    items.push({
      key: 'triage',
      item: <ItemLink to="/starter/triage">{projectsToTriage(queue.triage)}</ItemLink>,
    })
  }
  if (queue.candidates.count > 0) {
    // After the projects: the triage queue offers these once the projects are done.
    items.push({
      key: 'candidates',
      item: (
        <ItemLink to="/starter/candidates">
          {capitalise(suggestedCandidates(queue.candidates.count, queue.candidates.isCapped))}
        </ItemLink>
      ),
    })
  }
  if (queue.unansweredRequests > 0) {
    items.push({
      key: 'gaps',
      item: (
        <ItemLink to="/starter/gaps">
          {countOf(queue.unansweredRequests, 'unanswered “nothing fits me” request')}
        </ItemLink>
      ),
      age: requestsAge(queue.unansweredRequests, queue.oldestRequestDays),
      demo: demoNote(queue.demoRequests, queue.unansweredRequests),
    })
  }
  if (queue.dryDomains.length > 0) {
    // Nothing easy is left there and no rating could change it: only new projects help.
    items.push({
      key: 'dry-domains',
      item: (
        <>
          <ItemLink to="/starter/supply">
            1★ supply has run dry in {listInWords(queue.dryDomains)}
          </ItemLink>
          : <ItemLink to="/starter/new">tag new starter projects</ItemLink> there
        </>
      ),
    })
  }
  if (queue.driftingProjects > 0) {
    items.push({
      key: 'drift',
      item: (
        <ItemLink to="/starter/calibration">
          {countOf(queue.driftingProjects, 'starter project')} rated away from what contributors
          reported
        </ItemLink>
      ),
      demo: demoNote(queue.demoDrift, queue.driftingProjects),
    })
  }
  if (queue.loneDisagreements.count > 0) {
    // Not drift (too few reports), yet a project one person finished may get no second report:
    // listed apart on the calibration page, each project linked to its entry there.
    items.push({
      key: 'lone-disagreements',
      item: <LoneDisagreements loneDisagreements={queue.loneDisagreements} />,
      demo: demoNote(queue.loneDisagreements.demo, queue.loneDisagreements.count),
    })
  }
  if (queue.staleClaims.count > 0) {
    items.push({
      key: 'stale-claims',
      item: <StaleClaims staleClaims={queue.staleClaims} />,
      // A demo person's claim is a demo action, as on the project's page.
      demo: demoNote(queue.staleClaims.demo, queue.staleClaims.count),
    })
  }
  if (queue.unansweredClaims.count > 0) {
    items.push({
      key: 'unanswered-claims',
      item: <UnansweredClaims unansweredClaims={queue.unansweredClaims} />,
      age: requestsAge(queue.unansweredClaims.count, queue.unansweredClaims.oldestDays),
      demo: demoNote(queue.unansweredClaims.demo, queue.unansweredClaims.count),
    })
  }
  if (queue.mentorOffers.count > 0) {
    items.push({
      key: 'mentor-offers',
      item: <MentorOffers mentorOffers={queue.mentorOffers} />,
      age: offersAge(queue.mentorOffers.count, queue.mentorOffers.oldestDays),
      demo: demoNote(queue.mentorOffers.demo, queue.mentorOffers.count),
    })
  }
  if (queue.labelChanges) {
    const { refused, onCopies } = queue.labelChanges
    // A demo person may review a mirror's plan, never apply it: not offered what she is refused.
    const applicable = {
      changes: queue.labelChanges.changes - refused.changes,
      issues: queue.labelChanges.issues - refused.issues,
    }
    if (applicable.changes > 0)
      items.push({
        key: 'label-plan',
        item: <ItemLink to="/labels">{labelChangesOn(applicable)} to review and apply</ItemLink>,
        demo: copiesNote(onCopies.changes, applicable.changes),
      })
    if (refused.changes > 0)
      items.push({
        key: 'label-plan-refused',
        item: (
          <>
            <ItemLink to="/labels">{labelChangesOn(refused)} to review</ItemLink>{' '}
            {DEMO_CANNOT_APPLY}
          </>
        ),
      })
  }
  if (queue.labelConflicts > 0) {
    items.push({
      key: 'conflicts',
      item: (
        <ItemLink to="/labels/log?conflicts=open">
          {countOf(queue.labelConflicts, 'open label conflict')}
        </ItemLink>
      ),
    })
  }
  for (const round of queue.openRounds) {
    items.push({
      key: `round-${round.id}`,
      item: (
        <>
          <ItemLink to={`/roadmap/rounds/${round.id}`}>
            {roundWithTarget(round.name, round.target_name)}
          </ItemLink>
          {': '}
          <RoundNeeds round={round} now={now} />
        </>
      ),
      demo: round.is_demo ? demoRoundNote(round.status, round.demo_opener) : null,
    })
  }
  if (items.length === 0) {
    return <p className="mt-1 text-sm text-slate-600">Nothing waits for maintainers right now.</p>
  }
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
      {items.map(({ key, item, age, demo }) => (
        <li key={key}>
          {item}
          {age ? `, ${age}` : null}
          {demo ? <DemoBadge>{demo}</DemoBadge> : null}
        </li>
      ))}
    </ul>
  )
}

/** What a demo person is told instead of "and apply" on a mirror of GitHub's repositories. */
export const DEMO_CANNOT_APPLY =
  '(a maintainer signed in with GitHub applies them: demo people’s label changes are never sent to GitHub)'

function labelChangesOn({ changes, issues }: { changes: number; issues: number }) {
  return `${countOf(changes, 'label change')} on ${countOf(issues, 'issue')}`
}

/**
 * The demo's copies' share of the label changes to apply: on the demo they come from demo
 * people's ratings and links, and applying them sends nothing (decision 012). Null when none is.
 */
export function copiesNote(onCopies: number, total: number) {
  if (onCopies === 0) return null
  if (onCopies === total) return 'demo: the demo’s repositories are copies, nothing is sent'
  return `${onCopies} of them on the demo’s copies, never sent`
}

/** How many of a count are demo actions, in words, or null when none is. */
export function demoNote(demo: number, total: number) {
  if (demo === 0) return null
  if (demo === total) return total === 1 ? 'a demo action' : 'all demo actions'
  return demo === 1 ? '1 of them a demo action' : `${demo} of them demo actions`
}

/** "22 issues suggested as starter projects", "more than 25 issues…" past the count's cap. */
export function suggestedCandidates(count: number, isCapped: boolean) {
  return `${cappedCountOf({ count, isCapped }, 'issue')} suggested as ${count === 1 && !isCapped ? 'a starter project' : 'starter projects'}`
}

/** How long unanswered requests have waited, from the oldest's age in whole days. */
export function requestsAge(count: number, oldestDays: number | null) {
  if (oldestDays === null) return null
  const waited = oldestDays < 1 ? 'sent today' : `waiting ${countOf(oldestDays, 'day')}`
  return count === 1 ? waited : `the oldest ${waited}`
}

function RoundNeeds({ round, now }: { round: Queue['openRounds'][number]; now: string }) {
  switch (roundPhase(round, new Date(now))) {
    case 'scheduled':
      return <>voting opens on {formatDate(round.opens_at)}</>
    case 'voting':
      return (
        <>
          voting until {formatDate(round.closes_at)} ·{' '}
          {round.has_voted ? 'you have voted' : <strong>you have not voted yet</strong>}
        </>
      )
    default:
      return (
        <>
          voting ended on {formatDate(round.closes_at)} · <strong>close it with a decision</strong>
        </>
      )
  }
}

/** Released one at a time on each project's page (its claims panel): the first few projects. */
function StaleClaims({ staleClaims }: { staleClaims: Queue['staleClaims'] }) {
  return (
    <>
      {countOf(staleClaims.count, 'stale claim')} to release, on <ClaimProjects {...staleClaims} />
    </>
  )
}

/** Answered on each project's page (under the claim): the first few projects. */
function UnansweredClaims({ unansweredClaims }: { unansweredClaims: Queue['unansweredClaims'] }) {
  return (
    <>
      {countOf(unansweredClaims.count, 'claim')} no mentor answered for {UNANSWERED_CLAIM_DAYS} days
      or more, on <ClaimProjects {...unansweredClaims} />
    </>
  )
}

/** How long offers to mentor have waited, from the oldest's age in whole days. */
export function offersAge(count: number, oldestDays: number | null) {
  if (oldestDays === null) return null
  const waited = oldestDays < 1 ? 'made today' : `waiting ${countOf(oldestDays, 'day')}`
  return count === 1 ? waited : `the oldest ${waited}`
}

/** Added or declined on each project's page, where its offers are listed: the first few projects. */
function MentorOffers({ mentorOffers }: { mentorOffers: Queue['mentorOffers'] }) {
  return (
    <>
      {countOf(mentorOffers.count, 'offer')} to mentor waiting for a yes or no, on{' '}
      <ClaimProjects {...mentorOffers} anchor="mentor-offers-heading" />
    </>
  )
}

/** Re-rated on the calibration page: the first few projects, each linked to its entry there. */
function LoneDisagreements({
  loneDisagreements,
}: {
  loneDisagreements: Queue['loneDisagreements']
}) {
  const { count, projects } = loneDisagreements
  return (
    <>
      <ItemLink to="/starter/calibration#too-few-heading">
        {countOf(count, 'starter project')} rated away from a contributor’s report
      </ItemLink>
      , too few reports to flag yet:{' '}
      <ClaimProjects
        projects={projects}
        projectCount={count}
        linkTo={(project) => `/starter/calibration#${driftEntryId(project.id, project.axis)}`}
      />
    </>
  )
}

/**
 * "A, B and 3 other projects": the first projects, each linked to the part of its page that
 * deals with it (its claims unless told), then the rest counted.
 */
function ClaimProjects<Project extends { id: number; title: string }>({
  projects,
  projectCount,
  anchor = 'claims-heading',
  linkTo = (project) => `/starter/${project.id}#${anchor}`,
}: {
  projects: Project[]
  projectCount: number
  anchor?: string
  /** Where each project leads, when not the part of its page `anchor` names. */
  linkTo?: (project: Project) => string
}) {
  const more = projectCount - projects.length
  return (
    <>
      {projects.map((project, index) => (
        <Fragment key={project.id}>
          {index === 0 ? null : index === projects.length - 1 && more === 0 ? ' and ' : ', '}
          <ItemLink to={linkTo(project)}>{project.title}</ItemLink>
        </Fragment>
      ))}
      {more > 0 ? ` and ${countOf(more, 'other project')}` : null}
    </>
  )
}

function ItemLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="text-blue-700 underline">
      {children}
    </Link>
  )
}
