import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import { getCurrentUser } from '~/accounts/auth.server'
import { DemoBadge } from '~/components/demo-badge'
import { countLabelChangesToApply } from '~/labels/plan/review.server'
import { getBoardClock } from '~/mirror/board-clock.server'
import { listStaleIssues } from '~/mirror/issue.server'
import { listRepositoriesWithCounts } from '~/mirror/repository.server'
import { countRepositoriesAwaitingFirstSync } from '~/mirror/sync-state.server'
import { getForYou } from '~/notifications/my-work.server'
import { ForYou } from '~/notifications/ui/for-you'
import { listIdeation } from '~/roadmap/ideation.server'
import { getPublicRoadmap, listReleaseTargets } from '~/roadmap/roadmap.server'
import { roundUnderWay, type RoundPhase } from '~/roadmap/round-phase'
import { listRounds } from '~/roadmap/round.server'
import { demoRoundNote } from '~/roadmap/ui/demo-decision'
import { pageTitle } from '~/setup/board-name'
import { getBoardIdentity } from '~/setup/board-name.server'
import { getEmptySupplyCandidates } from '~/starter/candidate.server'
import { getStarterSettings } from '~/starter/settings.server'
import { buildSupplyMatrix } from '~/starter/supply'
import { countDemoRatedSupply, listOpenSupplyGroups } from '~/starter/supply.server'
import { EmptySupplyHint } from '~/starter/ui/empty-supply'
import { SupplyLine } from '~/starter/ui/supply-line'
import { FirstSyncNotice } from '~/sync/ui/first-sync-notice'
import { getEnv } from '~/utils/env.server'
import { countOf, formatDate } from '~/utils/format'

export async function loader({ request }: LoaderFunctionArgs) {
  // What each part of the board holds right now, so a first visit sees the board at work. Each
  // figure comes from its own feature's reads, the same the linked page shows.
  const { domains } = getStarterSettings()
  const [user, repositories, supplyGroups, demoRated, targets, clock, emptySupply, firstSync] =
    await Promise.all([
      getCurrentUser(request),
      listRepositoriesWithCounts(),
      listOpenSupplyGroups(),
      countDemoRatedSupply(),
      listReleaseTargets(),
      getBoardClock(),
      // A fresh install: the tracker issues that could fill the empty supply, not zeros.
      getEmptySupplyCandidates(),
      // While the first sync runs, the counts below are of what is read so far.
      countRepositoriesAwaitingFirstSync(),
    ])
  const target = targets[0] ?? null
  const months = getEnv().STALE_AFTER_MONTHS
  const [forYou, labelChanges, roadmap, ideation, rounds, stale] = await Promise.all([
    user ? getForYou(user) : null,
    // Part of what waits for maintainers, read here: notifications does not read labels.
    user?.role === 'maintainer' ? countLabelChangesToApply(undefined, user) : null,
    target ? getPublicRoadmap(target.id) : null,
    target ? listIdeation({ releaseTargetId: target.id, perArea: 0 }) : [],
    target ? listRounds(target.id) : [],
    listStaleIssues({
      months,
      type: 'all',
      perRepository: 0,
      limit: 1,
      offset: 0,
      now: clock.now,
    }),
  ])
  const board = await getBoardIdentity()
  const isDemoBoard = board.isDemo
  // The supply page's default view, whose ⚠ marks these same domains.
  const supply = buildSupplyMatrix(supplyGroups, domains, 'max')
  const efforts = roadmap?.areas.flatMap((area) => area.efforts) ?? []
  return json({
    forYou: forYou && {
      data: { ...forYou, queue: forYou.queue && { ...forYou.queue, labelChanges } },
      isDemo: user?.isDemo ?? false,
      now: new Date().toISOString(),
    },
    repositoryCount: repositories.length,
    firstSync,
    // The demo's repositories are copies, never synced: not "mirrored" (as the label pages say).
    // The qualifier is a note under the label: in the label, it wrapped to four lines on a phone.
    repositoryLabel: 'repositories',
    repositoryNote: isDemoBoard ? 'the demo’s copies' : 'mirrored',
    // Someone arriving from a link learns whose board this is before any figure: the tagline
    // said "a community's", and the demo named MirageOS only in its roadmap's line.
    boardName: board.name,
    about: isDemoBoard ? DEMO_ABOUT : board.about,
    openIssues: repositories.reduce((sum, repo) => sum + repo.open_issue_count, 0),
    openPulls: repositories.reduce((sum, repo) => sum + repo.open_pull_count, 0),
    starter: {
      unclaimed: supply.total,
      oneStar: supply.oneStar,
      // Where a newcomer finds the easiest; the agenda says where they run dry, for maintainers.
      easiestDomains: supply.easiestDomains,
      demoRated,
      emptySupply,
      canTriage: user?.role === 'maintainer',
    },
    roadmap: target
      ? {
          name: target.name,
          efforts: efforts.length,
          done: efforts.filter((effort) => effort.effort.status === 'done').length,
          ideas: ideation.reduce((sum, area) => sum + Number(area.open_count), 0),
          openRound: roundUnderWay(rounds, new Date()),
        }
      : null,
    stale: {
      months,
      items: stale.totalStale,
      repositories: stale.totalRepositories,
      asOf: clock.kind === 'real' ? null : clock.now.toISOString(),
    },
  })
}

/** What the demo is, for a newcomer who may know neither MirageOS nor OCaml. */
const DEMO_ABOUT =
  'This demo shows MirageOS, a library operating system that builds unikernels in OCaml: copies of its GitHub issues, the 3.0 roadmap from its fortnightly calls (2014-2016) and its Pioneer Projects for newcomers.'

export default function HomeRoute() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-3xl py-6">
      <h1 className="text-3xl font-bold tracking-tight">Pioneer Board</h1>
      <p className="mt-3 text-lg text-slate-700">
        {data.boardName ? (
          <>
            One place for {data.boardName}: its GitHub issues, its roadmap and its starter projects.
          </>
        ) : (
          <>One place for a community&apos;s GitHub issues, its roadmap and its starter projects.</>
        )}
      </p>
      {data.about ? <p className="mt-2 text-slate-700">{data.about}</p> : null}
      {data.forYou ? <ForYou {...data.forYou} /> : null}
      <FirstSyncNotice progress={data.firstSync} className="mt-6" />
      <dl className="mt-6 grid grid-cols-3 gap-4 text-center">
        <Stat
          label={data.repositoryLabel}
          note={data.repositoryNote}
          value={data.repositoryCount}
        />
        <Stat label="open issues" value={data.openIssues} />
        <Stat label="open pull requests" value={data.openPulls} />
      </dl>
      <ul className="mt-8 space-y-3">
        <li>
          <Link to="/starter" className="text-lg font-semibold text-blue-700 underline">
            Find a starter project
          </Link>{' '}
          — new here? Say what you already know and get projects rated on two axes: the language and
          the domain.
          {data.starter.emptySupply ? (
            <Now>
              <EmptySupplyHint
                candidates={data.starter.emptySupply}
                canTriage={data.starter.canTriage}
              />
            </Now>
          ) : (
            <Now>
              <SupplyLine
                unclaimed={data.starter.unclaimed}
                oneStar={data.starter.oneStar}
                easiestDomains={data.starter.easiestDomains}
                demoRated={data.starter.demoRated}
              />
            </Now>
          )}
        </li>
        <li>
          <Link to="/roadmap" className="text-lg font-semibold text-blue-700 underline">
            Read the roadmap
          </Link>{' '}
          — what the maintainers agreed to work on, by area (each an effort: an agreed idea and the
          GitHub issues that carry it out), and the ideas anyone can add.
          {data.roadmap ? (
            <Now>
              {data.roadmap.name}: {countOf(data.roadmap.efforts, 'effort')} agreed (
              {data.roadmap.done} done), {countOf(data.roadmap.ideas, 'idea')} being collected.
              {data.roadmap.openRound ? <OpenRoundLine round={data.roadmap.openRound} /> : null}
            </Now>
          ) : null}
        </li>
        <li>
          <Link to="/issues" className="text-lg font-semibold text-blue-700 underline">
            Browse every issue
          </Link>{' '}
          — filter across all repositories by label, author, state or text.
        </li>
        <li>
          <Link to="/issues/stale" className="text-lg font-semibold text-blue-700 underline">
            Find stale work
          </Link>{' '}
          — open items nobody has touched for months, repository by repository.
          <Now>
            {countOf(data.stale.items, 'open item')}{' '}
            {data.stale.asOf
              ? // A copy that does not sync: its times are the latest it shows, not known activity.
                `with no activity recorded for ${data.stale.months} months or more as of ${formatDate(data.stale.asOf)}, the data’s last activity, in`
              : `untouched for ${data.stale.months} months or more, in`}{' '}
            {countOf(data.stale.repositories, 'repository', 'repositories')}.
          </Now>
        </li>
        {/* A maintainer's "For you" already offers the agenda, near the top: once is enough. */}
        {data.forYou?.data.queue ? null : (
          <li>
            <Link to="/digest" className="text-lg font-semibold text-blue-700 underline">
              Prepare the call
            </Link>{' '}
            — the fortnight’s agenda from the board: new ideas, rounds and decisions, stale work and
            the starter supply, ready to paste into the call notes.
          </li>
        )}
      </ul>
    </div>
  )
}

/** A live figure under a section's link: what it holds now. */
/**
 * The round being decided now, after the roadmap's figures: without it a reader asking what is
 * being discussed learned it only two pages in.
 */
function OpenRoundLine({
  round,
}: {
  round: {
    id: number
    name: string
    opens_at: string
    closes_at: string
    phase: RoundPhase
    is_demo: boolean
    demo_opener: string | null
  }
}) {
  const name = (
    <Link to={`/roadmap/rounds/${round.id}`} className="underline">
      {round.name}
    </Link>
  )
  const on = (day: string) => <time dateTime={day}>{formatDate(day)}</time>
  return (
    <>
      {' '}
      {round.phase === 'scheduled' ? (
        <>
          {name} opens for voting on {on(round.opens_at)}.
        </>
      ) : round.phase === 'ended' ? (
        <>
          Voting in {name} ended on {on(round.closes_at)}; a maintainer closes it next.
        </>
      ) : (
        <>
          {name} is being voted on until {on(round.closes_at)}.
        </>
      )}
      {round.is_demo ? (
        <DemoBadge afterSentence>{demoRoundNote('open', round.demo_opener)}</DemoBadge>
      ) : null}
    </>
  )
}

function Now({ children }: { children: ReactNode }) {
  return <span className="mt-0.5 block text-sm text-slate-600">{children}</span>
}

// The number comes first on screen (the list keeps term before value): the three numbers share a
// line however the labels under them wrap.
function Stat({ label, note, value }: { label: string; note?: string; value: number }) {
  return (
    <div className="flex flex-col rounded border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-500">
        {label}
        {note ? <span className="block text-xs text-slate-500">{note}</span> : null}
      </dt>
      <dd className="order-first text-2xl font-bold tabular-nums">{value}</dd>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: pageTitle('Pioneer Board', matches) },
  {
    name: 'description',
    content: 'Issues, roadmap and starter projects from GitHub, in one place.',
  },
]
